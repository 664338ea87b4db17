//===- EvalElementwise.cpp - Reference evaluation of elementwise ops ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalUtils.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

/// Evaluates a broadcasting binary op elementwise in double.
template <typename OpT>
static FailureOr<HostTensor> evalBinaryDouble(OpT op,
                                              ArrayRef<const HostTensor *> in,
                                              double (*fn)(double, double)) {
  HostTensor result = makeTensor(op.getResult());
  BroadcastIndexer lhs(in[0]->shape(), result.shape());
  BroadcastIndexer rhs(in[1]->shape(), result.shape());
  for (int64_t i = 0, e = result.numElements(); i < e; ++i)
    result.setDouble(i, fn(in[0]->getDouble(lhs(i)), in[1]->getDouble(rhs(i))));
  return result;
}

void mlir::tessera::registerElementwiseEvaluators(EvaluatorRegistry &registry) {
  // TODO(#3): every elementwise op; integer ops in int64_t arithmetic.
  registry.add<AddOp>([](AddOp op, ArrayRef<const HostTensor *> in) {
    return evalBinaryDouble(op, in, [](double a, double b) { return a + b; });
  });
}
