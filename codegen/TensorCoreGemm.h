//===- TensorCoreGemm.h - The tensor-core GEMM of matmul / conv -*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// GemmSpec: what a matmul or conv kernel computes, as a GEMM with element
// loaders, an output index and a finishing expression (MatmulEmitter.cpp
// builds it). emitTensorCoreGemm emits it as the mma.sync kernel of
// TensorCoreGemm.cpp (docs/codegen.md, "Tensor-core GEMM").
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_CODEGEN_TENSORCOREGEMM_H
#define TESSERA_CODEGEN_TENSORCOREGEMM_H

#include "codegen/Emitter.h"

#include <functional>
#include <optional>

namespace mlir::tessera::codegen {

/// A GEMM a matmul / conv kernel computes: C[batch, m, n] = sum_k A(m, k)
/// B(k, n), then |finish| and the epilogue per output element.
struct GemmSpec {
  Value result;
  int64_t batch = 1, M = 1, N = 1, K = 1;
  std::vector<int64_t> batchShape;
  Type aType, bType;
  /// Emit the load of A(m, k) / B(k, n) (in bounds) and return the value.
  std::function<std::string(const Index &batch, StringRef m, StringRef k)>
      loadA;
  std::function<std::string(const Index &batch, StringRef k, StringRef n)>
      loadB;
  /// The result index of output (batch, m, n).
  std::function<Index(const Index &batch, StringRef m, StringRef n)> outIndex;
  /// The anchor's value from the accumulator (e.g. + bias).
  std::function<std::string(StringRef acc, const Index &out)> finish;
  /// Operands that are kernel parameters stored [rows][K] (K contiguous; B
  /// also [K][N] with |bStoredKN|; A also gathered, |aGather|): the block
  /// argument and the element offset of a batch's matrix. Such an operand
  /// may be copied to shared memory with cp.async.
  std::optional<unsigned> aArg, bArg;
  bool bStoredKN = false;
  std::function<std::string(const Index &batch)> aOffset, bOffset;
  /// An A gathered from |aArg| (an implicit-GEMM conv) rather than stored
  /// [rows][K]: |offset| emits the statements and the expression of the
  /// element offset (from |aOffset|) of A(m, k), negative where A(m, k) is
  /// zero (padding); each run of |run| k (j * run ... (j + 1) * run - 1;
  /// |run| divides K) is contiguous in memory. cp.async (ts_gemm_gather_tile)
  /// when |run| elements are a multiple of 16 bytes.
  struct Gather {
    int64_t run = 1;
    std::function<std::string(StringRef m, StringRef k)> offset;
  };
  std::optional<Gather> aGather;
  /// Whether k is the fastest-varying index of the operand in memory (the
  /// register-staged fill then walks k fastest, else m / n).
  bool aKContiguous = true, bKContiguous = true;
};

/// Emits the tensor-core GEMM for |g| into |e| and sets the launch of
/// |program|; nullopt when the types or shapes need the CUDA-core kernel
/// (nothing emitted then).
/// Opens the grid-stride loop over |g|'s batches (blockIdx.z) and a scope;
/// returns the batch index (the caller closes both).
Index openGemmBatchLoop(KernelEmitter &e, const GemmSpec &g);

/// The epilogue of output element (m, n) of batch |batchIndex| (the C++
/// names "m" and "n"), shared by both GEMM emitters: when in bounds, the
/// body's ops after the GEMM on the accumulator expression |acc| (standing
/// for |g.result|), stored to the results.
void emitGemmEpilogue(KernelEmitter &e, const GemmSpec &g,
                      const Index &batchIndex, StringRef acc);

std::optional<LogicalResult>
emitTensorCoreGemm(KernelEmitter &e, ::tessera::codegen::KernelProgram &program,
                   const GemmSpec &g);

} // namespace mlir::tessera::codegen

#endif // TESSERA_CODEGEN_TENSORCOREGEMM_H
