//===- TesseraDialect.cpp - Dialect registration ------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Registers the tessera ops and materializes folded constants.
//
//===----------------------------------------------------------------------===//

#include "ir/TesseraDialect.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

#include "ir/TesseraDialect.cpp.inc"
#include "ir/TesseraEnums.cpp.inc"

void TesseraDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ir/TesseraOps.cpp.inc"
      >();
}

Operation *TesseraDialect::materializeConstant(OpBuilder &builder,
                                               Attribute value, Type type,
                                               Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}

#define GET_OP_CLASSES
#include "ir/TesseraOps.cpp.inc"
