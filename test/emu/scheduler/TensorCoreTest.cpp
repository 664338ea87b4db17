//===- TensorCoreTest.cpp - ldmatrix and mma against the PTX ISA ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Expected registers are written from the PTX ISA's element-wise formulas
// ("Matrix Fragments for mma.m16n8k16 / mma.m16n8k8", "ldmatrix"), in
// their per-element form (a_i for i = 0..7, two per register), not in the
// per-register form the emulator uses. Checked against the documentation
// only: no GPU has run these yet (test/gpu holds the layout probes).
//
//===----------------------------------------------------------------------===//
#include "tessera/mma.cuh"
#include "tessera/warp.cuh"

#include "EmuTest.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace emutest;

namespace {
class TensorCore : public ::testing::TestWithParam<Mode> {};

/// Matrix m's element (r, c) in the ldmatrix test.
uint16_t ldmValue(unsigned m, unsigned r, unsigned c) {
  return static_cast<uint16_t>(0x1000 * (m + 1) + r * 16 + c);
}

/// f16 bits of a float that f16 represents exactly (a normal or zero).
uint16_t halfBits(float f) {
  if (f == 0.0f)
    return std::signbit(f) ? 0x8000 : 0;
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  uint32_t sign = (bits >> 16) & 0x8000;
  int exponent = static_cast<int>((bits >> 23) & 0xff) - 127 + 15;
  uint32_t mantissa = (bits >> 13) & 0x3ff;
  EXPECT_TRUE(exponent > 0 && exponent < 31 && (bits & 0x1fff) == 0) << f;
  return static_cast<uint16_t>(sign | (uint32_t(exponent) << 10) | mantissa);
}
uint16_t bf16Bits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  EXPECT_EQ(bits & 0xffff, 0u) << f;
  return static_cast<uint16_t>(bits >> 16);
}

float aValue(int m, int k) { return float((m * 3 + k * 5) % 9 - 4) * 0.5f; }
float bValue(int k, int n) { return float((k * 7 + n * 2) % 7 - 3) * 0.25f; }
float cValue(int m, int n) { return float(m - 2 * n); }
} // namespace

//===----------------------------------------------------------------------===//
// ldmatrix
//===----------------------------------------------------------------------===//

// Matrix m's row r lives at tile row 8m + (7 - r) (so row addresses matter);
// lanes beyond 8 * num give a null address, which ldmatrix must ignore.
TS_KERNEL void ldmatrix_kernel(const uint16_t *tile, uint32_t *out, int num,
                               int trans) {
  TS_SHARED(uint16_t, s, [32 * 24]); // rows of 24 halves (48 bytes)
  unsigned lane = ts_lane_id();
  for (unsigned i = lane; i < 32 * 24; i += 32)
    s[i] = tile[i];
  ts_syncwarp(TS_FULL_MASK);
  unsigned m = lane / 8, r = lane % 8;
  const void *row =
      static_cast<int>(m) < num ? &s[(8 * m + 7 - r) * 24] : nullptr;
  uint32_t reg[4] = {0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef};
  if (num == 1 && !trans)
    ts_ldmatrix_x1(reinterpret_cast<uint32_t(&)[1]>(reg), row);
  else if (num == 2 && !trans)
    ts_ldmatrix_x2(reinterpret_cast<uint32_t(&)[2]>(reg), row);
  else if (num == 4 && !trans)
    ts_ldmatrix_x4(reg, row);
  else if (num == 1)
    ts_ldmatrix_x1_trans(reinterpret_cast<uint32_t(&)[1]>(reg), row);
  else if (num == 2)
    ts_ldmatrix_x2_trans(reinterpret_cast<uint32_t(&)[2]>(reg), row);
  else
    ts_ldmatrix_x4_trans(reg, row);
  for (int i = 0; i < 4; ++i)
    out[lane * 4 + i] = reg[i];
}
TS_EMU_ENTRY(ldmatrix_kernel)

TEST_P(TensorCore, LdmatrixAllShapes) {
  std::vector<uint16_t> tile(32 * 24, 0);
  for (unsigned m = 0; m < 4; ++m)
    for (unsigned r = 0; r < 8; ++r)
      for (unsigned c = 0; c < 8; ++c)
        tile[(8 * m + 7 - r) * 24 + c] = ldmValue(m, r, c);
  std::vector<uint32_t> out(32 * 4);
  Launch run(EMU_KERNEL(ldmatrix_kernel), {1, 1, 1}, {32, 1, 1}, GetParam());
  for (int trans = 0; trans < 2; ++trans)
    for (int num : {1, 2, 4}) {
      ASSERT_EQ(run(tile.data(), out.data(), num, trans), "");
      for (unsigned lane = 0; lane < 32; ++lane)
        for (int i = 0; i < 4; ++i) {
          uint32_t expected = 0xdeadbeef;
          if (i < num) {
            // PTX: thread l holds row l/4, elements 2(l%4) and 2(l%4)+1
            // of matrix i (of its transpose with .trans).
            unsigned row = lane / 4, col = (lane % 4) * 2;
            uint16_t lo = trans ? ldmValue(i, col, row) : ldmValue(i, row, col);
            uint16_t hi =
                trans ? ldmValue(i, col + 1, row) : ldmValue(i, row, col + 1);
            expected = lo | uint32_t(hi) << 16;
          }
          EXPECT_EQ(out[lane * 4 + i], expected)
              << "x" << num << (trans ? ".trans" : "") << " lane " << lane
              << " reg " << i;
        }
    }
}

