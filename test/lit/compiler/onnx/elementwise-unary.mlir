// Unary ONNX math ops map onto one tessera op each, keeping the input type.

// Conformance models (tensor<3x4x5xf32>).
// RUN: tessera-compile --emit=imported %onnx/node/test_neg/model.onnx | FileCheck %s --check-prefix=NEG
// RUN: tessera-compile --emit=imported %onnx/node/test_abs/model.onnx | FileCheck %s --check-prefix=ABS
// RUN: tessera-compile --emit=imported %onnx/node/test_exp/model.onnx | FileCheck %s --check-prefix=EXP
// RUN: tessera-compile --emit=imported %onnx/node/test_log/model.onnx | FileCheck %s --check-prefix=LOG
// RUN: tessera-compile --emit=imported %onnx/node/test_sqrt/model.onnx | FileCheck %s --check-prefix=SQRT
// RUN: tessera-compile --emit=imported %onnx/node/test_reciprocal/model.onnx | FileCheck %s --check-prefix=RECIPROCAL
// RUN: tessera-compile --emit=imported %onnx/node/test_tanh/model.onnx | FileCheck %s --check-prefix=TANH
// RUN: tessera-compile --emit=imported %onnx/node/test_sigmoid/model.onnx | FileCheck %s --check-prefix=SIGMOID
// RUN: tessera-compile --emit=imported %onnx/node/test_relu/model.onnx | FileCheck %s --check-prefix=RELU
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_sin/model.onnx | FileCheck %s --check-prefix=SIN
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_cos/model.onnx | FileCheck %s --check-prefix=COS
// RUN: tessera-compile --emit=imported %onnx/node/test_erf/model.onnx | FileCheck %s --check-prefix=ERF

// NEG: %[[R:.+]] = tessera.neg %arg0 : tensor<3x4x5xf32>
// NEG-NEXT: return %[[R]]
// ABS: %[[R:.+]] = tessera.abs %arg0 : tensor<3x4x5xf32>
// ABS-NEXT: return %[[R]]
// EXP: %[[R:.+]] = tessera.exp %arg0 : tensor<3x4x5xf32>
// EXP-NEXT: return %[[R]]
// LOG: %[[R:.+]] = tessera.log %arg0 : tensor<3x4x5xf32>
// LOG-NEXT: return %[[R]]
// SQRT: %[[R:.+]] = tessera.sqrt %arg0 : tensor<3x4x5xf32>
// SQRT-NEXT: return %[[R]]
// RECIPROCAL: %[[R:.+]] = tessera.reciprocal %arg0 : tensor<3x4x5xf32>
// RECIPROCAL-NEXT: return %[[R]]
// TANH: %[[R:.+]] = tessera.tanh %arg0 : tensor<3x4x5xf32>
// TANH-NEXT: return %[[R]]
// SIGMOID: %[[R:.+]] = tessera.sigmoid %arg0 : tensor<3x4x5xf32>
// SIGMOID-NEXT: return %[[R]]
// RELU: %[[R:.+]] = tessera.relu %arg0 : tensor<3x4x5xf32>
// RELU-NEXT: return %[[R]]
// SIN: %[[R:.+]] = tessera.sin %arg0 : tensor<3x4x5xf32>
// SIN-NEXT: return %[[R]]
// COS: %[[R:.+]] = tessera.cos %arg0 : tensor<3x4x5xf32>
// COS-NEXT: return %[[R]]
// ERF: %[[R:.+]] = tessera.erf %arg0 : tensor<1x3x32x32xf32>
// ERF-NEXT: return %[[R]]

// Ops without a conformance model: generated ones on tensor<2x3xf16>.
// RUN: %python -c "import onnx_models as m; f16 = m.TensorProto.FLOAT16; [m.save(m.single(op, [('x', f16, [2, 3])], [('y', f16, [2, 3])], opset=13), '%t.' + op + '.onnx') for op in ['Tan', 'Asin', 'Acos', 'Atan', 'Sinh', 'Cosh', 'Asinh', 'Acosh', 'Atanh', 'Floor', 'Ceil', 'Round', 'Sign']]"
// RUN: tessera-compile --emit=imported %t.Tan.onnx | FileCheck %s --check-prefix=TAN
// RUN: tessera-compile --emit=imported %t.Asin.onnx | FileCheck %s --check-prefix=ASIN
// RUN: tessera-compile --emit=imported %t.Acos.onnx | FileCheck %s --check-prefix=ACOS
// RUN: tessera-compile --emit=imported %t.Atan.onnx | FileCheck %s --check-prefix=ATAN
// RUN: tessera-compile --emit=imported %t.Sinh.onnx | FileCheck %s --check-prefix=SINH
// RUN: tessera-compile --emit=imported %t.Cosh.onnx | FileCheck %s --check-prefix=COSH
// RUN: tessera-compile --emit=imported %t.Asinh.onnx | FileCheck %s --check-prefix=ASINH
// RUN: tessera-compile --emit=imported %t.Acosh.onnx | FileCheck %s --check-prefix=ACOSH
// RUN: tessera-compile --emit=imported %t.Atanh.onnx | FileCheck %s --check-prefix=ATANH
// RUN: tessera-compile --emit=imported %t.Floor.onnx | FileCheck %s --check-prefix=FLOOR
// RUN: tessera-compile --emit=imported %t.Ceil.onnx | FileCheck %s --check-prefix=CEIL
// RUN: tessera-compile --emit=imported %t.Round.onnx | FileCheck %s --check-prefix=ROUND
// RUN: tessera-compile --emit=imported %t.Sign.onnx | FileCheck %s --check-prefix=SIGN

