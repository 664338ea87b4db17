//===- ConvertNormalization.cpp - ONNX softmax and norms -> tessera -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Softmax and LogSoftmax (with the pre-opset-13 coercion to 2-D),
// BatchNormalization (inference only), LayerNormalization (decomposed when
// its Mean / InvStdDev outputs are requested), RMSNormalization, and LRN,
// decomposed into a square, a channel-window sum (an average pool over the
// channels that counts its zero padding) and elementwise ops.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// Softmax
//===----------------------------------------------------------------------===//

/// Softmax or LogSoftmax (OpT). From opset 13 along `axis` (default -1).
/// Before, the input is coerced to 2-D [prod(shape[:axis]),
/// prod(shape[axis:])] (axis default 1), so the op normalizes over all
/// trailing dimensions at once: a reshape, the op along axis 1, and a
/// reshape back, unless at most one trailing dimension is not 1.
template <typename OpT>
static LogicalResult convertSoftmax(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  bool coerce = node.opset() < 13;
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.attrInt("axis", coerce ? 1 : -1), shape.size());
  if (failed(axis))
    return failure();
  OpChain chain(node);
  if (!coerce)
    return setResult(node, chain.create<OpT>(*x, *axis));
  SmallVector<int64_t> nonUnit;
  for (int64_t i = *axis, e = shape.size(); i < e; ++i)
    if (shape[i] != 1)
      nonUnit.push_back(i);
  if (nonUnit.size() <= 1)
    return setResult(
        node, chain.create<OpT>(*x, nonUnit.empty() ? *axis : nonUnit[0]));
  SmallVector<int64_t> flat = {getNumElements(shape.take_front(*axis)),
                               getNumElements(shape.drop_front(*axis))};
  Value y = chain.create<OpT>(chain.reshape(*x, flat), 1);
  return setResult(node, chain.reshape(y, shape));
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

