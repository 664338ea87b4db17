// Weights named like "1" (as PyTorch's exporter names them) become valid
// dense_resource keys, so the printed IR parses again.
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_Conv3d/model.onnx -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: tessera-opt %t.mlir > /dev/null
// CHECK: tessera.constant dense_resource<w_1>
