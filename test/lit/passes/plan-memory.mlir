// RUN: tessera-opt %s --tessera-plan-memory --split-input-file | FileCheck %s
// RUN: tessera-opt %s --tessera-plan-memory=alignment=64 --split-input-file | FileCheck %s --check-prefix=ALIGN64

// An elementwise epilogue writes over the matmul result it consumes (which
// dies there): both share offset 0 and the arena holds one 256-byte buffer,
// below the liveness bound (which counts both at kernel 1). The last kernel's
// result is the model output, bound by the caller (-1); the weight and the
// model inputs are not in the arena.
// CHECK-LABEL: func.func @in_place_epilogue
// CHECK-SAME: attributes {tessera.arena_bytes = 256 : i64, tessera.arena_lower_bound_bytes = 512 : i64, tessera.arena_no_reuse_bytes = 512 : i64}
// CHECK: tessera.kernel "fc1" kind = matmul ({{.*}}) {offsets = array<i64: 0>}
// CHECK: tessera.kernel "fc1_bias_gelu" kind = elementwise ({{.*}}) {offsets = array<i64: 0>, tessera.in_place = array<i64: 0>}
// CHECK: tessera.kernel "fc2" kind = matmul ({{.*}}) {offsets = array<i64: -1>}
// ALIGN64-LABEL: func.func @in_place_epilogue
// ALIGN64-SAME: attributes {tessera.arena_bytes = 256 : i64, tessera.arena_lower_bound_bytes = 512 : i64, tessera.arena_no_reuse_bytes = 512 : i64}
func.func @in_place_epilogue(%x: tensor<2x32xf32>, %b: tensor<32xf32>) -> tensor<2x32xf32> {
  %w = tessera.constant dense<1.0> : tensor<32x32xf32>
  %0 = tessera.kernel "fc1" kind = matmul (%x, %w) : (tensor<2x32xf32>, tensor<32x32xf32>) -> tensor<2x32xf32> {
  ^bb0(%a: tensor<2x32xf32>, %c: tensor<32x32xf32>):
    %m = tessera.matmul %a, %c : (tensor<2x32xf32>, tensor<32x32xf32>) -> tensor<2x32xf32>
    tessera.yield %m : tensor<2x32xf32>
  }
  %1 = tessera.kernel "fc1_bias_gelu" kind = elementwise (%0, %b) : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32> {
  ^bb0(%a: tensor<2x32xf32>, %c: tensor<32xf32>):
    %s = tessera.add %a, %c : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
    %g = tessera.gelu %s : tensor<2x32xf32>
    tessera.yield %g : tensor<2x32xf32>
  }
  %2 = tessera.kernel "fc2" kind = matmul (%1, %w) : (tensor<2x32xf32>, tensor<32x32xf32>) -> tensor<2x32xf32> {
  ^bb0(%a: tensor<2x32xf32>, %c: tensor<32x32xf32>):
    %m = tessera.matmul %a, %c : (tensor<2x32xf32>, tensor<32x32xf32>) -> tensor<2x32xf32>
    tessera.yield %m : tensor<2x32xf32>
  }
  return %2 : tensor<2x32xf32>
}

// -----

// A chain of copies (no in-place reuse for kind copy): buffer k ([k, k+1])
// overlaps only its neighbours, so the first and third share offset 0 and the
// arena equals the liveness bound, two of three buffers.
// CHECK-LABEL: func.func @reuse_dead_buffers
// CHECK-SAME: attributes {tessera.arena_bytes = 2048 : i64, tessera.arena_lower_bound_bytes = 2048 : i64, tessera.arena_no_reuse_bytes = 3072 : i64}
// CHECK: tessera.kernel "t0" kind = copy ({{.*}}) {offsets = array<i64: 0>}
// CHECK: tessera.kernel "t1" kind = copy ({{.*}}) {offsets = array<i64: 1024>}
// CHECK: tessera.kernel "t2" kind = copy ({{.*}}) {offsets = array<i64: 0>}
// CHECK: tessera.kernel "t3" kind = copy ({{.*}}) {offsets = array<i64: -1>}
func.func @reuse_dead_buffers(%x: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %0 = tessera.kernel "t0" kind = copy (%x) : (tensor<16x16xf32>) -> tensor<16x16xf32> {
  ^bb0(%a: tensor<16x16xf32>):
    %t = tessera.transpose %a perm = [1, 0] : (tensor<16x16xf32>) -> tensor<16x16xf32>
    tessera.yield %t : tensor<16x16xf32>
  }
  %1 = tessera.kernel "t1" kind = copy (%0) : (tensor<16x16xf32>) -> tensor<16x16xf32> {
  ^bb0(%a: tensor<16x16xf32>):
    %t = tessera.transpose %a perm = [1, 0] : (tensor<16x16xf32>) -> tensor<16x16xf32>
    tessera.yield %t : tensor<16x16xf32>
  }
  %2 = tessera.kernel "t2" kind = copy (%1) : (tensor<16x16xf32>) -> tensor<16x16xf32> {
  ^bb0(%a: tensor<16x16xf32>):
    %t = tessera.transpose %a perm = [1, 0] : (tensor<16x16xf32>) -> tensor<16x16xf32>
    tessera.yield %t : tensor<16x16xf32>
  }
  %3 = tessera.kernel "t3" kind = copy (%2) : (tensor<16x16xf32>) -> tensor<16x16xf32> {
  ^bb0(%a: tensor<16x16xf32>):
    %t = tessera.transpose %a perm = [1, 0] : (tensor<16x16xf32>) -> tensor<16x16xf32>
    tessera.yield %t : tensor<16x16xf32>
  }
  return %3 : tensor<16x16xf32>
}

