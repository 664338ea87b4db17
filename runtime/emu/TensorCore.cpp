//===- TensorCore.cpp - mma.sync and ldmatrix as the PTX ISA lays them out ===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/TensorCore.h"

#include "tessera/emu_abi.h"

#include <cstring>

namespace tessera::emu {

namespace {
float fromBits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}
} // namespace

float halfToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000) << 16;
  uint32_t exponent = (h >> 10) & 0x1f;
  uint32_t mantissa = h & 0x3ff;
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24, exact in f32.
    float v = static_cast<float>(mantissa) * (1.0f / 16777216.0f);
    return sign ? -v : v;
  }
  if (exponent == 31)
    return fromBits(sign | 0x7f800000u | (mantissa << 13));
  return fromBits(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

float bf16ToFloat(uint16_t bits) { return fromBits(uint32_t(bits) << 16); }

float tf32ToFloat(uint32_t bits) { return fromBits(bits & 0xffffe000u); }

bool mmaKindValid(int kind) {
  return kind == TS_MMA_M16N8K16_F16 || kind == TS_MMA_M16N8K16_BF16 ||
         kind == TS_MMA_M16N8K8_TF32;
}

void mmaWarp(int kind, const uint32_t (*a)[4], const uint32_t (*b)[2],
             const float (*c)[4], float (*d)[4]) {
  float ma[16][16], mb[16][8], acc[16][8];
  int k = kind == TS_MMA_M16N8K8_TF32 ? 8 : 16;
  for (unsigned lane = 0; lane < 32; ++lane) {
    unsigned g = lane >> 2, t = lane & 3;
    if (kind == TS_MMA_M16N8K8_TF32) {
      for (unsigned r = 0; r < 4; ++r)
        ma[g + 8 * (r & 1)][t + 4 * (r >> 1)] = tf32ToFloat(a[lane][r]);
      for (unsigned r = 0; r < 2; ++r)
        mb[t + 4 * r][g] = tf32ToFloat(b[lane][r]);
    } else {
      auto convert = kind == TS_MMA_M16N8K16_F16 ? halfToFloat : bf16ToFloat;
      for (unsigned r = 0; r < 4; ++r)
        for (unsigned h = 0; h < 2; ++h)
          ma[g + 8 * (r & 1)][2 * t + 8 * (r >> 1) + h] =
              convert(static_cast<uint16_t>(a[lane][r] >> (16 * h)));
      for (unsigned r = 0; r < 2; ++r)
        for (unsigned h = 0; h < 2; ++h)
          mb[2 * t + 8 * r + h][g] =
              convert(static_cast<uint16_t>(b[lane][r] >> (16 * h)));
    }
    for (unsigned i = 0; i < 4; ++i)
      acc[g + 8 * (i >> 1)][2 * t + (i & 1)] = c[lane][i];
  }
  for (int m = 0; m < 16; ++m)
    for (int n = 0; n < 8; ++n) {
      float sum = acc[m][n];
      for (int kk = 0; kk < k; ++kk)
        sum += ma[m][kk] * mb[kk][n];
      acc[m][n] = sum;
    }
  for (unsigned lane = 0; lane < 32; ++lane) {
    unsigned g = lane >> 2, t = lane & 3;
    for (unsigned i = 0; i < 4; ++i)
      d[lane][i] = acc[g + 8 * (i >> 1)][2 * t + (i & 1)];
  }
}

void ldmatrixLane(int num, bool trans, const uint16_t *const (*rows)[8],
                  unsigned lane, uint32_t *out) {
  unsigned r = lane / 4, e = 2 * (lane % 4);
  for (int m = 0; m < num; ++m) {
    uint16_t lo, hi;
    if (trans) {
      lo = rows[m][e][r];
      hi = rows[m][e + 1][r];
    } else {
      lo = rows[m][r][e];
      hi = rows[m][r][e + 1];
    }
    out[m] = uint32_t(lo) | (uint32_t(hi) << 16);
  }
}

} // namespace tessera::emu
