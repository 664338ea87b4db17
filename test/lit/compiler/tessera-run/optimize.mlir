// --optimize runs the default pipeline, whose simplification erases dead ops before evaluating. The gather below has an
// out-of-range index but an unused result: evaluated as written it fails,
// while canonicalization erases it (a dead pure op) and the run succeeds.

// RUN: not tessera-run %s 2>&1 | FileCheck %s --check-prefix=PLAIN
// RUN: tessera-run %s --optimize | FileCheck %s --check-prefix=OPT

// PLAIN: tessera-run: error: {{.*}}optimize.mlir:[[# @LINE + 6]]:{{[0-9]+}}: index 7 (element 0 of the indices) is out of range [-3, 3) of dimension 0 of the data
// OPT: y: 3 f32 min=1 max=3 mean=2

func.func @main() -> (tensor<3xf32> {tessera.name = "y"}) {
  %data = tessera.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %idx = tessera.constant dense<[7]> : tensor<1xi64>
  %unused = tessera.gather %data, %idx axis = 0
      : (tensor<3xf32>, tensor<1xi64>) -> tensor<1xf32>
  return %data : tensor<3xf32>
}
