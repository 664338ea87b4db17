// MatMul and Gemm import as tessera.matmul; Gemm's alpha and beta become
// multiplications by splats only when they differ from 1, C an add.

// RUN: tessera-compile --emit=imported %onnx/node/test_matmul_4d_1d/model.onnx | FileCheck %s --check-prefix=MATMUL-VEC
// MATMUL-VEC: func.func @main(%[[A:.+]]: tensor<1x2x4x3xf32> {{.*}}, %[[B:.+]]: tensor<3xf32> {{.*}})
// MATMUL-VEC-NEXT: %[[C:.+]] = tessera.matmul %[[A]], %[[B]] : (tensor<1x2x4x3xf32>, tensor<3xf32>) -> tensor<1x2x4xf32>
// MATMUL-VEC-NEXT: return %[[C]]

// RUN: tessera-compile --emit=imported %onnx/node/test_matmul_bcast/model.onnx | FileCheck %s --check-prefix=MATMUL-BCAST
// MATMUL-BCAST: tessera.matmul %arg0, %arg1 : (tensor<3x1x3x4xf32>, tensor<1x2x4x2xf32>) -> tensor<3x2x3x2xf32>

// All attributes: transposes as flags, alpha on the product, beta on C.
// RUN: tessera-compile --emit=imported %onnx/node/test_gemm_all_attributes/model.onnx | FileCheck %s --check-prefix=GEMM-ALL
// GEMM-ALL: func.func @main(%[[A:.+]]: tensor<4x3xf32> {{.*}}, %[[B:.+]]: tensor<5x4xf32> {{.*}}, %[[C:.+]]: tensor<1x5xf32> {{.*}})
// GEMM-ALL-NEXT: %[[AB:.+]] = tessera.matmul %[[A]], %[[B]] transpose_lhs transpose_rhs : (tensor<4x3xf32>, tensor<5x4xf32>) -> tensor<3x5xf32>
// GEMM-ALL-NEXT: %[[ALPHA:.+]] = tessera.constant dense<2.500000e-01> : tensor<f32>
// GEMM-ALL-NEXT: %[[SCALED:.+]] = tessera.mul %[[AB]], %[[ALPHA]] : (tensor<3x5xf32>, tensor<f32>) -> tensor<3x5xf32>
// GEMM-ALL-NEXT: %[[BETA:.+]] = tessera.constant dense<3.500000e-01> : tensor<f32>
// GEMM-ALL-NEXT: %[[CB:.+]] = tessera.mul %[[C]], %[[BETA]] : (tensor<1x5xf32>, tensor<f32>) -> tensor<1x5xf32>
// GEMM-ALL-NEXT: %[[Y:.+]] = tessera.add %[[SCALED]], %[[CB]] : (tensor<3x5xf32>, tensor<1x5xf32>) -> tensor<3x5xf32>
// GEMM-ALL-NEXT: return %[[Y]]

// Defaults: no mul at all; a scalar C broadcasts.
// RUN: tessera-compile --emit=imported %onnx/node/test_gemm_default_scalar_bias/model.onnx | FileCheck %s --check-prefix=GEMM-SCALAR
// GEMM-SCALAR: %[[AB:.+]] = tessera.matmul %arg0, %arg1 : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// GEMM-SCALAR-NEXT: %[[Y:.+]] = tessera.add %[[AB]], %arg2 : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
// GEMM-SCALAR-NEXT: return %[[Y]]

// RUN: tessera-compile --emit=imported %onnx/node/test_gemm_default_no_bias/model.onnx | FileCheck %s --check-prefix=GEMM-NOBIAS
// GEMM-NOBIAS: %[[AB:.+]] = tessera.matmul %arg0, %arg1 : (tensor<2x10xf32>, tensor<10x3xf32>) -> tensor<2x3xf32>
// GEMM-NOBIAS-NEXT: return %[[AB]]

