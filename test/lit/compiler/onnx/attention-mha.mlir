// Attention decomposes into softmax(Q·Kᵀ·scale [+ bias]) · V. Like the ONNX
// function, Q and K are each scaled by sqrt(scale) (default scale
// 1/sqrt(head_size)); the softmax runs over the keys (axis 3).

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d/model.onnx | FileCheck %s --check-prefix=MHA
// MHA: func.func @main(%[[Q:.+]]: tensor<2x3x4x8xf32> {{.*}}, %[[K:.+]]: tensor<2x3x6x8xf32> {{.*}}, %[[V:.+]]: tensor<2x3x6x8xf32> {{.*}})
// 8^-1/4 = 0.5946
// MHA-NEXT: %[[S:.+]] = tessera.constant dense<0.594603539> : tensor<f32>
// MHA-NEXT: %[[QS:.+]] = tessera.mul %[[Q]], %[[S]]
// MHA-NEXT: %[[KS:.+]] = tessera.mul %[[K]], %[[S]]
// MHA-NEXT: %[[QK:.+]] = tessera.matmul %[[QS]], %[[KS]] transpose_rhs : (tensor<2x3x4x8xf32>, tensor<2x3x6x8xf32>) -> tensor<2x3x4x6xf32>
// MHA-NEXT: %[[P:.+]] = tessera.softmax %[[QK]] axis = 3 : tensor<2x3x4x6xf32>
// MHA-NEXT: %[[Y:.+]] = tessera.matmul %[[P]], %[[V]] : (tensor<2x3x4x6xf32>, tensor<2x3x6x8xf32>) -> tensor<2x3x4x8xf32>
// MHA-NEXT: return %[[Y]]

// scale = 0.01 scales Q and K by 0.1 each.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_scaled/model.onnx | FileCheck %s --check-prefix=SCALED
// SCALED: tessera.constant dense<1.000000e-01> : tensor<f32>

// 3-D inputs split into heads ([B, S, H*D] -> [B, H, S, D]) and merge back.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_3d_diff_heads_sizes/model.onnx | FileCheck %s --check-prefix=3D
// 3D: %[[Q4:.+]] = tessera.reshape %arg0 : tensor<2x4x24xf32> to tensor<2x4x3x8xf32>
// 3D-NEXT: tessera.transpose %[[Q4]] perm = [0, 2, 1, 3] : (tensor<2x4x3x8xf32>) -> tensor<2x3x4x8xf32>
// 3D: %[[V4:.+]] = tessera.reshape %arg2 : tensor<2x6x30xf32> to tensor<2x6x3x10xf32>
// 3D-NEXT: tessera.transpose %[[V4]] perm = [0, 2, 1, 3] : (tensor<2x6x3x10xf32>) -> tensor<2x3x6x10xf32>
// 3D: %[[Y:.+]] = tessera.matmul %{{.+}}, %{{.+}} : (tensor<2x3x4x6xf32>, tensor<2x3x6x10xf32>) -> tensor<2x3x4x10xf32>
// 3D-NEXT: %[[YT:.+]] = tessera.transpose %[[Y]] perm = [0, 2, 1, 3] : (tensor<2x3x4x10xf32>) -> tensor<2x4x3x10xf32>
// 3D-NEXT: %[[Y3:.+]] = tessera.reshape %[[YT]] : tensor<2x4x3x10xf32> to tensor<2x4x30xf32>
// 3D-NEXT: return %[[Y3]]

// softcap: c * tanh(scores / c), before the bias.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_softcap/model.onnx | FileCheck %s --check-prefix=SOFTCAP
// SOFTCAP: %[[QK:.+]] = tessera.matmul
// SOFTCAP-NEXT: %[[C:.+]] = tessera.constant dense<2.000000e+00> : tensor<f32>
// SOFTCAP-NEXT: %[[D:.+]] = tessera.div %[[QK]], %[[C]]
// SOFTCAP-NEXT: %[[T:.+]] = tessera.tanh %[[D]]
// SOFTCAP-NEXT: %[[CAP:.+]] = tessera.mul %[[T]], %[[C]]
// SOFTCAP-NEXT: tessera.softmax %[[CAP]] axis = 3

