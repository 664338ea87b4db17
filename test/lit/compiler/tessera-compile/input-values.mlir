// --input NAME=FILE specializes the import on an input's value: a shape
// operand that arrives as a graph input becomes usable, while the input stays
// a function argument.
// RUN: tessera-compile --emit=imported %onnx/node/test_reshape_negative_dim/model.onnx --input shape=%onnx/node/test_reshape_negative_dim/test_data_set_0/input_1.pb | FileCheck %s
// CHECK: func.func @main(%[[D:.+]]: tensor<2x3x4xf32> {tessera.name = "data"}, %{{.+}}: tensor<3xi64> {tessera.name = "shape"}) -> (tensor<2x6x2xf32> {tessera.name = "reshaped"})
// CHECK-NEXT: %[[R:.+]] = tessera.reshape %[[D]] : tensor<2x3x4xf32> to tensor<2x6x2xf32>
// CHECK-NEXT: return %[[R]]

// Without it, the node names the operand that must be constant.
// RUN: not tessera-compile --emit=imported %onnx/node/test_reshape_negative_dim/model.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: tessera-compile: error: node 'Reshape_0' (op 'Reshape', opset {{[0-9]+}}): input 1 ('shape') must be a constant (or computable from constants and static shapes)

// Bad usage and unreadable files.
// RUN: tessera-compile --emit=imported %onnx/node/test_add/model.onnx --input x=foo.txt 2>&1; test $? -eq 2
// RUN: not tessera-compile --emit=imported %onnx/node/test_add/model.onnx --input x=%t.missing.npy 2>&1 | FileCheck %s --check-prefix=UNREADABLE
// UNREADABLE: tessera-compile: error: input 'x': {{.*}}missing.npy
