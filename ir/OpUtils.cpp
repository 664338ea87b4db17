//===- OpUtils.cpp - Helpers shared by the op implementations ------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ir/OpUtils.h"

using namespace mlir;
using namespace mlir::tessera;

LogicalResult mlir::tessera::inferBroadcastResult(
    std::optional<Location> loc, StringRef opName, ArrayRef<Value> values,
    Type elementType, SmallVectorImpl<Type> &inferred) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value value : values) {
    RankedTensorType type = getRankedType(value);
    if (!type)
      return failure();
    shapes.push_back(type.getShape());
  }
  OpErrorEmitter emitError{loc, opName};
  if (!elementType) {
    if (failed(verifySameElementType(values, "operands", emitError)))
      return failure();
    elementType = getRankedType(values.front()).getElementType();
  }
  SmallVector<int64_t> shape;
  if (failed(broadcastShapes(shapes, shape, emitError)))
    return failure();
  return pushTensor(shape, elementType, inferred);
}

LogicalResult mlir::tessera::verifySameElementType(
    ValueRange values, StringRef what, const OpErrorEmitter &emitError) {
  Type first;
  for (Value value : values) {
    RankedTensorType type = getRankedType(value);
    if (!type)
      return failure();
    if (!first)
      first = type.getElementType();
    else if (type.getElementType() != first)
      return emitError() << "expected " << what << " of one element type, got "
                         << first << " and " << type.getElementType();
  }
  return success();
}
