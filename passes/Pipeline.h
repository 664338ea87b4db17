//===- Pipeline.h - The default Tessera pass pipeline -----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The one pipeline that takes imported graph IR (level 1) to planned kernel
// IR (level 3): used by tessera-compile, tessera-run --optimize and, as
// --tessera-default-pipeline, by tessera-opt.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_PIPELINE_H
#define TESSERA_PASSES_PIPELINE_H

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::tessera {

/// What the default pipeline is parameterized by.
struct PipelineOptions {
  /// The GPU target the kernels are tiled for: one of knownTargets().
  std::string target = "sm_90a";
  /// A JSON tuning file whose launch configurations override the cost
  /// model's (empty: none).
  std::string tuningFile;
  /// The conv layout policy of tessera-assign-layout: auto (channels-last
  /// where it pays), nhwc (every conv) or nchw (none).
  std::string convLayout = "auto";
};

/// The GPU targets Tessera compiles for, oldest first.
llvm::ArrayRef<llvm::StringRef> knownTargets();

/// Whether |target| is one of knownTargets().
bool isKnownTarget(llvm::StringRef target);

/// Whether |layout| is a conv layout policy: auto, nhwc or nchw.
bool isKnownConvLayout(llvm::StringRef layout);

/// True in debug builds: the tools verify the IR after every pass of the
/// pipeline (PassManager::enableVerifier). Release builds verify the result
/// of the whole pipeline once.
#ifdef NDEBUG
inline constexpr bool kVerifyEachPass = false;
#else
inline constexpr bool kVerifyEachPass = true;
#endif

/// Adds the default pipeline to |pm|, which must run on builtin.module:
/// the passes run on every func.func of the module. |options.target| must
/// be a known target.
void buildDefaultPipeline(OpPassManager &pm, const PipelineOptions &options);

/// Registers the pipeline as `tessera-default-pipeline` (tessera-opt
/// --tessera-default-pipeline='target=sm_80 tuning-file=FILE').
void registerDefaultPipeline();

} // namespace mlir::tessera

#endif // TESSERA_PASSES_PIPELINE_H
