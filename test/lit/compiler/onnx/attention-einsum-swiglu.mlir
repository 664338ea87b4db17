// Einsum: repeated labels take diagonals (flatten, stride n + 1), labels no
// other operand or the output needs are summed, operand pairs contract with
// one batched matmul [batch, lhs-only, summed] x [batch, summed, rhs-only],
// and the result is transposed to the output labels. SwiGLU is
// a · sigmoid(alpha · a) · b.

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_einsum_batch_matmul/model.onnx | FileCheck %s --check-prefix=BMM
// BMM: %[[Z:.+]] = tessera.matmul %arg0, %arg1 : (tensor<5x2x3xf64>, tensor<5x3x4xf64>) -> tensor<5x2x4xf64>
// BMM-NEXT: return %[[Z]]

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_einsum_batch_diagonal/model.onnx | FileCheck %s --check-prefix=DIAG
// DIAG: %[[FLAT:.+]] = tessera.reshape %arg0 : tensor<3x5x5xf64> to tensor<3x25xf64>
// DIAG-NEXT: %[[D:.+]] = tessera.slice %[[FLAT]] offsets = [0, 0] sizes = [3, 5] strides = [1, 6]
// DIAG-NEXT: return %[[D]]

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_einsum_inner_prod/model.onnx | FileCheck %s --check-prefix=INNER
// INNER: tessera.matmul %{{.+}}, %{{.+}} : (tensor<1x1x5xf64>, tensor<1x5x1xf64>) -> tensor<1x1x1xf64>
// INNER-NEXT: tessera.reshape %{{.+}} : tensor<1x1x1xf64> to tensor<f64>

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_einsum_sum/model.onnx | FileCheck %s --check-prefix=SUM
// SUM: tessera.reduce_sum %arg0 axes = [1] : (tensor<3x4xf64>) -> tensor<3xf64>

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_einsum_transpose/model.onnx | FileCheck %s --check-prefix=TRANSPOSE
// TRANSPOSE: tessera.transpose %arg0 perm = [1, 0] : (tensor<3x4xf64>) -> tensor<4x3xf64>

// Outer product (no summed label) and a three-operand chain.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Einsum', [('x', m.F32, [3]), ('y', m.F32, [4])], [('z', m.F32, None)], opset=12, name='ein', equation='i,j->ji'), '%t.outer.onnx')"
// RUN: tessera-compile --emit=imported %t.outer.onnx | FileCheck %s --check-prefix=OUTER
// OUTER: tessera.matmul %{{.+}}, %{{.+}} : (tensor<1x3x1xf32>, tensor<1x1x4xf32>) -> tensor<1x3x4xf32>
// OUTER: tessera.transpose %{{.+}} perm = [1, 0] : (tensor<3x4xf32>) -> tensor<4x3xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Einsum', [('x', m.F32, [2, 3]), ('y', m.F32, [3, 4]), ('w', m.F32, [4, 5])], [('z', m.F32, None)], opset=12, name='ein', equation='ij,jk,kl->il'), '%t.chain.onnx')"
// RUN: tessera-compile --emit=imported %t.chain.onnx | FileCheck %s --check-prefix=CHAIN
// CHAIN: tessera.matmul %{{.+}}, %{{.+}} : (tensor<1x2x3xf32>, tensor<1x3x4xf32>) -> tensor<1x2x4xf32>
// CHAIN: tessera.matmul %{{.+}}, %{{.+}} : (tensor<1x2x4xf32>, tensor<1x4x5xf32>) -> tensor<1x2x5xf32>

// Errors.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Einsum', [('x', m.F32, [2, 3]), ('y', m.F32, [4, 5])], [('z', m.F32, None)], opset=12, name='ein', equation='ij,jk->ik'), '%t.size.onnx')"
// RUN: not tessera-compile --emit=imported %t.size.onnx 2>&1 | FileCheck %s --check-prefix=SIZE
// SIZE: error: node 'ein' (op 'Einsum', opset 12): einsum label 'j' has sizes 3 and 4
// RUN: %python -c "import onnx_models as m; m.save(m.single('Einsum', [('x', m.F32, [2, 3])], [('z', m.F32, None)], opset=12, name='ein', equation='ijk->i'), '%t.rank.onnx')"
// RUN: not tessera-compile --emit=imported %t.rank.onnx 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: error: node 'ein' (op 'Einsum', opset 12): einsum term 'ijk' does not match an operand of rank 2
// RUN: %python -c "import onnx_models as m; m.save(m.single('Einsum', [('x', m.F32, [2, 3])], [('z', m.F32, None)], opset=12, name='ein', equation='ij->iz'), '%t.out.onnx')"
// RUN: not tessera-compile --emit=imported %t.out.onnx 2>&1 | FileCheck %s --check-prefix=OUT
// OUT: error: node 'ein' (op 'Einsum', opset 12): einsum output 'iz' repeats a label or uses one no operand has

// SwiGLU with alpha = 0.5.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_swiglu_alpha/model.onnx | FileCheck %s --check-prefix=SWIGLU
// SWIGLU: %[[ALPHA:.+]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// SWIGLU-NEXT: %[[AX:.+]] = tessera.mul %arg0, %[[ALPHA]]
// SWIGLU-NEXT: %[[SIG:.+]] = tessera.sigmoid %[[AX]]
// SWIGLU-NEXT: %[[SWISH:.+]] = tessera.mul %arg0, %[[SIG]]
// SWIGLU-NEXT: %[[Y:.+]] = tessera.mul %[[SWISH]], %arg1
// SWIGLU-NEXT: return %[[Y]]

// Numerics: all Einsum and SwiGLU tests.
// DEFINE: %{run} = %python -c "import onnx, subprocess, sys; d, o = sys.argv[1:]; m = onnx.load(d + '/model.onnx'); init = {i.name for i in m.graph.initializer}; ins = [i.name for i in m.graph.input if i.name not in init]; sys.exit(subprocess.call(['tessera-run', d + '/model.onnx', '--output-dir', o] + ['--input=' + n + '=' + d + '/test_data_set_0/input_' + str(k) + '.pb' for k, n in enumerate(ins)]))"
// DEFINE: %{test} = test_einsum_batch_diagonal
// DEFINE: %{check} = %{run} %onnx/node_extra/%{test} %t.num/%{test} && %python -m compare_outputs %onnx/node_extra/%{test}/model.onnx %onnx/node_extra/%{test}/test_data_set_0 %t.num/%{test} | FileCheck %s --check-prefix=NUM
// RUN: rm -rf %t.num
// RUN: %{check}
// REDEFINE: %{test} = test_einsum_batch_matmul
// RUN: %{check}
// REDEFINE: %{test} = test_einsum_inner_prod
// RUN: %{check}
// REDEFINE: %{test} = test_einsum_scalar
// RUN: %{check}
// REDEFINE: %{test} = test_einsum_sum
// RUN: %{check}
// REDEFINE: %{test} = test_einsum_transpose
// RUN: %{check}
// REDEFINE: %{test} = test_swiglu
// RUN: %{check}
// REDEFINE: %{test} = test_swiglu_alpha
// RUN: %{check}
// REDEFINE: %{test} = test_swiglu_float16
// RUN: %{check}
// NUM: OK: {{[0-9]+}} output(s) match
