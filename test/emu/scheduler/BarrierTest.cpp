//===- BarrierTest.cpp - __syncthreads and scheduling ---------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "tessera/warp.cuh"

#include "EmuTest.h"

#include <vector>

using namespace emutest;

namespace {
class Barrier : public ::testing::TestWithParam<Mode> {};
} // namespace

// Every thread writes its slot, then (after the barrier) reads a neighbour's;
// 3-D blocks check the threadIdx decomposition (x fastest).
TS_KERNEL void barrier_rotate(int *out, int rounds) {
  TS_SHARED(int, buf, [256]);
  unsigned n = blockDim.x * blockDim.y * blockDim.z;
  unsigned tid =
      threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  int v = static_cast<int>(tid * 3 + blockIdx.x * 1000);
  for (int r = 0; r < rounds; ++r) {
    buf[tid] = v;
    ts_syncthreads();
    v = buf[(tid + 7) % n] + 1;
    ts_syncthreads();
  }
  out[blockIdx.x * n + tid] = v;
}
TS_EMU_ENTRY(barrier_rotate)

TEST_P(Barrier, OrdersWritesBeforeReads) {
  const Dim3 block{8, 4, 2};
  const unsigned n = 64, blocks = 3;
  const int rounds = 5;
  std::vector<int> out(n * blocks, -1);
  Launch run(EMU_KERNEL(barrier_rotate), {blocks, 1, 1}, block, GetParam());
  ASSERT_EQ(run(out.data(), rounds), "");
  for (unsigned b = 0; b < blocks; ++b)
    for (unsigned t = 0; t < n; ++t) {
      // After r rounds thread t holds the start value of thread t + 7r.
      unsigned src = (t + 7 * rounds) % n;
      EXPECT_EQ(out[b * n + t], int(src * 3 + b * 1000) + rounds)
          << "block " << b << " thread " << t;
    }
}

// threadIdx/blockIdx/blockDim/gridDim as CUDA defines them.
TS_KERNEL void barrier_indices(unsigned *out) {
  unsigned block =
      blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z);
  unsigned n = blockDim.x * blockDim.y * blockDim.z;
  unsigned tid =
      threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  unsigned *o = out + 8 * (block * n + tid);
  o[0] = threadIdx.x;
  o[1] = threadIdx.y;
  o[2] = threadIdx.z;
  o[3] = blockIdx.x;
  o[4] = blockIdx.y;
  o[5] = blockIdx.z;
  o[6] = ts_lane_id();
  o[7] = gridDim.x * 100 + gridDim.y * 10 + gridDim.z;
}
TS_EMU_ENTRY(barrier_indices)

TEST_P(Barrier, Indices) {
  const Dim3 grid{3, 2, 2}, block{5, 3, 4};
  const unsigned n = 60, blocks = 12;
  std::vector<unsigned> out(8 * n * blocks, ~0u);
  Launch run(EMU_KERNEL(barrier_indices), grid, block, GetParam());
  ASSERT_EQ(run(out.data()), "");
  for (unsigned b = 0; b < blocks; ++b)
    for (unsigned t = 0; t < n; ++t) {
      const unsigned *o = &out[8 * (b * n + t)];
      EXPECT_EQ(o[0], t % 5);
      EXPECT_EQ(o[1], (t / 5) % 3);
      EXPECT_EQ(o[2], t / 15);
      EXPECT_EQ(o[3], b % 3);
      EXPECT_EQ(o[4], (b / 3) % 2);
      EXPECT_EQ(o[5], b / 6);
      EXPECT_EQ(o[6], t % 32);
      EXPECT_EQ(o[7], 322u);
    }
}

// Warps that exit after the last barrier do not disturb the others.
TS_KERNEL void barrier_early_exit(int *out) {
  TS_SHARED(int, s, [128]);
  unsigned tid = threadIdx.x;
  s[tid] = static_cast<int>(tid);
  ts_syncthreads();
  if (tid >= 64)
    return;
  s[tid] += s[tid + 64];
  ts_syncwarp(TS_FULL_MASK);
  out[tid] = s[tid];
}
TS_EMU_ENTRY(barrier_early_exit)

TEST_P(Barrier, WarpsExitAfterTheLastBarrier) {
  std::vector<int> out(64, -1);
  Launch run(EMU_KERNEL(barrier_early_exit), {1, 1, 1}, {128, 1, 1},
             GetParam());
  ASSERT_EQ(run(out.data()), "");
  for (int t = 0; t < 64; ++t)
    EXPECT_EQ(out[t], t + t + 64);
}

// A shared buffer reused without a barrier between the last read of one
// phase and the first write of the next. |planted| drops that barrier.
TS_KERNEL void barrier_reuse(const int *in, int *out, int planted) {
  TS_SHARED(int, buf, [128]);
  unsigned tid = threadIdx.x, n = blockDim.x;
  int acc = 0;
  for (int phase = 0; phase < 4; ++phase) {
    buf[tid] = in[phase * n + tid];
    ts_syncthreads();
    acc += buf[(tid + 33) % n]; // another warp's value
    if (!planted)
      ts_syncthreads();
  }
  out[tid] = acc;
}
TS_EMU_ENTRY(barrier_reuse)

