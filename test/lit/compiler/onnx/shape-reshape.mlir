// Reshape, Flatten, Squeeze, Unsqueeze (all tessera.reshape), Transpose and
// Expand. The node tests pass shape operands as graph inputs; %{freeze}
// turns the named inputs into initializers holding their test_data_set_0
// values, since tessera needs static shapes at import.
// DEFINE: %{freeze} = %python -c "import onnx,sys;d,o,*n=sys.argv[1:];m=onnx.load(d+'/model.onnx');i=[v.name for v in m.graph.input];t=[onnx.load_tensor(d+'/test_data_set_0/input_'+str(i.index(x))+'.pb') for x in n];[setattr(p,'name',x) for p,x in zip(t,n)];m.graph.initializer.extend(t);onnx.save(m,o)"

// -1 is inferred.
// RUN: %{freeze} %onnx/node/test_reshape_negative_dim %t.neg.onnx shape
// RUN: tessera-compile --emit=imported %t.neg.onnx | FileCheck %s --check-prefix=NEG
// NEG: func.func @main(%[[X:.+]]: tensor<2x3x4xf32> {tessera.name = "data"}) -> (tensor<2x6x2xf32> {tessera.name = "reshaped"})
// NEG: %[[R:.+]] = tessera.reshape %[[X]] : tensor<2x3x4xf32> to tensor<2x6x2xf32>
// NEG-NEXT: return %[[R]]

// 0 copies the input dimension, together with -1.
// RUN: %{freeze} %onnx/node/test_reshape_zero_and_negative_dim %t.zneg.onnx shape
// RUN: tessera-compile --emit=imported %t.zneg.onnx | FileCheck %s --check-prefix=ZNEG
// ZNEG: tessera.reshape %{{.+}} : tensor<2x3x4xf32> to tensor<2x3x1x4xf32>

// With allowzero = 1 a 0 is a size.
// RUN: %{freeze} %onnx/node/test_reshape_allowzero_reordered %t.az.onnx shape
// RUN: tessera-compile --emit=imported %t.az.onnx | FileCheck %s --check-prefix=ALLOWZERO
// ALLOWZERO: tessera.reshape %{{.+}} : tensor<0x3x4xf32> to tensor<3x4x0xf32>

// Before opset 5 the target is the 'shape' attribute.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Reshape', [('x', m.F32, [2, 3, 4])], [('y', m.F32, [4, 6])], opset=4, shape=[4, -1]), '%t.v4.onnx')"
// RUN: tessera-compile --emit=imported %t.v4.onnx | FileCheck %s --check-prefix=V4
// V4: tessera.reshape %{{.+}} : tensor<2x3x4xf32> to tensor<4x6xf32>

// Flatten: default axis 1, axis 0 gives a leading 1, negative axes count
// from the back.
// RUN: tessera-compile --emit=imported %onnx/node/test_flatten_default_axis/model.onnx | FileCheck %s --check-prefix=FLAT1
// FLAT1: tessera.reshape %{{.+}} : tensor<5x4x3x2xf32> to tensor<5x24xf32>
// RUN: tessera-compile --emit=imported %onnx/node/test_flatten_axis0/model.onnx | FileCheck %s --check-prefix=FLAT0
// FLAT0: tessera.reshape %{{.+}} : tensor<2x3x4x5xf32> to tensor<1x120xf32>
// RUN: tessera-compile --emit=imported %onnx/node/test_flatten_negative_axis1/model.onnx | FileCheck %s --check-prefix=FLATNEG
// FLATNEG: tessera.reshape %{{.+}} : tensor<2x3x4x5xf32> to tensor<24x5xf32>

// Squeeze with a negative axis (opset 13+: an input), with the opset 11
// attribute, and without axes (every size-1 dimension goes).
// RUN: %{freeze} %onnx/node/test_squeeze_negative_axes %t.sq.onnx axes
// RUN: tessera-compile --emit=imported %t.sq.onnx | FileCheck %s --check-prefix=SQ
// SQ: tessera.reshape %{{.+}} : tensor<1x3x1x5xf32> to tensor<1x3x5xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Squeeze', [('x', m.F32, [1, 3, 1, 5])], [('y', m.F32, [1, 3, 5])], opset=11, axes=[-2]), '%t.sq11.onnx')"
// RUN: tessera-compile --emit=imported %t.sq11.onnx | FileCheck %s --check-prefix=SQ
// RUN: %python -c "import onnx_models as m; m.save(m.single('Squeeze', [('x', m.F32, [1, 3, 1, 5])], [('y', m.F32, [3, 5])], opset=13), '%t.sqall.onnx')"
// RUN: tessera-compile --emit=imported %t.sqall.onnx | FileCheck %s --check-prefix=SQALL
// SQALL: tessera.reshape %{{.+}} : tensor<1x3x1x5xf32> to tensor<3x5xf32>

