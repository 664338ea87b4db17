// RUN: tessera-opt %s --split-input-file --verify-diagnostics

// Invalid forms of the elementwise ops (TesseraElementwiseOps.td), one per
// function. Ops whose only rule is their element-type class get one case;
// broadcasting ops also get shape and result-type cases. The generic form is
// used where the custom syntax cannot spell the invalid op.

//===----------------------------------------------------------------------===//
// Unary numeric ops: neg, abs, sign, relu (no i1, no other types)
//===----------------------------------------------------------------------===//

// i1 is not numeric.
func.func @neg_i1(%x: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.neg' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xi1>'}}
  %0 = tessera.neg %x : tensor<4xi1>
  return
}

// -----

// Only signless integers are supported.
func.func @abs_ui8(%x: tensor<4xui8>) {
  // expected-error@+1 {{'tessera.abs' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xui8>'}}
  %0 = tessera.abs %x : tensor<4xui8>
  return
}

// -----

func.func @sign_i16(%x: tensor<2x2xi16>) {
  // expected-error@+1 {{'tessera.sign' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<2x2xi16>'}}
  %0 = tessera.sign %x : tensor<2x2xi16>
  return
}

// -----

func.func @relu_f8E4M3FN(%x: tensor<4xf8E4M3FN>) {
  // expected-error@+1 {{'tessera.relu' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xf8E4M3FN>'}}
  %0 = tessera.relu %x : tensor<4xf8E4M3FN>
  return
}

// -----

func.func @neg_dynamic_shape(%x: tensor<?xf32>) {
  // expected-error@+1 {{'tessera.neg' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<?xf32>'}}
  %0 = tessera.neg %x : tensor<?xf32>
  return
}

// -----

// The custom syntax only parses ranked tensors; the generic form reaches the verifier.
func.func @abs_unranked(%x: tensor<*xi32>) {
  // expected-error@+1 {{'tessera.abs' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<*xi32>'}}
  %0 = "tessera.abs"(%x) : (tensor<*xi32>) -> tensor<*xi32>
  return
}

// -----

// Unary ops keep the operand type; only the generic form can spell another.
func.func @neg_result_element_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.neg' op requires the same type for all operands and results}}
  %0 = "tessera.neg"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @relu_result_shape(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.relu' op requires the same type for all operands and results}}
  %0 = "tessera.relu"(%x) : (tensor<4xi32>) -> tensor<2x2xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Unary float ops
//===----------------------------------------------------------------------===//

func.func @exp_i32(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.exp' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = "tessera.exp"(%x) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @log_i64(%x: tensor<4xi64>) {
  // expected-error@+1 {{'tessera.log' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi64>'}}
  %0 = tessera.log %x : tensor<4xi64>
  return
}

// -----

func.func @sqrt_i8(%x: tensor<4xi8>) {
  // expected-error@+1 {{'tessera.sqrt' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi8>'}}
  %0 = tessera.sqrt %x : tensor<4xi8>
  return
}

// -----

func.func @rsqrt_i1(%x: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.rsqrt' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi1>'}}
  %0 = tessera.rsqrt %x : tensor<4xi1>
  return
}

// -----

func.func @reciprocal_i32(%x: tensor<3xi32>) {
  // expected-error@+1 {{'tessera.reciprocal' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<3xi32>'}}
  %0 = tessera.reciprocal %x : tensor<3xi32>
  return
}

// -----

func.func @tanh_i8(%x: tensor<2x3xi8>) {
  // expected-error@+1 {{'tessera.tanh' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<2x3xi8>'}}
  %0 = tessera.tanh %x : tensor<2x3xi8>
  return
}

// -----

func.func @erf_i64_scalar(%x: tensor<i64>) {
  // expected-error@+1 {{'tessera.erf' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<i64>'}}
  %0 = tessera.erf %x : tensor<i64>
  return
}

// -----

