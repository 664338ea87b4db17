// RUN: tessera-opt %s --split-input-file --tessera-simplify=fold-limit=16 | FileCheck %s

// What tessera-simplify must leave alone: rewrites that are not exact in
// IEEE arithmetic (NaN, infinities, signed zeros, rounding), constants above
// the fold limit that would grow the weights, and ops whose value is an
// error at run time.

// x * 0 is NaN for x = NaN or inf, x - x too, and x + 0.0 turns -0.0 into
// +0.0: none of them folds.
// CHECK-LABEL: func.func @not_exact_identities
// CHECK: tessera.mul
// CHECK: tessera.sub
// CHECK: tessera.add
func.func @not_exact_identities(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %zero = tessera.constant dense<0.0> : tensor<f32>
  %0 = tessera.mul %x, %zero : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = tessera.sub %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = tessera.add %x, %zero : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// 1/3 is not exact, so x / 3 stays a division; -1 broadcasting x to a larger
// shape is not a plain negation.
// CHECK-LABEL: func.func @div_and_mul_kept
// CHECK: tessera.div %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<f32>)
// CHECK: tessera.mul %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<2x4xf32>)
// CHECK-NOT: tessera.neg
func.func @div_and_mul_kept(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<2x4xf32>) {
  %three = tessera.constant dense<3.0> : tensor<f32>
  %0 = tessera.div %x, %three : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %m = tessera.constant dense<-1.0> : tensor<2x4xf32>
  %1 = tessera.mul %x, %m : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0, %1 : tensor<4xf32>, tensor<2x4xf32>
}

// -----

// In f64 the square of x is rounded, and pow may round differently.
// CHECK-LABEL: func.func @pow_f64_kept
// CHECK: tessera.pow
func.func @pow_f64_kept(%x: tensor<4xf64>) -> tensor<4xf64> {
  %two = tessera.constant dense<2.0> : tensor<f64>
  %0 = tessera.pow %x, %two : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

// Casts through a narrower type round (f32 -> f16) or wrap (i32 -> i8):
// both casts stay.
// CHECK-LABEL: func.func @lossy_casts_kept
// CHECK: tessera.cast %{{.*}} : tensor<4xf32> to tensor<4xf16>
// CHECK: tessera.cast %{{.*}} : tensor<4xf16> to tensor<4xf32>
// CHECK: tessera.cast %{{.*}} : tensor<4xi32> to tensor<4xi8>
// CHECK: tessera.cast %{{.*}} : tensor<4xi8> to tensor<4xi64>
// CHECK: tessera.cast %{{.*}} : tensor<4xi32> to tensor<4xf32>
// CHECK: tessera.cast %{{.*}} : tensor<4xf32> to tensor<4xf64>
func.func @lossy_casts_kept(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi64>, tensor<4xf64>) {
  %0 = tessera.cast %x : tensor<4xf32> to tensor<4xf16>
  %1 = tessera.cast %0 : tensor<4xf16> to tensor<4xf32>
  %2 = tessera.cast %i : tensor<4xi32> to tensor<4xi8>
  %3 = tessera.cast %2 : tensor<4xi8> to tensor<4xi64>
  %4 = tessera.cast %i : tensor<4xi32> to tensor<4xf32>
  %5 = tessera.cast %4 : tensor<4xf32> to tensor<4xf64>
  return %1, %3, %5 : tensor<4xf32>, tensor<4xi64>, tensor<4xf64>
}

// -----

// max(x, -0.0) keeps -0.0 for x = -0.0 where relu gives +0.0; a clamp with
// two finite bounds stays a clamp.
// CHECK-LABEL: func.func @max_and_clamp_kept
// CHECK: tessera.max
// CHECK: tessera.clamp
// CHECK-NOT: tessera.relu
func.func @max_and_clamp_kept(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %nz = tessera.constant dense<-0.0> : tensor<f32>
  %six = tessera.constant dense<6.0> : tensor<f32>
  %zero = tessera.constant dense<0.0> : tensor<f32>
  %0 = tessera.max %x, %nz : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = tessera.clamp %x, %zero, %six : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// The broadcast makes the result larger than the add alone would: it stays.
// CHECK-LABEL: func.func @broadcast_kept
// CHECK: tessera.broadcast_to
// CHECK: tessera.add
func.func @broadcast_kept(%x: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.broadcast_to %b : tensor<3xf32> to tensor<2x3xf32>
  %1 = tessera.add %x, %0 : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// Above fold-limit (16), a non-splat result is not folded when its constant
// has another user (folding would duplicate the weights), nor when the op is
// not a layout or elementwise op (a matmul's cost is not linear), even on
// constants that nothing else reads.
// CHECK-LABEL: func.func @above_fold_limit
// CHECK: tessera.transpose
// CHECK: tessera.matmul
func.func @above_fold_limit() -> (tensor<5x4xf32>, tensor<4x5xf32>, tensor<5x5xf32>) {
  %w = tessera.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0], [11.0, 12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0, 20.0]]> : tensor<4x5xf32>
  %0 = tessera.transpose %w perm = [1, 0] : (tensor<4x5xf32>) -> tensor<5x4xf32>
  %a = tessera.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0], [17.0, 18.0, 19.0, 20.0]]> : tensor<5x4xf32>
  %b = tessera.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0], [11.0, 12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0, 21.0]]> : tensor<4x5xf32>
  %1 = tessera.matmul %a, %b : (tensor<5x4xf32>, tensor<4x5xf32>) -> tensor<5x5xf32>
  return %0, %w, %1 : tensor<5x4xf32>, tensor<4x5xf32>, tensor<5x5xf32>
}

// -----

// An integer division by zero has no value: it stays for run time, and
// folding reports nothing.
// CHECK-LABEL: func.func @division_by_zero_kept
// CHECK: tessera.div
func.func @division_by_zero_kept() -> tensor<2xi32> {
  %a = tessera.constant dense<[1, 2]> : tensor<2xi32>
  %b = tessera.constant dense<[1, 0]> : tensor<2xi32>
  %0 = tessera.div %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}
