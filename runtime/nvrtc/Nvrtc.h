//===- Nvrtc.h - Compile prelude-based CUDA C++ with NVRTC ------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A small wrapper around NVRTC for kernels written against the device
// prelude: every embedded prelude file (tessera::prelude::kFiles) is passed
// as an in-memory header ("tessera/core.cuh", ...), so kernel sources need
// nothing from the file system and no CUDA header. Needs no GPU.
//
// No MLIR: the C++ standard library, NVRTC and the prelude.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_NVRTC_NVRTC_H
#define TESSERA_RUNTIME_NVRTC_NVRTC_H

#include <string>
#include <string_view>
#include <vector>

namespace tessera::nvrtc {

/// What one compilation produced.
struct CompileResult {
  /// Whether NVRTC compiled the source.
  bool ok = false;
  /// NVRTC's log (warnings on success). On failure it starts with one line
  /// naming the file, the target and NVRTC's error, e.g.
  ///   "nvrtc: compiling 'softmax.cu' for sm_80 failed:
  ///   NVRTC_ERROR_COMPILATION"
  /// followed by NVRTC's messages ("softmax.cu(12): error: ...").
  std::string log;
  /// The PTX (for every target).
  std::string ptx;
  /// The cubin (ELF); empty for a virtual target (compute_XX).
  std::vector<char> cubin;
};

/// Compiles |source|, shown in diagnostics as |fileName|, for |target|:
/// "sm_XX", "sm_XXa", "sm_XXf" (PTX and cubin) or "compute_XX[a|f]" (PTX
/// only), with "-arch=<target> -std=c++17" and then |extraOptions| (e.g.
/// "-DPLANT_BUG=1", "-lineinfo"). Fast math is never enabled.
CompileResult compile(std::string_view source, std::string_view fileName,
                      std::string_view target,
                      const std::vector<std::string> &extraOptions = {});

/// NVRTC's version, "<major>.<minor>" (e.g. "13.0").
std::string version();

} // namespace tessera::nvrtc

#endif // TESSERA_RUNTIME_NVRTC_NVRTC_H
