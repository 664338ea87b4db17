//===- BundleBuilder.h - A bundle from a planned function -------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Turns a function that went through the default pipeline, and the programs
// the emitters made for its kernels, into a bundle Model: the I/O signature,
// the weights (aligned; splats stored as splats), the execution plan per
// target (launches with arena / weight / input / output arguments, copies),
// and the kernels compiled by NVRTC for every target (cubin + PTX).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_COMPILER_BUNDLE_BUNDLEBUILDER_H
#define TESSERA_COMPILER_BUNDLE_BUNDLEBUILDER_H

#include "codegen/Codegen.h"
#include "codegen/KernelProgram.h"
#include "runtime/bundle/BundleModel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace mlir::tessera {

struct BundleOptions {
  /// "sm_80", "sm_90a", …; the first is the one the kernels were tiled for.
  std::vector<std::string> targets = {"sm_90a"};
  CodegenPrecision precision = CodegenPrecision::F32;
  /// Compile with NVRTC (off: source only, for tests of the plan).
  bool compileKernels = true;
};

/// Builds the bundle of |func|. Emits a diagnostic (naming the kernel and
/// its ONNX node, with the NVRTC log) and fails on any error.
FailureOr<::tessera::bundle::Model>
buildBundle(func::FuncOp func,
            const std::vector<::tessera::codegen::KernelProgram> &programs,
            const BundleOptions &options);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_BUNDLE_BUNDLEBUILDER_H