func.func @sigmoid_i1(%x: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.sigmoid' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi1>'}}
  %0 = tessera.sigmoid %x : tensor<4xi1>
  return
}

// -----

func.func @sin_i32(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.sin' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = tessera.sin %x : tensor<4xi32>
  return
}

// -----

func.func @cos_i64(%x: tensor<4xi64>) {
  // expected-error@+1 {{'tessera.cos' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi64>'}}
  %0 = tessera.cos %x : tensor<4xi64>
  return
}

// -----

func.func @tan_i8(%x: tensor<4xi8>) {
  // expected-error@+1 {{'tessera.tan' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi8>'}}
  %0 = tessera.tan %x : tensor<4xi8>
  return
}

// -----

func.func @asin_i32(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.asin' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = tessera.asin %x : tensor<4xi32>
  return
}

// -----

func.func @acos_f8E5M2(%x: tensor<4xf8E5M2>) {
  // expected-error@+1 {{'tessera.acos' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xf8E5M2>'}}
  %0 = tessera.acos %x : tensor<4xf8E5M2>
  return
}

// -----

func.func @atan_i1(%x: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.atan' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi1>'}}
  %0 = tessera.atan %x : tensor<4xi1>
  return
}

// -----

func.func @sinh_i32(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.sinh' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = tessera.sinh %x : tensor<4xi32>
  return
}

// -----

func.func @cosh_i64(%x: tensor<4xi64>) {
  // expected-error@+1 {{'tessera.cosh' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi64>'}}
  %0 = tessera.cosh %x : tensor<4xi64>
  return
}

// -----

func.func @asinh_i8(%x: tensor<4xi8>) {
  // expected-error@+1 {{'tessera.asinh' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi8>'}}
  %0 = tessera.asinh %x : tensor<4xi8>
  return
}

// -----

func.func @acosh_i32(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.acosh' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = tessera.acosh %x : tensor<4xi32>
  return
}

// -----

func.func @atanh_i16(%x: tensor<4xi16>) {
  // expected-error@+1 {{'tessera.atanh' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi16>'}}
  %0 = tessera.atanh %x : tensor<4xi16>
  return
}

// -----

func.func @floor_i32(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.floor' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = tessera.floor %x : tensor<4xi32>
  return
}

// -----

func.func @ceil_i64(%x: tensor<4xi64>) {
  // expected-error@+1 {{'tessera.ceil' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi64>'}}
  %0 = tessera.ceil %x : tensor<4xi64>
  return
}

// -----

func.func @round_i8(%x: tensor<4xi8>) {
  // expected-error@+1 {{'tessera.round' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi8>'}}
  %0 = tessera.round %x : tensor<4xi8>
  return
}

// -----

func.func @exp_dynamic_shape(%x: tensor<?x4xf32>) {
  // expected-error@+1 {{'tessera.exp' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<?x4xf32>'}}
  %0 = tessera.exp %x : tensor<?x4xf32>
  return
}

// -----

func.func @sqrt_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.sqrt' op requires the same type for all operands and results}}
  %0 = "tessera.sqrt"(%x) : (tensor<4xf32>) -> tensor<4xf64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// not (i1 and integers)
//===----------------------------------------------------------------------===//

func.func @not_f32(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.not' op operand #0 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = tessera.not %x : tensor<4xf32>
  return
}

// -----

func.func @not_i16(%x: tensor<4xi16>) {
  // expected-error@+1 {{'tessera.not' op operand #0 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xi16>'}}
  %0 = tessera.not %x : tensor<4xi16>
  return
}

// -----

func.func @not_result_type(%x: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.not' op requires the same type for all operands and results}}
  %0 = "tessera.not"(%x) : (tensor<4xi1>) -> tensor<4xi8>
  return
}

// -----

//===----------------------------------------------------------------------===//
// gelu
//===----------------------------------------------------------------------===//

func.func @gelu_i32(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.gelu' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = tessera.gelu %x : tensor<4xi32>
  return
}

// -----