// TAN: %[[R:.+]] = tessera.tan %arg0 : tensor<2x3xf16>
// TAN-NEXT: return %[[R]]
// ASIN: %[[R:.+]] = tessera.asin %arg0 : tensor<2x3xf16>
// ASIN-NEXT: return %[[R]]
// ACOS: %[[R:.+]] = tessera.acos %arg0 : tensor<2x3xf16>
// ACOS-NEXT: return %[[R]]
// ATAN: %[[R:.+]] = tessera.atan %arg0 : tensor<2x3xf16>
// ATAN-NEXT: return %[[R]]
// SINH: %[[R:.+]] = tessera.sinh %arg0 : tensor<2x3xf16>
// SINH-NEXT: return %[[R]]
// COSH: %[[R:.+]] = tessera.cosh %arg0 : tensor<2x3xf16>
// COSH-NEXT: return %[[R]]
// ASINH: %[[R:.+]] = tessera.asinh %arg0 : tensor<2x3xf16>
// ASINH-NEXT: return %[[R]]
// ACOSH: %[[R:.+]] = tessera.acosh %arg0 : tensor<2x3xf16>
// ACOSH-NEXT: return %[[R]]
// ATANH: %[[R:.+]] = tessera.atanh %arg0 : tensor<2x3xf16>
// ATANH-NEXT: return %[[R]]
// FLOOR: %[[R:.+]] = tessera.floor %arg0 : tensor<2x3xf16>
// FLOOR-NEXT: return %[[R]]
// CEIL: %[[R:.+]] = tessera.ceil %arg0 : tensor<2x3xf16>
// CEIL-NEXT: return %[[R]]
// ROUND: %[[R:.+]] = tessera.round %arg0 : tensor<2x3xf16>
// ROUND-NEXT: return %[[R]]
// SIGN: %[[R:.+]] = tessera.sign %arg0 : tensor<2x3xf16>
// SIGN-NEXT: return %[[R]]

// Integer inputs: Neg, Abs, Sign and Relu (opset 14) accept them.
// RUN: %python -c "import onnx_models as m; i32 = m.TensorProto.INT32; [m.save(m.single(op, [('x', i32, [4])], [('y', i32, [4])], opset=14), '%t.int.' + op + '.onnx') for op in ['Neg', 'Abs', 'Sign', 'Relu']]"
// RUN: tessera-compile --emit=imported %t.int.Neg.onnx | FileCheck %s --check-prefix=INT-NEG
// RUN: tessera-compile --emit=imported %t.int.Abs.onnx | FileCheck %s --check-prefix=INT-ABS
// RUN: tessera-compile --emit=imported %t.int.Sign.onnx | FileCheck %s --check-prefix=INT-SIGN
// RUN: tessera-compile --emit=imported %t.int.Relu.onnx | FileCheck %s --check-prefix=INT-RELU
// INT-NEG: %[[R:.+]] = tessera.neg %arg0 : tensor<4xi32>
// INT-NEG-NEXT: return %[[R]]
// INT-ABS: %[[R:.+]] = tessera.abs %arg0 : tensor<4xi32>
// INT-ABS-NEXT: return %[[R]]
// INT-SIGN: %[[R:.+]] = tessera.sign %arg0 : tensor<4xi32>
// INT-SIGN-NEXT: return %[[R]]
// INT-RELU: %[[R:.+]] = tessera.relu %arg0 : tensor<4xi32>
// INT-RELU-NEXT: return %[[R]]

// Float-only ops reject integers with the op's own type error, naming the node.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Exp', [('x', m.I64, [2])], [('y', m.I64, [2])], name='e'), '%t.exp-int.onnx')"
// RUN: not tessera-compile --emit=imported %t.exp-int.onnx 2>&1 | FileCheck %s --check-prefix=EXP-INT
// EXP-INT: error: node 'e' (op 'Exp', opset 17): 'tessera.exp' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float values, but got 'tensor<2xi64>'
