//===- SharedMemory.h - A block's shared-memory arena -----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One arena per worker, reused by the blocks it runs:
//
//   [ static region, 48 KiB ][ dynamic region ][ guard page ]
//
// TS_SHARED allocations are placed in the static region per call site, in
// the order the block first reaches them (the same pointer for every thread
// of the block); the dynamic region has the launch's dynamic size and ends
// at the guard page. Everything a block used is poisoned with 0xFF (a NaN
// for every float type) before the next block starts.
//
// Under ASan, static allocations are placed with 64-byte redzones between
// them and every byte no allocation covers is ASan-poisoned, so that a
// kernel overrunning a shared array is reported at its file:line (the 48
// KiB limit still counts the allocations alone).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_SHAREDMEMORY_H
#define TESSERA_RUNTIME_EMU_SHAREDMEMORY_H

#include <cstddef>
#include <vector>

namespace tessera::emu {

class SharedArena {
public:
  /// The GPU's limit on static shared memory per block.
  static constexpr size_t kStaticLimit = 48 * 1024;
  /// Bytes between static allocations under ASan.
  static constexpr size_t kRedzone = 64;
  /// The static region: the limit, plus room for redzones under ASan.
  static constexpr size_t kStaticRegion = kStaticLimit + 16 * 1024;

  SharedArena() = default;
  ~SharedArena();
  SharedArena(const SharedArena &) = delete;
  SharedArena &operator=(const SharedArena &) = delete;

  /// Readies the arena for a block with |dynamicBytes| of dynamic shared
  /// memory: every byte the block can reach reads 0xFF.
  void startBlock(size_t dynamicBytes);

  /// The static allocation of call site |site|, placing it on first use;
  /// null when it would take the static total past kStaticLimit (then
  /// |total| is the total it would need).
  void *staticAllocation(const void *site, size_t bytes, size_t align,
                         size_t &total);
  void *dynamicBase() const { return dynamic; }

  /// Whether [p, p + bytes) lies inside one region the block may use (a
  /// placed static allocation or the dynamic region).
  bool contains(const void *p, size_t bytes) const;

private:
  struct Site {
    const void *site;
    char *pointer;
    size_t bytes;
  };
  char *mapping = nullptr;
  size_t mappingBytes = 0;
  char *base = nullptr;    // static region
  char *dynamic = nullptr; // dynamic region
  size_t dynamicBytes = 0;
  size_t staticUsed = 0;   // this block's static high-water mark
  size_t staticTotal = 0;  // the allocations' bytes, as the GPU counts
  size_t dirtyDynamic = 0; // dynamic bytes to poison before the next block
  std::vector<Site> sites;
  size_t lastSite = 0;
};

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_SHAREDMEMORY_H
