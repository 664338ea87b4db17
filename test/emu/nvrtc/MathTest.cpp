//===- MathTest.cpp - The host branch of the math whitelist ---------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// math.cuh on the host against double-precision references: the composite
// functions (sigmoid, both GELUs) within a few float ulps, the rounding
// functions' halfway cases, the predicates on special values, and the
// library functions within the GPU's documented error bounds.
//
//===----------------------------------------------------------------------===//
#include "tessera/math.cuh"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace {

/// Distance between |got| and |expected| in units of |expected|'s float ulp.
double ulps(float got, double expected) {
  float e = static_cast<float>(expected);
  double ulp = std::nextafter(std::fabs(e), std::numeric_limits<float>::max()) -
               std::fabs(e);
  if (ulp == 0 || !std::isfinite(ulp))
    ulp = std::numeric_limits<float>::denorm_min();
  return std::fabs(static_cast<double>(got) - expected) / ulp;
}

/// -20..20 in steps of 1/64, plus some tiny values.
std::vector<float> arguments() {
  std::vector<float> xs;
  for (int i = -20 * 64; i <= 20 * 64; ++i)
    xs.push_back(static_cast<float>(i) / 64.0f);
  for (float tiny : {1e-30f, -1e-30f, 1e-8f, -1e-8f, 3e-4f})
    xs.push_back(tiny);
  return xs;
}

TEST(Math, SigmoidAndGelusMatchDoubleFormulas) {
  for (float x : arguments()) {
    double d = x;
    double sigmoid = 1.0 / (1.0 + std::exp(-d));
    double geluErf = 0.5 * d * (1.0 + std::erf(d / std::sqrt(2.0)));
    double geluTanh =
        0.5 * d *
        (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (d + 0.044715 * d * d * d)));
    EXPECT_LE(ulps(ts_sigmoid(x), sigmoid), 4.0) << x;
    // Near the GELUs' zero at -inf the absolute error matters, not ulps.
    EXPECT_NEAR(ts_gelu_erf(x), geluErf, 4e-7 * std::max(1.0, std::fabs(d)))
        << x;
    EXPECT_NEAR(ts_gelu_tanh(x), geluTanh, 4e-7 * std::max(1.0, std::fabs(d)))
        << x;
  }
  EXPECT_EQ(ts_sigmoid(0.0f), 0.5f);
  EXPECT_EQ(ts_sigmoid(-200.0f), 0.0f);
  EXPECT_EQ(ts_sigmoid(200.0f), 1.0f);
  EXPECT_EQ(ts_gelu_erf(0.0f), 0.0f);
  EXPECT_EQ(ts_gelu_tanh(-100.0f), -0.0f);
}

TEST(Math, LibraryFunctionsWithinTheGpusBounds) {
  for (float x : arguments()) {
    double d = x;
    EXPECT_LE(ulps(ts_exp(x), std::exp(d)), 2.0) << x;
    EXPECT_LE(ulps(ts_exp2(x), std::exp2(d)), 2.0) << x;
    EXPECT_LE(ulps(ts_expm1(x), std::expm1(d)), 2.0) << x;
    EXPECT_LE(ulps(ts_tanh(x), std::tanh(d)), 2.0) << x;
    EXPECT_LE(ulps(ts_erf(x), std::erf(d)), 2.0) << x;
    EXPECT_LE(ulps(ts_sin(x), std::sin(d)), 2.0) << x;
    EXPECT_LE(ulps(ts_cos(x), std::cos(d)), 2.0) << x;
    if (x > 0) {
      EXPECT_LE(ulps(ts_log(x), std::log(d)), 2.0) << x;
      EXPECT_LE(ulps(ts_log2(x), std::log2(d)), 2.0) << x;
      EXPECT_LE(ulps(ts_rsqrt(x), 1.0 / std::sqrt(d)), 2.0) << x;
      EXPECT_LE(ulps(ts_pow(x, 1.7f), std::pow(d, static_cast<double>(1.7f))),
                4.0)
          << x;
    }
    if (x > -1) {
      EXPECT_LE(ulps(ts_log1p(x), std::log1p(d)), 2.0) << x;
    }
  }
}

TEST(Math, CorrectlyRoundedOperations) {
  // Double's 53 bits make double-then-float rounding exact for / and sqrt.
  for (float x : arguments())
    for (float y : {3.0f, -7.0f, 0.1f, 1e-3f}) {
      EXPECT_EQ(ts_fdiv(x, y), static_cast<float>(static_cast<double>(x) / y))
          << x << " / " << y;
      if (x >= 0) {
        EXPECT_EQ(ts_sqrt(x), static_cast<float>(std::sqrt(double(x)))) << x;
      }
    }
  // fma rounds once: 1 + 2^-23 squared minus 1 keeps the 2^-46 term.
  float a = 1.0f + std::ldexp(1.0f, -23);
  EXPECT_EQ(ts_fma(a, a, -1.0f), std::ldexp(1.0f, -22) + std::ldexp(1.0f, -46));
}

TEST(Math, RoundingFunctionsOnHalfwayCases) {
  const float halves[] = {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f};
  const float round[] = {-3, -2, -1, 1, 2, 3};   // away from zero
  const float rint[] = {-2, -2, -0.0f, 0, 2, 2}; // to even
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(ts_round(halves[i]), round[i]) << halves[i];
    EXPECT_EQ(ts_rint(halves[i]), rint[i]) << halves[i];
  }
  EXPECT_EQ(ts_floor(-1.25f), -2.0f);
  EXPECT_EQ(ts_ceil(-1.25f), -1.0f);
  EXPECT_EQ(ts_fabs(-3.0f), 3.0f);
  EXPECT_TRUE(std::signbit(ts_rint(-0.25f)));
}

TEST(Math, PredicatesAndNanHandling) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  uint32_t signalingBits = 0x7f800001u, negativeNanBits = 0xffc00000u;
  float signaling, negativeNan;
  std::memcpy(&signaling, &signalingBits, 4);
  std::memcpy(&negativeNan, &negativeNanBits, 4);
  for (float x : {0.0f, -0.0f, 1.0f, -1e-40f, 3.4e38f, inf, -inf, nan,
                  signaling, negativeNan}) {
    EXPECT_EQ(ts_isnan(x), std::isnan(x)) << x;
    EXPECT_EQ(ts_isinf(x), std::isinf(x)) << x;
    EXPECT_EQ(ts_isfinite(x), std::isfinite(x)) << x;
  }
  EXPECT_EQ(ts_fmax(nan, 2.0f), 2.0f);
  EXPECT_EQ(ts_fmax(2.0f, nan), 2.0f);
  EXPECT_EQ(ts_fmin(nan, -2.0f), -2.0f);
  EXPECT_EQ(ts_fmax(-inf, -3.0f), -3.0f);
  EXPECT_TRUE(ts_isnan(ts_fmax(nan, nan)));
}

} // namespace
