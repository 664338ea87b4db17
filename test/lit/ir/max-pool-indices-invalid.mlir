// RUN: tessera-opt %s --split-input-file --verify-diagnostics

func.func @column_major_needs_2d(%x: tensor<1x1x4x4x4xf32>) {
  // expected-error@+1 {{'tessera.max_pool_indices' op column_major indices need 2 spatial dimensions, got 3}}
  %0 = tessera.max_pool_indices %x kernel = [2, 2, 2] strides = [2, 2, 2] pads = [0, 0, 0, 0, 0, 0] dilations = [1, 1, 1] column_major
      : (tensor<1x1x4x4x4xf32>) -> tensor<1x1x2x2x2xi64>
  return
}

// -----

func.func @indices_are_i64(%x: tensor<1x1x4x4xf32>) {
  // expected-error@+1 {{'tessera.max_pool_indices' op result #0 must be statically shaped tensor of 64-bit signless integer values, but got 'tensor<1x1x2x2xi32>'}}
  %0 = "tessera.max_pool_indices"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi32>
  return
}

// -----

func.func @pads_smaller_than_window(%x: tensor<1x1x4x4xf32>) {
  // expected-error@+1 {{'tessera.max_pool_indices' op pads [2, 0, 0, 0] must be smaller than the window (2) in dimension 0}}
  %0 = tessera.max_pool_indices %x kernel = [2, 2] strides = [2, 2] pads = [2, 0, 0, 0] dilations = [1, 1]
      : (tensor<1x1x4x4xf32>) -> tensor<1x1x3x2xi64>
  return
}
