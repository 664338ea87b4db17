//===- Block.h - One thread block: fibers, scheduling -----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A Block runs one thread block of a launch on the calling OS thread (a
// worker): every CUDA thread is a fiber (Thread) on its own stack; a fiber
// runs until it blocks (a barrier, a warp collective) or exits, and then
// switches directly to the next ready fiber:
//   - Mode::Fast: one FIFO over the block's threads (round-robin);
//   - Mode::Check: greedy-warp, the running warp's lanes first, then the
//     lowest warp with a ready lane.
// When no fiber is ready but some have not exited, the block is deadlocked:
// one diagnostic, and the block's fibers are abandoned. Any error (a failed
// check, a trap) abandons the block's fibers the same way and switches back
// to the worker's own stack, which returns from run().
//
// A worker keeps one Block and reuses its threads, stacks and shared arena
// for every block it runs.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_BLOCK_H
#define TESSERA_RUNTIME_EMU_BLOCK_H

#include "runtime/emu/Emulator.h"
#include "runtime/emu/Fiber.h"
#include "runtime/emu/SharedMemory.h"

#include <cstdint>
#include <memory>
#include <pthread.h>
#include <string>
#include <vector>

namespace tessera::emu {

class Block;

/// The primitives a thread can wait at (or fail in), for diagnostics.
enum class Op : uint8_t {
  None,
  Syncthreads,
  Syncwarp,
  Shfl,
  Ballot,
  Ldmatrix,
  Mma,
};

enum class ThreadState : uint8_t { Ready, Running, Waiting, Exited };

/// A cp.async copy not yet performed (Mode::Check).
struct PendingCopy {
  void *dst;
  const void *src;
  int srcBytes;
  unsigned group;
};

/// One emulated CUDA thread. |pub| comes first: the prelude's
/// ts_emu_thread * is a Thread *.
struct Thread {
  ts_emu_thread pub;
  Context context;
  Block *block = nullptr;
  unsigned linear = 0;
  ThreadState state = ThreadState::Ready;

  // The primitive it last entered (while Waiting: the one it waits at).
  Op op = Op::None;
  int variant = 0; // shfl: kind | width << 2; ldmatrix: num | trans << 3;
                   // mma: kind
  unsigned mask = 0;
  const char *file = "";
  int line = 0;

  // This lane's operands of a warp collective, and its result.
  uint64_t value = 0;
  int arg = 0;
  const void *address = nullptr;
  uint32_t *out = nullptr;
  const uint32_t *fragA = nullptr;
  const uint32_t *fragB = nullptr;
  const float *fragC = nullptr;
  float *fragD = nullptr;
  uint64_t result = 0;

  // cp.async (Mode::Check): copies not yet done, groups committed so far.
  std::vector<PendingCopy> copies;
  unsigned committed = 0;

  /// TSan: edges of this lane's collectives.
  char syncObject = 0;

  static Thread &of(ts_emu_thread *t) { return *reinterpret_cast<Thread *>(t); }
};

/// What every block of a launch shares (read-only while blocks run).
struct LaunchInfo {
  const KernelHandle *kernel = nullptr;
  ts_dim3 grid{1, 1, 1};
  ts_dim3 block{1, 1, 1};
  unsigned threadsPerBlock = 1;
  size_t dynamicSharedBytes = 0;
  Mode mode = Mode::Fast;
  void **args = nullptr;
};

/// The most threads a block may have.
constexpr unsigned kMaxThreadsPerBlock = 1024;
constexpr unsigned kMaxWarps = kMaxThreadsPerBlock / 32;

class Block {
public:
  Block();
  ~Block();
  Block(const Block &) = delete;
  Block &operator=(const Block &) = delete;

  /// Runs block |blockIdx| of |launch| to completion on the calling OS
  /// thread, whose |slot| is the kernel module's ts_emu_self. Returns true
  /// on success, else false with the diagnostic (without the "kernel ...:
  /// block ...: " prefix) in |error|.
  bool run(const LaunchInfo &launch, ts_dim3 blockIdx, ts_emu_thread **slot,
           std::string &error);

  /// If |address| lies in the guard page of one of the running block's
  /// fiber stacks, writes "tessera-emu: kernel 'NAME': block (x,y,z): thread
  /// N overflowed its S-byte fiber stack (...)" into |buffer| and returns
  /// true. Async-signal-safe (StackOverflow.cpp).
  bool describeOverflow(const void *address, char *buffer, size_t size) const;