// qk_matmul_output: 0 the scaled scores, 1 after softcap, 2 after the bias,
// 3 the probabilities.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_with_qk_matmul/model.onnx | FileCheck %s --check-prefix=MODE0
// MODE0: %[[QK:.+]] = tessera.matmul
// MODE0: return %{{.+}}, %[[QK]] : tensor<2x3x4x8xf32>, tensor<2x3x4x6xf32>
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_with_qk_matmul_softcap/model.onnx | FileCheck %s --check-prefix=MODE1
// MODE1: %[[CAP:.+]] = tessera.mul %{{.+}}, %{{.+}} : (tensor<2x3x4x6xf32>, tensor<f32>)
// MODE1: return %{{.+}}, %[[CAP]] :
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_with_qk_matmul_bias/model.onnx | FileCheck %s --check-prefix=MODE2
// MODE2: %[[BIASED:.+]] = tessera.add %{{.+}}, %arg3 : (tensor<2x3x4x6xf32>, tensor<4x6xf32>)
// MODE2: return %{{.+}}, %[[BIASED]] :
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_with_qk_matmul_softmax/model.onnx | FileCheck %s --check-prefix=MODE3
// MODE3: %[[P:.+]] = tessera.select
// MODE3-NEXT: tessera.matmul %[[P]]
// MODE3-NEXT: return %{{.+}}, %[[P]] :

// Numerics against the ONNX expected outputs.
// DEFINE: %{run} = %python -c "import onnx, subprocess, sys; d, o = sys.argv[1:]; m = onnx.load(d + '/model.onnx'); init = {i.name for i in m.graph.initializer}; ins = [i.name for i in m.graph.input if i.name not in init]; sys.exit(subprocess.call(['tessera-run', d + '/model.onnx', '--output-dir', o] + ['--input=' + n + '=' + d + '/test_data_set_0/input_' + str(k) + '.pb' for k, n in enumerate(ins)]))"
// DEFINE: %{check} = %python -m compare_outputs
// RUN: rm -rf %t.out
// RUN: %{run} %onnx/node_extra/test_attention_4d %t.out/4d
// RUN: %{check} %onnx/node_extra/test_attention_4d/model.onnx %onnx/node_extra/test_attention_4d/test_data_set_0 %t.out/4d | FileCheck %s --check-prefix=NUM
// RUN: %{run} %onnx/node_extra/test_attention_4d_scaled %t.out/scaled
// RUN: %{check} %onnx/node_extra/test_attention_4d_scaled/model.onnx %onnx/node_extra/test_attention_4d_scaled/test_data_set_0 %t.out/scaled | FileCheck %s --check-prefix=NUM
// RUN: %{run} %onnx/node_extra/test_attention_3d_diff_heads_sizes %t.out/3d
// RUN: %{check} %onnx/node_extra/test_attention_3d_diff_heads_sizes/model.onnx %onnx/node_extra/test_attention_3d_diff_heads_sizes/test_data_set_0 %t.out/3d | FileCheck %s --check-prefix=NUM
// RUN: %{run} %onnx/node_extra/test_attention_3d_transpose_verification %t.out/3dt
// RUN: %{check} %onnx/node_extra/test_attention_3d_transpose_verification/model.onnx %onnx/node_extra/test_attention_3d_transpose_verification/test_data_set_0 %t.out/3dt | FileCheck %s --check-prefix=NUM
// RUN: %{run} %onnx/node_extra/test_attention_4d_diff_heads_sizes_softcap %t.out/softcap
// RUN: %{check} %onnx/node_extra/test_attention_4d_diff_heads_sizes_softcap/model.onnx %onnx/node_extra/test_attention_4d_diff_heads_sizes_softcap/test_data_set_0 %t.out/softcap | FileCheck %s --check-prefix=NUM
// RUN: %{run} %onnx/node_extra/test_attention_4d_with_qk_matmul_softcap %t.out/mode1
// RUN: %{check} %onnx/node_extra/test_attention_4d_with_qk_matmul_softcap/model.onnx %onnx/node_extra/test_attention_4d_with_qk_matmul_softcap/test_data_set_0 %t.out/mode1 | FileCheck %s --check-prefix=NUM
// RUN: %{run} %onnx/node_extra/test_attention_4d_with_qk_matmul_bias %t.out/mode2
// RUN: %{check} %onnx/node_extra/test_attention_4d_with_qk_matmul_bias/model.onnx %onnx/node_extra/test_attention_4d_with_qk_matmul_bias/test_data_set_0 %t.out/mode2 | FileCheck %s --check-prefix=NUM
// RUN: %{run} %onnx/node_extra/test_attention_4d_with_qk_matmul_softmax %t.out/mode3
// RUN: %{check} %onnx/node_extra/test_attention_4d_with_qk_matmul_softmax/model.onnx %onnx/node_extra/test_attention_4d_with_qk_matmul_softmax/test_data_set_0 %t.out/mode3 | FileCheck %s --check-prefix=NUM
// NUM: OK: {{[0-9]+}} output(s) match
