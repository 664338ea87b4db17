// RotaryEmbedding rotates feature pairs (x1, x2) of every head by the cached
// angles: (cos·x1 - sin·x2, sin·x1 + cos·x2). Pairs are the two halves of
// the first rotary_embedding_dim features, or neighbours with interleaved;
// the angles (gathered by position_ids) broadcast over the heads.

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_rotary_embedding/model.onnx | FileCheck %s --check-prefix=HALVES
// HALVES: %[[COS:.+]] = tessera.gather %arg1, %arg3 axis = 0 : (tensor<50x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
// HALVES-NEXT: %[[SIN:.+]] = tessera.gather %arg2, %arg3 axis = 0
// HALVES-NEXT: %[[C:.+]] = tessera.reshape %[[COS]] : tensor<2x3x4xf32> to tensor<2x1x3x4xf32>
// HALVES-NEXT: %[[S:.+]] = tessera.reshape %[[SIN]] : tensor<2x3x4xf32> to tensor<2x1x3x4xf32>
// HALVES-NEXT: %[[X1:.+]] = tessera.slice %arg0 offsets = [0, 0, 0, 0] sizes = [2, 4, 3, 4] strides = [1, 1, 1, 1]
// HALVES-NEXT: %[[X2:.+]] = tessera.slice %arg0 offsets = [0, 0, 0, 4] sizes = [2, 4, 3, 4] strides = [1, 1, 1, 1]
// HALVES-NEXT: %[[CX1:.+]] = tessera.mul %[[C]], %[[X1]]
// HALVES-NEXT: %[[SX2:.+]] = tessera.mul %[[S]], %[[X2]]
// HALVES-NEXT: %[[RE:.+]] = tessera.sub %[[CX1]], %[[SX2]]
// HALVES-NEXT: %[[SX1:.+]] = tessera.mul %[[S]], %[[X1]]
// HALVES-NEXT: %[[CX2:.+]] = tessera.mul %[[C]], %[[X2]]
// HALVES-NEXT: %[[IM:.+]] = tessera.add %[[SX1]], %[[CX2]]
// HALVES-NEXT: %[[Y:.+]] = tessera.concat %[[RE]], %[[IM]] axis = 3 : ({{.+}}) -> tensor<2x4x3x8xf32>
// HALVES-NEXT: return %[[Y]]

// Interleaved, rotating 4 of 8 features: stride-2 slices, re-interleaved
// through a [.., 2, 2] concat; features 4..7 pass through.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_rotary_embedding_with_interleaved_rotary_dim/model.onnx | FileCheck %s --check-prefix=INTERLEAVED
// INTERLEAVED: tessera.slice %arg0 offsets = [0, 0, 0, 0] sizes = [2, 4, 3, 2] strides = [1, 1, 1, 2]
// INTERLEAVED-NEXT: tessera.slice %arg0 offsets = [0, 0, 0, 1] sizes = [2, 4, 3, 2] strides = [1, 1, 1, 2]
// INTERLEAVED: %[[RE:.+]] = tessera.reshape %{{.+}} : tensor<2x4x3x2xf32> to tensor<2x4x3x2x1xf32>
// INTERLEAVED-NEXT: %[[IM:.+]] = tessera.reshape %{{.+}} : tensor<2x4x3x2xf32> to tensor<2x4x3x2x1xf32>
// INTERLEAVED-NEXT: %[[PAIRS:.+]] = tessera.concat %[[RE]], %[[IM]] axis = 4 : ({{.+}}) -> tensor<2x4x3x2x2xf32>
// INTERLEAVED-NEXT: %[[ROT:.+]] = tessera.reshape %[[PAIRS]] : tensor<2x4x3x2x2xf32> to tensor<2x4x3x4xf32>
// INTERLEAVED-NEXT: %[[PASS:.+]] = tessera.slice %arg0 offsets = [0, 0, 0, 4] sizes = [2, 4, 3, 4] strides = [1, 1, 1, 1]
// INTERLEAVED-NEXT: tessera.concat %[[ROT]], %[[PASS]] axis = 3

