//===- Evaluator.cpp - CPU reference evaluator: dispatch ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The registry of per-op evaluation functions and the function interpreter:
// walks a func.func in order, keeping one HostTensor per SSA value.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/Evaluator.h"

#include "ir/TesseraOps.h"

#include "mlir/IR/Diagnostics.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tessera;

const EvaluateFn *EvaluatorRegistry::lookup(Operation *op) const {
  auto it = functions.find(op->getName().getTypeID());
  return it == functions.end() ? nullptr : &it->second;
}

const EvaluatorRegistry &EvaluatorRegistry::get() {
  static const EvaluatorRegistry registry = [] {
    EvaluatorRegistry r;
    registerElementwiseEvaluators(r);
    registerReductionEvaluators(r);
    registerNNEvaluators(r);
    registerShapeEvaluators(r);
    registerKernelEvaluators(r);
    return r;
  }();
  return registry;
}

LogicalResult mlir::tessera::evaluateOp(Operation *op,
                                        ArrayRef<const HostTensor *> operands,
                                        SmallVectorImpl<HostTensor> &results) {
  const EvaluateFn *fn = EvaluatorRegistry::get().lookup(op);
  if (!fn)
    return op->emitError() << "no reference evaluation for '" << op->getName()
                           << "'";
  results.clear();
  if (failed((*fn)(op, operands, results)))
    return failure();
  if (results.size() != op->getNumResults())
    return op->emitError() << "reference evaluation produced "
                           << results.size() << " results, expected "
                           << op->getNumResults();
  return success();
}

FailureOr<SmallVector<HostTensor>>
mlir::tessera::evaluateOpQuietly(Operation *op, ArrayRef<HostTensor> operands) {
  SmallVector<const HostTensor *> pointers;
  for (const HostTensor &operand : operands)
    pointers.push_back(&operand);
  ScopedDiagnosticHandler quiet(op->getContext(),
                                [](Diagnostic &) { return success(); });
  SmallVector<HostTensor> results;
  if (failed(evaluateOp(op, pointers, results)))
    return failure();
  return results;
}

/// Copies |tensor| into |arena| at |offset|, or reports that it does not fit.
static LogicalResult storeInArena(Operation *op, const HostTensor &tensor,
                                  int64_t offset, std::vector<uint8_t> &arena) {
  if (offset < 0 ||
      static_cast<uint64_t>(offset) + tensor.byteSize() > arena.size())
    return op->emitError() << "arena offset " << offset << " + "
                           << tensor.byteSize() << " bytes exceeds the arena ("
                           << arena.size() << " bytes)";
  std::memcpy(arena.data() + offset, tensor.data(), tensor.byteSize());
  return success();
}

/// The arena offset of |value| if it is a kernel result placed in the arena.
static std::optional<int64_t> arenaOffset(Value value) {
  auto kernel = value.getDefiningOp<KernelOp>();
  if (!kernel || !kernel.getOffsets())
    return std::nullopt;
  int64_t offset =
      (*kernel.getOffsets())[cast<OpResult>(value).getResultNumber()];
  if (offset < 0)
    return std::nullopt;
  return offset;
}

/// |values|[value], re-read from the arena when it lives there.
static const HostTensor &readValue(Value value,
                                   llvm::DenseMap<Value, HostTensor> &values,
                                   const std::vector<uint8_t> *arena) {
  HostTensor &tensor = values[value];
  if (arena)
    if (std::optional<int64_t> offset = arenaOffset(value))
      std::memcpy(tensor.data(), arena->data() + *offset, tensor.byteSize());
  return tensor;
}

