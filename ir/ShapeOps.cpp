//===- ShapeOps.cpp - Constants and data-movement ops ---------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Inference, verifiers and folds of constant, reshape, transpose,
// broadcast_to, concat, slice, gather and pad. Folds collapse chains
// (reshape of reshape, transpose of transpose), drop identities and rewrite
// splat constants without materializing them.
//
//===----------------------------------------------------------------------===//

#include "ir/OpUtils.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

/// A splat constant of |type| with |attr|'s value, or null if |attr| is not a
/// dense splat.
static Attribute resplat(Attribute attr, ShapedType type) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense || !dense.isSplat())
    return {};
  return DenseElementsAttr::get(type, dense.getSplatValue<Attribute>());
}

/// For ops where op(op(x)) == op(x) with the outer result type (reshape,
/// broadcast_to): reads the producer's input directly. Returns true if |op|
/// was updated in place.
template <typename OpT> static bool bypassSameOpProducer(OpT op) {
  auto producer = op.getInput().template getDefiningOp<OpT>();
  if (!producer)
    return false;
  op.getInputMutable().assign(producer.getInput());
  return true;
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location>,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  ElementsAttr value = adaptor.getValue();
  if (!value)
    return failure();
  inferred.push_back(value.getType());
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

void ReshapeOp::build(OpBuilder &builder, OperationState &state, Value input,
                      ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(input.getType());
  build(builder, state, type.clone(shape), input);
}

LogicalResult ReshapeOp::verify() {
  int64_t in = getInput().getType().getNumElements();
  int64_t out = getType().getNumElements();
  if (in != out)
    return emitOpError() << "cannot reshape "
                         << formatShape(getInput().getType().getShape())
                         << " (" << in << " elements) to "
                         << formatShape(getType().getShape()) << " (" << out
                         << " elements)";
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // A reshape back to the producer's source shape vanishes in the same fold.
  if (bypassSameOpProducer(*this))
    return getInput().getType() == getType() ? getInput() : getResult();
  if (auto dense = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput()))
    return dense.reshape(getType());
  return {};
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getRankedType(adaptor.getInput());
  if (!type)
    return failure();
  SmallVector<int64_t> shape;
  if (failed(inferTransposeShape(type.getShape(), adaptor.getPerm(), shape,
                                 OpErrorEmitter{loc, getOperationName()})))
    return failure();
  return pushTensor(shape, type.getElementType(), inferred);
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  ArrayRef<int64_t> perm = getPerm();
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return getInput();
  if (auto producer = getInput().getDefiningOp<TransposeOp>()) {
    // transpose(transpose(x, p), q) = transpose(x, p o q).
    ArrayRef<int64_t> inner = producer.getPerm();
    SmallVector<int64_t> composed;
    for (int64_t p : perm)
      composed.push_back(inner[p]);
    getInputMutable().assign(producer.getInput());
    setPerm(composed);
    return getResult();
  }
  return resplat(adaptor.getInput(), getType());
}

//===----------------------------------------------------------------------===//
// BroadcastToOp
//===----------------------------------------------------------------------===//

void BroadcastToOp::build(OpBuilder &builder, OperationState &state,
                          Value input, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(input.getType());
  build(builder, state, type.clone(shape), input);
}

LogicalResult BroadcastToOp::verify() {
  ArrayRef<int64_t> from = getInput().getType().getShape();
  ArrayRef<int64_t> to = getType().getShape();
  if (!isBroadcastableTo(from, to))
    return emitOpError() << "cannot broadcast " << formatShape(from) << " to "
                         << formatShape(to);
  return success();
}

OpFoldResult BroadcastToOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (bypassSameOpProducer(*this))
    return getResult();
  return resplat(adaptor.getInput(), getType());
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value input : adaptor.getInputs()) {
    RankedTensorType type = getRankedType(input);
    if (!type)
      return failure();
    shapes.push_back(type.getShape());
  }
  OpErrorEmitter emitError{loc, getOperationName()};
  if (failed(verifySameElementType(adaptor.getInputs(),
                                   "inputs", emitError)))
    return failure();
  SmallVector<int64_t> shape;
  if (failed(inferConcatShape(shapes, adaptor.getAxis(), shape, emitError)))
    return failure();
  return pushTensor(
      shape, getRankedType(adaptor.getInputs().front()).getElementType(),
      inferred);
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1)
    return getInputs().front();
  return {};
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getRankedType(adaptor.getInput());
  if (!type)
    return failure();
  if (failed(verifySlice(type.getShape(), adaptor.getOffsets(),
                         adaptor.getSizes(), adaptor.getStrides(),
                         OpErrorEmitter{loc, getOperationName()})))
    return failure();
  return pushTensor(adaptor.getSizes(), type.getElementType(), inferred);
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  bool identity = getInput().getType() == getType() &&
                  llvm::all_of(getOffsets(), [](int64_t o) { return o == 0; }) &&
                  llvm::all_of(getStrides(), [](int64_t s) { return s == 1; });
  if (identity)
    return getInput();
  return resplat(adaptor.getInput(), getType());
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  RankedTensorType data = getRankedType(adaptor.getData());
  RankedTensorType indices = getRankedType(adaptor.getIndices());
  if (!data || !indices)
    return failure();
  int64_t axis = adaptor.getAxis();
  if (failed(verifyAxis(axis, data.getRank(), "axis",
                        OpErrorEmitter{loc, getOperationName()})))
    return failure();
  SmallVector<int64_t> shape(data.getShape().take_front(axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, data.getShape().drop_front(axis + 1));
  return pushTensor(shape, data.getElementType(), inferred);
}

//===----------------------------------------------------------------------===//
// PadOp
//===----------------------------------------------------------------------===//

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getRankedType(adaptor.getInput());
  if (!type)
    return failure();
  SmallVector<int64_t> shape;
  if (failed(inferPadShape(type.getShape(), adaptor.getPads(),
                           adaptor.getMode() == PadMode::reflect,
                           adaptor.getMode() != PadMode::constant, shape,
                           OpErrorEmitter{loc, getOperationName()})))
    return failure();
  return pushTensor(shape, type.getElementType(), inferred);
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  if (llvm::all_of(getPads(), [](int64_t p) { return p == 0; }))
    return getInput();
  return {};
}
