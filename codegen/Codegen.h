//===- Codegen.h - CUDA C++ for the kernels of a planned function -*- C++
//-*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The entry point of the CUDA C++ emitters: one KernelProgram per
// tessera.kernel of a function that went through the default pipeline
// (fused, planned, tiled). One emitter per kernel kind; every kernel a model
// can produce is emitted or the call fails with a diagnostic naming the
// kernel's ONNX node — never a silent fallback.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_CODEGEN_CODEGEN_H
#define TESSERA_CODEGEN_CODEGEN_H

#include "codegen/KernelProgram.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LogicalResult.h"

#include <string>
#include <vector>

namespace mlir::tessera {

/// Numeric policy of the generated kernels (tessera-compile --precision).
enum class CodegenPrecision { F32, TF32, BF16, F16 };

struct CodegenOptions {
  CodegenPrecision precision = CodegenPrecision::F32;
  /// Prepended to every kernel name (tests that put the kernels of several
  /// models into one host translation unit).
  std::string namePrefix;
};

/// Emits every tessera.kernel in |func|, in schedule order.
FailureOr<std::vector<::tessera::codegen::KernelProgram>>
emitKernels(func::FuncOp func, const CodegenOptions &options);

} // namespace mlir::tessera

#endif // TESSERA_CODEGEN_CODEGEN_H
