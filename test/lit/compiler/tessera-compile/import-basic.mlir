// Graph inputs become func arguments, outputs results, each named; ops carry
// the node name and op type as their location.
// RUN: tessera-compile --emit=imported %onnx/node/test_add/model.onnx | FileCheck %s
// RUN: tessera-compile --emit=imported %onnx/node/test_matmul_2d/model.onnx --mlir-print-debuginfo | FileCheck %s --check-prefix=LOC
// RUN: tessera-compile --emit=imported %onnx/node/test_add/model.onnx -o %t.mlir && tessera-opt %t.mlir | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[X:.+]]: tensor<3x4x5xf32> {tessera.name = "x"}, %[[Y:.+]]: tensor<3x4x5xf32> {tessera.name = "y"})
// CHECK-SAME: -> (tensor<3x4x5xf32> {tessera.name = "sum"})
// CHECK: %[[S:.+]] = tessera.add %[[X]], %[[Y]]
// CHECK: return %[[S]]

// LOC: tessera.matmul {{.*}} loc(#[[L:.+]])
// LOC: #[[OP:.+]] = loc("MatMul")
// LOC: #[[L]] = loc("MatMul_0"(#[[OP]]))
