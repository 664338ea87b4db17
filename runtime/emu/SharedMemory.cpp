//===- SharedMemory.cpp - A block's shared-memory arena -------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/SharedMemory.h"

#include "runtime/emu/Sanitizers.h"

#include <cstdint>
#include <cstring>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace tessera::emu {

namespace {
constexpr unsigned char kPoison = 0xff;
size_t roundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }
} // namespace

SharedArena::~SharedArena() {
  if (mapping) {
    san::unpoison(mapping, mappingBytes);
    munmap(mapping, mappingBytes);
  }
}

void SharedArena::startBlock(size_t dynBytes) {
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size_t usable = kStaticRegion + roundUp(dynBytes, 16);
  size_t need = roundUp(usable, page) + page;
  if (mapping) {
    // Re-poison what the previous block used: the whole mapping reads 0xFF
    // again.
    san::unpoison(mapping, mappingBytes - page);
    std::memset(base, kPoison, staticUsed);
    std::memset(dynamic, kPoison, dirtyDynamic);
  }
  if (!mapping || need > mappingBytes) {
    if (mapping)
      munmap(mapping, mappingBytes);
    mapping = nullptr;
    void *p = mmap(nullptr, need, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
      throw std::bad_alloc();
    mapping = static_cast<char *>(p);
    mappingBytes = need;
    mprotect(mapping + need - page, page, PROT_NONE);
    std::memset(mapping, kPoison, need - page);
  }
  // The arena ends exactly at the guard page.
  base = mapping + mappingBytes - page - usable;
  dynamic = base + kStaticRegion;
  dynamicBytes = dynBytes;
  dirtyDynamic = dynBytes;
  staticUsed = 0;
  staticTotal = 0;
  sites.clear();
  lastSite = 0;
  // ASan: only what allocations cover is addressable.
  san::poison(mapping, static_cast<size_t>(dynamic - mapping));
  san::poison(dynamic + dynBytes, mappingBytes - page -
                                      static_cast<size_t>(dynamic - mapping) -
                                      dynBytes);
}

void *SharedArena::staticAllocation(const void *site, size_t bytes,
                                    size_t align, size_t &total) {
  if (lastSite < sites.size() && sites[lastSite].site == site)
    return sites[lastSite].pointer;
  for (size_t i = 0; i < sites.size(); ++i) {
    if (sites[i].site == site) {
      lastSite = i;
      return sites[i].pointer;
    }
  }
  if (align < 16)
    align = 16;
  // As the GPU lays them out (for the limit) ...
  total = roundUp(staticTotal, align) + bytes;
  if (total > kStaticLimit)
    return nullptr;
  // ... and where they go (apart, under ASan).
  size_t gap = san::kAddress && staticUsed ? kRedzone : 0;
  size_t offset = roundUp(staticUsed + gap, align);
  if (offset + bytes > kStaticRegion)
    return nullptr;
  staticTotal = total;
  sites.push_back({site, base + offset, bytes});
  lastSite = sites.size() - 1;
  staticUsed = offset + bytes;
  san::unpoison(base + offset, bytes);
  return base + offset;
}

bool SharedArena::contains(const void *p, size_t bytes) const {
  auto *c = static_cast<const char *>(p);
  auto inside = [&](const char *lo, size_t n) {
    return c >= lo && bytes <= n && c <= lo + (n - bytes);
  };
  if (inside(dynamic, dynamicBytes))
    return true;
  for (const Site &s : sites)
    if (inside(s.pointer, s.bytes))
      return true;
  return false;
}

} // namespace tessera::emu
