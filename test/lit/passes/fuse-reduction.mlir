// RUN: tessera-opt %s --tessera-fuse --split-input-file | FileCheck %s

// Reductions with their elementwise producers and consumers
// (docs/fusion.md, rules R1-R4): a decomposed softmax, layer norm or
// mean/variance is one row-wise kernel.

// R1: reductions over the same rows (same input shape, same axes) merge
// through the elementwise ops between them: max, exp and sum of a softmax.
// The name joins the node names of the first and last reduction.
// CHECK-LABEL: func.func @softmax_decomposed
// CHECK-SAME: (%[[X:.+]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[K:.+]] = tessera.kernel "ReduceMax_0_ReduceSum_3" kind = reduction (%[[X]]) : (tensor<2x8xf32>) -> tensor<2x8xf32> {
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<2x8xf32>):
// CHECK-NEXT: %[[M:.+]] = tessera.reduce_max %[[A]] axes = [1] keep_dims
// CHECK-NEXT: %[[D:.+]] = tessera.sub %[[A]], %[[M]]
// CHECK-NEXT: %[[E:.+]] = tessera.exp %[[D]]
// CHECK-NEXT: %[[S:.+]] = tessera.reduce_sum %[[E]] axes = [1] keep_dims
// CHECK-NEXT: %[[Y:.+]] = tessera.div %[[E]], %[[S]]
// CHECK-NEXT: tessera.yield %[[Y]] : tensor<2x8xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[K]]
func.func @softmax_decomposed(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = tessera.reduce_max %x axes = [1] keep_dims : (tensor<2x8xf32>) -> tensor<2x1xf32> loc("ReduceMax_0"("ReduceMax"))
  %1 = tessera.sub %x, %0 : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %2 = tessera.exp %1 : tensor<2x8xf32>
  %3 = tessera.reduce_sum %2 axes = [1] keep_dims : (tensor<2x8xf32>) -> tensor<2x1xf32> loc("ReduceSum_3"("ReduceSum"))
  %4 = tessera.div %2, %3 : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  return %4 : tensor<2x8xf32>
}

// -----

// R1: the decomposed layer norm (mean, centre, square, mean, rsqrt, scale,
// shift) is one kernel; its weights are inputs.
// CHECK-LABEL: func.func @layer_norm_decomposed
// CHECK: tessera.kernel "reduce_mean" kind = reduction
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.reduce_mean
// CHECK-NEXT: tessera.sub
// CHECK-NEXT: tessera.pow
// CHECK-NEXT: tessera.reduce_mean
// CHECK-NEXT: tessera.add
// CHECK-NEXT: tessera.sqrt
// CHECK-NEXT: tessera.div
// CHECK-NEXT: tessera.mul
// CHECK-NEXT: tessera.add
// CHECK-NEXT: tessera.yield
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @layer_norm_decomposed(%x: tensor<2x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x8xf32> {
  %eps = tessera.constant dense<1.0e-5> : tensor<f32>
  %two = tessera.constant dense<2.0> : tensor<f32>
  %0 = tessera.reduce_mean %x axes = [1] keep_dims : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %1 = tessera.sub %x, %0 : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %2 = tessera.pow %1, %two : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %3 = tessera.reduce_mean %2 axes = [1] keep_dims : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %4 = tessera.add %3, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %5 = tessera.sqrt %4 : tensor<2x1xf32>
  %6 = tessera.div %1, %5 : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %7 = tessera.mul %6, %g : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %8 = tessera.add %7, %b : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %8 : tensor<2x8xf32>
}

// -----

// R2: sibling reductions over the same rows merge too: mean and variance as
// E[x^2] - E[x]^2 are one kernel with two results.
// CHECK-LABEL: func.func @mean_variance
// CHECK-NEXT: %[[K:.+]]:2 = tessera.kernel "reduce_mean" kind = reduction
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<4x16xf32>):
// CHECK-NEXT: %[[M:.+]] = tessera.reduce_mean %[[A]]
// CHECK-NEXT: %[[SQ:.+]] = tessera.mul %[[A]], %[[A]]
// CHECK-NEXT: %[[M2:.+]] = tessera.reduce_mean %[[SQ]]
// CHECK-NEXT: %[[MM:.+]] = tessera.mul %[[M]], %[[M]]
// CHECK-NEXT: %[[V:.+]] = tessera.sub %[[M2]], %[[MM]]
// CHECK-NEXT: tessera.yield %[[M]], %[[V]]
// CHECK-NEXT: }
// CHECK-NEXT: return %[[K]]#0, %[[K]]#1
func.func @mean_variance(%x: tensor<4x16xf32>) -> (tensor<4x1xf32>, tensor<4x1xf32>) {
  %0 = tessera.reduce_mean %x axes = [1] keep_dims : (tensor<4x16xf32>) -> tensor<4x1xf32>
  %1 = tessera.mul %x, %x : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  %2 = tessera.reduce_mean %1 axes = [1] keep_dims : (tensor<4x16xf32>) -> tensor<4x1xf32>
  %3 = tessera.mul %0, %0 : (tensor<4x1xf32>, tensor<4x1xf32>) -> tensor<4x1xf32>
  %4 = tessera.sub %2, %3 : (tensor<4x1xf32>, tensor<4x1xf32>) -> tensor<4x1xf32>
  return %0, %4 : tensor<4x1xf32>, tensor<4x1xf32>
}

// -----

// R3: a norm op takes its elementwise producers (the residual add) and
// consumers (a SiLU) into its kernel.
// CHECK-LABEL: func.func @norm_with_producers_and_consumers
// CHECK-NEXT: tessera.kernel "rms_norm" kind = reduction
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.add
// CHECK-NEXT: tessera.rms_norm
// CHECK-NEXT: tessera.sigmoid
// CHECK-NEXT: tessera.mul
// CHECK-NEXT: tessera.yield
func.func @norm_with_producers_and_consumers(%x: tensor<2x8xf32>, %r: tensor<2x8xf32>, %g: tensor<8xf32>) -> tensor<2x8xf32> {
  %0 = tessera.add %x, %r : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = tessera.rms_norm %0, %g axis = 1 epsilon = 1.0e-6 : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %2 = tessera.sigmoid %1 : tensor<2x8xf32>
  %3 = tessera.mul %1, %2 : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// -----

// R4: log_softmax and argmax over the same rows share a kernel, which
// returns both.
// CHECK-LABEL: func.func @log_softmax_argmax
// CHECK-NEXT: %[[K:.+]]:2 = tessera.kernel "log_softmax_argmax" kind = reduction
// CHECK-NEXT: ^bb0
// CHECK-NEXT: %[[L:.+]] = tessera.log_softmax
// CHECK-NEXT: %[[I:.+]] = tessera.argmax %[[L]]
// CHECK-NEXT: tessera.yield %[[L]], %[[I]] : tensor<3x5xf32>, tensor<3xi64>
func.func @log_softmax_argmax(%x: tensor<3x5xf32>) -> (tensor<3x5xf32>, tensor<3xi64>) {
  %0 = tessera.log_softmax %x axis = 1 : tensor<3x5xf32>
  %1 = tessera.argmax %0 axis = 1 : (tensor<3x5xf32>) -> tensor<3xi64>
  return %0, %1 : tensor<3x5xf32>, tensor<3xi64>
}
