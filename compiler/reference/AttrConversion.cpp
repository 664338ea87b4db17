//===- AttrConversion.cpp - HostTensor <-> MLIR types and attributes ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tessera;

std::optional<DType> mlir::tessera::toDType(Type type) {
  if (type.isF32())
    return DType::F32;
  if (type.isF16())
    return DType::F16;
  if (type.isBF16())
    return DType::BF16;
  if (type.isF64())
    return DType::F64;
  if (type.isSignlessInteger(64))
    return DType::I64;
  if (type.isSignlessInteger(32))
    return DType::I32;
  if (type.isSignlessInteger(8))
    return DType::I8;
  if (type.isSignlessInteger(1))
    return DType::I1;
  return std::nullopt;
}

Type mlir::tessera::toElementType(DType dtype, MLIRContext *context) {
  Builder b(context);
  switch (dtype) {
  case DType::F32:
    return b.getF32Type();
  case DType::F16:
    return b.getF16Type();
  case DType::BF16:
    return b.getBF16Type();
  case DType::F64:
    return b.getF64Type();
  case DType::I64:
    return b.getI64Type();
  case DType::I32:
    return b.getI32Type();
  case DType::I8:
    return b.getI8Type();
  case DType::I1:
    return b.getI1Type();
  }
  return {};
}

RankedTensorType mlir::tessera::toTensorType(const HostTensor &tensor,
                                             MLIRContext *context) {
  return RankedTensorType::get(tensor.shape(),
                               toElementType(tensor.dtype(), context));
}

FailureOr<HostTensor> mlir::tessera::toHostTensor(ElementsAttr value) {
  auto type = cast<ShapedType>(value.getType());
  std::optional<DType> dtype = toDType(type.getElementType());
  if (!dtype || !type.hasStaticShape())
    return failure();
  HostTensor tensor(*dtype, std::vector<int64_t>(type.getShape().begin(), type.getShape().end()));
  size_t bytes = tensor.byteSize();
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    if (*dtype == DType::I1) {
      // Dense i1 data is bit-packed; read it element by element.
      int64_t i = 0;
      for (bool bit : dense.getValues<bool>())
        tensor.setInt(i++, bit);
      return tensor;
    }
    ArrayRef<char> raw = dense.getRawData();
    if (dense.isSplat()) {
      size_t elementSize = ::tessera::dtypeSize(*dtype);
      for (size_t offset = 0; offset < bytes; offset += elementSize)
        std::memcpy(static_cast<char *>(tensor.data()) + offset, raw.data(),
                    elementSize);
      return tensor;
    }
    if (raw.size() != bytes)
      return failure();
    std::memcpy(tensor.data(), raw.data(), bytes);
    return tensor;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || blob->getData().size() != bytes)
      return failure();
    std::memcpy(tensor.data(), blob->getData().data(), bytes);
    return tensor;
  }
  return failure();
}

ElementsAttr mlir::tessera::toElementsAttr(const HostTensor &tensor,
                                           MLIRContext *context,
                                           StringRef resourceName,
                                           size_t resourceThreshold) {
  RankedTensorType type = toTensorType(tensor, context);
  size_t elementSize = ::tessera::dtypeSize(tensor.dtype());
  const char *bytes = static_cast<const char *>(tensor.data());
  int64_t count = tensor.numElements();
  bool splat = count > 0;
  for (int64_t i = 1; splat && i < count; ++i)
    splat = std::memcmp(bytes, bytes + i * elementSize, elementSize) == 0;
  if (tensor.dtype() == DType::I1) {
    SmallVector<bool> bits;
    for (int64_t i = 0; i < (splat ? 1 : count); ++i)
      bits.push_back(tensor.getInt(i) != 0);
    return DenseElementsAttr::get(type, bits);
  }
  if (splat)
    return DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(bytes, elementSize));
  if (tensor.byteSize() > resourceThreshold)
    return DenseResourceElementsAttr::get(
        type, resourceName,
        HeapAsmResourceBlob::allocateAndCopyWithAlign(
            ArrayRef<char>(bytes, tensor.byteSize()), elementSize));
  return DenseElementsAttr::getFromRawBuffer(
      type, ArrayRef<char>(bytes, tensor.byteSize()));
}

std::optional<HostTensor> mlir::tessera::constantValueOf(Value value) {
  auto constant = value ? value.getDefiningOp<ConstantOp>() : ConstantOp();
  if (!constant)
    return std::nullopt;
  FailureOr<HostTensor> tensor = toHostTensor(constant.getValue());
  if (failed(tensor))
    return std::nullopt;
  return std::move(*tensor);
}
