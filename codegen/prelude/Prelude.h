//===- Prelude.h - The device prelude's files, embedded ---------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The device prelude (codegen/prelude/*.cuh and emu_abi.h) embedded into the
// binaries at build time, so that NVRTC (as in-memory headers) and the host
// JIT of the CPU emulator (written to a cache folder) see exactly the headers
// this build was made with. Kernels include them as "tessera/<file>".
// Plain C++: the runtime uses this too, and never depends on MLIR/LLVM.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_CODEGEN_PRELUDE_PRELUDE_H
#define TESSERA_CODEGEN_PRELUDE_PRELUDE_H

#include <cstddef>
#include <string_view>

namespace tessera::prelude {

/// One embedded header: its include name ("tessera/core.cuh") and text.
struct File {
  const char *name;
  const char *contents;
  size_t size;
};

extern const File kFiles[];
extern const size_t kNumFiles;

/// The embedded header named |name| ("tessera/warp.cuh"), or null.
const File *findFile(std::string_view name);

/// A 64-bit XXH3 of every file's name and text: changes whenever the
/// prelude does (part of every kernel cache key).
unsigned long long hash();

} // namespace tessera::prelude

#endif // TESSERA_CODEGEN_PRELUDE_PRELUDE_H