// -----

// Model outputs are bound by the caller even when a later kernel reads them
// (-1, and no in-place reuse into them); a result nobody reads still gets a
// buffer, live only at its kernel. Here the two buffers never overlap.
// CHECK-LABEL: func.func @outputs_and_dead_results
// CHECK-SAME: attributes {tessera.arena_bytes = 256 : i64, tessera.arena_lower_bound_bytes = 256 : i64, tessera.arena_no_reuse_bytes = 512 : i64}
// CHECK: tessera.kernel "split" kind = copy ({{.*}}) {offsets = array<i64: -1, 0>}
// CHECK: tessera.kernel "scale" kind = elementwise ({{.*}}) {offsets = array<i64: -1>}
// CHECK: tessera.kernel "unused_sum" kind = reduction ({{.*}}) {offsets = array<i64: 0>}
func.func @outputs_and_dead_results(%x: tensor<4x16xf32>) -> (tensor<2x16xf32>, tensor<2x16xf32>) {
  %w = tessera.constant dense<2.0> : tensor<16xf32>
  %0:2 = tessera.kernel "split" kind = copy (%x) : (tensor<4x16xf32>) -> (tensor<2x16xf32>, tensor<2x16xf32>) {
  ^bb0(%a: tensor<4x16xf32>):
    %lo = tessera.slice %a offsets = [0, 0] sizes = [2, 16] strides = [1, 1] : (tensor<4x16xf32>) -> tensor<2x16xf32>
    %hi = tessera.slice %a offsets = [2, 0] sizes = [2, 16] strides = [1, 1] : (tensor<4x16xf32>) -> tensor<2x16xf32>
    tessera.yield %lo, %hi : tensor<2x16xf32>, tensor<2x16xf32>
  }
  %1 = tessera.kernel "scale" kind = elementwise (%0#1, %w) : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32> {
  ^bb0(%a: tensor<2x16xf32>, %c: tensor<16xf32>):
    %m = tessera.mul %a, %c : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
    tessera.yield %m : tensor<2x16xf32>
  }
  %2 = tessera.kernel "unused_sum" kind = reduction (%1) : (tensor<2x16xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<2x16xf32>):
    %s = tessera.reduce_sum %a axes = [1] : (tensor<2x16xf32>) -> tensor<2xf32>
    tessera.yield %s : tensor<2xf32>
  }
  return %0#0, %1 : tensor<2x16xf32>, tensor<2x16xf32>
}

// -----

// Sizes are elements times element bytes (i1 takes one byte), rounded up to
// the alignment: 3 bytes, 24 bytes and 6 bytes all take 256 (64 with
// alignment=64). All three are live at the last kernel.
// CHECK-LABEL: func.func @byte_sizes
// CHECK-SAME: attributes {tessera.arena_bytes = 768 : i64, tessera.arena_lower_bound_bytes = 768 : i64, tessera.arena_no_reuse_bytes = 768 : i64}
// ALIGN64-LABEL: func.func @byte_sizes
// ALIGN64-SAME: attributes {tessera.arena_bytes = 192 : i64, tessera.arena_lower_bound_bytes = 192 : i64, tessera.arena_no_reuse_bytes = 192 : i64}
// ALIGN64: tessera.kernel "positive" kind = elementwise ({{.*}}) {offsets = array<i64: [[P:[0-9]+]]>}
// ALIGN64: tessera.kernel "wide" kind = elementwise ({{.*}}) {offsets = array<i64: [[W:[0-9]+]]>}
// ALIGN64: tessera.kernel "half" kind = elementwise ({{.*}}) {offsets = array<i64: [[H:[0-9]+]]>}
func.func @byte_sizes(%x: tensor<3xf32>) -> tensor<3xf32> {
  %zero = tessera.constant dense<0.0> : tensor<f32>
  %0 = tessera.kernel "positive" kind = elementwise (%x, %zero) : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1> {
  ^bb0(%a: tensor<3xf32>, %z: tensor<f32>):
    %c = tessera.compare gt, %a, %z : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
    tessera.yield %c : tensor<3xi1>
  }
  %1 = tessera.kernel "wide" kind = elementwise (%x) : (tensor<3xf32>) -> tensor<3xi64> {
  ^bb0(%a: tensor<3xf32>):
    %c = tessera.cast %a : tensor<3xf32> to tensor<3xi64>
    tessera.yield %c : tensor<3xi64>
  }
  %2 = tessera.kernel "half" kind = elementwise (%x) : (tensor<3xf32>) -> tensor<3xf16> {
  ^bb0(%a: tensor<3xf32>):
    %c = tessera.cast %a : tensor<3xf32> to tensor<3xf16>
    tessera.yield %c : tensor<3xf16>
  }
  %3 = tessera.kernel "join" kind = elementwise (%0, %1, %2) : (tensor<3xi1>, tensor<3xi64>, tensor<3xf16>) -> tensor<3xf32> {
  ^bb0(%p: tensor<3xi1>, %w: tensor<3xi64>, %h: tensor<3xf16>):
    %a = tessera.cast %w : tensor<3xi64> to tensor<3xf32>
    %b = tessera.cast %h : tensor<3xf16> to tensor<3xf32>
    %s = tessera.select %p, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    tessera.yield %s : tensor<3xf32>
  }
  return %3 : tensor<3xf32>
}

