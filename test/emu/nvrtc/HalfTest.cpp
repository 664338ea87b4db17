//===- HalfTest.cpp - Host f16/bf16/tf32 conversions, bit for bit ---------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The host branch of half.cuh against independent references: f16 against
// GCC's _Float16 conversions (all 65536 patterns one way, a dense sweep of
// f32 patterns the other), bf16 and tf32 against a nearest-value search in
// double precision.
//
//===----------------------------------------------------------------------===//
#include "tessera/half.cuh"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace {

float fromBits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
uint32_t toBits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}
bool isNanBits(uint32_t bits) { return (bits & 0x7fffffffu) > 0x7f800000u; }

/// f32 bit patterns: every 4099th of the whole space; for every sign,
/// exponent and top 10 mantissa bits, the low 13 bits at and around the
/// f16/tf32 rounding tie; and, around f16's subnormal range (where the tie
/// moves through bits 13..23), the ties and their neighbours at every bit.
const std::vector<uint32_t> &sweep() {
  static const std::vector<uint32_t> patterns = [] {
    std::vector<uint32_t> p;
    for (uint64_t bits = 0; bits <= 0xffffffffu; bits += 4099)
      p.push_back(static_cast<uint32_t>(bits));
    const uint32_t lows[] = {0, 1, 0xfff, 0x1000, 0x1001, 0x1fff};
    for (uint32_t sign = 0; sign < 2; ++sign)
      for (uint32_t exponent = 0; exponent < 256; ++exponent)
        for (uint32_t top = 0; top < 1024; ++top)
          for (uint32_t low : lows)
            p.push_back(sign << 31 | exponent << 23 | top << 13 | low);
    const uint32_t low16s[] = {0, 1, 0x7fff, 0x8000, 0x8001, 0xffff};
    const uint32_t top7s[] = {0, 1, 0x40, 0x7f};
    for (uint32_t sign = 0; sign < 2; ++sign)
      for (uint32_t exponent = 100; exponent <= 114; ++exponent) {
        uint32_t base = sign << 31 | exponent << 23;
        for (uint32_t top = 0; top < 128; ++top)
          for (uint32_t low : low16s)
            p.push_back(base | top << 16 | low);
        for (uint32_t top : top7s)
          for (uint32_t low = 0; low < 65536; ++low)
            p.push_back(base | top << 16 | low);
        for (int bit = 0; bit < 23; ++bit)
          for (int delta = -1; delta <= 1; ++delta)
            p.push_back(base + (1u << bit) + delta);
      }
    return p;
  }();
  return patterns;
}

/// The value of f32 bits |bits| in double; an exponent field of 255 with a
/// zero mantissa is taken as 2^128 (the rounding target past FLT_MAX).
double valueOf(uint32_t bits) {
  double sign = (bits >> 31) ? -1.0 : 1.0;
  int exponent = static_cast<int>((bits >> 23) & 0xff);
  double mantissa = static_cast<double>(bits & 0x7fffff);
  if (exponent == 0)
    return sign * std::ldexp(mantissa, -149);
  return sign * std::ldexp(1.0 + mantissa / 8388608.0, exponent - 127);
}

/// Rounds finite |bits| to |keep| mantissa bits by comparing the two
/// candidates' distances in double; |tiesAway| picks the larger magnitude on
/// a tie, else the even one. Returns f32 bits.
uint32_t roundByDistance(uint32_t bits, int keep, bool tiesAway) {
  uint32_t unit = 1u << (23 - keep);
  uint32_t down = bits & ~(unit - 1);
  uint32_t up = down + unit; // same sign, next magnitude (maybe infinity)
  double x = valueOf(bits), lo = valueOf(down), hi = valueOf(up);
  double toLo = std::fabs(x - lo), toHi = std::fabs(hi - x);
  if (toLo < toHi)
    return down;
  if (toHi < toLo)
    return up;
  if (tiesAway)
    return up;
  return (down & unit) ? up : down;
}

