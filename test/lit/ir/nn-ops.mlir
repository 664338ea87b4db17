// RUN: tessera-opt %s --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file | tessera-opt --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file --mlir-print-op-generic | tessera-opt --split-input-file | FileCheck %s

// Round trips of the contraction, reduction, normalization and pooling ops.
// Every result type below is the inferred one (the verifier rejects any
// other), so each case also pins down a shape rule.

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

// A rank-1 lhs and rhs give a rank-0 dot product.
// CHECK-LABEL: func.func @matmul_vector_vector
// CHECK-SAME: (%[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK: %[[R:.+]] = tessera.matmul %[[A]], %[[B]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
// CHECK: return %[[R]] : tensor<f32>
func.func @matmul_vector_vector(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<f32> {
  %0 = tessera.matmul %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A rank-1 lhs is a row vector: its unit row is dropped, the rhs batch stays.
// CHECK-LABEL: func.func @matmul_vector_batched_matrix
// CHECK-SAME: (%[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<2x4x5xf32>)
// CHECK: %[[R:.+]] = tessera.matmul %[[A]], %[[B]] : (tensor<4xf32>, tensor<2x4x5xf32>) -> tensor<2x5xf32>
// CHECK: return %[[R]]
func.func @matmul_vector_batched_matrix(%a: tensor<4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x5xf32> {
  %0 = tessera.matmul %a, %b : (tensor<4xf32>, tensor<2x4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// A rank-1 rhs is a column vector: its unit column is dropped.
// CHECK-LABEL: func.func @matmul_batched_matrix_vector
// CHECK-SAME: (%[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK: %[[R:.+]] = tessera.matmul %[[A]], %[[B]] : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
// CHECK: return %[[R]]
func.func @matmul_batched_matrix_vector(%a: tensor<2x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  %0 = tessera.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Batch dimensions [2, 1] and [5] broadcast to [2, 5].
// CHECK-LABEL: func.func @matmul_broadcast_batch
// CHECK-SAME: (%[[A:.+]]: tensor<2x1x3x4xf32>, %[[B:.+]]: tensor<5x4x6xf32>)
// CHECK: %[[R:.+]] = tessera.matmul %[[A]], %[[B]] : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
// CHECK: return %[[R]]
func.func @matmul_broadcast_batch(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32> {
  %0 = tessera.matmul %a, %b : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
  return %0 : tensor<2x5x3x6xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_transpose_lhs
// CHECK-SAME: (%[[A:.+]]: tensor<4x3xf32>, %[[B:.+]]: tensor<4x5xf32>)
// CHECK: %[[R:.+]] = tessera.matmul %[[A]], %[[B]] transpose_lhs : (tensor<4x3xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
// CHECK: return %[[R]]
func.func @matmul_transpose_lhs(%a: tensor<4x3xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = tessera.matmul %a, %b transpose_lhs : (tensor<4x3xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// The transposed rank-2 rhs broadcasts against the batch of the lhs.
// CHECK-LABEL: func.func @matmul_transpose_rhs
// CHECK-SAME: (%[[A:.+]]: tensor<8x16x32xf16>, %[[B:.+]]: tensor<64x32xf16>)
// CHECK: %[[R:.+]] = tessera.matmul %[[A]], %[[B]] transpose_rhs : (tensor<8x16x32xf16>, tensor<64x32xf16>) -> tensor<8x16x64xf16>
// CHECK: return %[[R]]
func.func @matmul_transpose_rhs(%a: tensor<8x16x32xf16>, %b: tensor<64x32xf16>) -> tensor<8x16x64xf16> {
  %0 = tessera.matmul %a, %b transpose_rhs : (tensor<8x16x32xf16>, tensor<64x32xf16>) -> tensor<8x16x64xf16>
  return %0 : tensor<8x16x64xf16>
}

// -----

// CHECK-LABEL: func.func @matmul_transpose_both_i32
// CHECK-SAME: (%[[A:.+]]: tensor<4x3xi32>, %[[B:.+]]: tensor<5x4xi32>)
// CHECK: %[[R:.+]] = tessera.matmul %[[A]], %[[B]] transpose_lhs transpose_rhs : (tensor<4x3xi32>, tensor<5x4xi32>) -> tensor<3x5xi32>
// CHECK: return %[[R]]
func.func @matmul_transpose_both_i32(%a: tensor<4x3xi32>, %b: tensor<5x4xi32>) -> tensor<3x5xi32> {
  %0 = tessera.matmul %a, %b transpose_lhs transpose_rhs : (tensor<4x3xi32>, tensor<5x4xi32>) -> tensor<3x5xi32>
  return %0 : tensor<3x5xi32>
}

// -----

//===----------------------------------------------------------------------===//
// conv
//===----------------------------------------------------------------------===//

// (10 - 3) / 1 + 1 = 8.
// CHECK-LABEL: func.func @conv_1d
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x10xf32>, %[[W:.+]]: tensor<8x4x3xf32>)
// CHECK: %[[R:.+]] = tessera.conv %[[X]], %[[W]] strides = [1] pads = [0, 0] dilations = [1] groups = 1 : (tensor<1x4x10xf32>, tensor<8x4x3xf32>) -> tensor<1x8x8xf32>
// CHECK: return %[[R]]
func.func @conv_1d(%x: tensor<1x4x10xf32>, %w: tensor<8x4x3xf32>) -> tensor<1x8x8xf32> {
  %0 = tessera.conv %x, %w strides = [1] pads = [0, 0] dilations = [1] groups = 1 : (tensor<1x4x10xf32>, tensor<8x4x3xf32>) -> tensor<1x8x8xf32>
  return %0 : tensor<1x8x8xf32>
}

// -----

// (224 + 1 + 1 - 3) / 2 + 1 = 112.
// CHECK-LABEL: func.func @conv_2d_bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x3x224x224xf32>, %[[W:.+]]: tensor<64x3x3x3xf32>, %[[B:.+]]: tensor<64xf32>)
// CHECK: %[[R:.+]] = tessera.conv %[[X]], %[[W]], %[[B]] strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x224x224xf32>, tensor<64x3x3x3xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
// CHECK: return %[[R]]
func.func @conv_2d_bias(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x3x3xf32>, %b: tensor<64xf32>) -> tensor<1x64x112x112xf32> {
  %0 = tessera.conv %x, %w, %b strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x224x224xf32>, tensor<64x3x3x3xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
  return %0 : tensor<1x64x112x112xf32>
}

// -----

// Channels-last: input [N, H, W, C], weight [M, kh, kw, C/g], result
// [N, OH, OW, M]; (9 + 1 + 0 - 3) / 2 + 1 = 4 rows, (7 - 3) / 2 + 1 = 3
// columns, 2 groups of 16 output channels.
// CHECK-LABEL: func.func @conv_channels_last
// CHECK: tessera.conv %{{.+}}, %{{.+}}, %{{.+}} strides = [2, 2] pads = [1, 0, 0, 0] dilations = [1, 1] groups = 2 channels_last : (tensor<2x9x7x8xf32>, tensor<32x3x3x4xf32>, tensor<32xf32>) -> tensor<2x4x3x32xf32>
func.func @conv_channels_last(%x: tensor<2x9x7x8xf32>, %w: tensor<32x3x3x4xf32>, %b: tensor<32xf32>) -> tensor<2x4x3x32xf32> {
  %0 = tessera.conv %x, %w, %b strides = [2, 2] pads = [1, 0, 0, 0] dilations = [1, 1] groups = 2 channels_last : (tensor<2x9x7x8xf32>, tensor<32x3x3x4xf32>, tensor<32xf32>) -> tensor<2x4x3x32xf32>
  return %0 : tensor<2x4x3x32xf32>
}

// -----

// CHECK-LABEL: func.func @conv_3d
// CHECK-SAME: (%[[X:.+]]: tensor<2x2x4x5x6xbf16>, %[[W:.+]]: tensor<3x2x2x2x2xbf16>)
// CHECK: %[[R:.+]] = tessera.conv %[[X]], %[[W]] strides = [1, 1, 1] pads = [0, 0, 0, 0, 0, 0] dilations = [1, 1, 1] groups = 1 : (tensor<2x2x4x5x6xbf16>, tensor<3x2x2x2x2xbf16>) -> tensor<2x3x3x4x5xbf16>
// CHECK: return %[[R]]
func.func @conv_3d(%x: tensor<2x2x4x5x6xbf16>, %w: tensor<3x2x2x2x2xbf16>) -> tensor<2x3x3x4x5xbf16> {
  %0 = tessera.conv %x, %w strides = [1, 1, 1] pads = [0, 0, 0, 0, 0, 0] dilations = [1, 1, 1] groups = 1 : (tensor<2x2x4x5x6xbf16>, tensor<3x2x2x2x2xbf16>) -> tensor<2x3x3x4x5xbf16>
  return %0 : tensor<2x3x3x4x5xbf16>
}

// -----

// 8 input channels in 4 groups: the weight has 8 / 4 = 2 channels per group.
// CHECK-LABEL: func.func @conv_grouped
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x10x10xf32>, %[[W:.+]]: tensor<16x2x3x3xf32>)
// CHECK: %[[R:.+]] = tessera.conv %[[X]], %[[W]] strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 4 : (tensor<1x8x10x10xf32>, tensor<16x2x3x3xf32>) -> tensor<1x16x8x8xf32>
// CHECK: return %[[R]]
func.func @conv_grouped(%x: tensor<1x8x10x10xf32>, %w: tensor<16x2x3x3xf32>) -> tensor<1x16x8x8xf32> {
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 4 : (tensor<1x8x10x10xf32>, tensor<16x2x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

// Depthwise: groups = channels, one input channel per group, "same" padding.
// CHECK-LABEL: func.func @conv_depthwise
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x10x10xf16>, %[[W:.+]]: tensor<8x1x3x3xf16>, %[[B:.+]]: tensor<8xf16>)
// CHECK: %[[R:.+]] = tessera.conv %[[X]], %[[W]], %[[B]] strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 8 : (tensor<1x8x10x10xf16>, tensor<8x1x3x3xf16>, tensor<8xf16>) -> tensor<1x8x10x10xf16>
// CHECK: return %[[R]]
func.func @conv_depthwise(%x: tensor<1x8x10x10xf16>, %w: tensor<8x1x3x3xf16>, %b: tensor<8xf16>) -> tensor<1x8x10x10xf16> {
  %0 = tessera.conv %x, %w, %b strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 8 : (tensor<1x8x10x10xf16>, tensor<8x1x3x3xf16>, tensor<8xf16>) -> tensor<1x8x10x10xf16>
  return %0 : tensor<1x8x10x10xf16>
}

// -----

// (7 - 3) / 2 + 1 = 3 and (7 - 3) / 3 + 1 = 2 (the remainder is dropped).
// CHECK-LABEL: func.func @conv_strided
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x7x7xf32>, %[[W:.+]]: tensor<1x1x3x3xf32>)
// CHECK: %[[R:.+]] = tessera.conv %[[X]], %[[W]] strides = [2, 3] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x7x7xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x2xf32>
// CHECK: return %[[R]]
func.func @conv_strided(%x: tensor<1x1x7x7xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x3x2xf32> {
  %0 = tessera.conv %x, %w strides = [2, 3] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x7x7xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x2xf32>
  return %0 : tensor<1x1x3x2xf32>
}

// -----

// Dilated 3-wide kernels span 2 * 2 + 1 = 5 and 3 * 2 + 1 = 7 elements.
// CHECK-LABEL: func.func @conv_dilated
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x9x9xf32>, %[[W:.+]]: tensor<1x1x3x3xf32>)
// CHECK: %[[R:.+]] = tessera.conv %[[X]], %[[W]] strides = [1, 1] pads = [0, 0, 0, 0] dilations = [2, 3] groups = 1 : (tensor<1x1x9x9xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x5x3xf32>
// CHECK: return %[[R]]
func.func @conv_dilated(%x: tensor<1x1x9x9xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x5x3xf32> {
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [2, 3] groups = 1 : (tensor<1x1x9x9xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x5x3xf32>
  return %0 : tensor<1x1x5x3xf32>
}

// -----

// pads = [begin0, begin1, end0, end1]: dimension 0 gets 0 + 2, dimension 1
// gets 1 + 3, so 5 + 2 - 3 + 1 = 5 and 5 + 4 - 3 + 1 = 7.
// CHECK-LABEL: func.func @conv_asymmetric_pads
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x5x5xi8>, %[[W:.+]]: tensor<2x1x3x3xi8>)
// CHECK: %[[R:.+]] = tessera.conv %[[X]], %[[W]] strides = [1, 1] pads = [0, 1, 2, 3] dilations = [1, 1] groups = 1 : (tensor<1x1x5x5xi8>, tensor<2x1x3x3xi8>) -> tensor<1x2x5x7xi8>
// CHECK: return %[[R]]
func.func @conv_asymmetric_pads(%x: tensor<1x1x5x5xi8>, %w: tensor<2x1x3x3xi8>) -> tensor<1x2x5x7xi8> {
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 1, 2, 3] dilations = [1, 1] groups = 1 : (tensor<1x1x5x5xi8>, tensor<2x1x3x3xi8>) -> tensor<1x2x5x7xi8>
  return %0 : tensor<1x2x5x7xi8>
}

// -----

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reduce_sum_keep_dims
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.+]] = tessera.reduce_sum %[[X]] axes = [1] keep_dims : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
// CHECK: return %[[R]]
func.func @reduce_sum_keep_dims(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %0 = tessera.reduce_sum %x axes = [1] keep_dims : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  return %0 : tensor<2x1x4xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_sum_drop_dims
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xi64>)
// CHECK: %[[R:.+]] = tessera.reduce_sum %[[X]] axes = [1] : (tensor<2x3x4xi64>) -> tensor<2x4xi64>
// CHECK: return %[[R]]
func.func @reduce_sum_drop_dims(%x: tensor<2x3x4xi64>) -> tensor<2x4xi64> {
  %0 = tessera.reduce_sum %x axes = [1] : (tensor<2x3x4xi64>) -> tensor<2x4xi64>
  return %0 : tensor<2x4xi64>
}

// -----

// CHECK-LABEL: func.func @reduce_mean_multiple_axes
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.+]] = tessera.reduce_mean %[[X]] axes = [0, 2] : (tensor<2x3x4xf32>) -> tensor<3xf32>
// CHECK: return %[[R]]
func.func @reduce_mean_multiple_axes(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %0 = tessera.reduce_mean %x axes = [0, 2] : (tensor<2x3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_mean_multiple_axes_keep_dims
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xbf16>)
// CHECK: %[[R:.+]] = tessera.reduce_mean %[[X]] axes = [0, 2] keep_dims : (tensor<2x3x4xbf16>) -> tensor<1x3x1xbf16>
// CHECK: return %[[R]]
func.func @reduce_mean_multiple_axes_keep_dims(%x: tensor<2x3x4xbf16>) -> tensor<1x3x1xbf16> {
  %0 = tessera.reduce_mean %x axes = [0, 2] keep_dims : (tensor<2x3x4xbf16>) -> tensor<1x3x1xbf16>
  return %0 : tensor<1x3x1xbf16>
}

// -----

// Empty axes reduce nothing: the type is unchanged.
// CHECK-LABEL: func.func @reduce_max_empty_axes
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = tessera.reduce_max %[[X]] axes = [] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[R]]
func.func @reduce_max_empty_axes(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.reduce_max %x axes = [] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Reducing every axis without keep_dims gives a rank-0 tensor.
// CHECK-LABEL: func.func @reduce_min_all_axes
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xi32>)
// CHECK: %[[R:.+]] = tessera.reduce_min %[[X]] axes = [0, 1] : (tensor<2x3xi32>) -> tensor<i32>
// CHECK: return %[[R]]
func.func @reduce_min_all_axes(%x: tensor<2x3xi32>) -> tensor<i32> {
  %0 = tessera.reduce_min %x axes = [0, 1] : (tensor<2x3xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// CHECK-LABEL: func.func @reduce_prod_all_axes_keep_dims
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf64>)
// CHECK: %[[R:.+]] = tessera.reduce_prod %[[X]] axes = [0, 1] keep_dims : (tensor<2x3xf64>) -> tensor<1x1xf64>
// CHECK: return %[[R]]
func.func @reduce_prod_all_axes_keep_dims(%x: tensor<2x3xf64>) -> tensor<1x1xf64> {
  %0 = tessera.reduce_prod %x axes = [0, 1] keep_dims : (tensor<2x3xf64>) -> tensor<1x1xf64>
  return %0 : tensor<1x1xf64>
}

// -----

// CHECK-LABEL: func.func @argmax_drop_axis
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.+]] = tessera.argmax %[[X]] axis = 1 : (tensor<2x3x4xf32>) -> tensor<2x4xi64>
// CHECK: return %[[R]]
func.func @argmax_drop_axis(%x: tensor<2x3x4xf32>) -> tensor<2x4xi64> {
  %0 = tessera.argmax %x axis = 1 : (tensor<2x3x4xf32>) -> tensor<2x4xi64>
  return %0 : tensor<2x4xi64>
}

// -----

// CHECK-LABEL: func.func @argmax_keep_dims_select_last_index
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xi8>)
// CHECK: %[[R:.+]] = tessera.argmax %[[X]] axis = 2 keep_dims select_last_index : (tensor<2x3x4xi8>) -> tensor<2x3x1xi64>
// CHECK: return %[[R]]
func.func @argmax_keep_dims_select_last_index(%x: tensor<2x3x4xi8>) -> tensor<2x3x1xi64> {
  %0 = tessera.argmax %x axis = 2 keep_dims select_last_index : (tensor<2x3x4xi8>) -> tensor<2x3x1xi64>
  return %0 : tensor<2x3x1xi64>
}

// -----

// CHECK-LABEL: func.func @argmin_select_last_index
// CHECK-SAME: (%[[X:.+]]: tensor<5xf16>)
// CHECK: %[[R:.+]] = tessera.argmin %[[X]] axis = 0 select_last_index : (tensor<5xf16>) -> tensor<i64>
// CHECK: return %[[R]]
func.func @argmin_select_last_index(%x: tensor<5xf16>) -> tensor<i64> {
  %0 = tessera.argmin %x axis = 0 select_last_index : (tensor<5xf16>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @softmax_last_axis
// CHECK-SAME: (%[[X:.+]]: tensor<2x10xf32>)
// CHECK: %[[R:.+]] = tessera.softmax %[[X]] axis = 1 : tensor<2x10xf32>
// CHECK: return %[[R]]
func.func @softmax_last_axis(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  %0 = tessera.softmax %x axis = 1 : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// -----

// CHECK-LABEL: func.func @log_softmax_first_axis
// CHECK-SAME: (%[[X:.+]]: tensor<2x10xf16>)
// CHECK: %[[R:.+]] = tessera.log_softmax %[[X]] axis = 0 : tensor<2x10xf16>
// CHECK: return %[[R]]
func.func @log_softmax_first_axis(%x: tensor<2x10xf16>) -> tensor<2x10xf16> {
  %0 = tessera.log_softmax %x axis = 0 : tensor<2x10xf16>
  return %0 : tensor<2x10xf16>
}

// -----

// CHECK-LABEL: func.func @layer_norm_with_bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x128x768xf32>, %[[G:.+]]: tensor<768xf32>, %[[B:.+]]: tensor<768xf32>)
// CHECK: %[[R:.+]] = tessera.layer_norm %[[X]], %[[G]], %[[B]] axis = 2 epsilon = 1.000000e-05 : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
// CHECK: return %[[R]]
func.func @layer_norm_with_bias(%x: tensor<1x128x768xf32>, %g: tensor<768xf32>, %b: tensor<768xf32>) -> tensor<1x128x768xf32> {
  %0 = tessera.layer_norm %x, %g, %b axis = 2 epsilon = 1.0e-05 : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
  return %0 : tensor<1x128x768xf32>
}

// -----

// Normalizes over [1, 3); the scale [1, 4] broadcasts to the normalized
// shape [3, 4].
// CHECK-LABEL: func.func @layer_norm_without_bias
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xbf16>, %[[G:.+]]: tensor<1x4xbf16>)
// CHECK: %[[R:.+]] = tessera.layer_norm %[[X]], %[[G]] axis = 1 epsilon = 0.000000e+00 : (tensor<2x3x4xbf16>, tensor<1x4xbf16>) -> tensor<2x3x4xbf16>
// CHECK: return %[[R]]
func.func @layer_norm_without_bias(%x: tensor<2x3x4xbf16>, %g: tensor<1x4xbf16>) -> tensor<2x3x4xbf16> {
  %0 = tessera.layer_norm %x, %g axis = 1 epsilon = 0.0 : (tensor<2x3x4xbf16>, tensor<1x4xbf16>) -> tensor<2x3x4xbf16>
  return %0 : tensor<2x3x4xbf16>
}

// -----

// CHECK-LABEL: func.func @rms_norm
// CHECK-SAME: (%[[X:.+]]: tensor<4x64xf32>, %[[G:.+]]: tensor<64xf32>)
// CHECK: %[[R:.+]] = tessera.rms_norm %[[X]], %[[G]] axis = 1 epsilon = 9.9999999999999995E-7 : (tensor<4x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
// CHECK: return %[[R]]
func.func @rms_norm(%x: tensor<4x64xf32>, %g: tensor<64xf32>) -> tensor<4x64xf32> {
  %0 = tessera.rms_norm %x, %g axis = 1 epsilon = 1.0e-06 : (tensor<4x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

// CHECK-LABEL: func.func @batch_norm
// CHECK-SAME: (%[[X:.+]]: tensor<1x64x56x56xf32>, %[[S:.+]]: tensor<64xf32>, %[[B:.+]]: tensor<64xf32>, %[[M:.+]]: tensor<64xf32>, %[[V:.+]]: tensor<64xf32>)
// CHECK: %[[R:.+]] = tessera.batch_norm %[[X]], %[[S]], %[[B]], %[[M]], %[[V]] epsilon = 1.000000e-05 : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
// CHECK: return %[[R]]
func.func @batch_norm(%x: tensor<1x64x56x56xf32>, %s: tensor<64xf32>, %b: tensor<64xf32>, %m: tensor<64xf32>, %v: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %0 = tessera.batch_norm %x, %s, %b, %m, %v epsilon = 1.0e-05 : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// Batch norm also takes a rank-2 [N, C] input.
// CHECK-LABEL: func.func @batch_norm_rank_2
// CHECK-SAME: (%[[X:.+]]: tensor<8x3xf16>, %[[S:.+]]: tensor<3xf16>)
// CHECK: %[[R:.+]] = tessera.batch_norm %[[X]], %[[S]], %[[S]], %[[S]], %[[S]] epsilon = 1.000000e-03 : (tensor<8x3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<8x3xf16>
// CHECK: return %[[R]]
func.func @batch_norm_rank_2(%x: tensor<8x3xf16>, %s: tensor<3xf16>) -> tensor<8x3xf16> {
  %0 = tessera.batch_norm %x, %s, %s, %s, %s epsilon = 1.0e-03 : (tensor<8x3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<8x3xf16>
  return %0 : tensor<8x3xf16>
}

// -----

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

// (112 + 2 - 3) / 2 + 1 = 56.
// CHECK-LABEL: func.func @max_pool_2d
// CHECK-SAME: (%[[X:.+]]: tensor<1x64x112x112xf32>)
// CHECK: %[[R:.+]] = tessera.max_pool %[[X]] kernel = [3, 3] strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
// CHECK: return %[[R]]
func.func @max_pool_2d(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  %0 = tessera.max_pool %x kernel = [3, 3] strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// Without ceil_mode the last partial window is dropped: (5 - 2) / 2 + 1 = 2.
// CHECK-LABEL: func.func @max_pool_floor_mode
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x5xf32>)
// CHECK: %[[R:.+]] = tessera.max_pool %[[X]] kernel = [2] strides = [2] pads = [0, 0] dilations = [1] : (tensor<1x1x5xf32>) -> tensor<1x1x2xf32>
// CHECK: return %[[R]]
func.func @max_pool_floor_mode(%x: tensor<1x1x5xf32>) -> tensor<1x1x2xf32> {
  %0 = tessera.max_pool %x kernel = [2] strides = [2] pads = [0, 0] dilations = [1] : (tensor<1x1x5xf32>) -> tensor<1x1x2xf32>
  return %0 : tensor<1x1x2xf32>
}

// -----

// With ceil_mode it is kept: ceil((5 - 2) / 2) + 1 = 3.
// CHECK-LABEL: func.func @max_pool_ceil_mode
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x5x5xi32>)
// CHECK: %[[R:.+]] = tessera.max_pool %[[X]] kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32>
// CHECK: return %[[R]]
func.func @max_pool_ceil_mode(%x: tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32> {
  %0 = tessera.max_pool %x kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32>
  return %0 : tensor<1x1x3x3xi32>
}

// -----

// ceil((4 + 1 - 2) / 2) + 1 = 3 windows, but the third would start at 4,
// inside the end padding, so ceil_mode drops it again: 2.
// CHECK-LABEL: func.func @max_pool_ceil_mode_window_in_end_pad
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x4xf32>)
// CHECK: %[[R:.+]] = tessera.max_pool %[[X]] kernel = [2] strides = [2] pads = [0, 1] dilations = [1] ceil_mode : (tensor<1x1x4xf32>) -> tensor<1x1x2xf32>
// CHECK: return %[[R]]
func.func @max_pool_ceil_mode_window_in_end_pad(%x: tensor<1x1x4xf32>) -> tensor<1x1x2xf32> {
  %0 = tessera.max_pool %x kernel = [2] strides = [2] pads = [0, 1] dilations = [1] ceil_mode : (tensor<1x1x4xf32>) -> tensor<1x1x2xf32>
  return %0 : tensor<1x1x2xf32>
}

// -----

// A dilated window: span 2 * (3 - 1) + 1 = 5, (9 - 5) / 1 + 1 = 5.
// CHECK-LABEL: func.func @max_pool_dilated_3d
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x9x4x4xf32>)
// CHECK: %[[R:.+]] = tessera.max_pool %[[X]] kernel = [3, 2, 2] strides = [1, 2, 2] pads = [0, 0, 0, 0, 0, 0] dilations = [2, 1, 1] : (tensor<1x2x9x4x4xf32>) -> tensor<1x2x5x2x2xf32>
// CHECK: return %[[R]]
func.func @max_pool_dilated_3d(%x: tensor<1x2x9x4x4xf32>) -> tensor<1x2x5x2x2xf32> {
  %0 = tessera.max_pool %x kernel = [3, 2, 2] strides = [1, 2, 2] pads = [0, 0, 0, 0, 0, 0] dilations = [2, 1, 1] : (tensor<1x2x9x4x4xf32>) -> tensor<1x2x5x2x2xf32>
  return %0 : tensor<1x2x5x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @avg_pool_count_include_pad
// CHECK-SAME: (%[[X:.+]]: tensor<1x3x8x8xf32>)
// CHECK: %[[R:.+]] = tessera.avg_pool %[[X]] kernel = [3, 3] strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] count_include_pad : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
// CHECK: return %[[R]]
func.func @avg_pool_count_include_pad(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = tessera.avg_pool %x kernel = [3, 3] strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] count_include_pad : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// ceil((5 + 1 + 1 - 3) / 2) + 1 = 3; ceil_mode comes before count_include_pad.
// CHECK-LABEL: func.func @avg_pool_ceil_mode_count_include_pad
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x5x6xf16>)
// CHECK: %[[R:.+]] = tessera.avg_pool %[[X]] kernel = [3, 3] strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] ceil_mode count_include_pad : (tensor<2x3x5x6xf16>) -> tensor<2x3x3x4xf16>
// CHECK: return %[[R]]
func.func @avg_pool_ceil_mode_count_include_pad(%x: tensor<2x3x5x6xf16>) -> tensor<2x3x3x4xf16> {
  %0 = tessera.avg_pool %x kernel = [3, 3] strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] ceil_mode count_include_pad : (tensor<2x3x5x6xf16>) -> tensor<2x3x3x4xf16>
  return %0 : tensor<2x3x3x4xf16>
}

// -----

// CHECK-LABEL: func.func @global_avg_pool_2d
// CHECK-SAME: (%[[X:.+]]: tensor<1x512x7x7xf32>)
// CHECK: %[[R:.+]] = tessera.global_avg_pool %[[X]] : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
// CHECK: return %[[R]]
func.func @global_avg_pool_2d(%x: tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32> {
  %0 = tessera.global_avg_pool %x : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool_1d
// CHECK-SAME: (%[[X:.+]]: tensor<2x16x9xi32>)
// CHECK: %[[R:.+]] = tessera.global_max_pool %[[X]] : (tensor<2x16x9xi32>) -> tensor<2x16x1xi32>
// CHECK: return %[[R]]
func.func @global_max_pool_1d(%x: tensor<2x16x9xi32>) -> tensor<2x16x1xi32> {
  %0 = tessera.global_max_pool %x : (tensor<2x16x9xi32>) -> tensor<2x16x1xi32>
  return %0 : tensor<2x16x1xi32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool_3d
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x3x5x7xf32>)
// CHECK: %[[R:.+]] = tessera.global_max_pool %[[X]] : (tensor<1x4x3x5x7xf32>) -> tensor<1x4x1x1x1xf32>
// CHECK: return %[[R]]
func.func @global_max_pool_3d(%x: tensor<1x4x3x5x7xf32>) -> tensor<1x4x1x1x1xf32> {
  %0 = tessera.global_max_pool %x : (tensor<1x4x3x5x7xf32>) -> tensor<1x4x1x1x1xf32>
  return %0 : tensor<1x4x1x1x1xf32>
}
