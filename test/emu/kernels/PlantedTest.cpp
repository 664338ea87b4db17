//===- PlantedTest.cpp - Planted bugs, each caught by its mode ------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Kernels of planted/ with one bug each, next to their correct variants:
//   missing barrier before a shared buffer is reused  -> wrong in check mode
//   missing cp.async wait                             -> NaN poison in check
//   swapped mma fragment registers                    -> wrong in any mode
//   divergent barrier, exit before a barrier, a half-warp full-mask shuffle
//                                     -> a diagnostic naming the lines, in
//                                        both modes, and no hang
// The correct variant of each passes in the same mode. What the other mode
// gives for the schedule-dependent bugs is printed, not asserted.
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"
#include "References.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <future>

namespace tessera::emu::kernels {
namespace {

/// Launches like launchKernel, but fails the test (and ends the process)
/// when the launch has not returned after a minute: planted deadlocks must
/// be reported, never hang.
template <class... Args>
std::optional<std::string>
launchWithDeadline(const char *name, const LaunchParams &params, Args... args) {
  auto result = std::async(std::launch::async,
                           [=] { return launchKernel(name, params, args...); });
  if (result.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    std::fprintf(stderr, "FATAL: launch of '%s' hangs (60 s)\n", name);
    std::fflush(stderr);
    std::_Exit(3);
  }
  return result.get();
}

//===----------------------------------------------------------------------===//
// The GEMM copy (planted/gemm_planted.cu)
//===----------------------------------------------------------------------===//

struct GemmOutcome {
  std::optional<std::string> error;
  size_t mismatches = 0;
  size_t nans = 0;
};

std::ostream &operator<<(std::ostream &os, const GemmOutcome &o) {
  os << o.mismatches << " wrong elements (" << o.nans << " NaN)";
  if (o.error)
    os << ", launch error: " << *o.error;
  return os;
}

/// Runs planted kernel |name| on a 128x128x128 problem (2 x 2 blocks, 4 K
/// tiles: the ring wraps) in |mode|.
GemmOutcome runPlantedGemm(const char *name, Mode mode) {
  const int m = 128, n = 128, k = 128;
  std::vector<uint16_t> a = randomBf16(m * k, -1, 1, 71);
  std::vector<uint16_t> b = randomBf16(n * k, -1, 1, 72);
  AlignedArray<uint16_t> as(a), bs(b);
  AlignedArray<float> c(m * n);
  for (size_t i = 0; i < c.size(); ++i)
    c[i] = -12345.0f;
  GemmOutcome outcome;
  outcome.error = launchWithDeadline(name, launchParams({2, 2}, {128}, mode),
                                     static_cast<const uint16_t *>(as.data()),
                                     static_cast<const uint16_t *>(bs.data()),
                                     c.data(), m, n, k);
  std::vector<float> af, bf;
  for (uint16_t v : a)
    af.push_back(fromBf16(v));
  for (uint16_t v : b)
    bf.push_back(fromBf16(v));
  GemmReference ref = gemmReference(af, bf, {}, m, n, k, /*bNK=*/true);
  for (size_t i = 0; i < c.size(); ++i) {
    if (std::isnan(c[i]))
      ++outcome.nans;
    if (!(std::fabs(c[i] - ref.value[i]) <= 1e-5 * ref.magnitude[i]))
      ++outcome.mismatches;
  }
  return outcome;
}

TEST(PlantedGemm, CorrectVariantPassesInBothModes) {
  for (Mode mode : {Mode::Fast, Mode::Check}) {
    GemmOutcome o = runPlantedGemm("planted_gemm_correct", mode);
    EXPECT_FALSE(o.error) << modeName(mode) << ": " << o;
    EXPECT_EQ(o.mismatches, 0u) << modeName(mode) << ": " << o;
  }
}

TEST(PlantedGemm, MissingBarrierIsWrongInCheckMode) {
  GemmOutcome check =
      runPlantedGemm("planted_gemm_missing_barrier", Mode::Check);
  EXPECT_TRUE(check.error || check.mismatches > 0) << check;
  std::printf("missing barrier, check mode: %zu wrong, %zu NaN%s%s\n",
              check.mismatches, check.nans,
              check.error ? ", launch error: " : "",
              check.error ? check.error->c_str() : "");
  GemmOutcome fast = runPlantedGemm("planted_gemm_missing_barrier", Mode::Fast);
  std::printf("missing barrier, fast mode (not asserted): %zu wrong, %zu NaN\n",
              fast.mismatches, fast.nans);
}

TEST(PlantedGemm, MissingCpAsyncWaitIsPoisonInCheckMode) {
  GemmOutcome check = runPlantedGemm("planted_gemm_missing_wait", Mode::Check);
  EXPECT_FALSE(check.error) << check;
  EXPECT_GT(check.mismatches, 0u) << check;
  EXPECT_GT(check.nans, 0u) << check;
  std::printf("missing cp.async wait, check mode: %zu wrong, %zu NaN\n",
              check.mismatches, check.nans);
  GemmOutcome fast = runPlantedGemm("planted_gemm_missing_wait", Mode::Fast);
  std::printf("missing cp.async wait, fast mode (not asserted): %zu wrong, "
              "%zu NaN\n",
              fast.mismatches, fast.nans);
}

TEST(PlantedGemm, SwappedFragmentsAreWrongInBothModes) {
  for (Mode mode : {Mode::Fast, Mode::Check}) {
    GemmOutcome o = runPlantedGemm("planted_gemm_swapped_fragments", mode);
    EXPECT_FALSE(o.error) << modeName(mode) << ": " << o;
    // Every output row mixes the wrong halves of A: almost all elements.
    EXPECT_GT(o.mismatches, 128u * 128u / 2) << modeName(mode) << ": " << o;
    EXPECT_EQ(o.nans, 0u) << modeName(mode) << ": " << o;
  }
}

//===----------------------------------------------------------------------===//
// The tiled loop (planted/tile_missing_barrier.cu)
//===----------------------------------------------------------------------===//

/// Wrong elements of tile_reverse_sum(_missing_barrier) over 16 tiles of 256.
size_t runTileReverseSum(const char *name, Mode mode,
                         std::optional<std::string> &error) {
  const int tiles = 16, threads = 256;
  std::vector<float> x = randomFloats(tiles * threads, -1, 1, 81);
  AlignedArray<float> xs(x), y(threads);
  error = launchWithDeadline(name, launchParams({1}, {threads}, mode),
                             static_cast<const float *>(xs.data()), y.data(),
                             tiles);
  size_t bad = 0;
  for (int i = 0; i < threads; ++i) {
    double want = 0;
    for (int t = 0; t < tiles; ++t)
      want += x[t * threads + threads - 1 - i];
    if (!(std::fabs(y[i] - want) <= 1e-5))
      ++bad;
  }
  return bad;
}

TEST(PlantedTile, CorrectVariantPassesInBothModes) {
  for (Mode mode : {Mode::Fast, Mode::Check}) {
    std::optional<std::string> error;
    EXPECT_EQ(runTileReverseSum("tile_reverse_sum", mode, error), 0u)
        << modeName(mode);
    EXPECT_FALSE(error) << *error;
  }
}

TEST(PlantedTile, MissingTrailingBarrierIsWrongInCheckMode) {
  std::optional<std::string> error;
  size_t bad =
      runTileReverseSum("tile_reverse_sum_missing_barrier", Mode::Check, error);
  EXPECT_TRUE(error || bad > 0) << "no effect in check mode";
  std::printf("missing trailing barrier, check mode: %zu of 256 wrong%s%s\n",
              bad, error ? ", launch error: " : "",
              error ? error->c_str() : "");
  bad =
      runTileReverseSum("tile_reverse_sum_missing_barrier", Mode::Fast, error);
  std::printf("missing trailing barrier, fast mode (not asserted): %zu of 256 "
              "wrong\n",
              bad);
}

//===----------------------------------------------------------------------===//
// Barriers and shuffles not all threads reach (planted/barrier_misuse.cu)
//===----------------------------------------------------------------------===//

const char *kMisuseFile = "planted/barrier_misuse.cu";

/// "barrier_misuse.cu:<line of |marker|>", as the emulator names sites.
std::string siteOf(const char *marker) {
  int line = markerLine(kMisuseFile, marker);
  EXPECT_GT(line, 0) << "no " << marker << " in " << kMisuseFile;
  return "barrier_misuse.cu:" + std::to_string(line);
}

/// Runs misuse kernel |name| on one block of |threads| in |mode|.
std::optional<std::string> runMisuse(const char *name, unsigned threads,
                                     Mode mode, AlignedArray<float> &y) {
  return launchWithDeadline(name, launchParams({1}, {threads}, mode), y.data());
}

class PlantedMisuse : public ::testing::TestWithParam<Mode> {};

TEST_P(PlantedMisuse, ConvergedBarrierPasses) {
  AlignedArray<float> y(64);
  std::optional<std::string> error =
      runMisuse("converged_barrier", 64, GetParam(), y);
  ASSERT_FALSE(error) << *error;
  for (int i = 0; i < 64; ++i)
    EXPECT_EQ(y[i], i < 32 ? 2.0f : 1.0f) << "y[" << i << "]";
}

TEST_P(PlantedMisuse, ExitBeforeBarrierIsDeadlock) {
  AlignedArray<float> y(64);
  std::optional<std::string> error =
      runMisuse("exit_before_barrier", 64, GetParam(), y);
  ASSERT_TRUE(error) << "the exit before the barrier was not reported";
  EXPECT_EQ(*error, "kernel 'exit_before_barrier': block (0,0,0): deadlock: "
                    "threads 0-15 wait at ts_syncthreads (" +
                        siteOf("BARRIER-EXIT") + "); threads 16-63 exited");
}

TEST_P(PlantedMisuse, MaskedHalfWarpShufflePasses) {
  AlignedArray<float> y(64);
  std::optional<std::string> error =
      runMisuse("half_warp_shuffle_ok", 64, GetParam(), y);
  ASSERT_FALSE(error) << *error;
  for (int i = 0; i < 64; ++i)
    EXPECT_EQ(y[i], static_cast<float>(i % 32 < 16 ? i ^ 1 : i))
        << "y[" << i << "]";
}

TEST_P(PlantedMisuse, HalfWarpFullMaskShuffleIsDeadlock) {
  AlignedArray<float> y(64);
  std::optional<std::string> error =
      runMisuse("half_warp_shuffle", 64, GetParam(), y);
  ASSERT_TRUE(error) << "the half-warp shuffle was not reported";
  EXPECT_EQ(*error, "kernel 'half_warp_shuffle': block (0,0,0): deadlock: "
                    "threads 0-15,32-47 wait at ts_shfl_xor_sync (" +
                        siteOf("SHUFFLE-HALF") +
                        "); threads 16-31,48-63 exited");
}

TEST_P(PlantedMisuse, PartialWarpMaskedShufflePasses) {
  AlignedArray<float> y(48);
  std::optional<std::string> error =
      runMisuse("partial_warp_shuffle_ok", 48, GetParam(), y);
  ASSERT_FALSE(error) << *error;
  for (int i = 0; i < 48; ++i)
    EXPECT_EQ(y[i], static_cast<float>(i ^ 1)) << "y[" << i << "]";
}

TEST_P(PlantedMisuse, PartialWarpFullMaskShuffleIsPartialWarp) {
  AlignedArray<float> y(48);
  std::optional<std::string> error =
      runMisuse("partial_warp_shuffle", 48, GetParam(), y);
  ASSERT_TRUE(error) << "the full mask in a partial warp was not reported";
  // Whichever lane of warp 1 gets there first is named.
  EXPECT_EQ(error->rfind("kernel 'partial_warp_shuffle': block (0,0,0): ", 0),
            0u)
      << *error;
  EXPECT_NE(error->find("partial warp: ts_shfl_xor_sync (" +
                        siteOf("SHUFFLE-PARTIAL") +
                        ") with mask 0xffffffff in warp 1, which has lanes "
                        "0-15 only"),
            std::string::npos)
      << *error;
}

INSTANTIATE_TEST_SUITE_P(Planted, PlantedMisuse,
                         ::testing::Values(Mode::Fast, Mode::Check),
                         [](const ::testing::TestParamInfo<Mode> &info) {
                           return std::string(modeName(info.param));
                         });

/// Divergent barriers meet like one barrier on sm_70+ hardware; check mode
/// reports them (fast mode lets them pass: printed, not asserted).
TEST(PlantedDivergentBarrier, CheckModeNamesBothLines) {
  AlignedArray<float> y(64);
  std::optional<std::string> error =
      runMisuse("divergent_barrier", 64, Mode::Check, y);
  ASSERT_TRUE(error) << "divergent barriers were not reported";
  EXPECT_EQ(*error, "kernel 'divergent_barrier': block (0,0,0): divergent "
                    "barrier: threads 0-31 wait at ts_syncthreads (" +
                        siteOf("BARRIER-A") +
                        "), threads 32-63 at ts_syncthreads (" +
                        siteOf("BARRIER-B") + ")");
  error = runMisuse("divergent_barrier", 64, Mode::Fast, y);
  std::printf("divergent barrier, fast mode (not asserted): %s\n",
              error ? error->c_str() : "no diagnostic");
}

} // namespace
} // namespace tessera::emu::kernels
