//===- LayerNormTest.cpp - layer_norm.cu against a reference --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Layer normalization with gamma and beta on rows offset by 10 (so that the
// mean matters): the block-per-row kernel, and the warp-per-row kernel with
// row counts that leave whole warps of the last block without a row.
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"
#include "References.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tessera::emu::kernels {
namespace {

struct LayerNormCase {
  int rows, cols;
  unsigned threads;
  bool warpPerRow;
};

std::string caseName(const ::testing::TestParamInfo<LayerNormCase> &info) {
  const LayerNormCase &p = info.param;
  return std::string(p.warpPerRow ? "warp_" : "block_") +
         std::to_string(p.rows) + "x" + std::to_string(p.cols) + "_b" +
         std::to_string(p.threads);
}

class LayerNormTest : public ::testing::TestWithParam<LayerNormCase> {};

TEST_P(LayerNormTest, MatchesDoubleReference) {
  const LayerNormCase &p = GetParam();
  const float eps = 1e-5f;
  size_t count = static_cast<size_t>(p.rows) * p.cols;
  std::vector<float> x = randomFloats(count, 7.0f, 13.0f, 31 + p.cols);
  std::vector<float> gamma = randomFloats(p.cols, 0.5f, 1.5f, 32);
  std::vector<float> beta = randomFloats(p.cols, -1.0f, 1.0f, 33);
  AlignedArray<float> xs(x), gs(gamma), bs(beta), ys(count);
  for (size_t i = 0; i < count; ++i)
    ys[i] = NAN;

  std::optional<std::string> error;
  if (p.warpPerRow) {
    unsigned rowsPerBlock = p.threads / 32;
    unsigned blocks = (p.rows + rowsPerBlock - 1) / rowsPerBlock;
    error = launchKernel(
        "layer_norm_warp_f32", launchParams({blocks}, {p.threads}),
        static_cast<const float *>(xs.data()),
        static_cast<const float *>(gs.data()),
        static_cast<const float *>(bs.data()), ys.data(), p.rows, p.cols, eps);
  } else {
    error = launchKernel(
        "layer_norm_f32",
        launchParams({static_cast<unsigned>(p.rows)}, {p.threads}),
        static_cast<const float *>(xs.data()),
        static_cast<const float *>(gs.data()),
        static_cast<const float *>(bs.data()), ys.data(), p.cols, eps);
  }
  ASSERT_FALSE(error) << *error;

  std::vector<double> ref = layerNormReference(x, gamma, beta, p.rows, p.cols,
                                               static_cast<double>(eps));
  size_t bad = 0;
  for (size_t i = 0; i < count; ++i) {
    double tolerance = 1e-5 * (std::fabs(ref[i]) + 1.0);
    if (!(std::fabs(ys[i] - ref[i]) <= tolerance) && ++bad <= 5)
      ADD_FAILURE() << "y[" << i / p.cols << "][" << i % p.cols
                    << "] = " << ys[i] << ", reference " << ref[i];
  }
  EXPECT_EQ(bad, 0u) << "of " << count << " elements";
}

INSTANTIATE_TEST_SUITE_P(Kernels, LayerNormTest,
                         ::testing::Values(LayerNormCase{4, 1, 128, false},
                                           LayerNormCase{3, 33, 128, false},
                                           LayerNormCase{5, 768, 128, false},
                                           LayerNormCase{3, 1000, 256, false},
                                           LayerNormCase{2, 2048, 256, false},
                                           LayerNormCase{7, 1, 128, true},
                                           LayerNormCase{9, 33, 128, true},
                                           LayerNormCase{5, 256, 64, true},
                                           LayerNormCase{13, 100, 96, true}),
                         caseName);

} // namespace
} // namespace tessera::emu::kernels
