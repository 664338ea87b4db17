//===- TsanTest.cpp - A missing barrier under ThreadSanitizer -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Linked with tessera_emu_tsan, whose host JIT compiles kernels with
// -fsanitize=thread and whose fibers, barriers and collectives are annotated
// for ThreadSanitizer. Each test runs this executable again as a child
// ("--child <kernel>": build planted/tile_missing_barrier.cu, launch the
// kernel, check its results) and reads the child's output:
//   tile_reverse_sum                  no report, results right
//   tile_reverse_sum_missing_barrier  "ThreadSanitizer: data race" naming
//                                     the tile's store and load lines
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"
#include "runtime/emu/Subprocess.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>

namespace tessera::emu::kernels {
namespace {

const char *kTileFile = "planted/tile_missing_barrier.cu";

/// The child: builds the tile kernels, runs |kernel| once in check mode and
/// reports whether its results are right. Returns the exit status.
int runChild(const char *kernel) {
  std::string error;
  std::unique_ptr<HostModule> module = compileHostModule(
      {{kTileFile,
        readKernelFile(kTileFile),
        {"tile_reverse_sum", "tile_reverse_sum_missing_barrier"}}},
      suiteJitOptions(), error);
  if (!module) {
    std::fprintf(stderr, "child: %s\n", error.c_str());
    return 2;
  }
  const KernelHandle *handle = module->kernel(kernel);
  if (!handle) {
    std::fprintf(stderr, "child: no kernel '%s'\n", kernel);
    return 2;
  }
  const int tiles = 8, threads = 256;
  std::vector<float> x = randomFloats(tiles * threads, -1, 1, 101);
  AlignedArray<float> xs(x), y(threads);
  const float *xPtr = xs.data();
  float *yPtr = y.data();
  int tileCount = tiles;
  void *args[] = {&xPtr, &yPtr, &tileCount};
  std::optional<std::string> launchError =
      launch(*handle, launchParams({1}, {threads}, Mode::Check), args);
  if (launchError) {
    std::printf("child: launch error: %s\n", launchError->c_str());
    return 1;
  }
  int bad = 0;
  for (int i = 0; i < threads; ++i) {
    double want = 0;
    for (int t = 0; t < tiles; ++t)
      want += x[t * threads + threads - 1 - i];
    bad += !(std::fabs(y[i] - want) <= 1e-5);
  }
  std::printf("child: %s: %d of %d results wrong\n", kernel, bad, threads);
  return 0;
}

/// Runs this executable with "--child |kernel|"; returns its exit status
/// and its stdout and stderr together in |output|.
int spawnChild(const char *kernel, std::string &output) {
  return runCapturing({"/proc/self/exe", "--child", kernel}, output);
}

std::string siteOf(const char *marker) {
  int line = markerLine(kTileFile, marker);
  EXPECT_GT(line, 0) << "no " << marker << " in " << kTileFile;
  return "tile_missing_barrier.cu:" + std::to_string(line);
}

TEST(PlantedTsan, CorrectTiledLoopHasNoReport) {
  std::string output;
  int status = spawnChild("tile_reverse_sum", output);
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output.find("ThreadSanitizer"), std::string::npos) << output;
  EXPECT_NE(output.find("tile_reverse_sum: 0 of 256 results wrong"),
            std::string::npos)
      << output;
}

TEST(PlantedTsan, MissingTrailingBarrierIsADataRace) {
  std::string output;
  spawnChild("tile_reverse_sum_missing_barrier", output);
  EXPECT_NE(output.find("WARNING: ThreadSanitizer: data race"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find(siteOf("TILE-STORE")), std::string::npos) << output;
  EXPECT_NE(output.find(siteOf("TILE-LOAD")), std::string::npos) << output;
  // The report, for the log.
  std::printf("%s\n", output.substr(0, 4000).c_str());
}

} // namespace
} // namespace tessera::emu::kernels

int main(int argc, char **argv) {
  if (argc == 3 && std::strcmp(argv[1], "--child") == 0)
    return tessera::emu::kernels::runChild(argv[2]);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
