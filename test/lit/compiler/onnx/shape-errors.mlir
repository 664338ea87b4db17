// Invalid shape and data-movement nodes: one diagnostic naming the node and
// the offending values, exit 1. %{init} adds an i64 initializer
// NAME=v1,v2,... to a generated model.
// DEFINE: %{init} = %python -c "import onnx,sys;f,*a=sys.argv[1:];m=onnx.load(f);[m.graph.initializer.append(onnx.helper.make_tensor(n,onnx.TensorProto.INT64,[len(v.split(','))],[int(x) for x in v.split(',')])) for n,v in (s.split('=') for s in a)];onnx.save(m,f)"
// DEFINE: %{reshape} = %python -c "import onnx_models as m; m.save(m.single('Reshape', [('x', m.F32, [2, 3, 4]), ('s', m.I64, [2])], [('y', m.F32, None)], opset=14, name='r'), '%t.reshape.onnx')"

// A shape operand computed at run time.
// RUN: not tessera-compile %onnx/node/test_reshape_negative_dim/model.onnx 2>&1 | FileCheck %s --check-prefix=NONCONST
// NONCONST: error: node 'Reshape_0' (op 'Reshape', opset 25): input 1 ('shape') must be a constant (or computable from constants and static shapes)
// NONCONST-NOT: error

// Bad Reshape targets.
// RUN: %{reshape} && %{init} %t.reshape.onnx s=5,-1
// RUN: not tessera-compile %t.reshape.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE1
// RESHAPE1: error: node 'r' (op 'Reshape', opset 14): cannot reshape [2, 3, 4] (24 elements) to [5, -1]
// RUN: %{reshape} && %{init} %t.reshape.onnx s=-1,-1
// RUN: not tessera-compile %t.reshape.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE2
// RESHAPE2: error: node 'r' (op 'Reshape', opset 14): shape [-1, -1] has more than one -1
// RUN: %{reshape} && %{init} %t.reshape.onnx s=5,5
// RUN: not tessera-compile %t.reshape.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE3
// RESHAPE3: error: node 'r' (op 'Reshape', opset 14): cannot reshape [2, 3, 4] (24 elements) to [5, 5] (25 elements)
// RUN: %{reshape} && %{init} %t.reshape.onnx s=6,-3
// RUN: not tessera-compile %t.reshape.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE4
// RESHAPE4: error: node 'r' (op 'Reshape', opset 14): shape [6, -3] has the invalid size -3
// RUN: %python -c "import onnx_models as m; m.save(m.single('Reshape', [('x', m.F32, [2, 3, 4]), ('s', m.I64, [4])], [('y', m.F32, None)], opset=14, name='r'), '%t.rank.onnx')"
// RUN: %{init} %t.rank.onnx s=2,3,4,0
// RUN: not tessera-compile %t.rank.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE5
// RESHAPE5: error: node 'r' (op 'Reshape', opset 14): shape [2, 3, 4, 0] copies dimension 3 (a 0), but the input [2, 3, 4] has rank 3
// RUN: %python -c "import onnx_models as m; m.save(m.single('Reshape', [('x', m.F32, [2, 3, 4]), ('s', m.I64, [2])], [('y', m.F32, None)], opset=14, name='r', allowzero=1), '%t.az.onnx')"
// RUN: %{init} %t.az.onnx s=0,-1
// RUN: not tessera-compile %t.az.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE6
// RESHAPE6: error: node 'r' (op 'Reshape', opset 14): shape [0, -1] has both a -1 and a 0 with allowzero = 1

// Slice with a zero step, repeated axes, or too few ends.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Slice', [('x', m.F32, [4, 5]), ('s', m.I64, [2]), ('e', m.I64, [2]), ('a', m.I64, [2]), ('p', m.I64, [2])], [('y', m.F32, None)], opset=13, name='sl'), '%t.slice.onnx')"
// RUN: %{init} %t.slice.onnx s=0,0 e=4,5 a=0,1 p=1,0
// RUN: not tessera-compile %t.slice.onnx 2>&1 | FileCheck %s --check-prefix=STEP
// STEP: error: node 'sl' (op 'Slice', opset 13): expected non-zero steps, got [1, 0]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Slice', [('x', m.F32, [4, 5]), ('s', m.I64, [2]), ('e', m.I64, [2]), ('a', m.I64, [2])], [('y', m.F32, None)], opset=13, name='sl'), '%t.axes.onnx')"
// RUN: %{init} %t.axes.onnx s=0,0 e=4,5 a=1,-1
// RUN: not tessera-compile %t.axes.onnx 2>&1 | FileCheck %s --check-prefix=AXES
// AXES: error: node 'sl' (op 'Slice', opset 13): axes [1, -1] repeat axis 1
// RUN: %python -c "import onnx_models as m; m.save(m.single('Slice', [('x', m.F32, [4, 5])], [('y', m.F32, None)], opset=9, name='sl', starts=[0, 1], ends=[2]), '%t.v9.onnx')"
// RUN: not tessera-compile %t.v9.onnx 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: error: node 'sl' (op 'Slice', opset 9): expected as many starts, ends, axes and steps, got 2, 1, 2 and 2

