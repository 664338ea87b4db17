// ONNX node tests of Add: tessera-run evaluates each model on its
// test_data_set_0 inputs and writes the outputs as .npy; compare_outputs.py
// checks them against output_N.pb (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t
// RUN: tessera-run %onnx/node/test_add/model.onnx --input x=%onnx/node/test_add/test_data_set_0/input_0.pb --input y=%onnx/node/test_add/test_data_set_0/input_1.pb --output-dir %t/add
// RUN: %python -m compare_outputs %onnx/node/test_add/model.onnx %onnx/node/test_add/test_data_set_0 %t/add | FileCheck %s
// RUN: tessera-run %onnx/node/test_add_bcast/model.onnx --input x=%onnx/node/test_add_bcast/test_data_set_0/input_0.pb --input y=%onnx/node/test_add_bcast/test_data_set_0/input_1.pb --output-dir %t/add_bcast
// RUN: %python -m compare_outputs %onnx/node/test_add_bcast/model.onnx %onnx/node/test_add_bcast/test_data_set_0 %t/add_bcast | FileCheck %s

// CHECK: OK: 1 output(s) match
