// RUN: tessera-opt %s --tessera-fuse --split-input-file | FileCheck %s

// Scaled-dot-product attention (docs/fusion.md, rule A1): matmul ->
// scale/mask/select -> softmax over the last axis -> select/cast -> matmul
// is one attention kernel, with the Q scaling and the K transpose as its
// prologue.

// CHECK-LABEL: func.func @attention
// CHECK-SAME: (%[[Q:.+]]: tensor<2x4x8xf32>, %[[K:.+]]: tensor<2x4x8xf32>, %[[V:.+]]: tensor<2x4x8xf32>, %[[MASK:.+]]: tensor<4x4xf32>)
// CHECK-NEXT: %[[S:.+]] = tessera.constant
// CHECK-NEXT: %[[R:.+]] = tessera.kernel "attn_MatMul_attn_MatMul_1" kind = attention (%[[Q]], %[[S]], %[[K]], %[[MASK]], %[[V]])
// CHECK-NEXT: ^bb0(%[[A0:.+]]: tensor<2x4x8xf32>, %[[A1:.+]]: tensor<f32>, %[[A2:.+]]: tensor<2x4x8xf32>, %[[A3:.+]]: tensor<4x4xf32>, %[[A4:.+]]: tensor<2x4x8xf32>):
// CHECK-NEXT: %[[QS:.+]] = tessera.mul %[[A0]], %[[A1]]
// CHECK-NEXT: %[[KT:.+]] = tessera.transpose %[[A2]] perm = [0, 2, 1]
// CHECK-NEXT: %[[SC:.+]] = tessera.matmul %[[QS]], %[[KT]]
// CHECK-NEXT: %[[SM:.+]] = tessera.add %[[SC]], %[[A3]]
// CHECK-NEXT: %[[P:.+]] = tessera.softmax %[[SM]] axis = 2
// CHECK-NEXT: %[[O:.+]] = tessera.matmul %[[P]], %[[A4]]
// CHECK-NEXT: tessera.yield %[[O]] : tensor<2x4x8xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]
func.func @attention(%q: tensor<2x4x8xf32>, %k: tensor<2x4x8xf32>, %v: tensor<2x4x8xf32>, %mask: tensor<4x4xf32>) -> tensor<2x4x8xf32> {
  %scale = tessera.constant dense<0.35> : tensor<f32>
  %0 = tessera.mul %q, %scale : (tensor<2x4x8xf32>, tensor<f32>) -> tensor<2x4x8xf32> loc("/attn/Mul"("Mul"))
  %1 = tessera.transpose %k perm = [0, 2, 1] : (tensor<2x4x8xf32>) -> tensor<2x8x4xf32> loc("/attn/Transpose"("Transpose"))
  %2 = tessera.matmul %0, %1 : (tensor<2x4x8xf32>, tensor<2x8x4xf32>) -> tensor<2x4x4xf32> loc("/attn/MatMul"("MatMul"))
  %3 = tessera.add %2, %mask : (tensor<2x4x4xf32>, tensor<4x4xf32>) -> tensor<2x4x4xf32> loc("/attn/Add"("Add"))
  %4 = tessera.softmax %3 axis = 2 : tensor<2x4x4xf32> loc("/attn/Softmax"("Softmax"))
  %5 = tessera.matmul %4, %v : (tensor<2x4x4xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32> loc("/attn/MatMul_1"("MatMul"))
  return %5 : tensor<2x4x8xf32>
}

// -----

// A select may mask the scores before the softmax and zero fully masked rows
// after it.
// CHECK-LABEL: func.func @attention_select
// CHECK: tessera.kernel "matmul" kind = attention
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.matmul
// CHECK-NEXT: tessera.select
// CHECK-NEXT: tessera.softmax
// CHECK-NEXT: tessera.select
// CHECK-NEXT: tessera.matmul
// CHECK-NEXT: tessera.yield
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @attention_select(%q: tensor<4x8xf32>, %k: tensor<4x8xf32>, %v: tensor<4x8xf32>, %keep: tensor<4x4xi1>) -> tensor<4x8xf32> {
  %ninf = tessera.constant dense<0xFF800000> : tensor<f32>
  %zero = tessera.constant dense<0.0> : tensor<f32>
  %0 = tessera.matmul %q, %k transpose_rhs : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x4xf32>
  %1 = tessera.select %keep, %0, %ninf : (tensor<4x4xi1>, tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xf32>
  %2 = tessera.softmax %1 axis = 1 : tensor<4x4xf32>
  %3 = tessera.select %keep, %2, %zero : (tensor<4x4xi1>, tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xf32>
  %4 = tessera.matmul %3, %v : (tensor<4x4xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %4 : tensor<4x8xf32>
}

// -----

// Mixed precision: casts around the softmax keep the pattern.
// CHECK-LABEL: func.func @attention_casts
// CHECK: tessera.kernel "matmul" kind = attention
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.matmul
// CHECK-NEXT: tessera.cast
// CHECK-NEXT: tessera.softmax
// CHECK-NEXT: tessera.cast
// CHECK-NEXT: tessera.matmul
// CHECK-NEXT: tessera.yield
func.func @attention_casts(%q: tensor<4x8xf16>, %k: tensor<4x8xf16>, %v: tensor<4x8xf16>) -> tensor<4x8xf16> {
  %0 = tessera.matmul %q, %k transpose_rhs : (tensor<4x8xf16>, tensor<4x8xf16>) -> tensor<4x4xf16>
  %1 = tessera.cast %0 : tensor<4x4xf16> to tensor<4x4xf32>
  %2 = tessera.softmax %1 axis = 1 : tensor<4x4xf32>
  %3 = tessera.cast %2 : tensor<4x4xf32> to tensor<4x4xf16>
  %4 = tessera.matmul %3, %v : (tensor<4x4xf16>, tensor<4x8xf16>) -> tensor<4x8xf16>
  return %4 : tensor<4x8xf16>
}
