// tessera-compile --stats: exactly one line on stdout, a JSON object with
// every key, in this order.
//
// mlp_gelu.onnx by hand: 11 nodes, 3 of them Constant nodes, so 8 ONNX
// nodes depend on the input. The pipeline makes 3 kernels: fc1 (Gemm with
// its bias and the erf GELU as epilogue), fc2 (Gemm and bias), the softmax.
// Intermediates: fc1's 2x32 f32 (256 bytes) and fc2's 2x4 f32 (32 bytes,
// 256 aligned), both live while fc2 runs: arena, lower bound and no-reuse
// total are all 512 (the output is bound by the caller). Weights: fc1
// 32x16 + 32, fc2 4x32 + 4 f32 = 2704 bytes, and the GELU's three scalar
// constants (sqrt 2, 1, 0.5) 12 more: 2716, splats at their full size too.

// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --stats > %t.mlp.json
// RUN: count 1 < %t.mlp.json
// RUN: FileCheck %s --check-prefix=MLP --match-full-lines < %t.mlp.json
// RUN: %python -c "import json, sys; json.load(open(sys.argv[1]))" %t.mlp.json
// MLP: {"onnx_nodes":8,"kernels":3,"kernels_by_kind":{"reduction":1,"matmul":2},"unfused_ops":0,"arena_bytes":512,"arena_lower_bound_bytes":512,"arena_no_reuse_bytes":512,"weights_bytes":2716,"weights_logical_bytes":2716,"compile_seconds":{{[0-9]+\.[0-9][0-9][0-9]}}}

// With -o the IR goes to the file, stdout still holds the one line.
// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --stats -o %t.mlp.mlir | count 1
// RUN: FileCheck %s --check-prefix=IR < %t.mlp.mlir
// IR: func.func @main
// IR-SAME: tessera.arena_bytes = 512 : i64
// IR-SAME: tessera.onnx_nodes = 8 : i64
// IR-COUNT-3: tessera.kernel

// Without the pipeline: no kernel, every op unfused, no arena.
// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --emit=imported --stats | FileCheck %s --check-prefix=IMPORTED
// IMPORTED: {"onnx_nodes":8,"kernels":0,"kernels_by_kind":{},"unfused_ops":10,"arena_bytes":0,"arena_lower_bound_bytes":0,"arena_no_reuse_bytes":0,

// A constant sub-graph does not count: of Constant c1, Constant c2,
// Add(c1, c2), Shape(x), Mul(x, c1 + c2), Reshape(Mul, Shape(x)) only the Mul
// and the Reshape depend on the value of x (the Shape is known at import).
// The Reshape is a no-op and disappears: one elementwise kernel whose result
// is the output, so no arena; the folded [5, 7, 9] is the one weight.
// RUN: %python -c "from onnx import helper as h, TensorProto as T; import onnx_models as m; c = lambda n, v: h.make_node('Constant', [], [n], name=n, value=h.make_tensor(n, T.FLOAT, [3], v)); nodes = [c('c1', [1, 2, 3]), c('c2', [4, 5, 6]), h.make_node('Add', ['c1', 'c2'], ['c3'], name='fold'), h.make_node('Shape', ['x'], ['s'], name='shape'), h.make_node('Mul', ['x', 'c3'], ['y'], name='scale'), h.make_node('Reshape', ['y', 's'], ['z'], name='reshape')]; g = h.make_graph(nodes, 'g', [h.make_tensor_value_info('x', T.FLOAT, [2, 3])], [h.make_tensor_value_info('z', T.FLOAT, [2, 3])]); m.save(h.make_model(g, opset_imports=[h.make_opsetid('', 17)]), '%t.const.onnx')"
// RUN: tessera-compile %t.const.onnx --stats | FileCheck %s --check-prefix=CONST --match-full-lines
// RUN: tessera-compile %t.const.onnx --emit=imported | FileCheck %s --check-prefix=CONST-IR
// CONST: {"onnx_nodes":2,"kernels":1,"kernels_by_kind":{"elementwise":1},"unfused_ops":0,"arena_bytes":0,"arena_lower_bound_bytes":0,"arena_no_reuse_bytes":0,"weights_bytes":12,"weights_logical_bytes":12,"compile_seconds":{{[0-9]+\.[0-9][0-9][0-9]}}}
// CONST-IR: attributes {tessera.onnx_nodes = 2 : i64}

// A splat weight is stored as one element: 4 bytes for an 8x64 f32 of ones,
// though it stands for 2048.
// RUN: %python -c "from onnx import helper as h, TensorProto as T; import onnx_models as m; w = h.make_tensor('w', T.FLOAT, [8, 64], [1.0] * 512); g = h.make_graph([h.make_node('MatMul', ['x', 'w'], ['y'], name='mm')], 'g', [h.make_tensor_value_info('x', T.FLOAT, [4, 8])], [h.make_tensor_value_info('y', T.FLOAT, [4, 64])], [w]); m.save(h.make_model(g, opset_imports=[h.make_opsetid('', 17)]), '%t.splat.onnx')"
// RUN: tessera-compile %t.splat.onnx --stats | FileCheck %s --check-prefix=SPLAT
// SPLAT: {"onnx_nodes":1,"kernels":1,"kernels_by_kind":{"matmul":1},"unfused_ops":0,"arena_bytes":0,"arena_lower_bound_bytes":0,"arena_no_reuse_bytes":0,"weights_bytes":4,"weights_logical_bytes":2048,
