// Round trip of conv_transpose and cumsum; the output sizes are those of the
// ONNX ConvTranspose/CumSum backend tests.
// RUN: tessera-opt %s --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file | tessera-opt --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file --mlir-print-op-generic | tessera-opt --split-input-file | FileCheck %s

// test_convtranspose: 3x3 input, 3x3 kernel, stride 1 -> 5x5.
// CHECK-LABEL: func.func @conv_transpose_basic
// CHECK: tessera.conv_transpose %{{.*}}, %{{.*}} strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 1 : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x5x5xf32>
func.func @conv_transpose_basic(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<1x2x5x5xf32> {
  %0 = tessera.conv_transpose %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 1
      : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// -----

// test_convtranspose_output_shape: strides [3, 2], output_padding [1, 1]:
// 3 * (3 - 1) + 1 + 3 = 10 and 2 * (3 - 1) + 1 + 3 = 8.
// CHECK-LABEL: func.func @conv_transpose_strided_output_padding
// CHECK: -> tensor<1x2x10x8xf32>
func.func @conv_transpose_strided_output_padding(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32> {
  %0 = tessera.conv_transpose %x, %w strides = [3, 2] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [1, 1] groups = 1
      : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32>
  return %0 : tensor<1x2x10x8xf32>
}

// -----

// Grouped, dilated, padded, with bias: 2 groups of 2 input channels, 3 output
// channels per group; 2 * (4 - 1) + 2 * (3 - 1) + 1 - 1 - 2 = 8.
// CHECK-LABEL: func.func @conv_transpose_grouped_dilated_bias
// CHECK: tessera.conv_transpose %{{.*}}, %{{.*}}, %{{.*}} strides = [2] pads = [1, 2] dilations = [2] output_padding = [0] groups = 2 : (tensor<1x4x4xf16>, tensor<4x3x3xf16>, tensor<6xf16>) -> tensor<1x6x8xf16>
func.func @conv_transpose_grouped_dilated_bias(%x: tensor<1x4x4xf16>, %w: tensor<4x3x3xf16>, %b: tensor<6xf16>) -> tensor<1x6x8xf16> {
  %0 = tessera.conv_transpose %x, %w, %b strides = [2] pads = [1, 2] dilations = [2] output_padding = [0] groups = 2
      : (tensor<1x4x4xf16>, tensor<4x3x3xf16>, tensor<6xf16>) -> tensor<1x6x8xf16>
  return %0 : tensor<1x6x8xf16>
}

// -----

// CHECK-LABEL: func.func @cumsum_forms
// CHECK: tessera.cumsum %{{.*}} axis = 0 : tensor<5xf64>
// CHECK: tessera.cumsum %{{.*}} axis = 0 exclusive : tensor<5xf64>
// CHECK: tessera.cumsum %{{.*}} axis = 0 reverse : tensor<5xf64>
// CHECK: tessera.cumsum %{{.*}} axis = 1 exclusive reverse : tensor<2x3xi32>
func.func @cumsum_forms(%x: tensor<5xf64>, %y: tensor<2x3xi32>) -> (tensor<5xf64>, tensor<5xf64>, tensor<5xf64>, tensor<2x3xi32>) {
  %0 = tessera.cumsum %x axis = 0 : tensor<5xf64>
  %1 = tessera.cumsum %x axis = 0 exclusive : tensor<5xf64>
  %2 = tessera.cumsum %x axis = 0 reverse : tensor<5xf64>
  %3 = tessera.cumsum %y axis = 1 exclusive reverse : tensor<2x3xi32>
  return %0, %1, %2, %3 : tensor<5xf64>, tensor<5xf64>, tensor<5xf64>, tensor<2x3xi32>
}
