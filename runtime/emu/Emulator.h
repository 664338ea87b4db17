//===- Emulator.h - Run CUDA kernel launches on the CPU ---------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The CPU emulator runs one kernel launch (grid, block, dynamic shared
// memory, arguments) on host memory. The kernel is CUDA C++ written against
// the device prelude and compiled for the host (HostJit.h, or directly into a
// binary with TS_EMU_DEFINE_MODULE/TS_EMU_ENTRY). Each thread of a block is
// a fiber with a guard-paged stack; barriers and warp collectives switch
// fibers; blocks run on a small pool of OS threads and a block's fibers never
// leave the OS thread that started them. See docs/emulator.md.
//
// No MLIR, no CUDA: the C++ standard library and the prelude's emu_abi.h.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_EMULATOR_H
#define TESSERA_RUNTIME_EMU_EMULATOR_H

#include "tessera/emu_abi.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::emu {

/// How the threads of a block are scheduled and checked.
enum class Mode {
  /// Round-robin; cp.async copies at issue. For speed.
  Fast,
  /// Greedy-warp scheduling (one warp runs as far as it can before the
  /// next), cp.async deferred to its wait with the destination poisoned at
  /// issue. Catches missing barriers and missing cp.async waits.
  Check,
};

/// "fast" / "check", or nullopt.
std::optional<Mode> parseMode(std::string_view name);
const char *modeName(Mode mode);

struct Dim3 {
  unsigned x = 1, y = 1, z = 1;
};

/// A kernel compiled for the host: its entry ("<name>__ts_emu_entry") and
/// its module's per-OS-thread |ts_emu_self| slot.
struct KernelHandle {
  std::string name;
  ts_emu_entry_fn entry = nullptr;
  ts_emu_self_slot_fn selfSlot = nullptr;
};

struct LaunchParams {
  Dim3 grid;
  Dim3 block;
  size_t dynamicSharedBytes = 0;
  Mode mode = Mode::Fast;
  /// OS threads running blocks; 0 = $TESSERA_EMU_WORKERS, else the
  /// hardware's concurrency capped at 8.
  unsigned workers = 0;
};

/// Runs one launch to completion. |args| is as cudaLaunchKernel's: one
/// pointer per kernel parameter, to the parameter's value. Returns nullopt
/// on success, else one diagnostic naming the kernel, the block, the
/// threads, the primitive and its file:line, e.g.
///   "kernel 'softmax': block (3,0,0): deadlock: threads 0-15 wait at
///    ts_syncthreads (softmax.cu:42); threads 16-31 exited"
std::optional<std::string> launch(const KernelHandle &kernel,
                                  const LaunchParams &params, void **args);

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_EMULATOR_H
