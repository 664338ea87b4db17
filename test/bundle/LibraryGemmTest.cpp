//===- LibraryGemmTest.cpp - The Gemm steps' host implementation ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// runGemmOnHost (the emu executor's Gemm step) against a plain double
// reference on ragged shapes, both transposes, batches with broadcast
// operands and padded pitches, every epilogue and compute mode; and the
// loading of cuBLASLt's entry points with dlopen (no GPU needed).
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/LibraryGemm.h"
#include "runtime/tensor/HostTensor.h"
#include "test/bundle/GemmTestUtils.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sys/stat.h>

using namespace tessera::bundle;

namespace {

float reference(float x, GemmCompute compute) {
  switch (compute) {
  case GemmCompute::F32:
    return x;
  case GemmCompute::TF32: { // nearest even, 10 mantissa bits
    uint32_t bits;
    std::memcpy(&bits, &x, 4);
    uint32_t low = bits & 0x1fffu, keep = bits & ~0x1fffu;
    if (low > 0x1000u || (low == 0x1000u && (keep & 0x2000u)))
      keep += 0x2000u;
    std::memcpy(&x, &keep, 4);
    return x;
  }
  case GemmCompute::BF16:
    return tessera::bfloat16ToFloat(tessera::floatToBFloat16(x));
  case GemmCompute::F16:
    return tessera::halfToFloat(tessera::floatToHalf(x));
  }
  return x;
}

/// D for |g| computed the obvious way, element by element.
std::vector<float> expected(const GemmParams &g, const std::vector<float> &a,
                            const std::vector<float> &b,
                            const std::vector<float> &bias,
                            std::vector<float> d) {
  for (uint64_t t = 0; t < g.batch; ++t)
    for (uint64_t i = 0; i < g.m; ++i)
      for (uint64_t j = 0; j < g.n; ++j) {
        double sum = 0;
        for (uint64_t p = 0; p < g.k; ++p) {
          float x =
              a[t * g.strideA + (g.transA ? p * g.lda + i : i * g.lda + p)];
          float y =
              b[t * g.strideB + (g.transB ? j * g.ldb + p : p * g.ldb + j)];
          sum += double(reference(x, g.compute)) * reference(y, g.compute);
        }
        double v = g.alpha * float(sum);
        if (gemmHasBias(g.epilogue))
          v += bias[j];
        if (g.epilogue == GemmEpilogue::Relu ||
            g.epilogue == GemmEpilogue::BiasRelu)
          v = v > 0 ? v : 0;
        if (g.epilogue == GemmEpilogue::Gelu ||
            g.epilogue == GemmEpilogue::BiasGelu)
          v = 0.5 * v *
              (1 + std::tanh(std::sqrt(2 / M_PI) * (v + 0.044715 * v * v * v)));
        d[t * g.strideD + i * g.ldd + j] = float(v);
      }
  return d;
}

TEST(LibraryGemm, HostMatchesTheReference) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  struct Case {
    uint64_t m, n, k, batch;
    bool transA, transB, broadcastA, broadcastB;
    uint64_t pad; // extra elements per row of every operand
    GemmCompute compute;
    GemmEpilogue epilogue;
  };
  const Case cases[] = {
      {1, 1, 1, 1, false, false, false, false, 0, GemmCompute::F32,
       GemmEpilogue::None},
      {17, 13, 33, 1, false, true, false, false, 0, GemmCompute::F32,
       GemmEpilogue::Bias},
      {5, 64, 7, 1, true, false, false, false, 3, GemmCompute::TF32,
       GemmEpilogue::Relu},
      {16, 9, 40, 3, true, true, false, false, 1, GemmCompute::BF16,
       GemmEpilogue::BiasRelu},
      {3, 31, 12, 4, false, false, false, true, 0, GemmCompute::F16,
       GemmEpilogue::Gelu},
      {8, 8, 8, 2, false, true, true, false, 2, GemmCompute::F32,
       GemmEpilogue::BiasGelu},
  };
  for (const Case &c : cases) {
    GemmParams g = tessera::test::paddedGemm(c.m, c.n, c.k, c.batch, c.transA,
                                             c.transB, c.pad);
    uint64_t sizeA = tessera::test::gemmSizeA(g);
    uint64_t sizeB = tessera::test::gemmSizeB(g);
    uint64_t sizeD = c.m * g.ldd;
    g.strideA = c.broadcastA ? 0 : sizeA;
    g.strideB = c.broadcastB ? 0 : sizeB;
    g.strideD = sizeD;
    g.compute = c.compute;
    g.epilogue = c.epilogue;
    g.alpha = c.k % 2 ? 1.0f : 0.75f; // alpha on the even-k cases
    std::vector<float> a(sizeA * c.batch), b(sizeB * c.batch), bias(c.n),
        d(sizeD * c.batch, -7.0f);
    for (auto *v : {&a, &b, &bias})
      for (float &x : *v)
        x = dist(rng);
    std::vector<float> want = expected(g, a, b, bias, d);
    tessera::exec::runGemmOnHost(
        g, a.data(), b.data(), gemmHasBias(g.epilogue) ? bias.data() : nullptr,
        d.data());
    std::string what =
        "m=" + std::to_string(c.m) + " n=" + std::to_string(c.n) +
        " k=" + std::to_string(c.k) + " " + gemmEpilogueName(c.epilogue) + " " +
        gemmComputeName(c.compute);
    for (size_t i = 0; i < d.size(); ++i)
      ASSERT_NEAR(d[i], want[i], 1e-5f * (1 + std::fabs(want[i])))
          << what << " element " << i;
  }
}

