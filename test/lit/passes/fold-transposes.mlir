// RUN: tessera-opt %s --split-input-file --tessera-fold-transposes | FileCheck %s

// tessera-fold-transposes: transposes become matmul flags or reshapes,
// cancel through unit reshapes, and sink through elementwise chains.

// A swap of the last two dimensions of either operand becomes the operand's
// flag (toggled: an already transposed operand reads untransposed).
// CHECK-LABEL: func.func @matmul_flags
// CHECK-SAME: (%[[A:.+]]: tensor<2x8x4xf32>, %[[B:.+]]: tensor<8x16xf32>)
// CHECK-NEXT: %[[M:.+]] = tessera.matmul %[[A]], %[[B]] transpose_lhs : (tensor<2x8x4xf32>, tensor<8x16xf32>) -> tensor<2x4x16xf32>
// CHECK-NEXT: return %[[M]]
func.func @matmul_flags(%a: tensor<2x8x4xf32>, %b: tensor<8x16xf32>) -> tensor<2x4x16xf32> {
  %0 = tessera.transpose %a perm = [0, 2, 1] : (tensor<2x8x4xf32>) -> tensor<2x4x8xf32>
  %1 = tessera.transpose %b perm = [1, 0] : (tensor<8x16xf32>) -> tensor<16x8xf32>
  %2 = tessera.matmul %0, %1 transpose_rhs : (tensor<2x4x8xf32>, tensor<16x8xf32>) -> tensor<2x4x16xf32>
  return %2 : tensor<2x4x16xf32>
}

// -----

// The flag costs nothing, so the matmul reads the untransposed weight even
// though the transpose stays for its other user.
// CHECK-LABEL: func.func @matmul_flag_shared_transpose
// CHECK-SAME: (%[[A:.+]]: tensor<4x8xf32>, %[[B:.+]]: tensor<16x8xf32>)
// CHECK-NEXT: %[[T:.+]] = tessera.transpose %[[B]] perm = [1, 0]
// CHECK-NEXT: %[[M:.+]] = tessera.matmul %[[A]], %[[B]] transpose_rhs : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: return %[[M]], %[[T]]
func.func @matmul_flag_shared_transpose(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>) -> (tensor<4x16xf32>, tensor<8x16xf32>) {
  %0 = tessera.transpose %b perm = [1, 0] : (tensor<16x8xf32>) -> tensor<8x16xf32>
  %1 = tessera.matmul %a, %0 : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %1, %0 : tensor<4x16xf32>, tensor<8x16xf32>
}

// -----

// A transpose that also moves a unit dimension is still a swap of the two
// matrix dimensions: the operand becomes a reshape (no copy) plus the flag.
// CHECK-LABEL: func.func @matmul_flag_unit_dims
// CHECK-SAME: (%[[A:.+]]: tensor<8x1x4xf32>, %[[B:.+]]: tensor<8x16xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reshape %[[A]] : tensor<8x1x4xf32> to tensor<1x8x4xf32>
// CHECK-NEXT: %[[M:.+]] = tessera.matmul %[[R]], %[[B]] transpose_lhs : (tensor<1x8x4xf32>, tensor<8x16xf32>) -> tensor<1x4x16xf32>
// CHECK-NEXT: return %[[M]]
func.func @matmul_flag_unit_dims(%a: tensor<8x1x4xf32>, %b: tensor<8x16xf32>) -> tensor<1x4x16xf32> {
  %0 = tessera.transpose %a perm = [1, 2, 0] : (tensor<8x1x4xf32>) -> tensor<1x4x8xf32>
  %1 = tessera.matmul %0, %b : (tensor<1x4x8xf32>, tensor<8x16xf32>) -> tensor<1x4x16xf32>
  return %1 : tensor<1x4x16xf32>
}

// -----

// A transpose that keeps the dimensions of size > 1 in order moves no data:
// it is a reshape, which then merges with the reshape below.
// CHECK-LABEL: func.func @transpose_as_reshape
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x32xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reshape %[[X]] : tensor<1x8x32xf32> to tensor<256xf32>
// CHECK-NEXT: return %[[R]]
func.func @transpose_as_reshape(%x: tensor<1x8x32xf32>) -> tensor<256xf32> {
  %0 = tessera.transpose %x perm = [1, 0, 2] : (tensor<1x8x32xf32>) -> tensor<8x1x32xf32>
  %1 = tessera.reshape %0 : tensor<8x1x32xf32> to tensor<256xf32>
  return %1 : tensor<256xf32>
}

// -----

// A transpose, a reshape that only inserts a unit dimension and the inverse
// transpose: the data is back in order, one reshape remains.
// CHECK-LABEL: func.func @inverse_through_unit_reshape
// CHECK-SAME: (%[[X:.+]]: tensor<4x6xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reshape %[[X]] : tensor<4x6xf32> to tensor<4x1x6xf32>
// CHECK-NEXT: return %[[R]]
func.func @inverse_through_unit_reshape(%x: tensor<4x6xf32>) -> tensor<4x1x6xf32> {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<4x6xf32>) -> tensor<6x4xf32>
  %1 = tessera.reshape %0 : tensor<6x4xf32> to tensor<6x1x4xf32>
  %2 = tessera.transpose %1 perm = [2, 1, 0] : (tensor<6x1x4xf32>) -> tensor<4x1x6xf32>
  return %2 : tensor<4x1x6xf32>
}

