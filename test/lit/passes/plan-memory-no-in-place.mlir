// RUN: tessera-opt %s --tessera-plan-memory --split-input-file | FileCheck %s

// Cases where an elementwise kernel must not write its output over an input
// buffer; every output below gets bytes of its own and no tessera.in_place.

// The input is read again by a later kernel: its bytes are still needed.
// CHECK-LABEL: func.func @input_still_live
// CHECK: tessera.kernel "relu" kind = elementwise ({{.*}}) {offsets = array<i64: 256>}
// CHECK-NOT: tessera.in_place
func.func @input_still_live(%x: tensor<64xf32>) -> tensor<64xf32> {
  %0 = tessera.kernel "exp" kind = elementwise (%x) : (tensor<64xf32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf32>):
    %e = tessera.exp %a : tensor<64xf32>
    tessera.yield %e : tensor<64xf32>
  }
  %1 = tessera.kernel "relu" kind = elementwise (%0) : (tensor<64xf32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf32>):
    %r = tessera.relu %a : tensor<64xf32>
    tessera.yield %r : tensor<64xf32>
  }
  %2 = tessera.kernel "add" kind = elementwise (%0, %1) : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf32>, %b: tensor<64xf32>):
    %s = tessera.add %a, %b : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
    tessera.yield %s : tensor<64xf32>
  }
  return %2 : tensor<64xf32>
}

// -----

// Only elementwise kernels reuse in place: a matmul reads every input
// element many times.
// CHECK-LABEL: func.func @not_elementwise
// CHECK: tessera.kernel "mm" kind = matmul ({{.*}}) {offsets = array<i64: 256>}
// CHECK-NOT: tessera.in_place
func.func @not_elementwise(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %0 = tessera.kernel "exp" kind = elementwise (%x) : (tensor<8x8xf32>) -> tensor<8x8xf32> {
  ^bb0(%a: tensor<8x8xf32>):
    %e = tessera.exp %a : tensor<8x8xf32>
    tessera.yield %e : tensor<8x8xf32>
  }
  %1 = tessera.kernel "mm" kind = matmul (%0) : (tensor<8x8xf32>) -> tensor<8x8xf32> {
  ^bb0(%a: tensor<8x8xf32>):
    %m = tessera.matmul %a, %a : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    tessera.yield %m : tensor<8x8xf32>
  }
  %2 = tessera.kernel "neg" kind = elementwise (%1) : (tensor<8x8xf32>) -> tensor<8x8xf32> {
  ^bb0(%a: tensor<8x8xf32>):
    %n = tessera.neg %a : tensor<8x8xf32>
    tessera.yield %n : tensor<8x8xf32>
  }
  return %2 : tensor<8x8xf32>
}

// -----

// A broadcast input is read by many output elements (and is smaller anyway).
// CHECK-LABEL: func.func @broadcast_input
// CHECK: tessera.kernel "bias" kind = elementwise ({{.*}}) {offsets = array<i64: 256>}
// CHECK-NOT: tessera.in_place
func.func @broadcast_input(%x: tensor<2x32xf32>, %b: tensor<32xf32>) -> tensor<2x32xf32> {
  %0 = tessera.kernel "exp" kind = elementwise (%b) : (tensor<32xf32>) -> tensor<32xf32> {
  ^bb0(%a: tensor<32xf32>):
    %e = tessera.exp %a : tensor<32xf32>
    tessera.yield %e : tensor<32xf32>
  }
  %1 = tessera.kernel "bias" kind = elementwise (%x, %0) : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32> {
  ^bb0(%a: tensor<2x32xf32>, %c: tensor<32xf32>):
    %s = tessera.add %a, %c : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
    tessera.yield %s : tensor<2x32xf32>
  }
  %2 = tessera.kernel "neg" kind = elementwise (%1) : (tensor<2x32xf32>) -> tensor<2x32xf32> {
  ^bb0(%a: tensor<2x32xf32>):
    %n = tessera.neg %a : tensor<2x32xf32>
    tessera.yield %n : tensor<2x32xf32>
  }
  return %2 : tensor<2x32xf32>
}

// -----

