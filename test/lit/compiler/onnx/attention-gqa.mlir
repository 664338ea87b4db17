// Grouped-query attention does not repeat K and V: the q_heads / kv_heads
// query heads that share a KV head are folded into the rows of one batched
// matmul ([B, kv_heads, group * S, D]), which matches the ONNX
// repeat-interleave of K and V (query head h uses KV head h / group).

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_gqa/model.onnx | FileCheck %s --check-prefix=GQA
// GQA: %[[QS:.+]] = tessera.mul %arg0, %{{.+}} : (tensor<2x9x4x8xf32>, tensor<f32>)
// GQA-NEXT: %[[KS:.+]] = tessera.mul %arg1, %{{.+}} : (tensor<2x3x6x8xf32>, tensor<f32>)
// GQA-NEXT: %[[QG:.+]] = tessera.reshape %[[QS]] : tensor<2x9x4x8xf32> to tensor<2x3x12x8xf32>
// GQA-NEXT: %[[QK:.+]] = tessera.matmul %[[QG]], %[[KS]] transpose_rhs : (tensor<2x3x12x8xf32>, tensor<2x3x6x8xf32>) -> tensor<2x3x12x6xf32>
// GQA-NEXT: %[[S:.+]] = tessera.reshape %[[QK]] : tensor<2x3x12x6xf32> to tensor<2x9x4x6xf32>
// GQA-NEXT: %[[P:.+]] = tessera.softmax %[[S]] axis = 3 : tensor<2x9x4x6xf32>
// GQA-NEXT: %[[PG:.+]] = tessera.reshape %[[P]] : tensor<2x9x4x6xf32> to tensor<2x3x12x6xf32>
// GQA-NEXT: %[[Y:.+]] = tessera.matmul %[[PG]], %arg2 : (tensor<2x3x12x6xf32>, tensor<2x3x6x8xf32>) -> tensor<2x3x12x8xf32>
// GQA-NEXT: %[[Y4:.+]] = tessera.reshape %[[Y]] : tensor<2x3x12x8xf32> to tensor<2x9x4x8xf32>
// GQA-NEXT: return %[[Y4]]
// GQA-NOT: broadcast_to

// 3-D inputs: 9 query heads and 3 KV heads from the attributes.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_3d_gqa/model.onnx | FileCheck %s --check-prefix=GQA3D
// GQA3D: tessera.reshape %arg0 : tensor<2x4x72xf32> to tensor<2x4x9x8xf32>
// GQA3D: tessera.reshape %arg1 : tensor<2x6x24xf32> to tensor<2x6x3x8xf32>
// GQA3D: tessera.matmul %{{.+}}, %{{.+}} transpose_rhs : (tensor<2x3x12x8xf32>, tensor<2x3x6x8xf32>) -> tensor<2x3x12x6xf32>
// GQA3D: tessera.reshape %{{.+}} : tensor<2x4x9x8xf32> to tensor<2x4x72xf32>

// KV cache: present_key/present_value = concat(past, new) on the sequence
// axis; the keys of the product are the concatenation.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_3d_with_past_and_present/model.onnx | FileCheck %s --check-prefix=CACHE
// CACHE: %[[K4:.+]] = tessera.transpose %{{.+}} perm = [0, 2, 1, 3] : (tensor<2x6x3x8xf32>) -> tensor<2x3x6x8xf32>
// CACHE: %[[V4:.+]] = tessera.transpose %{{.+}} perm = [0, 2, 1, 3] : (tensor<2x6x3x8xf32>) -> tensor<2x3x6x8xf32>
// CACHE-NEXT: %[[PK:.+]] = tessera.concat %arg4, %[[K4]] axis = 2 : (tensor<2x3x12x8xf32>, tensor<2x3x6x8xf32>) -> tensor<2x3x18x8xf32>
// CACHE-NEXT: %[[PV:.+]] = tessera.concat %arg5, %[[V4]] axis = 2 : (tensor<2x3x12x8xf32>, tensor<2x3x6x8xf32>) -> tensor<2x3x18x8xf32>
// CACHE: %[[KS:.+]] = tessera.mul %[[PK]], %{{.+}}
// CACHE-NEXT: tessera.matmul %{{.+}}, %[[KS]] transpose_rhs : (tensor<2x3x4x8xf32>, tensor<2x3x18x8xf32>) -> tensor<2x3x4x18xf32>
// CACHE: tessera.matmul %{{.+}}, %[[PV]] : (tensor<2x3x4x18xf32>, tensor<2x3x18x8xf32>) -> tensor<2x3x4x8xf32>
// CACHE: return %{{.+}}, %[[PK]], %[[PV]] : tensor<2x4x24xf32>, tensor<2x3x18x8xf32>, tensor<2x3x18x8xf32>

