//===- BenchTest.cpp - Emulator timings the issue bounds ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// In fast mode, excluding compilation, best of 3: the bf16 tensor-core GEMM
// at 256^3 and row softmax at 1024 x 1024 must each take under 1 s (the
// results are checked too). Also prints the host compilation time of the
// kernel translation unit, cold (a fresh cache folder) and warm (from it).
// Run serially (RUN_SERIAL): the timings assume an otherwise idle machine.
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"
#include "References.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>

namespace tessera::emu::kernels {
namespace {

constexpr double kLimitSeconds = 1.0;

double secondsOf(const std::function<void()> &body) {
  auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

/// The best of 3 runs of |body|.
double bestOf3(const std::function<void()> &body) {
  double best = 1e30;
  for (int i = 0; i < 3; ++i)
    best = std::min(best, secondsOf(body));
  return best;
}

TEST(Bench, HostCompileColdAndWarm) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "tessera-emu-bench-XXXXXX")
          .string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  HostJitOptions options = suiteJitOptions();
  options.cacheDir = pattern;
  std::vector<KernelSource> sources = kernelSources();
  size_t kernels = 0;
  for (const KernelSource &s : sources)
    kernels += s.kernels.size();

  std::string error;
  std::unique_ptr<HostModule> cold, warm;
  double coldSeconds =
      secondsOf([&] { cold = compileHostModule(sources, options, error); });
  ASSERT_TRUE(cold) << error;
  EXPECT_FALSE(cold->fromCache());
  cold.reset(); // unloaded, so that the warm build loads it again
  double warmSeconds =
      secondsOf([&] { warm = compileHostModule(sources, options, error); });
  ASSERT_TRUE(warm) << error;
  EXPECT_TRUE(warm->fromCache());
  std::printf("[bench] host compile of %zu files, %zu kernels in one unit: "
              "cold %.3f s, warm (cache) %.4f s\n",
              sources.size(), kernels, coldSeconds, warmSeconds);
  warm.reset();
  std::filesystem::remove_all(pattern);
}

TEST(Bench, GemmBf16_256Cubed) {
  const int n = 256;
  std::vector<uint16_t> a = randomBf16(n * n, -1, 1, 91);
  std::vector<uint16_t> b = randomBf16(n * n, -1, 1, 92);
  AlignedArray<uint16_t> as(a), bs(b);
  AlignedArray<float> c(n * n);
  std::string error;
  ASSERT_TRUE(kernelModule(&error)) << error; // compile outside the timing
  LaunchParams params = launchParams({4, 4}, {128}, Mode::Fast);
  std::optional<std::string> launchError;
  double best = bestOf3([&] {
    launchError = launchKernel(
        "matmul_bf16_nn", params, static_cast<const uint16_t *>(as.data()),
        static_cast<const uint16_t *>(bs.data()), c.data(), n, n, n);
  });
  ASSERT_FALSE(launchError) << *launchError;

  std::vector<float> af, bf;
  for (uint16_t v : a)
    af.push_back(fromBf16(v));
  for (uint16_t v : b)
    bf.push_back(fromBf16(v));
  GemmReference ref = gemmReference(af, bf, {}, n, n, n, /*bNK=*/false);
  size_t bad = 0;
  for (size_t i = 0; i < c.size(); ++i)
    bad += !(std::fabs(c[i] - ref.value[i]) <= 1e-5 * ref.magnitude[i]);
  EXPECT_EQ(bad, 0u);
  std::printf("[bench] matmul_bf16_nn 256^3 (mma.sync m16n8k16, fast mode): "
              "%.4f s best of 3 (limit %.1f s)\n",
              best, kLimitSeconds);
  EXPECT_LT(best, kLimitSeconds);
}

TEST(Bench, Softmax_1024x1024) {
  const int rows = 1024, cols = 1024;
  std::vector<float> x = randomFloats(rows * cols, -8, 8, 93);
  AlignedArray<float> xs(x), y(rows * cols);
  std::string error;
  ASSERT_TRUE(kernelModule(&error)) << error;
  LaunchParams params = launchParams({rows}, {256}, Mode::Fast);
  std::optional<std::string> launchError;
  double best = bestOf3([&] {
    launchError =
        launchKernel("softmax_row_f32", params,
                     static_cast<const float *>(xs.data()), y.data(), cols);
  });
  ASSERT_FALSE(launchError) << *launchError;

  std::vector<double> ref = softmaxReference(x, rows, cols);
  size_t bad = 0;
  for (size_t i = 0; i < ref.size(); ++i)
    bad += !(std::fabs(y[i] - ref[i]) <= 1e-5 * ref[i] + 1e-12);
  EXPECT_EQ(bad, 0u);
  std::printf("[bench] softmax_row_f32 1024x1024 (256 threads, fast mode): "
              "%.4f s best of 3 (limit %.1f s)\n",
              best, kLimitSeconds);
  EXPECT_LT(best, kLimitSeconds);
}

} // namespace
} // namespace tessera::emu::kernels
