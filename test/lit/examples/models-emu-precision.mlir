// The transformer and CNN examples with tensor-core matmul / conv kernels
// under every precision policy, on the CPU emulator in check mode, against
// PyTorch's f32 outputs. f32 (3xTF32) keeps the ONNX runner's tolerances
// (rtol 1e-3, atol 1e-7); tf32 / f16 (11-bit operands) must stay within
// 2e-3 and bf16 (8-bit operands) within 1e-2 of the output's largest
// magnitude (docs/codegen.md, "Tolerances").
// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-run %S/../../../examples/models/transformer_encoder.onnx --device=emu --emu-mode=check --precision=f32 --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/t-f32
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/transformer_encoder.output_0.npy %t/t-f32/output.npy | FileCheck %s --check-prefix=F32
// RUN: tessera-run %S/../../../examples/models/conv_bn_relu.onnx --device=emu --emu-mode=check --precision=f32 --input input=%S/../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/c-f32
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/conv_bn_relu.output_0.npy %t/c-f32/output.npy | FileCheck %s --check-prefix=F32
// F32: OK: 1 output(s) match

// RUN: tessera-run %S/../../../examples/models/transformer_encoder.onnx --device=emu --emu-mode=check --precision=bf16 --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/t-bf16
// RUN: %python %S/../lib/compare_scaled.py %S/../../../examples/models/transformer_encoder.output_0.npy %t/t-bf16/output.npy 1e-2 | FileCheck %s --check-prefix=BF16
// RUN: tessera-run %S/../../../examples/models/conv_bn_relu.onnx --device=emu --emu-mode=check --precision=bf16 --input input=%S/../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/c-bf16
// RUN: %python %S/../lib/compare_scaled.py %S/../../../examples/models/conv_bn_relu.output_0.npy %t/c-bf16/output.npy 1e-2 | FileCheck %s --check-prefix=BF16
// BF16: OK: within 0.01 of the output scale

// RUN: tessera-run %S/../../../examples/models/transformer_encoder.onnx --device=emu --emu-mode=check --precision=tf32 --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/t-tf32
// RUN: %python %S/../lib/compare_scaled.py %S/../../../examples/models/transformer_encoder.output_0.npy %t/t-tf32/output.npy 2e-3 | FileCheck %s --check-prefix=TF32
// RUN: tessera-run %S/../../../examples/models/conv_bn_relu.onnx --device=emu --emu-mode=check --precision=f16 --input input=%S/../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/c-f16
// RUN: %python %S/../lib/compare_scaled.py %S/../../../examples/models/conv_bn_relu.output_0.npy %t/c-f16/output.npy 2e-3 | FileCheck %s --check-prefix=TF32
// TF32: OK: within 0.002 of the output scale

// The bundle path: both examples compile for sm_80 and sm_90a with the
// tensor-core kernels in the bundled source.
// RUN: tessera-compile %S/../../../examples/models/transformer_encoder.onnx -o %t/t.tsrb --target sm_80,sm_90a --precision=bf16
// RUN: tessera-run %t/t.tsrb --device=emu --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/t-bundle
// RUN: %python %S/../lib/compare_scaled.py %S/../../../examples/models/transformer_encoder.output_0.npy %t/t-bundle/output.npy 1e-2 | FileCheck %s --check-prefix=BF16
