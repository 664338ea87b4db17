//===- LibraryGemmGpuTest.cpp - Gemm steps through cuBLASLt ---------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The CUDA executor's Gemm step (cuBLASLt, runtime/exec/LibraryGemm.h)
// against the emu executor's (runGemmOnHost) on the same operands: both
// transposes, a batch with a broadcast operand, padded pitches, every
// epilogue and compute mode. Skips without a device.
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/LibraryGemm.h"
#include "runtime/tessera_runtime.h"

#include "RuntimeTestUtils.h"
#include "test/bundle/GemmTestUtils.h"

#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace tessera::bundle;

namespace {

TEST(LibraryGemmGpu, CublasLtMatchesTheHost) {
  if (std::string why = tessera::test::missingDevice(); !why.empty())
    GTEST_SKIP() << why;
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
  std::unique_ptr<tessera::exec::CublasLtRunner> runner;
  tessera_status_t status = tessera::exec::createCublasLtRunner(runner, "test");
  ASSERT_EQ(status, nullptr) << tessera_status_message(status);

  struct Case {
    uint64_t m, n, k, batch;
    bool transA, transB, broadcastB;
    uint64_t pad;
    GemmCompute compute;
    GemmEpilogue epilogue;
    float tolerance;
    /// D's batches side by side within its rows (ldd = batch * n).
    bool interleaveD = false;
  };
  const Case cases[] = {
      {64, 48, 32, 1, false, false, false, 0, GemmCompute::F32,
       GemmEpilogue::None, 1e-4f},
      {17, 33, 65, 1, false, true, false, 0, GemmCompute::F32,
       GemmEpilogue::Bias, 1e-4f},
      {128, 64, 96, 1, true, false, false, 4, GemmCompute::TF32,
       GemmEpilogue::BiasRelu, 2e-2f},
      {32, 40, 64, 3, true, true, false, 0, GemmCompute::BF16,
       GemmEpilogue::BiasGelu, 5e-2f},
      {16, 64, 48, 4, false, false, true, 0, GemmCompute::F16,
       GemmEpilogue::Gelu, 2e-2f},
      {1, 256, 128, 1, false, true, false, 0, GemmCompute::BF16,
       GemmEpilogue::Relu, 5e-2f},
      {128, 96, 64, 8, false, false, true, 0, GemmCompute::F32,
       GemmEpilogue::Bias, 1e-4f, /*interleaveD=*/true},
  };
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  size_t index = 0;
  for (const Case &c : cases) {
    GemmParams g = tessera::test::paddedGemm(c.m, c.n, c.k, c.batch, c.transA,
                                             c.transB, c.pad);
    if (c.interleaveD)
      g.ldd = c.n * c.batch;
    uint64_t sizeA = tessera::test::gemmSizeA(g);
    uint64_t sizeB = tessera::test::gemmSizeB(g);
    uint64_t sizeD = c.m * g.ldd;
    g.strideA = c.batch > 1 ? sizeA : 0;
    g.strideB = c.batch > 1 && !c.broadcastB ? sizeB : 0;
    g.strideD = c.batch == 1 ? 0 : c.interleaveD ? c.n : sizeD;
    g.compute = c.compute;
    g.epilogue = c.epilogue;
    g.alpha = c.k % 2 ? 1.0f : 0.75f; // alpha on the even-k cases
    std::vector<float> a(sizeA * c.batch), b(sizeB * c.batch), bias(c.n),
        d(c.interleaveD ? sizeD : sizeD * c.batch, 0.0f);
    for (auto *v : {&a, &b, &bias})
      for (float &x : *v)
        x = dist(rng);
    std::vector<float> want = d;
    tessera::exec::runGemmOnHost(g, a.data(), b.data(), bias.data(),
                                 want.data());
    float *da = nullptr, *db = nullptr, *dbias = nullptr, *dd = nullptr;
    ASSERT_EQ(cudaMalloc(reinterpret_cast<void **>(&da), a.size() * 4),
              cudaSuccess);
    ASSERT_EQ(cudaMalloc(reinterpret_cast<void **>(&db), b.size() * 4),
              cudaSuccess);
    ASSERT_EQ(cudaMalloc(reinterpret_cast<void **>(&dbias), bias.size() * 4),
              cudaSuccess);
    ASSERT_EQ(cudaMalloc(reinterpret_cast<void **>(&dd), d.size() * 4),
              cudaSuccess);
    cudaMemcpy(da, a.data(), a.size() * 4, cudaMemcpyHostToDevice);
    cudaMemcpy(db, b.data(), b.size() * 4, cudaMemcpyHostToDevice);
    cudaMemcpy(dbias, bias.data(), bias.size() * 4, cudaMemcpyHostToDevice);
    cudaMemcpy(dd, d.data(), d.size() * 4, cudaMemcpyHostToDevice);
    status = runner->run(index++, g, da, db,
                         gemmHasBias(g.epilogue) ? dbias : nullptr, dd, nullptr,
                         "case");
    ASSERT_EQ(status, nullptr) << tessera_status_message(status);
    ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
    cudaMemcpy(d.data(), dd, d.size() * 4, cudaMemcpyDeviceToHost);
    for (float *p : {da, db, dbias, dd})
      cudaFree(p);
    std::string what =
        "m=" + std::to_string(c.m) + " n=" + std::to_string(c.n) +
        " k=" + std::to_string(c.k) + " batch=" + std::to_string(c.batch) +
        " " + gemmEpilogueName(c.epilogue) + " " + gemmComputeName(c.compute);
    for (size_t i = 0; i < d.size(); ++i)
      ASSERT_NEAR(d[i], want[i], c.tolerance * (1 + std::fabs(want[i])))
          << what << " element " << i;
  }
}

} // namespace
