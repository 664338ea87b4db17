//===- DiagnosticsTest.cpp - The exact text of the emulator's errors ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every diagnostic is "kernel 'NAME': block (x,y,z): " and one message
// (docs/emulator.md). Sites are found through marker comments on the
// kernels' lines.
//
//===----------------------------------------------------------------------===//
#include "tessera/warp.cuh"

#include "EmuTest.h"

#include <vector>

using namespace emutest;

namespace {
class Diagnostic : public ::testing::TestWithParam<Mode> {};
std::string site(const char *marker) { return siteOf(__FILE__, marker); }
} // namespace

TS_KERNEL void diag_partial_warp(int *out) {
  int v = static_cast<int>(threadIdx.x);
  v = ts_shfl_sync(TS_FULL_MASK, v, 0); // @partial-warp
  out[threadIdx.x] = v;
}
TS_EMU_ENTRY(diag_partial_warp)

TEST_P(Diagnostic, PartialWarpFullMask) {
  std::vector<int> out(48);
  Launch run(EMU_KERNEL(diag_partial_warp), {1, 1, 1}, {48, 1, 1}, GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'diag_partial_warp': block (0,0,0): partial warp: "
            "ts_shfl_sync (" +
                site("@partial-warp") +
                ") with mask 0xffffffff in warp 1, which has lanes 0-15 "
                "only");
}

TS_KERNEL void diag_trap(int *out) {
  if (blockIdx.y == 1 && threadIdx.x == 5)
    ts_trap("index 77 out of range"); // @trap
  out[blockIdx.y * blockDim.x + threadIdx.x] = 1;
}
TS_EMU_ENTRY(diag_trap)

TEST_P(Diagnostic, Trap) {
  std::vector<int> out(3 * 32);
  Launch run(EMU_KERNEL(diag_trap), {1, 3, 1}, {32, 1, 1}, GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'diag_trap': block (0,1,0): trap: index 77 out of range "
            "(" +
                site("@trap") + ")");
}

TS_KERNEL void diag_bad_mask(int *out) {
  unsigned lane = ts_lane_id();
  if (lane == 3)
    out[0] = ts_ballot_sync(0x000000f0u, true); // @bad-mask
}
TS_EMU_ENTRY(diag_bad_mask)

TEST_P(Diagnostic, LaneNotInItsMask) {
  std::vector<int> out(1);
  Launch run(EMU_KERNEL(diag_bad_mask), {1, 1, 1}, {32, 1, 1}, GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'diag_bad_mask': block (0,0,0): bad mask: thread 3 calls "
            "ts_ballot_sync (" +
                site("@bad-mask") +
                ") with mask 0x000000f0, which does not include its lane 3");
}

TS_KERNEL void diag_mismatch(int *out) {
  unsigned lane = ts_lane_id();
  if (lane == 0)
    out[0] = ts_shfl_sync(TS_FULL_MASK, 1, 0); // @mismatch-shfl
  else
    out[lane] = ts_ballot_sync(TS_FULL_MASK, true); // @mismatch-ballot
}
TS_EMU_ENTRY(diag_mismatch)

TEST_P(Diagnostic, MismatchedCollectives) {
  std::vector<int> out(32);
  Launch run(EMU_KERNEL(diag_mismatch), {1, 1, 1}, {32, 1, 1}, GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'diag_mismatch': block (0,0,0): mismatched collectives in "
            "warp 0: thread 1 calls ts_ballot_sync (" +
                site("@mismatch-ballot") +
                ") with mask 0xffffffff while thread 0 waits at ts_shfl_sync "
                "(" +
                site("@mismatch-shfl") + ") with the same mask");
}

// A lane that exits before the shuffle its warp waits at.
TS_KERNEL void diag_shfl_deadlock(int *out) {
  unsigned lane = ts_lane_id();
  if (lane == 31)
    return;
  out[lane] = ts_shfl_xor_sync(TS_FULL_MASK, 1, 1); // @shfl-deadlock
}
TS_EMU_ENTRY(diag_shfl_deadlock)

TEST_P(Diagnostic, DeadlockAtAShuffle) {
  std::vector<int> out(32);
  Launch run(EMU_KERNEL(diag_shfl_deadlock), {1, 1, 1}, {32, 1, 1}, GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'diag_shfl_deadlock': block (0,0,0): deadlock: threads "
            "0-30 wait at ts_shfl_xor_sync (" +
                site("@shfl-deadlock") + "); thread 31 exited");
}