TS_KERNEL void ldmatrix_bad(const uint16_t *global, int misaligned) {
  TS_SHARED(uint16_t, s, [8 * 8]);
  unsigned lane = ts_lane_id();
  const void *row = &s[(lane % 8) * 8];
  if (lane == 5)
    row = misaligned ? static_cast<const void *>(&s[5 * 8 + 1])
                     : static_cast<const void *>(global);
  uint32_t reg[1];
  ts_ldmatrix_x1(reg, row); // @ldmatrix-bad
}
TS_EMU_ENTRY(ldmatrix_bad)

TEST_P(TensorCore, LdmatrixOutsideSharedMemory) {
  alignas(16) uint16_t global[64] = {};
  Launch run(EMU_KERNEL(ldmatrix_bad), {1, 1, 1}, {32, 1, 1}, GetParam());
  EXPECT_EQ(run(static_cast<const uint16_t *>(global), 0),
            "kernel 'ldmatrix_bad': block (0,0,0): shared memory bounds: "
            "ts_ldmatrix_x1 (" +
                siteOf(__FILE__, "@ldmatrix-bad") +
                ") row address of thread 5 is outside the block's shared "
                "memory");
  EXPECT_EQ(run(static_cast<const uint16_t *>(global), 1),
            "kernel 'ldmatrix_bad': block (0,0,0): misaligned: "
            "ts_ldmatrix_x1 (" +
                siteOf(__FILE__, "@ldmatrix-bad") +
                ") row address of thread 5 is not 16-byte aligned");
}

//===----------------------------------------------------------------------===//
// mma
//===----------------------------------------------------------------------===//

// Each lane builds its fragments from row-major A (16 x K), B (K x 8) and
// C (16 x 8) of 16-bit (or tf32/f32) encodings, per PTX's element formulas,
// runs one mma and stores D the same way.
TS_KERNEL void mma_kernel(int kind, const uint16_t *a16, const uint16_t *b16,
                          const uint32_t *a32, const uint32_t *b32,
                          const float *c, float *d) {
  unsigned lane = ts_lane_id();
  unsigned g = lane >> 2, t = lane % 4; // groupID, threadID_in_group
  uint32_t a[4], b[2];
  float cf[4], df[4];
  if (kind == TS_MMA_M16N8K8_TF32) {
    // a0: (g, t), a1: (g+8, t), a2: (g, t+4), a3: (g+8, t+4)
    a[0] = a32[g * 8 + t];
    a[1] = a32[(g + 8) * 8 + t];
    a[2] = a32[g * 8 + t + 4];
    a[3] = a32[(g + 8) * 8 + t + 4];
    // b0: (k = t, n = g), b1: (k = t+4, n = g)
    b[0] = b32[t * 8 + g];
    b[1] = b32[(t + 4) * 8 + g];
  } else {
    // a_i, i = 0..7: row g for i in {0,1,4,5}, else g+8;
    // col 2t + (i & 1), +8 for i >= 4; register j holds a_2j (low), a_2j+1.
    uint16_t ai[8];
    for (unsigned i = 0; i < 8; ++i) {
      unsigned row = (i < 2 || (i >= 4 && i < 6)) ? g : g + 8;
      unsigned col = t * 2 + (i & 1) + (i >= 4 ? 8 : 0);
      ai[i] = a16[row * 16 + col];
    }
    // b_i, i = 0..3: k = 2t + (i & 1), +8 for i >= 2; n = g.
    uint16_t bi[4];
    for (unsigned i = 0; i < 4; ++i) {
      unsigned k = t * 2 + (i & 1) + (i >= 2 ? 8 : 0);
      bi[i] = b16[k * 8 + g];
    }
    for (unsigned j = 0; j < 4; ++j)
      a[j] = ai[2 * j] | uint32_t(ai[2 * j + 1]) << 16;
    for (unsigned j = 0; j < 2; ++j)
      b[j] = bi[2 * j] | uint32_t(bi[2 * j + 1]) << 16;
  }
  // c_i: row g for i < 2, else g+8; col 2t + (i & 1).
  for (unsigned i = 0; i < 4; ++i)
    cf[i] = c[(i < 2 ? g : g + 8) * 8 + t * 2 + (i & 1)];
  if (kind == TS_MMA_M16N8K16_F16)
    ts_mma_m16n8k16_f16(df, a, b, cf);
  else if (kind == TS_MMA_M16N8K16_BF16)
    ts_mma_m16n8k16_bf16(df, a, b, cf);
  else
    ts_mma_m16n8k8_tf32(df, a, b, cf);
  for (unsigned i = 0; i < 4; ++i)
    d[(i < 2 ? g : g + 8) * 8 + t * 2 + (i & 1)] = df[i];
}
TS_EMU_ENTRY(mma_kernel)

