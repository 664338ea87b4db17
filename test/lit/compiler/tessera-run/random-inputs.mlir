// Inputs not given are drawn at random, one note per input on stderr:
// floats uniform in [-1, 1), integers in [0, 8), i1 0/1, from a
// std::mt19937_64 seeded per input with --seed (default 0) and the input's
// position, so a value depends only on the seed and the input.

// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-run %s --output-dir %t/seed0 2> %t.err0
// RUN: FileCheck %s --check-prefix=NOTE0 --match-full-lines < %t.err0
// NOTE0:      tessera-run: note: input 'a' not given: using random f32 values in [-1, 1) (seed 0)
// NOTE0-NEXT: tessera-run: note: input 'b' not given: using random i64 values in [0, 8) (seed 0)
// NOTE0-NEXT: tessera-run: note: input 'c' not given: using random i1 values in {0, 1} (seed 0)
// NOTE0-NEXT: tessera-run: note: input 'input_3' not given: using random f16 values in [-1, 1) (seed 0)
// NOTE0-NEXT: tessera-run: note: input 'input_4' not given: using random bf16 values in [-1, 1) (seed 0)
// NOTE0-NEXT: tessera-run: note: input 'input_5' not given: using random f64 values in [-1, 1) (seed 0)
// NOTE0-NEXT: tessera-run: note: input 'input_6' not given: using random i32 values in [0, 8) (seed 0)
// NOTE0-NEXT: tessera-run: note: input 'input_7' not given: using random i8 values in [0, 8) (seed 0)
// NOTE0-EMPTY:

// The ranges hold, and the values are not degenerate (many distinct values,
// means near the middle of the range for 4096 draws).
// RUN: %python -c "import numpy as np; d = '%t/seed0/'; \
// RUN:   f = [np.load(d + n + '.npy').astype(np.float64) for n in ['a', 'output_3', 'output_4', 'output_5']]; \
// RUN:   i = [np.load(d + n + '.npy') for n in ['b', 'output_6', 'output_7']]; \
// RUN:   c = np.load(d + 'c.npy'); \
// RUN:   print('FLOATS', all(x.min() >= -1 and x.max() < 1 and len(np.unique(x)) > 100 and abs(x.mean()) < 0.1 for x in f)); \
// RUN:   print('INTS', all(x.min() == 0 and x.max() == 7 and abs(x.mean() - 3.5) < 0.3 for x in i)); \
// RUN:   print('BOOLS', c.dtype == np.bool_ and 0.4 < c.mean() < 0.6); \
// RUN:   print('DTYPES', [np.load(d + n + '.npy').dtype.str for n in ['a', 'b', 'c', 'output_3', 'output_4', 'output_5', 'output_6', 'output_7']])" \
// RUN:   | FileCheck %s --check-prefix=RANGE
// RANGE:      FLOATS True
// RANGE-NEXT: INTS True
// RANGE-NEXT: BOOLS True
// RANGE-NEXT: DTYPES ['<f4', '<i8', '|b1', '<f2', '<f4', '<f8', '<i4', '|i1']

// The same seed gives the same values; another seed other values.
// RUN: tessera-run %s --seed 0 --output-dir %t/again 2> /dev/null
// RUN: cmp %t/seed0/a.npy %t/again/a.npy
// RUN: cmp %t/seed0/output_7.npy %t/again/output_7.npy
// RUN: tessera-run %s --seed=18446744073709551615 --output-dir %t/seedmax 2> %t.errmax
// RUN: FileCheck %s --check-prefix=NOTEMAX < %t.errmax
// NOTEMAX: tessera-run: note: input 'a' not given: using random f32 values in [-1, 1) (seed 18446744073709551615)
// RUN: not cmp -s %t/seed0/a.npy %t/seedmax/a.npy
// RUN: not cmp -s %t/seed0/b.npy %t/seedmax/b.npy

// Giving one input does not change the values drawn for the others.
// RUN: %python -c "import numpy as np; np.save('%t/a.npy', np.full(4096, 0.5, np.float32))"
// RUN: tessera-run %s --input a=%t/a.npy --output-dir %t/partial 2> %t.errp
// RUN: FileCheck %s --check-prefix=PARTIAL < %t.errp
// PARTIAL-NOT: input 'a'
// PARTIAL: note: input 'b' not given
// RUN: cmp %t/seed0/b.npy %t/partial/b.npy
// RUN: cmp %t/a.npy %t/partial/a.npy

func.func @main(%a: tensor<4096xf32> {tessera.name = "a"},
                %b: tensor<64x64xi64> {tessera.name = "b"},
                %c: tensor<4096xi1> {tessera.name = "c"},
                %d: tensor<4096xf16>, %e: tensor<4096xbf16>,
                %f: tensor<4096xf64>, %g: tensor<4096xi32>,
                %h: tensor<4096xi8>)
    -> (tensor<4096xf32> {tessera.name = "a"},
        tensor<64x64xi64> {tessera.name = "b"},
        tensor<4096xi1> {tessera.name = "c"}, tensor<4096xf16>,
        tensor<4096xbf16>, tensor<4096xf64>, tensor<4096xi32>,
        tensor<4096xi8>) {
  return %a, %b, %c, %d, %e, %f, %g, %h
      : tensor<4096xf32>, tensor<64x64xi64>, tensor<4096xi1>, tensor<4096xf16>,
        tensor<4096xbf16>, tensor<4096xf64>, tensor<4096xi32>, tensor<4096xi8>
}
