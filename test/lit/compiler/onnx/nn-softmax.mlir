// Softmax and LogSoftmax: from opset 13 along one axis (default -1); before,
// over all dimensions from `axis` (default 1) on, through a reshape to 2-D
// unless at most one of those dimensions is not 1.

// RUN: tessera-compile --emit=imported %onnx/node/test_softmax_axis_0/model.onnx | FileCheck %s --check-prefix=AXIS0
// AXIS0: func.func @main(%[[X:[^:]+]]: tensor<3x4x5xf32>
// AXIS0-NEXT: %[[Y:.+]] = tessera.softmax %[[X]] axis = 0 : tensor<3x4x5xf32>
// AXIS0-NEXT: return %[[Y]]
// RUN: tessera-compile --emit=imported %onnx/node/test_softmax_default_axis/model.onnx | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: tessera.softmax %arg0 axis = 2 : tensor<3x4x5xf32>
// RUN: tessera-compile --emit=imported %onnx/node/test_softmax_negative_axis/model.onnx | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: tessera.softmax %arg0 axis = 2 : tensor<3x4x5xf32>
// RUN: tessera-compile --emit=imported %onnx/node/test_logsoftmax_axis_1/model.onnx | FileCheck %s --check-prefix=LOG
// LOG: tessera.log_softmax %arg0 axis = 1 : tensor<3x4x5xf32>

// Opset 6, 2-D: nothing to coerce.
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_Softmax/model.onnx | FileCheck %s --check-prefix=TORCH
// TORCH: tessera.softmax %arg0 axis = 1 : tensor<10x20xf32>

// Opset 11 over dimensions 1 and 2 of [2, 3, 4]: softmax of [2, 12].
// RUN: %python -c "import onnx_models as m; m.save(m.single('Softmax', [('x', m.F32, [2, 3, 4])], [('y', m.F32, [2, 3, 4])], opset=11, name='s'), '%t.coerce.onnx')"
// RUN: tessera-compile --emit=imported %t.coerce.onnx | FileCheck %s --check-prefix=COERCE
// COERCE: %[[FLAT:.+]] = tessera.reshape %arg0 : tensor<2x3x4xf32> to tensor<2x12xf32>
// COERCE-NEXT: %[[S:.+]] = tessera.softmax %[[FLAT]] axis = 1 : tensor<2x12xf32>
// COERCE-NEXT: %[[Y:.+]] = tessera.reshape %[[S]] : tensor<2x12xf32> to tensor<2x3x4xf32>
// COERCE-NEXT: return %[[Y]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('LogSoftmax', [('x', m.F32, [2, 3, 4])], [('y', m.F32, [2, 3, 4])], opset=11, name='s', axis=-3), '%t.all.onnx')"
// RUN: tessera-compile --emit=imported %t.all.onnx | FileCheck %s --check-prefix=ALL
// ALL: %[[FLAT:.+]] = tessera.reshape %arg0 : tensor<2x3x4xf32> to tensor<1x24xf32>
// ALL-NEXT: %[[S:.+]] = tessera.log_softmax %[[FLAT]] axis = 1 : tensor<1x24xf32>
// ALL-NEXT: tessera.reshape %[[S]] : tensor<1x24xf32> to tensor<2x3x4xf32>

// Opset 9 over [1000, 1, 1] (SqueezeNet's classifier): along the 1000.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Softmax', [('x', m.F32, [1, 1000, 1, 1])], [('y', m.F32, [1, 1000, 1, 1])], opset=9, name='s'), '%t.unit.onnx')"
// RUN: tessera-compile --emit=imported %t.unit.onnx | FileCheck %s --check-prefix=UNIT
// UNIT: %[[Y:.+]] = tessera.softmax %arg0 axis = 1 : tensor<1x1000x1x1xf32>
// UNIT-NEXT: return %[[Y]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Softmax', [('x', m.F32, [2, 1, 5, 1])], [('y', m.F32, [2, 1, 5, 1])], opset=12, name='s'), '%t.inner.onnx')"
// RUN: tessera-compile --emit=imported %t.inner.onnx | FileCheck %s --check-prefix=INNER
// INNER: %[[Y:.+]] = tessera.softmax %arg0 axis = 2 : tensor<2x1x5x1xf32>
// INNER-NEXT: return %[[Y]]

// RUN: %python -c "import onnx_models as m; m.save(m.single('Softmax', [('x', m.F32, [2, 3])], [('y', m.F32, [2, 3])], opset=13, name='s', axis=2), '%t.axis.onnx')"
// RUN: not tessera-compile --emit=imported %t.axis.onnx 2>&1 | FileCheck %s --check-prefix=BAD-AXIS
// BAD-AXIS: error: node 's' (op 'Softmax', opset 13): expected axis in [-2, 2), got 2
