//===- ShuffleTest.cpp - Shuffles, ballots, syncwarp, masks ---------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Expected values come from the CUDA programming guide's wording of the
// __shfl*_sync intrinsics ("the value of var held by srcLane modulo
// width", "unchanged when lane - delta falls below the segment", ...), not
// from PTX's segment-mask formula the emulator implements.
//
//===----------------------------------------------------------------------===//
#include "tessera/warp.cuh"

#include "EmuTest.h"

#include <cstdint>
#include <cstring>
#include <vector>

using namespace emutest;

namespace {
class Shuffle : public ::testing::TestWithParam<Mode> {};

int value(int lane) { return lane * 100 + 7; }

/// The CUDA guide's result of lane |lane|'s shuffle of kind |kind|.
int expected(int kind, int lane, int arg, int width) {
  int segment = lane / width * width; // first lane of the segment
  int src;
  switch (kind) {
  case TS_SHFL_IDX:
    src = segment + ((arg % 32) % width);
    break;
  case TS_SHFL_UP:
    src = lane - (arg % 32) >= segment ? lane - (arg % 32) : lane;
    break;
  case TS_SHFL_DOWN:
    src = lane + (arg % 32) < segment + width ? lane + (arg % 32) : lane;
    break;
  default: {
    // Lanes may read earlier segments, never later ones.
    int j = lane ^ (arg % 32);
    src = j / width <= lane / width ? j : lane;
    break;
  }
  }
  return value(src);
}
} // namespace

TS_KERNEL void shuffle_all(int *out, int kind, int arg, int width) {
  int lane = static_cast<int>(ts_lane_id());
  int v = lane * 100 + 7;
  int r;
  switch (kind) {
  case TS_SHFL_IDX:
    r = ts_shfl_sync(TS_FULL_MASK, v, arg, width);
    break;
  case TS_SHFL_UP:
    r = ts_shfl_up_sync(TS_FULL_MASK, v, arg, width);
    break;
  case TS_SHFL_DOWN:
    r = ts_shfl_down_sync(TS_FULL_MASK, v, arg, width);
    break;
  default:
    r = ts_shfl_xor_sync(TS_FULL_MASK, v, arg, width);
    break;
  }
  out[threadIdx.x] = r;
}
TS_EMU_ENTRY(shuffle_all)

TEST_P(Shuffle, AllKindsAndWidths) {
  std::vector<int> out(64);
  Launch run(EMU_KERNEL(shuffle_all), {1, 1, 1}, {64, 1, 1}, GetParam());
  for (int kind = 0; kind < 4; ++kind)
    for (int width : {1, 2, 4, 8, 16, 32})
      for (int arg : {0, 1, 2, 3, 5, 8, 13, 16, 31}) {
        std::fill(out.begin(), out.end(), -1);
        ASSERT_EQ(run(out.data(), kind, arg, width), "");
        for (int t = 0; t < 64; ++t)
          ASSERT_EQ(out[t], expected(kind, t % 32, arg, width))
              << "kind " << kind << " arg " << arg << " width " << width
              << " thread " << t;
      }
}

// 8-byte and 2-byte values keep all their bits.
TS_KERNEL void shuffle_wide(double *out, int16_t *out16) {
  unsigned lane = ts_lane_id();
  double d = 1.0 + lane / 1024.0 + 1e-12 * lane;
  out[lane] = ts_shfl_down_sync(TS_FULL_MASK, d, 3);
  int16_t s = static_cast<int16_t>(-1000 - static_cast<int>(lane));
  out16[lane] = ts_shfl_xor_sync(TS_FULL_MASK, s, 5);
}
TS_EMU_ENTRY(shuffle_wide)

TEST_P(Shuffle, EightAndTwoByteValues) {
  std::vector<double> out(32);
  std::vector<int16_t> out16(32);
  Launch run(EMU_KERNEL(shuffle_wide), {1, 1, 1}, {32, 1, 1}, GetParam());
  ASSERT_EQ(run(out.data(), out16.data()), "");
  for (int l = 0; l < 32; ++l) {
    int src = l + 3 < 32 ? l + 3 : l;
    EXPECT_EQ(out[l], 1.0 + src / 1024.0 + 1e-12 * src);
    EXPECT_EQ(out16[l], -1000 - (l ^ 5));
  }
}

// A warp reduction through the prelude, as generated code writes it.
TS_KERNEL void shuffle_reduce(const float *x, float *sum, float *max) {
  float v = x[threadIdx.x];
  float m = v;
  for (int o = 16; o > 0; o /= 2) {
    v += ts_shfl_xor_sync(TS_FULL_MASK, v, o);
    m = fmaxf(m, ts_shfl_down_sync(TS_FULL_MASK, m, o));
  }
  if (ts_lane_id() == 0) {
    sum[threadIdx.x / 32] = v;
    max[threadIdx.x / 32] = m;
  }
}
TS_EMU_ENTRY(shuffle_reduce)

