//===- BundleFormat.h - The on-disk layout of a .tsrb bundle ----*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A bundle is one file: a 64-byte header, a table of sections, then the
// sections, each aligned (weights to 4 KiB so that they can be used straight
// from an mmap). Every integer is little-endian. The header carries its own
// XXH3-64 and that of the section table; every section carries the XXH3-64 of
// its bytes. See docs/bundle.md.
//
//   offset  size  field
//   0       8     magic "\x89TSRB\r\n\x1a"
//   8       2     major version (readers refuse another major)
//   10      2     minor version (readers accept a newer minor)
//   12      4     section count
//   16      8     file size in bytes
//   24      8     section table offset (64)
//   32      8     XXH3-64 of the section table
//   40      8     XXH3-64 of bytes 0..39
//   48      16    zero
//
// A section table entry (64 bytes): name (40 bytes, NUL-padded, at least one
// NUL), offset (8), size (8), XXH3-64 of the section's bytes (8).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_BUNDLE_BUNDLEFORMAT_H
#define TESSERA_RUNTIME_BUNDLE_BUNDLEFORMAT_H

#include <cstddef>
#include <cstdint>

namespace tessera::bundle {

constexpr char kMagic[8] = {'\x89', 'T', 'S', 'R', 'B', '\r', '\n', '\x1a'};
constexpr uint16_t kVersionMajor = 1;
constexpr uint16_t kVersionMinor = 0;
constexpr size_t kHeaderSize = 64;
constexpr size_t kSectionEntrySize = 64;
constexpr size_t kSectionNameSize = 40;
/// Sections start on this boundary unless they ask for more.
constexpr size_t kDefaultAlignment = 64;
/// The most sections a reader accepts (a corrupted count must not make it
/// read or allocate without bound).
constexpr uint32_t kMaxSections = 4096;

} // namespace tessera::bundle

#endif // TESSERA_RUNTIME_BUNDLE_BUNDLEFORMAT_H
