// RUN: tessera-opt %s --tessera-fuse --split-input-file | FileCheck %s

// Producers with several consumers (docs/fusion.md, rules M1-M5): cheap
// elementwise ops over materialized values are recomputed, anything else is
// computed once and becomes one more result of its kernel.

// M1: a value read inside and outside its kernel is one more result of that
// kernel; results are in program order and the function's results keep
// their order.
// CHECK-LABEL: func.func @multi_output
// CHECK-NEXT: %[[K:.+]]:2 = tessera.kernel "exp_neg" kind = elementwise
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<4xf32>):
// CHECK-NEXT: %[[E:.+]] = tessera.exp %[[A]]
// CHECK-NEXT: %[[N:.+]] = tessera.neg %[[E]]
// CHECK-NEXT: tessera.yield %[[E]], %[[N]] : tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[K]]#1, %[[K]]#0
func.func @multi_output(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tessera.exp %x : tensor<4xf32>
  %1 = tessera.neg %0 : tensor<4xf32>
  return %1, %0 : tensor<4xf32>, tensor<4xf32>
}

// -----

// M2: an elementwise op over an argument, read by two reductions over
// different rows, is recomputed in both kernels and disappears as a value.
// CHECK-LABEL: func.func @recompute_cheap_producer
// CHECK-SAME: (%[[X:.+]]: tensor<4x4xf32>)
// CHECK-NEXT: %[[S:.+]] = tessera.kernel "reduce_sum" kind = reduction (%[[X]])
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<4x4xf32>):
// CHECK-NEXT: %[[N:.+]] = tessera.neg %[[A]]
// CHECK-NEXT: tessera.reduce_sum %[[N]] axes = [0]
// CHECK: %[[M:.+]] = tessera.kernel "reduce_max" kind = reduction (%[[X]])
// CHECK-NEXT: ^bb0(%[[B:.+]]: tensor<4x4xf32>):
// CHECK-NEXT: %[[N2:.+]] = tessera.neg %[[B]]
// CHECK-NEXT: tessera.reduce_max %[[N2]] axes = [1]
// CHECK: return %[[S]], %[[M]]
func.func @recompute_cheap_producer(%x: tensor<4x4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tessera.neg %x : tensor<4x4xf32>
  %1 = tessera.reduce_sum %0 axes = [0] : (tensor<4x4xf32>) -> tensor<4xf32>
  %2 = tessera.reduce_max %0 axes = [1] : (tensor<4x4xf32>) -> tensor<4xf32>
  return %1, %2 : tensor<4xf32>, tensor<4xf32>
}

// -----

// M3: an expensive producer is never recomputed: the matmul is computed once
// and both reductions read its result.
// CHECK-LABEL: func.func @expensive_producer_not_recomputed
// CHECK-NEXT: %[[MM:.+]] = tessera.kernel "matmul" kind = matmul
// CHECK-COUNT-1: tessera.matmul
// CHECK: tessera.kernel "reduce_sum" kind = reduction (%[[MM]])
// CHECK-NOT: tessera.matmul
// CHECK: tessera.kernel "reduce_max" kind = reduction (%[[MM]])
// CHECK-NOT: tessera.matmul
// CHECK: return
func.func @expensive_producer_not_recomputed(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> (tensor<4xf32>, tensor<8xf32>) {
  %0 = tessera.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %1 = tessera.reduce_sum %0 axes = [1] : (tensor<4x8xf32>) -> tensor<4xf32>
  %2 = tessera.reduce_max %0 axes = [0] : (tensor<4x8xf32>) -> tensor<8xf32>
  return %1, %2 : tensor<4xf32>, tensor<8xf32>
}

// -----

// M4: recomputation never snowballs: exp reads neg, which is not
// materialized, so exp is not recomputed; neg and exp form one elementwise
// kernel whose result both reductions read. Nor is a data-movement op
// recomputed: the transpose is a copy kernel read by both reductions.
// CHECK-LABEL: func.func @chain_not_recomputed
// CHECK-NEXT: %[[E:.+]] = tessera.kernel "neg_exp" kind = elementwise
// CHECK: tessera.kernel "reduce_sum" kind = reduction (%[[E]])
// CHECK-NOT: tessera.exp
// CHECK: tessera.kernel "reduce_max" kind = reduction (%[[E]])
// CHECK-NOT: tessera.exp
// CHECK: return
func.func @chain_not_recomputed(%x: tensor<4x4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tessera.neg %x : tensor<4x4xf32>
  %1 = tessera.exp %0 : tensor<4x4xf32>
  %2 = tessera.reduce_sum %1 axes = [0] : (tensor<4x4xf32>) -> tensor<4xf32>
  %3 = tessera.reduce_max %1 axes = [1] : (tensor<4x4xf32>) -> tensor<4xf32>
  return %2, %3 : tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @movement_not_recomputed
// CHECK-NEXT: %[[T:.+]] = tessera.kernel "transpose" kind = copy
// CHECK: tessera.kernel "reduce_sum" kind = reduction (%[[T]])
// CHECK: tessera.kernel "reduce_max" kind = reduction (%[[T]])
func.func @movement_not_recomputed(%x: tensor<4x4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %1 = tessera.reduce_sum %0 axes = [0] : (tensor<4x4xf32>) -> tensor<4xf32>
  %2 = tessera.reduce_max %0 axes = [1] : (tensor<4x4xf32>) -> tensor<4xf32>
  return %1, %2 : tensor<4xf32>, tensor<4xf32>
}

// -----

// M5: a cheap op that cannot be recomputed (sigmoid reads sub, which is not
// materialized) joins its first elementwise consumer kernel, which also
// returns it for the reduction.
// CHECK-LABEL: func.func @producer_joins_first_consumer
// CHECK-NEXT: %[[K:.+]]:2 = tessera.kernel "sub_tanh" kind = elementwise
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.sub
// CHECK-NEXT: %[[S:.+]] = tessera.sigmoid
// CHECK-NEXT: tessera.add
// CHECK-NEXT: %[[T:.+]] = tessera.tanh
// CHECK-NEXT: tessera.yield %[[S]], %[[T]]
// CHECK: %[[R:.+]] = tessera.kernel "reduce_sum" kind = reduction (%[[K]]#0)
// CHECK: return %[[K]]#1, %[[R]]
func.func @producer_joins_first_consumer(%x: tensor<4x4xf32>, %y: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4xf32>) {
  %s = tessera.sub %x, %y : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %0 = tessera.sigmoid %s : tensor<4x4xf32>
  %1 = tessera.add %0, %y : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %2 = tessera.tanh %1 : tensor<4x4xf32>
  %3 = tessera.reduce_sum %0 axes = [0] : (tensor<4x4xf32>) -> tensor<4xf32>
  return %2, %3 : tensor<4x4xf32>, tensor<4xf32>
}
