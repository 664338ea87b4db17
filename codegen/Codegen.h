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

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mlir::tessera {

/// Numeric policy of the generated kernels (tessera-compile --precision).
enum class CodegenPrecision { F32, TF32, BF16, F16 };

/// Who computes the matmul kernels that a library can compute (tessera-compile
/// --matmul; codegen/LibraryGemm.cpp, docs/codegen-bundle.md).
enum class MatmulMode {
  Generated, ///< every kernel is generated
  Cublaslt,  ///< cuBLASLt for every kernel it can compute
  Auto,      ///< the tuning file's choice, else the size heuristic
};

struct CodegenOptions {
  CodegenPrecision precision = CodegenPrecision::F32;
  MatmulMode matmul = MatmulMode::Generated;
  /// For MatmulMode::Auto: the tuning file's choice for a kernel (true:
  /// cuBLASLt, false: generated), or nullopt when it has none.
  std::function<std::optional<bool>(Operation *kernel)> matmulChoice;
  /// Prepended to every kernel name (tests that put the kernels of several
  /// models into one host translation unit).
  std::string namePrefix;
};

/// The library GEMM computing |kernel| (a tessera.kernel of kind matmul),
/// or nullopt with |whyNot| saying what cuBLASLt cannot do: the matmul's
/// operands must be kernel operands (reshapes aside), the batch uniform or
/// broadcast, the epilogue bias (along N) and/or ReLU / tanh-GELU, f32
/// tensors.
std::optional<::tessera::codegen::LibraryGemm>
matchLibraryGemm(Operation *kernel, CodegenPrecision precision,
                 std::string *whyNot = nullptr);

/// The `auto` heuristic without a tuning-file entry: cuBLASLt when
/// batch * m * n * k >= kAutoLibraryMacs.
constexpr uint64_t kAutoLibraryMacs = uint64_t(1) << 26;
bool preferLibraryGemm(const ::tessera::codegen::LibraryGemm &gemm);

/// Emits every tessera.kernel in |func|, in schedule order.
FailureOr<std::vector<::tessera::codegen::KernelProgram>>
emitKernels(func::FuncOp func, const CodegenOptions &options);

} // namespace mlir::tessera

#endif // TESSERA_CODEGEN_CODEGEN_H
