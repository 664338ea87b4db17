// RUN: tessera-opt %s --tessera-plan-memory=print-plan -o /dev/null 2>&1 | FileCheck %s

// print-plan writes one row per buffer (value, producing kernel, offset,
// size, live range, in-place host) and the three totals. %0 dies at
// "shrink", so "late" (live [4, 5]) goes into its hole at offset 0, and
// "relu" writes over the "shrink" result it consumes.

// CHECK:      memory plan of @hole_reuse: 6 kernels, 5 buffers
// CHECK-NEXT:   buffer kernel  offset size live   in-place
// CHECK-NEXT:   %0     big        0   1024 [0, 2]
// CHECK-NEXT:   %1     small   1536    256 [1, 5]
// CHECK-NEXT:   %2     shrink  1024    512 [2, 3]
// CHECK-NEXT:   %3     relu    1024    512 [3, 5] over %2
// CHECK-NEXT:   %4     late       0    256 [4, 5]
// CHECK-NEXT:   arena_bytes = 1792, arena_lower_bound_bytes = 1792, arena_no_reuse_bytes = 2560
func.func @hole_reuse(%x: tensor<16x16xf32>) -> tensor<8x16xf32> {
  %0 = tessera.kernel "big" kind = elementwise (%x) : (tensor<16x16xf32>) -> tensor<16x16xf32> {
  ^bb0(%a: tensor<16x16xf32>):
    %e = tessera.exp %a : tensor<16x16xf32>
    tessera.yield %e : tensor<16x16xf32>
  }
  %1 = tessera.kernel "small" kind = copy (%x) : (tensor<16x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<16x16xf32>):
    %s = tessera.slice %a offsets = [0, 0] sizes = [4, 16] strides = [1, 1] : (tensor<16x16xf32>) -> tensor<4x16xf32>
    tessera.yield %s : tensor<4x16xf32>
  }
  %2 = tessera.kernel "shrink" kind = copy (%0) : (tensor<16x16xf32>) -> tensor<8x16xf32> {
  ^bb0(%a: tensor<16x16xf32>):
    %s = tessera.slice %a offsets = [0, 0] sizes = [8, 16] strides = [2, 1] : (tensor<16x16xf32>) -> tensor<8x16xf32>
    tessera.yield %s : tensor<8x16xf32>
  }
  %3 = tessera.kernel "relu" kind = elementwise (%2) : (tensor<8x16xf32>) -> tensor<8x16xf32> {
  ^bb0(%a: tensor<8x16xf32>):
    %r = tessera.relu %a : tensor<8x16xf32>
    tessera.yield %r : tensor<8x16xf32>
  }
  %4 = tessera.kernel "late" kind = copy (%x) : (tensor<16x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<16x16xf32>):
    %s = tessera.slice %a offsets = [12, 0] sizes = [4, 16] strides = [1, 1] : (tensor<16x16xf32>) -> tensor<4x16xf32>
    tessera.yield %s : tensor<4x16xf32>
  }
  %5 = tessera.kernel "combine" kind = elementwise (%1, %3, %4) : (tensor<4x16xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<8x16xf32> {
  ^bb0(%a: tensor<4x16xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>):
    %s = tessera.concat %a, %c axis = 0 : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x16xf32>
    %m = tessera.add %s, %b : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
    tessera.yield %m : tensor<8x16xf32>
  }
  return %5 : tensor<8x16xf32>
}