// Half the block at a barrier, the other half's warp at a syncwarp whose
// mask names a lane that went to the barrier.
TS_KERNEL void diag_mixed_deadlock(int *out) {
  unsigned tid = threadIdx.x;
  if (tid < 32) {
    ts_syncthreads(); // @mixed-barrier
  } else if (tid < 48) {
    ts_syncwarp(TS_FULL_MASK); // @mixed-syncwarp
  } else {
    ts_syncthreads(); // @mixed-barrier-2
  }
  out[tid] = 1;
}
TS_EMU_ENTRY(diag_mixed_deadlock)

TEST_P(Diagnostic, DeadlockAcrossPrimitives) {
  std::vector<int> out(64);
  Launch run(EMU_KERNEL(diag_mixed_deadlock), {1, 1, 1}, {64, 1, 1},
             GetParam());
  EXPECT_EQ(run(out.data()),
            "kernel 'diag_mixed_deadlock': block (0,0,0): deadlock: threads "
            "0-31 wait at ts_syncthreads (" +
                site("@mixed-barrier") +
                "); threads 32-47 wait at ts_syncwarp (" +
                site("@mixed-syncwarp") +
                "); threads 48-63 wait at ts_syncthreads (" +
                site("@mixed-barrier-2") + ")");
}

TEST(DiagnosticLaunch, InvalidLaunch) {
  std::vector<int> out(1);
  Launch big(EMU_KERNEL(diag_trap), {1, 1, 1}, {1025, 1, 1}, Mode::Fast);
  EXPECT_EQ(big(out.data()),
            "kernel 'diag_trap': invalid launch: block (1025,1,1) has 1025 "
            "threads; at most 1024 (and z at most 64)");
  Launch empty(EMU_KERNEL(diag_trap), {0, 1, 1}, {32, 1, 1}, Mode::Fast);
  EXPECT_EQ(empty(out.data()),
            "kernel 'diag_trap': invalid launch: grid (0,1,1) is empty");
  Launch hugeShared(EMU_KERNEL(diag_trap), {1, 1, 1}, {32, 1, 1}, Mode::Fast,
                    227 * 1024 + 1);
  EXPECT_EQ(hugeShared(out.data()),
            "kernel 'diag_trap': invalid launch: dynamic shared memory of "
            "232449 bytes is more than 227 KiB");
  tessera::emu::KernelHandle none{"nothing", nullptr, &ts_emu_self_slot};
  Launch noEntry(none, {1, 1, 1}, {1, 1, 1}, Mode::Fast);
  EXPECT_EQ(noEntry(),
            "kernel 'nothing': no host entry point (compiled without "
            "TS_EMU_ENTRY?)");
}

TS_KERNEL void diag_throw(int *out) {
  if (threadIdx.x == 3)
    throw 42;
  out[threadIdx.x] = 1;
}
TS_EMU_ENTRY(diag_throw)

TEST_P(Diagnostic, ExceptionOutOfTheKernel) {
  std::vector<int> out(32);
  Launch run(EMU_KERNEL(diag_throw), {1, 1, 1}, {32, 1, 1}, GetParam());
  EXPECT_EQ(run(out.data()), "kernel 'diag_throw': block (0,0,0): thread 3 "
                             "threw a C++ exception out of the kernel");
}

// Several blocks fail; whatever the number of workers and the order they
// finish in, the lowest failing block is reported.
TS_KERNEL void diag_many_failures(int *out) {
  unsigned b = blockIdx.x + gridDim.x * blockIdx.y;
  // Blocks before the first failure take a while, so that later blocks
  // fail first on other workers.
  if (b < 37) {
    for (int i = 0; i < 20; ++i)
      ts_syncthreads();
  }
  if ((b == 37 || b == 41 || b == 90) && threadIdx.x == 1)
    ts_trap("planted"); // @many
  if (b == 60 && threadIdx.x == 0)
    return;
  ts_syncthreads();
  out[b * blockDim.x + threadIdx.x] = 1;
}
TS_EMU_ENTRY(diag_many_failures)

TEST_P(Diagnostic, LowestFailingBlockWhateverTheWorkers) {
  std::vector<int> out(100 * 64);
  const std::string expected =
      "kernel 'diag_many_failures': block (7,3,0): trap: planted (" +
      site("@many") + ")";
  for (unsigned workers : {1u, 2u, 3u, 8u})
    for (int repeat = 0; repeat < 5; ++repeat) {
      Launch run(EMU_KERNEL(diag_many_failures), {10, 10, 1}, {64, 1, 1},
                 GetParam(), 0, workers);
      EXPECT_EQ(run(out.data()), expected) << workers << " workers";
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, Diagnostic,
                         ::testing::Values(Mode::Fast, Mode::Check),
                         modeParamName);
