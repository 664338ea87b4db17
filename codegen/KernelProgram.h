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
};

} // namespace tessera::codegen

#endif // TESSERA_CODEGEN_KERNELPROGRAM_H
