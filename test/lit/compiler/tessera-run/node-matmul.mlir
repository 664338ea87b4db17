// ONNX node tests of MatMul: tessera-run evaluates each model on its
// test_data_set_0 inputs and writes the outputs as .npy; compare_outputs.py
// checks them against output_N.pb (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t
// RUN: tessera-run %onnx/node/test_matmul_1d_1d/model.onnx --input a=%onnx/node/test_matmul_1d_1d/test_data_set_0/input_0.pb --input b=%onnx/node/test_matmul_1d_1d/test_data_set_0/input_1.pb --output-dir %t/matmul_1d_1d
// RUN: %python -m compare_outputs %onnx/node/test_matmul_1d_1d/model.onnx %onnx/node/test_matmul_1d_1d/test_data_set_0 %t/matmul_1d_1d | FileCheck %s
// RUN: tessera-run %onnx/node/test_matmul_1d_3d/model.onnx --input a=%onnx/node/test_matmul_1d_3d/test_data_set_0/input_0.pb --input b=%onnx/node/test_matmul_1d_3d/test_data_set_0/input_1.pb --output-dir %t/matmul_1d_3d
// RUN: %python -m compare_outputs %onnx/node/test_matmul_1d_3d/model.onnx %onnx/node/test_matmul_1d_3d/test_data_set_0 %t/matmul_1d_3d | FileCheck %s
// RUN: tessera-run %onnx/node/test_matmul_2d/model.onnx --input a=%onnx/node/test_matmul_2d/test_data_set_0/input_0.pb --input b=%onnx/node/test_matmul_2d/test_data_set_0/input_1.pb --output-dir %t/matmul_2d
// RUN: %python -m compare_outputs %onnx/node/test_matmul_2d/model.onnx %onnx/node/test_matmul_2d/test_data_set_0 %t/matmul_2d | FileCheck %s
// RUN: tessera-run %onnx/node/test_matmul_3d/model.onnx --input a=%onnx/node/test_matmul_3d/test_data_set_0/input_0.pb --input b=%onnx/node/test_matmul_3d/test_data_set_0/input_1.pb --output-dir %t/matmul_3d
// RUN: %python -m compare_outputs %onnx/node/test_matmul_3d/model.onnx %onnx/node/test_matmul_3d/test_data_set_0 %t/matmul_3d | FileCheck %s
// RUN: tessera-run %onnx/node/test_matmul_4d/model.onnx --input a=%onnx/node/test_matmul_4d/test_data_set_0/input_0.pb --input b=%onnx/node/test_matmul_4d/test_data_set_0/input_1.pb --output-dir %t/matmul_4d
// RUN: %python -m compare_outputs %onnx/node/test_matmul_4d/model.onnx %onnx/node/test_matmul_4d/test_data_set_0 %t/matmul_4d | FileCheck %s
// RUN: tessera-run %onnx/node/test_matmul_4d_1d/model.onnx --input a=%onnx/node/test_matmul_4d_1d/test_data_set_0/input_0.pb --input b=%onnx/node/test_matmul_4d_1d/test_data_set_0/input_1.pb --output-dir %t/matmul_4d_1d
// RUN: %python -m compare_outputs %onnx/node/test_matmul_4d_1d/model.onnx %onnx/node/test_matmul_4d_1d/test_data_set_0 %t/matmul_4d_1d | FileCheck %s
// RUN: tessera-run %onnx/node/test_matmul_bcast/model.onnx --input a=%onnx/node/test_matmul_bcast/test_data_set_0/input_0.pb --input b=%onnx/node/test_matmul_bcast/test_data_set_0/input_1.pb --output-dir %t/matmul_bcast
// RUN: %python -m compare_outputs %onnx/node/test_matmul_bcast/model.onnx %onnx/node/test_matmul_bcast/test_data_set_0 %t/matmul_bcast | FileCheck %s

// CHECK: OK: 1 output(s) match