// The element width changes (f32 -> f16): output element i would not cover
// exactly the bytes of input element i.
// CHECK-LABEL: func.func @different_element_width
// CHECK: tessera.kernel "narrow" kind = elementwise ({{.*}}) {offsets = array<i64: 256>}
// CHECK-NOT: tessera.in_place
func.func @different_element_width(%x: tensor<64xf32>) -> tensor<64xf32> {
  %0 = tessera.kernel "exp" kind = elementwise (%x) : (tensor<64xf32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf32>):
    %e = tessera.exp %a : tensor<64xf32>
    tessera.yield %e : tensor<64xf32>
  }
  %1 = tessera.kernel "narrow" kind = elementwise (%0) : (tensor<64xf32>) -> tensor<64xf16> {
  ^bb0(%a: tensor<64xf32>):
    %c = tessera.cast %a : tensor<64xf32> to tensor<64xf16>
    tessera.yield %c : tensor<64xf16>
  }
  %2 = tessera.kernel "widen" kind = elementwise (%1) : (tensor<64xf16>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf16>):
    %c = tessera.cast %a : tensor<64xf16> to tensor<64xf32>
    tessera.yield %c : tensor<64xf32>
  }
  return %2 : tensor<64xf32>
}

// -----

// An elementwise kernel that also transposes its input reads element (j, i)
// while writing element (i, j): writing over the input would clobber values
// still to be read. The input is bound to two operands here, and one of
// them is read pointwise; both must be.
// CHECK-LABEL: func.func @moved_elements
// CHECK: tessera.kernel "add_transposed" kind = elementwise ({{.*}}) {offsets = array<i64: 256>}
// CHECK-NOT: tessera.in_place
func.func @moved_elements(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %0 = tessera.kernel "exp" kind = elementwise (%x) : (tensor<8x8xf32>) -> tensor<8x8xf32> {
  ^bb0(%a: tensor<8x8xf32>):
    %e = tessera.exp %a : tensor<8x8xf32>
    tessera.yield %e : tensor<8x8xf32>
  }
  %1 = tessera.kernel "add_transposed" kind = elementwise (%0, %0) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32> {
  ^bb0(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>):
    %t = tessera.transpose %b perm = [1, 0] : (tensor<8x8xf32>) -> tensor<8x8xf32>
    %s = tessera.add %a, %t : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
    tessera.yield %s : tensor<8x8xf32>
  }
  %2 = tessera.kernel "neg" kind = elementwise (%1) : (tensor<8x8xf32>) -> tensor<8x8xf32> {
  ^bb0(%a: tensor<8x8xf32>):
    %n = tessera.neg %a : tensor<8x8xf32>
    tessera.yield %n : tensor<8x8xf32>
  }
  return %2 : tensor<8x8xf32>
}

// -----

// Model inputs, weights and model outputs are not arena buffers, so nothing
// is written over them: an elementwise kernel on a model input and one
// whose input is also returned both get fresh bytes.
// CHECK-LABEL: func.func @not_arena_buffers
// CHECK: tessera.kernel "exp" kind = elementwise ({{.*}}) {offsets = array<i64: -1>}
// CHECK: tessera.kernel "relu" kind = elementwise ({{.*}}) {offsets = array<i64: 0>}
// CHECK: tessera.kernel "scale" kind = elementwise ({{.*}}) {offsets = array<i64: 256>}
// CHECK-NOT: tessera.in_place
func.func @not_arena_buffers(%x: tensor<64xf32>) -> (tensor<64xf32>, tensor<64xf32>) {
  %w = tessera.constant dense<3.0> : tensor<64xf32>
  %0 = tessera.kernel "exp" kind = elementwise (%x) : (tensor<64xf32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf32>):
    %e = tessera.exp %a : tensor<64xf32>
    tessera.yield %e : tensor<64xf32>
  }
  %1 = tessera.kernel "relu" kind = elementwise (%0) : (tensor<64xf32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf32>):
    %r = tessera.relu %a : tensor<64xf32>
    tessera.yield %r : tensor<64xf32>
  }
  %2 = tessera.kernel "scale" kind = elementwise (%w) : (tensor<64xf32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf32>):
    %n = tessera.neg %a : tensor<64xf32>
    tessera.yield %n : tensor<64xf32>
  }
  %3 = tessera.kernel "mul" kind = elementwise (%1, %2) : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<64xf32>, %b: tensor<64xf32>):
    %m = tessera.mul %a, %b : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
    tessera.yield %m : tensor<64xf32>
  }
  return %0, %3 : tensor<64xf32>, tensor<64xf32>
}
