//===- EvalUtils.cpp - Helpers of the reference evaluation functions ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalUtils.h"

using namespace mlir;
using namespace mlir::tessera;

HostTensor mlir::tessera::makeTensor(Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  return HostTensor(*toDType(type.getElementType()),
                    std::vector<int64_t>(type.getShape().begin(),
                                         type.getShape().end()));
}

SmallVector<int64_t> mlir::tessera::stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

BroadcastIndexer::BroadcastIndexer(ArrayRef<int64_t> operandShape,
                                   ArrayRef<int64_t> resultShape)
    : resultShape(resultShape), operandStrides(resultShape.size(), 0) {
  SmallVector<int64_t> strides = stridesOf(operandShape);
  size_t offset = resultShape.size() - operandShape.size();
  for (size_t d = 0; d < operandShape.size(); ++d)
    if (operandShape[d] != 1)
      operandStrides[offset + d] = strides[d];
}

int64_t BroadcastIndexer::operator()(int64_t linear) const {
  int64_t index = 0;
  for (int64_t d = static_cast<int64_t>(resultShape.size()) - 1; d >= 0; --d) {
    int64_t coord = linear % resultShape[d];
    linear /= resultShape[d];
    index += coord * operandStrides[d];
  }
  return index;
}
