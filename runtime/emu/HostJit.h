//===- HostJit.h - Build kernel sources into a host module ------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The host JIT of the CPU emulator: CUDA C++ kernel sources written against
// the device prelude are compiled, many kernels per translation unit, by the
// system C++ compiler into a shared object, which is loaded and whose kernels
// the emulator launches. Shared objects are cached on disk under a key that
// covers the sources, the kernel names, the prelude, the compiler and its
// flags (see docs/emulator.md).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_HOSTJIT_H
#define TESSERA_RUNTIME_EMU_HOSTJIT_H

#include "runtime/emu/Emulator.h"

#include <memory>
#include <string>
#include <vector>

namespace tessera::emu {

/// One source file and the kernels (TS_KERNEL functions) it defines.
struct KernelSource {
  /// File name shown in diagnostics ("softmax.cu").
  std::string fileName;
  std::string code;
  std::vector<std::string> kernels;
};

struct HostJitOptions {
  /// "" = $TESSERA_CACHE_DIR/emu, else $XDG_CACHE_HOME/tessera/emu, else
  /// $HOME/.cache/tessera/emu.
  std::string cacheDir;
  /// "" = $TESSERA_HOST_CXX, else "c++".
  std::string compiler;
  /// Appended to the fixed flags (e.g. "-DPLANT_BUG=1").
  std::vector<std::string> extraFlags;
  /// Reuse (and store) cached shared objects.
  bool useCache = true;
};

/// A loaded shared object of host-compiled kernels.
class HostModule {
public:
  ~HostModule();
  HostModule(const HostModule &) = delete;
  HostModule &operator=(const HostModule &) = delete;

  /// The kernel named |name|, or null when the module has none.
  const KernelHandle *kernel(std::string_view name) const;
  /// The shared object's path (in the cache).
  const std::string &path() const { return soPath; }
  /// Whether the shared object came from the cache.
  bool fromCache() const { return cached; }

private:
  friend struct HostJitAccess;
  HostModule() = default;
  void *handle = nullptr;
  std::string soPath;
  bool cached = false;
  std::vector<KernelHandle> kernels;
};

/// Compiles |sources| into one shared object (or takes it from the cache)
/// and loads it. On failure returns null and sets |error| to one diagnostic:
/// the kernels, the saved source's path and the compiler's log.
std::unique_ptr<HostModule>
compileHostModule(const std::vector<KernelSource> &sources,
                  const HostJitOptions &options, std::string &error);

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_HOSTJIT_H
