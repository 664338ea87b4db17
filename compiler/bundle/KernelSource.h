//===- KernelSource.h - Kernel sources compared by structure ----*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The form in which two kernels' sources are compared to share one image
// (BundleBuilder.cpp): comments removed, trailing blanks dropped, and every
// identifier that starts with the kernel's own name (the kernel itself, its
// `<name>_detail` namespace) renamed to start with a placeholder.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_COMPILER_BUNDLE_KERNELSOURCE_H
#define TESSERA_COMPILER_BUNDLE_KERNELSOURCE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::tessera::detail {

/// |source| normalized for comparison with other kernels' (see above). An
/// identifier matches |name| when it starts with it and the next character,
/// if any, is not a letter or digit ("conv_detail" but not "convert").
/// String and character literals are kept.
std::string normalizeKernelSource(llvm::StringRef source, llvm::StringRef name);

} // namespace mlir::tessera::detail

#endif // TESSERA_COMPILER_BUNDLE_KERNELSOURCE_H
