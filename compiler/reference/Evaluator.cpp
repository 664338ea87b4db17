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

#include "mlir/IR/Diagnostics.h"

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
  for (Operation &op : func.getBody().front()) {
    SmallVector<const HostTensor *> operands;
    for (Value operand : op.getOperands())
      operands.push_back(&values[operand]);
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      SmallVector<HostTensor> outputs;
      for (const HostTensor *operand : operands)
        outputs.push_back(*operand);
      return outputs;
    }
    SmallVector<HostTensor> results;
    if (failed(evaluateOp(&op, operands, results)))
      return failure();
    for (auto [result, tensor] : llvm::zip(op.getResults(), results))
      values[result] = std::move(tensor);
    // Free values whose last use was this op? Kept simple: the reference
    // favours obviousness over memory.
  }
  return func.emitError() << "function has no func.return";
}
