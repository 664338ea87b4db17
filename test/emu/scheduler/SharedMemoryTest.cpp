//===- SharedMemoryTest.cpp - TS_SHARED, TS_DYNAMIC_SHARED, poisoning -----===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "tessera/warp.cuh"

#include "EmuTest.h"

#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

using namespace emutest;

namespace {
class SharedMemory : public ::testing::TestWithParam<Mode> {};
} // namespace

// Every thread records the addresses it sees and the first word of each
// allocation before anyone writes it (after a barrier: all have looked).
TS_KERNEL void shared_pointers(uintptr_t *ptrs, unsigned *firstWords) {
  TS_SHARED(float, a, [100]);
  TS_SHARED(double, b, [3][5]);
  TS_DYNAMIC_SHARED(unsigned, dyn);
  unsigned tid = threadIdx.x;
  unsigned block = blockIdx.x;
  uintptr_t *p = ptrs + 3 * (block * blockDim.x + tid);
  p[0] = reinterpret_cast<uintptr_t>(&a[0]);
  p[1] = reinterpret_cast<uintptr_t>(&b[0][0]);
  p[2] = reinterpret_cast<uintptr_t>(dyn);
  unsigned w[3];
  memcpy(&w[0], &a[tid % 100], 4);
  memcpy(&w[1], reinterpret_cast<char *>(&b[0][0]) + 4 * (tid % 30), 4);
  w[2] = dyn[tid];
  unsigned *f = firstWords + 3 * (block * blockDim.x + tid);
  f[0] = w[0];
  f[1] = w[1];
  f[2] = w[2];
  ts_syncthreads();
  // Dirty everything, for the next block on this worker.
  a[tid % 100] = 1.0f;
  if (tid < 15)
    b[tid / 5][tid % 5] = 2.0;
  dyn[tid] = 3u;
}
TS_EMU_ENTRY(shared_pointers)

TEST_P(SharedMemory, OnePointerPerBlockAndPoisonedAtStart) {
  const unsigned threads = 64, blocks = 4;
  const size_t dynamicBytes = threads * 4 + 4; // not a multiple of 16
  std::vector<uintptr_t> ptrs(3 * threads * blocks);
  std::vector<unsigned> first(3 * threads * blocks);
  // One worker: every block reuses the same arena after the previous block
  // wrote all of it.
  Launch run(EMU_KERNEL(shared_pointers), {blocks, 1, 1}, {threads, 1, 1},
             GetParam(), dynamicBytes, /*workers=*/1);
  ASSERT_EQ(run(ptrs.data(), first.data()), "");
  for (unsigned b = 0; b < blocks; ++b) {
    const uintptr_t *p0 = &ptrs[3 * b * threads];
    for (unsigned t = 0; t < threads; ++t)
      for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(ptrs[3 * (b * threads + t) + k], p0[k]);
        EXPECT_EQ(first[3 * (b * threads + t) + k], 0xffffffffu)
            << "block " << b << " thread " << t << " allocation " << k;
      }
    for (int k = 0; k < 3; ++k)
      EXPECT_EQ(p0[k] % 16, 0u);
    // The two static arrays and the dynamic region do not overlap.
    uintptr_t a = p0[0], bb = p0[1], d = p0[2];
    EXPECT_TRUE(a + 400 <= bb || bb + 120 <= a);
    EXPECT_TRUE(d >= a + 400 && d >= bb + 120);
  }
}

// Exactly 48 KiB of static shared memory is allowed.
TS_KERNEL void shared_48k(int *out) {
  TS_SHARED(char, big, [40 * 1024]);
  TS_SHARED(int, rest, [2048]);
  big[threadIdx.x] = 1;
  rest[threadIdx.x] = 2;
  ts_syncthreads();
  out[threadIdx.x] = big[(threadIdx.x + 1) % 32] + rest[(threadIdx.x + 1) % 32];
}
TS_EMU_ENTRY(shared_48k)

TEST_P(SharedMemory, FortyEightKiBFits) {
  std::vector<int> out(32);
  Launch run(EMU_KERNEL(shared_48k), {1, 1, 1}, {32, 1, 1}, GetParam());
  ASSERT_EQ(run(out.data()), "");
  for (int v : out)
    EXPECT_EQ(v, 3);
}

TS_KERNEL void shared_too_much(int *out) {
  TS_SHARED(char, big, [40 * 1024]);
  big[threadIdx.x] = 1;
  TS_SHARED(float, more, [2049]); // @too-much
  more[threadIdx.x] = 2;
  out[threadIdx.x] = big[threadIdx.x];
}
TS_EMU_ENTRY(shared_too_much)

TEST_P(SharedMemory, OverFortyEightKiBIsAnError) {
  std::vector<int> out(32);
  Launch run(EMU_KERNEL(shared_too_much), {1, 1, 1}, {32, 1, 1}, GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'shared_too_much': block (0,0,0): static shared memory "
            "over 48 KiB: TS_SHARED (" +
                siteOf(__FILE__, "@too-much") +
                ") of 8196 bytes makes the block's total 49156 bytes");
}

// Dynamic shared memory of the launch's size, shared by the block.
TS_KERNEL void shared_dynamic_sum(const int *in, int *out, int n) {
  TS_DYNAMIC_SHARED(int, s);
  for (int i = static_cast<int>(threadIdx.x); i < n;
       i += static_cast<int>(blockDim.x))
    s[i] = in[i];
  ts_syncthreads();
  if (threadIdx.x == 0) {
    int sum = 0;
    for (int i = 0; i < n; ++i)
      sum += s[i];
    out[blockIdx.x] = sum;
  }
}
TS_EMU_ENTRY(shared_dynamic_sum)

TEST_P(SharedMemory, DynamicOfTheLaunchSize) {
  const int n = 30000; // 120000 bytes, more than the static limit
  std::vector<int> in(n), out(3);
  long ref = 0;
  for (int i = 0; i < n; ++i) {
    in[i] = i % 1000;
    ref += in[i];
  }
  Launch run(EMU_KERNEL(shared_dynamic_sum), {3, 1, 1}, {128, 1, 1}, GetParam(),
             n * sizeof(int));
  ASSERT_EQ(run(in.data(), out.data(), n), "");
  for (int v : out)
    EXPECT_EQ(v, ref);
}

INSTANTIATE_TEST_SUITE_P(Modes, SharedMemory,
                         ::testing::Values(Mode::Fast, Mode::Check),
                         modeParamName);
