//===- GemmTestUtils.h - Gemm step cases for the tests ----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the host (test/bundle/LibraryGemmTest.cpp) and cuBLASLt
// (test/gpu/LibraryGemmGpuTest.cpp) Gemm tests share: the parameters of a
// case with padded pitches.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_TEST_BUNDLE_GEMMTESTUTILS_H
#define TESSERA_TEST_BUNDLE_GEMMTESTUTILS_H

#include "runtime/bundle/BundleModel.h"

namespace tessera::test {

/// op(A) m x k times op(B) k x n, |batch| times, every row of A, B and D
/// |pad| elements longer than the matrix's; no strides, epilogue or compute
/// mode yet.
inline bundle::GemmParams paddedGemm(uint64_t m, uint64_t n, uint64_t k,
                                     uint64_t batch, bool transA, bool transB,
                                     uint64_t pad) {
  bundle::GemmParams g;
  g.m = m;
  g.n = n;
  g.k = k;
  g.batch = batch;
  g.transA = transA;
  g.transB = transB;
  g.lda = (transA ? m : k) + pad;
  g.ldb = (transB ? k : n) + pad;
  g.ldd = n + pad;
  return g;
}

/// The elements of one A matrix of |g|.
inline uint64_t gemmSizeA(const bundle::GemmParams &g) {
  return (g.transA ? g.k : g.m) * g.lda;
}
/// The elements of one B matrix of |g|.
inline uint64_t gemmSizeB(const bundle::GemmParams &g) {
  return (g.transB ? g.n : g.k) * g.ldb;
}

} // namespace tessera::test

#endif // TESSERA_TEST_BUNDLE_GEMMTESTUTILS_H
