// RUN: tessera-opt %s --split-input-file --verify-diagnostics

// Every error that the shape rules, verifiers and type constraints of the
// contraction, reduction, normalization and pooling ops report.

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

func.func @matmul_contracting_dims_differ(%a: tensor<4x3xf32>, %b: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error@+1 {{'tessera.matmul' op contracting dimensions differ: lhs [4, 3] has 3, rhs [4, 5] has 4}}
  %0 = tessera.matmul %a, %b : (tensor<4x3xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// The message names the transposed operand and its contracting size after
// the transposition.
func.func @matmul_contracting_dims_differ_transposed(%a: tensor<4x3xf32>, %b: tensor<5x4xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'tessera.matmul' op contracting dimensions differ: lhs [4, 3] (transposed) has 4, rhs [5, 4] has 5}}
  %0 = tessera.matmul %a, %b transpose_lhs : (tensor<4x3xf32>, tensor<5x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @matmul_contracting_dims_differ_rhs_transposed(%a: tensor<2x4x3xf32>, %b: tensor<5x4xf32>) -> tensor<2x4x5xf32> {
  // expected-error@+1 {{'tessera.matmul' op contracting dimensions differ: lhs [2, 4, 3] has 3, rhs [5, 4] (transposed) has 4}}
  %0 = tessera.matmul %a, %b transpose_rhs : (tensor<2x4x3xf32>, tensor<5x4xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

func.func @matmul_vectors_differ(%a: tensor<4xf32>, %b: tensor<5xf32>) -> tensor<f32> {
  // expected-error@+1 {{'tessera.matmul' op contracting dimensions differ: lhs [4] has 4, rhs [5] has 5}}
  %0 = tessera.matmul %a, %b : (tensor<4xf32>, tensor<5xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @matmul_rank_0(%a: tensor<f32>, %b: tensor<4x5xf32>) -> tensor<5xf32> {
  // expected-error@+1 {{'tessera.matmul' op expected operands of rank >= 1, got ranks 0 and 2}}
  %0 = tessera.matmul %a, %b : (tensor<f32>, tensor<4x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @matmul_transpose_vector(%a: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error@+1 {{'tessera.matmul' op transposed operand must have rank >= 2}}
  %0 = tessera.matmul %a, %b transpose_rhs : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @matmul_wrong_result_shape(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>) -> tensor<4x6xf32> {
  // expected-error@+1 {{'tessera.matmul' op result type 'tensor<4x6xf32>' does not match the inferred type 'tensor<4x5xf32>'}}
  %0 = tessera.matmul %a, %b : (tensor<4x3xf32>, tensor<3x5xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// Vector operands lose their unit dimension; a declared [1, 1] is wrong.
func.func @matmul_vector_result_keeps_unit_dims(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<1x1xf32> {
  // expected-error@+1 {{'tessera.matmul' op result type 'tensor<1x1xf32>' does not match the inferred type 'tensor<f32>'}}
  %0 = tessera.matmul %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

func.func @matmul_mixed_element_types(%a: tensor<4x3xf32>, %b: tensor<3x5xf16>) -> tensor<4x5xf32> {
  // expected-error@+1 {{'tessera.matmul' op expected operands of one element type, got 'f32' and 'f16'}}
  %0 = tessera.matmul %a, %b : (tensor<4x3xf32>, tensor<3x5xf16>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @matmul_i1(%a: tensor<4x3xi1>, %b: tensor<3x5xi1>) -> tensor<4x5xi1> {
  // expected-error@+1 {{'tessera.matmul' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4x3xi1>'}}
  %0 = tessera.matmul %a, %b : (tensor<4x3xi1>, tensor<3x5xi1>) -> tensor<4x5xi1>
  return %0 : tensor<4x5xi1>
}

// -----

func.func @matmul_dynamic_shape(%a: tensor<?x3xf32>, %b: tensor<3x5xf32>) -> tensor<?x5xf32> {
  // expected-error@+1 {{'tessera.matmul' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<?x3xf32>'}}
  %0 = tessera.matmul %a, %b : (tensor<?x3xf32>, tensor<3x5xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// conv
//===----------------------------------------------------------------------===//

func.func @conv_input_rank_2(%x: tensor<1x4xf32>, %w: tensor<8x4xf32>) -> tensor<1x8xf32> {
  // expected-error@+1 {{'tessera.conv' op expected input of rank >= 3 [N, C, spatial...], got rank 2}}
  %0 = tessera.conv %x, %w strides = [] pads = [] dilations = [] groups = 1 : (tensor<1x4xf32>, tensor<8x4xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

// Channels-last operands are checked in channels-first order: C is the
// input's last dimension, C/groups the weight's.
func.func @conv_channels_last_channels(%x: tensor<1x8x8x8xf32>, %w: tensor<4x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error@+1 {{'tessera.conv' op weight has 4 input channels per group, expected 8 (8 channels / 1 groups)}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 channels_last : (tensor<1x8x8x8xf32>, tensor<4x3x3x4xf32>) -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

// A channels-first result type for a channels-last conv.
func.func @conv_channels_last_result(%x: tensor<1x8x8x8xf32>, %w: tensor<4x3x3x8xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op result type 'tensor<1x4x6x6xf32>' does not match the inferred type 'tensor<1x6x6x4xf32>'}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 channels_last : (tensor<1x8x8x8xf32>, tensor<4x3x3x8xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected weight of rank 4 like the input, got rank 3}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_stride_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected 2 strides, got 1}}
  %0 = tessera.conv %x, %w strides = [1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_dilation_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected 2 dilations, got 3}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// Two pads per spatial dimension (begin and end), not one.
func.func @conv_pad_count(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected 4 pads, got 2}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_stride_0(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected strides >= 1, got [1, 0]}}
  %0 = tessera.conv %x, %w strides = [1, 0] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_negative_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected strides >= 1, got [-1, 1]}}
  %0 = tessera.conv %x, %w strides = [-1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_dilation_0(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected dilations >= 1, got [0, 1]}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [0, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_negative_pads(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x5x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected pads >= 0, got [0, 0, -1, 0]}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, -1, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x5x6xf32>
  return %0 : tensor<1x4x5x6xf32>
}

// -----

func.func @conv_groups_0(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected groups >= 1, got 0}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 0 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_groups_do_not_divide_input_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op input channels (6) and output channels (8) must be divisible by groups (4)}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 4 : (tensor<1x6x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv_groups_do_not_divide_output_channels(%x: tensor<1x8x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op input channels (8) and output channels (6) must be divisible by groups (4)}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 4 : (tensor<1x8x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

func.func @conv_weight_channels_per_group(%x: tensor<1x8x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op weight has 3 input channels per group, expected 4 (8 channels / 2 groups)}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 2 : (tensor<1x8x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// A depthwise weight [C, 1, K, K] needs groups = C.
func.func @conv_depthwise_weight_without_groups(%x: tensor<1x8x8x8xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op weight has 1 input channels per group, expected 8 (8 channels / 1 groups)}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x8x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv_kernel_does_not_fit(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x5xf32>) -> tensor<1x1x2x1xf32> {
  // expected-error@+1 {{'tessera.conv' op kernel dimension 1 (size 5, dilation 1) does not fit the padded input (size 4)}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x4x4xf32>, tensor<1x1x3x5xf32>) -> tensor<1x1x2x1xf32>
  return %0 : tensor<1x1x2x1xf32>
}

// -----

// The dilated kernel spans 2 * (3 - 1) + 1 = 5 > 4 + 0 + 0.
func.func @conv_dilated_kernel_does_not_fit(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x1x1xf32> {
  // expected-error@+1 {{'tessera.conv' op kernel dimension 0 (size 3, dilation 2) does not fit the padded input (size 4)}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [2, 1] groups = 1 : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}

// -----

// The padding counts: 3 + 1 + 0 = 4 < 5.
func.func @conv_kernel_does_not_fit_padded(%x: tensor<1x1x3xf32>, %w: tensor<1x1x5xf32>) -> tensor<1x1x1xf32> {
  // expected-error@+1 {{'tessera.conv' op kernel dimension 0 (size 5, dilation 1) does not fit the padded input (size 4)}}
  %0 = tessera.conv %x, %w strides = [1] pads = [1, 0] dilations = [1] groups = 1 : (tensor<1x1x3xf32>, tensor<1x1x5xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

func.func @conv_bias_wrong_size(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected bias of shape [8] (output channels), got [4]}}
  %0 = tessera.conv %x, %w, %b strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<4xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// The bias is exactly [M], not anything that broadcasts to it.
func.func @conv_bias_wrong_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<1x8xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected bias of shape [8] (output channels), got [1, 8]}}
  %0 = tessera.conv %x, %w, %b strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<1x8xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv_bias_element_type(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<8xf16>) -> tensor<1x8x6x6xf32> {
  // expected-error@+1 {{'tessera.conv' op expected operands of one element type, got 'f32' and 'f16'}}
  %0 = tessera.conv %x, %w, %b strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<8xf16>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv_wrong_result_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error@+1 {{'tessera.conv' op result type 'tensor<1x8x8x8xf32>' does not match the inferred type 'tensor<1x8x6x6xf32>'}}
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

func.func @reduce_sum_axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<f32> {
  // expected-error@+1 {{'tessera.reduce_sum' op expected axes in [0, 2), got [0, 2]}}
  %0 = tessera.reduce_sum %x axes = [0, 2] : (tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Axes are not normalized: -1 is out of range, not the last axis.
func.func @reduce_mean_negative_axis(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'tessera.reduce_mean' op expected axes in [0, 2), got [-1]}}
  %0 = tessera.reduce_mean %x axes = [-1] : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @reduce_max_unsorted_axes(%x: tensor<2x3x4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'tessera.reduce_max' op expected sorted, unique axes, got [1, 0]}}
  %0 = tessera.reduce_max %x axes = [1, 0] : (tensor<2x3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_min_duplicate_axes(%x: tensor<2x3x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'tessera.reduce_min' op expected sorted, unique axes, got [1, 1]}}
  %0 = tessera.reduce_min %x axes = [1, 1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @reduce_prod_rank_0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'tessera.reduce_prod' op expected axes in [0, 0), got [0]}}
  %0 = tessera.reduce_prod %x axes = [0] : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Without keep_dims the reduced axis is dropped.
func.func @reduce_sum_missing_keep_dims(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  // expected-error@+1 {{'tessera.reduce_sum' op result type 'tensor<2x1xf32>' does not match the inferred type 'tensor<2xf32>'}}
  %0 = tessera.reduce_sum %x axes = [1] : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

func.func @reduce_prod_wrong_result_shape(%x: tensor<2x3xi32>) -> tensor<3x1xi32> {
  // expected-error@+1 {{'tessera.reduce_prod' op result type 'tensor<3x1xi32>' does not match the inferred type 'tensor<1x3xi32>'}}
  %0 = tessera.reduce_prod %x axes = [0] keep_dims : (tensor<2x3xi32>) -> tensor<3x1xi32>
  return %0 : tensor<3x1xi32>
}

// -----

func.func @reduce_max_wrong_element_type(%x: tensor<2x3xf32>) -> tensor<2xf16> {
  // expected-error@+1 {{'tessera.reduce_max' op result type 'tensor<2xf16>' does not match the inferred type 'tensor<2xf32>'}}
  %0 = tessera.reduce_max %x axes = [1] : (tensor<2x3xf32>) -> tensor<2xf16>
  return %0 : tensor<2xf16>
}

// -----

// The mean is defined for floats only.
func.func @reduce_mean_integer(%x: tensor<2x3xi32>) -> tensor<2xi32> {
  // expected-error@+1 {{'tessera.reduce_mean' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<2x3xi32>'}}
  %0 = tessera.reduce_mean %x axes = [1] : (tensor<2x3xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @reduce_sum_i1(%x: tensor<2x3xi1>) -> tensor<2xi1> {
  // expected-error@+1 {{'tessera.reduce_sum' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<2x3xi1>'}}
  %0 = tessera.reduce_sum %x axes = [1] : (tensor<2x3xi1>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

func.func @argmax_axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2xi64> {
  // expected-error@+1 {{'tessera.argmax' op expected axis in [0, 2), got 2}}
  %0 = tessera.argmax %x axis = 2 : (tensor<2x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @argmin_negative_axis(%x: tensor<2x3xf32>) -> tensor<2xi64> {
  // expected-error@+1 {{'tessera.argmin' op expected axis in [0, 2), got -1}}
  %0 = tessera.argmin %x axis = -1 : (tensor<2x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @argmax_rank_0(%x: tensor<f32>) -> tensor<i64> {
  // expected-error@+1 {{'tessera.argmax' op expected axis in [0, 0), got 0}}
  %0 = tessera.argmax %x axis = 0 : (tensor<f32>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

func.func @argmax_missing_keep_dims(%x: tensor<2x3xf32>) -> tensor<2x1xi64> {
  // expected-error@+1 {{'tessera.argmax' op result type 'tensor<2x1xi64>' does not match the inferred type 'tensor<2xi64>'}}
  %0 = tessera.argmax %x axis = 1 : (tensor<2x3xf32>) -> tensor<2x1xi64>
  return %0 : tensor<2x1xi64>
}

// -----

// Indices are always i64.
func.func @argmin_i32_result(%x: tensor<2x3xf32>) -> tensor<2xi32> {
  // expected-error@+1 {{'tessera.argmin' op result #0 must be statically shaped tensor of 64-bit signless integer values, but got 'tensor<2xi32>'}}
  %0 = tessera.argmin %x axis = 1 : (tensor<2x3xf32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

func.func @softmax_axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'tessera.softmax' op expected axis in [0, 2), got 2}}
  %0 = tessera.softmax %x axis = 2 : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @log_softmax_negative_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'tessera.log_softmax' op expected axis in [0, 2), got -1}}
  %0 = tessera.log_softmax %x axis = -1 : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @softmax_wrong_result_type(%x: tensor<2x3xf32>) -> tensor<2x3xf16> {
  // expected-error@+1 {{'tessera.softmax' op requires the same type for all operands and results}}
  %0 = "tessera.softmax"(%x) {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// -----

func.func @log_softmax_integer(%x: tensor<2x3xi32>) -> tensor<2x3xi32> {
  // expected-error@+1 {{'tessera.log_softmax' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<2x3xi32>'}}
  %0 = tessera.log_softmax %x axis = 1 : tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @layer_norm_axis_out_of_range(%x: tensor<4x3xf32>, %g: tensor<3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.layer_norm' op expected axis in [0, 2), got 2}}
  %0 = tessera.layer_norm %x, %g axis = 2 epsilon = 1.0e-05 : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @layer_norm_negative_epsilon(%x: tensor<4x3xf32>, %g: tensor<3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.layer_norm' op expected epsilon >= 0, got -1.000000e+00}}
  %0 = tessera.layer_norm %x, %g axis = 1 epsilon = -1.0 : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// NaN fails `epsilon >= 0` too.
func.func @layer_norm_nan_epsilon(%x: tensor<4x3xf32>, %g: tensor<3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.layer_norm' op expected epsilon >= 0, got nan}}
  %0 = tessera.layer_norm %x, %g axis = 1 epsilon = 0x7FF8000000000000 : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @layer_norm_scale_not_broadcastable(%x: tensor<4x3xf32>, %g: tensor<4xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.layer_norm' op parameter shape [4] does not broadcast to the normalized shape [3]}}
  %0 = tessera.layer_norm %x, %g axis = 1 epsilon = 1.0e-05 : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// The scale may not have more dimensions than the normalized shape.
func.func @layer_norm_scale_rank_too_high(%x: tensor<2x3x4xf32>, %g: tensor<3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+1 {{'tessera.layer_norm' op parameter shape [3, 4] does not broadcast to the normalized shape [4]}}
  %0 = tessera.layer_norm %x, %g axis = 2 epsilon = 1.0e-05 : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_norm_bias_not_broadcastable(%x: tensor<4x3xf32>, %g: tensor<3xf32>, %b: tensor<2xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.layer_norm' op parameter shape [2] does not broadcast to the normalized shape [3]}}
  %0 = tessera.layer_norm %x, %g, %b axis = 1 epsilon = 1.0e-05 : (tensor<4x3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @layer_norm_wrong_result_shape(%x: tensor<4x3xf32>, %g: tensor<3xf32>) -> tensor<4x1xf32> {
  // expected-error@+1 {{'tessera.layer_norm' op result type 'tensor<4x1xf32>' does not match the inferred type 'tensor<4x3xf32>'}}
  %0 = tessera.layer_norm %x, %g axis = 1 epsilon = 1.0e-05 : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

func.func @layer_norm_scale_element_type(%x: tensor<4x3xf32>, %g: tensor<3xf16>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.layer_norm' op expected operands of one element type, got 'f32' and 'f16'}}
  %0 = tessera.layer_norm %x, %g axis = 1 epsilon = 1.0e-05 : (tensor<4x3xf32>, tensor<3xf16>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @rms_norm_axis_out_of_range(%x: tensor<4x3xf32>, %g: tensor<3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.rms_norm' op expected axis in [0, 2), got -1}}
  %0 = tessera.rms_norm %x, %g axis = -1 epsilon = 1.0e-06 : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @rms_norm_negative_epsilon(%x: tensor<4x3xf32>, %g: tensor<3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.rms_norm' op expected epsilon >= 0, got -5.000000e-01}}
  %0 = tessera.rms_norm %x, %g axis = 1 epsilon = -0.5 : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @rms_norm_scale_not_broadcastable(%x: tensor<4x3xf32>, %g: tensor<3x1xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'tessera.rms_norm' op parameter shape [3, 1] does not broadcast to the normalized shape [3]}}
  %0 = tessera.rms_norm %x, %g axis = 1 epsilon = 1.0e-06 : (tensor<4x3xf32>, tensor<3x1xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @rms_norm_integer(%x: tensor<4x3xi32>, %g: tensor<3xi32>) -> tensor<4x3xi32> {
  // expected-error@+1 {{'tessera.rms_norm' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<4x3xi32>'}}
  %0 = tessera.rms_norm %x, %g axis = 1 epsilon = 1.0e-06 : (tensor<4x3xi32>, tensor<3xi32>) -> tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// -----

func.func @batch_norm_rank_1(%x: tensor<4xf32>, %s: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'tessera.batch_norm' op expected input of rank >= 2 [N, C, ...], got rank 1}}
  %0 = tessera.batch_norm %x, %s, %s, %s, %s epsilon = 1.0e-05 : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @batch_norm_negative_epsilon(%x: tensor<2x4xf32>, %s: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'tessera.batch_norm' op expected epsilon >= 0, got -1.000000e-05}}
  %0 = tessera.batch_norm %x, %s, %s, %s, %s epsilon = -1.0e-05 : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @batch_norm_scale_shape(%x: tensor<2x4x3x3xf32>, %s: tensor<4xf32>, %bad: tensor<3xf32>) -> tensor<2x4x3x3xf32> {
  // expected-error@+1 {{'tessera.batch_norm' op expected scale of shape [4] (channels), got [3]}}
  %0 = tessera.batch_norm %x, %bad, %s, %s, %s epsilon = 1.0e-05 : (tensor<2x4x3x3xf32>, tensor<3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x3x3xf32>
  return %0 : tensor<2x4x3x3xf32>
}

// -----

func.func @batch_norm_bias_shape(%x: tensor<2x4x3x3xf32>, %s: tensor<4xf32>, %bad: tensor<1x4xf32>) -> tensor<2x4x3x3xf32> {
  // expected-error@+1 {{'tessera.batch_norm' op expected bias of shape [4] (channels), got [1, 4]}}
  %0 = tessera.batch_norm %x, %s, %bad, %s, %s epsilon = 1.0e-05 : (tensor<2x4x3x3xf32>, tensor<4xf32>, tensor<1x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x3x3xf32>
  return %0 : tensor<2x4x3x3xf32>
}

// -----

// Statistics are per channel (dimension 1), not per spatial position.
func.func @batch_norm_mean_shape(%x: tensor<2x4x3x3xf32>, %s: tensor<4xf32>, %bad: tensor<3xf32>) -> tensor<2x4x3x3xf32> {
  // expected-error@+1 {{'tessera.batch_norm' op expected mean of shape [4] (channels), got [3]}}
  %0 = tessera.batch_norm %x, %s, %s, %bad, %s epsilon = 1.0e-05 : (tensor<2x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<2x4x3x3xf32>
  return %0 : tensor<2x4x3x3xf32>
}

// -----

func.func @batch_norm_variance_shape(%x: tensor<2x4x3x3xf32>, %s: tensor<4xf32>, %bad: tensor<f32>) -> tensor<2x4x3x3xf32> {
  // expected-error@+1 {{'tessera.batch_norm' op expected variance of shape [4] (channels), got []}}
  %0 = tessera.batch_norm %x, %s, %s, %s, %bad epsilon = 1.0e-05 : (tensor<2x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> tensor<2x4x3x3xf32>
  return %0 : tensor<2x4x3x3xf32>
}

// -----

func.func @batch_norm_wrong_result_shape(%x: tensor<2x4xf32>, %s: tensor<4xf32>) -> tensor<4x2xf32> {
  // expected-error@+1 {{'tessera.batch_norm' op result type 'tensor<4x2xf32>' does not match the inferred type 'tensor<2x4xf32>'}}
  %0 = tessera.batch_norm %x, %s, %s, %s, %s epsilon = 1.0e-05 : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

func.func @max_pool_input_rank_2(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error@+1 {{'tessera.max_pool' op expected input of rank >= 3 [N, C, spatial...], got rank 2}}
  %0 = tessera.max_pool %x kernel = [] strides = [] pads = [] dilations = [] : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @max_pool_kernel_count(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x7x7xf32> {
  // expected-error@+1 {{'tessera.max_pool' op expected 2 kernel sizes, got 1}}
  %0 = tessera.max_pool %x kernel = [2] strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x7x7xf32>
  return %0 : tensor<1x1x7x7xf32>
}

// -----

func.func @max_pool_kernel_0(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x8x7xf32> {
  // expected-error@+1 {{'tessera.max_pool' op expected kernel sizes >= 1, got [0, 2]}}
  %0 = tessera.max_pool %x kernel = [0, 2] strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x8x7xf32>
  return %0 : tensor<1x1x8x7xf32>
}

// -----

func.func @max_pool_stride_count(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{'tessera.max_pool' op expected 2 strides, got 3}}
  %0 = tessera.max_pool %x kernel = [2, 2] strides = [2, 2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @avg_pool_dilation_count(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{'tessera.avg_pool' op expected 2 dilations, got 1}}
  %0 = tessera.avg_pool %x kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @avg_pool_pad_count(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{'tessera.avg_pool' op expected 4 pads, got 3}}
  %0 = tessera.avg_pool %x kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @max_pool_stride_0(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{'tessera.max_pool' op expected strides >= 1, got [0, 2]}}
  %0 = tessera.max_pool %x kernel = [2, 2] strides = [0, 2] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @max_pool_dilation_0(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{'tessera.max_pool' op expected dilations >= 1, got [1, 0]}}
  %0 = tessera.max_pool %x kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 0] : (tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @avg_pool_negative_pads(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+1 {{'tessera.avg_pool' op expected pads >= 0, got [-1, 0, 0, 0]}}
  %0 = tessera.avg_pool %x kernel = [2, 2] strides = [2, 2] pads = [-1, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// A window made entirely of padding is rejected.
func.func @max_pool_begin_pad_not_smaller_than_window(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x5x4xf32> {
  // expected-error@+1 {{'tessera.max_pool' op pads [2, 0, 0, 0] must be smaller than the window (2) in dimension 0}}
  %0 = tessera.max_pool %x kernel = [2, 2] strides = [2, 2] pads = [2, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x5x4xf32>
  return %0 : tensor<1x1x5x4xf32>
}

// -----

func.func @avg_pool_end_pad_not_smaller_than_window(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x6x7xf32> {
  // expected-error@+1 {{'tessera.avg_pool' op pads [0, 0, 0, 3] must be smaller than the window (3) in dimension 1}}
  %0 = tessera.avg_pool %x kernel = [3, 3] strides = [1, 1] pads = [0, 0, 0, 3] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x6x7xf32>
  return %0 : tensor<1x1x6x7xf32>
}

// -----

func.func @max_pool_window_does_not_fit(%x: tensor<1x1x2x8xf32>) -> tensor<1x1x1x6xf32> {
  // expected-error@+1 {{'tessera.max_pool' op window dimension 0 (size 3) does not fit the padded input (size 2)}}
  %0 = tessera.max_pool %x kernel = [3, 3] strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x2x8xf32>) -> tensor<1x1x1x6xf32>
  return %0 : tensor<1x1x1x6xf32>
}

// -----

// The reported size is the dilated window: 3 * (2 - 1) + 1 = 4 > 3 + 0 + 0.
func.func @avg_pool_dilated_window_does_not_fit(%x: tensor<1x1x3xf32>) -> tensor<1x1x1xf32> {
  // expected-error@+1 {{'tessera.avg_pool' op window dimension 0 (size 4) does not fit the padded input (size 3)}}
  %0 = tessera.avg_pool %x kernel = [2] strides = [1] pads = [0, 0] dilations = [3] : (tensor<1x1x3xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// -----

// Without ceil_mode, input 5, kernel 2 and stride 2 give 2, not 3.
func.func @avg_pool_missing_ceil_mode(%x: tensor<1x1x5xf32>) -> tensor<1x1x3xf32> {
  // expected-error@+1 {{'tessera.avg_pool' op result type 'tensor<1x1x3xf32>' does not match the inferred type 'tensor<1x1x2xf32>'}}
  %0 = tessera.avg_pool %x kernel = [2] strides = [2] pads = [0, 0] dilations = [1] : (tensor<1x1x5xf32>) -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

func.func @max_pool_wrong_element_type(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf16> {
  // expected-error@+1 {{'tessera.max_pool' op result type 'tensor<1x1x2x2xf16>' does not match the inferred type 'tensor<1x1x2x2xf32>'}}
  %0 = tessera.max_pool %x kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf16>
  return %0 : tensor<1x1x2x2xf16>
}

// -----

func.func @max_pool_i1(%x: tensor<1x1x4x4xi1>) -> tensor<1x1x2x2xi1> {
  // expected-error@+1 {{'tessera.max_pool' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<1x1x4x4xi1>'}}
  %0 = tessera.max_pool %x kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x4x4xi1>) -> tensor<1x1x2x2xi1>
  return %0 : tensor<1x1x2x2xi1>
}

// -----

func.func @global_avg_pool_rank_2(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error@+1 {{'tessera.global_avg_pool' op expected input of rank >= 3 [N, C, spatial...], got rank 2}}
  %0 = tessera.global_avg_pool %x : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @global_max_pool_rank_2(%x: tensor<1x8xi32>) -> tensor<1x8xi32> {
  // expected-error@+1 {{'tessera.global_max_pool' op expected input of rank >= 3 [N, C, spatial...], got rank 2}}
  %0 = tessera.global_max_pool %x : (tensor<1x8xi32>) -> tensor<1x8xi32>
  return %0 : tensor<1x8xi32>
}

// -----

// The pooled dimensions are kept as size 1.
func.func @global_avg_pool_drops_dims(%x: tensor<1x8x4x4xf32>) -> tensor<1x8xf32> {
  // expected-error@+1 {{'tessera.global_avg_pool' op result type 'tensor<1x8xf32>' does not match the inferred type 'tensor<1x8x1x1xf32>'}}
  %0 = tessera.global_avg_pool %x : (tensor<1x8x4x4xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @global_avg_pool_integer(%x: tensor<1x8x4x4xi32>) -> tensor<1x8x1x1xi32> {
  // expected-error@+1 {{'tessera.global_avg_pool' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<1x8x4x4xi32>'}}
  %0 = tessera.global_avg_pool %x : (tensor<1x8x4x4xi32>) -> tensor<1x8x1x1xi32>
  return %0 : tensor<1x8x1x1xi32>
}

// -----

func.func @global_max_pool_wrong_element_type(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xbf16> {
  // expected-error@+1 {{'tessera.global_max_pool' op result type 'tensor<1x8x1x1xbf16>' does not match the inferred type 'tensor<1x8x1x1xf32>'}}
  %0 = tessera.global_max_pool %x : (tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xbf16>
  return %0 : tensor<1x8x1x1xbf16>
}

// -----

func.func @matmul_batch_not_broadcastable(%a: tensor<2x3x4xf32>, %b: tensor<3x4x5xf32>) {
  // expected-error@+1 {{'tessera.matmul' op batch dimensions [2] and [3] are not broadcast-compatible}}
  %0 = tessera.matmul %a, %b : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @conv_zero_kernel(%x: tensor<1x1x4xf32>, %w: tensor<1x1x0xf32>) {
  // expected-error@+1 {{'tessera.conv' op expected kernel sizes >= 1, got [0]}}
  %0 = tessera.conv %x, %w strides = [1] pads = [0, 0] dilations = [1] groups = 1 : (tensor<1x1x4xf32>, tensor<1x1x0xf32>) -> tensor<1x1x5xf32>
  return
}
