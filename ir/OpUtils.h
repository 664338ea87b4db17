//===- OpUtils.h - Helpers shared by the op implementations -----*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Private to ir/: small helpers used by the inferReturnTypes, verify and fold
// implementations of several op groups.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_IR_OPUTILS_H
#define TESSERA_IR_OPUTILS_H

#include "ir/ShapeInference.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeRange.h"
#include "mlir/IR/Value.h"
#include "mlir/IR/ValueRange.h"

namespace mlir::tessera {

/// The ranked tensor type of |value|, or null (e.g. while parsing invalid IR,
/// before the operand constraints have been verified).
inline RankedTensorType getRankedType(Value value) {
  return value ? dyn_cast<RankedTensorType>(value.getType())
               : RankedTensorType();
}

/// Infers `tensor<broadcast(shapes of values) x elementType>`; a null
/// |elementType| means the one element type all values must share.
LogicalResult inferBroadcastResult(std::optional<Location> loc,
                                   StringRef opName, ArrayRef<Value> values,
                                   Type elementType,
                                   SmallVectorImpl<Type> &inferred);

/// Checks that all |values| have one element type; |what| names them in the
/// message ("operands", "inputs", ...).
LogicalResult verifySameElementType(ValueRange values, StringRef what,
                                    const OpErrorEmitter &emitError);

/// Pushes `tensor<shape x elementType>` into |inferred| and succeeds.
inline LogicalResult pushTensor(ArrayRef<int64_t> shape, Type elementType,
                                SmallVectorImpl<Type> &inferred) {
  inferred.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

} // namespace mlir::tessera

#endif // TESSERA_IR_OPUTILS_H
