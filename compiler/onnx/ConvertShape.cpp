//===- ConvertShape.cpp - ONNX constants and shape ops -> tessera ---------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

static LogicalResult convertConstant(NodeImporter &node) {
  if (!node.hasAttr("value"))
    return node.unsupported("Constant without a 'value' tensor attribute");
  FailureOr<::tessera::HostTensor> value = node.attrTensor("value");
  if (failed(value))
    return failure();
  node.setOutput(0, node.constant(*value));
  return success();
}

static LogicalResult convertIdentity(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  node.setOutput(0, *input);
  return success();
}

void mlir::tessera::registerShapeConverters(ConverterRegistry &registry) {
  // TODO(#3): Reshape, Transpose, Shape, Gather, Concat, Slice, Split, ...
  registry.add("Constant", convertConstant);
  registry.add("Identity", convertIdentity);
}
