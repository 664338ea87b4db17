// Binary and variadic ONNX arithmetic: NumPy broadcasting, the pre-7
// `broadcast`/`axis` attributes, Pow's mixed operand types and Mod.

// RUN: tessera-compile --emit=imported %onnx/node/test_add_bcast/model.onnx | FileCheck %s --check-prefix=ADD
// ADD: func.func @main(%[[X:.+]]: tensor<3x4x5xf32> {tessera.name = "x"}, %[[Y:.+]]: tensor<5xf32> {tessera.name = "y"})
// ADD-NEXT: %[[R:.+]] = tessera.add %[[X]], %[[Y]] : (tensor<3x4x5xf32>, tensor<5xf32>) -> tensor<3x4x5xf32>
// ADD-NEXT: return %[[R]]

// RUN: tessera-compile --emit=imported %onnx/node/test_sub_bcast/model.onnx | FileCheck %s --check-prefix=SUB
// SUB: %[[R:.+]] = tessera.sub %arg0, %arg1 : (tensor<3x4x5xf32>, tensor<5xf32>) -> tensor<3x4x5xf32>
// SUB-NEXT: return %[[R]]

// RUN: tessera-compile --emit=imported %onnx/node/test_mul_bcast/model.onnx | FileCheck %s --check-prefix=MUL
// MUL: %[[R:.+]] = tessera.mul %arg0, %arg1 : (tensor<3x4x5xf32>, tensor<5xf32>) -> tensor<3x4x5xf32>
// MUL-NEXT: return %[[R]]

// Integer division stays integer (tessera.div truncates toward zero).
// RUN: tessera-compile --emit=imported %onnx/node/test_div_int32_trunc/model.onnx | FileCheck %s --check-prefix=DIV
// DIV: %[[R:.+]] = tessera.div %arg0, %arg1 : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
// DIV-NEXT: return %[[R]]

// Pow: same types map directly, a float base casts an integer exponent to
// its type, an integer base with a float exponent computes in f64 and
// truncates back (NumPy's power + astype), integer types of two widths
// compute in the base's type.
// RUN: tessera-compile --emit=imported %onnx/node/test_pow_bcast_scalar/model.onnx | FileCheck %s --check-prefix=POW
// POW: %[[R:.+]] = tessera.pow %arg0, %arg1 : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// POW-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node/test_pow_types_float32_int64/model.onnx | FileCheck %s --check-prefix=POW-FI
// POW-FI: %[[E:.+]] = tessera.cast %arg1 : tensor<3xi64> to tensor<3xf32>
// POW-FI-NEXT: %[[R:.+]] = tessera.pow %arg0, %[[E]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// POW-FI-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node/test_pow_types_int64_float32/model.onnx | FileCheck %s --check-prefix=POW-IF
// POW-IF: %[[B:.+]] = tessera.cast %arg0 : tensor<3xi64> to tensor<3xf64>
// POW-IF-NEXT: %[[E:.+]] = tessera.cast %arg1 : tensor<3xf32> to tensor<3xf64>
// POW-IF-NEXT: %[[P:.+]] = tessera.pow %[[B]], %[[E]] : (tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
// POW-IF-NEXT: %[[R:.+]] = tessera.cast %[[P]] : tensor<3xf64> to tensor<3xi64>
// POW-IF-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node/test_pow_types_int64_int64/model.onnx | FileCheck %s --check-prefix=POW-II
// POW-II: %[[R:.+]] = tessera.pow %arg0, %arg1 : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
// POW-II-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; i32 = m.TensorProto.INT32; m.save(m.single('Pow', [('a', i32, [4]), ('b', m.I64, [4])], [('y', i32, [4])], opset=15), '%t.pow-widths.onnx')"
// RUN: tessera-compile --emit=imported %t.pow-widths.onnx | FileCheck %s --check-prefix=POW-WIDTHS
// POW-WIDTHS: %[[E:.+]] = tessera.cast %arg1 : tensor<4xi64> to tensor<4xi32>
// POW-WIDTHS-NEXT: %[[R:.+]] = tessera.pow %arg0, %[[E]] : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
// POW-WIDTHS-NEXT: return %[[R]]