/// BatchNormalization in inference mode. Training (training_mode=1 from
/// opset 14, or the running statistics requested as outputs) is unsupported;
/// is_test, momentum and consumed_inputs of old opsets do not change the
/// inference result. With statistics of another float type (opset 15) it
/// computes in the wider type, like the reference's NumPy promotion, and
/// casts the result to the input's type. Per-activation statistics
/// (spatial=0, before opset 9) decompose into elementwise ops.
static LogicalResult convertBatchNorm(NodeImporter &node) {
  if (node.attrInt("training_mode", 0) != 0)
    return node.unsupported("BatchNormalization training_mode=1");
  for (size_t i = 1; i < node.numOutputs(); ++i)
    if (node.hasOutput(i))
      return node.unsupported("BatchNormalization in training mode (output " +
                              std::to_string(i) + " requested)");
  SmallVector<Value, 5> operands;
  for (size_t i = 0; i < 5; ++i) {
    FailureOr<Value> operand = node.requiredInput(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  Type inputType = elementTypeOf(operands[0]), type = inputType;
  for (Value operand : operands)
    if (isa<FloatType>(elementTypeOf(operand)) &&
        elementTypeOf(operand).getIntOrFloatBitWidth() >
            type.getIntOrFloatBitWidth())
      type = elementTypeOf(operand);
  double epsilon = node.attrFloat("epsilon", 1e-5);
  OpChain chain(node);
  for (Value &operand : operands)
    operand = chain.castTo(operand, type);
  auto [x, scale, bias, mean, variance] =
      std::tie(operands[0], operands[1], operands[2], operands[3], operands[4]);
  Value y;
  if (node.attrInt("spatial", 1) != 0 || shapeOf(scale).size() <= 1) {
    y = chain.create<BatchNormOp>(x, scale, bias, mean, variance,
                                  llvm::APFloat(epsilon));
  } else {
    // [C, D1, ...] statistics broadcast against [N, C, D1, ...].
    Value invStdDev = chain.create<RsqrtOp>(
        chain.create<AddOp>(variance, chain.scalar(type, epsilon)));
    y = chain.create<MulOp>(chain.create<SubOp>(x, mean), invStdDev);
    y = chain.create<AddOp>(chain.create<MulOp>(y, scale), bias);
  }
  return setResult(node, chain.castTo(y, inputType));
}

/// The element type of an ONNX stash_type (a TensorProto data type).
static FailureOr<Type> stashType(NodeImporter &node) {
  int64_t stash = node.attrInt("stash_type", 1);
  MLIRContext *context = node.context();
  switch (stash) {
  case 1:
    return Type(Float32Type::get(context));
  case 10:
    return Type(Float16Type::get(context));
  case 11:
    return Type(Float64Type::get(context));
  case 16:
    return Type(BFloat16Type::get(context));
  default:
    node.emitError() << "expected a float stash_type, got " << stash;
    return failure();
  }
}

/// LayerNormalization over the dimensions [axis, rank) (axis default -1).
/// With only Y requested it is tessera.layer_norm. When Mean or InvStdDev
/// is requested too, it decomposes like the ONNX function body, in
/// stash_type precision: mean, centred values, variance, 1/sqrt(var + eps),
/// normalized values cast back to the input type, times Scale, plus B.
static LogicalResult convertLayerNorm(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0), scale = node.requiredInput(1);
  if (failed(x) || failed(scale))
    return failure();
  Value bias = node.input(2);
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  FailureOr<int64_t> axis = normalizeAxis(node, node.attrInt("axis", -1), rank);
  if (failed(axis))
    return failure();
  double epsilon = node.attrFloat("epsilon", 1e-5);
  OpChain chain(node);
  if (!node.hasOutput(1) && !node.hasOutput(2))
    return setResult(node, chain.create<LayerNormOp>(*x, *scale, bias, *axis,
                                                     llvm::APFloat(epsilon)));
  FailureOr<Type> stash = stashType(node);
  if (failed(stash))
    return failure();
  ArrayRef<int64_t> normalized = shape.drop_front(*axis);
  for (auto [name, param] : {std::pair<StringRef, Value>{"Scale", *scale},
                             std::pair<StringRef, Value>{"B", bias}})
    if (param && !isBroadcastableTo(shapeOf(param), normalized))
      return node.emitError()
             << "input " << name << " of shape " << formatShape(shapeOf(param))
             << " does not broadcast to the normalized shape "
             << formatShape(normalized);
  SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(*axis, rank));
  Value wide = chain.castTo(*x, *stash);
  Value mean = chain.create<ReduceMeanOp>(wide, axes, true);
  Value centred = chain.create<SubOp>(wide, mean);
  Value variance = chain.create<ReduceMeanOp>(
      chain.create<MulOp>(centred, centred), axes, true);
  Value invStdDev = chain.create<RsqrtOp>(
      chain.create<AddOp>(variance, chain.scalar(*stash, epsilon)));
  Value y =
      chain.castTo(chain.create<MulOp>(centred, invStdDev), elementTypeOf(*x));
  y = chain.create<MulOp>(y, *scale);
  if (bias)
    y = chain.create<AddOp>(y, bias);
  if (chain.failed())
    return failure();
  node.setOutput(0, y);
  node.setOutput(1, mean);
  node.setOutput(2, invStdDev);
  return success();
}

/// RMSNormalization (opset 23) over [axis, rank) (axis default -1).
static LogicalResult convertRmsNorm(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0), scale = node.requiredInput(1);
  if (failed(x) || failed(scale))
    return failure();
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.attrInt("axis", -1), shapeOf(*x).size());
  if (failed(axis) || failed(stashType(node)))
    return failure();
  OpChain chain(node);
  return setResult(node, chain.create<RmsNormOp>(
                             *x, *scale, *axis,
                             llvm::APFloat(node.attrFloat("epsilon", 1e-5))));
}