func.func @gelu_unknown_approximation(%x: tensor<4xf32>) {
  // expected-error@+1 {{custom op 'tessera.gelu' expected string or keyword containing one of the following enum values for attribute 'approximate' [none, tanh]}}
  %0 = tessera.gelu %x approximate = erf : tensor<4xf32>
  return
}

// -----

func.func @gelu_result_type(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.gelu' op requires the same type for all operands and results}}
  %0 = "tessera.gelu"(%x) : (tensor<4xf32>) -> tensor<4xbf16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// is_nan, is_inf
//===----------------------------------------------------------------------===//

func.func @is_nan_i32(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.is_nan' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = tessera.is_nan %x : (tensor<4xi32>) -> tensor<4xi1>
  return
}

// -----

func.func @is_nan_result_not_i1(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.is_nan' op result #0 must be statically shaped tensor of 1-bit signless integer values, but got 'tensor<4xi32>'}}
  %0 = tessera.is_nan %x : (tensor<4xf32>) -> tensor<4xi32>
  return
}

// -----

func.func @is_nan_result_shape(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.is_nan' op result type 'tensor<2x2xi1>' does not match the inferred type 'tensor<4xi1>'}}
  %0 = tessera.is_nan %x : (tensor<4xf32>) -> tensor<2x2xi1>
  return
}

// -----

func.func @is_nan_dynamic_shape(%x: tensor<?xf16>) {
  // expected-error@+1 {{'tessera.is_nan' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<?xf16>'}}
  %0 = tessera.is_nan %x : (tensor<?xf16>) -> tensor<4xi1>
  return
}

// -----

func.func @is_inf_i1(%x: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.is_inf' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4xi1>'}}
  %0 = tessera.is_inf %x : (tensor<4xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @is_inf_result_shape(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.is_inf' op result type 'tensor<1x4xi1>' does not match the inferred type 'tensor<4xi1>'}}
  %0 = tessera.is_inf %x {detect_negative = false} : (tensor<4xf32>) -> tensor<1x4xi1>
  return
}

// -----

func.func @is_inf_non_bool_attr(%x: tensor<4xf32>) {
  // expected-error@+1 {{custom op 'tessera.is_inf' 'tessera.is_inf' op attribute 'detect_negative' failed to satisfy constraint: bool attribute}}
  %0 = tessera.is_inf %x {detect_negative = 1 : i32} : (tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cast
//===----------------------------------------------------------------------===//

func.func @cast_shape_change(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.cast' op requires the same shape for all operands and results}}
  %0 = tessera.cast %x : tensor<4xf32> to tensor<2x2xf16>
  return
}

// -----

func.func @cast_rank_change(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.cast' op requires the same shape for all operands and results}}
  %0 = tessera.cast %x : tensor<4xi32> to tensor<1x4xi32>
  return
}

// -----

func.func @cast_dynamic_shape(%x: tensor<?xf32>) {
  // expected-error@+1 {{'tessera.cast' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<?xf32>'}}
  %0 = tessera.cast %x : tensor<?xf32> to tensor<?xf16>
  return
}

// -----

func.func @cast_to_f8(%x: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.cast' op result #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xf8E4M3FN>'}}
  %0 = tessera.cast %x : tensor<4xf32> to tensor<4xf8E4M3FN>
  return
}

// -----

func.func @cast_from_ui8(%x: tensor<4xui8>) {
  // expected-error@+1 {{'tessera.cast' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xui8>'}}
  %0 = tessera.cast %x : tensor<4xui8> to tensor<4xi32>
  return
}

// -----

func.func @cast_to_i16(%x: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.cast' op result #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xi16>'}}
  %0 = tessera.cast %x : tensor<4xi32> to tensor<4xi16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Binary arithmetic ops: add, sub, mul, div, pow, max, min
//===----------------------------------------------------------------------===//

