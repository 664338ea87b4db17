//===- SanitizerTest.cpp - Bugs the sanitizer builds must report ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Built into the sanitizer variants of the test binary only. Each planted
// bug runs in a child process (this binary, one test selected, with
// TESSERA_EMU_CHILD set); the parent checks the sanitizer's report on the
// child's stderr: its kind and the kernel's file:line.
//   TSan: a missing barrier between a shared-memory write and another
//         thread's read, or before a shared tile is reused, is a data race
//         at both lines; with the barriers there is no report (the
//         emulator's own annotations are right).
//   ASan: a global read one past the end of an array, and a write one past
//         the end of a shared array (into the emulator's redzone), name
//         their lines.
//
//===----------------------------------------------------------------------===//
#include "tessera/warp.cuh"

#include "EmuTest.h"

#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

using namespace emutest;

namespace {

const char *childMode() { return std::getenv("TESSERA_EMU_CHILD"); }

struct ChildResult {
  int status = -1;
  std::string stderrText;
};

/// Runs this binary's |test| with TESSERA_EMU_CHILD=|mode|.
ChildResult runChild(const std::string &test, const std::string &mode) {
  char path[] = "/tmp/tessera-emu-child-XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  close(fd);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, path, O_WRONLY | O_TRUNC, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  std::string filter = "--gtest_filter=" + test;
  char *argv[] = {const_cast<char *>("/proc/self/exe"), filter.data(), nullptr};
  std::vector<std::string> envStrings;
  for (char **e = environ; *e; ++e)
    if (std::string(*e).rfind("TESSERA_EMU_CHILD=", 0) != 0)
      envStrings.push_back(*e);
  envStrings.push_back("TESSERA_EMU_CHILD=" + mode);
  std::vector<char *> env;
  for (std::string &s : envStrings)
    env.push_back(s.data());
  env.push_back(nullptr);
  pid_t pid;
  ChildResult result;
  if (posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv,
                  env.data()) == 0)
    waitpid(pid, &result.status, 0);
  posix_spawn_file_actions_destroy(&actions);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  result.stderrText = text.str();
  unlink(path);
  return result;
}

} // namespace

TS_KERNEL void san_missing_barrier(const float *in, float *out, int planted) {
  TS_SHARED(float, buf, [64]);
  unsigned tid = threadIdx.x;
  buf[tid] = in[tid]; // @race-write
  if (!planted)
    ts_syncthreads();
  out[blockIdx.x * 64 + tid] = buf[(tid + 32) % 64]; // @race-read
}
TS_EMU_ENTRY(san_missing_barrier)

TEST(SanitizerChild, MissingBarrier) {
  const char *mode = childMode();
  if (!mode)
    GTEST_SKIP() << "runs as a child of SanitizerReport tests";
  std::vector<float> in(64, 1.0f), out(2 * 64);
  for (Mode m : {Mode::Fast, Mode::Check}) {
    Launch run(EMU_KERNEL(san_missing_barrier), {2, 1, 1}, {64, 1, 1}, m);
    EXPECT_EQ(run(static_cast<const float *>(in.data()), out.data(),
                  std::string(mode) == "planted" ? 1 : 0),
              "");
  }
}

// A shared tile reused without the trailing barrier: a thread that runs on
// stores the next tile over a value another has not read yet. Both accesses
// sit between the same two barriers (the emulator must not let the next
// generation's arrivals order them).
TS_KERNEL void san_tile_reuse(const float *x, float *y, int tiles,
                              int planted) {
  TS_SHARED(float, tile, [64]);
  unsigned i = threadIdx.x, n = blockDim.x;
  float acc = 0;
  for (int t = 0; t < tiles; ++t) {
    tile[i] = x[t * n + i]; // @reuse-store
    ts_syncthreads();
    acc += tile[n - 1 - i]; // @reuse-load
    if (!planted)
      ts_syncthreads();
  }
  y[i] = acc;
}
TS_EMU_ENTRY(san_tile_reuse)

TEST(SanitizerChild, TileReuse) {
  const char *mode = childMode();
  if (!mode)
    GTEST_SKIP() << "runs as a child of SanitizerReport tests";
  std::vector<float> x(4 * 64, 1.0f), y(64);
  for (Mode m : {Mode::Fast, Mode::Check}) {
    Launch run(EMU_KERNEL(san_tile_reuse), {1, 1, 1}, {64, 1, 1}, m);
    EXPECT_EQ(run(static_cast<const float *>(x.data()), y.data(), 4,
                  std::string(mode) == "planted" ? 1 : 0),
              "");
  }
}

TS_KERNEL void san_out_of_bounds(const float *in, float *out, int n) {
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  out[i] = in[i + 1]; // @oob-read (reads in[n] in the last thread)
  (void)n;
}
TS_EMU_ENTRY(san_out_of_bounds)

