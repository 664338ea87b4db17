// The example models and ResNet-50, fused: the fused IR still matches
// PyTorch's outputs (the reference evaluator runs each kernel's body), every
// op is in a kernel, and the kernel counts are those of docs/fusion.md
// (at most half the ONNX nodes for the transformer layer and ResNet-50).

// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-compile --emit=imported --mlir-print-debuginfo %S/../../../examples/models/transformer_encoder.onnx | tessera-opt --tessera-fuse -o %t/transformer.mlir
// RUN: tessera-run %t/transformer.mlir --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/transformer > /dev/null
// RUN: %python -m compare_outputs --npy %S/../../../examples/models/transformer_encoder.output_0.npy %t/transformer/output.npy | FileCheck %s
// RUN: tessera-compile --emit=imported %S/../../../examples/models/conv_bn_relu.onnx | tessera-opt --tessera-fuse -o %t/conv.mlir
// RUN: tessera-run %t/conv.mlir --input input=%S/../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/conv > /dev/null
// RUN: %python -m compare_outputs --npy %S/../../../examples/models/conv_bn_relu.output_0.npy %t/conv/output.npy | FileCheck %s
// RUN: tessera-compile --emit=imported %S/../../../examples/models/lstm.onnx | tessera-opt --tessera-fuse -o %t/lstm.mlir
// RUN: tessera-run %t/lstm.mlir --input input=%S/../../../examples/models/lstm.input_0.npy --output-dir %t/lstm > /dev/null
// RUN: %python -m compare_outputs --npy %S/../../../examples/models/lstm.output_0.npy %t/lstm/output.npy | FileCheck %s
// RUN: tessera-compile --emit=imported %S/../../../examples/models/mlp_gelu.onnx | tessera-opt --tessera-fuse -o %t/mlp.mlir
// RUN: tessera-run %t/mlp.mlir --input input=%S/../../../examples/models/mlp_gelu.input_0.npy --output-dir %t/mlp > /dev/null
// RUN: %python -m compare_outputs --npy %S/../../../examples/models/mlp_gelu.output_0.npy %t/mlp/output.npy | FileCheck %s
// CHECK: OK: 1 output(s) match

// ResNet-50 on random inputs: the fused IR gives the unfused model's outputs.
// RUN: tessera-compile --emit=imported %onnx/light/light_resnet50.onnx | tessera-opt --tessera-fuse -o %t/resnet50.mlir
// RUN: tessera-run %onnx/light/light_resnet50.onnx --seed 1 --output-dir %t/resnet50-onnx 2> /dev/null
// RUN: tessera-run %t/resnet50.mlir --seed 1 --output-dir %t/resnet50 2> /dev/null
// RUN: %python -m compare_outputs --npy %t/resnet50-onnx/gpu_0_softmax_1.npy %t/resnet50/gpu_0_softmax_1.npy | FileCheck %s

// The transformer layer (30 ONNX nodes) is 7 kernels: QKV projection,
// attention, output projection with the residual add, layer norm, two
// feed-forward matmuls (the second with the residual add), layer norm.
// Kernels are named after the ONNX nodes.
// RUN: FileCheck %s --check-prefix=TRANSFORMER < %t/transformer.mlir
// TRANSFORMER: tessera.onnx_nodes = 30
// TRANSFORMER: tessera.kernel "self_attn_MatMul" kind = matmul
// TRANSFORMER: tessera.kernel "self_attn_MatMul_1_self_attn_MatMul_2" kind = attention
// TRANSFORMER: tessera.kernel "self_attn_Gemm" kind = matmul
// TRANSFORMER: tessera.kernel "norm1_LayerNormalization" kind = reduction
// TRANSFORMER: tessera.kernel "linear1_MatMul" kind = matmul
// TRANSFORMER: tessera.kernel "linear2_MatMul" kind = matmul
// TRANSFORMER: tessera.kernel "norm2_LayerNormalization" kind = reduction
// TRANSFORMER-NOT: tessera.kernel "

// ResNet-50 (176 ONNX nodes) is 57 kernels: 53 convs with their batch
// norms, ReLUs and residual adds, max pool, average pool with the flatten,
// the classifier matmul with its bias, softmax. In every model, no op but
// the weights is outside a kernel (function-level ops are indented by 4).
// RUN: %python -c "import re, sys; \
// RUN:   texts = [open(path).read() for path in sys.argv[1:]]; \
// RUN:   kinds = [re.findall(r'tessera.kernel \"[^\"]*\" kind = (\w+)', t) for t in texts]; \
// RUN:   outside = [re.findall(r'^    %%\S+ = tessera\.(?!constant|kernel)', t, re.M) for t in texts]; \
// RUN:   [print(len(k), 'kernels', {x: k.count(x) for x in sorted(set(k))}, len(o), 'outside') for k, o in zip(kinds, outside)]" \
// RUN:   %t/resnet50.mlir %t/transformer.mlir %t/conv.mlir %t/lstm.mlir %t/mlp.mlir | FileCheck %s --check-prefix=COUNTS
// COUNTS: 57 kernels {'conv': 53, 'matmul': 1, 'pooling': 2, 'reduction': 1} 0 outside
// COUNTS-NEXT: 7 kernels {'attention': 1, 'matmul': 4, 'reduction': 2} 0 outside
// COUNTS-NEXT: 2 kernels {'conv': 1, 'pooling': 1} 0 outside
// COUNTS-NEXT: 10 kernels {'elementwise': 5, 'matmul': 5} 0 outside
// COUNTS-NEXT: 3 kernels {'matmul': 2, 'reduction': 1} 0 outside
