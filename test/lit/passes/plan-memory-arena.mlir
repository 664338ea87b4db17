// The plan is checked by running it: tessera-run evaluates a planned function
// through a simulated arena (poisoned, each kernel result stored at its
// offset and read back from there), so two live buffers sharing bytes
// corrupt the result. The function below carries a deliberately wrong,
// hand-written plan: %a and %b are both live at "combine" but both sit at
// offset 0, so "combine" reads %b twice. Stripping the plan gives the
// reference; the pass's own plan reproduces it, the wrong plan does not.

// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -e 's/ {offsets = [^}]*}//' -e 's/ attributes {tessera[^}]*}//' %s > %t/unplanned.mlir
// RUN: tessera-opt %t/unplanned.mlir --tessera-plan-memory -o %t/planned.mlir
// RUN: FileCheck %s --check-prefix=PLAN < %t/planned.mlir
// RUN: tessera-run %t/unplanned.mlir --seed 3 --output-dir %t/reference 2> /dev/null
// RUN: tessera-run %t/planned.mlir --seed 3 --output-dir %t/planned 2> /dev/null
// RUN: tessera-run %s --seed 3 --output-dir %t/wrong 2> /dev/null
// RUN: %python -m compare_outputs --npy %t/reference/y.npy %t/planned/y.npy | FileCheck %s --check-prefix=GOOD
// RUN: not %python -m compare_outputs --npy %t/reference/y.npy %t/wrong/y.npy | FileCheck %s --check-prefix=WRONG

// PLAN: tessera.arena_bytes = 512
// PLAN: "exp" kind = elementwise ({{.*}}) {offsets = array<i64: 0>}
// PLAN: "neg" kind = elementwise ({{.*}}) {offsets = array<i64: 256>}
// PLAN: "combine" kind = elementwise ({{.*}}) {offsets = array<i64: -1>}
// GOOD: OK: 1 output(s) match
// WRONG: MISMATCH

func.func @main(%x: tensor<4x16xf32> {tessera.name = "x"}) -> (tensor<4x16xf32> {tessera.name = "y"}) attributes {tessera.arena_bytes = 256 : i64, tessera.arena_lower_bound_bytes = 512 : i64, tessera.arena_no_reuse_bytes = 512 : i64} {
  %a = tessera.kernel "exp" kind = elementwise (%x) {offsets = array<i64: 0>} : (tensor<4x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%v: tensor<4x16xf32>):
    %e = tessera.exp %v : tensor<4x16xf32>
    tessera.yield %e : tensor<4x16xf32>
  }
  %b = tessera.kernel "neg" kind = elementwise (%x) {offsets = array<i64: 0>} : (tensor<4x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%v: tensor<4x16xf32>):
    %n = tessera.neg %v : tensor<4x16xf32>
    tessera.yield %n : tensor<4x16xf32>
  }
  %y = tessera.kernel "combine" kind = elementwise (%a, %b) {offsets = array<i64: -1>} : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%u: tensor<4x16xf32>, %v: tensor<4x16xf32>):
    %s = tessera.add %u, %v : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    tessera.yield %s : tensor<4x16xf32>
  }
  return %y : tensor<4x16xf32>
}