/// The rounding of each compute mode shows in a product of one element.
TEST(LibraryGemm, ComputeModesRoundTheOperands) {
  GemmParams g; // 1 x 1 x 1
  g.lda = g.ldb = g.ldd = 1;
  float a = 1.0f + 1.0f / 4096, b = 1.0f, d = 0;
  for (auto [compute, want] :
       {std::pair{GemmCompute::F32, 1.0f + 1.0f / 4096},
        std::pair{GemmCompute::TF32, 1.0f}, std::pair{GemmCompute::BF16, 1.0f},
        std::pair{GemmCompute::F16, 1.0f}}) {
    g.compute = compute;
    tessera::exec::runGemmOnHost(g, &a, &b, nullptr, &d);
    EXPECT_EQ(d, want) << gemmComputeName(compute);
  }
  a = 1.0f + 1.0f / 512; // kept by tf32 and f16, not bf16 (7 bits)
  for (auto [compute, want] :
       {std::pair{GemmCompute::TF32, a}, std::pair{GemmCompute::F16, a},
        std::pair{GemmCompute::BF16, 1.0f}}) {
    g.compute = compute;
    tessera::exec::runGemmOnHost(g, &a, &b, nullptr, &d);
    EXPECT_EQ(d, want) << gemmComputeName(compute);
  }
}

/// A missing cuBLASLt is one message naming the files tried (run by the
/// ctest test library-gemm.missing with TESSERA_CUBLASLT_LIBRARY set to a
/// file that does not exist; the library is loaded once per process).
TEST(LibraryGemmMissing, OneClearMessage) {
  const char *path = std::getenv("TESSERA_CUBLASLT_LIBRARY");
  if (!path || std::string(path) != "/nonexistent/libcublasLt.so.13")
    GTEST_SKIP() << "needs TESSERA_CUBLASLT_LIBRARY=/nonexistent/"
                    "libcublasLt.so.13";
  std::string error;
  EXPECT_FALSE(tessera::exec::cublasLtAvailable(error));
  EXPECT_EQ(error, "cuBLASLt was not found (tried "
                   "/nonexistent/libcublasLt.so.13); install the CUDA "
                   "toolkit's cuBLAS, set TESSERA_CUBLASLT_LIBRARY, or "
                   "compile with --matmul=generated");
  // Creating a runner fails the same way, before any CUDA call.
  std::unique_ptr<tessera::exec::CublasLtRunner> runner;
  tessera_status_t status =
      tessera::exec::createCublasLtRunner(runner, "m.tsrb");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(tessera_status_code(status), TESSERA_STATUS_UNAVAILABLE);
  EXPECT_EQ(std::string(tessera_status_message(status)),
            "m.tsrb: the plan has library GEMM steps but " + error);
  tessera_status_free(status);
  EXPECT_EQ(runner, nullptr);
}

/// cuBLASLt is loaded with dlopen and every entry point found (no GPU
/// needed); skipped where the toolkit's cuBLAS is not installed.
TEST(LibraryGemm, CublasLtLoads) {
  if (std::getenv("TESSERA_CUBLASLT_LIBRARY"))
    GTEST_SKIP() << "TESSERA_CUBLASLT_LIBRARY is set";
  struct stat info;
  if (stat("/usr/local/cuda/lib64/libcublasLt.so", &info) != 0 &&
      stat("/usr/local/cuda/lib64/libcublasLt.so.13", &info) != 0 &&
      stat("/usr/local/cuda/lib64/libcublasLt.so.12", &info) != 0)
    GTEST_SKIP() << "no cuBLASLt under /usr/local/cuda/lib64";
  std::string error;
  EXPECT_TRUE(tessera::exec::cublasLtAvailable(error)) << error;
}

} // namespace
