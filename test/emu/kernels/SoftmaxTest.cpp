//===- SoftmaxTest.cpp - softmax_row.cu against a reference ---------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Row softmax, one block per row, rows of 1, 31, 1000, 1024 and 4096, blocks
// of 256 and 128 threads: the one-pass kernel where the row fits in
// registers (cols <= 8 * blockDim.x), the two-pass online kernel always.
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"
#include "References.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tessera::emu::kernels {
namespace {

struct SoftmaxCase {
  int rows, cols;
  unsigned threads;
  bool online;
};

std::string caseName(const ::testing::TestParamInfo<SoftmaxCase> &info) {
  const SoftmaxCase &p = info.param;
  return std::string(p.online ? "online_" : "registers_") +
         std::to_string(p.rows) + "x" + std::to_string(p.cols) + "_b" +
         std::to_string(p.threads);
}

class SoftmaxTest : public ::testing::TestWithParam<SoftmaxCase> {};

TEST_P(SoftmaxTest, MatchesDoubleReference) {
  const SoftmaxCase &p = GetParam();
  ASSERT_TRUE(p.online || p.cols <= 8 * static_cast<int>(p.threads));
  size_t count = static_cast<size_t>(p.rows) * p.cols;
  std::vector<float> x = randomFloats(count, -8.0f, 8.0f, 21 + p.cols);
  AlignedArray<float> xs(x), ys(count);
  for (size_t i = 0; i < count; ++i)
    ys[i] = NAN;

  std::optional<std::string> error =
      launchKernel(p.online ? "softmax_row_online_f32" : "softmax_row_f32",
                   launchParams({static_cast<unsigned>(p.rows)}, {p.threads}),
                   static_cast<const float *>(xs.data()), ys.data(), p.cols);
  ASSERT_FALSE(error) << *error;

  std::vector<double> ref = softmaxReference(x, p.rows, p.cols);
  size_t bad = 0;
  for (size_t i = 0; i < count; ++i) {
    double tolerance = 1e-5 * ref[i] + 1e-12;
    if (!(std::fabs(ys[i] - ref[i]) <= tolerance) && ++bad <= 5)
      ADD_FAILURE() << "y[" << i / p.cols << "][" << i % p.cols
                    << "] = " << ys[i] << ", reference " << ref[i];
  }
  EXPECT_EQ(bad, 0u) << "of " << count << " elements";
}

INSTANTIATE_TEST_SUITE_P(
    Kernels, SoftmaxTest,
    ::testing::Values(
        SoftmaxCase{3, 1, 256, false}, SoftmaxCase{3, 31, 256, false},
        SoftmaxCase{5, 1000, 256, false}, SoftmaxCase{4, 1024, 256, false},
        SoftmaxCase{3, 1, 128, false}, SoftmaxCase{3, 31, 128, false},
        SoftmaxCase{5, 1000, 128, false}, SoftmaxCase{4, 1024, 128, false},
        SoftmaxCase{3, 1, 256, true}, SoftmaxCase{3, 31, 256, true},
        SoftmaxCase{5, 1000, 256, true}, SoftmaxCase{4, 1024, 128, true},
        SoftmaxCase{4, 4096, 256, true}, SoftmaxCase{2, 4096, 128, true}),
    caseName);

} // namespace
} // namespace tessera::emu::kernels
