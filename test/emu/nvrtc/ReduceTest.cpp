//===- ReduceTest.cpp - Warp and block reductions in the emulator ---------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// reduce.cuh run by the CPU emulator for every block size 32..1024 (a
// multiple of 32) and some 2-D/3-D blocks, in both scheduling modes: every
// thread gets its block's (or warp's) sum/max/min, and three reductions in
// a row through one scratch array stay correct (the trailing barrier; the
// check mode's greedy warps would expose a missing one).
//
//===----------------------------------------------------------------------===//
#include "tessera/reduce.cuh"
#include "runtime/emu/Emulator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

TS_KERNEL void reduce_test_kernel(const float *x, float *blockSum,
                                  float *blockMax, float *blockMin,
                                  float *warpSum, float *warpMax,
                                  float *warpMin) {
  TS_SHARED(float, scratch, [32]);
  unsigned threads = blockDim.x * blockDim.y * blockDim.z;
  unsigned i = blockIdx.x * threads + threadIdx.x +
               blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  float v = x[i];
  // Three reductions back to back through the same scratch.
  float sum = ts_block_reduce_sum(v, scratch);
  float max = ts_block_reduce_max(v, scratch);
  float min = ts_block_reduce_min(v, scratch);
  blockSum[i] = sum;
  blockMax[i] = max;
  blockMin[i] = min;
  warpSum[i] = ts_warp_reduce_sum(v);
  warpMax[i] = ts_warp_reduce_max(v);
  warpMin[i] = ts_warp_reduce_min(v);
}
TS_EMU_ENTRY(reduce_test_kernel)

// Defined by TS_EMU_DEFINE_MODULE() in FakeEmulator.cpp.
extern "C" ts_emu_thread **ts_emu_self_slot();

namespace {

using tessera::emu::Dim3;
using tessera::emu::KernelHandle;
using tessera::emu::LaunchParams;
using tessera::emu::Mode;

struct Case {
  Dim3 block;
  Mode mode;
};

std::string caseName(const Case &c) {
  return std::to_string(c.block.x) + "x" + std::to_string(c.block.y) + "x" +
         std::to_string(c.block.z) +
         (c.mode == Mode::Check ? "_check" : "_fast");
}

std::vector<Case> cases() {
  std::vector<Case> all;
  for (Mode mode : {Mode::Fast, Mode::Check}) {
    for (unsigned x = 32; x <= 1024; x += 32)
      all.push_back({{x, 1, 1}, mode});
    all.push_back({{16, 4, 1}, mode});
    all.push_back({{8, 4, 4}, mode});
    all.push_back({{32, 32, 1}, mode});
  }
  return all;
}

class Reduce : public ::testing::TestWithParam<Case> {};

TEST_P(Reduce, EveryThreadGetsItsBlocksAndWarpsResult) {
  const Case &c = GetParam();
  const unsigned threads = c.block.x * c.block.y * c.block.z;
  const unsigned blocks = 3;
  const size_t n = static_cast<size_t>(threads) * blocks;
  std::vector<float> x(n);
  for (size_t i = 0; i < n; ++i) // integers: sums are exact in any order
    x[i] = static_cast<float>(static_cast<int>((i * 7919) % 1999) - 999);
  std::vector<float> bsum(n), bmax(n), bmin(n), wsum(n), wmax(n), wmin(n);
  const float *xp = x.data();
  float *ptrs[6] = {bsum.data(), bmax.data(), bmin.data(),
                    wsum.data(), wmax.data(), wmin.data()};
  void *args[7] = {&xp,      &ptrs[0], &ptrs[1], &ptrs[2],
                   &ptrs[3], &ptrs[4], &ptrs[5]};
  KernelHandle kernel{"reduce_test_kernel", &reduce_test_kernel__ts_emu_entry,
                      &ts_emu_self_slot};
  LaunchParams params;
  params.grid = {blocks, 1, 1};
  params.block = c.block;
  params.mode = c.mode;
  std::optional<std::string> error = tessera::emu::launch(kernel, params, args);
  ASSERT_FALSE(error.has_value()) << *error;

  for (size_t b = 0; b < blocks; ++b) {
    auto first = x.begin() + b * threads, last = first + threads;
    float sum = 0;
    for (auto it = first; it != last; ++it)
      sum += *it;
    float max = *std::max_element(first, last);
    float min = *std::min_element(first, last);
    for (size_t w = 0; w < threads / 32; ++w) {
      auto wfirst = first + w * 32, wlast = wfirst + 32;
      float ws = 0;
      for (auto it = wfirst; it != wlast; ++it)
        ws += *it;
      float wm = *std::max_element(wfirst, wlast);
      float wn = *std::min_element(wfirst, wlast);
      for (size_t l = 0; l < 32; ++l) {
        size_t i = b * threads + w * 32 + l;
        ASSERT_EQ(bsum[i], sum) << "thread " << i;
        ASSERT_EQ(bmax[i], max) << "thread " << i;
        ASSERT_EQ(bmin[i], min) << "thread " << i;
        ASSERT_EQ(wsum[i], ws) << "thread " << i;
        ASSERT_EQ(wmax[i], wm) << "thread " << i;
        ASSERT_EQ(wmin[i], wn) << "thread " << i;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Blocks, Reduce, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           return caseName(info.param);
                         });

} // namespace
