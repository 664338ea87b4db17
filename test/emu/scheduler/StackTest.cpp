//===- StackTest.cpp - Fiber stacks: depth, overflow report ---------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "tessera/warp.cuh"

#include "EmuTest.h"

#include <csignal>
#include <vector>

using namespace emutest;

/// Uses about |depth| KiB of stack.
__attribute__((noinline)) static int deep(int depth) {
  volatile char frame[1024];
  frame[0] = static_cast<char>(depth);
  frame[1023] = 1;
  return depth ? deep(depth - 1) + frame[0] + frame[1023] : 0;
}

TS_KERNEL void stack_deep(int *out, int kib) {
  int v = deep(kib);
  ts_syncthreads(); // every fiber keeps its own stack across switches
  out[threadIdx.x] = v + deep(kib / 2);
}
TS_EMU_ENTRY(stack_deep)

TEST(Stack, ThirtyTwoKiBPerThread) {
  std::vector<int> out(64);
  Launch run(EMU_KERNEL(stack_deep), {1, 1, 1}, {64, 1, 1}, Mode::Fast);
  ASSERT_EQ(run(out.data(), 32), "");
  int expected = 0;
  for (int d = 0; d <= 32; ++d)
    expected += d + 1;
  expected -= 1; // deep(0) returns 0
  int half = 0;
  for (int d = 0; d <= 16; ++d)
    half += d + 1;
  half -= 1;
  for (int v : out)
    EXPECT_EQ(v, expected + half);
}

#if !defined(TESSERA_EMU_SANITIZER)
TEST(StackDeathTest, OverflowIsReported) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::vector<int> out(32);
  Launch run(EMU_KERNEL(stack_deep), {3, 1, 1}, {32, 1, 1}, Mode::Fast, 0, 1);
  EXPECT_EXIT(run(out.data(), 4096), ::testing::KilledBySignal(SIGSEGV),
              "tessera-emu: kernel 'stack_deep': block \\(0,0,0\\): thread 0 "
              "overflowed its [0-9]+-byte fiber stack \\(set "
              "TESSERA_EMU_STACK_KIB for more\\)");
}
#endif
