//===- LibraryGemm.h - The Gemm steps of a plan -----------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A Gemm step (bundle::GemmParams, docs/bundle.md) runs
//   - on the emu executor with runGemmOnHost: the operands rounded as the
//     compute mode says (tf32: 10 mantissa bits, bf16, f16; round to nearest
//     even), products accumulated in double, then alpha, the bias and the
//     activation (GELU: the tanh approximation, as cuBLASLt's) in f32 — so
//     that CI checks a plan with library steps end to end without a GPU;
//   - on the CUDA executor with cuBLASLt, loaded with dlopen (never linked:
//     the static tools depend on glibc alone). $TESSERA_CUBLASLT_LIBRARY, when
//     set, is the only candidate; otherwise libcublasLt.so.13, .so.12,
//     libcublasLt.so, then the same under /usr/local/cuda/lib64.
//
// Row-major D = op(A)·op(B) is column-major Dᵀ = op(B)ᵀ·op(A)ᵀ: cuBLASLt gets
// B as its "A" and A as its "B", with m and n swapped; the bias (one value
// per column of D) is then one value per row of cuBLASLt's D, which is what
// CUBLASLT_EPILOGUE_BIAS adds.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EXEC_LIBRARYGEMM_H
#define TESSERA_RUNTIME_EXEC_LIBRARYGEMM_H

#include "runtime/bundle/BundleModel.h"
#include "runtime/tessera_runtime.h"

#include <cstddef>
#include <memory>
#include <string>

namespace tessera::exec {

/// Runs |gemm| on host memory (see above). |bias| is null unless the
/// epilogue has one.
void runGemmOnHost(const bundle::GemmParams &gemm, const float *a,
                   const float *b, const float *bias, float *d);

/// Whether cuBLASLt could be loaded and has every entry point Tessera uses;
/// false with |error| naming the files tried.
bool cublasLtAvailable(std::string &error);

/// cuBLASLt on one device: a handle, a workspace, and the descriptors and
/// algorithm of each Gemm step, made on the step's first run.
class CublasLtRunner {
public:
  virtual ~CublasLtRunner() = default;
  /// Runs Gemm step |stepIndex| on |stream| (a cudaStream_t) with device
  /// pointers. |label| (the bundle and step) prefixes messages.
  virtual tessera_status_t run(size_t stepIndex, const bundle::GemmParams &gemm,
                               const void *a, const void *b, const void *bias,
                               void *d, void *stream,
                               const std::string &label) = 0;
};

/// Loads cuBLASLt and creates a runner on the current device. Without the
/// library: UNAVAILABLE "<label>: the plan has library GEMM steps but cuBLASLt
/// was not found (tried …)".
tessera_status_t createCublasLtRunner(std::unique_ptr<CublasLtRunner> &out,
                                      const std::string &label);

} // namespace tessera::exec

#endif // TESSERA_RUNTIME_EXEC_LIBRARYGEMM_H