/// InstanceNormalization: every (n, c) plane of [N, C, D1..Dk] normalized
/// over its spatial elements, then scaled and shifted per channel: a
/// layer_norm over the axes [2, rank) with a unit scale, then scale and bias
/// reshaped to [C, 1..1].
static LogicalResult convertInstanceNorm(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0), scale = node.requiredInput(1),
                   bias = node.requiredInput(2);
  if (failed(x) || failed(scale) || failed(bias))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  if (shape.size() < 3)
    return node.emitError() << "expected an input of rank >= 3 [N, C, D...], "
                               "got rank "
                            << shape.size();
  if (shapeOf(*scale) != ArrayRef<int64_t>{shape[1]} ||
      shapeOf(*bias) != ArrayRef<int64_t>{shape[1]})
    return node.emitError() << "expected scale and bias of shape [" << shape[1]
                            << "] (channels)";
  Type type = elementTypeOf(*x);
  OpChain chain(node);
  Value one = chain.reshape(chain.scalar(type, 1.0), {1});
  Value normalized = chain.create<LayerNormOp>(
      *x, one, Value(), /*axis=*/2,
      llvm::APFloat(node.attrFloat("epsilon", 1e-5)));
  SmallVector<int64_t> channelShape(shape.size() - 1, 1);
  channelShape[0] = shape[1];
  Value y = chain.create<MulOp>(normalized,
                                chain.reshape(*scale, channelShape));
  return setResult(node,
                   chain.create<AddOp>(y, chain.reshape(*bias, channelShape)));
}

/// LRN: y = x / (bias + alpha / size * square_sum)^beta, where square_sum
/// sums x^2 over the channels [c - floor((size-1)/2), c + ceil((size-1)/2)].
/// The window sum is an average pool with count_include_pad (which divides
/// by exactly `size`) over x^2 reshaped to [N, 1, C, D1*...*Dk].
static LogicalResult convertLRN(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  if (shape.size() < 2)
    return node.emitError()
           << "expected input X of rank >= 2 [N, C, ...], got shape "
           << formatShape(shape);
  if (!node.hasAttr("size"))
    return node.emitError() << "missing attribute 'size'";
  int64_t size = node.attrInt("size", 1);
  if (size < 1)
    return node.emitError() << "expected size >= 1, got " << size;
  Type type = elementTypeOf(*x);
  OpChain chain(node);
  Value squares = chain.create<MulOp>(*x, *x);
  SmallVector<int64_t> windowShape = {shape[0], 1, shape[1],
                                      getNumElements(shape.drop_front(2))};
  int64_t before = (size - 1) / 2;
  SmallVector<int64_t> kernel = {size, 1}, ones = {1, 1},
                       pads = {before, 0, size - 1 - before, 0};
  Value mean = chain.create<AvgPoolOp>(chain.reshape(squares, windowShape),
                                       kernel, ones, pads, ones, false, true);
  Value sum = chain.reshape(mean, shape);
  Value alpha = chain.scalar(type, node.attrFloat("alpha", 1e-4));
  Value base = chain.create<MulOp>(sum, alpha);
  Value bias = chain.scalar(type, node.attrFloat("bias", 1));
  base = chain.create<AddOp>(base, bias);
  Value beta = chain.scalar(type, node.attrFloat("beta", 0.75));
  Value denominator = chain.create<PowOp>(base, beta);
  return setResult(node, chain.create<DivOp>(*x, denominator));
}

void mlir::tessera::registerNormalizationConverters(
    ConverterRegistry &registry) {
  registry.add("Softmax", convertSoftmax<SoftmaxOp>);
  registry.add("LogSoftmax", convertSoftmax<LogSoftmaxOp>);
  registry.add("BatchNormalization", convertBatchNorm);
  registry.add("LayerNormalization", convertLayerNorm);
  registry.add("RMSNormalization", convertRmsNorm);
  registry.add("LRN", convertLRN);
  registry.add("InstanceNormalization", convertInstanceNorm);
}