// fp16: the softmax runs in f32 when softmax_precision = 1 (FLOAT), else in
// f16.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_24_qk_matmul_output_mode3_softmax_precision/model.onnx | FileCheck %s --check-prefix=PRECISION
// PRECISION: %[[S:.+]] = tessera.add %{{.+}}, %{{.+}} : (tensor<1x2x2x2xf16>, tensor<2x2xf16>) -> tensor<1x2x2x2xf16>
// PRECISION-NEXT: %[[S32:.+]] = tessera.cast %[[S]] : tensor<1x2x2x2xf16> to tensor<1x2x2x2xf32>
// PRECISION-NEXT: %[[P32:.+]] = tessera.softmax %[[S32]] axis = 3 : tensor<1x2x2x2xf32>
// PRECISION-NEXT: tessera.cast %[[P32]] : tensor<1x2x2x2xf32> to tensor<1x2x2x2xf16>
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_fp16/model.onnx | FileCheck %s --check-prefix=FP16
// FP16: tessera.softmax %{{.+}} axis = 3 : tensor<2x3x4x6xf16>
// FP16-NOT: tessera.cast

// Numerics (fp16 tests within rtol 1e-3 too: their largest error is 1 ulp).
// DEFINE: %{run} = %python -c "import onnx, subprocess, sys; d, o = sys.argv[1:]; m = onnx.load(d + '/model.onnx'); init = {i.name for i in m.graph.initializer}; ins = [i.name for i in m.graph.input if i.name not in init]; sys.exit(subprocess.call(['tessera-run', d + '/model.onnx', '--output-dir', o] + ['--input=' + n + '=' + d + '/test_data_set_0/input_' + str(k) + '.pb' for k, n in enumerate(ins)]))"
// DEFINE: %{test} = test_attention_4d_gqa
// DEFINE: %{check} = %{run} %onnx/node_extra/%{test} %t.out/%{test} && %python -m compare_outputs %onnx/node_extra/%{test}/model.onnx %onnx/node_extra/%{test}/test_data_set_0 %t.out/%{test} | FileCheck %s --check-prefix=NUM
// RUN: rm -rf %t.out
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_gqa_causal
// RUN: %{check}
// REDEFINE: %{test} = test_attention_3d_gqa_attn_mask
// RUN: %{check}
// REDEFINE: %{test} = test_attention_3d_gqa_with_past_and_present
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_gqa_with_past_and_present
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_gqa_causal_nonpad_decode
// RUN: %{check}
// REDEFINE: %{test} = test_attention_3d_diff_heads_with_past_and_present
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_diff_heads_with_past_and_present_mask3d
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_with_past_and_present_qk_matmul_bias_4d_mask_causal
// RUN: %{check}
// REDEFINE: %{test} = test_attention_3d_with_past_and_present_qk_matmul_softcap
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_fp16
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_gqa_with_past_and_present_fp16
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_gqa_causal_nonpad_decode_fp16
// RUN: %{check}
// REDEFINE: %{test} = test_attention_24_qk_matmul_output_mode3_softmax_precision
// RUN: %{check}
// NUM: OK: {{[0-9]+}} output(s) match