// Squeeze of a dimension that is not 1; Unsqueeze axis out of range.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Squeeze', [('x', m.F32, [1, 3])], [('y', m.F32, None)], opset=11, name='sq', axes=[1]), '%t.sq.onnx')"
// RUN: not tessera-compile %t.sq.onnx 2>&1 | FileCheck %s --check-prefix=SQUEEZE
// SQUEEZE: error: node 'sq' (op 'Squeeze', opset 11): cannot squeeze dimension 1 of size 3 of [1, 3]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Unsqueeze', [('x', m.F32, [3])], [('y', m.F32, None)], opset=11, name='unsq', axes=[2]), '%t.unsq.onnx')"
// RUN: not tessera-compile %t.unsq.onnx 2>&1 | FileCheck %s --check-prefix=UNSQUEEZE
// UNSQUEEZE: error: node 'unsq' (op 'Unsqueeze', opset 11): axis 2 is out of range [-2, 2)

// Split sizes that do not add up; an uneven equal split before opset 18.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Split', [('x', m.F32, [5])], [('a', m.F32, None), ('b', m.F32, None)], opset=11, name='sp', split=[2, 2]), '%t.split.onnx')"
// RUN: not tessera-compile %t.split.onnx 2>&1 | FileCheck %s --check-prefix=SPLIT
// SPLIT: error: node 'sp' (op 'Split', opset 11): split [2, 2] sums to 4, but dimension 0 has size 5
// RUN: %python -c "import onnx_models as m; m.save(m.single('Split', [('x', m.F32, [5])], [('a', m.F32, None), ('b', m.F32, None)], opset=13, name='sp'), '%t.uneven.onnx')"
// RUN: not tessera-compile %t.uneven.onnx 2>&1 | FileCheck %s --check-prefix=UNEVEN
// UNEVEN: error: node 'sp' (op 'Split', opset 13): cannot split dimension 0 of size 5 into 2 equal parts

// Expand to an incompatible shape.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Expand', [('x', m.F32, [3, 2]), ('s', m.I64, [2])], [('y', m.F32, None)], opset=13, name='ex'), '%t.expand.onnx')"
// RUN: %{init} %t.expand.onnx s=4,3
// RUN: not tessera-compile %t.expand.onnx 2>&1 | FileCheck %s --check-prefix=EXPAND
// EXPAND: error: node 'ex' (op 'Expand', opset 13): operand shapes [3, 2] and [4, 3] are not broadcast-compatible
// EXPAND-NOT: error

// Concat of mismatched shapes and a bad Transpose perm: the tessera shape
// rule's message, naming the node.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Concat', [('a', m.F32, [2, 3]), ('b', m.F32, [3, 3])], [('y', m.F32, None)], opset=13, name='cat', axis=-1), '%t.concat.onnx')"
// RUN: not tessera-compile %t.concat.onnx 2>&1 | FileCheck %s --check-prefix=CONCAT
// CONCAT: error: node 'cat' (op 'Concat', opset 13): 'tessera.concat' op input 1 has shape [3, 3], which does not match input 0 [2, 3] outside axis 1
// RUN: %python -c "import onnx_models as m; m.save(m.single('Transpose', [('a', m.F32, [2, 3])], [('y', m.F32, None)], opset=13, name='tr', perm=[0, 0]), '%t.perm.onnx')"
// RUN: not tessera-compile %t.perm.onnx 2>&1 | FileCheck %s --check-prefix=PERM
// PERM: error: node 'tr' (op 'Transpose', opset 13): 'tessera.transpose' op expected a permutation of [0, 2), got [0, 0]

// Constant Gather indices out of range.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gather', [('x', m.F32, [4, 2]), ('i', m.I64, [2])], [('y', m.F32, None)], opset=13, name='g'), '%t.gather.onnx')"
// RUN: %{init} %t.gather.onnx i=1,-5
// RUN: not tessera-compile %t.gather.onnx 2>&1 | FileCheck %s --check-prefix=GATHER
// GATHER: error: node 'g' (op 'Gather', opset 13): index -5 (element 1 of the indices) is out of range [-4, 4) of dimension 0

// Tile with the wrong number of repeats; Pad with an unknown mode.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Tile', [('x', m.F32, [4, 2]), ('r', m.I64, [1])], [('y', m.F32, None)], opset=13, name='t'), '%t.tile.onnx')"
// RUN: %{init} %t.tile.onnx r=2
// RUN: not tessera-compile %t.tile.onnx 2>&1 | FileCheck %s --check-prefix=TILE
// TILE: error: node 't' (op 'Tile', opset 13): expected 2 repeats (one per input dimension), got [2]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Pad', [('x', m.F32, [4])], [('y', m.F32, None)], opset=2, name='p', pads=[1, 1], mode='mirror'), '%t.pad.onnx')"
// RUN: not tessera-compile %t.pad.onnx 2>&1 | FileCheck %s --check-prefix=PAD
// PAD: error: node 'p' (op 'Pad', opset 2): unsupported mode 'mirror'

// Flatten axis out of range; sparse constants.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Flatten', [('x', m.F32, [4, 2])], [('y', m.F32, None)], opset=13, name='f', axis=3), '%t.flat.onnx')"
// RUN: not tessera-compile %t.flat.onnx 2>&1 | FileCheck %s --check-prefix=FLATTEN
// FLATTEN: error: node 'f' (op 'Flatten', opset 13): axis 3 is out of range [-2, 2]
// RUN: %python -c "import onnx_models as m, onnx; h=onnx.helper; m.save(m.single('Constant', [], [('y', m.F32, [4])], opset=13, name='c', sparse_value=h.make_sparse_tensor(h.make_tensor('v', m.F32, [1], [1.0]), h.make_tensor('i', m.I64, [1], [2]), [4])), '%t.sparse.onnx')"
// RUN: not tessera-compile %t.sparse.onnx 2>&1 | FileCheck %s --check-prefix=SPARSE
// SPARSE: error: node 'c' (op 'Constant', opset 13): unsupported sparse constant ('sparse_value')