TEST_P(Barrier, ReusedBufferIsCorrectWithTheBarrier) {
  const unsigned n = 128;
  std::vector<int> in(4 * n), out(n, -1);
  for (unsigned i = 0; i < in.size(); ++i)
    in[i] = static_cast<int>(i * 7 % 101);
  Launch run(EMU_KERNEL(barrier_reuse), {1, 1, 1}, {n, 1, 1}, GetParam());
  ASSERT_EQ(run(in.data(), out.data(), 0), "");
  for (unsigned t = 0; t < n; ++t) {
    int ref = 0;
    for (unsigned p = 0; p < 4; ++p)
      ref += in[p * n + (t + 33) % n];
    EXPECT_EQ(out[t], ref) << t;
  }
}

// Greedy-warp scheduling runs one warp past where the missing barrier
// should be before the others read: the planted bug gives wrong results.
TEST(BarrierCheck, MissingBarrierBeforeReuseChangesResults) {
  if (underTsan())
    GTEST_SKIP() << "a planted race";
  const unsigned n = 128;
  std::vector<int> in(4 * n), out(n, -1);
  for (unsigned i = 0; i < in.size(); ++i)
    in[i] = static_cast<int>(i * 7 % 101);
  Launch run(EMU_KERNEL(barrier_reuse), {1, 1, 1}, {n, 1, 1}, Mode::Check);
  ASSERT_EQ(run(in.data(), out.data(), 1), "");
  unsigned wrong = 0;
  for (unsigned t = 0; t < n; ++t) {
    int ref = 0;
    for (unsigned p = 0; p < 4; ++p)
      ref += in[p * n + (t + 33) % n];
    wrong += out[t] != ref;
  }
  EXPECT_GT(wrong, 0u);
}

// Threads of one barrier generation at different call sites: allowed by the
// fast mode (every thread arrives), an error in check mode.
TS_KERNEL void barrier_divergent(int *out) {
  unsigned tid = threadIdx.x;
  if (tid < 16) {
    ts_syncthreads(); // @divergent-low
  } else {
    ts_syncthreads(); // @divergent-high
  }
  out[tid] = 1;
}
TS_EMU_ENTRY(barrier_divergent)

TEST(BarrierCheck, DivergentBarrier) {
  std::vector<int> out(32, 0);
  Launch run(EMU_KERNEL(barrier_divergent), {2, 1, 1}, {32, 1, 1}, Mode::Check);
  EXPECT_EQ(run(out.data()),
            "kernel 'barrier_divergent': block (0,0,0): divergent barrier: "
            "threads 0-15 wait at ts_syncthreads (" +
                siteOf(__FILE__, "@divergent-low") +
                "), threads 16-31 at ts_syncthreads (" +
                siteOf(__FILE__, "@divergent-high") + ")");
}

TEST(BarrierFast, DivergentBarrierSitesAllArrive) {
  std::vector<int> out(32, 0);
  Launch run(EMU_KERNEL(barrier_divergent), {1, 1, 1}, {32, 1, 1}, Mode::Fast);
  EXPECT_EQ(run(out.data()), "");
  for (int v : out)
    EXPECT_EQ(v, 1);
}

// Threads that exit before a barrier the others wait at.
TS_KERNEL void barrier_exit_deadlock(int *out) {
  unsigned tid = threadIdx.x;
  if (tid >= 16 && tid < 40)
    return;
  ts_syncthreads(); // @exit-deadlock
  out[tid] = 1;
}
TS_EMU_ENTRY(barrier_exit_deadlock)

TEST_P(Barrier, DeadlockWithExitedThreads) {
  std::vector<int> out(64, 0);
  Launch run(EMU_KERNEL(barrier_exit_deadlock), {1, 2, 1}, {64, 1, 1},
             GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'barrier_exit_deadlock': block (0,0,0): deadlock: "
            "threads 0-15,40-63 wait at ts_syncthreads (" +
                siteOf(__FILE__, "@exit-deadlock") + "); threads 16-39 exited");
}

// Two barriers that each wait for the other half: every thread waits.
TS_KERNEL void barrier_single_thread(int *out) {
  if (threadIdx.x == 0) {
    ts_syncthreads(); // @lonely
  }
  out[threadIdx.x] = 1;
}
TS_EMU_ENTRY(barrier_single_thread)

TEST_P(Barrier, DeadlockOfOneThread) {
  std::vector<int> out(40, 0);
  Launch run(EMU_KERNEL(barrier_single_thread), {1, 1, 1}, {40, 1, 1},
             GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'barrier_single_thread': block (0,0,0): deadlock: thread "
            "0 waits at ts_syncthreads (" +
                siteOf(__FILE__, "@lonely") + "); threads 1-39 exited");
}

INSTANTIATE_TEST_SUITE_P(Modes, Barrier,
                         ::testing::Values(Mode::Fast, Mode::Check),
                         modeParamName);
