// Every element type goes through .npy files written and read by NumPy:
// tessera-run reads the inputs, the function returns them unchanged, and the
// outputs must equal the inputs exactly. bf16 (which NumPy lacks) comes in as
// f32, is rounded to bf16 (nearest even, computed below with NumPy bit
// operations) and goes out as f32. Output names with characters outside
// [A-Za-z0-9._-] become '_' in file names.

// RUN: rm -rf %t && mkdir -p %t/in
// RUN: %python -c "import numpy as np; d = '%t/in/'; \
// RUN:   np.save(d + 'f32.npy', np.array([[1.5, -0.0, 3.25e-39], [np.inf, -7, 1e30]], np.float32)); \
// RUN:   np.save(d + 'f64.npy', np.array([0.1, -1e300, 5e-324, 2], np.float64)); \
// RUN:   np.save(d + 'f16.npy', np.array([65504, -6.1e-05, 0.333], np.float16)); \
// RUN:   np.save(d + 'i64.npy', np.array([[2**53 + 1], [-2**63]], np.int64)); \
// RUN:   np.save(d + 'i32.npy', np.array([-2**31, 2**31 - 1, 0], np.int32)); \
// RUN:   np.save(d + 'i8.npy', np.array([-128, 127, -1], np.int8)); \
// RUN:   np.save(d + 'i1.npy', np.array([[True, False], [False, True]])); \
// RUN:   np.save(d + 'scalar.npy', np.float32(-4.5)); \
// RUN:   x = np.array([1.0, 1.00390625, 1.01171875, -3.0e38], np.float32); np.save(d + 'bf16.npy', x); \
// RUN:   b = x.view(np.uint32).astype(np.uint64); b = ((b + 0x7fff + ((b >> 16) & 1)) >> 16) << 16; \
// RUN:   np.save(d + 'bf16_expected.npy', b.astype(np.uint32).view(np.float32))"
// RUN: tessera-run %s --input f32=%t/in/f32.npy --input f64=%t/in/f64.npy \
// RUN:   --input f16=%t/in/f16.npy --input i64=%t/in/i64.npy --input i32=%t/in/i32.npy \
// RUN:   --input i8=%t/in/i8.npy --input i1=%t/in/i1.npy --input bf16=%t/in/bf16.npy \
// RUN:   --input scalar=%t/in/scalar.npy --output-dir %t/out/nested 2> %t.err
// RUN: count 0 < %t.err
// RUN: %python -m compare_outputs --npy %t/in/f32.npy %t/out/nested/f32.npy | FileCheck %s
// RUN: %python -m compare_outputs --npy %t/in/f64.npy %t/out/nested/f64.npy | FileCheck %s
// RUN: %python -m compare_outputs --npy %t/in/f16.npy %t/out/nested/f16.npy | FileCheck %s
// RUN: %python -m compare_outputs --npy %t/in/i64.npy %t/out/nested/i64.npy | FileCheck %s
// RUN: %python -m compare_outputs --npy %t/in/i32.npy %t/out/nested/i32.npy | FileCheck %s
// RUN: %python -m compare_outputs --npy %t/in/i8.npy %t/out/nested/i8.npy | FileCheck %s
// RUN: %python -m compare_outputs --npy %t/in/i1.npy %t/out/nested/weird_name_.npy | FileCheck %s
// RUN: %python -m compare_outputs --npy %t/in/scalar.npy %t/out/nested/output_8.npy | FileCheck %s
// RUN: %python -m compare_outputs --npy %t/in/bf16_expected.npy %t/out/nested/bf16.npy | FileCheck %s
// Bit-exact, beyond the tolerance of compare_outputs (-0.0, subnormals, inf).
// RUN: %python -c "import numpy as np; import sys; \
// RUN:   ok = all(np.load('%t/in/' + n + '.npy').tobytes() == np.load('%t/out/nested/' + n + '.npy').tobytes() for n in ['f32', 'f64', 'f16']); \
// RUN:   print('BITS', ok)" | FileCheck %s --check-prefix=BITS
// RUN: ls %t/out/nested | FileCheck %s --check-prefix=FILES

// CHECK: OK: 1 output(s) match
// BITS: BITS True
// FILES: bf16.npy
// FILES-NEXT: f16.npy
// FILES-NEXT: f32.npy
// FILES-NEXT: f64.npy
// FILES-NEXT: i32.npy
// FILES-NEXT: i64.npy
// FILES-NEXT: i8.npy
// FILES-NEXT: output_8.npy
// FILES-NEXT: weird_name_.npy
// FILES-EMPTY:

func.func @main(%f32: tensor<2x3xf32> {tessera.name = "f32"},
                %f64: tensor<4xf64> {tessera.name = "f64"},
                %f16: tensor<3xf16> {tessera.name = "f16"},
                %i64: tensor<2x1xi64> {tessera.name = "i64"},
                %i32: tensor<3xi32> {tessera.name = "i32"},
                %i8: tensor<3xi8> {tessera.name = "i8"},
                %i1: tensor<2x2xi1> {tessera.name = "i1"},
                %bf16: tensor<4xbf16> {tessera.name = "bf16"},
                %scalar: tensor<f32> {tessera.name = "scalar"})
    -> (tensor<2x3xf32> {tessera.name = "f32"},
        tensor<4xf64> {tessera.name = "f64"},
        tensor<3xf16> {tessera.name = "f16"},
        tensor<2x1xi64> {tessera.name = "i64"},
        tensor<3xi32> {tessera.name = "i32"},
        tensor<3xi8> {tessera.name = "i8"},
        tensor<2x2xi1> {tessera.name = "weird/name?"},
        tensor<4xbf16> {tessera.name = "bf16"},
        tensor<f32>) {
  return %f32, %f64, %f16, %i64, %i32, %i8, %i1, %bf16, %scalar
      : tensor<2x3xf32>, tensor<4xf64>, tensor<3xf16>, tensor<2x1xi64>,
        tensor<3xi32>, tensor<3xi8>, tensor<2x2xi1>, tensor<4xbf16>, tensor<f32>
}
