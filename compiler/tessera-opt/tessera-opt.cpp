//===- tessera-opt.cpp - The Tessera optimizer driver ---------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// mlir-opt for Tessera: parses, verifies, transforms and prints tessera IR.
// Registers only the dialects Tessera uses (builtin, func, tessera), the
// Tessera passes and the few generic passes that work on them (canonicalize,
// cse, inline, symbol-dce).
//
//===----------------------------------------------------------------------===//

#include "ir/TesseraDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerInlinerPass();
  mlir::registerSymbolDCEPass();

  mlir::DialectRegistry registry;
  registry.insert<mlir::func::FuncDialect, mlir::tessera::TesseraDialect>();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "Tessera optimizer driver\n", registry));
}
