//===- NNOps.cpp - Contractions, reductions, normalizations, pooling ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Result-type inference, verifiers, folds and canonicalizations of matmul,
// conv, the reductions, softmax and the normalizations, and pooling.
//
//===----------------------------------------------------------------------===//

#include "ir/OpUtils.h"
#include "ir/TesseraOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

/// Checks that the optional |bias| of a convolution is [channels].
static LogicalResult verifyBias(Value bias, int64_t channels,
                                const OpErrorEmitter &emitError) {
  if (!bias)
    return success();
  RankedTensorType type = getRankedType(bias);
  if (!type)
    return failure();
  if (type.getShape() != ArrayRef<int64_t>{channels})
    return emitError() << "expected bias of shape [" << channels
                       << "] (output channels), got "
                       << formatShape(type.getShape());
  return success();
}

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  RankedTensorType lhs = getRankedType(adaptor.getLhs());
  RankedTensorType rhs = getRankedType(adaptor.getRhs());
  if (!lhs || !rhs)
    return failure();
  OpErrorEmitter emitError{loc, getOperationName()};
  if (failed(verifySameElementType({adaptor.getLhs(), adaptor.getRhs()},
                                   "operands", emitError)))
    return failure();
  SmallVector<int64_t> shape;
  if (failed(inferMatmulShape(lhs.getShape(), rhs.getShape(),
                              adaptor.getTransposeLhs(),
                              adaptor.getTransposeRhs(), shape, emitError)))
    return failure();
  return pushTensor(shape, lhs.getElementType(), inferred);
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = getRankedType(adaptor.getInput());
  RankedTensorType weight = getRankedType(adaptor.getWeight());
  if (!input || !weight)
    return failure();
  OpErrorEmitter emitError{loc, getOperationName()};
  if (failed(verifySameElementType(adaptor.getOperands(), "operands",
                                   emitError)))
    return failure();
  // Channels-last shapes are inferred in the channels-first order, in which
  // the messages name the dimensions, and moved back.
  bool last = adaptor.getChannelsLast();
  auto reorder = [&](ArrayRef<int64_t> shape, bool toLast) {
    SmallVector<int64_t> moved;
    for (int64_t d : channelsLastPerm(shape.size(), toLast))
      moved.push_back(shape[d]);
    return moved;
  };
  auto firstOrder = [&](ArrayRef<int64_t> shape) {
    return last ? reorder(shape, false) : SmallVector<int64_t>(shape);
  };
  SmallVector<int64_t> shape;
  if (failed(inferConvShape(firstOrder(input.getShape()),
                            firstOrder(weight.getShape()), adaptor.getStrides(),
                            adaptor.getPads(), adaptor.getDilations(),
                            adaptor.getGroups(), shape, emitError)))
    return failure();
  if (failed(verifyBias(adaptor.getBias(), shape[1], emitError)))
    return failure();
  if (last)
    shape = reorder(shape, true);
  return pushTensor(shape, input.getElementType(), inferred);
}

LogicalResult ConvTransposeOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = getRankedType(adaptor.getInput());
  RankedTensorType weight = getRankedType(adaptor.getWeight());
  if (!input || !weight)
    return failure();
  OpErrorEmitter emitError{loc, getOperationName()};
  if (failed(verifySameElementType(adaptor.getOperands(), "operands",
                                   emitError)))
    return failure();
  SmallVector<int64_t> shape;
  if (failed(inferConvTransposeShape(
          input.getShape(), weight.getShape(), adaptor.getStrides(),
          adaptor.getPads(), adaptor.getDilations(),
          adaptor.getOutputPadding(), adaptor.getGroups(), shape, emitError)))
    return failure();
  if (failed(verifyBias(adaptor.getBias(), shape[1], emitError)))
    return failure();
  return pushTensor(shape, input.getElementType(), inferred);
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// Result type of a reduction over |axes|.
static LogicalResult inferReduce(std::optional<Location> loc, StringRef opName,
                                 Value input, ArrayRef<int64_t> axes,
                                 bool keepDims, Type elementType,
                                 SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getRankedType(input);
  if (!type)
    return failure();
  SmallVector<int64_t> shape;
  if (failed(inferReduceShape(type.getShape(), axes, keepDims, shape,
                              OpErrorEmitter{loc, opName})))
    return failure();
  return pushTensor(shape, elementType ? elementType : type.getElementType(),
                    inferred);
}

