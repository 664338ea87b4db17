// A memory plan that writes a kernel's output over one of its own inputs is
// refused by the simulated arena unless the plan declares it in place
// (`tessera.in_place`): all results are computed before any is stored, so the
// evaluation alone would not show the race a GPU kernel would have.
// RUN: sed 's/IN_PLACE//' %s > %t.undeclared.mlir
// RUN: not tessera-run %t.undeclared.mlir 2>&1 | FileCheck %s --check-prefix=UNDECLARED
// UNDECLARED: tessera-run: error: {{.*}}result 0 (arena bytes [0, 64)) overwrites input 0 (bytes [0, 64)) while the kernel reads it
// RUN: sed 's/IN_PLACE/tessera.in_place = array<i64: 0>,/' %s > %t.declared.mlir
// RUN: tessera-run %t.declared.mlir | FileCheck %s --check-prefix=DECLARED
// DECLARED: output_0: 16 f32 min=

func.func @main(%x: tensor<16xf32>) -> tensor<16xf32> attributes {tessera.arena_bytes = 256 : i64} {
  %a = tessera.kernel "first" kind = elementwise (%x) {offsets = array<i64: 0>} : (tensor<16xf32>) -> tensor<16xf32> {
  ^bb0(%v: tensor<16xf32>):
    %0 = tessera.exp %v : tensor<16xf32>
    tessera.yield %0 : tensor<16xf32>
  }
  %b = tessera.kernel "second" kind = elementwise (%a) {IN_PLACE offsets = array<i64: 0>} : (tensor<16xf32>) -> tensor<16xf32> {
  ^bb0(%v: tensor<16xf32>):
    %0 = tessera.neg %v : tensor<16xf32>
    tessera.yield %0 : tensor<16xf32>
  }
  %c = tessera.kernel "third" kind = elementwise (%b) {offsets = array<i64: -1>} : (tensor<16xf32>) -> tensor<16xf32> {
  ^bb0(%v: tensor<16xf32>):
    %0 = tessera.abs %v : tensor<16xf32>
    tessera.yield %0 : tensor<16xf32>
  }
  return %c : tensor<16xf32>
}
