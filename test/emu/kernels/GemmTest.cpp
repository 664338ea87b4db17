//===- GemmTest.cpp - The tensor-core GEMMs against a reference -----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// gemm_mma_bf16.cu (B [K,N] and B [N,K], with and without the bias + relu
// epilogue) and gemm_mma_tf32.cu over square, ragged and degenerate shapes.
// Shapes with K % 8 != 0 (or N % 8 != 0 for B [K,N]) take the kernels'
// scalar fill path, the rest the cp.async path. Every element must be within
// 1e-5 * sum_k |a||b| of the double product of the rounded inputs.
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"
#include "References.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

namespace tessera::emu::kernels {
namespace {

enum class Layout { NN, NT };

struct GemmCase {
  int m, n, k;
  Layout layout;
  bool biasRelu;
};

std::string caseName(const ::testing::TestParamInfo<GemmCase> &info) {
  const GemmCase &p = info.param;
  return std::string(p.layout == Layout::NN ? "nn_" : "nt_") +
         (p.biasRelu ? "bias_relu_" : "") + std::to_string(p.m) + "x" +
         std::to_string(p.n) + "x" + std::to_string(p.k);
}

Dim3 gemmGrid(int m, int n) {
  return {static_cast<unsigned>((n + 63) / 64),
          static_cast<unsigned>((m + 63) / 64), 1};
}

/// Counts (and reports the first few) elements of |c| off the reference.
size_t countMismatches(const AlignedArray<float> &c, const GemmReference &ref,
                       int n, double relative) {
  size_t bad = 0;
  for (size_t i = 0; i < ref.value.size(); ++i) {
    double tolerance = relative * ref.magnitude[i] + 1e-30;
    if (!(std::fabs(c[i] - ref.value[i]) <= tolerance) && ++bad <= 5)
      ADD_FAILURE() << "C[" << i / n << "][" << i % n << "] = " << c[i]
                    << ", reference " << ref.value[i] << " (tolerance "
                    << tolerance << ")";
  }
  return bad;
}

class GemmBf16Test : public ::testing::TestWithParam<GemmCase> {};

TEST_P(GemmBf16Test, MatchesDoubleReference) {
  const GemmCase &p = GetParam();
  const bool bNK = p.layout == Layout::NT;
  std::vector<uint16_t> a =
      randomBf16(static_cast<size_t>(p.m) * p.k, -1, 1, 51 + p.m);
  std::vector<uint16_t> b =
      randomBf16(static_cast<size_t>(p.k) * p.n, -1, 1, 52 + p.n);
  std::vector<float> bias =
      p.biasRelu ? randomFloats(p.n, -0.5f, 0.5f, 53) : std::vector<float>();
  AlignedArray<uint16_t> as(a), bs(b);
  AlignedArray<float> biases(bias.empty() ? std::vector<float>{0.0f} : bias);
  AlignedArray<float> c(static_cast<size_t>(p.m) * p.n);
  for (size_t i = 0; i < c.size(); ++i)
    c[i] = NAN;

  std::string name =
      std::string(p.biasRelu ? "matmul_bias_relu_bf16_" : "matmul_bf16_") +
      (bNK ? "nt" : "nn");
  LaunchParams params = launchParams(gemmGrid(p.m, p.n), {128});
  const uint16_t *aPtr = as.data(), *bPtr = bs.data();
  const float *biasPtr = biases.data();
  std::optional<std::string> error =
      p.biasRelu
          ? launchKernel(name, params, aPtr, bPtr, biasPtr, c.data(), p.m, p.n,
                         p.k)
          : launchKernel(name, params, aPtr, bPtr, c.data(), p.m, p.n, p.k);
  ASSERT_FALSE(error) << *error;

  std::vector<float> af, bf;
  for (uint16_t v : a)
    af.push_back(fromBf16(v));
  for (uint16_t v : b)
    bf.push_back(fromBf16(v));
  GemmReference ref = gemmReference(af, bf, bias, p.m, p.n, p.k, bNK);
  EXPECT_EQ(countMismatches(c, ref, p.n, 1e-5), 0u);
}

std::vector<GemmCase> bf16Cases() {
  std::vector<GemmCase> cases;
  const int shapes[][3] = {{16, 16, 16},  {64, 64, 64}, {256, 256, 256},
                           {17, 33, 40},  {100, 1, 64}, {1, 64, 17},
                           {65, 129, 72}, {128, 64, 8}, {33, 40, 100},
                           {80, 48, 200}};
  for (const auto &s : shapes)
    for (Layout layout : {Layout::NN, Layout::NT})
      cases.push_back({s[0], s[1], s[2], layout, false});
  for (Layout layout : {Layout::NN, Layout::NT}) {
    cases.push_back({64, 64, 64, layout, true});
    cases.push_back({17, 33, 40, layout, true});
    cases.push_back({70, 72, 24, layout, true});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Kernels, GemmBf16Test,
                         ::testing::ValuesIn(bf16Cases()), caseName);

/// A and B one element past a 16-byte boundary: both kernels must take the
/// scalar fill path (cp.async would fault on the GPU and trap here).
TEST(GemmBf16Misaligned, ScalarPathMatchesReference) {
  const int m = 64, n = 64, k = 64;
  std::vector<uint16_t> a = randomBf16(m * k, -1, 1, 54);
  std::vector<uint16_t> b = randomBf16(k * n, -1, 1, 55);
  AlignedArray<uint16_t> as(m * k + 1), bs(k * n + 1);
  for (size_t i = 0; i < a.size(); ++i)
    as[i + 1] = a[i];
  for (size_t i = 0; i < b.size(); ++i)
    bs[i + 1] = b[i];
  std::vector<float> af, bf;
  for (uint16_t v : a)
    af.push_back(fromBf16(v));
  for (uint16_t v : b)
    bf.push_back(fromBf16(v));
  for (bool bNK : {false, true}) {
    AlignedArray<float> c(m * n);
    std::optional<std::string> error = launchKernel(
        bNK ? "matmul_bf16_nt" : "matmul_bf16_nn",
        launchParams(gemmGrid(m, n), {128}),
        static_cast<const uint16_t *>(as.data() + 1),
        static_cast<const uint16_t *>(bs.data() + 1), c.data(), m, n, k);
    ASSERT_FALSE(error) << *error;
    GemmReference ref = gemmReference(af, bf, {}, m, n, k, bNK);
    EXPECT_EQ(countMismatches(c, ref, n, 1e-5), 0u) << (bNK ? "nt" : "nn");
  }
}

/// |value| rounded to tf32 as cvt.rna.tf32.f32 (finite inputs).
float roundToTf32(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  bits = (bits + 0x1000u) & 0xffffe000u;
  std::memcpy(&value, &bits, sizeof bits);
  return value;
}

class GemmTf32Test : public ::testing::TestWithParam<GemmCase> {};

TEST_P(GemmTf32Test, MatchesDoubleReference) {
  const GemmCase &p = GetParam();
  std::vector<float> a =
      randomFloats(static_cast<size_t>(p.m) * p.k, -1, 1, 61 + p.m);
  std::vector<float> b =
      randomFloats(static_cast<size_t>(p.k) * p.n, -1, 1, 62 + p.n);
  AlignedArray<float> as(a), bs(b), c(static_cast<size_t>(p.m) * p.n);
  for (size_t i = 0; i < c.size(); ++i)
    c[i] = NAN;

  std::optional<std::string> error = launchKernel(
      "matmul_tf32_nt", launchParams(gemmGrid(p.m, p.n), {128}),
      static_cast<const float *>(as.data()),
      static_cast<const float *>(bs.data()), c.data(), p.m, p.n, p.k);
  ASSERT_FALSE(error) << *error;

  for (float &v : a)
    v = roundToTf32(v);
  for (float &v : b)
    v = roundToTf32(v);
  GemmReference ref = gemmReference(a, b, {}, p.m, p.n, p.k, /*bNK=*/true);
  EXPECT_EQ(countMismatches(c, ref, p.n, 1e-5), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Kernels, GemmTf32Test,
    ::testing::Values(GemmCase{16, 16, 16, Layout::NT, false},
                      GemmCase{64, 64, 64, Layout::NT, false},
                      GemmCase{128, 96, 256, Layout::NT, false},
                      GemmCase{17, 33, 40, Layout::NT, false},
                      GemmCase{100, 1, 64, Layout::NT, false},
                      GemmCase{1, 64, 17, Layout::NT, false}),
    caseName);

} // namespace
} // namespace tessera::emu::kernels