//===----------------------------------------------------------------------===//
// f16
//===----------------------------------------------------------------------===//

TEST(Half, ToFloatMatchesFloat16ForAllPatterns) {
  for (uint32_t h = 0; h < 65536; ++h) {
    uint16_t bits = static_cast<uint16_t>(h);
    _Float16 reference;
    std::memcpy(&reference, &bits, sizeof bits);
    float expected = static_cast<float>(reference);
    ASSERT_EQ(toBits(ts_half_to_float(ts_half_from_bits(bits))),
              toBits(expected))
        << std::hex << "f16 0x" << h;
  }
}

TEST(Half, FromFloatMatchesFloat16OnTheSweep) {
  size_t nans = 0;
  for (uint32_t bits : sweep()) {
    _Float16 reference = static_cast<_Float16>(fromBits(bits));
    uint16_t expected;
    std::memcpy(&expected, &reference, sizeof expected);
    ASSERT_EQ(ts_float_to_half(fromBits(bits)).bits, expected)
        << std::hex << "f32 0x" << bits;
    nans += isNanBits(bits);
  }
  EXPECT_GT(nans, 1000u);
  EXPECT_GT(sweep().size(), 5000000u);
}

TEST(Half, EveryNonNanRoundTrips) {
  for (uint32_t h = 0; h < 65536; ++h) {
    ts_half in = ts_half_from_bits(static_cast<uint16_t>(h));
    if ((h & 0x7c00) == 0x7c00 && (h & 0x3ff))
      continue;
    EXPECT_EQ(ts_float_to_half(ts_half_to_float(in)).bits, h);
  }
}

TEST(Half, Boundaries) {
  EXPECT_EQ(ts_float_to_half(65504.0f).bits, 0x7bff);
  EXPECT_EQ(ts_float_to_half(65519.996f).bits, 0x7bff);
  EXPECT_EQ(ts_float_to_half(65520.0f).bits, 0x7c00); // tie to even: inf
  EXPECT_EQ(ts_float_to_half(std::ldexp(1.0f, -24)).bits, 0x0001);
  EXPECT_EQ(ts_float_to_half(std::ldexp(1.0f, -25)).bits, 0x0000); // tie
  EXPECT_EQ(ts_float_to_half(std::ldexp(1.5f, -25)).bits, 0x0001);
  EXPECT_EQ(ts_float_to_half(std::ldexp(3.0f, -25)).bits, 0x0002); // tie
  EXPECT_EQ(ts_float_to_half(-0.0f).bits, 0x8000);
  EXPECT_EQ(ts_half_to_float(ts_half_from_bits(0x3c00)), 1.0f);
  EXPECT_EQ(ts_half_to_float(ts_half_from_bits(0xc000)), -2.0f);
  EXPECT_EQ(ts_half_to_float(ts_half_from_bits(0x0001)), std::ldexp(1.0f, -24));
}

//===----------------------------------------------------------------------===//
// bf16
//===----------------------------------------------------------------------===//

TEST(Bf16, ToFloatIsTheValueOfEveryPattern) {
  for (uint32_t b = 0; b < 65536; ++b) {
    float f = ts_bf16_to_float(ts_bf16_from_bits(static_cast<uint16_t>(b)));
    uint32_t exponent = (b >> 7) & 0xff, mantissa = b & 0x7f;
    double sign = (b & 0x8000) ? -1.0 : 1.0;
    if (exponent == 0xff) {
      EXPECT_EQ(std::isnan(f), mantissa != 0) << b;
      EXPECT_EQ(std::isinf(f), mantissa == 0) << b;
      continue;
    }
    double expected =
        exponent == 0 ? sign * std::ldexp(static_cast<double>(mantissa), -133)
                      : sign * std::ldexp(1.0 + mantissa / 128.0,
                                          static_cast<int>(exponent) - 127);
    ASSERT_EQ(static_cast<double>(f), expected) << std::hex << "bf16 0x" << b;
    ASSERT_EQ(std::signbit(f), sign < 0) << b;
  }
}

