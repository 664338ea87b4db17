// RUN: tessera-opt %s --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file | tessera-opt --split-input-file | FileCheck %s


// CHECK-LABEL: func.func @indices_row_major
// CHECK: tessera.max_pool_indices %{{.*}} kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xi64>
func.func @indices_row_major(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xi64> {
  %0 = tessera.max_pool_indices %x kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1]
      : (tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xi64>
  return %0 : tensor<1x3x2x2xi64>
}

// -----

// ceil_mode: 5 -> 3 windows of 2 with stride 2.
// CHECK-LABEL: func.func @indices_column_major_ceil
// CHECK: tessera.max_pool_indices %{{.*}} ceil_mode column_major : (tensor<2x1x5x5xf16>) -> tensor<2x1x3x3xi64>
func.func @indices_column_major_ceil(%x: tensor<2x1x5x5xf16>) -> tensor<2x1x3x3xi64> {
  %0 = tessera.max_pool_indices %x kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] ceil_mode column_major
      : (tensor<2x1x5x5xf16>) -> tensor<2x1x3x3xi64>
  return %0 : tensor<2x1x3x3xi64>
}