/// A reduction is the identity when it reduces only unit dimensions and
/// keeps them (or reduces no axis at all).
template <typename OpT> static OpFoldResult foldReduce(OpT op) {
  if (op.getInput().getType() == op.getType())
    return op.getInput();
  return {};
}

#define TESSERA_REDUCE_OP(OP)                                                  \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> loc, \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &inferred) {        \
    return inferReduce(loc, getOperationName(), adaptor.getInput(),            \
                       adaptor.getAxes(), adaptor.getKeepDims(), {},           \
                       inferred);                                              \
  }                                                                            \
  OpFoldResult OP::fold(FoldAdaptor) { return foldReduce(*this); }
TESSERA_REDUCE_OP(ReduceSumOp)
TESSERA_REDUCE_OP(ReduceMeanOp)
TESSERA_REDUCE_OP(ReduceMaxOp)
TESSERA_REDUCE_OP(ReduceMinOp)
TESSERA_REDUCE_OP(ReduceProdOp)
#undef TESSERA_REDUCE_OP

#define TESSERA_ARG_REDUCE_OP(OP)                                              \
  LogicalResult OP::inferReturnTypes(MLIRContext *context,                     \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &inferred) {        \
    RankedTensorType type = getRankedType(adaptor.getInput());                 \
    if (!type)                                                                 \
      return failure();                                                        \
    int64_t axis = adaptor.getAxis();                                          \
    if (failed(verifyAxis(axis, type.getRank(), "axis",                        \
                          OpErrorEmitter{loc, getOperationName()})))           \
      return failure();                                                        \
    return inferReduce(loc, getOperationName(), adaptor.getInput(), {axis},    \
                       adaptor.getKeepDims(), IntegerType::get(context, 64),   \
                       inferred);                                              \
  }
TESSERA_ARG_REDUCE_OP(ArgMaxOp)
TESSERA_ARG_REDUCE_OP(ArgMinOp)
#undef TESSERA_ARG_REDUCE_OP

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

/// Checks |axis| of a softmax-like op against its input rank.
template <typename OpT> static LogicalResult verifySoftmaxAxis(OpT op) {
  return verifyAxis(op.getAxis(), op.getType().getRank(), "axis",
                    [&] { return op.emitOpError(); });
}

LogicalResult CumSumOp::verify() {
  return verifyAxis(getAxis(), getType().getRank(), "axis",
                    [&] { return emitOpError(); });
}

LogicalResult SoftmaxOp::verify() { return verifySoftmaxAxis(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifySoftmaxAxis(*this); }

/// Checks the axis, epsilon and the per-feature operands of a layer-style
/// normalization, then infers the input's type.
static LogicalResult inferNorm(std::optional<Location> loc, StringRef opName,
                               Value input, ArrayRef<Value> params,
                               int64_t axis, double epsilon,
                               SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getRankedType(input);
  if (!type)
    return failure();
  OpErrorEmitter emitError{loc, opName};
  if (failed(verifyAxis(axis, type.getRank(), "axis", emitError)))
    return failure();
  if (!(epsilon >= 0))
    return emitError() << "expected epsilon >= 0, got " << epsilon;
  SmallVector<Value> operands = {input};
  llvm::append_range(operands, params);
  if (failed(verifySameElementType(operands, "operands", emitError)))
    return failure();
  ArrayRef<int64_t> normalized = type.getShape().drop_front(axis);
  for (Value param : params) {
    RankedTensorType paramType = getRankedType(param);
    if (!paramType)
      return failure();
    if (!isBroadcastableTo(paramType.getShape(), normalized))
      return emitError() << "parameter shape "
                         << formatShape(paramType.getShape())
                         << " does not broadcast to the normalized shape "
                         << formatShape(normalized);
  }
  inferred.push_back(type);
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  SmallVector<Value> params = {adaptor.getScale()};
  if (adaptor.getBias())
    params.push_back(adaptor.getBias());
  return inferNorm(loc, getOperationName(), adaptor.getInput(), params,
                   adaptor.getAxis(), adaptor.getEpsilon().convertToDouble(),
                   inferred);
}

LogicalResult RmsNormOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferNorm(loc, getOperationName(), adaptor.getInput(),
                   {adaptor.getScale()}, adaptor.getAxis(),
                   adaptor.getEpsilon().convertToDouble(), inferred);
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getRankedType(adaptor.getInput());
  if (!type)
    return failure();
  OpErrorEmitter emitError{loc, getOperationName()};
  if (type.getRank() < 2)
    return emitError() << "expected input of rank >= 2 [N, C, ...], got rank "
                       << type.getRank();
  double epsilon = adaptor.getEpsilon().convertToDouble();
  if (!(epsilon >= 0))
    return emitError() << "expected epsilon >= 0, got " << epsilon;
  if (failed(verifySameElementType(adaptor.getOperands(), "operands",
                                   emitError)))
    return failure();
  int64_t channels = type.getDimSize(1);
  const char *names[] = {"scale", "bias", "mean", "variance"};
  Value stats[] = {adaptor.getScale(), adaptor.getBias(), adaptor.getMean(),
                   adaptor.getVariance()};
  for (auto [name, stat] : llvm::zip(names, stats)) {
    RankedTensorType statType = getRankedType(stat);
    if (!statType)
      return failure();
    if (statType.getShape() != ArrayRef<int64_t>{channels})
      return emitError() << "expected " << name << " of shape [" << channels
                         << "] (channels), got "
                         << formatShape(statType.getShape());
  }
  inferred.push_back(type);
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

#define TESSERA_POOL_OP(OP)                                                    \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> loc, \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &inferred) {        \
    RankedTensorType type = getRankedType(adaptor.getInput());                 \
    if (!type)                                                                 \
      return failure();                                                        \
    SmallVector<int64_t> shape;                                                \
    if (failed(inferPoolShape(type.getShape(), adaptor.getKernel(),            \
                              adaptor.getStrides(), adaptor.getPads(),         \
                              adaptor.getDilations(), adaptor.getCeilMode(),   \
                              shape, OpErrorEmitter{loc, getOperationName()})))\
      return failure();                                                        \
    return pushTensor(shape, type.getElementType(), inferred);                 \
  }
