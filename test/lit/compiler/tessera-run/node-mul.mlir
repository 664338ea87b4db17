// ONNX node tests of Mul: tessera-run evaluates each model on its
// test_data_set_0 inputs and writes the outputs as .npy; compare_outputs.py
// checks them against output_N.pb (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t
// RUN: tessera-run %onnx/node/test_mul/model.onnx --input x=%onnx/node/test_mul/test_data_set_0/input_0.pb --input y=%onnx/node/test_mul/test_data_set_0/input_1.pb --output-dir %t/mul
// RUN: %python -m compare_outputs %onnx/node/test_mul/model.onnx %onnx/node/test_mul/test_data_set_0 %t/mul | FileCheck %s
// RUN: tessera-run %onnx/node/test_mul_bcast/model.onnx --input x=%onnx/node/test_mul_bcast/test_data_set_0/input_0.pb --input y=%onnx/node/test_mul_bcast/test_data_set_0/input_1.pb --output-dir %t/mul_bcast
// RUN: %python -m compare_outputs %onnx/node/test_mul_bcast/model.onnx %onnx/node/test_mul_bcast/test_data_set_0 %t/mul_bcast | FileCheck %s
// RUN: tessera-run %onnx/node/test_mul_example/model.onnx --input x=%onnx/node/test_mul_example/test_data_set_0/input_0.pb --input y=%onnx/node/test_mul_example/test_data_set_0/input_1.pb --output-dir %t/mul_example
// RUN: %python -m compare_outputs %onnx/node/test_mul_example/model.onnx %onnx/node/test_mul_example/test_data_set_0 %t/mul_example | FileCheck %s

// CHECK: OK: 1 output(s) match