/// A kernel computes all its results before any is stored, so an output
/// placed over one of its own arena inputs would never corrupt this
/// evaluation although a GPU kernel would race on it. Such an overlap is only
/// allowed where the plan declares it (`tessera.in_place`: per result, the
/// input it overwrites element for element, at the same offset).
static LogicalResult checkOverwrites(Operation *op,
                                     ArrayRef<HostTensor> results) {
  auto inPlace = op->getAttrOfType<DenseI64ArrayAttr>("tessera.in_place");
  for (auto [r, result] : llvm::enumerate(op->getResults())) {
    std::optional<int64_t> out = arenaOffset(result);
    if (!out)
      continue;
    int64_t outEnd = *out + static_cast<int64_t>(results[r].byteSize());
    for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
      std::optional<int64_t> in = arenaOffset(operand);
      if (!in)
        continue;
      auto type = cast<RankedTensorType>(operand.getType());
      int64_t inEnd = *in + type.getNumElements() *
                                static_cast<int64_t>(::tessera::dtypeSize(
                                    *toDType(type.getElementType())));
      if (*in >= outEnd || *out >= inEnd)
        continue;
      bool declared = inPlace && r < inPlace.size() &&
                      inPlace[r] == static_cast<int64_t>(i) && *in == *out;
      if (!declared)
        return op->emitError()
               << "result " << r << " (arena bytes [" << *out << ", "
               << outEnd << ")) overwrites input " << i << " (bytes [" << *in
               << ", " << inEnd << ")) while the kernel reads it";
    }
  }
  return success();
}

FailureOr<SmallVector<HostTensor>>
mlir::tessera::evaluateBlock(Block &block,
                             llvm::DenseMap<Value, HostTensor> &values,
                             std::vector<uint8_t> *arena) {
  for (Operation &op : block) {
    SmallVector<const HostTensor *> operands;
    for (Value operand : op.getOperands())
      operands.push_back(&readValue(operand, values, arena));
    if (op.hasTrait<OpTrait::IsTerminator>()) {
      SmallVector<HostTensor> outputs;
      for (const HostTensor *operand : operands)
        outputs.push_back(*operand);
      return outputs;
    }
    SmallVector<HostTensor> results;
    if (failed(evaluateOp(&op, operands, results)))
      return failure();
    if (arena && failed(checkOverwrites(&op, results)))
      return failure();
    for (auto [result, tensor] : llvm::zip(op.getResults(), results)) {
      if (arena)
        if (std::optional<int64_t> offset = arenaOffset(result))
          if (failed(storeInArena(&op, tensor, *offset, *arena)))
            return failure();
      values[result] = std::move(tensor);
    }
  }
  return failure();
}

FailureOr<SmallVector<HostTensor>>
mlir::tessera::evaluateFunction(func::FuncOp func,
                                ArrayRef<HostTensor> inputs) {
  if (func.getNumArguments() != inputs.size())
    return func.emitError() << "expected " << func.getNumArguments()
                            << " inputs, got " << inputs.size();
  llvm::DenseMap<Value, HostTensor> values;
  for (auto [arg, input] : llvm::zip(func.getArguments(), inputs)) {
    RankedTensorType expected = cast<RankedTensorType>(arg.getType());
    if (toTensorType(input, func.getContext()) != expected)
      return func.emitError()
             << "input " << arg.getArgNumber() << " has type "
             << toTensorType(input, func.getContext()) << ", expected "
             << expected;
    values[arg] = input;
  }
  // A planned function runs through a simulated arena, poisoned so that a
  // kernel reading bytes nobody wrote sees NaNs / garbage.
  std::vector<uint8_t> arena;
  std::vector<uint8_t> *arenaPtr = nullptr;
  if (auto bytes = func->getAttrOfType<IntegerAttr>("tessera.arena_bytes")) {
    arena.assign(bytes.getInt(), 0xFF);
    arenaPtr = &arena;
  }
  FailureOr<SmallVector<HostTensor>> outputs =
      evaluateBlock(func.getBody().front(), values, arenaPtr);
  if (failed(outputs) && !func.getBody().front().mightHaveTerminator())
    return func.emitError() << "function has no func.return";
  return outputs;
}
