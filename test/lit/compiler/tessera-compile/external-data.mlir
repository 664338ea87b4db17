// Initializers stored as ONNX external data (a file beside the model) are
// read from it; the result matches NumPy.
// RUN: rm -rf %t && %python %S/../../lib/external_data_model.py %t
// RUN: tessera-compile %t/model.onnx | FileCheck %s
// CHECK: tessera.constant dense_resource<W> : tensor<64x32xf32>
// CHECK: tessera.matmul
// RUN: tessera-run %t/model.onnx --input x=%t/x.npy --output-dir %t/out
// RUN: %python %S/../../lib/compare_outputs.py --npy %t/y.npy %t/out/y.npy | FileCheck %s --check-prefix=NUMERIC
// NUMERIC: OK: 1 output(s) match

// A missing or short external file is one error naming the initializer and
// the file.
// RUN: mv %t/weights.bin %t/weights.moved
// RUN: not tessera-compile %t/model.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: tessera-compile: error: initializer 'W': cannot read 8192 bytes at offset 0 of external data file '{{.*}}weights.bin': No such file or directory
// RUN: head -c 100 %t/weights.moved > %t/weights.bin
// RUN: not tessera-compile %t/model.onnx 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: tessera-compile: error: initializer 'W': external data file '{{.*}}weights.bin' holds 100 bytes, but the tensor needs 8192 bytes at offset 0
