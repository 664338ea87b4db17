// Logic, bitwise, comparison, Where, IsNaN and IsInf.

// Not/And/Or/Xor on bool, broadcasting.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_not_4d/model.onnx | FileCheck %s --check-prefix=NOT
// NOT: %[[R:.+]] = tessera.not %arg0 : tensor<3x4x5x6xi1>
// NOT-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; [m.save(m.single(op, [('a', m.BOOL, [3, 4]), ('b', m.BOOL, [4])], [('y', m.BOOL, [3, 4])], opset=7), '%t.' + op + '.onnx') for op in ['And', 'Or', 'Xor']]"
// RUN: tessera-compile --emit=imported %t.And.onnx | FileCheck %s --check-prefix=AND
// RUN: tessera-compile --emit=imported %t.Or.onnx | FileCheck %s --check-prefix=OR
// RUN: tessera-compile --emit=imported %t.Xor.onnx | FileCheck %s --check-prefix=XOR
// AND: %[[R:.+]] = tessera.and %arg0, %arg1 : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
// AND-NEXT: return %[[R]]
// OR: %[[R:.+]] = tessera.or %arg0, %arg1 : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
// OR-NEXT: return %[[R]]
// XOR: %[[R:.+]] = tessera.xor %arg0, %arg1 : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
// XOR-NEXT: return %[[R]]

// Bitwise* (opset 18) are the same tessera ops on integers.
// RUN: %python -c "import onnx_models as m; i32 = m.TensorProto.INT32; [m.save(m.single(op, [('a', i32, [3, 4]), ('b', i32, [4])], [('y', i32, [3, 4])], opset=18), '%t.' + op + '.onnx') for op in ['BitwiseAnd', 'BitwiseOr', 'BitwiseXor']]"
// RUN: %python -c "import onnx_models as m; i8 = m.TensorProto.INT8; m.save(m.single('BitwiseNot', [('a', i8, [3])], [('y', i8, [3])], opset=18), '%t.BitwiseNot.onnx')"
// RUN: tessera-compile --emit=imported %t.BitwiseAnd.onnx | FileCheck %s --check-prefix=BAND
// RUN: tessera-compile --emit=imported %t.BitwiseOr.onnx | FileCheck %s --check-prefix=BOR
// RUN: tessera-compile --emit=imported %t.BitwiseXor.onnx | FileCheck %s --check-prefix=BXOR
// RUN: tessera-compile --emit=imported %t.BitwiseNot.onnx | FileCheck %s --check-prefix=BNOT
// BAND: %[[R:.+]] = tessera.and %arg0, %arg1 : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3x4xi32>
// BOR: %[[R:.+]] = tessera.or %arg0, %arg1 : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3x4xi32>
// BXOR: %[[R:.+]] = tessera.xor %arg0, %arg1 : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3x4xi32>
// BNOT: %[[R:.+]] = tessera.not %arg0 : tensor<3xi8>

// Comparisons give i1.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_equal_bcast/model.onnx | FileCheck %s --check-prefix=EQ
// EQ: %[[R:.+]] = tessera.compare eq, %arg0, %arg1 : (tensor<3x4x5xi32>, tensor<5xi32>) -> tensor<3x4x5xi1>
// EQ-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_less_bcast/model.onnx | FileCheck %s --check-prefix=LT
// LT: %[[R:.+]] = tessera.compare lt, %arg0, %arg1 : (tensor<3x4x5xf32>, tensor<5xf32>) -> tensor<3x4x5xi1>
// LT-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_greater/model.onnx | FileCheck %s --check-prefix=GT
// GT: %[[R:.+]] = tessera.compare gt, %arg0, %arg1 : (tensor<3x4x5xf32>, tensor<3x4x5xf32>) -> tensor<3x4x5xi1>
// GT-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; [m.save(m.single(op, [('a', m.F32, [2, 3]), ('b', m.F32, [])], [('y', m.BOOL, [2, 3])], opset=16), '%t.' + op + '.onnx') for op in ['LessOrEqual', 'GreaterOrEqual']]"
// RUN: tessera-compile --emit=imported %t.LessOrEqual.onnx | FileCheck %s --check-prefix=LE
// RUN: tessera-compile --emit=imported %t.GreaterOrEqual.onnx | FileCheck %s --check-prefix=GE
// LE: %[[R:.+]] = tessera.compare le, %arg0, %arg1 : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
// LE-NEXT: return %[[R]]
// GE: %[[R:.+]] = tessera.compare ge, %arg0, %arg1 : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
// GE-NEXT: return %[[R]]

