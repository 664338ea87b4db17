// The example models (examples/make_models.py, exported from PyTorch) import
// and evaluate on the CPU reference to PyTorch's own outputs.
// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-run %S/../../../examples/models/mlp_gelu.onnx --input input=%S/../../../examples/models/mlp_gelu.input_0.npy --output-dir %t/mlp
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/mlp_gelu.output_0.npy %t/mlp/output.npy | FileCheck %s
// RUN: tessera-run %S/../../../examples/models/transformer_encoder.onnx --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/transformer
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/transformer_encoder.output_0.npy %t/transformer/output.npy | FileCheck %s
// RUN: tessera-run %S/../../../examples/models/conv_bn_relu.onnx --input input=%S/../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/conv
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/conv_bn_relu.output_0.npy %t/conv/output.npy | FileCheck %s
// RUN: tessera-run %S/../../../examples/models/lstm.onnx --input input=%S/../../../examples/models/lstm.input_0.npy --output-dir %t/lstm
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/lstm.output_0.npy %t/lstm/output.npy | FileCheck %s
// CHECK: OK: 1 output(s) match

// The importer keeps the structure: attention's softmax is over the last
// axis of the [heads, query, key] scores, each LayerNormalization becomes one
// layer_norm, and the LSTM unrolls into one input matmul for all steps plus
// one recurrent matmul per step after the first (5 steps; the first step's
// product with the all-zero initial state folds away at import).
// RUN: tessera-compile %S/../../../examples/models/transformer_encoder.onnx | FileCheck %s --check-prefix=ENCODER
// ENCODER: tessera.softmax %{{.*}} axis = 2 : tensor<4x8x8xf32>
// ENCODER-COUNT-2: tessera.layer_norm
// RUN: tessera-compile %S/../../../examples/models/lstm.onnx | FileCheck %s --check-prefix=LSTM
// LSTM-COUNT-5: tessera.matmul
// LSTM-NOT: tessera.matmul
