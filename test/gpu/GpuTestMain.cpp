// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// main() of tessera-gpu-tests: like gtest_main, but returns 77 (ctest's
// SKIP_RETURN_CODE for the "gpu" test) when every test skipped, so a machine
// without a GPU shows the suite as skipped instead of passed.

#include <gtest/gtest.h>

namespace {
constexpr int kAllSkippedExitCode = 77;
} // namespace

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  int result = RUN_ALL_TESTS();
  const ::testing::UnitTest &unitTest = *::testing::UnitTest::GetInstance();
  if (result == 0 && unitTest.test_to_run_count() > 0 &&
      unitTest.skipped_test_count() == unitTest.test_to_run_count())
    return kAllSkippedExitCode;
  return result;
}