// -----

// In-place reuse needs the same element count and width, not the same type:
// a reshape and a cast f32 -> i32 keep every element where it is. Chained
// in-place buffers form one slot: %0, %1 and %2 share offset 0, and the
// unrelated %3 goes above them.
// CHECK-LABEL: func.func @in_place_chain
// CHECK-SAME: attributes {tessera.arena_bytes = 512 : i64, tessera.arena_lower_bound_bytes = 512 : i64, tessera.arena_no_reuse_bytes = 1024 : i64}
// CHECK: tessera.kernel "exp" kind = elementwise ({{.*}}) {offsets = array<i64: 0>}
// CHECK: tessera.kernel "flat_bits" kind = elementwise ({{.*}}) {offsets = array<i64: 0>, tessera.in_place = array<i64: 0>}
// CHECK: tessera.kernel "shift" kind = elementwise ({{.*}}) {offsets = array<i64: 0>, tessera.in_place = array<i64: 1>}
// CHECK: tessera.kernel "other" kind = copy ({{.*}}) {offsets = array<i64: 256>}
// CHECK: tessera.kernel "sum" kind = elementwise ({{.*}}) {offsets = array<i64: -1>}
func.func @in_place_chain(%x: tensor<4x4xf32>, %y: tensor<16xi32>) -> tensor<16xi32> {
  %0 = tessera.kernel "exp" kind = elementwise (%x) : (tensor<4x4xf32>) -> tensor<4x4xf32> {
  ^bb0(%a: tensor<4x4xf32>):
    %e = tessera.exp %a : tensor<4x4xf32>
    tessera.yield %e : tensor<4x4xf32>
  }
  %1 = tessera.kernel "flat_bits" kind = elementwise (%0) : (tensor<4x4xf32>) -> tensor<16xi32> {
  ^bb0(%a: tensor<4x4xf32>):
    %r = tessera.reshape %a : tensor<4x4xf32> to tensor<16xf32>
    %c = tessera.cast %r : tensor<16xf32> to tensor<16xi32>
    tessera.yield %c : tensor<16xi32>
  }
  %2 = tessera.kernel "shift" kind = elementwise (%y, %1) : (tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32> {
  ^bb0(%a: tensor<16xi32>, %b: tensor<16xi32>):
    %s = tessera.add %a, %b : (tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32>
    tessera.yield %s : tensor<16xi32>
  }
  %3 = tessera.kernel "other" kind = copy (%y) : (tensor<16xi32>) -> tensor<16xi32> {
  ^bb0(%a: tensor<16xi32>):
    %r = tessera.slice %a offsets = [15] sizes = [16] strides = [-1] : (tensor<16xi32>) -> tensor<16xi32>
    tessera.yield %r : tensor<16xi32>
  }
  %4 = tessera.kernel "sum" kind = elementwise (%2, %3) : (tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32> {
  ^bb0(%a: tensor<16xi32>, %b: tensor<16xi32>):
    %s = tessera.add %a, %b : (tensor<16xi32>, tensor<16xi32>) -> tensor<16xi32>
    tessera.yield %s : tensor<16xi32>
  }
  return %4 : tensor<16xi32>
}

// -----

// Without kernels there is nothing to place: the arena is empty.
// CHECK-LABEL: func.func @no_kernels
// CHECK-SAME: attributes {tessera.arena_bytes = 0 : i64, tessera.arena_lower_bound_bytes = 0 : i64, tessera.arena_no_reuse_bytes = 0 : i64}
func.func @no_kernels(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %c = tessera.constant dense<1.0> : tensor<4xf32>
  return %x, %c : tensor<4xf32>, tensor<4xf32>
}