TEST_P(TensorCore, Mma16x8x16HalfAndBf16) {
  for (int kind : {TS_MMA_M16N8K16_F16, TS_MMA_M16N8K16_BF16}) {
    std::vector<uint16_t> a(16 * 16), b(16 * 8);
    std::vector<float> c(16 * 8), d(16 * 8, -1.0f);
    for (int m = 0; m < 16; ++m)
      for (int k = 0; k < 16; ++k)
        a[m * 16 + k] = kind == TS_MMA_M16N8K16_F16 ? halfBits(aValue(m, k))
                                                    : bf16Bits(aValue(m, k));
    for (int k = 0; k < 16; ++k)
      for (int n = 0; n < 8; ++n)
        b[k * 8 + n] = kind == TS_MMA_M16N8K16_F16 ? halfBits(bValue(k, n))
                                                   : bf16Bits(bValue(k, n));
    for (int m = 0; m < 16; ++m)
      for (int n = 0; n < 8; ++n)
        c[m * 8 + n] = cValue(m, n);
    Launch run(EMU_KERNEL(mma_kernel), {1, 1, 1}, {32, 1, 1}, GetParam());
    ASSERT_EQ(run(kind, static_cast<const uint16_t *>(a.data()),
                  static_cast<const uint16_t *>(b.data()),
                  static_cast<const uint32_t *>(nullptr),
                  static_cast<const uint32_t *>(nullptr),
                  static_cast<const float *>(c.data()), d.data()),
              "");
    for (int m = 0; m < 16; ++m)
      for (int n = 0; n < 8; ++n) {
        double ref = cValue(m, n);
        for (int k = 0; k < 16; ++k)
          ref += double(aValue(m, k)) * bValue(k, n);
        EXPECT_EQ(d[m * 8 + n], ref)
            << "kind " << kind << " (" << m << "," << n << ")";
      }
  }
}

TEST_P(TensorCore, Mma16x8x8Tf32KeepsTheTop19Bits) {
  std::vector<uint32_t> a(16 * 8), b(8 * 8);
  std::vector<float> c(16 * 8), d(16 * 8, -1.0f);
  auto noisy = [](float v, uint32_t noise) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    return bits | (noise & 0x1fff); // below tf32's 10 mantissa bits
  };
  for (int m = 0; m < 16; ++m)
    for (int k = 0; k < 8; ++k)
      a[m * 8 + k] = noisy(aValue(m, k) * 3.0f, 0x1357 + m * 8 + k);
  for (int k = 0; k < 8; ++k)
    for (int n = 0; n < 8; ++n)
      b[k * 8 + n] = noisy(bValue(k, n) + 1.0f, 0x0fed + k * 8 + n);
  for (int m = 0; m < 16; ++m)
    for (int n = 0; n < 8; ++n)
      c[m * 8 + n] = cValue(m, n);
  Launch run(EMU_KERNEL(mma_kernel), {1, 1, 1}, {32, 1, 1}, GetParam());
  ASSERT_EQ(run(int(TS_MMA_M16N8K8_TF32),
                static_cast<const uint16_t *>(nullptr),
                static_cast<const uint16_t *>(nullptr),
                static_cast<const uint32_t *>(a.data()),
                static_cast<const uint32_t *>(b.data()),
                static_cast<const float *>(c.data()), d.data()),
            "");
  for (int m = 0; m < 16; ++m)
    for (int n = 0; n < 8; ++n) {
      double ref = cValue(m, n);
      for (int k = 0; k < 8; ++k)
        ref += double(aValue(m, k) * 3.0f) * (bValue(k, n) + 1.0f);
      EXPECT_EQ(d[m * 8 + n], ref) << "(" << m << "," << n << ")";
    }
}

