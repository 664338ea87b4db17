// Attention masks become one additive bias: boolean attn_mask -> 0 / -inf,
// padded with -inf up to the total key length; is_causal -inf where key j
// is after query i + offset (the past length, or nonpad_kv_seqlen - q_len
// per batch); nonpad_kv_seqlen -inf for padded keys. A row that a mask or
// the key padding hides entirely gives zeros instead of NaN (select on
// reduce_max(bias) == -inf); a causal mask alone never hides a row.

// Boolean mask.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_attn_mask_bool/model.onnx | FileCheck %s --check-prefix=BOOL
// BOOL: %[[QK:.+]] = tessera.matmul
// BOOL-NEXT: %[[ZERO:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// BOOL-NEXT: %[[NEGINF:.+]] = tessera.constant dense<0xFF800000> : tensor<f32>
// BOOL-NEXT: %[[BIAS:.+]] = tessera.select %arg3, %[[ZERO]], %[[NEGINF]] : (tensor<4x6xi1>, tensor<f32>, tensor<f32>) -> tensor<4x6xf32>
// BOOL-NEXT: %[[S:.+]] = tessera.add %[[QK]], %[[BIAS]]
// BOOL-NEXT: %[[P:.+]] = tessera.softmax %[[S]] axis = 3
// BOOL-NEXT: %[[MAX:.+]] = tessera.reduce_max %[[BIAS]] axes = [1] keep_dims : (tensor<4x6xf32>) -> tensor<4x1xf32>
// BOOL-NEXT: %[[HIDDEN:.+]] = tessera.compare eq, %[[MAX]], %[[NEGINF]]
// BOOL-NEXT: %[[SAFE:.+]] = tessera.select %[[HIDDEN]], %[[ZERO]], %[[P]] : (tensor<4x1xi1>, tensor<f32>, tensor<2x3x4x6xf32>) -> tensor<2x3x4x6xf32>
// BOOL-NEXT: tessera.matmul %[[SAFE]], %arg2

// Causal, small: the mask folds to a constant (query 0 sees key 0 only).
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_causal/model.onnx | FileCheck %s --check-prefix=CAUSAL
// CAUSAL: %[[QK:.+]] = tessera.matmul
// CAUSAL-NEXT: %[[MASK:.+]] = tessera.constant dense<{{\[\[}}0.000000e+00, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000], [0.000000e+00, 0.000000e+00, 0xFF800000, {{.+}}]]> : tensor<4x6xf32>
// CAUSAL-NEXT: %[[S:.+]] = tessera.add %[[QK]], %[[MASK]]
// CAUSAL-NEXT: tessera.softmax %[[S]] axis = 3
// CAUSAL-NOT: reduce_max

// Causal, large: compare of query and key positions, never a 512x512
// constant.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Attention', [('Q', m.F32, [1, 2, 512, 8]), ('K', m.F32, [1, 2, 512, 8]), ('V', m.F32, [1, 2, 512, 8])], [('Y', m.F32, None)], opset=23, name='attn', is_causal=1), '%t.big.onnx')"
// RUN: tessera-compile --emit=imported %t.big.onnx | FileCheck %s --check-prefix=BIG
// BIG: %[[ROWS:.+]] = tessera.constant dense_resource<{{.+}}> : tensor<512x1xi64>
// BIG-NEXT: %[[COLS:.+]] = tessera.constant dense_resource<{{.+}}> : tensor<512xi64>
// BIG-NEXT: %[[FUTURE:.+]] = tessera.compare lt, %[[ROWS]], %[[COLS]] : (tensor<512x1xi64>, tensor<512xi64>) -> tensor<512x512xi1>
// BIG-NEXT: %[[MASK:.+]] = tessera.select %[[FUTURE]], %{{.+}}, %{{.+}} : (tensor<512x512xi1>, tensor<f32>, tensor<f32>) -> tensor<512x512xf32>
// BIG-NEXT: tessera.add %{{.+}}, %[[MASK]] : (tensor<1x2x512x512xf32>, tensor<512x512xf32>)
// BIG-NOT: tensor<512x512xf32> = tessera.constant

// Causal with a KV cache of 3: query i sees keys j <= i + 3.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_causal_with_past_and_present/model.onnx | FileCheck %s --check-prefix=PAST
// PAST: tessera.constant dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0xFF800000, 0xFF800000, 0xFF800000], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0xFF800000, 0xFF800000], {{.+}}]]> : tensor<4x7xf32>

