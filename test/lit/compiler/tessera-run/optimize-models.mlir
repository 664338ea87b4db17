// tessera-run --optimize runs the default pipeline before evaluating: the
// example models go through fused kernels and the simulated arena (a wrong
// memory plan would corrupt the results) and still match PyTorch.

// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-run %S/../../../../examples/models/mlp_gelu.onnx --optimize --input input=%S/../../../../examples/models/mlp_gelu.input_0.npy --output-dir %t/mlp
// RUN: %python %S/../../lib/compare_outputs.py --npy %S/../../../../examples/models/mlp_gelu.output_0.npy %t/mlp/output.npy | FileCheck %s
// RUN: tessera-run %S/../../../../examples/models/transformer_encoder.onnx --optimize --input input=%S/../../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/transformer
// RUN: %python %S/../../lib/compare_outputs.py --npy %S/../../../../examples/models/transformer_encoder.output_0.npy %t/transformer/output.npy | FileCheck %s
// RUN: tessera-run %S/../../../../examples/models/conv_bn_relu.onnx --optimize --input input=%S/../../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/conv
// RUN: %python %S/../../lib/compare_outputs.py --npy %S/../../../../examples/models/conv_bn_relu.output_0.npy %t/conv/output.npy | FileCheck %s
// RUN: tessera-run %S/../../../../examples/models/lstm.onnx --optimize --input input=%S/../../../../examples/models/lstm.input_0.npy --output-dir %t/lstm
// RUN: %python %S/../../lib/compare_outputs.py --npy %S/../../../../examples/models/lstm.output_0.npy %t/lstm/output.npy | FileCheck %s
// CHECK: OK: 1 output(s) match

// The .mlir form too: the same values as without --optimize, with one
// intermediate in the arena (the matmul result, which the kernel of the
// softmax, add and relu reads twice).
// RUN: tessera-run %s --seed 7 > %t/plain.txt
// RUN: tessera-run %s --seed 7 --optimize | diff %t/plain.txt -
// RUN: FileCheck %s --check-prefix=MLIR < %t/plain.txt
// MLIR: y: 4x8 f32 min={{.*}} max={{.*}} mean={{.*}}
func.func @main(%x: tensor<4x6xf32> {tessera.name = "x"}, %w: tensor<6x8xf32> {tessera.name = "w"}) -> (tensor<4x8xf32> {tessera.name = "y"}) {
  %0 = tessera.matmul %x, %w : (tensor<4x6xf32>, tensor<6x8xf32>) -> tensor<4x8xf32>
  %1 = tessera.softmax %0 axis = 1 : tensor<4x8xf32>
  %2 = tessera.add %1, %0 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %3 = tessera.relu %2 : tensor<4x8xf32>
  return %3 : tensor<4x8xf32>
}
