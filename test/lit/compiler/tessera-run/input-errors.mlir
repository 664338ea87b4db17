// A bad --input is one error on stderr naming the input, the file and what
// was expected; nothing on stdout; exit 1. No random-input note comes first.

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; d = '%t/'; \
// RUN:   np.save(d + 'x.npy', np.zeros((2, 3), np.float32)); \
// RUN:   np.save(d + 'x3.npy', np.zeros(3, np.float32)); \
// RUN:   np.save(d + 'x64.npy', np.zeros((2, 3), np.float64)); \
// RUN:   np.save(d + 'big.npy', np.zeros((2, 3), '>f4')); \
// RUN:   np.save(d + 'fortran.npy', np.asfortranarray(np.zeros((2, 3), np.float32))); \
// RUN:   np.save(d + 'u2.npy', np.zeros((2, 3), np.uint16)); \
// RUN:   np.save(d + 'object.npy', np.array([1, 'a'], dtype=object), allow_pickle=True); \
// RUN:   open(d + 'trunc.npy', 'wb').write(open(d + 'x.npy', 'rb').read()[:-4]); \
// RUN:   open(d + 'garbage.npy', 'wb').write(b'PK not numpy'); \
// RUN:   open(d + 'garbage.pb', 'wb').write(b'\xff\xff\xff')"

// Unknown input name.
// RUN: not tessera-run %s --input z=%t/x.npy > %t.out 2> %t.err
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=NAME --match-full-lines < %t.err
// NAME: tessera-run: error: --input z={{.*}}x.npy: the model has no input 'z' (its inputs: x, y)
// NAME-EMPTY:

// Wrong shape, wrong dtype (.npy and .pb).
// RUN: not tessera-run %s --input x=%t/x3.npy 2>&1 | FileCheck %s --check-prefix=SHAPE --match-full-lines
// SHAPE: tessera-run: error: input 'x' from {{.*}}x3.npy: expected 2x3 f32, got 3 f32
// SHAPE-EMPTY:
// RUN: not tessera-run %s --input x=%t/x.npy --input y=%t/x64.npy 2>&1 | FileCheck %s --check-prefix=DTYPE --match-full-lines
// DTYPE: tessera-run: error: input 'y' from {{.*}}x64.npy: expected 3 f32, got 2x3 f64
// DTYPE-EMPTY:
// RUN: not tessera-run %s --input x=%onnx/node/test_add/test_data_set_0/input_0.pb 2>&1 | FileCheck %s --check-prefix=PB --match-full-lines
// PB: tessera-run: error: input 'x' from {{.*}}test_add/test_data_set_0/input_0.pb: expected 2x3 f32, got 3x4x5 f32
// PB-EMPTY:

// Unreadable or unsupported files.
// RUN: not tessera-run %s --input x=%t/missing.npy 2>&1 | FileCheck %s --check-prefix=MISSING --match-full-lines
// MISSING: tessera-run: error: input 'x': {{.*}}missing.npy: cannot read: No such file or directory
// MISSING-EMPTY:
// RUN: not tessera-run %s --input x=%t/missing.pb 2>&1 | FileCheck %s --check-prefix=MISSINGPB --match-full-lines
// MISSINGPB: tessera-run: error: input 'x': {{.*}}missing.pb: cannot read: No such file or directory
// RUN: not tessera-run %s --input x=%t/garbage.npy 2>&1 | FileCheck %s --check-prefix=MAGIC --match-full-lines
// MAGIC: tessera-run: error: input 'x': {{.*}}garbage.npy: not a .npy file (bad magic)
// RUN: not tessera-run %s --input x=%t/garbage.pb 2>&1 | FileCheck %s --check-prefix=GARBAGEPB --match-full-lines
// GARBAGEPB: tessera-run: error: input 'x': {{.*}}garbage.pb: not a valid ONNX TensorProto
// RUN: not tessera-run %s --input x=%t/trunc.npy 2>&1 | FileCheck %s --check-prefix=TRUNC --match-full-lines
// TRUNC: tessera-run: error: input 'x': {{.*}}trunc.npy: truncated data: shape 2x3 of <f4 needs 24 bytes, the file holds 20
// RUN: not tessera-run %s --input x=%t/big.npy 2>&1 | FileCheck %s --check-prefix=BIG --match-full-lines
// BIG: tessera-run: error: input 'x': {{.*}}big.npy: unsupported .npy dtype '>f4' (big-endian); expected one of <f4 <f8 <f2 <i8 <i4 |i1 |b1
// RUN: not tessera-run %s --input x=%t/u2.npy 2>&1 | FileCheck %s --check-prefix=U2 --match-full-lines
// U2: tessera-run: error: input 'x': {{.*}}u2.npy: unsupported .npy dtype '<u2'; expected one of <f4 <f8 <f2 <i8 <i4 |i1 |b1
// RUN: not tessera-run %s --input x=%t/object.npy 2>&1 | FileCheck %s --check-prefix=OBJECT --match-full-lines
// OBJECT: tessera-run: error: input 'x': {{.*}}object.npy: unsupported .npy dtype '|O'; expected one of <f4 <f8 <f2 <i8 <i4 |i1 |b1
// RUN: not tessera-run %s --input x=%t/fortran.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN --match-full-lines
// FORTRAN: tessera-run: error: input 'x': {{.*}}fortran.npy: fortran_order True (column-major) .npy data is not supported; save a C-contiguous array

func.func @main(%x: tensor<2x3xf32> {tessera.name = "x"},
                %y: tensor<3xf32> {tessera.name = "y"})
    -> (tensor<2x3xf32> {tessera.name = "sum"}) {
  %0 = tessera.add %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
