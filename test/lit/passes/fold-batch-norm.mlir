// RUN: tessera-opt %s --split-input-file --tessera-fold-batch-norm | FileCheck %s

// tessera-fold-batch-norm: batch_norm(conv) and batch_norm(matmul [+ bias])
// with constant weights and statistics become one conv / matmul + bias.

// k = scale / sqrt(variance + eps) = [4 / 2, 1.5 / 3] = [2, 0.5];
// W' = W * k per output channel; b' = (b - mean) * k + bias =
// [(1 - 1) * 2 + 0.5, (2 - 0) * 0.5 - 1] = [0.5, 0]. The statistics and the
// old weights disappear.
// CHECK-LABEL: func.func @conv_with_bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x3x4xf32>)
// CHECK-DAG: %[[W:.+]] = tessera.constant dense<{{\[\[\[\[}}2.000000e+00, 4.000000e+00]]], {{\[\[\[}}1.500000e+00, 2.000000e+00]]]]> : tensor<2x1x1x2xf32>
// CHECK-DAG: %[[B:.+]] = tessera.constant dense<[5.000000e-01, 0.000000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.+]] = tessera.conv %[[X]], %[[W]], %[[B]] strides = [1, 1] pads = [0, 0, 0, 1] dilations = [1, 1] groups = 1 : (tensor<1x1x3x4xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x3x4xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: tessera.constant
func.func @conv_with_bias(%x: tensor<1x1x3x4xf32>) -> tensor<1x2x3x4xf32> {
  %w = tessera.constant dense<[[[[1.0, 2.0]]], [[[3.0, 4.0]]]]> : tensor<2x1x1x2xf32>
  %b = tessera.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %scale = tessera.constant dense<[4.0, 1.5]> : tensor<2xf32>
  %bias = tessera.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = tessera.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %var = tessera.constant dense<[3.0, 8.0]> : tensor<2xf32>
  %0 = tessera.conv %x, %w, %b strides = [1, 1] pads = [0, 0, 0, 1] dilations = [1, 1] groups = 1 : (tensor<1x1x3x4xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x3x4xf32>
  %1 = tessera.batch_norm %0, %scale, %bias, %mean, %var epsilon = 1.0 : (tensor<1x2x3x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x4xf32>
  return %1 : tensor<1x2x3x4xf32>
}

// -----

// Without a conv bias, b' = bias - mean * k. A folded weight above 1 KiB is
// a dense_resource blob named after the original weight (its location), and
// the grouped conv keeps its attributes.
// CHECK-LABEL: func.func @conv_without_bias
// CHECK-DAG: %[[W:.+]] = tessera.constant dense_resource<conv1.weight_bn> : tensor<4x2x6x6xf32>
// CHECK-DAG: %[[B:.+]] = tessera.constant dense<[-1.000000e+00, -2.000000e+00, -3.000000e+00, -4.000000e+00]> : tensor<4xf32>
// CHECK: tessera.conv %{{.+}}, %[[W]], %[[B]] strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 2
// CHECK-NOT: tessera.batch_norm
// Channel 0 keeps 1.0 (0x3F800000), channel 3 is 4.0 (0x40800000).
// CHECK: conv1.weight_bn: "0x040000000000803F0000803F
// CHECK-SAME: 0000804000008040"
func.func @conv_without_bias(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x3x3xf32> {
  %w = tessera.constant dense<1.0> : tensor<4x2x6x6xf32> loc("conv1.weight")
  %scale = tessera.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %bias = tessera.constant dense<0.0> : tensor<4xf32>
  %mean = tessera.constant dense<1.0> : tensor<4xf32>
  %var = tessera.constant dense<0.75> : tensor<4xf32>
  %0 = tessera.conv %x, %w strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 2 : (tensor<1x4x8x8xf32>, tensor<4x2x6x6xf32>) -> tensor<1x4x3x3xf32>
  %1 = tessera.batch_norm %0, %scale, %bias, %mean, %var epsilon = 0.25 : (tensor<1x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  return %1 : tensor<1x4x3x3xf32>
}

// -----

// A Gemm (matmul transpose_rhs + bias) followed by BatchNorm1d: the rows of
// the [N, K] weight scale by k = [2, 0.5]; b' = (c - mean) * k + bias with
// c = [1, 2], mean = [1, 0], bias = [0.5, -1] is [0.5, 0].
// CHECK-LABEL: func.func @linear
// CHECK-SAME: (%[[X:.+]]: tensor<3x2xf32>)
// CHECK-DAG: %[[W:.+]] = tessera.constant dense<{{\[\[}}2.000000e+00, 4.000000e+00], [1.500000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[B:.+]] = tessera.constant dense<[5.000000e-01, 0.000000e+00]> : tensor<2xf32>
// CHECK: %[[M:.+]] = tessera.matmul %[[X]], %[[W]] transpose_rhs : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[Y:.+]] = tessera.add %[[M]], %[[B]] : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %w = tessera.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c = tessera.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %scale = tessera.constant dense<[4.0, 1.5]> : tensor<2xf32>
  %bias = tessera.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = tessera.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %var = tessera.constant dense<[3.0, 8.0]> : tensor<2xf32>
  %0 = tessera.matmul %x, %w transpose_rhs : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %1 = tessera.add %c, %0 : (tensor<1x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  %2 = tessera.batch_norm %1, %scale, %bias, %mean, %var epsilon = 1.0 : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %2 : tensor<3x2xf32>
}

// -----

// A matmul without bias ([K, N] weight: its columns scale) gets one.
// CHECK-LABEL: func.func @matmul_without_bias
// CHECK-SAME: (%[[X:.+]]: tensor<3x2xf16>)
// CHECK-DAG: %[[W:.+]] = tessera.constant dense<{{\[\[}}2.000000e+00, 1.000000e+00], [6.000000e+00, 2.000000e+00]]> : tensor<2x2xf16>
// CHECK-DAG: %[[B:.+]] = tessera.constant dense<[-1.500000e+00, -1.000000e+00]> : tensor<2xf16>
// CHECK: %[[M:.+]] = tessera.matmul %[[X]], %[[W]] : (tensor<3x2xf16>, tensor<2x2xf16>) -> tensor<3x2xf16>
// CHECK-NEXT: %[[Y:.+]] = tessera.add %[[M]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @matmul_without_bias(%x: tensor<3x2xf16>) -> tensor<3x2xf16> {
  %w = tessera.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf16>
  %scale = tessera.constant dense<[4.0, 1.5]> : tensor<2xf16>
  %bias = tessera.constant dense<[0.5, -1.0]> : tensor<2xf16>
  %mean = tessera.constant dense<[1.0, 0.0]> : tensor<2xf16>
  %var = tessera.constant dense<[3.0, 8.0]> : tensor<2xf16>
  %0 = tessera.matmul %x, %w : (tensor<3x2xf16>, tensor<2x2xf16>) -> tensor<3x2xf16>
  %1 = tessera.batch_norm %0, %scale, %bias, %mean, %var epsilon = 1.0 : (tensor<3x2xf16>, tensor<2xf16>, tensor<2xf16>, tensor<2xf16>, tensor<2xf16>) -> tensor<3x2xf16>
  return %1 : tensor<3x2xf16>
}
