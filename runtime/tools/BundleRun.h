//===- BundleRun.h - tessera-run for bundles --------------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera-run BUNDLE.tsrb [--device=cuda|emu] [--input NAME=FILE]...
//             [--output-dir DIR] [--seed N] [--target T]
//             [--emu-mode=fast|check] [--runs N]
//
// Runs a bundle through the runtime (runtime/exec), with the --input /
// --output-dir / --seed interface and messages of the CPU path
// (compiler/tessera-run). Built into the runtime-only tessera-run
// (TESSERA_BUILD_COMPILER=OFF) and called by the compiler's tessera-run for
// .tsrb paths. No MLIR, no LLVM.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_TOOLS_BUNDLERUN_H
#define TESSERA_RUNTIME_TOOLS_BUNDLERUN_H

namespace tessera::tools {

/// Whether the command line names a bundle (a positional argument ending in
/// ".tsrb"), i.e. whether runBundleCommand should handle it.
bool isBundleCommand(int argc, char **argv);

/// Runs the command; returns the exit code: 0 on success, 1 on any error
/// (one "tessera-run: error: …" line on stderr), 2 on bad usage.
int runBundleCommand(int argc, char **argv);

} // namespace tessera::tools

#endif // TESSERA_RUNTIME_TOOLS_BUNDLERUN_H
