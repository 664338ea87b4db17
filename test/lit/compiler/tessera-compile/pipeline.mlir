// tessera-compile runs the default pipeline after the import: --target
// (a comma-separated list; the kernels are tiled for the first),
// --tuning-file, --emit=imported (no pipeline), and the pass manager's
// --mlir-print-ir-after-all and --mlir-timing.

// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx | FileCheck %s --check-prefixes=CHECK,SM90A
// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --target sm_80,sm_90a | FileCheck %s --check-prefixes=CHECK,SM80
// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --target=sm_90a,sm_80 | FileCheck %s --check-prefixes=CHECK,SM90A
// CHECK-LABEL: func.func @main
// CHECK-SAME: tessera.arena_bytes = 512
// CHECK: tessera.kernel "fc1_Gemm" kind = matmul
// SM80-SAME: mma = "mma.sync.
// SM90A-SAME: mma = "wgmma.
// CHECK: tessera.kernel "fc2_Gemm" kind = matmul
// CHECK: tessera.kernel "Softmax" kind = reduction

// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --emit=imported | FileCheck %s --check-prefix=IMPORTED
// IMPORTED: attributes {tessera.onnx_nodes = 8 : i64}
// IMPORTED-NOT: tessera.kernel
// IMPORTED: tessera.matmul
// IMPORTED-NOT: tessera.kernel

// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=AFTER
// AFTER: IR Dump After TesseraSimplify (tessera-simplify)
// AFTER: IR Dump After TesseraFoldBatchNorm (tessera-fold-batch-norm)
// AFTER: IR Dump After TesseraFoldTransposes (tessera-fold-transposes)
// AFTER: IR Dump After TesseraSimplify (tessera-simplify)
// AFTER: IR Dump After TesseraFuse (tessera-fuse)
// AFTER: IR Dump After TesseraPlanMemory (tessera-plan-memory)
// AFTER: IR Dump After TesseraTile (tessera-tile)
// AFTER-NOT: IR Dump After

// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --mlir-timing -o /dev/null 2>&1 | FileCheck %s --check-prefix=TIMING
// TIMING: Execution time report
// TIMING: import
// TIMING-NEXT: pipeline
// TIMING: TesseraSimplify
// TIMING: TesseraTile
// TIMING-NEXT: print

// The tuning file reaches the tiling; a missing one is an error (exit 1).
// RUN: not tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --tuning-file %t.missing.json 2>&1 | FileCheck %s --check-prefix=TUNING
// TUNING: tessera-compile: error: cannot read tuning file '{{.*}}missing.json'

// Bad targets are usage errors (exit 2), nothing on stdout.
// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --target sm_70 > %t.out 2> %t.err; test $? -eq 2
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=BAD-TARGET < %t.err
// BAD-TARGET: tessera-compile: unknown target 'sm_70' in --target 'sm_70', expected one of sm_80, sm_86, sm_89, sm_90, sm_90a
// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --target sm_80,,sm_90 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=EMPTY-TARGET < %t.err
// EMPTY-TARGET: tessera-compile: empty target in --target 'sm_80,,sm_90', expected targets separated by commas such as sm_80,sm_90a
// RUN: tessera-compile %S/../../../../examples/models/mlp_gelu.onnx --emit=bundle 2> /dev/null; test $? -eq 2
