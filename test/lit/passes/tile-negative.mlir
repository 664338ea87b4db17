// RUN: tessera-opt %s --split-input-file --tessera-tile | FileCheck %s

// Kernels that must not get a specialized launch: without a recognizable
// root op of their kind they get the elementwise default (a grid-stride
// loop over the largest result), and vectors are narrowed or dropped where
// an access is not contiguous along the innermost axis.

// A matmul kernel without a matmul (e.g. a transpose left alone by fusion).
// CHECK-LABEL: func.func @matmul_kind_without_matmul
// CHECK: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 4 : i64}
// CHECK-NOT: block =
func.func @matmul_kind_without_matmul(%x: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %y = tessera.kernel "mm" kind = matmul (%x) : (tensor<16x32xf32>) -> tensor<16x32xf32> {
  ^bb0(%a: tensor<16x32xf32>):
    %0 = tessera.relu %a : tensor<16x32xf32>
    tessera.yield %0 : tensor<16x32xf32>
  }
  return %y : tensor<16x32xf32>
}

// -----

// A conv kernel without a conv.
// CHECK-LABEL: func.func @conv_kind_without_conv
// CHECK: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 4 : i64}
func.func @conv_kind_without_conv(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %y = tessera.kernel "c" kind = conv (%x) : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  ^bb0(%a: tensor<1x4x8x8xf32>):
    %0 = tessera.sigmoid %a : tensor<1x4x8x8xf32>
    tessera.yield %0 : tensor<1x4x8x8xf32>
  }
  return %y : tensor<1x4x8x8xf32>
}

// -----

// A reduction over no axis reduces nothing.
// CHECK-LABEL: func.func @reduction_over_no_axis
// CHECK: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 4 : i64}
// CHECK-NOT: strategy
func.func @reduction_over_no_axis(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %y = tessera.kernel "r" kind = reduction (%x) : (tensor<4x8xf32>) -> tensor<4x8xf32> {
  ^bb0(%a: tensor<4x8xf32>):
    %0 = tessera.reduce_sum %a axes = [] : (tensor<4x8xf32>) -> tensor<4x8xf32>
    tessera.yield %0 : tensor<4x8xf32>
  }
  return %y : tensor<4x8xf32>
}

// -----

