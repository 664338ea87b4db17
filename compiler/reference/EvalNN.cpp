//===- EvalNN.cpp - Reference evaluation of matmul, conv, norms, pooling --===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalUtils.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

void mlir::tessera::registerNNEvaluators(EvaluatorRegistry &) {}
