// RUN: tessera-opt %s --tessera-fuse --split-input-file | FileCheck %s

// Cases that must NOT fuse (docs/fusion.md, rules F1-F8), and inputs the
// pass leaves alone.

// F1: two expensive ops never share a kernel (outside attention and
// same-row reductions): a matmul chain is two matmul kernels...
// CHECK-LABEL: func.func @matmul_chain
// CHECK-NEXT: %[[A:.+]] = tessera.kernel "matmul" kind = matmul
// CHECK-COUNT-1: tessera.matmul
// CHECK: tessera.kernel "matmul_1" kind = matmul (%[[A]],
// CHECK-COUNT-1: tessera.matmul
// CHECK-NOT: tessera.matmul
// CHECK: return
func.func @matmul_chain(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %0 = tessera.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %1 = tessera.matmul %0, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// ...a matmul and a softmax that is not part of attention are two kernels...
// CHECK-LABEL: func.func @matmul_then_softmax
// CHECK-NEXT: %[[A:.+]] = tessera.kernel "matmul" kind = matmul
// CHECK: tessera.kernel "softmax" kind = reduction (%[[A]])
func.func @matmul_then_softmax(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %0 = tessera.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %1 = tessera.softmax %0 axis = 1 : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// ...and so are a conv and the pool after it.
// CHECK-LABEL: func.func @conv_then_pool
// CHECK-NEXT: %[[A:.+]] = tessera.kernel "conv" kind = conv
// CHECK: tessera.kernel "max_pool" kind = pooling (%[[A]])
func.func @conv_then_pool(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32> {
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x4x4xf32>
  %1 = tessera.max_pool %0 kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %1 : tensor<1x1x2x2xf32>
}

// -----

// F2: reductions over different rows do not merge: the exp joins the first
// one as its epilogue, the second reduction is its own kernel.
// CHECK-LABEL: func.func @reductions_over_different_rows
// CHECK-NEXT: %[[A:.+]] = tessera.kernel "reduce_sum" kind = reduction
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.reduce_sum
// CHECK-NEXT: tessera.exp
// CHECK-NEXT: tessera.yield
// CHECK: tessera.kernel "reduce_max" kind = reduction (%[[A]])
func.func @reductions_over_different_rows(%x: tensor<4x8xf32>) -> tensor<1x1xf32> {
  %0 = tessera.reduce_sum %x axes = [1] keep_dims : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %1 = tessera.exp %0 : tensor<4x1xf32>
  %2 = tessera.reduce_max %1 axes = [0] keep_dims : (tensor<4x1xf32>) -> tensor<1x1xf32>
  return %2 : tensor<1x1xf32>
}

// -----

// F3: an epilogue maps each element of the matmul result to one result
// element; an add that broadcasts the [4, 1] product over [4, 8] would
// recompute it, so it is an elementwise kernel of its own.
// CHECK-LABEL: func.func @epilogue_would_expand
// CHECK-NEXT: %[[A:.+]] = tessera.kernel "matmul" kind = matmul
// CHECK-NOT: tessera.add
// CHECK: tessera.kernel "add" kind = elementwise (%[[A]],
func.func @epilogue_would_expand(%x: tensor<4x8xf32>, %w: tensor<8x1xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = tessera.matmul %x, %w : (tensor<4x8xf32>, tensor<8x1xf32>) -> tensor<4x1xf32>
  %1 = tessera.add %0, %y : (tensor<4x1xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// A slice of a matmul result is not an epilogue either (it changes the
// number of elements): it is a copy kernel.
// CHECK-LABEL: func.func @slice_is_not_an_epilogue
// CHECK-NEXT: %[[A:.+]] = tessera.kernel "matmul" kind = matmul
// CHECK-NOT: tessera.slice
// CHECK: tessera.kernel "slice" kind = copy (%[[A]])
func.func @slice_is_not_an_epilogue(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x4xf32> {
  %0 = tessera.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %1 = tessera.slice %0 offsets = [0, 0] sizes = [4, 4] strides = [1, 1] : (tensor<4x8xf32>) -> tensor<4x4xf32>
  return %1 : tensor<4x4xf32>
}

// -----

// F4: no cycles. The residual add reads the layer norm and the matmul that
// reads the layer norm: in the layer norm's kernel it would both feed and
// depend on the matmul's kernel, so it is the matmul's epilogue instead.
// CHECK-LABEL: func.func @epilogue_would_cycle
// CHECK-NEXT: %[[N:.+]] = tessera.kernel "layer_norm" kind = reduction
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.layer_norm
// CHECK-NEXT: tessera.yield
// CHECK: tessera.kernel "matmul" kind = matmul (%[[N]],
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<4x8xf32>,
// CHECK-NEXT: %[[M:.+]] = tessera.matmul %[[A]]
// CHECK-NEXT: tessera.add %[[A]], %[[M]]
func.func @epilogue_would_cycle(%x: tensor<4x8xf32>, %g: tensor<8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %0 = tessera.layer_norm %x, %g axis = 1 epsilon = 1.0e-5 : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %1 = tessera.matmul %0, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %2 = tessera.add %0, %1 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// F5: a prologue must be read once: a transpose that is also a result is a
// copy kernel, and the matmul reads its result.
// CHECK-LABEL: func.func @prologue_read_twice
// CHECK-NEXT: %[[T:.+]] = tessera.kernel "transpose" kind = copy
// CHECK: %[[M:.+]] = tessera.kernel "matmul" kind = matmul (%[[T]],
// CHECK-NOT: tessera.transpose
// CHECK: return %[[T]], %[[M]]
func.func @prologue_read_twice(%x: tensor<8x4xf32>, %w: tensor<8x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<8x4xf32>) -> tensor<4x8xf32>
  %1 = tessera.matmul %0, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<4x8xf32>
}

// F6: a matmul prologue is a view, a cast or a scaling by weights; an add of
// two activations is an elementwise kernel of its own.
// CHECK-LABEL: func.func @prologue_not_a_scale
// CHECK-NEXT: %[[A:.+]] = tessera.kernel "add" kind = elementwise
// CHECK: tessera.kernel "matmul" kind = matmul (%[[A]],
func.func @prologue_not_a_scale(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %0 = tessera.add %x, %y : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = tessera.matmul %0, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// F6: a conv prologue is a transpose, reshape or cast, not an activation.
// CHECK-LABEL: func.func @conv_prologue_activation
// CHECK-NEXT: %[[A:.+]] = tessera.kernel "relu" kind = elementwise
// CHECK: tessera.kernel "conv" kind = conv (%[[A]],
func.func @conv_prologue_activation(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x4x4xf32> {
  %0 = tessera.relu %x : tensor<1x1x4x4xf32>
  %1 = tessera.conv %0, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x4x4xf32>
  return %1 : tensor<1x1x4x4xf32>
}

// -----

// F7: attention needs every intermediate to have one use: when the
// probabilities are also a result, the pattern is a matmul, a softmax and a
// matmul kernel.
// CHECK-LABEL: func.func @attention_probabilities_returned
// CHECK-NOT: kind = attention
// CHECK: tessera.kernel "matmul" kind = matmul
// CHECK: tessera.kernel "softmax" kind = reduction
// CHECK: tessera.kernel "matmul_1" kind = matmul
// CHECK: return
func.func @attention_probabilities_returned(%q: tensor<4x8xf32>, %k: tensor<4x8xf32>, %v: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x4xf32>) {
  %0 = tessera.matmul %q, %k transpose_rhs : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x4xf32>
  %1 = tessera.softmax %0 axis = 1 : tensor<4x4xf32>
  %2 = tessera.matmul %1, %v : (tensor<4x4xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2, %1 : tensor<4x8xf32>, tensor<4x4xf32>
}

// F7: nor is a softmax over another axis than the keys' (the last).
// CHECK-LABEL: func.func @softmax_not_last_axis
// CHECK-NOT: kind = attention
// CHECK: tessera.kernel "softmax" kind = reduction
// CHECK: return
func.func @softmax_not_last_axis(%q: tensor<4x8xf32>, %k: tensor<4x8xf32>, %v: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = tessera.matmul %q, %k transpose_rhs : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x4xf32>
  %1 = tessera.softmax %0 axis = 0 : tensor<4x4xf32>
  %2 = tessera.matmul %1, %v : (tensor<4x4xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// F8: existing kernels are left as they are (the pass is idempotent), a
// function without ops gets no kernel, dead ops disappear, and declarations
// are skipped.
// CHECK-LABEL: func.func @already_fused
// CHECK-NEXT: %[[K:.+]] = tessera.kernel "k" kind = elementwise
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.neg
// CHECK-NEXT: tessera.yield
// CHECK-NEXT: }
// CHECK-NEXT: return %[[K]]
func.func @already_fused(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.kernel "k" kind = elementwise (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %n = tessera.neg %a : tensor<4xf32>
    tessera.yield %n : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @no_ops
// CHECK-NEXT: tessera.constant
// CHECK-NEXT: return
func.func @no_ops(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<2xf32>) {
  %c = tessera.constant dense<1.0> : tensor<2xf32>
  return %x, %c : tensor<4xf32>, tensor<2xf32>
}

// CHECK-LABEL: func.func @dead_ops_removed
// CHECK-NEXT: return
func.func @dead_ops_removed(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.exp %x : tensor<4xf32>
  return %x : tensor<4xf32>
}

// CHECK-LABEL: func.func private @declaration
func.func private @declaration(tensor<4xf32>) -> tensor<4xf32>
