// The default pipeline (--tessera-default-pipeline): its passes in order,
// its options, what it makes of a small function, and the errors for bad
// options.

// RUN: tessera-opt %s --tessera-default-pipeline --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=ORDER
// RUN: tessera-opt %s --tessera-default-pipeline='target=sm_80 tuning-file=%S/Inputs/pipeline-tuning.json' --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=OPTIONS
// RUN: tessera-opt %s --tessera-default-pipeline --mlir-print-ir-after-all --mlir-disable-threading -o /dev/null 2>&1 | FileCheck %s --check-prefix=AFTER
// RUN: tessera-opt %s --tessera-default-pipeline | FileCheck %s --check-prefixes=CHECK,SM90A
// RUN: tessera-opt %s --tessera-default-pipeline='target=sm_80 tuning-file=%S/Inputs/pipeline-tuning.json' | FileCheck %s --check-prefixes=CHECK,SM80
// RUN: not tessera-opt %s --tessera-default-pipeline='target=sm_70' 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not tessera-opt %s --tessera-default-pipeline='targets=sm_80' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not tessera-opt %s --tessera-default-pipeline='target=sm_80 tuning-file=%t.missing.json' 2>&1 | FileCheck %s --check-prefix=TUNING

// Seven stages on every function: simplify, fold batch norms, fold
// transposes, simplify again, fuse, plan memory, tile (default sm_90a, no
// tuning file).
// ORDER: builtin.module(func.func(
// ORDER-SAME: tessera-simplify
// ORDER-SAME: ,tessera-fold-batch-norm
// ORDER-SAME: ,tessera-fold-transposes
// ORDER-SAME: ,tessera-simplify
// ORDER-SAME: ,tessera-fuse
// ORDER-SAME: ,tessera-plan-memory
// ORDER-SAME: ,tessera-tile{{.*}}target=sm_90a
// ORDER-SAME: tuning-file={{[ }]}}

// The options reach the tiling.
// OPTIONS: tessera-tile{{.*}}target=sm_80
// OPTIONS-SAME: tuning-file={{.*}}pipeline-tuning.json

// Function by function (without threading), each through all seven.
// AFTER: IR Dump After TesseraSimplify (tessera-simplify)
// AFTER-NEXT: func.func @relu
// AFTER: IR Dump After TesseraFoldBatchNorm (tessera-fold-batch-norm)
// AFTER-NEXT: func.func @relu
// AFTER: IR Dump After TesseraFoldTransposes (tessera-fold-transposes)
// AFTER-NEXT: func.func @relu
// AFTER: IR Dump After TesseraSimplify (tessera-simplify)
// AFTER-NEXT: func.func @relu
// AFTER: IR Dump After TesseraFuse (tessera-fuse)
// AFTER-NEXT: func.func @relu
// AFTER: IR Dump After TesseraPlanMemory (tessera-plan-memory)
// AFTER-NEXT: func.func @relu
// AFTER: IR Dump After TesseraTile (tessera-tile)
// AFTER-NEXT: func.func @relu
// AFTER: IR Dump After TesseraSimplify (tessera-simplify)
// AFTER-NEXT: func.func @chain
// AFTER: IR Dump After TesseraFoldBatchNorm (tessera-fold-batch-norm)
// AFTER-NEXT: func.func @chain
// AFTER: IR Dump After TesseraFoldTransposes (tessera-fold-transposes)
// AFTER-NEXT: func.func @chain
// AFTER: IR Dump After TesseraSimplify (tessera-simplify)
// AFTER-NEXT: func.func @chain
// AFTER: IR Dump After TesseraFuse (tessera-fuse)
// AFTER-NEXT: func.func @chain
// AFTER: IR Dump After TesseraPlanMemory (tessera-plan-memory)
// AFTER-NEXT: func.func @chain
// AFTER: IR Dump After TesseraTile (tessera-tile)
// AFTER-NEXT: func.func @chain
// AFTER-NOT: IR Dump After

// TARGET: error: unknown target 'sm_70', expected one of sm_80, sm_86, sm_89, sm_90, sm_90a
// OPTION: no such option targets
// TUNING: error: cannot read tuning file '{{.*}}missing.json'

// One elementwise kernel, its result bound by the caller (-1): no arena.
// The tuning file's entry applies on sm_80 only.
// CHECK-LABEL: func.func @relu
// CHECK-SAME: tessera.arena_bytes = 0
// CHECK: tessera.kernel "relu" kind = elementwise
// SM80-SAME: launch = {grid = [1, 1, 1], threads = 64 : i64, vector = 2 : i64}
// SM90A-NOT: threads = 64
// CHECK-SAME: offsets = array<i64: -1>
func.func @relu(%x: tensor<8x6xf32>) -> tensor<8x6xf32> {
  %0 = tessera.relu %x : tensor<8x6xf32>
  return %0 : tensor<8x6xf32>
}

// The x * 1 folds away, the matmul gets its own kernel, the softmax and the
// relu after it one reduction kernel; the matmul result is the one
// intermediate, at offset 0 of a 256-byte arena. Tiled with wgmma on sm_90a,
// mma.sync on sm_80.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: tessera.arena_bytes = 256
// CHECK-NOT: tessera.mul
// CHECK: %[[MM:.+]] = tessera.kernel "{{.*}}" kind = matmul
// SM90A-SAME: mma = "wgmma.
// SM80-SAME: mma = "mma.sync.
// CHECK-SAME: offsets = array<i64: 0>
// CHECK: tessera.matmul
// CHECK: tessera.kernel "{{.*}}" kind = reduction (%[[MM]])
// CHECK-SAME: offsets = array<i64: -1>
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.softmax
// CHECK-NEXT: tessera.relu
func.func @chain(%x: tensor<8x6xf32>, %w: tensor<6x4xf32>) -> tensor<8x4xf32> {
  %one = tessera.constant dense<1.0> : tensor<f32>
  %0 = tessera.mul %x, %one : (tensor<8x6xf32>, tensor<f32>) -> tensor<8x6xf32>
  %1 = tessera.matmul %0, %w : (tensor<8x6xf32>, tensor<6x4xf32>) -> tensor<8x4xf32>
  %2 = tessera.softmax %1 axis = 1 : tensor<8x4xf32>
  %3 = tessera.relu %2 : tensor<8x4xf32>
  return %3 : tensor<8x4xf32>
}
