// ONNX node tests of Relu: tessera-run evaluates each model on its
// test_data_set_0 inputs and writes the outputs as .npy; compare_outputs.py
// checks them against output_N.pb (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t
// RUN: tessera-run %onnx/node/test_relu/model.onnx --input x=%onnx/node/test_relu/test_data_set_0/input_0.pb --output-dir %t/relu
// RUN: %python -m compare_outputs %onnx/node/test_relu/model.onnx %onnx/node/test_relu/test_data_set_0 %t/relu | FileCheck %s

// CHECK: OK: 1 output(s) match
