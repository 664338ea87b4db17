//===- Emulator.cpp - Run a kernel launch on the CPU ----------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Blocks are handed to the workers from an atomic counter in increasing
// linear order (x fastest). When a block fails, workers stop taking blocks
// after it; every block below it has already been taken and runs to the
// end, so the launch reports the failure of the lowest failing block, the
// same on every run whatever the number of workers.
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/Emulator.h"

#include "runtime/emu/Block.h"
#include "runtime/emu/StackOverflow.h"
#include "runtime/emu/Worker.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace tessera::emu {

std::optional<Mode> parseMode(std::string_view name) {
  if (name == "fast")
    return Mode::Fast;
  if (name == "check")
    return Mode::Check;
  return std::nullopt;
}

const char *modeName(Mode mode) {
  return mode == Mode::Fast ? "fast" : "check";
}

namespace {

constexpr size_t kMaxDynamicSharedBytes = 227 * 1024;

std::string dimText(const ts_dim3 &d) {
  return "(" + std::to_string(d.x) + "," + std::to_string(d.y) + "," +
         std::to_string(d.z) + ")";
}

/// Why |params| cannot be launched, or "".
std::string invalidLaunch(const LaunchParams &params) {
  const Dim3 &g = params.grid, &b = params.block;
  ts_dim3 grid{g.x, g.y, g.z}, block{b.x, b.y, b.z};
  if (!g.x || !g.y || !g.z)
    return "grid " + dimText(grid) + " is empty";
  if (!b.x || !b.y || !b.z)
    return "block " + dimText(block) + " is empty";
  if (g.y > 65535 || g.z > 65535)
    return "grid " + dimText(grid) + " is larger than (2^31-1,65535,65535)";
  // sm_90's most (sm_80: 163 KiB), which needs a per-kernel opt-in above
  // 48 KiB on the GPU.
  if (params.dynamicSharedBytes > kMaxDynamicSharedBytes)
    return "dynamic shared memory of " +
           std::to_string(params.dynamicSharedBytes) +
           " bytes is more than 227 KiB";
  uint64_t threads = uint64_t(b.x) * b.y * b.z;
  if (threads > kMaxThreadsPerBlock || b.z > 64)
    return "block " + dimText(block) + " has " + std::to_string(threads) +
           " threads; at most 1024 (and z at most 64)";
  return "";
}

/// What the workers of one launch share.
struct Launch {
  LaunchInfo info;
  uint64_t numBlocks = 0;
  std::atomic<uint64_t> next{0};
  std::atomic<uint64_t> stopAt{UINT64_MAX};
  std::mutex mutex;
  uint64_t failedBlock = UINT64_MAX;
  std::string message;

  void work() {
    std::unique_ptr<Block> block = acquireBlock();
    ts_emu_thread **slot = info.kernel->selfSlot();
    ts_emu_thread *saved = *slot;
    std::string error;
    const ts_dim3 g = info.grid;
    for (;;) {
      uint64_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= numBlocks || i >= stopAt.load(std::memory_order_acquire))
        break;
      ts_dim3 idx{static_cast<unsigned>(i % g.x),
                  static_cast<unsigned>((i / g.x) % g.y),
                  static_cast<unsigned>(i / (uint64_t(g.x) * g.y))};
      bool ok;
      try {
        ok = block->run(info, idx, slot, error);
      } catch (const std::bad_alloc &) {
        ok = false;
        error = "out of memory for fiber stacks or shared memory";
      }
      if (ok)
        continue;
      std::lock_guard<std::mutex> lock(mutex);
      if (i < failedBlock) {
        failedBlock = i;
        message = "kernel '" + info.kernel->name + "': block " + dimText(idx) +
                  ": " + error;
        stopAt.store(i, std::memory_order_release);
      }
    }
    *slot = saved;
    releaseBlock(std::move(block));
  }
};

} // namespace

std::optional<std::string> launch(const KernelHandle &kernel,
                                  const LaunchParams &params, void **args) {
  if (!kernel.entry || !kernel.selfSlot)
    return "kernel '" + kernel.name +
           "': no host entry point (compiled without TS_EMU_ENTRY?)";
  std::string invalid = invalidLaunch(params);
  if (!invalid.empty())
    return "kernel '" + kernel.name + "': invalid launch: " + invalid;
  installStackOverflowHandler();

  Launch l;
  l.info.kernel = &kernel;
  l.info.grid = {params.grid.x, params.grid.y, params.grid.z};
  l.info.block = {params.block.x, params.block.y, params.block.z};
  l.info.threadsPerBlock = params.block.x * params.block.y * params.block.z;
  l.info.dynamicSharedBytes = params.dynamicSharedBytes;
  l.info.mode = params.mode;
  l.info.args = args;
  l.numBlocks = uint64_t(params.grid.x) * params.grid.y * params.grid.z;

  uint64_t workers = resolveWorkers(params.workers);
  if (workers > l.numBlocks)
    workers = l.numBlocks;
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (uint64_t w = 1; w < workers; ++w)
    threads.emplace_back([&l] { l.work(); });
  l.work();
  for (std::thread &t : threads)
    t.join();
  if (l.failedBlock != UINT64_MAX)
    return std::move(l.message);
  return std::nullopt;
}

} // namespace tessera::emu
