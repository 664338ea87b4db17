// RUN: tessera-opt %s --tessera-plan-memory --split-input-file -verify-diagnostics
// RUN: not tessera-opt %s --tessera-plan-memory=alignment=0 --split-input-file 2>&1 | FileCheck %s --check-prefix=ALIGN

// ALIGN: error: expected alignment >= 1, got 0

// Memory planning needs kernel IR: graph ops must be fused first.
func.func @unfused(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.kernel "exp" kind = elementwise (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %e = tessera.exp %a : tensor<4xf32>
    tessera.yield %e : tensor<4xf32>
  }
  // expected-error@+1 {{expected every op to be inside a tessera.kernel; run --tessera-fuse first: found 'tessera.add'}}
  %1 = tessera.add %0, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// A kernel inside a kernel is not a schedulable unit.
func.func @nested_kernel(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.kernel "outer" kind = elementwise (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    // expected-error@+1 {{expected only tessera ops without regions in the body of kernel 'outer', found 'tessera.kernel'}}
    %i = tessera.kernel "inner" kind = elementwise (%a) : (tensor<4xf32>) -> tensor<4xf32> {
    ^bb0(%b: tensor<4xf32>):
      %e = tessera.exp %b : tensor<4xf32>
      tessera.yield %e : tensor<4xf32>
    }
    tessera.yield %i : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// Kernel bodies hold graph ops only; a call has no reference evaluation or
// code generator.
func.func private @helper(tensor<4xf32>) -> tensor<4xf32>

func.func @call_in_kernel(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.kernel "calls" kind = elementwise (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    // expected-error@+1 {{expected only tessera ops without regions in the body of kernel 'calls', found 'func.call'}}
    %c = func.call @helper(%a) : (tensor<4xf32>) -> tensor<4xf32>
    tessera.yield %c : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// Calls between functions are not scheduled either.
func.func private @callee(tensor<4xf32>) -> tensor<4xf32>

func.func @call_outside_kernels(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{expected every op to be inside a tessera.kernel; run --tessera-fuse first: found 'func.call'}}
  %0 = func.call @callee(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