// Where is select.
// RUN: tessera-compile --emit=imported %onnx/node/test_where_long_example/model.onnx | FileCheck %s --check-prefix=WHERE
// WHERE: %[[R:.+]] = tessera.select %arg0, %arg1, %arg2 : (tensor<2x2xi1>, tensor<2x2xi64>, tensor<2x2xi64>) -> tensor<2x2xi64>
// WHERE-NEXT: return %[[R]]

// IsNaN; IsInf keeps detect_positive/detect_negative (default 1 each).
// RUN: %python -c "import onnx_models as m; m.save(m.single('IsNaN', [('x', m.TensorProto.FLOAT16, [4])], [('y', m.BOOL, [4])], opset=20), '%t.isnan.onnx')"
// RUN: tessera-compile --emit=imported %t.isnan.onnx | FileCheck %s --check-prefix=ISNAN
// ISNAN: %[[R:.+]] = tessera.is_nan %arg0 : (tensor<4xf16>) -> tensor<4xi1>
// ISNAN-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('IsInf', [('x', m.F32, [4])], [('y', m.BOOL, [4])], opset=20), '%t.isinf.onnx')"
// RUN: %python -c "import onnx_models as m; m.save(m.single('IsInf', [('x', m.F32, [4])], [('y', m.BOOL, [4])], opset=20, detect_positive=0), '%t.isinf-neg.onnx')"
// RUN: %python -c "import onnx_models as m; m.save(m.single('IsInf', [('x', m.TensorProto.DOUBLE, [4])], [('y', m.BOOL, [4])], opset=10, detect_negative=0), '%t.isinf-pos.onnx')"
// RUN: tessera-compile --emit=imported %t.isinf.onnx | FileCheck %s --check-prefix=ISINF
// RUN: tessera-compile --emit=imported %t.isinf-neg.onnx | FileCheck %s --check-prefix=ISINF-NEG
// RUN: tessera-compile --emit=imported %t.isinf-pos.onnx | FileCheck %s --check-prefix=ISINF-POS
// ISINF: %[[R:.+]] = tessera.is_inf %arg0 : (tensor<4xf32>) -> tensor<4xi1>
// ISINF-NEXT: return %[[R]]
// ISINF-NEG: tessera.is_inf %arg0 {detect_positive = false} : (tensor<4xf32>) -> tensor<4xi1>
// ISINF-POS: tessera.is_inf %arg0 {detect_negative = false} : (tensor<4xf64>) -> tensor<4xi1>

// Errors come from the ops' own shape and type rules, naming the node.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Equal', [('a', m.I64, [2]), ('b', m.I64, [3])], [('y', m.BOOL, [2])], opset=13, name='e'), '%t.eq-bad.onnx')"
// RUN: not tessera-compile --emit=imported %t.eq-bad.onnx 2>&1 | FileCheck %s --check-prefix=EQ-BAD
// EQ-BAD: error: node 'e' (op 'Equal', opset 13): 'tessera.compare' op operand shapes [2] and [3] are not broadcast-compatible
// RUN: %python -c "import onnx_models as m; m.save(m.single('Where', [('c', m.BOOL, [2, 1]), ('a', m.F32, [3]), ('b', m.I64, [3])], [('y', m.F32, [2, 3])], opset=16, name='w'), '%t.where-bad.onnx')"
// RUN: not tessera-compile --emit=imported %t.where-bad.onnx 2>&1 | FileCheck %s --check-prefix=WHERE-BAD
// WHERE-BAD: error: node 'w' (op 'Where', opset 16): 'tessera.select' op expected true and false values of the same element type, got 'f32' and 'i64'
