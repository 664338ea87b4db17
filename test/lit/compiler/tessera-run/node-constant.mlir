// ONNX node tests of Constant: tessera-run evaluates each model on its
// test_data_set_0 inputs and writes the outputs as .npy; compare_outputs.py
// checks them against output_N.pb (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t
// RUN: tessera-run %onnx/node/test_constant/model.onnx --output-dir %t/constant
// RUN: %python -m compare_outputs %onnx/node/test_constant/model.onnx %onnx/node/test_constant/test_data_set_0 %t/constant | FileCheck %s

// CHECK: OK: 1 output(s) match
