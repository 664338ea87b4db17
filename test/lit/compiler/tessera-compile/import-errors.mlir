// Bad models get one diagnostic on stderr, nothing on stdout, and exit 1.

// Unreadable file.
// RUN: not tessera-compile %t.missing.onnx > %t.out 2> %t.err
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=MISSING < %t.err
// MISSING: tessera-compile: error: {{.*}}missing.onnx: cannot read: No such file or directory

// Not a protobuf / truncated.
// RUN: echo garbage > %t.garbage.onnx
// RUN: not tessera-compile %t.garbage.onnx 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: tessera-compile: error: {{.*}}garbage.onnx: not a valid ONNX model (the protobuf data is truncated or corrupt)
// RUN: head -c 60 %onnx/node/test_add/model.onnx > %t.trunc.onnx
// RUN: not tessera-compile %t.trunc.onnx 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: tessera-compile: error: {{.*}}trunc.onnx: not a valid ONNX model (the protobuf data is truncated or corrupt)

// Unsupported operator: names the node, the op and the opset.
// RUN: %python -c "import onnx_models as m; m.save(m.single('NoSuchOp', [('x', m.F32, [2])], [('y', m.F32, [2])], opset=13, name='weird'), '%t.op.onnx')"
// RUN: not tessera-compile %t.op.onnx 2>&1 | FileCheck %s --check-prefix=OP
// OP: tessera-compile: error: node 'weird' (op 'NoSuchOp', opset 13): unsupported operator
// OP-NOT: error

// Unsupported element type of an input.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Relu', [('x', m.UINT8, [2])], [('y', m.UINT8, [2])]), '%t.dtype.onnx')"
// RUN: not tessera-compile %t.dtype.onnx 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: tessera-compile: error: input 'x': unsupported element type UINT8
// Types newer than the ONNX 1.12 schema (17 to 26) have their names too.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Relu', [('x', 19, [2])], [('y', 19, [2])]), '%t.float8.onnx')"
// RUN: not tessera-compile %t.float8.onnx 2>&1 | FileCheck %s --check-prefix=DTYPE-FLOAT8
// DTYPE-FLOAT8: tessera-compile: error: input 'x': unsupported element type FLOAT8E5M2
// RUN: %python -c "import onnx_models as m; m.save(m.single('Relu', [('x', 26, [2])], [('y', 26, [2])]), '%t.int2.onnx')"
// RUN: not tessera-compile %t.int2.onnx 2>&1 | FileCheck %s --check-prefix=DTYPE-INT2
// DTYPE-INT2: tessera-compile: error: input 'x': unsupported element type INT2
// RUN: %python -c "import onnx_models as m; m.save(m.single('Relu', [('x', 27, [2])], [('y', 27, [2])]), '%t.unknown.onnx')"
// RUN: not tessera-compile %t.unknown.onnx 2>&1 | FileCheck %s --check-prefix=DTYPE-UNKNOWN
// DTYPE-UNKNOWN: tessera-compile: error: input 'x': unsupported element type data type 27

// Symbolic dimension without --input-shape, then fixed with it.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Relu', [('x', m.F32, ['N', 3])], [('y', m.F32, ['N', 3])]), '%t.sym.onnx')"
// RUN: not tessera-compile %t.sym.onnx 2>&1 | FileCheck %s --check-prefix=SYM
// SYM: tessera-compile: error: input 'x' has symbolic dimension 'N' (dimension 0); fix it with --input-shape x=DIMS
// RUN: tessera-compile %t.sym.onnx --input-shape x=4x3 | FileCheck %s --check-prefix=FIXED
// FIXED: func.func @main(%arg0: tensor<4x3xf32> {tessera.name = "x"}) -> (tensor<4x3xf32> {tessera.name = "y"})
// RUN: not tessera-compile %t.sym.onnx --input-shape x=4x2 2>&1 | FileCheck %s --check-prefix=CONFLICT
// CONFLICT: tessera-compile: error: --input-shape x=4x2 conflicts with the declared dimension 1 of size 3
// RUN: not tessera-compile %t.sym.onnx --input-shape z=4 2>&1 | FileCheck %s --check-prefix=NOINPUT
// NOINPUT: tessera-compile: error: --input-shape names 'z', which is not an input of the model

// Bad usage exits 2.
// RUN: tessera-compile %t.sym.onnx --input-shape x4 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=USAGE < %t.err
// USAGE: tessera-compile: bad --input-shape 'x4', expected NAME=DIMS such as x=1x3x224x224

// Inconsistent shapes: the declared output shape disagrees.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Add', [('a', m.F32, [2, 3]), ('b', m.F32, [3])], [('c', m.F32, [2, 4])], name='sum'), '%t.shape.onnx')"
// RUN: not tessera-compile %t.shape.onnx 2>&1 | FileCheck %s --check-prefix=OUTSHAPE
// OUTSHAPE: tessera-compile: error: output 'c' is declared with shape 2x4 but computes shape 2x3

// Inconsistent shapes inside the graph: one error naming the node.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Add', [('a', m.F32, [2, 3]), ('b', m.F32, [4])], [('c', m.F32, [2, 3])], name='bad_add'), '%t.bcast.onnx')"
// RUN: not tessera-compile %t.bcast.onnx 2>&1 | FileCheck %s --check-prefix=BCAST
// BCAST: tessera-compile: error: node 'bad_add' (op 'Add', opset 17): 'tessera.add' op operand shapes [2, 3] and [4] are not broadcast-compatible
// BCAST-NOT: error
