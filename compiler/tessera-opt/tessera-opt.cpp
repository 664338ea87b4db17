//===- tessera-opt.cpp - The Tessera optimizer driver ---------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// mlir-opt for Tessera: parses, verifies, transforms and prints tessera IR.
// Registers only the dialects Tessera uses (builtin, func, tessera), the
// Tessera passes, the default pipeline (--tessera-default-pipeline) and the
// generic passes that apply to them (canonicalize, cse, inline, symbol-dce).
//
// Exit codes: 0 on success, 1 when the input is invalid or a pass fails, 2 on
// bad usage (unknown option, missing value).
//
//===----------------------------------------------------------------------===//

#include "ir/TesseraDialect.h"
#include "passes/Passes.h"
#include "passes/Pipeline.h"

#include "mlir/Debug/Counter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace {
enum ExitCode { kExitSuccess = 0, kExitFailure = 1, kExitUsage = 2 };
} // namespace

int main(int argc, char **argv) {
  registerCanonicalizerPass();
  registerCSEPass();
  registerInlinerPass();
  registerSymbolDCEPass();
  tessera::registerTesseraPasses();
  tessera::registerDefaultPipeline();

  DialectRegistry registry;
  registry.insert<func::FuncDialect, tessera::TesseraDialect>();

  // The options of MlirOptMain, parsed here rather than by
  // registerAndParseCLIOptions so that bad usage exits with 2, not 1.
  static llvm::cl::opt<std::string> inputFilename(
      llvm::cl::Positional, llvm::cl::desc("<input file>"),
      llvm::cl::init("-"));
  static llvm::cl::opt<std::string> outputFilename(
      "o", llvm::cl::desc("Output filename"),
      llvm::cl::value_desc("filename"), llvm::cl::init("-"));
  MlirOptMainConfig::registerCLOptions(registry);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  tracing::DebugCounter::registerCLOptions();

  std::string overview = "Tessera optimizer driver\nAvailable Dialects: ";
  {
    llvm::raw_string_ostream os(overview);
    llvm::interleaveComma(registry.getDialectNames(), os);
  }
  if (!llvm::cl::ParseCommandLineOptions(argc, argv, overview, &llvm::errs()))
    return kExitUsage;

  return succeeded(MlirOptMain(argc, argv, inputFilename, outputFilename,
                               registry))
             ? kExitSuccess
             : kExitFailure;
}
