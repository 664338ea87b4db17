// RUN: tessera-opt %s --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file | tessera-opt --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file --mlir-print-op-generic | tessera-opt --split-input-file | FileCheck %s

// Round trips of the elementwise ops (TesseraElementwiseOps.td): custom form,
// custom form re-parsed, and generic form re-parsed into the custom form.
// Invalid forms are in elementwise-invalid.mlir.

//===----------------------------------------------------------------------===//
// Unary numeric ops: neg, abs, sign, relu (floats and integers, not i1)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @neg_f32
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[R:.+]] = tessera.neg %[[X]] : tensor<2x3xf32>
// CHECK: return %[[R]] : tensor<2x3xf32>
func.func @neg_f32(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.neg %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @neg_int_types
// CHECK-SAME: (%[[A:.+]]: tensor<4xi64>, %[[B:.+]]: tensor<4xi32>, %[[C:.+]]: tensor<4xi8>)
// CHECK: tessera.neg %[[A]] : tensor<4xi64>
// CHECK: tessera.neg %[[B]] : tensor<4xi32>
// CHECK: tessera.neg %[[C]] : tensor<4xi8>
func.func @neg_int_types(%a: tensor<4xi64>, %b: tensor<4xi32>, %c: tensor<4xi8>)
    -> (tensor<4xi64>, tensor<4xi32>, tensor<4xi8>) {
  %0 = tessera.neg %a : tensor<4xi64>
  %1 = tessera.neg %b : tensor<4xi32>
  %2 = tessera.neg %c : tensor<4xi8>
  return %0, %1, %2 : tensor<4xi64>, tensor<4xi32>, tensor<4xi8>
}

// -----

// CHECK-LABEL: func.func @abs_f16_i32
// CHECK-SAME: (%[[F:.+]]: tensor<3xf16>, %[[I:.+]]: tensor<3xi32>)
// CHECK: %[[R0:.+]] = tessera.abs %[[F]] : tensor<3xf16>
// CHECK: %[[R1:.+]] = tessera.abs %[[I]] : tensor<3xi32>
// CHECK: return %[[R0]], %[[R1]] : tensor<3xf16>, tensor<3xi32>
func.func @abs_f16_i32(%f: tensor<3xf16>, %i: tensor<3xi32>)
    -> (tensor<3xf16>, tensor<3xi32>) {
  %0 = tessera.abs %f : tensor<3xf16>
  %1 = tessera.abs %i : tensor<3xi32>
  return %0, %1 : tensor<3xf16>, tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @sign_bf16_i8
// CHECK-SAME: (%[[F:.+]]: tensor<2x2xbf16>, %[[I:.+]]: tensor<2x2xi8>)
// CHECK: tessera.sign %[[F]] : tensor<2x2xbf16>
// CHECK: tessera.sign %[[I]] : tensor<2x2xi8>
func.func @sign_bf16_i8(%f: tensor<2x2xbf16>, %i: tensor<2x2xi8>)
    -> (tensor<2x2xbf16>, tensor<2x2xi8>) {
  %0 = tessera.sign %f : tensor<2x2xbf16>
  %1 = tessera.sign %i : tensor<2x2xi8>
  return %0, %1 : tensor<2x2xbf16>, tensor<2x2xi8>
}

// -----

// CHECK-LABEL: func.func @relu_f64_i64
// CHECK-SAME: (%[[F:.+]]: tensor<1x8xf64>, %[[I:.+]]: tensor<8xi64>)
// CHECK: tessera.relu %[[F]] : tensor<1x8xf64>
// CHECK: tessera.relu %[[I]] : tensor<8xi64>
func.func @relu_f64_i64(%f: tensor<1x8xf64>, %i: tensor<8xi64>)
    -> (tensor<1x8xf64>, tensor<8xi64>) {
  %0 = tessera.relu %f : tensor<1x8xf64>
  %1 = tessera.relu %i : tensor<8xi64>
  return %0, %1 : tensor<1x8xf64>, tensor<8xi64>
}

// -----

// Rank-0 (scalar) tensors keep their type.
// CHECK-LABEL: func.func @unary_scalar
// CHECK-SAME: (%[[F:.+]]: tensor<f32>, %[[I:.+]]: tensor<i32>)
// CHECK: %[[R0:.+]] = tessera.exp %[[F]] : tensor<f32>
// CHECK: %[[R1:.+]] = tessera.relu %[[I]] : tensor<i32>
// CHECK: return %[[R0]], %[[R1]] : tensor<f32>, tensor<i32>
func.func @unary_scalar(%f: tensor<f32>, %i: tensor<i32>)
    -> (tensor<f32>, tensor<i32>) {
  %0 = tessera.exp %f : tensor<f32>
  %1 = tessera.relu %i : tensor<i32>
  return %0, %1 : tensor<f32>, tensor<i32>
}

// -----

//===----------------------------------------------------------------------===//
// Unary float ops (f32, f16, bf16, f64)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @exp_log_f32
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[E:.+]] = tessera.exp %[[X]] : tensor<2x3xf32>
// CHECK: %[[L:.+]] = tessera.log %[[E]] : tensor<2x3xf32>
// CHECK: return %[[L]]
func.func @exp_log_f32(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.exp %x : tensor<2x3xf32>
  %1 = tessera.log %0 : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @sqrt_rsqrt_reciprocal_f16
// CHECK-SAME: (%[[X:.+]]: tensor<4xf16>)
// CHECK: %[[S:.+]] = tessera.sqrt %[[X]] : tensor<4xf16>
// CHECK: %[[RS:.+]] = tessera.rsqrt %[[S]] : tensor<4xf16>
// CHECK: %[[RC:.+]] = tessera.reciprocal %[[RS]] : tensor<4xf16>
// CHECK: return %[[RC]]
func.func @sqrt_rsqrt_reciprocal_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = tessera.sqrt %x : tensor<4xf16>
  %1 = tessera.rsqrt %0 : tensor<4xf16>
  %2 = tessera.reciprocal %1 : tensor<4xf16>
  return %2 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @tanh_erf_sigmoid_bf16
// CHECK-SAME: (%[[X:.+]]: tensor<2x4xbf16>)
// CHECK: %[[T:.+]] = tessera.tanh %[[X]] : tensor<2x4xbf16>
// CHECK: %[[E:.+]] = tessera.erf %[[T]] : tensor<2x4xbf16>
// CHECK: %[[S:.+]] = tessera.sigmoid %[[E]] : tensor<2x4xbf16>
// CHECK: return %[[S]]
func.func @tanh_erf_sigmoid_bf16(%x: tensor<2x4xbf16>) -> tensor<2x4xbf16> {
  %0 = tessera.tanh %x : tensor<2x4xbf16>
  %1 = tessera.erf %0 : tensor<2x4xbf16>
  %2 = tessera.sigmoid %1 : tensor<2x4xbf16>
  return %2 : tensor<2x4xbf16>
}

// -----

// CHECK-LABEL: func.func @trig_f64
// CHECK-SAME: (%[[X:.+]]: tensor<5xf64>)
// CHECK: %[[S:.+]] = tessera.sin %[[X]] : tensor<5xf64>
// CHECK: %[[C:.+]] = tessera.cos %[[S]] : tensor<5xf64>
// CHECK: %[[T:.+]] = tessera.tan %[[C]] : tensor<5xf64>
// CHECK: return %[[T]]
func.func @trig_f64(%x: tensor<5xf64>) -> tensor<5xf64> {
  %0 = tessera.sin %x : tensor<5xf64>
  %1 = tessera.cos %0 : tensor<5xf64>
  %2 = tessera.tan %1 : tensor<5xf64>
  return %2 : tensor<5xf64>
}

// -----

// CHECK-LABEL: func.func @inverse_trig_f32
// CHECK-SAME: (%[[X:.+]]: tensor<3x1xf32>)
// CHECK: %[[S:.+]] = tessera.asin %[[X]] : tensor<3x1xf32>
// CHECK: %[[C:.+]] = tessera.acos %[[S]] : tensor<3x1xf32>
// CHECK: %[[T:.+]] = tessera.atan %[[C]] : tensor<3x1xf32>
// CHECK: return %[[T]]
func.func @inverse_trig_f32(%x: tensor<3x1xf32>) -> tensor<3x1xf32> {
  %0 = tessera.asin %x : tensor<3x1xf32>
  %1 = tessera.acos %0 : tensor<3x1xf32>
  %2 = tessera.atan %1 : tensor<3x1xf32>
  return %2 : tensor<3x1xf32>
}

// -----

// CHECK-LABEL: func.func @hyperbolic_f16
// CHECK-SAME: (%[[X:.+]]: tensor<8xf16>)
// CHECK: %[[S:.+]] = tessera.sinh %[[X]] : tensor<8xf16>
// CHECK: %[[C:.+]] = tessera.cosh %[[S]] : tensor<8xf16>
// CHECK: return %[[C]]
func.func @hyperbolic_f16(%x: tensor<8xf16>) -> tensor<8xf16> {
  %0 = tessera.sinh %x : tensor<8xf16>
  %1 = tessera.cosh %0 : tensor<8xf16>
  return %1 : tensor<8xf16>
}

// -----

// CHECK-LABEL: func.func @inverse_hyperbolic_bf16
// CHECK-SAME: (%[[X:.+]]: tensor<2x2x2xbf16>)
// CHECK: %[[S:.+]] = tessera.asinh %[[X]] : tensor<2x2x2xbf16>
// CHECK: %[[C:.+]] = tessera.acosh %[[S]] : tensor<2x2x2xbf16>
// CHECK: %[[T:.+]] = tessera.atanh %[[C]] : tensor<2x2x2xbf16>
// CHECK: return %[[T]]
func.func @inverse_hyperbolic_bf16(%x: tensor<2x2x2xbf16>) -> tensor<2x2x2xbf16> {
  %0 = tessera.asinh %x : tensor<2x2x2xbf16>
  %1 = tessera.acosh %0 : tensor<2x2x2xbf16>
  %2 = tessera.atanh %1 : tensor<2x2x2xbf16>
  return %2 : tensor<2x2x2xbf16>
}

// -----

// CHECK-LABEL: func.func @rounding_f32
// CHECK-SAME: (%[[X:.+]]: tensor<6xf32>)
// CHECK: %[[F:.+]] = tessera.floor %[[X]] : tensor<6xf32>
// CHECK: %[[C:.+]] = tessera.ceil %[[F]] : tensor<6xf32>
// CHECK: %[[R:.+]] = tessera.round %[[C]] : tensor<6xf32>
// CHECK: return %[[R]]
func.func @rounding_f32(%x: tensor<6xf32>) -> tensor<6xf32> {
  %0 = tessera.floor %x : tensor<6xf32>
  %1 = tessera.ceil %0 : tensor<6xf32>
  %2 = tessera.round %1 : tensor<6xf32>
  return %2 : tensor<6xf32>
}

// -----

// CHECK-LABEL: func.func @float_unary_f64_scalar
// CHECK-SAME: (%[[X:.+]]: tensor<f64>)
// CHECK: %[[S:.+]] = tessera.sqrt %[[X]] : tensor<f64>
// CHECK: %[[L:.+]] = tessera.log %[[S]] : tensor<f64>
// CHECK: return %[[L]] : tensor<f64>
func.func @float_unary_f64_scalar(%x: tensor<f64>) -> tensor<f64> {
  %0 = tessera.sqrt %x : tensor<f64>
  %1 = tessera.log %0 : tensor<f64>
  return %1 : tensor<f64>
}

// -----

//===----------------------------------------------------------------------===//
// not (i1 and integers)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @not_i1
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xi1>)
// CHECK: %[[R:.+]] = tessera.not %[[X]] : tensor<2x3xi1>
// CHECK: return %[[R]] : tensor<2x3xi1>
func.func @not_i1(%x: tensor<2x3xi1>) -> tensor<2x3xi1> {
  %0 = tessera.not %x : tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func.func @not_int_types
// CHECK-SAME: (%[[A:.+]]: tensor<4xi8>, %[[B:.+]]: tensor<4xi32>, %[[C:.+]]: tensor<i64>)
// CHECK: tessera.not %[[A]] : tensor<4xi8>
// CHECK: tessera.not %[[B]] : tensor<4xi32>
// CHECK: tessera.not %[[C]] : tensor<i64>
func.func @not_int_types(%a: tensor<4xi8>, %b: tensor<4xi32>, %c: tensor<i64>)
    -> (tensor<4xi8>, tensor<4xi32>, tensor<i64>) {
  %0 = tessera.not %a : tensor<4xi8>
  %1 = tessera.not %b : tensor<4xi32>
  %2 = tessera.not %c : tensor<i64>
  return %0, %1, %2 : tensor<4xi8>, tensor<4xi32>, tensor<i64>
}

// -----

//===----------------------------------------------------------------------===//
// gelu
//===----------------------------------------------------------------------===//

// The default approximation (none) is not printed.
// CHECK-LABEL: func.func @gelu_exact
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = tessera.gelu %[[X]] : tensor<2x3xf32>
// CHECK: return %[[R]]
func.func @gelu_exact(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.gelu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Spelling out the default is accepted and elided when printing.
// CHECK-LABEL: func.func @gelu_explicit_none
// CHECK-SAME: (%[[X:.+]]: tensor<4xf16>)
// CHECK: %[[R:.+]] = tessera.gelu %[[X]] : tensor<4xf16>
// CHECK: return %[[R]]
func.func @gelu_explicit_none(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = tessera.gelu %x approximate = none : tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @gelu_tanh
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xbf16>)
// CHECK: %[[R:.+]] = tessera.gelu %[[X]] approximate = tanh : tensor<2x3xbf16>
// CHECK: return %[[R]]
func.func @gelu_tanh(%x: tensor<2x3xbf16>) -> tensor<2x3xbf16> {
  %0 = tessera.gelu %x approximate = tanh : tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// -----

//===----------------------------------------------------------------------===//
// is_nan, is_inf: float in, i1 of the same shape out
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @is_nan
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf16>, %[[S:.+]]: tensor<f64>)
// CHECK: %[[R0:.+]] = tessera.is_nan %[[X]] : (tensor<2x3xf16>) -> tensor<2x3xi1>
// CHECK: %[[R1:.+]] = tessera.is_nan %[[S]] : (tensor<f64>) -> tensor<i1>
// CHECK: return %[[R0]], %[[R1]] : tensor<2x3xi1>, tensor<i1>
func.func @is_nan(%x: tensor<2x3xf16>, %s: tensor<f64>)
    -> (tensor<2x3xi1>, tensor<i1>) {
  %0 = tessera.is_nan %x : (tensor<2x3xf16>) -> tensor<2x3xi1>
  %1 = tessera.is_nan %s : (tensor<f64>) -> tensor<i1>
  return %0, %1 : tensor<2x3xi1>, tensor<i1>
}

// -----

// Both signs are detected by default; default attributes are not printed.
// CHECK-LABEL: func.func @is_inf_default
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK: %[[R0:.+]] = tessera.is_inf %[[X]] : (tensor<4xf32>) -> tensor<4xi1>
// CHECK: %[[R1:.+]] = tessera.is_inf %[[X]] : (tensor<4xf32>) -> tensor<4xi1>
// CHECK: return %[[R0]], %[[R1]]
func.func @is_inf_default(%x: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>) {
  %0 = tessera.is_inf %x : (tensor<4xf32>) -> tensor<4xi1>
  %1 = tessera.is_inf %x {detect_negative = true, detect_positive = true} : (tensor<4xf32>) -> tensor<4xi1>
  return %0, %1 : tensor<4xi1>, tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @is_inf_positive_only
// CHECK-SAME: (%[[X:.+]]: tensor<2x2xbf16>)
// CHECK: %[[R:.+]] = tessera.is_inf %[[X]] {detect_negative = false} : (tensor<2x2xbf16>) -> tensor<2x2xi1>
// CHECK: return %[[R]]
func.func @is_inf_positive_only(%x: tensor<2x2xbf16>) -> tensor<2x2xi1> {
  %0 = tessera.is_inf %x {detect_negative = false} : (tensor<2x2xbf16>) -> tensor<2x2xi1>
  return %0 : tensor<2x2xi1>
}

// -----

// CHECK-LABEL: func.func @is_inf_negative_only
// CHECK-SAME: (%[[X:.+]]: tensor<f64>)
// CHECK: %[[R:.+]] = tessera.is_inf %[[X]] {detect_positive = false} : (tensor<f64>) -> tensor<i1>
// CHECK: return %[[R]]
func.func @is_inf_negative_only(%x: tensor<f64>) -> tensor<i1> {
  %0 = tessera.is_inf %x {detect_positive = false} : (tensor<f64>) -> tensor<i1>
  return %0 : tensor<i1>
}

// -----

//===----------------------------------------------------------------------===//
// cast: any supported element type to any other, same shape
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @cast_float_to_float
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[H:.+]] = tessera.cast %[[X]] : tensor<2x3xf32> to tensor<2x3xf16>
// CHECK: %[[B:.+]] = tessera.cast %[[H]] : tensor<2x3xf16> to tensor<2x3xbf16>
// CHECK: %[[D:.+]] = tessera.cast %[[B]] : tensor<2x3xbf16> to tensor<2x3xf64>
// CHECK: return %[[D]] : tensor<2x3xf64>
func.func @cast_float_to_float(%x: tensor<2x3xf32>) -> tensor<2x3xf64> {
  %0 = tessera.cast %x : tensor<2x3xf32> to tensor<2x3xf16>
  %1 = tessera.cast %0 : tensor<2x3xf16> to tensor<2x3xbf16>
  %2 = tessera.cast %1 : tensor<2x3xbf16> to tensor<2x3xf64>
  return %2 : tensor<2x3xf64>
}

// -----

// CHECK-LABEL: func.func @cast_float_int
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>, %[[Y:.+]]: tensor<4xi64>)
// CHECK: %[[I:.+]] = tessera.cast %[[X]] : tensor<4xf32> to tensor<4xi32>
// CHECK: %[[F:.+]] = tessera.cast %[[Y]] : tensor<4xi64> to tensor<4xf64>
// CHECK: return %[[I]], %[[F]] : tensor<4xi32>, tensor<4xf64>
func.func @cast_float_int(%x: tensor<4xf32>, %y: tensor<4xi64>)
    -> (tensor<4xi32>, tensor<4xf64>) {
  %0 = tessera.cast %x : tensor<4xf32> to tensor<4xi32>
  %1 = tessera.cast %y : tensor<4xi64> to tensor<4xf64>
  return %0, %1 : tensor<4xi32>, tensor<4xf64>
}

// -----

// CHECK-LABEL: func.func @cast_int_to_int
// CHECK-SAME: (%[[X:.+]]: tensor<3x2xi8>)
// CHECK: %[[W:.+]] = tessera.cast %[[X]] : tensor<3x2xi8> to tensor<3x2xi64>
// CHECK: %[[N:.+]] = tessera.cast %[[W]] : tensor<3x2xi64> to tensor<3x2xi32>
// CHECK: return %[[N]]
func.func @cast_int_to_int(%x: tensor<3x2xi8>) -> tensor<3x2xi32> {
  %0 = tessera.cast %x : tensor<3x2xi8> to tensor<3x2xi64>
  %1 = tessera.cast %0 : tensor<3x2xi64> to tensor<3x2xi32>
  return %1 : tensor<3x2xi32>
}

// -----

// CHECK-LABEL: func.func @cast_to_and_from_bool
// CHECK-SAME: (%[[X:.+]]: tensor<5xf16>, %[[Y:.+]]: tensor<5xi32>)
// CHECK: %[[B0:.+]] = tessera.cast %[[X]] : tensor<5xf16> to tensor<5xi1>
// CHECK: %[[B1:.+]] = tessera.cast %[[Y]] : tensor<5xi32> to tensor<5xi1>
// CHECK: %[[F:.+]] = tessera.cast %[[B0]] : tensor<5xi1> to tensor<5xf32>
// CHECK: %[[I:.+]] = tessera.cast %[[B1]] : tensor<5xi1> to tensor<5xi8>
// CHECK: return %[[F]], %[[I]] : tensor<5xf32>, tensor<5xi8>
func.func @cast_to_and_from_bool(%x: tensor<5xf16>, %y: tensor<5xi32>)
    -> (tensor<5xf32>, tensor<5xi8>) {
  %0 = tessera.cast %x : tensor<5xf16> to tensor<5xi1>
  %1 = tessera.cast %y : tensor<5xi32> to tensor<5xi1>
  %2 = tessera.cast %0 : tensor<5xi1> to tensor<5xf32>
  %3 = tessera.cast %1 : tensor<5xi1> to tensor<5xi8>
  return %2, %3 : tensor<5xf32>, tensor<5xi8>
}

// -----

// A cast to the same type is valid (the folder removes it; parsing does not).
// CHECK-LABEL: func.func @cast_scalar_and_identity
// CHECK-SAME: (%[[X:.+]]: tensor<bf16>)
// CHECK: %[[S:.+]] = tessera.cast %[[X]] : tensor<bf16> to tensor<bf16>
// CHECK: %[[I:.+]] = tessera.cast %[[S]] : tensor<bf16> to tensor<i64>
// CHECK: return %[[I]] : tensor<i64>
func.func @cast_scalar_and_identity(%x: tensor<bf16>) -> tensor<i64> {
  %0 = tessera.cast %x : tensor<bf16> to tensor<bf16>
  %1 = tessera.cast %0 : tensor<bf16> to tensor<i64>
  return %1 : tensor<i64>
}

// -----

//===----------------------------------------------------------------------===//
// Binary arithmetic ops with NumPy broadcasting
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @add_same_shape
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = tessera.add %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[R]]
func.func @add_same_shape(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The lower-rank operand is aligned to the trailing dimensions, on either side.
// CHECK-LABEL: func.func @add_broadcast_rank
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK: %[[R0:.+]] = tessera.add %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: %[[R1:.+]] = tessera.add %[[B]], %[[A]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[R0]], %[[R1]]
func.func @add_broadcast_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = tessera.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = tessera.add %b, %a : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Size-1 dimensions of both operands stretch: [4, 1] and [1, 5] give [4, 5].
// CHECK-LABEL: func.func @add_broadcast_unit_dims
// CHECK-SAME: (%[[A:.+]]: tensor<4x1xi32>, %[[B:.+]]: tensor<1x5xi32>)
// CHECK: %[[R:.+]] = tessera.add %[[A]], %[[B]] : (tensor<4x1xi32>, tensor<1x5xi32>) -> tensor<4x5xi32>
// CHECK: return %[[R]] : tensor<4x5xi32>
func.func @add_broadcast_unit_dims(%a: tensor<4x1xi32>, %b: tensor<1x5xi32>) -> tensor<4x5xi32> {
  %0 = tessera.add %a, %b : (tensor<4x1xi32>, tensor<1x5xi32>) -> tensor<4x5xi32>
  return %0 : tensor<4x5xi32>
}

// -----

// Rank and size-1 broadcasting combined: [2, 1, 4] and [3, 1] give [2, 3, 4].
// CHECK-LABEL: func.func @add_broadcast_rank_and_unit_dims
// CHECK-SAME: (%[[A:.+]]: tensor<2x1x4xf16>, %[[B:.+]]: tensor<3x1xf16>)
// CHECK: tessera.add %[[A]], %[[B]] : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
func.func @add_broadcast_rank_and_unit_dims(%a: tensor<2x1x4xf16>, %b: tensor<3x1xf16>) -> tensor<2x3x4xf16> {
  %0 = tessera.add %a, %b : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  return %0 : tensor<2x3x4xf16>
}

// -----

// CHECK-LABEL: func.func @add_scalar
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xbf16>, %[[S:.+]]: tensor<bf16>)
// CHECK: %[[R0:.+]] = tessera.add %[[A]], %[[S]] : (tensor<2x3xbf16>, tensor<bf16>) -> tensor<2x3xbf16>
// CHECK: %[[R1:.+]] = tessera.add %[[S]], %[[S]] : (tensor<bf16>, tensor<bf16>) -> tensor<bf16>
// CHECK: return %[[R0]], %[[R1]] : tensor<2x3xbf16>, tensor<bf16>
func.func @add_scalar(%a: tensor<2x3xbf16>, %s: tensor<bf16>)
    -> (tensor<2x3xbf16>, tensor<bf16>) {
  %0 = tessera.add %a, %s : (tensor<2x3xbf16>, tensor<bf16>) -> tensor<2x3xbf16>
  %1 = tessera.add %s, %s : (tensor<bf16>, tensor<bf16>) -> tensor<bf16>
  return %0, %1 : tensor<2x3xbf16>, tensor<bf16>
}

// -----

// CHECK-LABEL: func.func @sub_i64_f64
// CHECK-SAME: (%[[A:.+]]: tensor<3xi64>, %[[B:.+]]: tensor<1xi64>, %[[C:.+]]: tensor<2x2xf64>)
// CHECK: tessera.sub %[[A]], %[[B]] : (tensor<3xi64>, tensor<1xi64>) -> tensor<3xi64>
// CHECK: tessera.sub %[[C]], %[[C]] : (tensor<2x2xf64>, tensor<2x2xf64>) -> tensor<2x2xf64>
func.func @sub_i64_f64(%a: tensor<3xi64>, %b: tensor<1xi64>, %c: tensor<2x2xf64>)
    -> (tensor<3xi64>, tensor<2x2xf64>) {
  %0 = tessera.sub %a, %b : (tensor<3xi64>, tensor<1xi64>) -> tensor<3xi64>
  %1 = tessera.sub %c, %c : (tensor<2x2xf64>, tensor<2x2xf64>) -> tensor<2x2xf64>
  return %0, %1 : tensor<3xi64>, tensor<2x2xf64>
}

// -----

// CHECK-LABEL: func.func @mul_i8_f16
// CHECK-SAME: (%[[A:.+]]: tensor<i8>, %[[B:.+]]: tensor<2x4xi8>, %[[C:.+]]: tensor<4xf16>)
// CHECK: tessera.mul %[[A]], %[[B]] : (tensor<i8>, tensor<2x4xi8>) -> tensor<2x4xi8>
// CHECK: tessera.mul %[[C]], %[[C]] : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
func.func @mul_i8_f16(%a: tensor<i8>, %b: tensor<2x4xi8>, %c: tensor<4xf16>)
    -> (tensor<2x4xi8>, tensor<4xf16>) {
  %0 = tessera.mul %a, %b : (tensor<i8>, tensor<2x4xi8>) -> tensor<2x4xi8>
  %1 = tessera.mul %c, %c : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  return %0, %1 : tensor<2x4xi8>, tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @div_f64_i32
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xf64>, %[[B:.+]]: tensor<2x1xf64>, %[[C:.+]]: tensor<4xi32>)
// CHECK: tessera.div %[[A]], %[[B]] : (tensor<2x3xf64>, tensor<2x1xf64>) -> tensor<2x3xf64>
// CHECK: tessera.div %[[C]], %[[C]] : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
func.func @div_f64_i32(%a: tensor<2x3xf64>, %b: tensor<2x1xf64>, %c: tensor<4xi32>)
    -> (tensor<2x3xf64>, tensor<4xi32>) {
  %0 = tessera.div %a, %b : (tensor<2x3xf64>, tensor<2x1xf64>) -> tensor<2x3xf64>
  %1 = tessera.div %c, %c : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0, %1 : tensor<2x3xf64>, tensor<4xi32>
}

// -----

// CHECK-LABEL: func.func @pow_f32_i32
// CHECK-SAME: (%[[A:.+]]: tensor<3x4xf32>, %[[E:.+]]: tensor<f32>, %[[I:.+]]: tensor<3xi32>)
// CHECK: tessera.pow %[[A]], %[[E]] : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
// CHECK: tessera.pow %[[I]], %[[I]] : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
func.func @pow_f32_i32(%a: tensor<3x4xf32>, %e: tensor<f32>, %i: tensor<3xi32>)
    -> (tensor<3x4xf32>, tensor<3xi32>) {
  %0 = tessera.pow %a, %e : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
  %1 = tessera.pow %i, %i : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0, %1 : tensor<3x4xf32>, tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @max_min_bf16
// CHECK-SAME: (%[[A:.+]]: tensor<1x3xbf16>, %[[B:.+]]: tensor<2x1xbf16>)
// CHECK: %[[MX:.+]] = tessera.max %[[A]], %[[B]] : (tensor<1x3xbf16>, tensor<2x1xbf16>) -> tensor<2x3xbf16>
// CHECK: %[[MN:.+]] = tessera.min %[[B]], %[[A]] : (tensor<2x1xbf16>, tensor<1x3xbf16>) -> tensor<2x3xbf16>
// CHECK: return %[[MX]], %[[MN]]
func.func @max_min_bf16(%a: tensor<1x3xbf16>, %b: tensor<2x1xbf16>)
    -> (tensor<2x3xbf16>, tensor<2x3xbf16>) {
  %0 = tessera.max %a, %b : (tensor<1x3xbf16>, tensor<2x1xbf16>) -> tensor<2x3xbf16>
  %1 = tessera.min %b, %a : (tensor<2x1xbf16>, tensor<1x3xbf16>) -> tensor<2x3xbf16>
  return %0, %1 : tensor<2x3xbf16>, tensor<2x3xbf16>
}

// -----

// CHECK-LABEL: func.func @max_min_int
// CHECK-SAME: (%[[A:.+]]: tensor<4xi64>, %[[B:.+]]: tensor<4xi8>)
// CHECK: tessera.max %[[A]], %[[A]] : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
// CHECK: tessera.min %[[B]], %[[B]] : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
func.func @max_min_int(%a: tensor<4xi64>, %b: tensor<4xi8>) -> (tensor<4xi64>, tensor<4xi8>) {
  %0 = tessera.max %a, %a : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %1 = tessera.min %b, %b : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return %0, %1 : tensor<4xi64>, tensor<4xi8>
}

// -----

//===----------------------------------------------------------------------===//
// Logical / bitwise binary ops (i1 and integers)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @logical_i1
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xi1>, %[[B:.+]]: tensor<3xi1>)
// CHECK: %[[AND:.+]] = tessera.and %[[A]], %[[B]] : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// CHECK: %[[OR:.+]] = tessera.or %[[AND]], %[[B]] : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// CHECK: %[[XOR:.+]] = tessera.xor %[[OR]], %[[A]] : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
// CHECK: return %[[XOR]]
func.func @logical_i1(%a: tensor<2x3xi1>, %b: tensor<3xi1>) -> tensor<2x3xi1> {
  %0 = tessera.and %a, %b : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %1 = tessera.or %0, %b : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %2 = tessera.xor %1, %a : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  return %2 : tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func.func @bitwise_int_types
// CHECK-SAME: (%[[A:.+]]: tensor<4xi8>, %[[B:.+]]: tensor<4xi32>, %[[C:.+]]: tensor<i64>)
// CHECK: tessera.and %[[A]], %[[A]] : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
// CHECK: tessera.or %[[B]], %[[B]] : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
// CHECK: tessera.xor %[[C]], %[[C]] : (tensor<i64>, tensor<i64>) -> tensor<i64>
func.func @bitwise_int_types(%a: tensor<4xi8>, %b: tensor<4xi32>, %c: tensor<i64>)
    -> (tensor<4xi8>, tensor<4xi32>, tensor<i64>) {
  %0 = tessera.and %a, %a : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %1 = tessera.or %b, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = tessera.xor %c, %c : (tensor<i64>, tensor<i64>) -> tensor<i64>
  return %0, %1, %2 : tensor<4xi8>, tensor<4xi32>, tensor<i64>
}

// -----

//===----------------------------------------------------------------------===//
// mod
//===----------------------------------------------------------------------===//

// Without `fmod` (the default, not printed): Python `%` on integers.
// CHECK-LABEL: func.func @mod_int
// CHECK-SAME: (%[[A:.+]]: tensor<2x4xi32>, %[[B:.+]]: tensor<4xi32>)
// CHECK: %[[R:.+]] = tessera.mod %[[A]], %[[B]] : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
// CHECK: return %[[R]]
func.func @mod_int(%a: tensor<2x4xi32>, %b: tensor<4xi32>) -> tensor<2x4xi32> {
  %0 = tessera.mod %a, %b : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// -----

// CHECK-LABEL: func.func @mod_fmod_float
// CHECK-SAME: (%[[A:.+]]: tensor<3x1xf32>, %[[B:.+]]: tensor<1x2xf32>)
// CHECK: %[[R:.+]] = tessera.mod %[[A]], %[[B]] fmod : (tensor<3x1xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
// CHECK: return %[[R]]
func.func @mod_fmod_float(%a: tensor<3x1xf32>, %b: tensor<1x2xf32>) -> tensor<3x2xf32> {
  %0 = tessera.mod %a, %b fmod : (tensor<3x1xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func.func @mod_fmod_int_scalar
// CHECK-SAME: (%[[A:.+]]: tensor<i64>, %[[B:.+]]: tensor<i8>)
// CHECK: tessera.mod %[[A]], %[[A]] fmod : (tensor<i64>, tensor<i64>) -> tensor<i64>
// CHECK: tessera.mod %[[B]], %[[B]] : (tensor<i8>, tensor<i8>) -> tensor<i8>
func.func @mod_fmod_int_scalar(%a: tensor<i64>, %b: tensor<i8>) -> (tensor<i64>, tensor<i8>) {
  %0 = tessera.mod %a, %a fmod : (tensor<i64>, tensor<i64>) -> tensor<i64>
  %1 = tessera.mod %b, %b : (tensor<i8>, tensor<i8>) -> tensor<i8>
  return %0, %1 : tensor<i64>, tensor<i8>
}

// -----

//===----------------------------------------------------------------------===//
// compare: same element type in, i1 of the broadcast shape out
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @compare_all_predicates
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK: tessera.compare eq, %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: tessera.compare ne, %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: tessera.compare lt, %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: tessera.compare le, %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: tessera.compare gt, %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: tessera.compare ge, %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
func.func @compare_all_predicates(%a: tensor<2x3xf32>, %b: tensor<3xf32>)
    -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>,
        tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>) {
  %0 = tessera.compare eq, %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %1 = tessera.compare ne, %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %2 = tessera.compare lt, %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %3 = tessera.compare le, %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %4 = tessera.compare gt, %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %5 = tessera.compare ge, %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>,
                                  tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func.func @compare_int_types
// CHECK-SAME: (%[[A:.+]]: tensor<4x1xi32>, %[[B:.+]]: tensor<1x5xi32>, %[[C:.+]]: tensor<i64>, %[[D:.+]]: tensor<3xi8>)
// CHECK: tessera.compare lt, %[[A]], %[[B]] : (tensor<4x1xi32>, tensor<1x5xi32>) -> tensor<4x5xi1>
// CHECK: tessera.compare ge, %[[C]], %[[C]] : (tensor<i64>, tensor<i64>) -> tensor<i1>
// CHECK: tessera.compare ne, %[[D]], %[[D]] : (tensor<3xi8>, tensor<3xi8>) -> tensor<3xi1>
func.func @compare_int_types(%a: tensor<4x1xi32>, %b: tensor<1x5xi32>, %c: tensor<i64>, %d: tensor<3xi8>)
    -> (tensor<4x5xi1>, tensor<i1>, tensor<3xi1>) {
  %0 = tessera.compare lt, %a, %b : (tensor<4x1xi32>, tensor<1x5xi32>) -> tensor<4x5xi1>
  %1 = tessera.compare ge, %c, %c : (tensor<i64>, tensor<i64>) -> tensor<i1>
  %2 = tessera.compare ne, %d, %d : (tensor<3xi8>, tensor<3xi8>) -> tensor<3xi1>
  return %0, %1, %2 : tensor<4x5xi1>, tensor<i1>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @compare_bool_and_half
// CHECK-SAME: (%[[A:.+]]: tensor<2xi1>, %[[B:.+]]: tensor<2x2xf16>, %[[C:.+]]: tensor<bf16>, %[[D:.+]]: tensor<2xf64>)
// CHECK: tessera.compare eq, %[[A]], %[[A]] : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
// CHECK: tessera.compare gt, %[[B]], %[[B]] : (tensor<2x2xf16>, tensor<2x2xf16>) -> tensor<2x2xi1>
// CHECK: tessera.compare le, %[[C]], %[[C]] : (tensor<bf16>, tensor<bf16>) -> tensor<i1>
// CHECK: tessera.compare ne, %[[D]], %[[D]] : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xi1>
func.func @compare_bool_and_half(%a: tensor<2xi1>, %b: tensor<2x2xf16>, %c: tensor<bf16>, %d: tensor<2xf64>)
    -> (tensor<2xi1>, tensor<2x2xi1>, tensor<i1>, tensor<2xi1>) {
  %0 = tessera.compare eq, %a, %a : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  %1 = tessera.compare gt, %b, %b : (tensor<2x2xf16>, tensor<2x2xf16>) -> tensor<2x2xi1>
  %2 = tessera.compare le, %c, %c : (tensor<bf16>, tensor<bf16>) -> tensor<i1>
  %3 = tessera.compare ne, %d, %d : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xi1>
  return %0, %1, %2, %3 : tensor<2xi1>, tensor<2x2xi1>, tensor<i1>, tensor<2xi1>
}

// -----

//===----------------------------------------------------------------------===//
// select: i1 condition, all three operands broadcast
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @select_same_shape
// CHECK-SAME: (%[[C:.+]]: tensor<2x3xi1>, %[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = tessera.select %[[C]], %[[A]], %[[B]] : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[R]]
func.func @select_same_shape(%c: tensor<2x3xi1>, %a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.select %c, %a, %b : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The condition can be the operand that sets the result shape.
// CHECK-LABEL: func.func @select_broadcast
// CHECK-SAME: (%[[C:.+]]: tensor<2x1x4xi1>, %[[A:.+]]: tensor<3x1xi64>, %[[B:.+]]: tensor<i64>)
// CHECK: tessera.select %[[C]], %[[A]], %[[B]] : (tensor<2x1x4xi1>, tensor<3x1xi64>, tensor<i64>) -> tensor<2x3x4xi64>
func.func @select_broadcast(%c: tensor<2x1x4xi1>, %a: tensor<3x1xi64>, %b: tensor<i64>) -> tensor<2x3x4xi64> {
  %0 = tessera.select %c, %a, %b : (tensor<2x1x4xi1>, tensor<3x1xi64>, tensor<i64>) -> tensor<2x3x4xi64>
  return %0 : tensor<2x3x4xi64>
}

// -----

// CHECK-LABEL: func.func @select_scalar_condition
// CHECK-SAME: (%[[C:.+]]: tensor<i1>, %[[A:.+]]: tensor<4xf16>, %[[B:.+]]: tensor<1xf16>)
// CHECK: tessera.select %[[C]], %[[A]], %[[B]] : (tensor<i1>, tensor<4xf16>, tensor<1xf16>) -> tensor<4xf16>
func.func @select_scalar_condition(%c: tensor<i1>, %a: tensor<4xf16>, %b: tensor<1xf16>) -> tensor<4xf16> {
  %0 = tessera.select %c, %a, %b : (tensor<i1>, tensor<4xf16>, tensor<1xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// Values of any supported element type, including i1.
// CHECK-LABEL: func.func @select_value_types
// CHECK-SAME: (%[[C:.+]]: tensor<3xi1>, %[[P:.+]]: tensor<3xi1>, %[[Q:.+]]: tensor<3xi8>, %[[R:.+]]: tensor<3xbf16>, %[[S:.+]]: tensor<3xf64>, %[[T:.+]]: tensor<3xi32>)
// CHECK: tessera.select %[[C]], %[[P]], %[[C]] : (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
// CHECK: tessera.select %[[C]], %[[Q]], %[[Q]] : (tensor<3xi1>, tensor<3xi8>, tensor<3xi8>) -> tensor<3xi8>
// CHECK: tessera.select %[[C]], %[[R]], %[[R]] : (tensor<3xi1>, tensor<3xbf16>, tensor<3xbf16>) -> tensor<3xbf16>
// CHECK: tessera.select %[[C]], %[[S]], %[[S]] : (tensor<3xi1>, tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
// CHECK: tessera.select %[[C]], %[[T]], %[[T]] : (tensor<3xi1>, tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
func.func @select_value_types(%c: tensor<3xi1>, %p: tensor<3xi1>, %q: tensor<3xi8>,
                              %r: tensor<3xbf16>, %s: tensor<3xf64>, %t: tensor<3xi32>)
    -> (tensor<3xi1>, tensor<3xi8>, tensor<3xbf16>, tensor<3xf64>, tensor<3xi32>) {
  %0 = tessera.select %c, %p, %c : (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %1 = tessera.select %c, %q, %q : (tensor<3xi1>, tensor<3xi8>, tensor<3xi8>) -> tensor<3xi8>
  %2 = tessera.select %c, %r, %r : (tensor<3xi1>, tensor<3xbf16>, tensor<3xbf16>) -> tensor<3xbf16>
  %3 = tessera.select %c, %s, %s : (tensor<3xi1>, tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
  %4 = tessera.select %c, %t, %t : (tensor<3xi1>, tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0, %1, %2, %3, %4 : tensor<3xi1>, tensor<3xi8>, tensor<3xbf16>, tensor<3xf64>, tensor<3xi32>
}

// -----

//===----------------------------------------------------------------------===//
// clamp: bounds broadcast to the input shape, which the result keeps
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @clamp_scalar_bounds
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>, %[[LO:.+]]: tensor<f32>, %[[HI:.+]]: tensor<f32>)
// CHECK: %[[R:.+]] = tessera.clamp %[[X]], %[[LO]], %[[HI]] : (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: return %[[R]]
func.func @clamp_scalar_bounds(%x: tensor<2x3xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<2x3xf32> {
  %0 = tessera.clamp %x, %lo, %hi : (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @clamp_broadcast_bounds
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xi32>, %[[LO:.+]]: tensor<3xi32>, %[[HI:.+]]: tensor<2x1xi32>)
// CHECK: tessera.clamp %[[X]], %[[LO]], %[[HI]] : (tensor<2x3xi32>, tensor<3xi32>, tensor<2x1xi32>) -> tensor<2x3xi32>
func.func @clamp_broadcast_bounds(%x: tensor<2x3xi32>, %lo: tensor<3xi32>, %hi: tensor<2x1xi32>) -> tensor<2x3xi32> {
  %0 = tessera.clamp %x, %lo, %hi : (tensor<2x3xi32>, tensor<3xi32>, tensor<2x1xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// CHECK-LABEL: func.func @clamp_element_types
// CHECK-SAME: (%[[A:.+]]: tensor<4xi8>, %[[B:.+]]: tensor<4xf16>, %[[C:.+]]: tensor<bf16>, %[[D:.+]]: tensor<4xi64>, %[[E:.+]]: tensor<1xf64>)
// CHECK: tessera.clamp %[[A]], %[[A]], %[[A]] : (tensor<4xi8>, tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
// CHECK: tessera.clamp %[[B]], %[[B]], %[[B]] : (tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
// CHECK: tessera.clamp %[[C]], %[[C]], %[[C]] : (tensor<bf16>, tensor<bf16>, tensor<bf16>) -> tensor<bf16>
// CHECK: tessera.clamp %[[D]], %[[D]], %[[D]] : (tensor<4xi64>, tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
// CHECK: tessera.clamp %[[E]], %[[E]], %[[E]] : (tensor<1xf64>, tensor<1xf64>, tensor<1xf64>) -> tensor<1xf64>
func.func @clamp_element_types(%a: tensor<4xi8>, %b: tensor<4xf16>, %c: tensor<bf16>,
                               %d: tensor<4xi64>, %e: tensor<1xf64>)
    -> (tensor<4xi8>, tensor<4xf16>, tensor<bf16>, tensor<4xi64>, tensor<1xf64>) {
  %0 = tessera.clamp %a, %a, %a : (tensor<4xi8>, tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %1 = tessera.clamp %b, %b, %b : (tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %2 = tessera.clamp %c, %c, %c : (tensor<bf16>, tensor<bf16>, tensor<bf16>) -> tensor<bf16>
  %3 = tessera.clamp %d, %d, %d : (tensor<4xi64>, tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %4 = tessera.clamp %e, %e, %e : (tensor<1xf64>, tensor<1xf64>, tensor<1xf64>) -> tensor<1xf64>
  return %0, %1, %2, %3, %4 : tensor<4xi8>, tensor<4xf16>, tensor<bf16>, tensor<4xi64>, tensor<1xf64>
}
