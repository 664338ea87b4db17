// Without --output-dir, tessera-run prints one line per output on stdout:
// "<name>: <dims> <dtype> min=<v> max=<v> mean=<v>" (%g), in result order.
// Unnamed results are output_N. Values computed by hand: x = 1 everywhere,
// so sum = [[2, -1.5], [5, 1.5]] (mean 7 / 4); the i64 constant has mean
// 16 / 4.

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.ones((2, 2), np.float32))"
// RUN: tessera-run %s --input x=%t/x.npy > %t.out 2> %t.err
// RUN: FileCheck %s < %t.out
// RUN: count 0 < %t.err
// --optimize (canonicalization) changes nothing observable.
// RUN: tessera-run %s --input x=%t/x.npy --optimize | diff - %t.out
// --device=cpu is the default.
// RUN: tessera-run %s --device=cpu --input x=%t/x.npy | diff - %t.out

// CHECK:      sum: 2x2 f32 min=-1.5 max=5 mean=1.75
// CHECK-NEXT: output_1: 4 i64 min=1 max=10 mean=4
// CHECK-NEXT: s: scalar f64 min=0.125 max=0.125 mean=0.125
// CHECK-NEXT: big: 2 f32 min=-1e+30 max=3e-05 mean=-5e+29
// CHECK-NEXT: nan: 2 f16 min=nan max=nan mean=nan
// CHECK-NEXT: empty: 0x3 f32 (no elements)
// CHECK-EMPTY:

func.func @main(%x: tensor<2x2xf32> {tessera.name = "x"})
    -> (tensor<2x2xf32> {tessera.name = "sum"}, tensor<4xi64>,
        tensor<f64> {tessera.name = "s"}, tensor<2xf32> {tessera.name = "big"},
        tensor<2xf16> {tessera.name = "nan"},
        tensor<0x3xf32> {tessera.name = "empty"}) {
  %c = tessera.constant dense<[[1.0, -2.5], [4.0, 0.5]]> : tensor<2x2xf32>
  %sum = tessera.add %x, %c : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %i = tessera.constant dense<[1, 2, 3, 10]> : tensor<4xi64>
  %s = tessera.constant dense<0.125> : tensor<f64>
  %big = tessera.constant dense<[-1.0e30, 3.0e-5]> : tensor<2xf32>
  %nan = tessera.constant dense<[1.0, 0x7E00]> : tensor<2xf16>
  %e = tessera.constant dense<> : tensor<0x3xf32>
  return %sum, %i, %s, %big, %nan, %e
      : tensor<2x2xf32>, tensor<4xi64>, tensor<f64>, tensor<2xf32>,
        tensor<2xf16>, tensor<0x3xf32>
}
