//===- Block.cpp - One thread block: fibers, scheduling, barriers ---------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/Block.h"

#include "runtime/emu/Api.h"
#include "runtime/emu/Diagnostics.h"
#include "runtime/emu/StackOverflow.h"

#include <cstring>
#include <pthread.h>
#include <utility>

namespace tessera::emu {

Block::Block() : threads(new Thread[kMaxThreadsPerBlock]) {}

Block::~Block() {
  for (unsigned i = 0; i < kMaxThreadsPerBlock; ++i)
    destroyFiberContext(threads[i].context);
}

//===----------------------------------------------------------------------===//
// Running a block
//===----------------------------------------------------------------------===//

bool Block::run(const LaunchInfo &info, ts_dim3 blockIdx,
                ts_emu_thread **selfSlot, std::string &errorOut) {
  launch = &info;
  slot = selfSlot;
  numThreads = info.threadsPerBlock;
  live = numThreads;
  failed = false;
  error.clear();
  ringHead = ringCount = 0;
  readyWarps = 0;
  std::memset(warpHead, 0, sizeof(warpHead));
  std::memset(warpCount, 0, sizeof(warpCount));
  barrierArrived = 0;
  barrierGeneration = 0;
  barrierDivergent = false;
  barrierFirst = nullptr;
  arena.startBlock(info.dynamicSharedBytes);

  size_t stackBytes = fiberStackBytes();
  while (stacks.size() < numThreads)
    stacks.emplace_back(stackBytes);

  unsigned numWarps = (numThreads + 31) / 32;
  for (unsigned w = 0; w < numWarps; ++w) {
    unsigned lanes = numThreads - w * 32 >= 32 ? 32 : numThreads - w * 32;
    warps[w].lanes = lanes == 32 ? ~0u : (1u << lanes) - 1;
    warps[w].pending = 0;
  }

  const ts_dim3 dim = info.block;
  for (unsigned i = 0; i < numThreads; ++i) {
    Thread &t = threads[i];
    t.pub.threadIdx = {i % dim.x, (i / dim.x) % dim.y, i / (dim.x * dim.y)};
    t.pub.blockIdx = blockIdx;
    t.pub.blockDim = dim;
    t.pub.gridDim = info.grid;
    t.pub.lane = i % 32;
    t.pub.warp = i / 32;
    t.pub.api = &kApi;
    t.pub.impl = this;
    t.block = this;
    t.linear = i;
    t.state = ThreadState::Ready;
    t.op = Op::None;
    t.variant = 0;
    t.file = "";
    t.line = 0;
    t.copies.clear();
    t.committed = 0;
    initFiberContext(t.context, stacks[i], &Block::fiberMain, &t, i * 7);
    makeReady(t);
  }

  // (pthread_getattr_np reads /proc/self/maps on the main thread: once per
  // OS thread, not per block.)
  if (!schedulerReady || !pthread_equal(schedulerThread, pthread_self())) {
    initThreadContext(scheduler);
    schedulerThread = pthread_self();
    schedulerReady = true;
  }
  san::release(&startSync);
  setRunningBlock(this);
  Thread *first = nextReady(threads[0]);
  first->state = ThreadState::Running;
  *slot = &first->pub;
  switchTo(scheduler, first->context, Leave::Suspend, /*sync=*/true);
  // Every fiber has exited, or the block failed and its fibers are
  // abandoned.
  san::acquire(&endSync);
  setRunningBlock(nullptr);
  *slot = nullptr;
  if (failed)
    errorOut = std::move(error);
  return !failed;
}

void Block::fiberMain(void *arg) {
  enteredNewFiber();
  Thread &t = *static_cast<Thread *>(arg);
  Block &b = *t.block;
  san::acquire(&b.startSync);
  bool threw = false;
  try {
    b.launch->kernel->entry(b.launch->args);
  } catch (...) {
    threw = true;
  }
  if (threw)
    b.fail(t, [&] {
      return "thread " + std::to_string(t.linear) +
             " threw a C++ exception out of the kernel";
    });
  b.exitThread(t);
}

void Block::exitThread(Thread &t) {
  completeCopies(t, ~0u);
  t.state = ThreadState::Exited;
  --live;
  if (Thread *next = nextReady(t)) {
    next->state = ThreadState::Running;
    *slot = &next->pub;
    san::release(&endSync);
    switchTo(t.context, next->context, Leave::ForGood, /*sync=*/false);
  } else if (live == 0) {
    switchTo(t.context, scheduler, Leave::ForGood, /*sync=*/true);
  } else {
    deadlock(t);
  }
  __builtin_unreachable();
}

bool Block::describeOverflow(const void *address, char *buffer,
                             size_t size) const {
  if (!launch)
    return false;
  auto *p = static_cast<const char *>(address);
  unsigned n = numThreads < stacks.size()
                   ? numThreads
                   : static_cast<unsigned>(stacks.size());
  for (unsigned i = 0; i < n; ++i) {
    const Stack &s = stacks[i];
    if (p < s.guard() || p >= s.bottom())
      continue;
    // No snprintf in a signal handler.
    size_t used = 0;
    auto put = [&](const char *text) {
      while (*text && used + 1 < size)
        buffer[used++] = *text++;
    };
    auto putNumber = [&](size_t v) {
      char digits[24];
      int k = 0;
      do {
        digits[k++] = static_cast<char>('0' + v % 10);
        v /= 10;
      } while (v);
      while (k && used + 1 < size)
        buffer[used++] = digits[--k];
    };
    const ts_dim3 b = threads[0].pub.blockIdx;
    put("tessera-emu: kernel '");
    put(launch->kernel->name.c_str());
    put("': block (");
    putNumber(b.x);
    put(",");
    putNumber(b.y);
    put(",");
    putNumber(b.z);
    put("): thread ");
    putNumber(i);
    put(" overflowed its ");
    putNumber(s.size());
    put("-byte fiber stack (set TESSERA_EMU_STACK_KIB for more)\n");
    buffer[used] = '\0';
    return true;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Scheduling
//===----------------------------------------------------------------------===//

void Block::makeReady(Thread &t) {
  t.state = ThreadState::Ready;
  if (launch->mode == Mode::Fast) {
    ring[(ringHead + ringCount++) % kMaxThreadsPerBlock] = &t;
    return;
  }
  unsigned w = t.pub.warp;
  warpRing[w][(warpHead[w] + warpCount[w]++) % 32] = &t;
  readyWarps |= 1u << w;
}

Thread *Block::nextReady(const Thread &from) {
  if (launch->mode == Mode::Fast) {
    if (!ringCount)
      return nullptr;
    Thread *t = ring[ringHead];
    ringHead = (ringHead + 1) % kMaxThreadsPerBlock;
    --ringCount;
    return t;
  }
  if (!readyWarps)
    return nullptr;
  // Greedy-warp: the warp that was running keeps going while it can.
  unsigned w = from.pub.warp;
  if (!(readyWarps >> w & 1))
    w = static_cast<unsigned>(__builtin_ctz(readyWarps));
  Thread *t = warpRing[w][warpHead[w]];
  warpHead[w] = (warpHead[w] + 1) % 32;
  if (--warpCount[w] == 0)
    readyWarps &= ~(1u << w);
  return t;
}

void Block::wait(Thread &t) {
  Thread *next = nextReady(t);
  if (!next)
    deadlock(t);
  next->state = ThreadState::Running;
  *slot = &next->pub;
  // TSan: whatever this fiber did is before the block's end (only the
  // scheduler acquires endSync: no edge between fibers).
  san::release(&endSync);
  switchTo(t.context, next->context, Leave::Suspend, /*sync=*/false);
  // Resumed: whoever switched here set the slot and the state.
}

void Block::setError(std::string message) {
  if (!failed) {
    failed = true;
    error = std::move(message);
  }
}

void Block::abandon(Thread &t) {
  san::release(&endSync);
  switchTo(t.context, scheduler, Leave::ForGood, /*sync=*/true);
  __builtin_unreachable();
}

void Block::deadlock(Thread &t) {
  fail(t, [&] {
    return "deadlock: " + describeThreads(threads.get(), numThreads, "; ",
                                          /*repeatVerb=*/true);
  });
}

bool Block::sameSite(const Thread &a, const Thread &b) const {
  return a.line == b.line &&
         (a.file == b.file || std::strcmp(a.file, b.file) == 0);
}

//===----------------------------------------------------------------------===//
// __syncthreads
//===----------------------------------------------------------------------===//

void Block::syncthreads(Thread &t, const char *file, int line) {
  t.op = Op::Syncthreads;
  t.variant = 0;
  t.file = file;
  t.line = line;
  // TSan: one sync object per generation parity. Waiters of generation g
  // acquire only g's arrivals, not those of threads that already ran on to
  // generation g + 1 (which would hide a missing barrier); nobody can
  // arrive at g + 2 before every waiter of g has run.
  char *sync = &barrierSync[barrierGeneration & 1];
  san::release(sync);
  if (barrierArrived == 0) {
    barrierFirst = &t;
    barrierDivergent = false;
  } else if (!sameSite(*barrierFirst, t)) {
    barrierDivergent = true;
  }
  if (++barrierArrived < numThreads) {
    t.state = ThreadState::Waiting;
    wait(t);
    san::acquire(sync);
    return;
  }
  // The last thread of this generation releases the others.
  if (barrierDivergent && launch->mode == Mode::Check)
    fail(t, [&] {
      return "divergent barrier: " + describeThreads(threads.get(), numThreads,
                                                     ", ",
                                                     /*repeatVerb=*/false);
    });
  barrierArrived = 0;
  ++barrierGeneration;
  for (unsigned i = 0; i < numThreads; ++i)
    if (&threads[i] != &t)
      makeReady(threads[i]);
  san::acquire(sync);
}

//===----------------------------------------------------------------------===//
// Shared memory, cp.async, trap
//===----------------------------------------------------------------------===//

void *Block::sharedStatic(Thread &t, const void *site, size_t bytes,
                          size_t align, const char *file, int line) {
  size_t total = 0;
  if (void *p = arena.staticAllocation(site, bytes, align, total))
    return p;
  fail(t, [&] {
    return "static shared memory over 48 KiB: " +
           siteText("TS_SHARED", file, line) + " of " + std::to_string(bytes) +
           " bytes makes the block's total " + std::to_string(total) + " bytes";
  });
}

void Block::cpAsync(Thread &t, void *dst, const void *src, int srcBytes,
                    const char *file, int line) {
  if (reinterpret_cast<uintptr_t>(dst) % 16 != 0)
    fail(t, [&] {
      return "misaligned: " + siteText("ts_cp_async16", file, line) +
             " destination of thread " + std::to_string(t.linear) +
             " is not 16-byte aligned";
    });
  if (reinterpret_cast<uintptr_t>(src) % 16 != 0)
    fail(t, [&] {
      return "misaligned: " + siteText("ts_cp_async16", file, line) +
             " source of thread " + std::to_string(t.linear) +
             " is not 16-byte aligned";
    });
  if (!arena.contains(dst, 16))
    fail(t, [&] {
      return "shared memory bounds: " + siteText("ts_cp_async16", file, line) +
             " destination of thread " + std::to_string(t.linear) +
             " is outside the block's shared memory";
    });
  if (srcBytes < 0 || srcBytes > 16)
    fail(t, [&] {
      return "bad size: " + siteText("ts_cp_async16", file, line) + " copies " +
             std::to_string(srcBytes) + " source bytes, not 0..16";
    });
  if (launch->mode == Mode::Fast) {
    std::memcpy(dst, src, static_cast<size_t>(srcBytes));
    std::memset(static_cast<char *>(dst) + srcBytes, 0,
                static_cast<size_t>(16 - srcBytes));
    return;
  }
  // Check: the copy lands at the wait that covers its group; until then
  // the destination reads as poison.
  std::memset(dst, 0xff, 16);
  t.copies.push_back({dst, src, srcBytes, t.committed});
}

void Block::cpAsyncCommit(Thread &t) { ++t.committed; }

void Block::cpAsyncWait(Thread &t, int pending, const char *, int) {
  if (pending < 0)
    pending = 0;
  // Groups 0 .. committed-1 are closed; all but the newest |pending| of
  // them must be complete.
  if (t.committed > static_cast<unsigned>(pending))
    completeCopies(t, t.committed - static_cast<unsigned>(pending));
}

void Block::completeCopies(Thread &t, unsigned throughGroup) {
  if (t.copies.empty())
    return;
  size_t kept = 0;
  for (size_t i = 0; i < t.copies.size(); ++i) {
    PendingCopy &c = t.copies[i];
    if (c.group < throughGroup) {
      std::memcpy(c.dst, c.src, static_cast<size_t>(c.srcBytes));
      std::memset(static_cast<char *>(c.dst) + c.srcBytes, 0,
                  static_cast<size_t>(16 - c.srcBytes));
    } else {
      t.copies[kept++] = c;
    }
  }
  t.copies.resize(kept);
}

void Block::trap(Thread &t, const char *message, const char *file, int line) {
  fail(t, [&] {
    return std::string("trap: ") + (message ? message : "") +
           siteText("", file, line);
  });
}

} // namespace tessera::emu
