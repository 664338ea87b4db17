// Activations: Gelu maps onto tessera.gelu; the others decompose into
// elementwise ops on rank-0 constants of the input's element type (one
// constant per value, unused ones removed).

// LeakyRelu: x < 0 ? alpha * x : x (NaN stays NaN: the compare is false).
// RUN: tessera-compile --emit=imported %onnx/node/test_leakyrelu/model.onnx | FileCheck %s --check-prefix=LEAKY
// LEAKY: %[[A:.+]] = tessera.constant dense<1.000000e-01> : tensor<f32>
// LEAKY-NEXT: %[[AX:.+]] = tessera.mul %arg0, %[[A]] : (tensor<3x4x5xf32>, tensor<f32>) -> tensor<3x4x5xf32>
// LEAKY-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// LEAKY-NEXT: %[[NEG:.+]] = tessera.compare lt, %arg0, %[[Z]] : (tensor<3x4x5xf32>, tensor<f32>) -> tensor<3x4x5xi1>
// LEAKY-NEXT: %[[R:.+]] = tessera.select %[[NEG]], %[[AX]], %arg0 : (tensor<3x4x5xi1>, tensor<3x4x5xf32>, tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
// LEAKY-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node/test_leakyrelu_default/model.onnx | FileCheck %s --check-prefix=LEAKY-DEFAULT
// LEAKY-DEFAULT: tessera.constant dense<0.00999999977> : tensor<f32>

// PRelu: the slope broadcasts to x; before opset 7 a 1-D slope is per channel.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_prelu_broadcast/model.onnx | FileCheck %s --check-prefix=PRELU
// PRELU: %[[SX:.+]] = tessera.mul %arg0, %arg1 : (tensor<3x4x5xf32>, tensor<5xf32>) -> tensor<3x4x5xf32>
// PRELU-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// PRELU-NEXT: %[[NEG:.+]] = tessera.compare lt, %arg0, %[[Z]] : (tensor<3x4x5xf32>, tensor<f32>) -> tensor<3x4x5xi1>
// PRELU-NEXT: %[[R:.+]] = tessera.select %[[NEG]], %[[SX]], %arg0 : (tensor<3x4x5xi1>, tensor<3x4x5xf32>, tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
// PRELU-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_PReLU_3d_multiparam/model.onnx | FileCheck %s --check-prefix=PRELU-CHANNEL
// PRELU-CHANNEL: %[[S:.+]] = tessera.constant dense<2.500000e-01> : tensor<3x1x1x1xf32>
// PRELU-CHANNEL-NEXT: tessera.mul %arg0, %[[S]] : (tensor<2x3x4x5x6xf32>, tensor<3x1x1x1xf32>) -> tensor<2x3x4x5x6xf32>
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_PReLU_2d/model.onnx | FileCheck %s --check-prefix=PRELU-SHARED
// PRELU-SHARED: tessera.mul %arg0, %{{.+}} : (tensor<2x3x4x5xf32>, tensor<1xf32>) -> tensor<2x3x4x5xf32>

// Elu: x < 0 ? alpha * (exp(x) - 1) : x.
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_ELU/model.onnx | FileCheck %s --check-prefix=ELU
// ELU: %[[E:.+]] = tessera.exp %arg0 : tensor<3x2x5xf32>
// ELU-NEXT: %[[ONE:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// ELU-NEXT: %[[EM1:.+]] = tessera.sub %[[E]], %[[ONE]] : (tensor<3x2x5xf32>, tensor<f32>) -> tensor<3x2x5xf32>
// ELU-NEXT: %[[A:.+]] = tessera.constant dense<2.000000e+00> : tensor<f32>
// ELU-NEXT: %[[NEGV:.+]] = tessera.mul %[[EM1]], %[[A]] : (tensor<3x2x5xf32>, tensor<f32>) -> tensor<3x2x5xf32>
// ELU-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// ELU-NEXT: %[[NEG:.+]] = tessera.compare lt, %arg0, %[[Z]]
// ELU-NEXT: %[[R:.+]] = tessera.select %[[NEG]], %[[NEGV]], %arg0
// ELU-NEXT: return %[[R]]

