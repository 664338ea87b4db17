// RUN: tessera-opt %s --tessera-simplify=fold-limit=-1 -verify-diagnostics

// expected-error@+1 {{expected fold-limit >= 0, got -1}}
func.func @negative_fold_limit(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
