// Cast (the `to` attribute: an integer, or a type name in Cast-1) and
// CastLike (the element type of input 1). A cast to the same type vanishes;
// `saturate` only concerns float8 and is ignored.

// RUN: tessera-compile --emit=imported %onnx/node/test_cast_DOUBLE_to_FLOAT16/model.onnx | FileCheck %s --check-prefix=F64-F16
// F64-F16: %[[R:.+]] = tessera.cast %arg0 : tensor<3x4xf64> to tensor<3x4xf16>
// F64-F16-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node/test_cast_FLOAT_to_BFLOAT16/model.onnx | FileCheck %s --check-prefix=F32-BF16
// F32-BF16: %[[R:.+]] = tessera.cast %arg0 : tensor<3x4xf32> to tensor<3x4xbf16>
// F32-BF16-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_castlike_BFLOAT16_to_FLOAT/model.onnx | FileCheck %s --check-prefix=LIKE
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_castlike_BFLOAT16_to_FLOAT_expanded/model.onnx | FileCheck %s --check-prefix=LIKE
// LIKE: func.func @main(%[[X:.+]]: tensor<3x4xbf16> {tessera.name = "input"}, %{{.+}}: tensor<0xf32> {tessera.name = "like"})
// LIKE-NEXT: %[[R:.+]] = tessera.cast %[[X]] : tensor<3x4xbf16> to tensor<3x4xf32>
// LIKE-NEXT: return %[[R]]

// Cast-1 names the type; to bool and to integers; to the same type.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.TensorProto.FLOAT16, [3])], opset=1, to='FLOAT16'), '%t.cast1.onnx')"
// RUN: tessera-compile --emit=imported %t.cast1.onnx | FileCheck %s --check-prefix=CAST1
// CAST1: %[[R:.+]] = tessera.cast %arg0 : tensor<3xf32> to tensor<3xf16>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.BOOL, [3])], opset=13, to=m.BOOL), '%t.bool.onnx')"
// RUN: tessera-compile --emit=imported %t.bool.onnx | FileCheck %s --check-prefix=BOOL
// BOOL: %[[R:.+]] = tessera.cast %arg0 : tensor<3xf32> to tensor<3xi1>
// RUN: %python -c "import onnx_models as m; m.save(m.single('CastLike', [('x', m.I64, [3]), ('t', m.TensorProto.FLOAT16, [])], [('y', m.TensorProto.FLOAT16, [3])], opset=15), '%t.like-int.onnx')"
// RUN: tessera-compile --emit=imported %t.like-int.onnx | FileCheck %s --check-prefix=LIKE-INT
// LIKE-INT: %[[R:.+]] = tessera.cast %arg0 : tensor<3xi64> to tensor<3xf16>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.TensorProto.FLOAT16, [3])], opset=19, to=m.TensorProto.FLOAT16, saturate=0), '%t.saturate.onnx')"
// RUN: tessera-compile --emit=imported %t.saturate.onnx | FileCheck %s --check-prefix=SATURATE
// SATURATE: %[[R:.+]] = tessera.cast %arg0 : tensor<3xf32> to tensor<3xf16>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=13, to=m.F32), '%t.same.onnx')"
// RUN: tessera-compile --emit=imported %t.same.onnx | FileCheck %s --check-prefix=SAME
// SAME: func.func @main(%[[X:.+]]: tensor<3xf32> {tessera.name = "x"})
// SAME-NEXT: return %[[X]] : tensor<3xf32>

// Targets Tessera lacks are unsupported, named like ONNX names them.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.UINT8, [3])], opset=13, to=m.UINT8, name='c'), '%t.uint8.onnx')"
// RUN: not tessera-compile --emit=imported %t.uint8.onnx 2>&1 | FileCheck %s --check-prefix=UINT8
// UINT8: error: node 'c' (op 'Cast', opset 13): unsupported cast to UINT8
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.TensorProto.STRING, [3])], opset=13, to=m.TensorProto.STRING, name='c'), '%t.string.onnx')"
// RUN: not tessera-compile --emit=imported %t.string.onnx 2>&1 | FileCheck %s --check-prefix=STRING
// STRING: error: node 'c' (op 'Cast', opset 13): unsupported cast to STRING
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=19, to=17, saturate=0, name='c'), '%t.float8.onnx')"
// RUN: not tessera-compile --emit=imported %t.float8.onnx 2>&1 | FileCheck %s --check-prefix=FLOAT8
// FLOAT8: error: node 'c' (op 'Cast', opset 19): unsupported cast to FLOAT8E4M3FN
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=1, to='FLOAT17', name='c'), '%t.badname.onnx')"
// RUN: not tessera-compile --emit=imported %t.badname.onnx 2>&1 | FileCheck %s --check-prefix=BADNAME
// BADNAME: error: node 'c' (op 'Cast', opset 1): unsupported cast to 'FLOAT17'
// RUN: %python -c "import onnx_models as m; m.save(m.single('Cast', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=13, name='c'), '%t.noto.onnx')"
// RUN: not tessera-compile --emit=imported %t.noto.onnx 2>&1 | FileCheck %s --check-prefix=NOTO
// NOTO: error: node 'c' (op 'Cast', opset 13): missing attribute 'to'