// Selu: gamma * (x > 0 ? x : alpha * exp(x) - alpha), default alpha/gamma.
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_SELU/model.onnx | FileCheck %s --check-prefix=SELU
// SELU: %[[E:.+]] = tessera.exp %arg0 : tensor<3x2x5xf32>
// SELU-NEXT: %[[A:.+]] = tessera.constant dense<1.67326319> : tensor<f32>
// SELU-NEXT: %[[AE:.+]] = tessera.mul %[[E]], %[[A]]
// SELU-NEXT: %[[NEGV:.+]] = tessera.sub %[[AE]], %[[A]]
// SELU-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// SELU-NEXT: %[[POS:.+]] = tessera.compare gt, %arg0, %[[Z]]
// SELU-NEXT: %[[S:.+]] = tessera.select %[[POS]], %arg0, %[[NEGV]]
// SELU-NEXT: %[[G:.+]] = tessera.constant dense<1.05070102> : tensor<f32>
// SELU-NEXT: %[[R:.+]] = tessera.mul %[[S]], %[[G]] : (tensor<3x2x5xf32>, tensor<f32>) -> tensor<3x2x5xf32>
// SELU-NEXT: return %[[R]]

// Celu: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).
// RUN: %python -c "import onnx_models as m; m.save(m.single('Celu', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=12, alpha=2.0), '%t.celu.onnx')"
// RUN: tessera-compile --emit=imported %t.celu.onnx | FileCheck %s --check-prefix=CELU
// CELU: %[[A:.+]] = tessera.constant dense<2.000000e+00> : tensor<f32>
// CELU-NEXT: %[[D:.+]] = tessera.div %arg0, %[[A]]
// CELU-NEXT: %[[E:.+]] = tessera.exp %[[D]]
// CELU-NEXT: %[[ONE:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// CELU-NEXT: %[[EM1:.+]] = tessera.sub %[[E]], %[[ONE]]
// CELU-NEXT: %[[M:.+]] = tessera.mul %[[EM1]], %[[A]]
// CELU-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// CELU-NEXT: %[[NEGV:.+]] = tessera.min %[[M]], %[[Z]]
// CELU-NEXT: %[[POSV:.+]] = tessera.relu %arg0
// CELU-NEXT: %[[R:.+]] = tessera.add %[[POSV]], %[[NEGV]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CELU-NEXT: return %[[R]]

// HardSigmoid: clamp(alpha * x + beta, 0, 1); HardSwish: x * HardSigmoid(1/6, 0.5).
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_hardsigmoid/model.onnx | FileCheck %s --check-prefix=HSIG
// HSIG: %[[A:.+]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// HSIG-NEXT: %[[AX:.+]] = tessera.mul %arg0, %[[A]]
// HSIG-NEXT: %[[B:.+]] = tessera.constant dense<6.000000e-01> : tensor<f32>
// HSIG-NEXT: %[[V:.+]] = tessera.add %[[AX]], %[[B]]
// HSIG-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// HSIG-NEXT: %[[ONE:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// HSIG-NEXT: %[[R:.+]] = tessera.clamp %[[V]], %[[Z]], %[[ONE]] : (tensor<3x4x5xf32>, tensor<f32>, tensor<f32>) -> tensor<3x4x5xf32>
// HSIG-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_hardsigmoid_default/model.onnx | FileCheck %s --check-prefix=HSIG-DEFAULT
// HSIG-DEFAULT: tessera.constant dense<2.000000e-01> : tensor<f32>
// HSIG-DEFAULT: tessera.constant dense<5.000000e-01> : tensor<f32>
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_hardswish/model.onnx | FileCheck %s --check-prefix=HSWISH
// HSWISH: %[[A:.+]] = tessera.constant dense<0.166666672> : tensor<f32>
// HSWISH-NEXT: %[[AX:.+]] = tessera.mul %arg0, %[[A]]
// HSWISH-NEXT: %[[B:.+]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// HSWISH-NEXT: %[[V:.+]] = tessera.add %[[AX]], %[[B]]
// HSWISH-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// HSWISH-NEXT: %[[ONE:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// HSWISH-NEXT: %[[G:.+]] = tessera.clamp %[[V]], %[[Z]], %[[ONE]]
// HSWISH-NEXT: %[[R:.+]] = tessera.mul %arg0, %[[G]] : (tensor<3x4x5xf32>, tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
// HSWISH-NEXT: return %[[R]]

