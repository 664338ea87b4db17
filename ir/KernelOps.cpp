//===- KernelOps.cpp - Fused kernels --------------------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ir/ShapeInference.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

void KernelOp::build(OpBuilder &builder, OperationState &state,
                     TypeRange resultTypes, ValueRange inputs, StringRef name,
                     KernelKind kind) {
  state.addOperands(inputs);
  state.addTypes(resultTypes);
  state.getOrAddProperties<Properties>().name = builder.getStringAttr(name);
  state.getOrAddProperties<Properties>().kind =
      KernelKindAttr::get(builder.getContext(), kind);
  Region *body = state.addRegion();
  Block *block = new Block();
  body->push_back(block);
  for (Value input : inputs)
    block->addArgument(input.getType(), input.getLoc());
}

YieldOp KernelOp::getYield() {
  return cast<YieldOp>(getBody().front().getTerminator());
}

LogicalResult KernelOp::verify() {
  Block &block = getBody().front();
  if (block.getNumArguments() != getInputs().size())
    return emitOpError() << "expected " << getInputs().size()
                         << " block arguments (one per input), got "
                         << block.getNumArguments();
  for (auto [i, input, arg] :
       llvm::enumerate(getInputs(), block.getArguments()))
    if (input.getType() != arg.getType())
      return emitOpError() << "block argument " << i << " has type "
                           << arg.getType() << ", but input " << i
                           << " has type " << input.getType();
  YieldOp yield = getYield();
  if (yield.getValues().getTypes() != getResultTypes())
    return emitOpError() << "yields " << yield.getValues().getTypes()
                         << ", but the kernel returns " << getResultTypes();
  if (std::optional<ArrayRef<int64_t>> offsets = getOffsets()) {
    if (offsets->size() != getNumResults())
      return emitOpError() << "expected " << getNumResults()
                           << " offsets (one per result), got "
                           << offsets->size();
    if (llvm::any_of(*offsets, [](int64_t o) { return o < -1; }))
      return emitOpError() << "expected offsets >= 0 (or -1 for a result "
                              "bound by the caller), got "
                           << formatShape(*offsets);
  }
  return success();
}
