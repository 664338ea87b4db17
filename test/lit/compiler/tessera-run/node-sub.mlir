// ONNX node tests of Sub: tessera-run evaluates each model on its
// test_data_set_0 inputs and writes the outputs as .npy; compare_outputs.py
// checks them against output_N.pb (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t
// RUN: tessera-run %onnx/node/test_sub/model.onnx --input x=%onnx/node/test_sub/test_data_set_0/input_0.pb --input y=%onnx/node/test_sub/test_data_set_0/input_1.pb --output-dir %t/sub
// RUN: %python -m compare_outputs %onnx/node/test_sub/model.onnx %onnx/node/test_sub/test_data_set_0 %t/sub | FileCheck %s
// RUN: tessera-run %onnx/node/test_sub_bcast/model.onnx --input x=%onnx/node/test_sub_bcast/test_data_set_0/input_0.pb --input y=%onnx/node/test_sub_bcast/test_data_set_0/input_1.pb --output-dir %t/sub_bcast
// RUN: %python -m compare_outputs %onnx/node/test_sub_bcast/model.onnx %onnx/node/test_sub_bcast/test_data_set_0 %t/sub_bcast | FileCheck %s
// RUN: tessera-run %onnx/node/test_sub_example/model.onnx --input x=%onnx/node/test_sub_example/test_data_set_0/input_0.pb --input y=%onnx/node/test_sub_example/test_data_set_0/input_1.pb --output-dir %t/sub_example
// RUN: %python -m compare_outputs %onnx/node/test_sub_example/model.onnx %onnx/node/test_sub_example/test_data_set_0 %t/sub_example | FileCheck %s

// CHECK: OK: 1 output(s) match
