// Invalid or unsupported reductions: one error naming the node.

// Axes must be known at import: a graph input is not.
// RUN: not tessera-compile --emit=imported %onnx/node/test_reduce_sum_keepdims_example/model.onnx 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: error: node 'ReduceSum_0' (op 'ReduceSum', opset 13): input 1 ('axes') must be a constant (or computable from constants and static shapes)
// DYNAMIC-NOT: error
// RUN: not tessera-compile --emit=imported %onnx/node_extra/test_cumsum_1d/model.onnx 2>&1 | FileCheck %s --check-prefix=CUMSUM-DYNAMIC
// CUMSUM-DYNAMIC: error: node 'CumSum_0' (op 'CumSum', opset 14): input 1 ('axis') must be a constant (or computable from constants and static shapes)

// RUN: %python -c "import onnx_models as m; m.save(m.single('ReduceMax', [('x', m.F32, [2, 3, 4])], [('y', m.F32, [2, 1, 4])], opset=13, name='r', axes=[3]), '%t.range.onnx')"
// RUN: not tessera-compile --emit=imported %t.range.onnx 2>&1 | FileCheck %s --check-prefix=RANGE
// RANGE: error: node 'r' (op 'ReduceMax', opset 13): expected axes in [-3, 3), got 3

// RUN: %python -c "import onnx_models as m; m.save(m.single('ReduceL2', [('x', m.F32, [2, 3, 4])], [('y', m.F32, [2, 1, 4])], opset=13, name='r', axes=[1, -2]), '%t.dup.onnx')"
// RUN: not tessera-compile --emit=imported %t.dup.onnx 2>&1 | FileCheck %s --check-prefix=DUP
// DUP: error: node 'r' (op 'ReduceL2', opset 13): expected unique axes, got [1, -2]

// From opset 18 the axes attribute is gone: only the input counts.
// RUN: %python -c "import onnx_models as m; m.save(m.single('ReduceMean', [('x', m.F32, [2, 3])], [('y', m.F32, [1, 1])], opset=18, name='r', axes=[1]), '%t.attr18.onnx')"
// RUN: tessera-compile --emit=imported %t.attr18.onnx | FileCheck %s --check-prefix=ATTR18
// ATTR18: tessera.reduce_mean %arg0 axes = [0, 1] keep_dims : (tensor<2x3xf32>) -> tensor<1x1xf32>

// RUN: %python -c "import onnx_models as m; mdl = m.single('CumSum', [('x', m.F32, [2, 3]), ('axis', m.I64, [2])], [('y', m.F32, [2, 3])], opset=14, name='c'); mdl.graph.initializer.append(m.helper.make_tensor('axis', m.I64, [2], [0, 1])); m.save(mdl, '%t.axes.onnx')"
// RUN: not tessera-compile --emit=imported %t.axes.onnx 2>&1 | FileCheck %s --check-prefix=CUMSUM-AXES
// CUMSUM-AXES: error: node 'c' (op 'CumSum', opset 14): expected one axis in input 1, got [0, 1]
// RUN: %python -c "import onnx_models as m; mdl = m.single('CumSum', [('x', m.F32, [2, 3]), ('axis', m.I64, [])], [('y', m.F32, [2, 3])], opset=14, name='c'); mdl.graph.initializer.append(m.helper.make_tensor('axis', m.I64, [], [-3])); m.save(mdl, '%t.cumsum-range.onnx')"
// RUN: not tessera-compile --emit=imported %t.cumsum-range.onnx 2>&1 | FileCheck %s --check-prefix=CUMSUM-RANGE
// CUMSUM-RANGE: error: node 'c' (op 'CumSum', opset 14): expected axis in [-2, 2), got -3

// RUN: %python -c "import onnx_models as m; m.save(m.single('ArgMin', [('x', m.F32, [2, 3])], [('y', m.I64, [2])], opset=13, name='a', axis=2), '%t.arg.onnx')"
// RUN: not tessera-compile --emit=imported %t.arg.onnx 2>&1 | FileCheck %s --check-prefix=ARG
// ARG: error: node 'a' (op 'ArgMin', opset 13): expected axis in [-2, 2), got 2
