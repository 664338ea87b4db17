//===- ReduceTest.cpp - reduce_atomic.cu against a reference --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A sum and a count over ~1M elements with many blocks on 4 OS threads, so
// that the float and int atomics race: the count is exact, the sum within
// 1e-5 of sum |x| (the order of the float additions varies).
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tessera::emu::kernels {
namespace {

struct ReduceCase {
  int64_t n;
  unsigned blocks, threads;
};

std::string caseName(const ::testing::TestParamInfo<ReduceCase> &info) {
  return "n" + std::to_string(info.param.n) + "_g" +
         std::to_string(info.param.blocks) + "x" +
         std::to_string(info.param.threads);
}

class ReduceTest : public ::testing::TestWithParam<ReduceCase> {};

TEST_P(ReduceTest, SumAndCountMatchReference) {
  const ReduceCase &p = GetParam();
  const float threshold = 0.25f;
  std::vector<float> x = randomFloats(p.n, -1.0f, 1.0f, 41);
  double sum = 0, magnitude = 0;
  int expectedCount = 0;
  for (float v : x) {
    sum += v;
    magnitude += std::fabs(v);
    expectedCount += v > threshold ? 1 : 0;
  }
  AlignedArray<float> xs(x);

  for (int repeat = 0; repeat < 2; ++repeat) {
    AlignedArray<float> total(1);
    AlignedArray<int> count(1);
    LaunchParams params = launchParams({p.blocks}, {p.threads});
    params.workers = 4;
    std::optional<std::string> error = launchKernel(
        "reduce_sum_count_f32", params, static_cast<const float *>(xs.data()),
        p.n, threshold, total.data(), count.data());
    ASSERT_FALSE(error) << *error;
    EXPECT_EQ(count[0], expectedCount) << "repeat " << repeat;
    EXPECT_NEAR(total[0], sum, 1e-5 * magnitude + 1e-6) << "repeat " << repeat;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, ReduceTest,
                         ::testing::Values(ReduceCase{(1 << 20) + 17, 240, 256},
                                           ReduceCase{1000, 16, 128},
                                           ReduceCase{1, 3, 64}),
                         caseName);

} // namespace
} // namespace tessera::emu::kernels
