// RUN: tessera-opt %s --split-input-file --tessera-fold-transposes | FileCheck %s

// Transposes that tessera-fold-transposes must keep: removing them would
// change the result or only move the copy elsewhere.

// A transpose of the batch dimensions is not a matmul flag.
// CHECK-LABEL: func.func @batch_transpose_into_matmul
// CHECK: tessera.transpose %{{.*}} perm = [1, 0, 2]
// CHECK: tessera.matmul
// CHECK-NOT: transpose_lhs
func.func @batch_transpose_into_matmul(%a: tensor<4x2x8xf32>, %b: tensor<8x16xf32>) -> tensor<2x4x16xf32> {
  %0 = tessera.transpose %a perm = [1, 0, 2] : (tensor<4x2x8xf32>) -> tensor<2x4x8xf32>
  %1 = tessera.matmul %0, %b : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<2x4x16xf32>
  return %1 : tensor<2x4x16xf32>
}

// -----

// Sinking below relu would not cancel anything: no transpose follows.
// CHECK-LABEL: func.func @no_transpose_below
// CHECK-NEXT: tessera.transpose
// CHECK-NEXT: tessera.relu
func.func @no_transpose_below(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = tessera.relu %0 : tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}

// -----

// The chain is not elementwise (softmax mixes elements along an axis), the
// transposed value has a second user, or the other operand is a full tensor
// in the transposed layout: the transposes stay.
// CHECK-LABEL: func.func @chain_not_sinkable
// CHECK-COUNT-6: tessera.transpose
func.func @chain_not_sinkable(%x: tensor<2x3xf32>, %y: tensor<3x2xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xf32>) {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = tessera.softmax %0 axis = 1 : tensor<3x2xf32>
  %2 = tessera.transpose %1 perm = [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %3 = tessera.transpose %x perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %4 = tessera.exp %3 : tensor<3x2xf32>
  %5 = tessera.transpose %4 perm = [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %6 = tessera.transpose %x perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %7 = tessera.add %6, %y : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  %8 = tessera.transpose %7 perm = [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
  return %2, %5, %3, %8 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xf32>
}

// -----

// A transposed operand that has another user stays, so one transpose of the
// result would not save a copy; operands transposed by different
// permutations cannot share one transpose.
// CHECK-LABEL: func.func @operands_not_hoisted
// CHECK-NEXT: tessera.transpose
// CHECK-NEXT: tessera.transpose
// CHECK-NEXT: tessera.add
// CHECK-NEXT: tessera.reshape
// CHECK-NEXT: tessera.transpose
// CHECK-NEXT: tessera.mul
func.func @operands_not_hoisted(%x: tensor<2x3x4xf32>, %y: tensor<2x3x4xf32>) -> (tensor<4x3x2xf32>, tensor<4x3x2xf32>) {
  %0 = tessera.transpose %x perm = [2, 1, 0] : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %1 = tessera.transpose %y perm = [2, 1, 0] : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %2 = tessera.add %0, %1 : (tensor<4x3x2xf32>, tensor<4x3x2xf32>) -> tensor<4x3x2xf32>
  %3 = tessera.reshape %y : tensor<2x3x4xf32> to tensor<3x2x4xf32>
  %4 = tessera.transpose %3 perm = [2, 0, 1] : (tensor<3x2x4xf32>) -> tensor<4x3x2xf32>
  %5 = tessera.mul %0, %4 : (tensor<4x3x2xf32>, tensor<4x3x2xf32>) -> tensor<4x3x2xf32>
  return %2, %5 : tensor<4x3x2xf32>, tensor<4x3x2xf32>
}

// -----

// The reshape between the transposes merges real dimensions (2x3 -> 6): the
// transposes do not compose through it.
// CHECK-LABEL: func.func @reshape_merges_dims
// CHECK: tessera.transpose
// CHECK: tessera.reshape
// CHECK: tessera.transpose
func.func @reshape_merges_dims(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = tessera.transpose %x perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = tessera.reshape %0 : tensor<4x2x3xf32> to tensor<4x6xf32>
  %2 = tessera.transpose %1 perm = [1, 0] : (tensor<4x6xf32>) -> tensor<6x4xf32>
  return %2 : tensor<6x4xf32>
}

// -----

// Through a unit reshape the transposes compose to a real transpose, but the
// inner one has another user: rewriting would keep two transposes.
// CHECK-LABEL: func.func @unit_reshape_shared
// CHECK: %[[T:.+]] = tessera.transpose %{{.*}} perm = [2, 0, 1]
// CHECK: %[[R:.+]] = tessera.reshape %[[T]]
// CHECK: tessera.transpose %[[R]] perm = [2, 1, 0, 3]
func.func @unit_reshape_shared(%x: tensor<2x3x4xf32>) -> (tensor<2x1x4x3xf32>, tensor<4x2x3xf32>) {
  %0 = tessera.transpose %x perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = tessera.reshape %0 : tensor<4x2x3xf32> to tensor<4x1x2x3xf32>
  %2 = tessera.transpose %1 perm = [2, 1, 0, 3] : (tensor<4x1x2x3xf32>) -> tensor<2x1x4x3xf32>
  return %2, %0 : tensor<2x1x4x3xf32>, tensor<4x2x3xf32>
}
