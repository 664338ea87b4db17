//===- KernelTestMain.cpp - main() of the kernel suites -------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// GoogleTest's main plus --emu-mode=fast|check: the mode the kernel suites
// launch in (the planted-bug tests choose their own modes).
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const char *prefix = "--emu-mode=";
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], prefix, std::strlen(prefix)) != 0) {
      std::fprintf(stderr, "unknown argument '%s'\n", argv[i]);
      return 2;
    }
    std::optional<tessera::emu::Mode> mode =
        tessera::emu::parseMode(argv[i] + std::strlen(prefix));
    if (!mode) {
      std::fprintf(stderr, "unknown emulator mode '%s' (fast, check)\n",
                   argv[i] + std::strlen(prefix));
      return 2;
    }
    tessera::emu::kernels::setSuiteMode(*mode);
  }
  std::printf("emulator mode: %s\n",
              tessera::emu::modeName(tessera::emu::kernels::suiteMode()));
  return RUN_ALL_TESTS();
}