// The usual pipeline: A (16 x 16, row-major) and B (as N x K, or K x N with
// .trans) in shared memory, fragments through ldmatrix, one bf16 mma.
TS_KERNEL void ldmatrix_mma(const uint16_t *a, const uint16_t *bNK,
                            const uint16_t *bKN, float *d, int useTrans) {
  TS_SHARED(uint16_t, sa, [16 * 16]);
  TS_SHARED(uint16_t, sbNK, [8 * 16]);
  TS_SHARED(uint16_t, sbKN, [16 * 8]);
  unsigned lane = ts_lane_id();
  for (unsigned i = threadIdx.x; i < 256; i += blockDim.x)
    sa[i] = a[i];
  for (unsigned i = threadIdx.x; i < 128; i += blockDim.x) {
    sbNK[i] = bNK[i];
    sbKN[i] = bKN[i];
  }
  ts_syncthreads();
  uint32_t fa[4], fb[2];
  // x4 over (rows 0-7, k 0-7), (rows 8-15, k 0-7), (0-7, 8-15), (8-15, 8-15).
  ts_ldmatrix_x4(fa, &sa[(lane % 16) * 16 + (lane / 16) * 8]);
  if (useTrans) // rows k 0-7, then k 8-15, of K x N
    ts_ldmatrix_x2_trans(fb, &sbKN[(lane % 16) * 8]);
  else // rows n 0-7 at k 0, then at k 8, of N x K
    ts_ldmatrix_x2(fb, &sbNK[(lane % 8) * 16 + ((lane / 8) % 2) * 8]);
  float c[4] = {0, 0, 0, 0}, r[4];
  ts_mma_m16n8k16_bf16(r, fa, fb, c);
  unsigned g = lane / 4, t = lane % 4;
  d += (threadIdx.x / 32) * 128; // one D per warp
  d[g * 8 + 2 * t] = r[0];
  d[g * 8 + 2 * t + 1] = r[1];
  d[(g + 8) * 8 + 2 * t] = r[2];
  d[(g + 8) * 8 + 2 * t + 1] = r[3];
}
TS_EMU_ENTRY(ldmatrix_mma)

TEST_P(TensorCore, LdmatrixFeedsMma) {
  std::vector<uint16_t> a(256), bNK(128), bKN(128);
  for (int m = 0; m < 16; ++m)
    for (int k = 0; k < 16; ++k)
      a[m * 16 + k] = bf16Bits(aValue(m, k));
  for (int k = 0; k < 16; ++k)
    for (int n = 0; n < 8; ++n) {
      bNK[n * 16 + k] = bf16Bits(bValue(k, n));
      bKN[k * 8 + n] = bf16Bits(bValue(k, n));
    }
  for (int useTrans = 0; useTrans < 2; ++useTrans) {
    std::vector<float> d(128, -1.0f);
    Launch run(EMU_KERNEL(ldmatrix_mma), {1, 1, 1}, {32, 1, 1}, GetParam());
    ASSERT_EQ(run(static_cast<const uint16_t *>(a.data()),
                  static_cast<const uint16_t *>(bNK.data()),
                  static_cast<const uint16_t *>(bKN.data()), d.data(),
                  useTrans),
              "");
    for (int m = 0; m < 16; ++m)
      for (int n = 0; n < 8; ++n) {
        double ref = 0;
        for (int k = 0; k < 16; ++k)
          ref += double(aValue(m, k)) * bValue(k, n);
        EXPECT_EQ(d[m * 8 + n], ref)
            << useTrans << " (" << m << "," << n << ")";
      }
  }
}

// Every warp of a block runs its own mma at the same time.
TEST_P(TensorCore, MmaInSeveralWarps) {
  std::vector<uint16_t> a(256), bNK(128), bKN(128);
  for (int i = 0; i < 256; ++i)
    a[i] = bf16Bits(float(i % 5));
  for (int i = 0; i < 128; ++i)
    bNK[i] = bKN[i] = bf16Bits(1.0f);
  std::vector<float> d(4 * 128, -1.0f);
  Launch run(EMU_KERNEL(ldmatrix_mma), {1, 1, 1}, {128, 1, 1}, GetParam());
  ASSERT_EQ(run(static_cast<const uint16_t *>(a.data()),
                static_cast<const uint16_t *>(bNK.data()),
                static_cast<const uint16_t *>(bKN.data()), d.data(), 0),
            "");
  for (int m = 0; m < 16; ++m) {
    float ref = 0;
    for (int k = 0; k < 16; ++k)
      ref += float((m * 16 + k) % 5);
    for (int w = 0; w < 4; ++w)
      for (int n = 0; n < 8; ++n)
        EXPECT_EQ(d[w * 128 + m * 8 + n], ref) << "warp " << w;
  }
}

INSTANTIATE_TEST_SUITE_P(Modes, TensorCore,
                         ::testing::Values(Mode::Fast, Mode::Check),
                         modeParamName);
