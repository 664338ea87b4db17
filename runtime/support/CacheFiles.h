//===- CacheFiles.h - Cache folders and atomic file writes ------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the on-disk caches (the host JIT's, NVRTC's) and the bundle writer
// share: where a cache lives, creating folders, and writing a file so that
// readers see either nothing or all of it. C++ standard library and POSIX.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_SUPPORT_CACHEFILES_H
#define TESSERA_RUNTIME_SUPPORT_CACHEFILES_H

#include <string>
#include <string_view>

namespace tessera::support {

/// The folder of cache |kind| ("emu", "nvrtc"): $TESSERA_CACHE_DIR/<kind>,
/// else $XDG_CACHE_HOME/tessera/<kind>, else $HOME/.cache/tessera/<kind>,
/// else /tmp/tessera-cache/<kind>.
std::string cacheDir(std::string_view kind);

/// mkdir -p |path|; false with |error| naming the folder on failure.
bool makeDirs(const std::string &path, std::string &error);

/// Writes |bytes| to |path| through a temporary file in the same folder and
/// a rename; false with |error| set on failure (no temporary file is left).
bool writeFileAtomically(const std::string &path, std::string_view bytes,
                         std::string &error);

} // namespace tessera::support

#endif // TESSERA_RUNTIME_SUPPORT_CACHEFILES_H
