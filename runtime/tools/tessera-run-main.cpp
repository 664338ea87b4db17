//===- tessera-run-main.cpp - The runtime-only tessera-run ----------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Built when the compiler is not (TESSERA_BUILD_COMPILER=OFF): runs bundles
// only (BundleRun.h); a model needs the compiler's tessera-run.
//
//===----------------------------------------------------------------------===//
#include "runtime/tools/BundleRun.h"

#include <cstdio>
#include <cstring>

int main(int argc, char **argv) {
  if (!tessera::tools::isBundleCommand(argc, argv)) {
    for (int i = 1; i < argc; ++i)
      if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h"))
        return tessera::tools::runBundleCommand(argc, argv);
    std::fprintf(stderr,
                 "tessera-run: this build runs bundles (.tsrb) only; running "
                 "a model needs the compiler (TESSERA_BUILD_COMPILER=ON)\n");
    return 2;
  }
  return tessera::tools::runBundleCommand(argc, argv);
}
