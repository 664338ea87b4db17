//===- Pipeline.cpp - The default Tessera pass pipeline -------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The default pipeline, one function listing the passes in order: simplify
// the graph (constants, algebra, batch norms and transposes folded away,
// convs channels-last where it pays), fuse what remains into kernels, place the
// kernel results in one arena and choose a launch configuration per kernel for
// the target. Every pass runs on each func.func of the module. The PassManager
// that runs the pipeline verifies the IR after every pass in debug builds
// (kVerifyEachPass).
//
//===----------------------------------------------------------------------===//

#include "passes/Pipeline.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassOptions.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// The textual options of --tessera-default-pipeline.
struct PipelineCLOptions : PassPipelineOptions<PipelineCLOptions> {
  Option<std::string> target{
      *this, "target",
      llvm::cl::desc("GPU target: sm_80, sm_86, sm_89, sm_90 or sm_90a"),
      llvm::cl::init("sm_90a")};
  Option<std::string> tuningFile{
      *this, "tuning-file",
      llvm::cl::desc("JSON tuning file overriding launch configurations"),
      llvm::cl::init("")};
  Option<std::string> convLayout{
      *this, "conv-layout",
      llvm::cl::desc("Conv layout: auto (channels-last where it pays), nhwc "
                     "or nchw"),
      llvm::cl::init("auto")};
};

} // namespace

ArrayRef<StringRef> mlir::tessera::knownTargets() {
  static constexpr StringRef kTargets[] = {"sm_80", "sm_86", "sm_89", "sm_90",
                                           "sm_90a"};
  return kTargets;
}

bool mlir::tessera::isKnownTarget(StringRef target) {
  return llvm::is_contained(knownTargets(), target);
}

bool mlir::tessera::isKnownConvLayout(StringRef layout) {
  return layout == "auto" || layout == "nhwc" || layout == "nchw";
}

void mlir::tessera::buildDefaultPipeline(OpPassManager &pm,
                                         const PipelineOptions &options) {
  assert(isKnownTarget(options.target) && "unknown target");
  OpPassManager &funcPm = pm.nest<func::FuncOp>();

  // 1. Simplify: fold constant sub-graphs and algebraic identities, drop
  //    Dropout/Identity leftovers and dead ops, normalize Gemm.
  funcPm.addPass(createTesseraSimplify());
  // 2. Fold inference batch norms into the weights of the preceding
  //    conv/matmul.
  funcPm.addPass(createTesseraFoldBatchNorm());
  // 3. Assign layouts: convs channels-last where it pays, their weights
  //    pre-packed, one transpose per value at each layout boundary.
  TesseraAssignLayoutOptions layout;
  layout.convLayout = options.convLayout;
  funcPm.addPass(createTesseraAssignLayout(layout));
  // 4. Fold transposes into matmul operands; cancel and sink layout ops.
  funcPm.addPass(createTesseraFoldTransposes());
  // 5. Simplify again: the folds above leave constant arithmetic and
  //    cancelling pairs behind.
  funcPm.addPass(createTesseraSimplify());
  // 6. Fuse: partition the graph into tessera.kernel regions, one per future
  //    CUDA kernel.
  funcPm.addPass(createTesseraFuse());
  // 7. Plan memory: schedule the kernels and place every intermediate in
  //    one arena (offsets, tessera.arena_* function attributes).
  funcPm.addPass(createTesseraPlanMemory());
  // 8. Tile: a launch configuration per kernel from the target's cost model
  //    or the tuning file.
  TesseraTileOptions tile;
  tile.target = options.target;
  tile.tuningFile = options.tuningFile;
  funcPm.addPass(createTesseraTile(tile));
}

void mlir::tessera::registerDefaultPipeline() {
  // PassPipelineRegistration, spelled out: it cannot reject an option value
  // with a message, and an unknown target must be an error, not an assert.
  registerPassPipeline(
      "tessera-default-pipeline",
      "The default Tessera pipeline: simplify, fold batch norms, assign "
      "conv layouts, fold transposes, fuse, plan memory, tile for the target",
      [](OpPassManager &pm, StringRef text,
         function_ref<LogicalResult(const Twine &)> errorHandler) {
        PipelineCLOptions cl;
        if (failed(cl.parseFromString(text)))
          return failure();
        if (!isKnownTarget(cl.target))
          return errorHandler("unknown target '" + cl.target +
                              "', expected one of " +
                              llvm::join(knownTargets(), ", "));
        if (!isKnownConvLayout(cl.convLayout))
          return errorHandler("unknown conv-layout '" + cl.convLayout +
                              "', expected auto, nhwc or nchw");
        PipelineOptions options;
        options.target = cl.target;
        options.tuningFile = cl.tuningFile;
        options.convLayout = cl.convLayout;
        buildDefaultPipeline(pm, options);
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> optHandler) {
        optHandler(PipelineCLOptions());
      });
}
