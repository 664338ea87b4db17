//===- Worker.cpp - Pooled per-worker emulator state ----------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/Worker.h"

#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace tessera::emu {

namespace {
std::mutex poolMutex;
/// Leaked on purpose: blocks may be returned during static destruction.
std::vector<std::unique_ptr<Block>> &pool() {
  static auto *blocks = new std::vector<std::unique_ptr<Block>>();
  return *blocks;
}
} // namespace

std::unique_ptr<Block> acquireBlock() {
  {
    std::lock_guard<std::mutex> lock(poolMutex);
    if (!pool().empty()) {
      std::unique_ptr<Block> block = std::move(pool().back());
      pool().pop_back();
      return block;
    }
  }
  return std::make_unique<Block>();
}

void releaseBlock(std::unique_ptr<Block> block) {
  std::lock_guard<std::mutex> lock(poolMutex);
  pool().push_back(std::move(block));
}

unsigned resolveWorkers(unsigned requested) {
  if (requested)
    return requested;
  if (const char *env = std::getenv("TESSERA_EMU_WORKERS")) {
    char *end = nullptr;
    unsigned long v = std::strtoul(env, &end, 10);
    if (end != env && *end == '\0' && v >= 1 && v <= 1024)
      return static_cast<unsigned>(v);
  }
  unsigned hw = std::thread::hardware_concurrency();
  if (hw == 0)
    hw = 1;
  return hw < 8 ? hw : 8;
}

} // namespace tessera::emu