func.func @add_not_broadcastable(%a: tensor<4xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'tessera.add' op operand shapes [4] and [3] are not broadcast-compatible}}
  %0 = tessera.add %a, %b : (tensor<4xf32>, tensor<3xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @add_mixed_element_types(%a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error@+1 {{'tessera.add' op expected operands of one element type, got 'f32' and 'f16'}}
  %0 = tessera.add %a, %b : (tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return
}

// -----

func.func @add_result_shape(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.add' op result type 'tensor<1x4xf32>' does not match the inferred type 'tensor<4xf32>'}}
  %0 = tessera.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  return
}

// -----

// A wrong result element type is caught by SameOperandsAndResultElementType first.
func.func @add_result_element_type(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.add' op result type 'tensor<4xf16>' does not match the inferred type 'tensor<4xf32>'}}
  %0 = tessera.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @add_i1(%a: tensor<4xi1>, %b: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.add' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xi1>'}}
  %0 = tessera.add %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @add_dynamic_shape(%a: tensor<4xf32>, %b: tensor<?xf32>) {
  // expected-error@+1 {{'tessera.add' op operand #1 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<?xf32>'}}
  %0 = tessera.add %a, %b : (tensor<4xf32>, tensor<?xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @sub_i16(%a: tensor<4xi16>, %b: tensor<4xi16>) {
  // expected-error@+1 {{'tessera.sub' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xi16>'}}
  %0 = tessera.sub %a, %b : (tensor<4xi16>, tensor<4xi16>) -> tensor<4xi16>
  return
}

// -----

// Shapes align from the trailing dimension: 3 vs 2.
func.func @sub_not_broadcastable(%a: tensor<2x3xi32>, %b: tensor<2xi32>) {
  // expected-error@+1 {{'tessera.sub' op operand shapes [2, 3] and [2] are not broadcast-compatible}}
  %0 = tessera.sub %a, %b : (tensor<2x3xi32>, tensor<2xi32>) -> tensor<2x3xi32>
  return
}

// -----

func.func @mul_result_not_broadcast_shape(%a: tensor<4x1xf32>, %b: tensor<1x5xf32>) {
  // expected-error@+1 {{'tessera.mul' op result type 'tensor<4x1xf32>' does not match the inferred type 'tensor<4x5xf32>'}}
  %0 = tessera.mul %a, %b : (tensor<4x1xf32>, tensor<1x5xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @mul_ui8(%a: tensor<4xui8>, %b: tensor<4xui8>) {
  // expected-error@+1 {{'tessera.mul' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xui8>'}}
  %0 = tessera.mul %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return
}

// -----

func.func @div_mixed_element_types(%a: tensor<4xi32>, %b: tensor<4xi64>) {
  // expected-error@+1 {{'tessera.div' op expected operands of one element type, got 'i32' and 'i64'}}
  %0 = tessera.div %a, %b : (tensor<4xi32>, tensor<4xi64>) -> tensor<4xi32>
  return
}

// -----

func.func @div_f8(%a: tensor<4xf8E4M3FN>, %b: tensor<4xf8E4M3FN>) {
  // expected-error@+1 {{'tessera.div' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xf8E4M3FN>'}}
  %0 = tessera.div %a, %b : (tensor<4xf8E4M3FN>, tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN>
  return
}

// -----

func.func @pow_result_shape(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'tessera.pow' op result type 'tensor<3xf32>' does not match the inferred type 'tensor<2x3xf32>'}}
  %0 = tessera.pow %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @pow_i1(%a: tensor<4xi1>, %b: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.pow' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xi1>'}}
  %0 = tessera.pow %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @max_not_broadcastable(%a: tensor<2x4xbf16>, %b: tensor<3x1xbf16>) {
  // expected-error@+1 {{'tessera.max' op operand shapes [2, 4] and [3, 1] are not broadcast-compatible}}
  %0 = tessera.max %a, %b : (tensor<2x4xbf16>, tensor<3x1xbf16>) -> tensor<2x4xbf16>
  return
}

// -----

func.func @max_i1(%a: tensor<4xi1>, %b: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.max' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xi1>'}}
  %0 = tessera.max %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @min_dynamic_shape(%a: tensor<?x4xi64>, %b: tensor<1x4xi64>) {
  // expected-error@+1 {{'tessera.min' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<?x4xi64>'}}
  %0 = tessera.min %a, %b : (tensor<?x4xi64>, tensor<1x4xi64>) -> tensor<1x4xi64>
  return
}

// -----

func.func @min_mixed_element_types(%a: tensor<4xf64>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.min' op expected operands of one element type, got 'f64' and 'f32'}}
  %0 = tessera.min %a, %b : (tensor<4xf64>, tensor<4xf32>) -> tensor<4xf64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Logical / bitwise ops: and, or, xor (i1 and integers)
//===----------------------------------------------------------------------===//

func.func @and_f32(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.and' op operand #0 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = tessera.and %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @and_not_broadcastable(%a: tensor<4xi1>, %b: tensor<5xi1>) {
  // expected-error@+1 {{'tessera.and' op operand shapes [4] and [5] are not broadcast-compatible}}
  %0 = tessera.and %a, %b : (tensor<4xi1>, tensor<5xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @or_bf16(%a: tensor<4xbf16>, %b: tensor<4xbf16>) {
  // expected-error@+1 {{'tessera.or' op operand #0 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xbf16>'}}
  %0 = tessera.or %a, %b : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
  return
}

// -----

func.func @or_mixed_element_types(%a: tensor<4xi1>, %b: tensor<4xi8>) {
  // expected-error@+1 {{'tessera.or' op expected operands of one element type, got 'i1' and 'i8'}}
  %0 = tessera.or %a, %b : (tensor<4xi1>, tensor<4xi8>) -> tensor<4xi1>
  return
}

// -----

func.func @xor_f16(%a: tensor<4xf16>, %b: tensor<4xf16>) {
  // expected-error@+1 {{'tessera.xor' op operand #0 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xf16>'}}
  %0 = tessera.xor %a, %b : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  return
}

// -----

func.func @xor_result_shape(%a: tensor<2x1xi32>, %b: tensor<3xi32>) {
  // expected-error@+1 {{'tessera.xor' op result type 'tensor<2x1xi32>' does not match the inferred type 'tensor<2x3xi32>'}}
  %0 = tessera.xor %a, %b : (tensor<2x1xi32>, tensor<3xi32>) -> tensor<2x1xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// mod
//===----------------------------------------------------------------------===//

func.func @mod_float_without_fmod(%a: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.mod' op expected 'fmod' for floating-point operands, got 'f32'}}
  %0 = tessera.mod %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----


func.func @mod_i1(%a: tensor<4xi1>, %b: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.mod' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xi1>'}}
  %0 = tessera.mod %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @mod_not_broadcastable(%a: tensor<2x4xf32>, %b: tensor<3x1xf32>) {
  // expected-error@+1 {{'tessera.mod' op operand shapes [2, 4] and [3, 1] are not broadcast-compatible}}
  %0 = tessera.mod %a, %b fmod : (tensor<2x4xf32>, tensor<3x1xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @mod_result_shape(%a: tensor<i32>, %b: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.mod' op result type 'tensor<i32>' does not match the inferred type 'tensor<4xi32>'}}
  %0 = tessera.mod %a, %b : (tensor<i32>, tensor<4xi32>) -> tensor<i32>
  return
}

// -----

func.func @mod_mixed_element_types(%a: tensor<4xi32>, %b: tensor<4xi8>) {
  // expected-error@+1 {{'tessera.mod' op expected operands of one element type, got 'i32' and 'i8'}}
  %0 = tessera.mod %a, %b : (tensor<4xi32>, tensor<4xi8>) -> tensor<4xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// compare
//===----------------------------------------------------------------------===//

func.func @compare_mixed_element_types(%a: tensor<4xf32>, %b: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.compare' op expected operands of one element type, got 'f32' and 'i32'}}
  %0 = tessera.compare eq, %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xi1>
  return
}

// -----

func.func @compare_not_broadcastable(%a: tensor<4xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'tessera.compare' op operand shapes [4] and [3] are not broadcast-compatible}}
  %0 = tessera.compare lt, %a, %b : (tensor<4xf32>, tensor<3xf32>) -> tensor<4xi1>
  return
}

// -----

func.func @compare_result_not_i1(%a: tensor<4xi32>, %b: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.compare' op result #0 must be statically shaped tensor of 1-bit signless integer values, but got 'tensor<4xi32>'}}
  %0 = tessera.compare gt, %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @compare_result_shape(%a: tensor<2x1xf16>, %b: tensor<3xf16>) {
  // expected-error@+1 {{'tessera.compare' op result type 'tensor<2x1xi1>' does not match the inferred type 'tensor<2x3xi1>'}}
  %0 = tessera.compare le, %a, %b : (tensor<2x1xf16>, tensor<3xf16>) -> tensor<2x1xi1>
  return
}

// -----

func.func @compare_unknown_predicate(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{custom op 'tessera.compare' expected string or keyword containing one of the following enum values for attribute 'predicate' [eq, ne, lt, le, gt, ge]}}
  %0 = tessera.compare lg, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

func.func @compare_dynamic_shape(%a: tensor<?xf32>, %b: tensor<?xf32>) {
  // expected-error@+1 {{'tessera.compare' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<?xf32>'}}
  %0 = tessera.compare ne, %a, %b : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xi1>
  return
}

// -----

func.func @compare_i16(%a: tensor<4xi16>, %b: tensor<4xi16>) {
  // expected-error@+1 {{'tessera.compare' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xi16>'}}
  %0 = tessera.compare ge, %a, %b : (tensor<4xi16>, tensor<4xi16>) -> tensor<4xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// select
//===----------------------------------------------------------------------===//

func.func @select_i32_condition(%c: tensor<4xi32>, %t: tensor<4xf32>, %f: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.select' op operand #0 must be statically shaped tensor of 1-bit signless integer values, but got 'tensor<4xi32>'}}
  %0 = tessera.select %c, %t, %f : (tensor<4xi32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @select_f32_condition(%c: tensor<4xf32>, %t: tensor<4xf32>, %f: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.select' op operand #0 must be statically shaped tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = tessera.select %c, %t, %f : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @select_mismatched_value_types(%c: tensor<4xi1>, %t: tensor<4xf32>, %f: tensor<4xf16>) {
  // expected-error@+1 {{'tessera.select' op expected true and false values of the same element type, got 'f32' and 'f16'}}
  %0 = tessera.select %c, %t, %f : (tensor<4xi1>, tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return
}

// -----

func.func @select_not_broadcastable(%c: tensor<3xi1>, %t: tensor<4xf32>, %f: tensor<4xf32>) {
  // expected-error@+1 {{'tessera.select' op operand shapes [3], [4] and [4] are not broadcast-compatible}}
  %0 = tessera.select %c, %t, %f : (tensor<3xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @select_result_element_type(%c: tensor<4xi1>, %t: tensor<4xi32>, %f: tensor<4xi32>) {
  // expected-error@+1 {{'tessera.select' op result type 'tensor<4xi64>' does not match the inferred type 'tensor<4xi32>'}}
  %0 = tessera.select %c, %t, %f : (tensor<4xi1>, tensor<4xi32>, tensor<4xi32>) -> tensor<4xi64>
  return
}

// -----

func.func @select_result_shape(%c: tensor<2x1xi1>, %t: tensor<3xf32>, %f: tensor<f32>) {
  // expected-error@+1 {{'tessera.select' op result type 'tensor<3xf32>' does not match the inferred type 'tensor<2x3xf32>'}}
  %0 = tessera.select %c, %t, %f : (tensor<2x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return
}

// -----

func.func @select_i16_values(%c: tensor<4xi1>, %t: tensor<4xi16>, %f: tensor<4xi16>) {
  // expected-error@+1 {{'tessera.select' op operand #1 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<4xi16>'}}
  %0 = tessera.select %c, %t, %f : (tensor<4xi1>, tensor<4xi16>, tensor<4xi16>) -> tensor<4xi16>
  return
}

// -----

func.func @select_dynamic_shape(%c: tensor<4xi1>, %t: tensor<4xf32>, %f: tensor<?xf32>) {
  // expected-error@+1 {{'tessera.select' op operand #2 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<?xf32>'}}
  %0 = tessera.select %c, %t, %f : (tensor<4xi1>, tensor<4xf32>, tensor<?xf32>) -> tensor<4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// clamp
//===----------------------------------------------------------------------===//

func.func @clamp_min_not_broadcastable(%x: tensor<4xf32>, %lo: tensor<3xf32>, %hi: tensor<f32>) {
  // expected-error@+1 {{'tessera.clamp' op bound shape [3] does not broadcast to the input shape [4]}}
  %0 = tessera.clamp %x, %lo, %hi : (tensor<4xf32>, tensor<3xf32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

func.func @clamp_max_not_broadcastable(%x: tensor<2x3xi32>, %lo: tensor<i32>, %hi: tensor<2xi32>) {
  // expected-error@+1 {{'tessera.clamp' op bound shape [2] does not broadcast to the input shape [2, 3]}}
  %0 = tessera.clamp %x, %lo, %hi : (tensor<2x3xi32>, tensor<i32>, tensor<2xi32>) -> tensor<2x3xi32>
  return
}

// -----

// Bounds may not broadcast the input to a larger shape.
func.func @clamp_bound_widens_input(%x: tensor<4xf32>, %lo: tensor<2x4xf32>, %hi: tensor<f32>) {
  // expected-error@+1 {{'tessera.clamp' op bound shape [2, 4] does not broadcast to the input shape [4]}}
  %0 = tessera.clamp %x, %lo, %hi : (tensor<4xf32>, tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  return
}

// -----

// Not even by adding a leading size-1 dimension: the result keeps the input shape.
func.func @clamp_bound_higher_rank(%x: tensor<4xf32>, %lo: tensor<1x4xf32>, %hi: tensor<f32>) {
  // expected-error@+1 {{'tessera.clamp' op bound shape [1, 4] does not broadcast to the input shape [4]}}
  %0 = tessera.clamp %x, %lo, %hi : (tensor<4xf32>, tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @clamp_mixed_element_types(%x: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f16>) {
  // expected-error@+1 {{'tessera.clamp' op expected operands of one element type, got 'f32' and 'f16'}}
  %0 = tessera.clamp %x, %lo, %hi : (tensor<4xf32>, tensor<f32>, tensor<f16>) -> tensor<4xf32>
  return
}

// -----

func.func @clamp_result_shape(%x: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f32>) {
  // expected-error@+1 {{'tessera.clamp' op result type 'tensor<f32>' does not match the inferred type 'tensor<4xf32>'}}
  %0 = tessera.clamp %x, %lo, %hi : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @clamp_i1(%x: tensor<4xi1>, %lo: tensor<i1>, %hi: tensor<i1>) {
  // expected-error@+1 {{'tessera.clamp' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xi1>'}}
  %0 = tessera.clamp %x, %lo, %hi : (tensor<4xi1>, tensor<i1>, tensor<i1>) -> tensor<4xi1>
  return
}

// -----

func.func @clamp_dynamic_shape(%x: tensor<?xf32>, %lo: tensor<f32>, %hi: tensor<f32>) {
  // expected-error@+1 {{'tessera.clamp' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<?xf32>'}}
  %0 = tessera.clamp %x, %lo, %hi : (tensor<?xf32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  return
}
