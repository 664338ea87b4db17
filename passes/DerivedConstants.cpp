//===- DerivedConstants.cpp - Constants computed from weights -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "passes/DerivedConstants.h"
#include "ir/TesseraOps.h"

#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::tessera;

std::string mlir::tessera::derivedConstantName(Value weight, StringRef suffix) {
  auto constant = weight.getDefiningOp<ConstantOp>();
  std::string name = "folded";
  if (!constant)
    return name + suffix.str();
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(constant.getValue()))
    name = resource.getRawHandle().getKey().str();
  else if (auto loc = dyn_cast<NameLoc>(constant.getLoc()))
    name = loc.getName().str();
  for (char &c : name)
    if (!llvm::isAlnum(c) && c != '_' && c != '.')
      c = '_';
  if (name.empty() || llvm::isDigit(name.front()))
    name = "w" + name;
  return name + suffix.str();
}

Value mlir::tessera::createDerivedConstant(OpBuilder &builder, Location loc,
                                           const HostTensor &tensor,
                                           StringRef name) {
  return builder.create<ConstantOp>(
      loc, toElementsAttr(tensor, builder.getContext(), name));
}
