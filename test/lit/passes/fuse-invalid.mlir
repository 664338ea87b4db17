// RUN: tessera-opt %s --tessera-fuse --split-input-file -verify-diagnostics

// The pass partitions straight-line functions only.

// expected-error@+1 {{expected function 'two_blocks' to have one block, got 2}}
func.func @two_blocks(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
^bb1:
  return %x : tensor<4xf32>
}
