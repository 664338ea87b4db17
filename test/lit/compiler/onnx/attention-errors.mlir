// Invalid or unsupported Attention nodes: one diagnostic naming the node and
// the offending values, exit 1.

// 3-D Q, K, V need the head counts.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Attention', [('Q', m.F32, [2, 4, 24]), ('K', m.F32, [2, 6, 24]), ('V', m.F32, [2, 6, 24])], [('Y', m.F32, None)], opset=23, name='attn'), '%t.heads.onnx')"
// RUN: not tessera-compile %t.heads.onnx 2>&1 | FileCheck %s --check-prefix=HEADS
// HEADS: error: node 'attn' (op 'Attention', opset 23): 3-D Q, K and V need positive q_num_heads and kv_num_heads attributes, got 0 and 0
// HEADS-NOT: error

// GQA needs q_heads to be a multiple of kv_heads.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Attention', [('Q', m.F32, [2, 4, 3, 8]), ('K', m.F32, [2, 3, 6, 8]), ('V', m.F32, [2, 3, 6, 8])], [('Y', m.F32, None)], opset=23, name='attn'), '%t.gqa.onnx')"
// RUN: not tessera-compile %t.gqa.onnx 2>&1 | FileCheck %s --check-prefix=GQA
// GQA: error: node 'attn' (op 'Attention', opset 23): the 4 query heads are not a multiple of the 3 key/value heads

// Keys must match the queries' head size.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Attention', [('Q', m.F32, [2, 3, 4, 8]), ('K', m.F32, [2, 3, 6, 4]), ('V', m.F32, [2, 3, 6, 8])], [('Y', m.F32, None)], opset=23, name='attn'), '%t.keys.onnx')"
// RUN: not tessera-compile %t.keys.onnx 2>&1 | FileCheck %s --check-prefix=KEYS
// KEYS: error: node 'attn' (op 'Attention', opset 23): expected keys [2, kv_heads, kv_seq, 8] and values [2, kv_heads, kv_seq, v_size], got [2, 3, 6, 4] and [2, 3, 6, 8]

// softmax_precision must name a float type.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Attention', [('Q', m.F32, [2, 3, 4, 8]), ('K', m.F32, [2, 3, 6, 8]), ('V', m.F32, [2, 3, 6, 8])], [('Y', m.F32, None)], opset=23, name='attn', softmax_precision=7), '%t.precision.onnx')"
// RUN: not tessera-compile %t.precision.onnx 2>&1 | FileCheck %s --check-prefix=PRECISION
// PRECISION: error: node 'attn' (op 'Attention', opset 23): unsupported softmax_precision 7 (supported: 1, 10, 11, 16: float types)

// RUN: %python -c "import onnx_models as m; m.save(m.single('Attention', [('Q', m.F32, [2, 3, 4, 8]), ('K', m.F32, [2, 3, 6, 8]), ('V', m.F32, [2, 3, 6, 8])], [('Y', m.F32, None)], opset=23, name='attn', qk_matmul_output_mode=4), '%t.mode.onnx')"
// RUN: not tessera-compile %t.mode.onnx 2>&1 | FileCheck %s --check-prefix=MODE
// MODE: error: node 'attn' (op 'Attention', opset 23): expected qk_matmul_output_mode in [0, 3], got 4

// A mask covers at most the total key length.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Attention', [('Q', m.F32, [2, 3, 4, 8]), ('K', m.F32, [2, 3, 6, 8]), ('V', m.F32, [2, 3, 6, 8]), ('M', m.F32, [4, 7])], [('Y', m.F32, None)], opset=23, name='attn'), '%t.mask.onnx')"
// RUN: not tessera-compile %t.mask.onnx 2>&1 | FileCheck %s --check-prefix=MASK
// MASK: error: node 'attn' (op 'Attention', opset 23): expected attn_mask with at most 6 keys in its last dimension, got [4, 7]
// RUN: %python -c "import onnx_models as m; m.save(m.single('Attention', [('Q', m.F32, [2, 3, 4, 8]), ('K', m.F32, [2, 3, 6, 8]), ('V', m.F32, [2, 3, 6, 8]), ('M', m.I64, [4, 6])], [('Y', m.F32, None)], opset=23, name='attn'), '%t.intmask.onnx')"
// RUN: not tessera-compile %t.intmask.onnx 2>&1 | FileCheck %s --check-prefix=INTMASK
// INTMASK: error: node 'attn' (op 'Attention', opset 23): expected a boolean or float attn_mask, got 'i64'