// Variadic ops fold left to right; one input is the result itself.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_sum_example/model.onnx | FileCheck %s --check-prefix=SUM
// SUM: %[[S0:.+]] = tessera.add %arg0, %arg1 : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// SUM-NEXT: %[[S1:.+]] = tessera.add %[[S0]], %arg2 : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// SUM-NEXT: return %[[S1]]
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_sum_one_input/model.onnx | FileCheck %s --check-prefix=ONE
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_max_one_input/model.onnx | FileCheck %s --check-prefix=ONE
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_min_one_input/model.onnx | FileCheck %s --check-prefix=ONE
// ONE: func.func @main(%[[X:.+]]: tensor<3xf32> {tessera.name = "data_0"})
// ONE-NEXT: return %[[X]] : tensor<3xf32>
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_max_example/model.onnx | FileCheck %s --check-prefix=MAX
// MAX: %[[M0:.+]] = tessera.max %arg0, %arg1 : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// MAX-NEXT: %[[M1:.+]] = tessera.max %[[M0]], %arg2 : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// MAX-NEXT: return %[[M1]]
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_min_int64/model.onnx | FileCheck %s --check-prefix=MIN
// MIN: %[[R:.+]] = tessera.min %arg0, %arg1 : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
// MIN-NEXT: return %[[R]]

// Mean: the broadcast sum divided by the input count.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Mean', [('a', m.F32, [2, 3]), ('b', m.F32, [3]), ('c', m.F32, [2, 1])], [('y', m.F32, [2, 3])], opset=13), '%t.mean.onnx')"
// RUN: tessera-compile --emit=imported %t.mean.onnx | FileCheck %s --check-prefix=MEAN
// MEAN: %[[S0:.+]] = tessera.add %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// MEAN-NEXT: %[[S1:.+]] = tessera.add %[[S0]], %arg2 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// MEAN-NEXT: %[[N:.+]] = tessera.constant dense<3.000000e+00> : tensor<f32>
// MEAN-NEXT: %[[R:.+]] = tessera.div %[[S1]], %[[N]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// MEAN-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Mean', [('a', m.F32, [2, 3])], [('y', m.F32, [2, 3])], opset=13), '%t.mean1.onnx')"
// RUN: tessera-compile --emit=imported %t.mean1.onnx | FileCheck %s --check-prefix=MEAN1
// MEAN1: func.func @main(%[[X:.+]]: tensor<2x3xf32> {tessera.name = "a"})
// MEAN1-NEXT: return %[[X]] : tensor<2x3xf32>

// Mod: Python-style for integers, C fmod with fmod = 1.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Mod', [('a', m.I64, [4]), ('b', m.I64, [])], [('y', m.I64, [4])], opset=13), '%t.mod.onnx')"
// RUN: tessera-compile --emit=imported %t.mod.onnx | FileCheck %s --check-prefix=MOD
// MOD: %[[R:.+]] = tessera.mod %arg0, %arg1 : (tensor<4xi64>, tensor<i64>) -> tensor<4xi64>
// MOD-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Mod', [('a', m.F32, [4]), ('b', m.F32, [4])], [('y', m.F32, [4])], opset=13, fmod=1), '%t.fmod.onnx')"
// RUN: tessera-compile --emit=imported %t.fmod.onnx | FileCheck %s --check-prefix=FMOD
// FMOD: %[[R:.+]] = tessera.mod %arg0, %arg1 fmod : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// FMOD-NEXT: return %[[R]]

