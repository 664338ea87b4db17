//===- CpAsyncTest.cpp - cp.async: zero-fill, groups, check-mode deferral -===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "tessera/mma.cuh"
#include "tessera/warp.cuh"

#include "EmuTest.h"

#include <cmath>
#include <cstdint>
#include <vector>

using namespace emutest;

namespace {
class CpAsync : public ::testing::TestWithParam<Mode> {};
} // namespace

// Thread t copies 16 bytes of which the first t % 17 come from the source.
TS_KERNEL void cp_async_zero_fill(const uint8_t *src, uint8_t *out) {
  TS_SHARED(uint8_t, s, [32 * 16]);
  unsigned tid = threadIdx.x;
  ts_cp_async16(&s[tid * 16], src + tid * 16, static_cast<int>(tid % 17));
  ts_cp_async_commit();
  ts_cp_async_wait<0>();
  ts_syncthreads();
  for (unsigned i = 0; i < 16; ++i)
    out[tid * 16 + i] = s[((tid + 1) % 32) * 16 + i];
}
TS_EMU_ENTRY(cp_async_zero_fill)

TEST_P(CpAsync, CopiesSrcBytesAndZeroFills) {
  alignas(16) uint8_t src[32 * 16];
  for (int i = 0; i < 32 * 16; ++i)
    src[i] = static_cast<uint8_t>(i * 13 + 1);
  std::vector<uint8_t> out(32 * 16);
  Launch run(EMU_KERNEL(cp_async_zero_fill), {1, 1, 1}, {32, 1, 1}, GetParam());
  ASSERT_EQ(run(static_cast<const uint8_t *>(src), out.data()), "");
  for (unsigned t = 0; t < 32; ++t) {
    unsigned from = (t + 1) % 32, n = from % 17;
    for (unsigned i = 0; i < 16; ++i)
      EXPECT_EQ(out[t * 16 + i], i < n ? src[from * 16 + i] : 0)
          << "thread " << t << " byte " << i;
  }
}

// Three groups in flight; the reads before and between the waits show
// which copies have landed: 0xFF... (poison) until then in check mode.
TS_KERNEL void cp_async_groups(const uint32_t *src, uint32_t *out) {
  TS_SHARED(uint32_t, s, [3][4]);
  if (threadIdx.x != 0)
    return;
  for (int g = 0; g < 3; ++g) {
    ts_cp_async16(s[g], src + 4 * g);
    ts_cp_async_commit();
  }
  out[0] = s[0][0];
  out[1] = s[1][0];
  out[2] = s[2][0];
  ts_cp_async_wait<2>(); // group 0 done
  out[3] = s[0][0];
  out[4] = s[1][0];
  ts_cp_async_wait<1>(); // groups 0, 1 done
  out[5] = s[1][0];
  out[6] = s[2][0];
  ts_cp_async_wait<0>();
  out[7] = s[2][1];
}
TS_EMU_ENTRY(cp_async_groups)

TEST(CpAsyncCheck, CopiesLandAtTheirWait) {
  alignas(16) uint32_t src[12];
  for (int i = 0; i < 12; ++i)
    src[i] = 100 + i;
  std::vector<uint32_t> out(8, 0);
  Launch run(EMU_KERNEL(cp_async_groups), {1, 1, 1}, {32, 1, 1}, Mode::Check);
  ASSERT_EQ(run(static_cast<const uint32_t *>(src), out.data()), "");
  const uint32_t poison = 0xffffffffu;
  EXPECT_EQ(out, (std::vector<uint32_t>{poison, poison, poison, 100, poison,
                                        104, poison, 109}));
}

TEST(CpAsyncFast, CopiesLandAtIssue) {
  alignas(16) uint32_t src[12];
  for (int i = 0; i < 12; ++i)
    src[i] = 100 + i;
  std::vector<uint32_t> out(8, 0);
  Launch run(EMU_KERNEL(cp_async_groups), {1, 1, 1}, {32, 1, 1}, Mode::Fast);
  ASSERT_EQ(run(static_cast<const uint32_t *>(src), out.data()), "");
  EXPECT_EQ(out,
            (std::vector<uint32_t>{100, 104, 108, 100, 104, 104, 108, 109}));
}

