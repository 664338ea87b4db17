// The example models compile into bundles of generated CUDA kernels for
// sm_80 and sm_90a (NVRTC), and the bundles run on the CPU emulator to
// PyTorch's own outputs: fast mode, and check mode for the transformer and
// the LSTM. tessera-run MODEL.onnx --device=emu does the same in one step.
// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-compile %S/../../../examples/models/mlp_gelu.onnx -o %t/mlp.tsrb --target sm_80,sm_90a
// RUN: tessera-run %t/mlp.tsrb --device=emu --input input=%S/../../../examples/models/mlp_gelu.input_0.npy --output-dir %t/mlp
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/mlp_gelu.output_0.npy %t/mlp/output.npy | FileCheck %s
// RUN: tessera-compile %S/../../../examples/models/transformer_encoder.onnx -o %t/transformer.tsrb --target sm_80,sm_90a
// RUN: tessera-run %t/transformer.tsrb --device=emu --emu-mode=check --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/transformer
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/transformer_encoder.output_0.npy %t/transformer/output.npy | FileCheck %s
// RUN: tessera-compile %S/../../../examples/models/conv_bn_relu.onnx -o %t/conv.tsrb --target sm_80,sm_90a
// RUN: tessera-run %t/conv.tsrb --device=emu --input input=%S/../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/conv
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/conv_bn_relu.output_0.npy %t/conv/output.npy | FileCheck %s
// RUN: tessera-compile %S/../../../examples/models/lstm.onnx -o %t/lstm.tsrb --target sm_80,sm_90a
// RUN: tessera-run %t/lstm.tsrb --device=emu --emu-mode=check --input input=%S/../../../examples/models/lstm.input_0.npy --output-dir %t/lstm
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/lstm.output_0.npy %t/lstm/output.npy | FileCheck %s
// RUN: tessera-run %S/../../../examples/models/mlp_gelu.onnx --device=emu --input input=%S/../../../examples/models/mlp_gelu.input_0.npy --output-dir %t/mlp-direct
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/mlp_gelu.output_0.npy %t/mlp-direct/output.npy | FileCheck %s
// CHECK: OK: 1 output(s) match

// Bad usage of the compiling devices exits 2 before anything is read.
// RUN: not tessera-run %S/../../../examples/models/mlp_gelu.onnx --device=emu --precision=f8 2>&1 | FileCheck %s --check-prefix=PRECISION
// PRECISION: tessera-run: bad --precision 'f8', expected f32, tf32, bf16 or f16
// RUN: not tessera-run %S/../../../examples/models/mlp_gelu.onnx --device=emu --emu-mode=slow 2>&1 | FileCheck %s --check-prefix=MODE
// MODE: tessera-run: bad --emu-mode 'slow', expected fast or check