// Softplus: relu(x) + log(1 + exp(-|x|)) (no overflow for large x); Mish
// is x * tanh(softplus(x)); Softsign x / (1 + |x|).
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_softplus/model.onnx | FileCheck %s --check-prefix=SOFTPLUS
// SOFTPLUS: %[[ABS:.+]] = tessera.abs %arg0 : tensor<3x4x5xf32>
// SOFTPLUS-NEXT: %[[NABS:.+]] = tessera.neg %[[ABS]]
// SOFTPLUS-NEXT: %[[E:.+]] = tessera.exp %[[NABS]]
// SOFTPLUS-NEXT: %[[ONE:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// SOFTPLUS-NEXT: %[[E1:.+]] = tessera.add %[[E]], %[[ONE]]
// SOFTPLUS-NEXT: %[[L:.+]] = tessera.log %[[E1]]
// SOFTPLUS-NEXT: %[[P:.+]] = tessera.relu %arg0
// SOFTPLUS-NEXT: %[[R:.+]] = tessera.add %[[P]], %[[L]] : (tensor<3x4x5xf32>, tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
// SOFTPLUS-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Mish', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=18), '%t.mish.onnx')"
// RUN: tessera-compile --emit=imported %t.mish.onnx | FileCheck %s --check-prefix=MISH
// MISH: %[[SP:.+]] = tessera.add %{{.+}}, %{{.+}} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// MISH-NEXT: %[[T:.+]] = tessera.tanh %[[SP]]
// MISH-NEXT: %[[R:.+]] = tessera.mul %arg0, %[[T]]
// MISH-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Softsign', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=22), '%t.softsign.onnx')"
// RUN: tessera-compile --emit=imported %t.softsign.onnx | FileCheck %s --check-prefix=SOFTSIGN
// SOFTSIGN: %[[ABS:.+]] = tessera.abs %arg0
// SOFTSIGN-NEXT: %[[ONE:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// SOFTSIGN-NEXT: %[[D:.+]] = tessera.add %[[ABS]], %[[ONE]]
// SOFTSIGN-NEXT: %[[R:.+]] = tessera.div %arg0, %[[D]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// SOFTSIGN-NEXT: return %[[R]]

// Swish (opset 24): x * sigmoid(alpha * x); alpha = 1 folds away.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_swish/model.onnx | FileCheck %s --check-prefix=SWISH
// SWISH-NOT: tessera.constant
// SWISH: %[[S:.+]] = tessera.sigmoid %arg0 : tensor<3xf32>
// SWISH-NEXT: %[[R:.+]] = tessera.mul %arg0, %[[S]]
// SWISH-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; f16 = m.TensorProto.FLOAT16; m.save(m.single('Swish', [('x', f16, [3])], [('y', f16, [3])], opset=24, alpha=0.5), '%t.swish.onnx')"
// RUN: tessera-compile --emit=imported %t.swish.onnx | FileCheck %s --check-prefix=SWISH-ALPHA
// SWISH-ALPHA: %[[A:.+]] = tessera.constant dense<5.000000e-01> : tensor<f16>
// SWISH-ALPHA-NEXT: %[[AX:.+]] = tessera.mul %arg0, %[[A]] : (tensor<3xf16>, tensor<f16>) -> tensor<3xf16>
// SWISH-ALPHA-NEXT: %[[S:.+]] = tessera.sigmoid %[[AX]] : tensor<3xf16>
// SWISH-ALPHA-NEXT: %[[R:.+]] = tessera.mul %arg0, %[[S]]

// ThresholdedRelu: x > alpha ? x : 0.
// RUN: %python -c "import onnx_models as m; m.save(m.single('ThresholdedRelu', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=10, alpha=2.0), '%t.trelu.onnx')"
// RUN: tessera-compile --emit=imported %t.trelu.onnx | FileCheck %s --check-prefix=TRELU
// TRELU: %[[A:.+]] = tessera.constant dense<2.000000e+00> : tensor<f32>
// TRELU-NEXT: %[[GT:.+]] = tessera.compare gt, %arg0, %[[A]]
// TRELU-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// TRELU-NEXT: %[[R:.+]] = tessera.select %[[GT]], %arg0, %[[Z]] : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// TRELU-NEXT: return %[[R]]

