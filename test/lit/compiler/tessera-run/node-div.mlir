// ONNX node tests of Div: tessera-run evaluates each model on its
// test_data_set_0 inputs and writes the outputs as .npy; compare_outputs.py
// checks them against output_N.pb (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t
// RUN: tessera-run %onnx/node/test_div/model.onnx --input x=%onnx/node/test_div/test_data_set_0/input_0.pb --input y=%onnx/node/test_div/test_data_set_0/input_1.pb --output-dir %t/div
// RUN: %python -m compare_outputs %onnx/node/test_div/model.onnx %onnx/node/test_div/test_data_set_0 %t/div | FileCheck %s
// RUN: tessera-run %onnx/node/test_div_bcast/model.onnx --input x=%onnx/node/test_div_bcast/test_data_set_0/input_0.pb --input y=%onnx/node/test_div_bcast/test_data_set_0/input_1.pb --output-dir %t/div_bcast
// RUN: %python -m compare_outputs %onnx/node/test_div_bcast/model.onnx %onnx/node/test_div_bcast/test_data_set_0 %t/div_bcast | FileCheck %s
// RUN: tessera-run %onnx/node/test_div_example/model.onnx --input x=%onnx/node/test_div_example/test_data_set_0/input_0.pb --input y=%onnx/node/test_div_example/test_data_set_0/input_1.pb --output-dir %t/div_example
// RUN: %python -m compare_outputs %onnx/node/test_div_example/model.onnx %onnx/node/test_div_example/test_data_set_0 %t/div_example | FileCheck %s
// RUN: tessera-run %onnx/node/test_div_int32_trunc/model.onnx --input x=%onnx/node/test_div_int32_trunc/test_data_set_0/input_0.pb --input y=%onnx/node/test_div_int32_trunc/test_data_set_0/input_1.pb --output-dir %t/div_int32_trunc
// RUN: %python -m compare_outputs %onnx/node/test_div_int32_trunc/model.onnx %onnx/node/test_div_int32_trunc/test_data_set_0 %t/div_int32_trunc | FileCheck %s

// CHECK: OK: 1 output(s) match
