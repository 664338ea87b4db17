//===- TesseraOps.h - Operations of the tessera dialect ---------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_IR_TESSERAOPS_H
#define TESSERA_IR_TESSERAOPS_H

#include "ir/TesseraDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "ir/TesseraEnums.h.inc"

namespace mlir::tessera {
/// Trait of ops that apply a scalar function elementwise (after NumPy
/// broadcasting of their operands). Fusion treats them uniformly.
template <typename ConcreteType>
class TesseraElementwise
    : public OpTrait::TraitBase<ConcreteType, TesseraElementwise> {};

/// Trait that verifies an op through its own result-type inference: invalid
/// operands or attributes are reported once, by the shape rules, and a result
/// type that differs from the inferred one is reported with both types. It
/// runs before InferTypeOpInterface's generic check, which then passes.
template <typename ConcreteType>
class TesseraVerifyInferredType
    : public OpTrait::TraitBase<ConcreteType, TesseraVerifyInferredType> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    SmallVector<Type, 1> inferred;
    if (failed(ConcreteType::inferReturnTypes(
            op->getContext(), op->getLoc(), op->getOperands(),
            op->getRawDictionaryAttrs(), op->getPropertiesStorage(),
            op->getRegions(), inferred)))
      return failure();
    if (TypeRange(inferred) != op->getResultTypes())
      return op->emitOpError() << "result type " << op->getResultTypes()
                               << " does not match the inferred type "
                               << TypeRange(inferred);
    return success();
  }
};
} // namespace mlir::tessera

#define GET_OP_CLASSES
#include "ir/TesseraOps.h.inc"

#endif // TESSERA_IR_TESSERAOPS_H
