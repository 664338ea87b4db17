//===- MatmulChoice.h - --matmul and the tuning file's choices --*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The --matmul option of tessera-compile and tessera-run, and the per-kernel
// choice `auto` reads from the tuning file (docs/tiling.md): an entry of the
// "entries" array may carry "matmul": "generated" | "cublaslt" next to its
// "launch", and a top-level "matmul" array holds choices without a launch
// ({"target", "signature", "matmul"}; the tiler ignores it), each for the
// kernel of that target and signature.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_COMPILER_BUNDLE_MATMULCHOICE_H
#define TESSERA_COMPILER_BUNDLE_MATMULCHOICE_H

#include "codegen/Codegen.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::tessera {

/// "generated", "cublaslt", "auto".
std::optional<MatmulMode> parseMatmulMode(llvm::StringRef text);

/// The --help text of --matmul.
extern const char *const kMatmulHelp;

/// Sets |options.matmulChoice| from the "matmul" fields of the tuning file
/// |path| ("" = none) for |target|. Returns "" or the error (naming the file
/// and the entry).
std::string loadMatmulChoices(llvm::StringRef path, llvm::StringRef target,
                              CodegenOptions &options);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_BUNDLE_MATMULCHOICE_H
