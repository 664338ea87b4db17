//===- FoldBatchNorm.cpp - The TesseraFoldBatchNorm pass ---===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// TODO(#4): not implemented yet; the pass currently leaves the IR unchanged.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "ir/TesseraOps.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERAFOLDBATCHNORM
#include "passes/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {
struct TesseraFoldBatchNormPass final : tessera::impl::TesseraFoldBatchNormBase<TesseraFoldBatchNormPass> {
  using Base::Base;
  void runOnOperation() override {}
};
} // namespace
