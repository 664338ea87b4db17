//===- KernelProgram.h - What an emitter produces ---------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The result of emitting one tessera.kernel as CUDA C++: a plain value (in
// the spirit of tinygrad's Program) that the bundle writer, NVRTC and the
// host JIT consume. No MLIR types in it.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_CODEGEN_KERNELPROGRAM_H
#define TESSERA_CODEGEN_KERNELPROGRAM_H

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera::codegen {

/// One pointer parameter of a generated kernel.
struct KernelParam {
  enum class Kind { Operand, Result };
  /// An operand of the tessera.kernel (Operand) or one of its results.
  Kind kind = Kind::Operand;
  /// Which operand / result.
  unsigned index = 0;
};

/// A matmul kernel that a library (cuBLASLt) computes instead (tessera-compile
/// --matmul, codegen/LibraryGemm.cpp): the bundle plans a Gemm step
/// (runtime/bundle/BundleModel.h, whose GemmParams these fields mirror)
/// rather than a launch. Row-major f32 storage:
///   D[b] = act(alpha · op(A[b]) · op(B[b]) + bias)
struct LibraryGemm {
  enum class Compute { F32, TF32, BF16, F16 };
  enum class Epilogue { None, Bias, Relu, BiasRelu, Gelu, BiasGelu };
  uint64_t m = 1, n = 1, k = 1, batch = 1;
  bool transA = false, transB = false;
  /// Row pitches and batch strides, in elements (stride 0: broadcast).
  uint64_t lda = 1, ldb = 1, ldd = 1;
  uint64_t strideA = 0, strideB = 0, strideD = 0;
  Compute compute = Compute::F32;
  Epilogue epilogue = Epilogue::None;
  float alpha = 1.0f;
  /// The tessera.kernel operands holding A, B and the bias (-1: none); D is
  /// result 0.
  unsigned a = 0, b = 1;
  int bias = -1;
};

struct KernelProgram {
  /// The kernel's function name: a C identifier derived from the kernel's
  /// name (the ONNX node names), unique in the module.
  std::string name;
  /// The tessera.kernel kind ("elementwise", "reduction", …).
  std::string kind;
  /// The ONNX nodes fused into it (from the kernel's location).
  std::vector<std::string> nodes;
  /// A complete .cu file: prelude includes, a comment listing the fused ops,
  /// helpers, and the TS_KERNEL function.
  std::string source;
  /// Launch configuration.
  std::array<uint32_t, 3> grid{1, 1, 1};
  std::array<uint32_t, 3> block{1, 1, 1};
  uint32_t sharedBytes = 0;
  /// The kernel's parameters, all pointers, in order. Operands that are
  /// splat constants are folded into the source and have no parameter.
  std::vector<KernelParam> params;
  /// Set when a library computes this kernel (the source is still emitted:
  /// it is what --matmul=generated launches).
  std::optional<LibraryGemm> library;
};

} // namespace tessera::codegen

#endif // TESSERA_CODEGEN_KERNELPROGRAM_H