// Unsqueeze: axes index the result, in any order, negative from its back.
// RUN: %{freeze} %onnx/node/test_unsqueeze_unsorted_axes %t.unsq.onnx axes
// RUN: tessera-compile --emit=imported %t.unsq.onnx | FileCheck %s --check-prefix=UNSQ
// UNSQ: tessera.reshape %{{.+}} : tensor<3x4x5xf32> to tensor<3x4x1x5x1x1xf32>
// RUN: %{freeze} %onnx/node/test_unsqueeze_negative_axes %t.unsqneg.onnx axes
// RUN: tessera-compile --emit=imported %t.unsqneg.onnx | FileCheck %s --check-prefix=UNSQNEG
// UNSQNEG: tessera.reshape %{{.+}} : tensor<1x3x1x5xf32> to tensor<1x3x1x1x5xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Unsqueeze', [('x', m.F32, [3, 4])], [('y', m.F32, [1, 3, 4, 1])], opset=11, axes=[-1, 0]), '%t.unsq11.onnx')"
// RUN: tessera-compile --emit=imported %t.unsq11.onnx | FileCheck %s --check-prefix=UNSQ11
// UNSQ11: tessera.reshape %{{.+}} : tensor<3x4xf32> to tensor<1x3x4x1xf32>

// Transpose: perm defaults to the reversed dimensions.
// RUN: tessera-compile --emit=imported %onnx/node/test_transpose_default/model.onnx | FileCheck %s --check-prefix=TDEF
// TDEF: tessera.transpose %{{.+}} perm = [2, 1, 0] : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
// RUN: tessera-compile --emit=imported %onnx/node/test_transpose_all_permutations_3/model.onnx | FileCheck %s --check-prefix=TPERM
// TPERM: tessera.transpose %{{.+}} perm = [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>

// Expand broadcasts the input and the shape against each other: [3, 1]
// with [2, 1, 6] is [2, 3, 6], larger than either.
// RUN: %{freeze} %onnx/node/test_expand_dim_changed %t.exp.onnx new_shape
// RUN: tessera-compile --emit=imported %t.exp.onnx | FileCheck %s --check-prefix=EXPAND
// EXPAND: tessera.broadcast_to %{{.+}} : tensor<3x1xf32> to tensor<2x3x6xf32>
// A shape smaller than the input keeps the input's dimensions.
// RUN: %python -c "import onnx_models as m, onnx; g=m.single('Expand', [('x', m.F32, [2, 1, 4]), ('s', m.I64, [2])], [('y', m.F32, [2, 3, 4])], opset=13); g.graph.initializer.append(onnx.helper.make_tensor('s', m.I64, [2], [3, 1])); m.save(g, '%t.exp2.onnx')"
// RUN: tessera-compile --emit=imported %t.exp2.onnx | FileCheck %s --check-prefix=EXPAND2
// EXPAND2: tessera.broadcast_to %{{.+}} : tensor<2x1x4xf32> to tensor<2x3x4xf32>

// The shape sub-graph exporters emit (Shape -> Gather -> Unsqueeze ->
// Concat -> Reshape) folds at import: one reshape, no shape arithmetic left.
// RUN: sed -n 's|^// PY: ||p' %s > %t.chain.py
// RUN: %python %t.chain.py %t.chain.onnx
// RUN: tessera-compile --emit=imported %t.chain.onnx | FileCheck %s --check-prefix=CHAIN
// CHAIN: func.func @main(%[[X:.+]]: tensor<2x3x4xf32> {tessera.name = "x"})
// CHAIN-NOT: tessera.gather
// CHAIN-NOT: tessera.concat
// CHAIN: %[[R:.+]] = tessera.reshape %[[X]] : tensor<2x3x4xf32> to tensor<2x12xf32>
// CHAIN-NOT: tessera.reshape
// CHAIN: return %[[R]]
// PY: import sys
// PY: import onnx
// PY: from onnx import TensorProto, helper
// PY: i64 = lambda name, values: helper.make_tensor(name, TensorProto.INT64, [len(values)] if isinstance(values, list) else [], values if isinstance(values, list) else [values])
// PY: nodes = [
// PY:     helper.make_node("Shape", ["x"], ["shape"]),
// PY:     helper.make_node("Gather", ["shape", "zero"], ["batch"], axis=0),
// PY:     helper.make_node("Unsqueeze", ["batch", "axes"], ["batch1"]),
// PY:     helper.make_node("Concat", ["batch1", "minus_one"], ["target"], axis=0),
// PY:     helper.make_node("Reshape", ["x", "target"], ["y"]),
// PY: ]
// PY: graph = helper.make_graph(
// PY:     nodes, "chain",
// PY:     [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 4])],
// PY:     [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 12])],
// PY:     [i64("zero", 0), i64("axes", [0]), i64("minus_one", [-1])])
// PY: model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
// PY: onnx.save(model, sys.argv[1])