// An attention kernel with a single matmul is tiled as a matmul.
// CHECK-LABEL: func.func @attention_kind_with_one_matmul
// CHECK: launch = {block = [64, 32, 32], grid = [1, 4, 1], mma = "wgmma.m64n32k8.tf32", smem = 24608 : i64, split_k = 1 : i64, stages = 2 : i64, threads = 256 : i64, warp = [64, 32], warps = 4 : i64}
func.func @attention_kind_with_one_matmul(%q: tensor<4x8x8xf32>, %k: tensor<4x8x8xf32>) -> tensor<4x8x8xf32> {
  %y = tessera.kernel "a" kind = attention (%q, %k) : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32> {
  ^bb0(%a: tensor<4x8x8xf32>, %b: tensor<4x8x8xf32>):
    %0 = tessera.matmul %a, %b : (tensor<4x8x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %1 = tessera.softmax %0 axis = 2 : tensor<4x8x8xf32>
    tessera.yield %1 : tensor<4x8x8xf32>
  }
  return %y : tensor<4x8x8xf32>
}

// -----

// A matmul with an empty dimension has nothing to tile.
// CHECK-LABEL: func.func @empty_matmul
// CHECK: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 4 : i64}
func.func @empty_matmul(%x: tensor<0x32xf32>, %w: tensor<32x16xf32>) -> tensor<0x16xf32> {
  %y = tessera.kernel "mm" kind = matmul (%x, %w) : (tensor<0x32xf32>, tensor<32x16xf32>) -> tensor<0x16xf32> {
  ^bb0(%a: tensor<0x32xf32>, %b: tensor<32x16xf32>):
    %0 = tessera.matmul %a, %b : (tensor<0x32xf32>, tensor<32x16xf32>) -> tensor<0x16xf32>
    tessera.yield %0 : tensor<0x16xf32>
  }
  return %y : tensor<0x16xf32>
}

// -----

// An odd innermost dimension: no vectors.
// CHECK-LABEL: func.func @odd_inner_dim
// CHECK: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 1 : i64}
func.func @odd_inner_dim(%x: tensor<8x7xf16>) -> tensor<8x7xf16> {
  %y = tessera.kernel "e" kind = elementwise (%x) : (tensor<8x7xf16>) -> tensor<8x7xf16> {
  ^bb0(%a: tensor<8x7xf16>):
    %0 = tessera.neg %a : tensor<8x7xf16>
    tessera.yield %0 : tensor<8x7xf16>
  }
  return %y : tensor<8x7xf16>
}

// -----

// A transpose that moves the innermost axis reads with a stride: no vectors
// although every innermost dimension is a multiple of 4.
// CHECK-LABEL: func.func @transpose_of_inner_axis
// CHECK: launch = {grid = [16, 1, 1], threads = 128 : i64, vector = 1 : i64}
func.func @transpose_of_inner_axis(%x: tensor<64x32xf32>) -> tensor<32x64xf32> {
  %y = tessera.kernel "t" kind = copy (%x) : (tensor<64x32xf32>) -> tensor<32x64xf32> {
  ^bb0(%a: tensor<64x32xf32>):
    %0 = tessera.transpose %a perm = [1, 0] : (tensor<64x32xf32>) -> tensor<32x64xf32>
    tessera.yield %0 : tensor<32x64xf32>
  }
  return %y : tensor<32x64xf32>
}

// -----

// A transpose of outer axes keeps rows contiguous: vectors stay.
// CHECK-LABEL: func.func @transpose_of_outer_axes
// CHECK: launch = {grid = [2, 1, 1], threads = 128 : i64, vector = 4 : i64}
func.func @transpose_of_outer_axes(%x: tensor<4x8x32xf32>) -> tensor<8x4x32xf32> {
  %y = tessera.kernel "t" kind = copy (%x) : (tensor<4x8x32xf32>) -> tensor<8x4x32xf32> {
  ^bb0(%a: tensor<4x8x32xf32>):
    %0 = tessera.transpose %a perm = [1, 0, 2] : (tensor<4x8x32xf32>) -> tensor<8x4x32xf32>
    tessera.yield %0 : tensor<8x4x32xf32>
  }
  return %y : tensor<8x4x32xf32>
}

// -----

// A slice starting at an odd column of the innermost axis: no vectors.
// CHECK-LABEL: func.func @slice_at_odd_offset
// CHECK: launch = {grid = [2, 1, 1], threads = 128 : i64, vector = 1 : i64}
func.func @slice_at_odd_offset(%x: tensor<8x96xf32>) -> tensor<8x32xf32> {
  %y = tessera.kernel "s" kind = copy (%x) : (tensor<8x96xf32>) -> tensor<8x32xf32> {
  ^bb0(%a: tensor<8x96xf32>):
    %0 = tessera.slice %a offsets = [0, 33] sizes = [8, 32] strides = [1, 1] : (tensor<8x96xf32>) -> tensor<8x32xf32>
    tessera.yield %0 : tensor<8x32xf32>
  }
  return %y : tensor<8x32xf32>
}

// -----

// A gather along the innermost axis: no vectors.
// CHECK-LABEL: func.func @gather_inner_axis
// CHECK: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 1 : i64}
func.func @gather_inner_axis(%x: tensor<8x64xf32>, %i: tensor<16xi64>) -> tensor<8x16xf32> {
  %y = tessera.kernel "g" kind = copy (%x, %i) : (tensor<8x64xf32>, tensor<16xi64>) -> tensor<8x16xf32> {
  ^bb0(%a: tensor<8x64xf32>, %b: tensor<16xi64>):
    %0 = tessera.gather %a, %b axis = 1 : (tensor<8x64xf32>, tensor<16xi64>) -> tensor<8x16xf32>
    tessera.yield %0 : tensor<8x16xf32>
  }
  return %y : tensor<8x16xf32>
}

// -----

// A broadcast of a [8, 2] operand along no axis keeps 2-element vectors
// only (the operand's innermost dimension is 2).
// CHECK-LABEL: func.func @narrow_operand
// CHECK: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 2 : i64}
func.func @narrow_operand(%x: tensor<8x2xf32>, %y: tensor<8x2xf32>) -> tensor<8x2xf32> {
  %z = tessera.kernel "n" kind = elementwise (%x, %y) : (tensor<8x2xf32>, tensor<8x2xf32>) -> tensor<8x2xf32> {
  ^bb0(%a: tensor<8x2xf32>, %b: tensor<8x2xf32>):
    %0 = tessera.add %a, %b : (tensor<8x2xf32>, tensor<8x2xf32>) -> tensor<8x2xf32>
    tessera.yield %0 : tensor<8x2xf32>
  }
  return %z : tensor<8x2xf32>
}