TEST(SanitizerChild, OutOfBounds) {
  if (!childMode())
    GTEST_SKIP() << "runs as a child of SanitizerReport tests";
  const int n = 64;
  std::vector<float> in(n), out(n);
  Launch run(EMU_KERNEL(san_out_of_bounds), {2, 1, 1}, {32, 1, 1}, Mode::Fast);
  run(static_cast<const float *>(in.data()), out.data(), n);
}

// One past the end of a shared array: inside the next allocation on a GPU;
// in the ASan build, a redzone.
TS_KERNEL void san_shared_overflow(float *out) {
  TS_SHARED(float, a, [32]);
  TS_SHARED(float, b, [32]);
  b[threadIdx.x] = 0.0f;
  a[threadIdx.x + 1] = 1.0f; // @shared-overflow
  ts_syncthreads();
  out[threadIdx.x] = b[threadIdx.x];
}
TS_EMU_ENTRY(san_shared_overflow)

TEST(SanitizerChild, SharedOverflow) {
  if (!childMode())
    GTEST_SKIP() << "runs as a child of SanitizerReport tests";
  std::vector<float> out(32);
  Launch run(EMU_KERNEL(san_shared_overflow), {1, 1, 1}, {32, 1, 1},
             Mode::Fast);
  run(out.data());
}

#if defined(TESSERA_EMU_SANITIZER)

TEST(SanitizerReport, BuildVariant) {
  const std::string variant = TESSERA_EMU_SANITIZER;
  EXPECT_TRUE(variant == "address" || variant == "thread") << variant;
}

TEST(SanitizerReport, MissingBarrierIsADataRace) {
  if (std::string(TESSERA_EMU_SANITIZER) != "thread")
    GTEST_SKIP() << "a ThreadSanitizer test";
  ChildResult r = runChild("SanitizerChild.MissingBarrier", "planted");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.stderrText.find("WARNING: ThreadSanitizer: data race"),
            std::string::npos)
      << r.stderrText;
  EXPECT_NE(r.stderrText.find(siteOf(__FILE__, "@race-write")),
            std::string::npos)
      << r.stderrText;
  EXPECT_NE(r.stderrText.find(siteOf(__FILE__, "@race-read")),
            std::string::npos)
      << r.stderrText;
}

TEST(SanitizerReport, MissingTrailingBarrierIsADataRace) {
  if (std::string(TESSERA_EMU_SANITIZER) != "thread")
    GTEST_SKIP() << "a ThreadSanitizer test";
  ChildResult r = runChild("SanitizerChild.TileReuse", "planted");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.stderrText.find("WARNING: ThreadSanitizer: data race"),
            std::string::npos)
      << r.stderrText;
  EXPECT_NE(r.stderrText.find(siteOf(__FILE__, "@reuse-store")),
            std::string::npos)
      << r.stderrText;
  EXPECT_NE(r.stderrText.find(siteOf(__FILE__, "@reuse-load")),
            std::string::npos)
      << r.stderrText;
  r = runChild("SanitizerChild.TileReuse", "correct");
  EXPECT_EQ(r.status, 0) << r.stderrText;
  EXPECT_EQ(r.stderrText.find("ThreadSanitizer"), std::string::npos)
      << r.stderrText;
}

TEST(SanitizerReport, BarrierOrdersTheAccesses) {
  if (std::string(TESSERA_EMU_SANITIZER) != "thread")
    GTEST_SKIP() << "a ThreadSanitizer test";
  ChildResult r = runChild("SanitizerChild.MissingBarrier", "correct");
  EXPECT_EQ(r.status, 0) << r.stderrText;
  EXPECT_EQ(r.stderrText.find("ThreadSanitizer"), std::string::npos)
      << r.stderrText;
}

TEST(SanitizerReport, OutOfBoundsGlobalRead) {
  if (std::string(TESSERA_EMU_SANITIZER) != "address")
    GTEST_SKIP() << "an AddressSanitizer test";
  ChildResult r = runChild("SanitizerChild.OutOfBounds", "planted");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.stderrText.find("AddressSanitizer: heap-buffer-overflow"),
            std::string::npos)
      << r.stderrText;
  EXPECT_NE(r.stderrText.find(siteOf(__FILE__, "@oob-read")), std::string::npos)
      << r.stderrText;
}

TEST(SanitizerReport, SharedArrayOverrun) {
  if (std::string(TESSERA_EMU_SANITIZER) != "address")
    GTEST_SKIP() << "an AddressSanitizer test";
  ChildResult r = runChild("SanitizerChild.SharedOverflow", "planted");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.stderrText.find("AddressSanitizer: use-after-poison"),
            std::string::npos)
      << r.stderrText;
  EXPECT_NE(r.stderrText.find(siteOf(__FILE__, "@shared-overflow")),
            std::string::npos)
      << r.stderrText;
}

#endif // TESSERA_EMU_SANITIZER
