// RUN: tessera-opt %s --split-input-file --tessera-fold-batch-norm | FileCheck %s

// Batch norms that tessera-fold-batch-norm must leave alone.

// The conv result has another user, which needs the unnormalized values:
// folding would duplicate the conv.
// CHECK-LABEL: func.func @conv_with_other_user
// CHECK: tessera.conv
// CHECK: tessera.batch_norm
func.func @conv_with_other_user(%x: tensor<1x1x2x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = tessera.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = tessera.constant dense<2.0> : tensor<2xf32>
  %z = tessera.constant dense<0.0> : tensor<2xf32>
  %v = tessera.constant dense<1.0> : tensor<2xf32>
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = tessera.batch_norm %0, %s, %z, %z, %v epsilon = 1.0e-05 : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %0, %1 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// Statistics or weights that are not constants (model inputs) cannot fold.
// CHECK-LABEL: func.func @not_constant
// CHECK-COUNT-2: tessera.batch_norm
func.func @not_constant(%x: tensor<1x1x2x2xf32>, %mean: tensor<2xf32>, %w2: tensor<2x1x1x1xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = tessera.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = tessera.constant dense<2.0> : tensor<2xf32>
  %z = tessera.constant dense<0.0> : tensor<2xf32>
  %v = tessera.constant dense<1.0> : tensor<2xf32>
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = tessera.batch_norm %0, %s, %z, %mean, %v epsilon = 1.0e-05 : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %2 = tessera.conv %x, %w2 strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %3 = tessera.batch_norm %2, %s, %z, %z, %v epsilon = 1.0e-05 : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1, %3 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// On a rank-3 matmul result [B, S, N], batch norm normalizes dimension 1
// (S), not the matmul's output channels N: no per-column scaling of the
// weights expresses it.
// CHECK-LABEL: func.func @rank3_matmul
// CHECK: tessera.matmul
// CHECK: tessera.batch_norm
func.func @rank3_matmul(%x: tensor<2x3x4xf32>) -> tensor<2x3x3xf32> {
  %w = tessera.constant dense<1.0> : tensor<4x3xf32>
  %s = tessera.constant dense<2.0> : tensor<3xf32>
  %z = tessera.constant dense<0.0> : tensor<3xf32>
  %v = tessera.constant dense<1.0> : tensor<3xf32>
  %0 = tessera.matmul %x, %w : (tensor<2x3x4xf32>, tensor<4x3xf32>) -> tensor<2x3x3xf32>
  %1 = tessera.batch_norm %0, %s, %z, %z, %v epsilon = 1.0e-05 : (tensor<2x3x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x3xf32>
  return %1 : tensor<2x3x3xf32>
}

// -----

// A bias that differs between rows ([M, N]) is not a per-channel shift, and
// a non-constant matmul weight cannot be scaled.
// CHECK-LABEL: func.func @matmul_not_foldable
// CHECK-COUNT-2: tessera.batch_norm
func.func @matmul_not_foldable(%x: tensor<2x2xf32>, %w2: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %w = tessera.constant dense<1.0> : tensor<2x2xf32>
  %c = tessera.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %s = tessera.constant dense<2.0> : tensor<2xf32>
  %z = tessera.constant dense<0.0> : tensor<2xf32>
  %v = tessera.constant dense<1.0> : tensor<2xf32>
  %0 = tessera.matmul %x, %w : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = tessera.add %0, %c : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %2 = tessera.batch_norm %1, %s, %z, %z, %v epsilon = 1.0e-05 : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %3 = tessera.matmul %x, %w2 : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %4 = tessera.batch_norm %3, %s, %z, %z, %v epsilon = 1.0e-05 : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %2, %4 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// Nothing to fold into: the input is not a contraction.
// CHECK-LABEL: func.func @after_relu
// CHECK: tessera.relu
// CHECK-NEXT: tessera.batch_norm
func.func @after_relu(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %s = tessera.constant dense<2.0> : tensor<2xf32>
  %z = tessera.constant dense<0.0> : tensor<2xf32>
  %v = tessera.constant dense<1.0> : tensor<2xf32>
  %0 = tessera.relu %x : tensor<1x2x2x2xf32>
  %1 = tessera.batch_norm %0, %s, %z, %z, %v epsilon = 1.0e-05 : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}
