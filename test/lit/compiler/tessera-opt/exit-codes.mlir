// tessera-opt exits 0 on success, 1 on invalid input, 2 on bad usage, and
// keeps diagnostics on stderr.

// RUN: tessera-opt %s > %t.out 2> %t.err; test $? -eq 0
// RUN: FileCheck %s --check-prefix=OK < %t.out
// RUN: count 0 < %t.err
// OK-LABEL: func.func @identity
// OK: return %arg0 : tensor<4xf32>

// RUN: echo 'func.func @bad(%a: tensor<4xf32>) -> tensor<4xi32> { %0 = tessera.exp %a : tensor<4xi32> return %0 : tensor<4xi32> }' > %t.bad.mlir
// RUN: tessera-opt %t.bad.mlir > %t.out 2> %t.err; test $? -eq 1
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=INVALID < %t.err
// INVALID: error: use of value '%a' expects different type than prior uses: 'tensor<4xi32>' vs 'tensor<4xf32>'

// RUN: tessera-opt %t.missing.mlir > %t.out 2> %t.err; test $? -eq 1
// RUN: FileCheck %s --check-prefix=MISSING < %t.err
// MISSING: cannot open input file '{{.*}}missing.mlir': No such file or directory

// RUN: tessera-opt --no-such-flag %s > %t.out 2> %t.err; test $? -eq 2
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=USAGE < %t.err
// USAGE: tessera-opt: Unknown command line argument '--no-such-flag'.

func.func @identity(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