// -----

// Two transposes around a unit reshape that do not cancel compose into one.
// CHECK-LABEL: func.func @compose_through_unit_reshape
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reshape %[[X]] : tensor<2x3x4xf32> to tensor<2x1x3x4xf32>
// CHECK-NEXT: %[[T:.+]] = tessera.transpose %[[R]] perm = [0, 1, 3, 2] : (tensor<2x1x3x4xf32>) -> tensor<2x1x4x3xf32>
// CHECK-NEXT: return %[[T]]
func.func @compose_through_unit_reshape(%x: tensor<2x3x4xf32>) -> tensor<2x1x4x3xf32> {
  %0 = tessera.transpose %x perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = tessera.reshape %0 : tensor<4x2x3xf32> to tensor<4x1x2x3xf32>
  %2 = tessera.transpose %1 perm = [2, 1, 0, 3] : (tensor<4x1x2x3xf32>) -> tensor<2x1x4x3xf32>
  return %2 : tensor<2x1x4x3xf32>
}

// -----

// The transpose sinks below relu, a product with a scalar, an addition of a
// splat and a cast, where it cancels with the inverse transpose.
// CHECK-LABEL: func.func @sink_through_chain
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>, %[[S:.+]]: tensor<1xf32>)
// CHECK-DAG: %[[C:.+]] = tessera.constant dense<1.000000e+00> : tensor<2x3x4xf32>
// CHECK-DAG: %[[A:.+]] = tessera.relu %[[X]] : tensor<2x3x4xf32>
// CHECK-DAG: %[[B:.+]] = tessera.mul %[[A]], %[[S]] : (tensor<2x3x4xf32>, tensor<1xf32>) -> tensor<2x3x4xf32>
// CHECK-DAG: %[[D:.+]] = tessera.add %[[B]], %[[C]] : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK-DAG: %[[E:.+]] = tessera.cast %[[D]] : tensor<2x3x4xf32> to tensor<2x3x4xf16>
// CHECK-NOT: tessera.transpose
// CHECK: return %[[E]]
func.func @sink_through_chain(%x: tensor<2x3x4xf32>, %s: tensor<1xf32>) -> tensor<2x3x4xf16> {
  %one = tessera.constant dense<1.0> : tensor<4x2x3xf32>
  %0 = tessera.transpose %x perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = tessera.relu %0 : tensor<4x2x3xf32>
  %2 = tessera.mul %1, %s : (tensor<4x2x3xf32>, tensor<1xf32>) -> tensor<4x2x3xf32>
  %3 = tessera.add %one, %2 : (tensor<4x2x3xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  %4 = tessera.cast %3 : tensor<4x2x3xf32> to tensor<4x2x3xf16>
  %5 = tessera.transpose %4 perm = [1, 2, 0] : (tensor<4x2x3xf16>) -> tensor<2x3x4xf16>
  return %5 : tensor<2x3x4xf16>
}

// -----

// An op that reads the transpose twice (a square) sinks it too.
// CHECK-LABEL: func.func @sink_through_square
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: %[[M:.+]] = tessera.mul %[[X]], %[[X]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[M]]
func.func @sink_through_square(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = tessera.mul %0, %0 : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  %2 = tessera.transpose %1 perm = [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}

// -----

// Sinking below an elementwise op that ends in a matmul makes the transpose
// a matmul flag.
// CHECK-LABEL: func.func @sink_into_matmul
// CHECK-SAME: (%[[A:.+]]: tensor<8x4xf32>, %[[B:.+]]: tensor<8x16xf32>)
// CHECK-NEXT: %[[G:.+]] = tessera.gelu %[[A]] : tensor<8x4xf32>
// CHECK-NEXT: %[[M:.+]] = tessera.matmul %[[G]], %[[B]] transpose_lhs
// CHECK-NEXT: return %[[M]]
func.func @sink_into_matmul(%a: tensor<8x4xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = tessera.transpose %a perm = [1, 0] : (tensor<8x4xf32>) -> tensor<4x8xf32>
  %1 = tessera.gelu %0 : tensor<4x8xf32>
  %2 = tessera.matmul %1, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %2 : tensor<4x16xf32>
}

// -----

// An elementwise op of two transposes by the same permutation becomes one
// transpose of the op.
// CHECK-LABEL: func.func @transposed_operands
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>, %[[Y:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: %[[A:.+]] = tessera.add %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[T:.+]] = tessera.transpose %[[A]] perm = [1, 0]
// CHECK-NEXT: return %[[T]]
func.func @transposed_operands(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = tessera.transpose %y perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %2 = tessera.add %0, %1 : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return %2 : tensor<3x2xf32>
}
