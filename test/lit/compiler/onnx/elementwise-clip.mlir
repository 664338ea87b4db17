// Clip. Before opset 11 the bounds are float attributes whose defaults are
// the limits of float; since 11 they are optional scalar inputs, an absent
// one unbounded (-inf/+inf, or the integer type's limits), both absent the
// identity.

// RUN: tessera-compile --emit=imported %onnx/node/test_clip/model.onnx | FileCheck %s --check-prefix=BOTH
// BOTH: %[[R:.+]] = tessera.clamp %arg0, %arg1, %arg2 : (tensor<3x4x5xf32>, tensor<f32>, tensor<f32>) -> tensor<3x4x5xf32>
// BOTH-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node/test_clip_default_max/model.onnx | FileCheck %s --check-prefix=NOMIN
// NOMIN: %[[LO:.+]] = tessera.constant dense<0xFF800000> : tensor<f32>
// NOMIN-NEXT: %[[R:.+]] = tessera.clamp %arg0, %[[LO]], %arg1 : (tensor<3x4x5xf32>, tensor<f32>, tensor<f32>) -> tensor<3x4x5xf32>
// NOMIN-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node/test_clip_default_min/model.onnx | FileCheck %s --check-prefix=NOMAX
// NOMAX: %[[HI:.+]] = tessera.constant dense<0x7F800000> : tensor<f32>
// NOMAX-NEXT: %[[R:.+]] = tessera.clamp %arg0, %arg1, %[[HI]] : (tensor<3x4x5xf32>, tensor<f32>, tensor<f32>) -> tensor<3x4x5xf32>
// RUN: tessera-compile --emit=imported %onnx/node/test_clip_default_inbounds/model.onnx | FileCheck %s --check-prefix=NONE
// NONE: func.func @main(%[[X:.+]]: tensor<3xf32> {tessera.name = "x"})
// NONE-NEXT: return %[[X]] : tensor<3xf32>

// Integer bounds: the type's limits stand in for absent ones.
// RUN: %python -c "import onnx_models as m; from onnx import helper as h; g = h.make_graph([h.make_node('Clip', ['x', '', 'hi'], ['y'])], 'g', [h.make_tensor_value_info('x', m.I64, [3]), h.make_tensor_value_info('hi', m.I64, [])], [h.make_tensor_value_info('y', m.I64, [3])]); m.save(h.make_model(g, opset_imports=[h.make_opsetid('', 13)]), '%t.i64.onnx')"
// RUN: tessera-compile --emit=imported %t.i64.onnx | FileCheck %s --check-prefix=I64
// I64: %[[LO:.+]] = tessera.constant dense<-9223372036854775808> : tensor<i64>
// I64-NEXT: %[[R:.+]] = tessera.clamp %arg0, %[[LO]], %arg1 : (tensor<3xi64>, tensor<i64>, tensor<i64>) -> tensor<3xi64>
// RUN: %python -c "import onnx_models as m; i8 = m.TensorProto.INT8; m.save(m.single('Clip', [('x', i8, [3]), ('lo', i8, [])], [('y', i8, [3])], opset=13), '%t.i8.onnx')"
// RUN: tessera-compile --emit=imported %t.i8.onnx | FileCheck %s --check-prefix=I8
// I8: %[[HI:.+]] = tessera.constant dense<127> : tensor<i8>
// I8-NEXT: %[[R:.+]] = tessera.clamp %arg0, %arg1, %[[HI]] : (tensor<3xi8>, tensor<i8>, tensor<i8>) -> tensor<3xi8>

// Attribute bounds (opset 6), in the input's element type; an absent one is
// the float limit (which f16 rounds to infinity).
// RUN: tessera-compile --emit=imported %onnx/pytorch-operator/test_operator_clip/model.onnx | FileCheck %s --check-prefix=ATTRS
// ATTRS: %[[LO:.+]] = tessera.constant dense<-5.000000e-01> : tensor<f32>
// ATTRS-NEXT: %[[HI:.+]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// ATTRS-NEXT: %[[R:.+]] = tessera.clamp %arg0, %[[LO]], %[[HI]] : (tensor<3x4xf32>, tensor<f32>, tensor<f32>) -> tensor<3x4xf32>
// ATTRS-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Clip', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=6), '%t.attr-default.onnx')"
// RUN: tessera-compile --emit=imported %t.attr-default.onnx | FileCheck %s --check-prefix=ATTR-DEFAULT
// ATTR-DEFAULT: %[[LO:.+]] = tessera.constant dense<-3.40282347E+38> : tensor<f32>
// ATTR-DEFAULT-NEXT: %[[HI:.+]] = tessera.constant dense<3.40282347E+38> : tensor<f32>
// ATTR-DEFAULT-NEXT: tessera.clamp %arg0, %[[LO]], %[[HI]]
// RUN: %python -c "import onnx_models as m; f16 = m.TensorProto.FLOAT16; m.save(m.single('Clip', [('x', f16, [3])], [('y', f16, [3])], opset=6, max=2.0), '%t.attr-f16.onnx')"
// RUN: tessera-compile --emit=imported %t.attr-f16.onnx | FileCheck %s --check-prefix=ATTR-F16
// ATTR-F16: %[[LO:.+]] = tessera.constant dense<0xFC00> : tensor<f16>
// ATTR-F16-NEXT: %[[HI:.+]] = tessera.constant dense<2.000000e+00> : tensor<f16>
// ATTR-F16-NEXT: tessera.clamp %arg0, %[[LO]], %[[HI]] : (tensor<3xf16>, tensor<f16>, tensor<f16>) -> tensor<3xf16>

// Errors.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Clip', [('x', m.I64, [3])], [('y', m.I64, [3])], opset=6, name='c'), '%t.int6.onnx')"
// RUN: not tessera-compile --emit=imported %t.int6.onnx 2>&1 | FileCheck %s --check-prefix=INT6
// INT6: error: node 'c' (op 'Clip', opset 6): expected a floating-point input before opset 11, got 'i64'
// RUN: %python -c "import onnx_models as m; m.save(m.single('Clip', [('x', m.F32, [3]), ('lo', m.F32, [2])], [('y', m.F32, [3])], opset=13, name='c'), '%t.bad-bound.onnx')"
// RUN: not tessera-compile --emit=imported %t.bad-bound.onnx 2>&1 | FileCheck %s --check-prefix=BADBOUND
// BADBOUND: error: node 'c' (op 'Clip', opset 13): 'tessera.clamp' op bound shape [2] does not broadcast to the input shape [3]
