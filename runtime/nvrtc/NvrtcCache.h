//===- NvrtcCache.h - NVRTC behind a content-addressed disk cache -*- C++
//-*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// nvrtc::compile() with a disk cache: one file per successful compilation,
// named by an XXH3-128 of everything that decides NVRTC's output — a format
// tag, NVRTC's version, the embedded prelude's hash, the target, the options,
// the file name and the source text. Failures are never cached. Entries are
// written under a temporary name and renamed, so concurrent compilers of one
// key are safe; an entry that does not verify (its own checksum) is ignored
// and rewritten. Thread-safe.
//
// No MLIR: the C++ standard library, NVRTC, the prelude and xxHash.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_NVRTC_NVRTCCACHE_H
#define TESSERA_RUNTIME_NVRTC_NVRTCCACHE_H

#include "runtime/nvrtc/Nvrtc.h"

#include <string>
#include <string_view>
#include <vector>

namespace tessera::nvrtc {

struct CacheOptions {
  /// "" = defaultCacheDir().
  std::string dir;
  /// Off: compile every time and store nothing.
  bool enabled = true;
};

/// $TESSERA_CACHE_DIR/nvrtc, else $XDG_CACHE_HOME/tessera/nvrtc, else
/// $HOME/.cache/tessera/nvrtc, else /tmp/tessera-cache/nvrtc.
std::string defaultCacheDir();

/// The cache key (32 hex digits) of a compilation.
std::string cacheKey(std::string_view source, std::string_view fileName,
                     std::string_view target,
                     const std::vector<std::string> &extraOptions);

/// Like compile(), through the cache in |cache|. |hit| (optional) tells
/// whether the result came from the cache. A cache that cannot be read or
/// written only costs the compilation (never an error).
CompileResult compileCached(std::string_view source, std::string_view fileName,
                            std::string_view target,
                            const std::vector<std::string> &extraOptions,
                            const CacheOptions &cache = {},
                            bool *hit = nullptr);

} // namespace tessera::nvrtc

#endif // TESSERA_RUNTIME_NVRTC_NVRTCCACHE_H