TEST(Bf16, FromFloatIsTheNearestEvenOnTheSweep) {
  for (uint32_t bits : sweep()) {
    uint16_t got = ts_float_to_bf16(fromBits(bits)).bits;
    if (isNanBits(bits)) {
      ASSERT_TRUE(std::isnan(ts_bf16_to_float(ts_bf16_from_bits(got))))
          << std::hex << bits;
      ASSERT_EQ(got >> 15, bits >> 31) << std::hex << bits;
      continue;
    }
    uint32_t expected = (bits & 0x7f800000u) == 0x7f800000u
                            ? bits
                            : roundByDistance(bits, 7, /*tiesAway=*/false);
    ASSERT_EQ(got, expected >> 16) << std::hex << "f32 0x" << bits;
  }
}

TEST(Bf16, PackingPutsLoInTheLowHalf) {
  ts_bf16 one = ts_float_to_bf16(1.0f), two = ts_float_to_bf16(2.0f);
  EXPECT_EQ(ts_pack_bf16x2(one, two), 0x40003f80u);
  EXPECT_EQ(ts_float2_to_bf16x2(1.0f, 2.0f), 0x40003f80u);
  ts_bf16 lo, hi;
  ts_unpack_bf16x2(0x40003f80u, lo, hi);
  EXPECT_EQ(lo.bits, 0x3f80);
  EXPECT_EQ(hi.bits, 0x4000);

  ts_half hOne = ts_float_to_half(1.0f), hTwo = ts_float_to_half(-2.0f);
  EXPECT_EQ(ts_pack_half2(hOne, hTwo), 0xc0003c00u);
  EXPECT_EQ(ts_float2_to_half2(1.0f, -2.0f), 0xc0003c00u);
  ts_half hLo, hHi;
  ts_unpack_half2(0xc0003c00u, hLo, hHi);
  EXPECT_EQ(hLo.bits, 0x3c00);
  EXPECT_EQ(hHi.bits, 0xc000);
}

//===----------------------------------------------------------------------===//
// tf32
//===----------------------------------------------------------------------===//

TEST(Tf32, RoundsToNearestTiesAwayOnTheSweep) {
  for (uint32_t bits : sweep()) {
    uint32_t got = ts_float_to_tf32(fromBits(bits));
    ASSERT_EQ(got & 0x1fffu, 0u) << std::hex << bits;
    if (isNanBits(bits)) {
      ASSERT_TRUE(isNanBits(got)) << std::hex << bits;
      ASSERT_EQ(got >> 31, bits >> 31) << std::hex << bits;
      continue;
    }
    uint32_t expected = (bits & 0x7f800000u) == 0x7f800000u
                            ? bits
                            : roundByDistance(bits, 10, /*tiesAway=*/true);
    ASSERT_EQ(got, expected) << std::hex << "f32 0x" << bits;
  }
}

TEST(Tf32, Examples) {
  // Halfway between 1 (even) and 1 + 2^-10: away from zero, not to even.
  const float tie = 1.0f + std::ldexp(1.0f, -11);
  EXPECT_EQ(ts_float_to_tf32(tie), toBits(1.0f + std::ldexp(1.0f, -10)));
  EXPECT_EQ(ts_float_to_tf32(-tie), toBits(-1.0f - std::ldexp(1.0f, -10)));
  EXPECT_EQ(ts_float_to_tf32(std::nextafter(tie, 0.0f)), toBits(1.0f));
  EXPECT_EQ(ts_float_to_tf32(3.4028235e38f), 0x7f800000u);
  EXPECT_EQ(ts_float_to_tf32(1.0f), 0x3f800000u);
}

} // namespace