// 3-D input: [B, S, H*D] viewed as [B, S, H, D]; the angles broadcast as
// [B, S, 1, D/2].
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_rotary_embedding_3d_input/model.onnx | FileCheck %s --check-prefix=3D
// 3D: tessera.reshape %{{.+}} : tensor<2x3x4xf32> to tensor<2x3x1x4xf32>
// 3D: tessera.reshape %arg0 : tensor<2x3x32xf32> to tensor<2x3x4x8xf32>
// 3D: tessera.reshape %{{.+}} : tensor<2x3x4x8xf32> to tensor<2x3x32xf32>

// Errors.
// RUN: %python -c "import onnx_models as m; m.save(m.single('RotaryEmbedding', [('x', m.F32, [2, 3, 32]), ('c', m.F32, [2, 3, 4]), ('s', m.F32, [2, 3, 4])], [('y', m.F32, None)], opset=23, name='rope'), '%t.heads.onnx')"
// RUN: not tessera-compile --emit=imported %t.heads.onnx 2>&1 | FileCheck %s --check-prefix=HEADS
// HEADS: error: node 'rope' (op 'RotaryEmbedding', opset 23): a 3-D input needs num_heads dividing its hidden size 32, got 0
// RUN: %python -c "import onnx_models as m; m.save(m.single('RotaryEmbedding', [('x', m.F32, [2, 4, 3, 8]), ('c', m.F32, [2, 3, 4]), ('s', m.F32, [2, 3, 4])], [('y', m.F32, None)], opset=23, name='rope', rotary_embedding_dim=3), '%t.odd.onnx')"
// RUN: not tessera-compile --emit=imported %t.odd.onnx 2>&1 | FileCheck %s --check-prefix=ODD
// ODD: error: node 'rope' (op 'RotaryEmbedding', opset 23): expected an even rotary_embedding_dim of at most the head size 8, got 3
// RUN: %python -c "import onnx_models as m; m.save(m.single('RotaryEmbedding', [('x', m.F32, [2, 4, 3, 8]), ('c', m.F32, [2, 3, 2]), ('s', m.F32, [2, 3, 2])], [('y', m.F32, None)], opset=23, name='rope'), '%t.cache.onnx')"
// RUN: not tessera-compile --emit=imported %t.cache.onnx 2>&1 | FileCheck %s --check-prefix=CACHE
// CACHE: error: node 'rope' (op 'RotaryEmbedding', opset 23): expected cos/sin values of shape [2, 3, >= 4] (after position_ids), got [2, 3, 2]

// Numerics: all eight RotaryEmbedding tests.
// DEFINE: %{run} = %python -c "import onnx, subprocess, sys; d, o = sys.argv[1:]; m = onnx.load(d + '/model.onnx'); init = {i.name for i in m.graph.initializer}; ins = [i.name for i in m.graph.input if i.name not in init]; sys.exit(subprocess.call(['tessera-run', d + '/model.onnx', '--output-dir', o] + ['--input=' + n + '=' + d + '/test_data_set_0/input_' + str(k) + '.pb' for k, n in enumerate(ins)]))"
// DEFINE: %{test} = test_rotary_embedding
// DEFINE: %{check} = %{run} %onnx/node_extra/%{test} %t.out/%{test} && %python -m compare_outputs %onnx/node_extra/%{test}/model.onnx %onnx/node_extra/%{test}/test_data_set_0 %t.out/%{test} | FileCheck %s --check-prefix=NUM
// RUN: rm -rf %t.out
// RUN: %{check}
// REDEFINE: %{test} = test_rotary_embedding_3d_input
// RUN: %{check}
// REDEFINE: %{test} = test_rotary_embedding_interleaved
// RUN: %{check}
// REDEFINE: %{test} = test_rotary_embedding_no_position_ids
// RUN: %{check}
// REDEFINE: %{test} = test_rotary_embedding_no_position_ids_interleaved
// RUN: %{check}
// REDEFINE: %{test} = test_rotary_embedding_no_position_ids_rotary_dim
// RUN: %{check}
// REDEFINE: %{test} = test_rotary_embedding_with_interleaved_rotary_dim
// RUN: %{check}
// REDEFINE: %{test} = test_rotary_embedding_with_rotary_dim
// RUN: %{check}
// NUM: OK: {{[0-9]+}} output(s) match
