//===- ConvertElementwise.cpp - ONNX elementwise ops -> tessera -----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

/// A converter for an ONNX op that maps onto one broadcasting binary op.
template <typename OpT> static ConvertFn binary() {
  return [](NodeImporter &node) -> LogicalResult {
    FailureOr<Value> lhs = node.requiredInput(0), rhs = node.requiredInput(1);
    if (failed(lhs) || failed(rhs))
      return failure();
    FailureOr<Value> result = node.create<OpT>(*lhs, *rhs);
    if (failed(result))
      return failure();
    node.setOutput(0, *result);
    return success();
  };
}

/// A converter for an ONNX op that maps onto one unary op.
template <typename OpT> static ConvertFn unary() {
  return [](NodeImporter &node) -> LogicalResult {
    FailureOr<Value> input = node.requiredInput(0);
    if (failed(input))
      return failure();
    FailureOr<Value> result = node.create<OpT>(*input);
    if (failed(result))
      return failure();
    node.setOutput(0, *result);
    return success();
  };
}

void mlir::tessera::registerElementwiseConverters(ConverterRegistry &registry) {
  // TODO(#3): the remaining elementwise ops and their opset differences.
  registry.add("Add", binary<AddOp>());
  registry.add("Sub", binary<SubOp>());
  registry.add("Mul", binary<MulOp>());
  registry.add("Div", binary<DivOp>());
  registry.add("Relu", unary<ReluOp>());
}
