// The demo model (examples/mlp.mlir) verifies, and canonicalization removes
// exactly the subtraction of zero and the scaling by one.
// RUN: tessera-opt %S/../../../examples/mlp.mlir | FileCheck %s --check-prefix=PARSED
// RUN: tessera-opt --canonicalize %S/../../../examples/mlp.mlir | FileCheck %s --check-prefix=CANON

// PARSED-LABEL: func.func @mlp
// PARSED: tessera.sub
// PARSED: tessera.mul
// PARSED: tessera.softmax

// CANON-LABEL: func.func @mlp
// CANON-NOT: tessera.sub
// CANON-NOT: tessera.mul
// CANON: %[[H:.+]] = tessera.gelu
// CANON: %[[O:.+]] = tessera.matmul %[[H]]
// CANON: %[[P:.+]] = tessera.softmax %[[O]] axis = 1 : tensor<2x3xf32>
// CANON: return %[[P]]
