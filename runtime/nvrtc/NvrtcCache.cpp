//===- NvrtcCache.cpp - NVRTC behind a content-addressed disk cache -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// An entry, <dir>/<key>.nvrtc, little-endian:
//   8  magic "TSNVRTC1"
//   8  XXH3-64 of everything after this field
//   8  PTX size, 8 cubin size, 8 log size
//   the PTX, the cubin, the log
//
//===----------------------------------------------------------------------===//
#include "runtime/nvrtc/NvrtcCache.h"

#include "codegen/prelude/Prelude.h"
#include "runtime/support/CacheFiles.h"

#include <xxhash.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera::nvrtc {

namespace {

constexpr char kMagic[8] = {'T', 'S', 'N', 'V', 'R', 'T', 'C', '1'};
constexpr size_t kHeaderBytes = 8 + 8 + 3 * 8;

void putU64(std::string &out, uint64_t value) {
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint64_t getU64(const char *bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i)
    value |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i]))
             << (8 * i);
  return value;
}

std::string encodeEntry(const CompileResult &result) {
  std::string body;
  putU64(body, result.ptx.size());
  putU64(body, result.cubin.size());
  putU64(body, result.log.size());
  body += result.ptx;
  body.append(result.cubin.data(), result.cubin.size());
  body += result.log;
  std::string entry(kMagic, sizeof(kMagic));
  putU64(entry, XXH3_64bits(body.data(), body.size()));
  return entry + body;
}

/// Reads an entry; false when it is missing or does not verify.
bool decodeEntry(const std::string &bytes, CompileResult &result) {
  if (bytes.size() < kHeaderBytes ||
      std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
    return false;
  if (getU64(bytes.data() + 8) !=
      XXH3_64bits(bytes.data() + 16, bytes.size() - 16))
    return false;
  uint64_t ptx = getU64(bytes.data() + 16), cubin = getU64(bytes.data() + 24),
           log = getU64(bytes.data() + 32);
  uint64_t rest = bytes.size() - kHeaderBytes;
  if (ptx > rest || cubin > rest - ptx || log != rest - ptx - cubin)
    return false;
  const char *data = bytes.data() + kHeaderBytes;
  result.ok = true;
  result.ptx.assign(data, ptx);
  result.cubin.assign(data + ptx, data + ptx + cubin);
  result.log.assign(data + ptx + cubin, log);
  return true;
}

bool readFile(const std::string &path, std::string &bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  bytes.assign(std::istreambuf_iterator<char>(in),
               std::istreambuf_iterator<char>());
  return !in.bad();
}

} // namespace

std::string defaultCacheDir() { return support::cacheDir("nvrtc"); }

std::string cacheKey(std::string_view source, std::string_view fileName,
                     std::string_view target,
                     const std::vector<std::string> &extraOptions) {
  static const std::string nvrtcVersion = version();
  XXH3_state_t *state = XXH3_createState();
  XXH3_128bits_reset(state);
  auto add = [&](std::string_view text) {
    uint64_t size = text.size();
    XXH3_128bits_update(state, &size, sizeof(size));
    XXH3_128bits_update(state, text.data(), text.size());
  };
  add("tessera-nvrtc-cache-1");
  add(nvrtcVersion);
  unsigned long long preludeHash = prelude::hash();
  XXH3_128bits_update(state, &preludeHash, sizeof(preludeHash));
  add(target);
  uint64_t count = extraOptions.size();
  XXH3_128bits_update(state, &count, sizeof(count));
  for (const std::string &option : extraOptions)
    add(option);
  add(fileName);
  add(source);
  XXH128_hash_t hash = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  char text[33];
  std::snprintf(text, sizeof(text), "%016llx%016llx",
                static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return text;
}

CompileResult compileCached(std::string_view source, std::string_view fileName,
                            std::string_view target,
                            const std::vector<std::string> &extraOptions,
                            const CacheOptions &cache, bool *hit) {
  if (hit)
    *hit = false;
  if (!cache.enabled)
    return compile(source, fileName, target, extraOptions);
  std::string dir = cache.dir.empty() ? defaultCacheDir() : cache.dir;
  std::string path =
      dir + "/" + cacheKey(source, fileName, target, extraOptions) + ".nvrtc";
  std::string bytes;
  CompileResult result;
  if (readFile(path, bytes) && decodeEntry(bytes, result)) {
    if (hit)
      *hit = true;
    return result;
  }
  result = compile(source, fileName, target, extraOptions);
  // A cache that cannot be written is only slower: the result stands.
  std::string ignored;
  if (result.ok && support::makeDirs(dir, ignored))
    support::writeFileAtomically(path, encodeEntry(result), ignored);
  return result;
}

} // namespace tessera::nvrtc
