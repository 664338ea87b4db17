// RUN: tessera-opt %s --split-input-file --verify-diagnostics

// Every error that the shape rules, verifiers and type constraints of
// constant and the data-movement ops report.

//===----------------------------------------------------------------------===//
// constant
//===----------------------------------------------------------------------===//

func.func @constant_unsigned_element_type() -> tensor<2xui8> {
  // expected-error@+1 {{'tessera.constant' op result #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<2xui8>'}}
  %0 = tessera.constant dense<1> : tensor<2xui8>
  return %0 : tensor<2xui8>
}

// -----

func.func @constant_i16() -> tensor<2xi16> {
  // expected-error@+1 {{'tessera.constant' op result #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<2xi16>'}}
  %0 = tessera.constant dense<1> : tensor<2xi16>
  return %0 : tensor<2xi16>
}

// -----

// Only the generic form can spell a result type other than the value's.
func.func @constant_result_differs_from_value() -> tensor<3xf32> {
  // expected-error@+1 {{'tessera.constant' op result type 'tensor<3xf32>' does not match the inferred type 'tensor<2xf32>'}}
  %0 = "tessera.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @constant_result_element_type_differs() -> tensor<2xf16> {
  // expected-error@+1 {{'tessera.constant' op result type 'tensor<2xf16>' does not match the inferred type 'tensor<2xf32>'}}
  %0 = "tessera.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf16>
  return %0 : tensor<2xf16>
}

// -----