// Shrink: x < -lambd ? x + bias : (x > lambd ? x - bias : 0); integers
// compute in f64 and truncate back.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Shrink', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=9, lambd=1.5, bias=0.5), '%t.shrink.onnx')"
// RUN: tessera-compile --emit=imported %t.shrink.onnx | FileCheck %s --check-prefix=SHRINK
// SHRINK: %[[L:.+]] = tessera.constant dense<1.500000e+00> : tensor<f32>
// SHRINK-NEXT: %[[GT:.+]] = tessera.compare gt, %arg0, %[[L]]
// SHRINK-NEXT: %[[B:.+]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// SHRINK-NEXT: %[[XMB:.+]] = tessera.sub %arg0, %[[B]]
// SHRINK-NEXT: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// SHRINK-NEXT: %[[ABOVE:.+]] = tessera.select %[[GT]], %[[XMB]], %[[Z]]
// SHRINK-NEXT: %[[NL:.+]] = tessera.constant dense<-1.500000e+00> : tensor<f32>
// SHRINK-NEXT: %[[LT:.+]] = tessera.compare lt, %arg0, %[[NL]]
// SHRINK-NEXT: %[[XPB:.+]] = tessera.add %arg0, %[[B]]
// SHRINK-NEXT: %[[R:.+]] = tessera.select %[[LT]], %[[XPB]], %[[ABOVE]] : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// SHRINK-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; i32 = m.TensorProto.INT32; m.save(m.single('Shrink', [('x', i32, [3])], [('y', i32, [3])], opset=9), '%t.shrink-int.onnx')"
// RUN: tessera-compile --emit=imported %t.shrink-int.onnx | FileCheck %s --check-prefix=SHRINK-INT
// SHRINK-INT: %[[X:.+]] = tessera.cast %arg0 : tensor<3xi32> to tensor<3xf64>
// SHRINK-INT-NEXT: %[[L:.+]] = tessera.constant dense<5.000000e-01> : tensor<f64>
// SHRINK-INT-NEXT: tessera.compare gt, %[[X]], %[[L]]
// SHRINK-INT: %[[R:.+]] = tessera.select {{.*}} : (tensor<3xi1>, tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
// SHRINK-INT-NEXT: %[[C:.+]] = tessera.cast %[[R]] : tensor<3xf64> to tensor<3xi32>
// SHRINK-INT-NEXT: return %[[C]]

// Gelu (opset 20).
// RUN: tessera-compile --emit=imported %onnx/node/test_gelu_default_1/model.onnx | FileCheck %s --check-prefix=GELU
// GELU: %[[R:.+]] = tessera.gelu %arg0 : tensor<3xf32>
// GELU-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node/test_gelu_tanh_2/model.onnx | FileCheck %s --check-prefix=GELU-TANH
// GELU-TANH: %[[R:.+]] = tessera.gelu %arg0 approximate = tanh : tensor<3x4x5xf32>
// GELU-TANH-NEXT: return %[[R]]

// Errors: unsupported attribute values, integer inputs, a slope that does
// not broadcast to x.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gelu', [('x', m.F32, [3])], [('y', m.F32, [3])], opset=20, approximate='exact', name='g'), '%t.gelu-bad.onnx')"
// RUN: not tessera-compile --emit=imported %t.gelu-bad.onnx 2>&1 | FileCheck %s --check-prefix=GELU-BAD
// GELU-BAD: error: node 'g' (op 'Gelu', opset 20): unsupported attribute 'approximate' = 'exact' (expected 'none' or 'tanh')
// RUN: %python -c "import onnx_models as m; m.save(m.single('LeakyRelu', [('x', m.I64, [3])], [('y', m.I64, [3])], opset=16, name='l'), '%t.leaky-int.onnx')"
// RUN: not tessera-compile --emit=imported %t.leaky-int.onnx 2>&1 | FileCheck %s --check-prefix=LEAKY-INT
// LEAKY-INT: error: node 'l' (op 'LeakyRelu', opset 16): expected a floating-point input, got 'i64'
// RUN: %python -c "import onnx_models as m; m.save(m.single('PRelu', [('x', m.F32, [2, 3]), ('s', m.F32, [2, 3, 1])], [('y', m.F32, [2, 3])], opset=16, name='p'), '%t.prelu-bad.onnx')"
// RUN: not tessera-compile --emit=imported %t.prelu-bad.onnx 2>&1 | FileCheck %s --check-prefix=PRELU-BAD
// PRELU-BAD: error: node 'p' (op 'PRelu', opset 16): slope of shape [2, 3, 1] does not broadcast to the input shape [2, 3]
