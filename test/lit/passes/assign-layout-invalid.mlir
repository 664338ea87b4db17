// RUN: not tessera-opt %s --tessera-assign-layout=conv-layout=nhcw 2>&1 | FileCheck %s
// RUN: not tessera-opt %s --tessera-default-pipeline='conv-layout=nhcw' 2>&1 | FileCheck %s --check-prefix=PIPE

// CHECK: error: unknown conv-layout 'nhcw', expected auto, nhwc or nchw
// PIPE: unknown conv-layout 'nhcw', expected auto, nhwc or nchw
func.func @main(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  return %x : tensor<1x8x4x4xf32>
}