func.func @constant_scalar_value() -> tensor<f32> {
  // expected-error@+1 {{'tessera.constant' op attribute 'value' failed to satisfy constraint: constant vector/tensor attribute}}
  %0 = "tessera.constant"() {value = 1.0 : f32} : () -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

func.func @reshape_element_count(%x: tensor<2x3xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'tessera.reshape' op cannot reshape [2, 3] (6 elements) to [4] (4 elements)}}
  %0 = tessera.reshape %x : tensor<2x3xf32> to tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reshape_to_rank_0_element_count(%x: tensor<2xf32>) -> tensor<f32> {
  // expected-error@+1 {{'tessera.reshape' op cannot reshape [2] (2 elements) to [] (1 elements)}}
  %0 = tessera.reshape %x : tensor<2xf32> to tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @reshape_element_type(%x: tensor<2x3xf32>) -> tensor<6xf16> {
  // expected-error@+1 {{'tessera.reshape' op requires the same element type for all operands and results}}
  %0 = tessera.reshape %x : tensor<2x3xf32> to tensor<6xf16>
  return %0 : tensor<6xf16>
}

// -----

func.func @reshape_dynamic_result(%x: tensor<2x3xf32>) -> tensor<?xf32> {
  // expected-error@+1 {{'tessera.reshape' op result #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer or 1-bit signless integer values, but got 'tensor<?xf32>'}}
  %0 = tessera.reshape %x : tensor<2x3xf32> to tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

func.func @transpose_perm_too_short(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error@+1 {{'tessera.transpose' op expected a permutation of 3 dimensions, got [1, 0]}}
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @transpose_perm_duplicate(%x: tensor<2x3x4xf32>) -> tensor<2x2x3xf32> {
  // expected-error@+1 {{'tessera.transpose' op expected a permutation of [0, 3), got [0, 0, 1]}}
  %0 = tessera.transpose %x perm = [0, 0, 1] : (tensor<2x3x4xf32>) -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}

// -----

func.func @transpose_perm_out_of_range(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'tessera.transpose' op expected a permutation of [0, 3), got [0, 1, 3]}}
  %0 = tessera.transpose %x perm = [0, 1, 3] : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @transpose_perm_negative(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{'tessera.transpose' op expected a permutation of [0, 2), got [-1, 0]}}
  %0 = tessera.transpose %x perm = [-1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Result dimension i is input dimension perm[i], not the inverse.
func.func @transpose_wrong_result_shape(%x: tensor<2x3x4xf32>) -> tensor<3x4x2xf32> {
  // expected-error@+1 {{'tessera.transpose' op result type 'tensor<3x4x2xf32>' does not match the inferred type 'tensor<4x2x3xf32>'}}
  %0 = tessera.transpose %x perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  return %0 : tensor<3x4x2xf32>
}

// -----

func.func @transpose_element_type(%x: tensor<2x3xf32>) -> tensor<3x2xi32> {
  // expected-error@+1 {{'tessera.transpose' op result type 'tensor<3x2xi32>' does not match the inferred type 'tensor<3x2xf32>'}}
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// -----

//===----------------------------------------------------------------------===//
// broadcast_to
//===----------------------------------------------------------------------===//

func.func @broadcast_to_incompatible(%x: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'tessera.broadcast_to' op cannot broadcast [3] to [2, 4]}}
  %0 = tessera.broadcast_to %x : tensor<3xf32> to tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// broadcast_to never lowers the rank.
func.func @broadcast_to_lower_rank(%x: tensor<1x3xf32>) -> tensor<3xf32> {
  // expected-error@+1 {{'tessera.broadcast_to' op cannot broadcast [1, 3] to [3]}}
  %0 = tessera.broadcast_to %x : tensor<1x3xf32> to tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Only unit dimensions stretch; [2] does not shrink to [1].
func.func @broadcast_to_shrink(%x: tensor<2x3xf32>) -> tensor<1x3xf32> {
  // expected-error@+1 {{'tessera.broadcast_to' op cannot broadcast [2, 3] to [1, 3]}}
  %0 = tessera.broadcast_to %x : tensor<2x3xf32> to tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @broadcast_to_element_type(%x: tensor<3xf32>) -> tensor<2x3xf64> {
  // expected-error@+1 {{'tessera.broadcast_to' op requires the same element type for all operands and results}}
  %0 = tessera.broadcast_to %x : tensor<3xf32> to tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// -----

//===----------------------------------------------------------------------===//
// concat
//===----------------------------------------------------------------------===//

func.func @concat_mismatched_dims(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) -> tensor<2x8xf32> {
  // expected-error@+1 {{'tessera.concat' op input 1 has shape [3, 5], which does not match input 0 [2, 3] outside axis 1}}
  %0 = tessera.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// The message names the first input that differs.
func.func @concat_third_input_mismatched(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<4x1xf32>) -> tensor<2x9xf32> {
  // expected-error@+1 {{'tessera.concat' op input 2 has shape [4, 1], which does not match input 0 [2, 3] outside axis 1}}
  %0 = tessera.concat %a, %b, %c axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<4x1xf32>) -> tensor<2x9xf32>
  return %0 : tensor<2x9xf32>
}

// -----

func.func @concat_mismatched_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{'tessera.concat' op input 1 has shape [3], which does not match input 0 [2, 3] outside axis 1}}
  %0 = tessera.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_axis_out_of_range(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{'tessera.concat' op expected axis in [0, 2), got 2}}
  %0 = tessera.concat %a, %b axis = 2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_negative_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{'tessera.concat' op expected axis in [0, 2), got -1}}
  %0 = tessera.concat %a, %b axis = -1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// A rank-0 tensor has no axis to concatenate along.
func.func @concat_rank_0(%a: tensor<f32>, %b: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'tessera.concat' op expected axis in [0, 0), got 0}}
  %0 = tessera.concat %a, %b axis = 0 : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// The operand constraint rejects this before the shape rule's own check.
func.func @concat_no_inputs() -> tensor<0xf32> {
  // expected-error@+1 {{'tessera.concat' op expected at least one input}}
  %0 = tessera.concat axis = 0 : () -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

func.func @concat_wrong_result_shape(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>) -> tensor<4x8xf32> {
  // expected-error@+1 {{'tessera.concat' op result type 'tensor<4x8xf32>' does not match the inferred type 'tensor<2x8xf32>'}}
  %0 = tessera.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @concat_mixed_element_types(%a: tensor<2x3xf32>, %b: tensor<2x5xi32>) -> tensor<2x8xf32> {
  // expected-error@+1 {{'tessera.concat' op expected inputs of one element type, got 'f32' and 'i32'}}
  %0 = tessera.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x5xi32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// slice
//===----------------------------------------------------------------------===//

func.func @slice_wrong_counts(%x: tensor<4x10xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'tessera.slice' op expected 2 offsets, sizes and strides, got 2, 1 and 2}}
  %0 = tessera.slice %x offsets = [0, 0] sizes = [2] strides = [1, 1] : (tensor<4x10xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @slice_zero_stride(%x: tensor<4x10xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'tessera.slice' op expected non-zero strides, got [1, 0]}}
  %0 = tessera.slice %x offsets = [0, 0] sizes = [2, 3] strides = [1, 0] : (tensor<4x10xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @slice_negative_size(%x: tensor<4x10xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'tessera.slice' op expected sizes >= 0, got [2, -3]}}
  %0 = "tessera.slice"(%x) {offsets = array<i64: 0, 0>, sizes = array<i64: 2, -3>, strides = array<i64: 1, 1>} : (tensor<4x10xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @slice_offset_out_of_bounds(%x: tensor<4x10xf32>) -> tensor<1x3xf32> {
  // expected-error@+1 {{'tessera.slice' op slice of dimension 0 (offset 4, size 1, stride 1) is out of bounds [0, 4)}}
  %0 = tessera.slice %x offsets = [4, 0] sizes = [1, 3] strides = [1, 1] : (tensor<4x10xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @slice_negative_offset(%x: tensor<4x10xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'tessera.slice' op slice of dimension 1 (offset -1, size 3, stride 1) is out of bounds [0, 10)}}
  %0 = tessera.slice %x offsets = [0, -1] sizes = [2, 3] strides = [1, 1] : (tensor<4x10xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The last element read is 8 + (2 - 1) * 2 = 10.
func.func @slice_last_element_out_of_bounds(%x: tensor<4x10xf32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'tessera.slice' op slice of dimension 1 (offset 8, size 2, stride 2) is out of bounds [0, 10)}}
  %0 = tessera.slice %x offsets = [0, 8] sizes = [2, 2] strides = [1, 2] : (tensor<4x10xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Walking backwards from 1 by 1 three times reaches -1.
func.func @slice_negative_stride_out_of_bounds(%x: tensor<4x10xf32>) -> tensor<3x3xf32> {
  // expected-error@+1 {{'tessera.slice' op slice of dimension 0 (offset 1, size 3, stride -1) is out of bounds [0, 4)}}
  %0 = tessera.slice %x offsets = [1, 0] sizes = [3, 3] strides = [-1, 1] : (tensor<4x10xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// The result shape is `sizes`.
func.func @slice_wrong_result_shape(%x: tensor<4x10xf32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'tessera.slice' op result type 'tensor<2x2xf32>' does not match the inferred type 'tensor<2x3xf32>'}}
  %0 = tessera.slice %x offsets = [0, 0] sizes = [2, 3] strides = [1, 1] : (tensor<4x10xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @slice_element_type(%x: tensor<4x10xf32>) -> tensor<2x3xbf16> {
  // expected-error@+1 {{'tessera.slice' op result type 'tensor<2x3xbf16>' does not match the inferred type 'tensor<2x3xf32>'}}
  %0 = tessera.slice %x offsets = [0, 0] sizes = [2, 3] strides = [1, 1] : (tensor<4x10xf32>) -> tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// -----

//===----------------------------------------------------------------------===//
// gather
//===----------------------------------------------------------------------===//

func.func @gather_axis_out_of_range(%d: tensor<5x4xf32>, %i: tensor<3xi64>) -> tensor<5x3xf32> {
  // expected-error@+1 {{'tessera.gather' op expected axis in [0, 2), got 2}}
  %0 = tessera.gather %d, %i axis = 2 : (tensor<5x4xf32>, tensor<3xi64>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @gather_negative_axis(%d: tensor<5x4xf32>, %i: tensor<3xi64>) -> tensor<5x3xf32> {
  // expected-error@+1 {{'tessera.gather' op expected axis in [0, 2), got -1}}
  %0 = tessera.gather %d, %i axis = -1 : (tensor<5x4xf32>, tensor<3xi64>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @gather_rank_0_data(%d: tensor<f32>, %i: tensor<i64>) -> tensor<f32> {
  // expected-error@+1 {{'tessera.gather' op expected axis in [0, 0), got 0}}
  %0 = tessera.gather %d, %i axis = 0 : (tensor<f32>, tensor<i64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @gather_float_indices(%d: tensor<5x4xf32>, %i: tensor<3xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'tessera.gather' op operand #1 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer values, but got 'tensor<3xf32>'}}
  %0 = tessera.gather %d, %i axis = 0 : (tensor<5x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @gather_i8_indices(%d: tensor<5x4xf32>, %i: tensor<3xi8>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'tessera.gather' op operand #1 must be statically shaped tensor of 64-bit signless integer or 32-bit signless integer values, but got 'tensor<3xi8>'}}
  %0 = tessera.gather %d, %i axis = 0 : (tensor<5x4xf32>, tensor<3xi8>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// The index shape replaces the gathered axis; it is not appended.
func.func @gather_wrong_result_shape(%d: tensor<5x4xf32>, %i: tensor<3xi32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.gather' op result type 'tensor<4x3xf32>' does not match the inferred type 'tensor<3x4xf32>'}}
  %0 = tessera.gather %d, %i axis = 0 : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// The result keeps the element type of the data, not of the indices.
func.func @gather_result_element_type(%d: tensor<5x4xf32>, %i: tensor<3xi64>) -> tensor<3x4xi64> {
  // expected-error@+1 {{'tessera.gather' op result type 'tensor<3x4xi64>' does not match the inferred type 'tensor<3x4xf32>'}}
  %0 = tessera.gather %d, %i axis = 0 : (tensor<5x4xf32>, tensor<3xi64>) -> tensor<3x4xi64>
  return %0 : tensor<3x4xi64>
}

// -----

//===----------------------------------------------------------------------===//
// pad
//===----------------------------------------------------------------------===//

func.func @pad_reflect_begin_too_large(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{'tessera.pad' op reflect pads must be smaller than the dimension: dimension 1 has size 3, pads [0, 3, 0, 0]}}
  %0 = tessera.pad %x pads = [0, 3, 0, 0] mode = reflect value = 0.0 : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @pad_reflect_end_too_large(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.pad' op reflect pads must be smaller than the dimension: dimension 0 has size 2, pads [0, 0, 2, 0]}}
  %0 = tessera.pad %x pads = [0, 0, 2, 0] mode = reflect value = 0.0 : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @pad_crop_below_zero(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'tessera.pad' op pads [-2, 0, -1, 0] crop dimension 0 (size 2) below zero}}
  %0 = tessera.pad %x pads = [-2, 0, -1, 0] mode = constant value = 0.0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Two pads per dimension (begin and end), not one.
func.func @pad_wrong_count(%x: tensor<2x3xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'tessera.pad' op expected 4 pads, got 2}}
  %0 = tessera.pad %x pads = [1, 1] mode = edge value = 0.0 : (tensor<2x3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @pad_wrong_result_shape(%x: tensor<2x3xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'tessera.pad' op result type 'tensor<3x4xf32>' does not match the inferred type 'tensor<4x5xf32>'}}
  %0 = tessera.pad %x pads = [1, 1, 1, 1] mode = wrap value = 0.0 : (tensor<2x3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @pad_element_type(%x: tensor<2x3xf32>) -> tensor<2x3xi32> {
  // expected-error@+1 {{'tessera.pad' op result type 'tensor<2x3xi32>' does not match the inferred type 'tensor<2x3xf32>'}}
  %0 = tessera.pad %x pads = [0, 0, 0, 0] mode = constant value = 0.0 : (tensor<2x3xf32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @pad_unknown_mode(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{custom op 'tessera.pad' expected string or keyword containing one of the following enum values for attribute 'mode' [constant, reflect, edge, wrap]}}
  %0 = tessera.pad %x pads = [0, 0, 0, 0] mode = symmetric value = 0.0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @pad_edge_empty_dimension(%x: tensor<0xf32>) {
  // expected-error@+1 {{'tessera.pad' op cannot pad empty dimension 0 by reflecting, repeating or wrapping it}}
  %0 = tessera.pad %x pads = [1, 2] mode = edge value = 0.0 : (tensor<0xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @pad_crop_more_than_dimension(%x: tensor<2xf32>) {
  // expected-error@+1 {{'tessera.pad' op pads [-3, 2] crop more than dimension 0 (size 2) holds}}
  %0 = tessera.pad %x pads = [-3, 2] mode = constant value = 0.0 : (tensor<2xf32>) -> tensor<1xf32>
  return
}