// Opset < 7 with broadcast = 1: the second operand lines up from `axis`, so it
// gets trailing unit dimensions; a trailing placement needs no reshape.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Add', [('a', m.F32, [3, 4]), ('b', m.F32, [3])], [('y', m.F32, [3, 4])], opset=6, broadcast=1, axis=0), '%t.legacy-axis0.onnx')"
// RUN: tessera-compile --emit=imported %t.legacy-axis0.onnx | FileCheck %s --check-prefix=LEGACY0
// LEGACY0: %[[B:.+]] = tessera.reshape %arg1 : tensor<3xf32> to tensor<3x1xf32>
// LEGACY0-NEXT: %[[R:.+]] = tessera.add %arg0, %[[B]] : (tensor<3x4xf32>, tensor<3x1xf32>) -> tensor<3x4xf32>
// LEGACY0-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Mul', [('a', m.F32, [2, 3, 4, 5]), ('b', m.F32, [3, 4])], [('y', m.F32, [2, 3, 4, 5])], opset=6, broadcast=1, axis=-3), '%t.legacy-neg.onnx')"
// RUN: tessera-compile --emit=imported %t.legacy-neg.onnx | FileCheck %s --check-prefix=LEGACYNEG
// LEGACYNEG: %[[B:.+]] = tessera.reshape %arg1 : tensor<3x4xf32> to tensor<1x3x4x1xf32>
// LEGACYNEG-NEXT: %[[R:.+]] = tessera.mul %arg0, %[[B]] : (tensor<2x3x4x5xf32>, tensor<1x3x4x1xf32>) -> tensor<2x3x4x5xf32>
// RUN: tessera-compile --emit=imported %onnx/pytorch-operator/test_operator_add_broadcast/model.onnx | FileCheck %s --check-prefix=LEGACYTAIL
// LEGACYTAIL-NOT: reshape
// LEGACYTAIL: %[[R:.+]] = tessera.add %arg0, %arg1 : (tensor<2x3xf64>, tensor<3xf64>) -> tensor<2x3xf64>
// LEGACYTAIL-NEXT: return %[[R]]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Sub', [('a', m.F32, [2, 3]), ('b', m.F32, [3])], [('y', m.F32, [2, 3])], opset=6, broadcast=1, axis=2, name='s'), '%t.legacy-bad.onnx')"
// RUN: not tessera-compile --emit=imported %t.legacy-bad.onnx 2>&1 | FileCheck %s --check-prefix=LEGACYBAD
// LEGACYBAD: error: node 's' (op 'Sub', opset 6): attribute 'axis' = 2 does not place an operand of shape [3] inside shape [2, 3]

// Errors: shapes that do not broadcast, no inputs, float Mod without fmod.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Add', [('a', m.F32, [2, 3]), ('b', m.F32, [4])], [('y', m.F32, [2, 3])], name='a'), '%t.bad-shapes.onnx')"
// RUN: not tessera-compile --emit=imported %t.bad-shapes.onnx 2>&1 | FileCheck %s --check-prefix=BADSHAPES
// BADSHAPES: error: node 'a' (op 'Add', opset 17): 'tessera.add' op operand shapes [2, 3] and [4] are not broadcast-compatible
// RUN: %python -c "import onnx_models as m; m.save(m.single('Sum', [], [('y', m.F32, [2])], name='s'), '%t.sum-none.onnx')"
// RUN: not tessera-compile --emit=imported %t.sum-none.onnx 2>&1 | FileCheck %s --check-prefix=SUMNONE
// SUMNONE: error: node 's' (op 'Sum', opset 17): expected at least one input
// RUN: %python -c "import onnx_models as m; m.save(m.single('Mod', [('a', m.F32, [4]), ('b', m.F32, [4])], [('y', m.F32, [4])], name='m'), '%t.mod-float.onnx')"
// RUN: not tessera-compile --emit=imported %t.mod-float.onnx 2>&1 | FileCheck %s --check-prefix=MODFLOAT
// MODFLOAT: error: node 'm' (op 'Mod', opset 17): attribute 'fmod' must be 1 for 'f32' inputs, got 0
// RUN: %python -c "import onnx_models as m; m.save(m.single('Mod', [('a', m.I64, [4]), ('b', m.I64, [4])], [('y', m.I64, [4])], fmod=2, name='m'), '%t.mod-two.onnx')"
// RUN: not tessera-compile --emit=imported %t.mod-two.onnx 2>&1 | FileCheck %s --check-prefix=MODTWO
// MODTWO: error: node 'm' (op 'Mod', opset 17): unsupported attribute 'fmod' = 2 (expected 0 or 1)