TEST_P(Shuffle, WarpReduction) {
  std::vector<float> x(256), sum(8), max(8);
  for (int i = 0; i < 256; ++i)
    x[i] = static_cast<float>((i * 37) % 50) - 20.0f;
  Launch run(EMU_KERNEL(shuffle_reduce), {1, 1, 1}, {256, 1, 1}, GetParam());
  ASSERT_EQ(run(x.data(), sum.data(), max.data()), "");
  for (int w = 0; w < 8; ++w) {
    float s = 0, m = -1e30f;
    for (int l = 0; l < 32; ++l) {
      s += x[w * 32 + l];
      m = std::max(m, x[w * 32 + l]);
    }
    EXPECT_EQ(sum[w], s);
    EXPECT_EQ(max[w], m);
  }
}

TS_KERNEL void ballot_kernel(unsigned *out) {
  unsigned lane = ts_lane_id();
  out[threadIdx.x * 4 + 0] = ts_ballot_sync(TS_FULL_MASK, lane % 3 == 0);
  out[threadIdx.x * 4 + 1] = ts_all_sync(TS_FULL_MASK, lane < 40);
  out[threadIdx.x * 4 + 2] = ts_any_sync(TS_FULL_MASK, lane == 31);
  // A partial mask: only lanes 8-23 take part; their predicate is "odd".
  if (lane >= 8 && lane < 24)
    out[threadIdx.x * 4 + 3] = ts_ballot_sync(0x00ffff00u, (lane & 1) != 0);
}
TS_EMU_ENTRY(ballot_kernel)

TEST_P(Shuffle, Ballot) {
  std::vector<unsigned> out(64 * 4, 7);
  Launch run(EMU_KERNEL(ballot_kernel), {1, 1, 1}, {64, 1, 1}, GetParam());
  ASSERT_EQ(run(out.data()), "");
  unsigned every3 = 0;
  for (int l = 0; l < 32; l += 3)
    every3 |= 1u << l;
  for (int t = 0; t < 64; ++t) {
    int l = t % 32;
    EXPECT_EQ(out[t * 4 + 0], every3);
    EXPECT_EQ(out[t * 4 + 1], 1u);
    EXPECT_EQ(out[t * 4 + 2], 1u);
    EXPECT_EQ(out[t * 4 + 3], l >= 8 && l < 24 ? 0x00aaaa00u : 7u);
  }
}

// The two halves of a warp run different collectives at the same time,
// each with its own mask (and the upper half several of them).
TS_KERNEL void shuffle_halves(int *out) {
  int lane = static_cast<int>(ts_lane_id());
  int v = lane * 100 + 7;
  if (lane < 16) {
    v = ts_shfl_xor_sync(0x0000ffffu, v, 1);
    ts_syncwarp(0x0000ffffu);
    out[threadIdx.x] = v;
  } else {
    unsigned b = ts_ballot_sync(0xffff0000u, lane % 4 == 0);
    int w = ts_shfl_sync(0xffff0000u, v, 31);
    out[threadIdx.x] = static_cast<int>(b >> 16) + w * 100000;
  }
}
TS_EMU_ENTRY(shuffle_halves)

TEST_P(Shuffle, DisjointHalfWarpMasks) {
  std::vector<int> out(96, -1);
  Launch run(EMU_KERNEL(shuffle_halves), {1, 1, 1}, {96, 1, 1}, GetParam());
  ASSERT_EQ(run(out.data()), "");
  for (int t = 0; t < 96; ++t) {
    int l = t % 32;
    if (l < 16)
      EXPECT_EQ(out[t], value(l ^ 1)) << t;
    else
      EXPECT_EQ(out[t], 0x1111 + value(31) * 100000) << t;
  }
}

// A source lane outside the mask gives an undefined value: poison (all
// bits set), so that using it shows.
TS_KERNEL void shuffle_outside(unsigned *out) {
  unsigned lane = ts_lane_id();
  if (lane < 16)
    out[lane] = ts_shfl_down_sync(0x0000ffffu, lane, 8);
}
TS_EMU_ENTRY(shuffle_outside)

TEST_P(Shuffle, SourceOutsideTheMaskIsPoison) {
  std::vector<unsigned> out(16, 0);
  Launch run(EMU_KERNEL(shuffle_outside), {1, 1, 1}, {32, 1, 1}, GetParam());
  ASSERT_EQ(run(out.data()), "");
  for (unsigned l = 0; l < 16; ++l)
    EXPECT_EQ(out[l], l < 8 ? l + 8 : 0xffffffffu) << l;
}

// A partial last warp may use a mask of the lanes it has.
TS_KERNEL void shuffle_partial_ok(int *out) {
  unsigned lane = ts_lane_id();
  int v = static_cast<int>(threadIdx.x);
  if (threadIdx.x >= 32)
    v = ts_shfl_xor_sync(0x000003ffu, v, 1); // 42 threads: lanes 0-9
  out[threadIdx.x] = v + static_cast<int>(lane) * 0;
}
TS_EMU_ENTRY(shuffle_partial_ok)

TEST_P(Shuffle, PartialWarpWithItsOwnLanes) {
  std::vector<int> out(42, -1);
  Launch run(EMU_KERNEL(shuffle_partial_ok), {1, 1, 1}, {42, 1, 1}, GetParam());
  ASSERT_EQ(run(out.data()), "");
  for (int t = 0; t < 42; ++t)
    EXPECT_EQ(out[t], t < 32 ? t : 32 + ((t - 32) ^ 1));
}

INSTANTIATE_TEST_SUITE_P(Modes, Shuffle,
                         ::testing::Values(Mode::Fast, Mode::Check),
                         modeParamName);