  // The primitives, called on the running fiber |t| (Api.cpp).
  void syncthreads(Thread &t, const char *file, int line);
  void syncwarp(Thread &t, unsigned mask, const char *file, int line);
  uint64_t shfl(Thread &t, unsigned mask, uint64_t value, int kind, int arg,
                int width, const char *file, int line);
  unsigned ballot(Thread &t, unsigned mask, int pred, const char *file,
                  int line);
  void *sharedStatic(Thread &t, const void *site, size_t bytes, size_t align,
                     const char *file, int line);
  void *sharedDynamic() { return arena.dynamicBase(); }
  void ldmatrix(Thread &t, int num, int trans, const void *rowAddress,
                uint32_t *out, const char *file, int line);
  void mma(Thread &t, int kind, const uint32_t *a, const uint32_t *b,
           const float *c, float *d, const char *file, int line);
  void cpAsync(Thread &t, void *dst, const void *src, int srcBytes,
               const char *file, int line);
  void cpAsyncCommit(Thread &t);
  void cpAsyncWait(Thread &t, int pending, const char *file, int line);
  [[noreturn]] void trap(Thread &t, const char *message, const char *file,
                         int line);

private:
  /// A warp collective some lanes of |mask| have reached.
  struct Collective {
    unsigned mask;
    unsigned arrived;
    Op op;
    int variant;
    Thread *first;
  };
  struct Warp {
    unsigned lanes = 0; // the lanes that exist
    unsigned pending = 0;
    Collective collectives[32];
  };

  static void fiberMain(void *arg);
  [[noreturn]] void exitThread(Thread &t);

  // Scheduling.
  void makeReady(Thread &t);
  Thread *nextReady(const Thread &from);
  /// Blocks |t| (already marked Waiting) until another fiber readies it.
  void wait(Thread &t);
  /// Sets the error to |makeMessage|() and abandons the block's fibers.
  /// (The message is built, and its temporaries destroyed, before the
  /// switch: nothing on an abandoned stack may own memory.)
  template <class F> [[noreturn]] void fail(Thread &t, F &&makeMessage) {
    setError(makeMessage());
    abandon(t);
  }
  void setError(std::string message);
  [[noreturn]] void abandon(Thread &t);
  [[noreturn]] void deadlock(Thread &t);

  // Warp collectives (Collectives.cpp).
  /// Lane |t| reaches collective |op| of |mask|. Returns true in the lane
  /// that completes it (which must compute every lane's result and call
  /// finishCollective), false in the others once they are resumed with
  /// their result in place.
  bool joinCollective(Thread &t, Op op, int variant, unsigned mask,
                      const char *file, int line);
  void finishCollective(Thread &t, unsigned mask);
  Thread *warpBase(const Thread &t) { return &threads[t.pub.warp * 32]; }

  void completeCopies(Thread &t, unsigned throughGroup);
  bool sameSite(const Thread &a, const Thread &b) const;

  // The launch and block now running.
  const LaunchInfo *launch = nullptr;
  ts_emu_thread **slot = nullptr;
  unsigned numThreads = 0;
  unsigned live = 0;
  std::unique_ptr<Thread[]> threads;
  std::vector<Stack> stacks;
  Context scheduler;
  pthread_t schedulerThread{};
  bool schedulerReady = false;
  SharedArena arena;
  bool failed = false;
  std::string error;

  // Ready fibers. Fast: one ring in FIFO order. Check: one ring per warp
  // and a mask of warps that have ready lanes.
  Thread *ring[kMaxThreadsPerBlock];
  unsigned ringHead = 0, ringCount = 0;
  Thread *warpRing[kMaxWarps][32];
  uint8_t warpHead[kMaxWarps], warpCount[kMaxWarps];
  uint32_t readyWarps = 0;

  // __syncthreads: arrivals of the current generation.
  unsigned barrierArrived = 0;
  unsigned barrierGeneration = 0;
  bool barrierDivergent = false;
  Thread *barrierFirst = nullptr;

  Warp warps[kMaxWarps];

  // TSan edges: block start, block end, barriers (by generation parity).
  char startSync = 0, endSync = 0, barrierSync[2] = {0, 0};
};

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_BLOCK_H
