// RUN: tessera-opt %s --tessera-fuse --split-input-file | FileCheck %s

// Elementwise and injective chains and kernel names (docs/fusion.md,
// rules E1-E5).

// E1: a chain of elementwise ops (broadcasting included) is one kernel; its
// name joins the ONNX node names of the first and last op.
// CHECK-LABEL: func.func @elementwise_chain
// CHECK-SAME: (%[[X:.+]]: tensor<4x8xf32>, %[[Y:.+]]: tensor<8xf32>)
// CHECK-NEXT: %[[K:.+]] = tessera.kernel "Add_0_Relu_2" kind = elementwise (%[[X]], %[[Y]]) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32> {
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<4x8xf32>, %[[B:.+]]: tensor<8xf32>):
// CHECK-NEXT: %[[S:.+]] = tessera.add %[[A]], %[[B]]
// CHECK-NEXT: %[[M:.+]] = tessera.mul %[[S]], %[[S]]
// CHECK-NEXT: %[[R:.+]] = tessera.relu %[[M]]
// CHECK-NEXT: tessera.yield %[[R]] : tensor<4x8xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[K]] : tensor<4x8xf32>
func.func @elementwise_chain(%x: tensor<4x8xf32>, %y: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = tessera.add %x, %y : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32> loc("Add_0"("Add"))
  %1 = tessera.mul %0, %0 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32> loc("Mul_1"("Mul"))
  %2 = tessera.relu %1 : tensor<4x8xf32> loc("Relu_2"("Relu"))
  return %2 : tensor<4x8xf32>
}

// -----

// E2: injective ops (transpose, reshape, cast, broadcast) join the chain of
// their consumer; without node names the op names are used.
// CHECK-LABEL: func.func @injective_chain
// CHECK-NEXT: tessera.kernel "transpose_sub" kind = elementwise
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.transpose
// CHECK-NEXT: tessera.reshape
// CHECK-NEXT: tessera.cast
// CHECK-NEXT: tessera.broadcast_to
// CHECK-NEXT: tessera.sub
// CHECK-NEXT: tessera.yield
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @injective_chain(%x: tensor<2x3x4xf32>, %y: tensor<4xf16>) -> tensor<6x4xf32> {
  %0 = tessera.transpose %x perm = [1, 0, 2] : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  %1 = tessera.reshape %0 : tensor<3x2x4xf32> to tensor<6x4xf32>
  %2 = tessera.cast %y : tensor<4xf16> to tensor<4xf32>
  %3 = tessera.broadcast_to %2 : tensor<4xf32> to tensor<6x4xf32>
  %4 = tessera.sub %1, %3 : (tensor<6x4xf32>, tensor<6x4xf32>) -> tensor<6x4xf32>
  return %4 : tensor<6x4xf32>
}

// -----

// E3: a data-movement op that stays alone is a copy kernel. Names keep only
// [A-Za-z0-9_], without leading or trailing '_'.
// CHECK-LABEL: func.func @copy_kernel
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: %[[K:.+]] = tessera.kernel "model_Transpose" kind = copy (%[[X]]) : (tensor<2x3xf32>) -> tensor<3x2xf32> {
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<2x3xf32>):
// CHECK-NEXT: %[[T:.+]] = tessera.transpose %[[A]] perm = [1, 0]
// CHECK-NEXT: tessera.yield %[[T]] : tensor<3x2xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[K]]
func.func @copy_kernel(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32> loc("/model/Transpose"("Transpose"))
  return %0 : tensor<3x2xf32>
}

// -----

// E4: weights (tessera.constant) stay outside every kernel and become its
// inputs, after the function arguments in order of first use.
// CHECK-LABEL: func.func @weights_stay_outside
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK-NEXT: %[[W:.+]] = tessera.constant
// CHECK-NEXT: tessera.kernel "mul_tanh" kind = elementwise (%[[X]], %[[W]])
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<4xf32>):
// CHECK-NEXT: tessera.mul %[[A]], %[[B]]
// CHECK-NOT: tessera.constant
// CHECK: return
func.func @weights_stay_outside(%x: tensor<4xf32>) -> tensor<4xf32> {
  %w = tessera.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = tessera.mul %x, %w : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = tessera.tanh %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// E5: kernel names are unique per function (a suffix `_1`, `_2`... is
// added) and never start with a digit.
// CHECK-LABEL: func.func @kernel_names
// CHECK: tessera.kernel "block_0_Relu_0" kind = copy
// CHECK: tessera.kernel "block_0_Relu_0_1" kind = copy
// CHECK: tessera.kernel "k_0" kind = copy
func.func @kernel_names(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = tessera.transpose %x perm = [0] : (tensor<4xf32>) -> tensor<4xf32> loc("/block.0/Relu:0"("Relu"))
  %1 = tessera.transpose %x perm = [0] : (tensor<4xf32>) -> tensor<4xf32> loc("/block.0/Relu:0"("Relu"))
  %2 = tessera.transpose %x perm = [0] : (tensor<4xf32>) -> tensor<4xf32> loc("0"("Relu"))
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
