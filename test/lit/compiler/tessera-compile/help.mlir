// --help lists tessera-compile's own options and MLIR's --mlir-* options,
// not the hundreds that libLLVM registers.
// RUN: tessera-compile --help | FileCheck %s
// CHECK: USAGE: tessera-compile [options] <model.onnx>
// CHECK: MLIR options:
// CHECK: --mlir-timing
// CHECK: tessera-compile options:
// CHECK: --emit=<value>
// CHECK: --matmul=<generated|cublaslt|auto>
// CHECK: --precision=<f32|tf32|bf16|f16>
// CHECK: --target=<sm_XX[,sm_YY...]>
// RUN: tessera-compile --help | FileCheck %s --check-prefix=HIDDEN
// HIDDEN-NOT: --aarch64-neon-syntax
// HIDDEN-NOT: --polly
// HIDDEN-NOT: --no-nvrtc
