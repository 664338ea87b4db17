// The transformer example with its fused flash-attention kernel
// (codegen/AttentionEmitter.cpp) under every precision policy, on the
// emulator in check mode, against PyTorch's output: f32 (3xTF32) within the
// ONNX runner's tolerance (models-emu.mlir), tf32/f16/bf16 within
// |got - want| <= 2e-2 + 2e-2 |want| (every matmul's operands are rounded,
// not only the attention's).
// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-compile %S/../../../examples/models/transformer_encoder.onnx --emit=cuda -o - | FileCheck %s --check-prefix=FUSED
// FUSED: self_attn_MatMul_1_self_attn_MatMul_2: attention kernel
// FUSED: ts_attn_scores</*mode=*/TS_ATTN_F32X3
// RUN: tessera-run %S/../../../examples/models/transformer_encoder.onnx --device=emu --emu-mode=check --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/f32
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/transformer_encoder.output_0.npy %t/f32/output.npy | FileCheck %s
// CHECK: OK: 1 output(s) match
// RUN: tessera-run %S/../../../examples/models/transformer_encoder.onnx --device=emu --emu-mode=check --precision=bf16 --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/bf16
// RUN: %python -c "import numpy as n; w = n.load('%S/../../../examples/models/transformer_encoder.output_0.npy'); g = n.load('%t/bf16/output.npy'); print('close' if n.allclose(g, w, rtol=2e-2, atol=2e-2) else 'far')" | FileCheck %s --check-prefix=CLOSE
// RUN: tessera-run %S/../../../examples/models/transformer_encoder.onnx --device=emu --emu-mode=check --precision=f16 --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/f16
// RUN: %python -c "import numpy as n; w = n.load('%S/../../../examples/models/transformer_encoder.output_0.npy'); g = n.load('%t/f16/output.npy'); print('close' if n.allclose(g, w, rtol=2e-2, atol=2e-2) else 'far')" | FileCheck %s --check-prefix=CLOSE
// RUN: tessera-run %S/../../../examples/models/transformer_encoder.onnx --device=emu --emu-mode=check --precision=tf32 --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/tf32
// RUN: %python -c "import numpy as n; w = n.load('%S/../../../examples/models/transformer_encoder.output_0.npy'); g = n.load('%t/tf32/output.npy'); print('close' if n.allclose(g, w, rtol=2e-2, atol=2e-2) else 'far')" | FileCheck %s --check-prefix=CLOSE
// CLOSE: {{^close$}}