// RUN: tessera-compile --emit=imported %onnx/node/test_gemm_transposeA/model.onnx | FileCheck %s --check-prefix=GEMM-TA
// GEMM-TA: tessera.matmul %arg0, %arg1 transpose_lhs : (tensor<6x3xf32>, tensor<6x4xf32>) -> tensor<3x4xf32>

// Opset 6 (broadcast=1), weights as constants: nn.Linear.
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_Linear/model.onnx | FileCheck %s --check-prefix=LINEAR
// LINEAR: %[[W:.+]] = tessera.constant dense<{{.+}}> : tensor<8x10xf32>
// LINEAR: %[[BVEC:.+]] = tessera.constant dense<{{.+}}> : tensor<8xf32>
// LINEAR: %[[AB:.+]] = tessera.matmul %arg0, %[[W]] transpose_rhs : (tensor<4x10xf32>, tensor<8x10xf32>) -> tensor<4x8xf32>
// LINEAR-NEXT: tessera.add %[[AB]], %[[BVEC]] : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>

// beta = 0 drops C, as the ONNX reference does.
// RUN: tessera-compile --emit=imported %onnx/pytorch-operator/test_operator_mm/model.onnx | FileCheck %s --check-prefix=BETA0
// BETA0: %[[AB:.+]] = tessera.matmul %arg0, %arg1 : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// BETA0-NEXT: return %[[AB]]

// Errors name the node.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gemm', [('a', m.F32, [2, 3, 4]), ('b', m.F32, [4, 5])], [('y', m.F32, [2, 3, 5])], opset=13, name='g'), '%t.rank.onnx')"
// RUN: not tessera-compile --emit=imported %t.rank.onnx 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: error: node 'g' (op 'Gemm', opset 13): expected 2-D inputs A and B, got shapes [2, 3, 4] and [4, 5]

// C must broadcast to [M, N] in one direction.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gemm', [('a', m.F32, [1, 3]), ('b', m.F32, [3, 5]), ('c', m.F32, [4, 1])], [('y', m.F32, [4, 5])], opset=13, name='g'), '%t.bias.onnx')"
// RUN: not tessera-compile --emit=imported %t.bias.onnx 2>&1 | FileCheck %s --check-prefix=CSHAPE
// CSHAPE: error: node 'g' (op 'Gemm', opset 13): input C of shape [4, 1] does not broadcast to the result shape [1, 5]

// Before opset 7, C broadcasts only with broadcast=1.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gemm', [('a', m.F32, [2, 3]), ('b', m.F32, [3, 5]), ('c', m.F32, [5])], [('y', m.F32, [2, 5])], opset=6, name='g'), '%t.nobcast.onnx')"
// RUN: not tessera-compile --emit=imported %t.nobcast.onnx 2>&1 | FileCheck %s --check-prefix=NOBCAST
// NOBCAST: error: node 'g' (op 'Gemm', opset 6): input C of shape [5] differs from the result shape [2, 5]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gemm', [('a', m.F32, [2, 3]), ('b', m.F32, [3, 5]), ('c', m.F32, [5])], [('y', m.F32, [2, 5])], opset=6, name='g', broadcast=1), '%t.bcast6.onnx')"
// RUN: tessera-compile --emit=imported %t.bcast6.onnx | FileCheck %s --check-prefix=BCAST6
// BCAST6: tessera.add %{{.+}}, %arg2 : (tensor<2x5xf32>, tensor<5xf32>) -> tensor<2x5xf32>

// Contracting dimensions that differ are reported by the matmul shape rule.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gemm', [('a', m.F32, [2, 3]), ('b', m.F32, [4, 5])], [('y', m.F32, [2, 5])], opset=13, name='g', transB=1), '%t.k.onnx')"
// RUN: not tessera-compile --emit=imported %t.k.onnx 2>&1 | FileCheck %s --check-prefix=K
// K: error: node 'g' (op 'Gemm', opset 13): 'tessera.matmul' op contracting dimensions differ: lhs [2, 3] has 3, rhs [4, 5] (transposed) has 5