// A double-buffered pipeline that forgets the wait before reading: check
// mode reads poison (a NaN), fast mode does not notice.
TS_KERNEL void cp_async_missing_wait(const float *x, float *y, int tiles,
                                     int planted) {
  TS_SHARED(float, buf, [2][128]);
  unsigned tid = threadIdx.x; // 32 threads, 4 floats each
  ts_cp_async16(&buf[0][tid * 4], x + tid * 4);
  ts_cp_async_commit();
  float acc = 0;
  for (int t = 0; t < tiles; ++t) {
    if (t + 1 < tiles)
      ts_cp_async16(&buf[(t + 1) % 2][tid * 4], x + (t + 1) * 128 + tid * 4);
    ts_cp_async_commit();
    if (!planted)
      ts_cp_async_wait<1>();
    ts_syncthreads();
    acc += buf[t % 2][(tid * 4 + 5) % 128];
    ts_syncthreads();
  }
  y[tid] = acc;
}
TS_EMU_ENTRY(cp_async_missing_wait)

TEST_P(CpAsync, PipelineWithTheWait) {
  const int tiles = 6;
  std::vector<float> x(tiles * 128), y(32);
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = float(i % 17);
  Launch run(EMU_KERNEL(cp_async_missing_wait), {1, 1, 1}, {32, 1, 1},
             GetParam());
  ASSERT_EQ(run(static_cast<const float *>(x.data()), y.data(), tiles, 0), "");
  for (unsigned t = 0; t < 32; ++t) {
    float ref = 0;
    for (int k = 0; k < tiles; ++k)
      ref += x[k * 128 + (t * 4 + 5) % 128];
    EXPECT_EQ(y[t], ref);
  }
}

TEST(CpAsyncCheck, MissingWaitReadsPoison) {
  if (underTsan())
    GTEST_SKIP() << "a planted race";
  const int tiles = 6;
  std::vector<float> x(tiles * 128), y(32);
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = float(i % 17);
  Launch run(EMU_KERNEL(cp_async_missing_wait), {1, 1, 1}, {32, 1, 1},
             Mode::Check);
  ASSERT_EQ(run(static_cast<const float *>(x.data()), y.data(), tiles, 1), "");
  for (float v : y)
    EXPECT_TRUE(std::isnan(v));
}

TS_KERNEL void cp_async_bad(const float *x, int which) {
  TS_SHARED(float, s, [64]);
  const float *src = x;
  void *dst = &s[threadIdx.x * 4];
  if (threadIdx.x == 2 && which == 0)
    dst = const_cast<float *>(x);
  if (threadIdx.x == 2 && which == 1)
    dst = &s[1];
  if (threadIdx.x == 2 && which == 2)
    src = x + 1;
  ts_cp_async16(dst, src); // @cp-async-bad
  ts_cp_async_wait_all();
}
TS_EMU_ENTRY(cp_async_bad)

TEST_P(CpAsync, BadAddresses) {
  alignas(16) float x[8] = {};
  Launch run(EMU_KERNEL(cp_async_bad), {1, 1, 1}, {16, 1, 1}, GetParam());
  std::string site = siteOf(__FILE__, "@cp-async-bad");
  const float *px = x;
  EXPECT_EQ(run(px, 0),
            "kernel 'cp_async_bad': block (0,0,0): shared memory bounds: "
            "ts_cp_async16 (" +
                site +
                ") destination of thread 2 is outside the block's shared "
                "memory");
  EXPECT_EQ(run(px, 1), "kernel 'cp_async_bad': block (0,0,0): misaligned: "
                        "ts_cp_async16 (" +
                            site +
                            ") destination of thread 2 is not 16-byte "
                            "aligned");
  EXPECT_EQ(run(px, 2), "kernel 'cp_async_bad': block (0,0,0): misaligned: "
                        "ts_cp_async16 (" +
                            site +
                            ") source of thread 2 is not 16-byte aligned");
}

INSTANTIATE_TEST_SUITE_P(Modes, CpAsync,
                         ::testing::Values(Mode::Fast, Mode::Check),
                         modeParamName);