TESSERA_POOL_OP(MaxPoolOp)
TESSERA_POOL_OP(AvgPoolOp)
#undef TESSERA_POOL_OP

LogicalResult MaxPoolIndicesOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getRankedType(adaptor.getInput());
  if (!type)
    return failure();
  OpErrorEmitter emitError{loc, getOperationName()};
  SmallVector<int64_t> shape;
  if (failed(inferPoolShape(type.getShape(), adaptor.getKernel(),
                            adaptor.getStrides(), adaptor.getPads(),
                            adaptor.getDilations(), adaptor.getCeilMode(),
                            shape, emitError)))
    return failure();
  if (adaptor.getColumnMajor() && type.getRank() != 4)
    return emitError() << "column_major indices need 2 spatial dimensions, "
                          "got "
                       << type.getRank() - 2;
  return pushTensor(shape, IntegerType::get(context, 64), inferred);
}

namespace {
/// Rewrites global_{avg,max}_pool into the equivalent reduction over the
/// spatial axes with keep_dims, so that later passes see one form.
template <typename PoolOp, typename ReduceOp>
struct GlobalPoolToReduce : OpRewritePattern<PoolOp> {
  using OpRewritePattern<PoolOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(PoolOp op,
                                PatternRewriter &rewriter) const override {
    int64_t rank = op.getInput().getType().getRank();
    SmallVector<int64_t> axes;
    for (int64_t axis = 2; axis < rank; ++axis)
      axes.push_back(axis);
    rewriter.replaceOpWithNewOp<ReduceOp>(op, op.getType(), op.getInput(),
                                          rewriter.getDenseI64ArrayAttr(axes),
                                          rewriter.getUnitAttr());
    return success();
  }
};
} // namespace

#define TESSERA_GLOBAL_POOL_OP(OP, REDUCE)                                     \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> loc, \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &inferred) {        \
    RankedTensorType type = getRankedType(adaptor.getInput());                 \
    if (!type)                                                                 \
      return failure();                                                        \
    if (type.getRank() < 3)                                                    \
      return OpErrorEmitter{loc, getOperationName()}()                         \
             << "expected input of rank >= 3 [N, C, spatial...], got rank "    \
             << type.getRank();                                                \
    SmallVector<int64_t> shape(type.getShape());                               \
    std::fill(shape.begin() + 2, shape.end(), 1);                              \
    return pushTensor(shape, type.getElementType(), inferred);                 \
  }                                                                            \
  void OP::getCanonicalizationPatterns(RewritePatternSet &patterns,            \
                                       MLIRContext *context) {                 \
    patterns.add<GlobalPoolToReduce<OP, REDUCE>>(context);                     \
  }
TESSERA_GLOBAL_POOL_OP(GlobalAvgPoolOp, ReduceMeanOp)
TESSERA_GLOBAL_POOL_OP(GlobalMaxPoolOp, ReduceMaxOp)
#undef TESSERA_GLOBAL_POOL_OP
