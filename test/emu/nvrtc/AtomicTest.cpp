//===- AtomicTest.cpp - The host branch of atomic.cuh across OS threads ---===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The emulator runs blocks on several OS threads, so the host atomics must be
// atomic: several std::threads hammer one address and the final values and
// the old values returned must be exactly those of some serial order.
//
//===----------------------------------------------------------------------===//
#include "tessera/atomic.cuh"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace {

constexpr int kThreads = 8;
constexpr int kIterations = 20000;

/// Runs |body|(thread index) on kThreads std::threads at once.
template <class F> void onThreads(F body) {
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back(body, t);
  for (std::thread &thread : threads)
    thread.join();
}

TEST(Atomic, IntegerAddReturnsEveryOldValueOnce) {
  unsigned counter = 0;
  std::vector<std::vector<unsigned>> olds(kThreads);
  onThreads([&](int t) {
    for (int i = 0; i < kIterations; ++i)
      olds[t].push_back(ts_atomic_add(&counter, 1u));
  });
  EXPECT_EQ(counter, static_cast<unsigned>(kThreads * kIterations));
  std::vector<unsigned> all;
  for (const auto &o : olds)
    all.insert(all.end(), o.begin(), o.end());
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i < all.size(); ++i)
    ASSERT_EQ(all[i], i);

  int signedCounter = 0;
  unsigned long long wide = 0xfffff000ull; // crosses 2^32
  onThreads([&](int) {
    for (int i = 0; i < kIterations; ++i) {
      ts_atomic_add(&signedCounter, -1);
      ts_atomic_add(&wide, 0x100ull);
    }
  });
  EXPECT_EQ(signedCounter, -kThreads * kIterations);
  EXPECT_EQ(wide, 0xfffff000ull + 0x100ull * kThreads * kIterations);
}

TEST(Atomic, FloatAndDoubleAddAreExactForIntegers) {
  // Sums of ones stay exact in float below 2^24.
  float sum = 0.0f;
  double dsum = 0.5;
  std::vector<std::vector<float>> olds(kThreads);
  onThreads([&](int t) {
    for (int i = 0; i < kIterations; ++i) {
      olds[t].push_back(ts_atomic_add(&sum, 1.0f));
      ts_atomic_add(&dsum, 2.0);
    }
  });
  EXPECT_EQ(sum, static_cast<float>(kThreads * kIterations));
  EXPECT_EQ(dsum, 0.5 + 2.0 * kThreads * kIterations);
  std::vector<float> all;
  for (const auto &o : olds)
    all.insert(all.end(), o.begin(), o.end());
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i < all.size(); ++i)
    ASSERT_EQ(all[i], static_cast<float>(i));
}

TEST(Atomic, MaxAndMinSeeEveryValue) {
  int imax = -1000000, imin = 1000000;
  unsigned umax = 0, umin = ~0u;
  unsigned long long lmax = 0, lmin = ~0ull;
  float fmax = -INFINITY, fmin = INFINITY;
  onThreads([&](int t) {
    for (int i = 0; i < kIterations; ++i) {
      int v = (i * 7919 + t * 104729) % 200001 - 100000; // -100000..100000
      ts_atomic_max(&imax, v);
      ts_atomic_min(&imin, v);
      ts_atomic_max(&umax, static_cast<unsigned>(v + 100000));
      ts_atomic_min(&umin, static_cast<unsigned>(v + 100000));
      ts_atomic_max(&lmax, static_cast<unsigned long long>(v + 100000) << 32);
      ts_atomic_min(&lmin, static_cast<unsigned long long>(v + 100000) << 32);
      ts_atomic_max(&fmax, static_cast<float>(v) * 0.25f);
      ts_atomic_min(&fmin, static_cast<float>(v) * 0.25f);
    }
  });
  int vmax = -1000000, vmin = 1000000;
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kIterations; ++i) {
      int v = (i * 7919 + t * 104729) % 200001 - 100000;
      vmax = std::max(vmax, v);
      vmin = std::min(vmin, v);
    }
  ASSERT_LT(vmin, 0);
  ASSERT_GT(vmax, 0);
  EXPECT_EQ(imax, vmax);
  EXPECT_EQ(imin, vmin);
  EXPECT_EQ(umax, static_cast<unsigned>(vmax + 100000));
  EXPECT_EQ(umin, static_cast<unsigned>(vmin + 100000));
  EXPECT_EQ(lmax, static_cast<unsigned long long>(vmax + 100000) << 32);
  EXPECT_EQ(lmin, static_cast<unsigned long long>(vmin + 100000) << 32);
  EXPECT_EQ(fmax, static_cast<float>(vmax) * 0.25f);
  EXPECT_EQ(fmin, static_cast<float>(vmin) * 0.25f);
}

TEST(Atomic, FloatMaxMinOrderSignsAndZeros) {
  float x = -5.0f;
  EXPECT_EQ(ts_atomic_max(&x, -7.0f), -5.0f);
  EXPECT_EQ(x, -5.0f);
  EXPECT_EQ(ts_atomic_max(&x, -1.0f), -5.0f);
  EXPECT_EQ(x, -1.0f);
  EXPECT_EQ(ts_atomic_max(&x, 0.0f), -1.0f);
  EXPECT_EQ(x, 0.0f);
  EXPECT_FALSE(std::signbit(x));
  ts_atomic_max(&x, -0.0f); // +0 stays: -0 is below it in this order
  EXPECT_FALSE(std::signbit(x));
  EXPECT_EQ(ts_atomic_min(&x, 3.0f), 0.0f);
  EXPECT_EQ(ts_atomic_min(&x, -2.0f), 0.0f);
  EXPECT_EQ(x, -2.0f);
  EXPECT_EQ(ts_atomic_min(&x, -1.0f), -2.0f);
  EXPECT_EQ(x, -2.0f);
}

TEST(Atomic, CasLoopsAndExchangesLoseNothing) {
  // An increment built from compare-and-swap.
  unsigned long long counter = 0;
  onThreads([&](int) {
    for (int i = 0; i < kIterations; ++i) {
      unsigned long long old = __atomic_load_n(&counter, __ATOMIC_RELAXED);
      while (ts_atomic_cas(&counter, old, old + 1) != old)
        old = __atomic_load_n(&counter, __ATOMIC_RELAXED);
    }
  });
  EXPECT_EQ(counter, static_cast<unsigned long long>(kThreads) * kIterations);

  // Exchanges pass every value on exactly once.
  int slot = -1;
  std::vector<std::vector<int>> olds(kThreads);
  onThreads([&](int t) {
    for (int i = 0; i < kIterations; ++i)
      olds[t].push_back(ts_atomic_exch(&slot, t * kIterations + i));
  });
  std::vector<int> all = {slot};
  for (const auto &o : olds)
    all.insert(all.end(), o.begin(), o.end());
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kIterations + 1));
  for (size_t i = 0; i < all.size(); ++i)
    ASSERT_EQ(all[i], static_cast<int>(i) - 1);

  // The failing compare leaves the value and returns it.
  unsigned u = 7;
  EXPECT_EQ(ts_atomic_cas(&u, 3u, 9u), 7u);
  EXPECT_EQ(u, 7u);
  EXPECT_EQ(ts_atomic_cas(&u, 7u, 9u), 7u);
  EXPECT_EQ(u, 9u);
  float f = 1.0f;
  EXPECT_EQ(ts_atomic_exch(&f, 2.0f), 1.0f);
  EXPECT_EQ(f, 2.0f);
}

} // namespace
