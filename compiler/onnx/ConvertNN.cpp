//===- ConvertNN.cpp - ONNX matmul, conv, norms, pooling -> tessera -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

static LogicalResult convertMatMul(NodeImporter &node) {
  FailureOr<Value> lhs = node.requiredInput(0), rhs = node.requiredInput(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  FailureOr<Value> result = node.create<MatmulOp>(*lhs, *rhs, false, false);
  if (failed(result))
    return failure();
  node.setOutput(0, *result);
  return success();
}

void mlir::tessera::registerNNConverters(ConverterRegistry &registry) {
  // TODO(#3): Gemm, Conv, ConvTranspose, pooling, normalizations, softmax.
  registry.add("MatMul", convertMatMul);
}