// Causal + external cache (nonpad_kv_seqlen, no past_key): the offset is
// nonpad - q_len per batch, and padded keys are masked too.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_causal_nonpad_batch_prefill/model.onnx | FileCheck %s --check-prefix=NONPAD
// NONPAD: %[[QLEN:.+]] = tessera.constant dense<2> : tensor<i64>
// NONPAD-NEXT: %[[OFF:.+]] = tessera.sub %arg3, %[[QLEN]] : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
// NONPAD-NEXT: %[[ROWS:.+]] = tessera.constant dense<{{\[\[\[\[}}0], [1]]]]> : tensor<1x1x2x1xi64>
// NONPAD-NEXT: %[[OFF4:.+]] = tessera.reshape %[[OFF]] : tensor<3xi64> to tensor<3x1x1x1xi64>
// NONPAD-NEXT: %[[LAST:.+]] = tessera.add %[[OFF4]], %[[ROWS]] : (tensor<3x1x1x1xi64>, tensor<1x1x2x1xi64>) -> tensor<3x1x2x1xi64>
// NONPAD-NEXT: %[[COLS:.+]] = tessera.constant dense<[0, 1, 2, 3, 4, 5]> : tensor<6xi64>
// NONPAD-NEXT: %[[FUTURE:.+]] = tessera.compare lt, %[[LAST]], %[[COLS]]
// NONPAD-NEXT: %[[CMASK:.+]] = tessera.select %[[FUTURE]]
// NONPAD-NEXT: %[[KEYS:.+]] = tessera.constant dense<{{\[\[}}0, 1, 2, 3, 4, 5]]> : tensor<1x6xi64>
// NONPAD-NEXT: %[[LENS:.+]] = tessera.reshape %arg3 : tensor<3xi64> to tensor<3x1xi64>
// NONPAD-NEXT: %[[VALID:.+]] = tessera.compare lt, %[[KEYS]], %[[LENS]] : (tensor<1x6xi64>, tensor<3x1xi64>) -> tensor<3x6xi1>
// NONPAD-NEXT: %[[PAD:.+]] = tessera.select %[[VALID]]
// NONPAD-NEXT: %[[PAD4:.+]] = tessera.reshape %[[PAD]] : tensor<3x6xf32> to tensor<3x1x1x6xf32>
// NONPAD-NEXT: %[[BIAS:.+]] = tessera.add %[[CMASK]], %[[PAD4]]
// NONPAD: tessera.reduce_max %[[BIAS]] axes = [3] keep_dims

// A mask shorter than the keys is padded with -inf.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_attention_4d_diff_heads_mask4d_padded_kv/model.onnx | FileCheck %s --check-prefix=SHORT
// SHORT: %[[FILL:.+]] = tessera.constant dense<0xFF800000> : tensor<2x3x4x2xf32>
// SHORT-NEXT: tessera.concat %arg3, %[[FILL]] axis = 3 : (tensor<2x3x4x4xf32>, tensor<2x3x4x2xf32>) -> tensor<2x3x4x6xf32>

// Numerics, including fully masked rows and -inf float masks with softcap.
// DEFINE: %{run} = %python -c "import onnx, subprocess, sys; d, o = sys.argv[1:]; m = onnx.load(d + '/model.onnx'); init = {i.name for i in m.graph.initializer}; ins = [i.name for i in m.graph.input if i.name not in init]; sys.exit(subprocess.call(['tessera-run', d + '/model.onnx', '--output-dir', o] + ['--input=' + n + '=' + d + '/test_data_set_0/input_' + str(k) + '.pb' for k, n in enumerate(ins)]))"
// DEFINE: %{test} = test_attention_4d_attn_mask_bool
// DEFINE: %{check} = %{run} %onnx/node_extra/%{test} %t.out/%{test} && %python -m compare_outputs %onnx/node_extra/%{test}/model.onnx %onnx/node_extra/%{test}/test_data_set_0 %t.out/%{test} | FileCheck %s --check-prefix=NUM
// RUN: rm -rf %t.out
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_attn_mask_bool_4d
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_attn_mask_3d_causal
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_causal
// RUN: %{check}
// REDEFINE: %{test} = test_attention_3d_causal
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_causal_with_past_and_present
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_causal_nonpad_batch_prefill
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_causal_nonpad_attn_mask_composition
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_causal_nonpad_negative_offset_structural_empty
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_diff_heads_mask4d_padded_kv
// RUN: %{check}
// REDEFINE: %{test} = test_attention_23_boolmask_fullymasked_row_nan_robustness
// RUN: %{check}
// REDEFINE: %{test} = test_attention_24_fullymasked_qk_matmul_output_mode3_zero
// RUN: %{check}
// REDEFINE: %{test} = test_attention_causal_boolmask_nan_robustness
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_softcap_neginf_mask
// RUN: %{check}
// REDEFINE: %{test} = test_attention_4d_softcap_neginf_mask_poison
// RUN: %{check}
// NUM: OK: {{[0-9]+}} output(s) match
