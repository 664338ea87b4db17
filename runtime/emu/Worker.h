//===- Worker.h - Pooled per-worker emulator state --------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A worker (an OS thread running blocks of a launch) uses one Block, with
// its fiber stacks and shared arena. Blocks are pooled across launches, so
// that stacks and arenas are mapped once per process, not per launch.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_WORKER_H
#define TESSERA_RUNTIME_EMU_WORKER_H

#include "runtime/emu/Block.h"

#include <memory>

namespace tessera::emu {

/// A Block from the pool (or a new one).
std::unique_ptr<Block> acquireBlock();
/// Returns |block| to the pool.
void releaseBlock(std::unique_ptr<Block> block);

/// Worker OS threads for |requested| (0: $TESSERA_EMU_WORKERS, else the
/// hardware's concurrency capped at 8).
unsigned resolveWorkers(unsigned requested);

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_WORKER_H
