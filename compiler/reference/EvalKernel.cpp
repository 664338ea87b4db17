//===- EvalKernel.cpp - Reference evaluation of fused kernels -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A tessera.kernel evaluates its body: the ops inside are evaluated one by
// one exactly as they would be unfused, so fusion can be checked against the
// unfused graph.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

void mlir::tessera::registerKernelEvaluators(EvaluatorRegistry &registry) {
  registry.addRaw(
      TypeID::get<KernelOp>(),
      [](Operation *op, ArrayRef<const HostTensor *> operands,
         SmallVectorImpl<HostTensor> &results) -> LogicalResult {
        auto kernel = cast<KernelOp>(op);
        Block &body = kernel.getBody().front();
        llvm::DenseMap<Value, HostTensor> values;
        for (auto [arg, operand] : llvm::zip(body.getArguments(), operands))
          values[arg] = *operand;
        FailureOr<SmallVector<HostTensor>> outputs =
            evaluateBlock(body, values);
        if (failed(outputs))
          return failure();
        for (HostTensor &output : *outputs)
          results.push_back(std::move(output));
        return success();
      });
}
