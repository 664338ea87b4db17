//===- ConvertReduction.cpp - ONNX reductions -> tessera ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reduce* read their axes from the `axes` attribute before opset 13
// (ReduceSum) or 18 (the others) and from input 1 after; axes may be
// negative, and none means all of them (or, with noop_with_empty_axes, none,
// which leaves the elementwise part of a decomposed reduction). keepdims
// defaults to 1. ReduceSum/Mean/Max/Min/Prod map onto one tessera reduction;
// ReduceL1, L2, LogSum, LogSumExp and SumSquare decompose into elementwise
// ops around reduce_sum, and ReduceLogSumExp subtracts the maximum first.
// ArgMax/ArgMin and CumSum map onto one op each.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {
/// The ONNX Reduce* ops.
enum class ReduceKind {
  Sum,
  Mean,
  Max,
  Min,
  Prod,
  L1,
  L2,
  LogSum,
  LogSumExp,
  SumSquare
};
} // namespace

/// The axes a Reduce* node reduces, normalized (non-negative, sorted): from
/// the `axes` attribute before opset |inputSince|, from the constant input 1
/// from then on. No axes mean all axes, or none with noop_with_empty_axes
/// (which arrived together with the axes input).
static FailureOr<SmallVector<int64_t>>
readReduceAxes(NodeImporter &node, int64_t rank, int64_t inputSince) {
  SmallVector<int64_t> axes;
  bool axesInput = node.opset() >= inputSince;
  if (!axesInput) {
    axes = node.attrInts("axes");
  } else if (node.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> values = node.constantInts(1);
    if (failed(values))
      return failure();
    axes = std::move(*values);
  }
  if (axes.empty()) {
    if (!axesInput || node.attrInt("noop_with_empty_axes", 0) == 0)
      axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    return axes;
  }
  SmallVector<int64_t> given = axes;
  for (int64_t &axis : axes) {
    FailureOr<int64_t> normalized = normalizeAxis(node, axis, rank, "axes");
    if (failed(normalized))
      return failure();
    axis = *normalized;
  }
  llvm::sort(axes);
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) {
    node.emitError() << "expected unique axes, got " << formatShape(given);
    return failure();
  }
  return axes;
}

/// The type a decomposed reduction computes in: integers in f64 (the
/// reference computes in floating point and casts back); f16 and bf16 in
/// f32 when |widenHalf|.
static Type computeType(Type type, bool widenHalf) {
  if (isa<IntegerType>(type))
    return Float64Type::get(type.getContext());
  if (widenHalf && (type.isF16() || type.isBF16()))
    return Float32Type::get(type.getContext());
  return type;
}

/// log(sum(exp(x))) over |axes| with keep_dims, computed as
/// log(sum(exp(x - m))) + m for m = max(x), or m = 0 where the maximum is
/// infinite (all -inf, or +inf present), which the shift cannot help.
static Value buildLogSumExp(OpChain &chain, Value x, ArrayRef<int64_t> axes) {
  Type type = elementTypeOf(x);
  Value max = chain.create<ReduceMaxOp>(x, axes, true);
  Value isInf = chain.create<IsInfOp>(max, true, true);
  Value zero = chain.scalar(type, 0.0);
  Value shift = chain.create<SelectOp>(isInf, zero, max);
  Value exp = chain.create<ExpOp>(chain.create<SubOp>(x, shift));
  Value sum = chain.create<ReduceSumOp>(exp, axes, true);
  return chain.create<AddOp>(chain.create<LogOp>(sum), shift);
}

/// Builds the reduction |kind| of |x| over the normalized |axes|.
static Value buildReduce(OpChain &chain, ReduceKind kind, Value x,
                         ArrayRef<int64_t> axes, bool keepDims) {
  Type type = elementTypeOf(x);
  switch (kind) {
  case ReduceKind::Sum:
    return chain.create<ReduceSumOp>(x, axes, keepDims);
  case ReduceKind::Mean: {
    if (isa<FloatType>(type))
      return chain.create<ReduceMeanOp>(x, axes, keepDims);
    // Integers: the sum divided (truncating) by the element count.
    int64_t count = 1;
    for (int64_t axis : axes)
      count *= shapeOf(x)[axis];
    Value sum = chain.create<ReduceSumOp>(x, axes, keepDims);
    return chain.create<DivOp>(sum, chain.scalar(type, count));
  }
  case ReduceKind::Max:
  case ReduceKind::Min: {
    // Booleans (opset 20) reduce as i8: max is "any", min is "all".
    Value input = type.isInteger(1)
                      ? chain.castTo(x, IntegerType::get(type.getContext(), 8))
                      : x;
    Value result = kind == ReduceKind::Max
                       ? chain.create<ReduceMaxOp>(input, axes, keepDims)
                       : chain.create<ReduceMinOp>(input, axes, keepDims);
    return chain.castTo(result, type);
  }
  case ReduceKind::Prod:
    return chain.create<ReduceProdOp>(x, axes, keepDims);
  case ReduceKind::L1:
    return chain.create<ReduceSumOp>(chain.create<AbsOp>(x), axes, keepDims);
  case ReduceKind::SumSquare:
    return chain.create<ReduceSumOp>(chain.create<MulOp>(x, x), axes, keepDims);
  case ReduceKind::L2: {
    Value wide = chain.castTo(x, computeType(type, false));
    Value sum = chain.create<ReduceSumOp>(chain.create<MulOp>(wide, wide), axes,
                                          keepDims);
    return chain.castTo(chain.create<SqrtOp>(sum), type);
  }
  case ReduceKind::LogSum: {
    Value wide = chain.castTo(x, computeType(type, false));
    Value sum = chain.create<ReduceSumOp>(wide, axes, keepDims);
    return chain.castTo(chain.create<LogOp>(sum), type);
  }
  case ReduceKind::LogSumExp: {
    // f16 sums of exponentials overflow easily; the reference uses f32.
    Value result =
        buildLogSumExp(chain, chain.castTo(x, computeType(type, true)), axes);
    if (!keepDims && !chain.failed()) {
      SmallVector<int64_t> shape;
      for (auto [i, dim] : llvm::enumerate(shapeOf(x)))
        if (!llvm::is_contained(axes, static_cast<int64_t>(i)))
          shape.push_back(dim);
      result = chain.reshape(result, shape);
    }
    return chain.castTo(result, type);
  }
  }
  llvm_unreachable("unknown reduction");
}

template <ReduceKind kind>
static LogicalResult convertReduce(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> axes = readReduceAxes(
      node, shapeOf(*x).size(), kind == ReduceKind::Sum ? 13 : 18);
  if (failed(axes))
    return failure();
  OpChain chain(node);
  return setResult(node, buildReduce(chain, kind, *x, *axes,
                                     node.attrInt("keepdims", 1) != 0));
}

/// ArgMax (OpT = ArgMaxOp) or ArgMin: axis (default 0), keepdims (default
/// 1), select_last_index (opset 12).
template <typename OpT>
static LogicalResult convertArgReduce(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  FailureOr<int64_t> axis =
      normalizeAxis(node, node.attrInt("axis", 0), shapeOf(*x).size());
  if (failed(axis))
    return failure();
  return setResult(node,
                   node.create<OpT>(*x, *axis, node.attrInt("keepdims", 1) != 0,
                                    node.attrInt("select_last_index", 0) != 0));
}

/// CumSum: the axis is a constant input (a scalar or one-element tensor).
static LogicalResult convertCumSum(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> axisValues = node.constantInts(1);
  if (failed(axisValues))
    return failure();
  if (axisValues->size() != 1)
    return node.emitError()
           << "expected one axis in input 1, got " << formatShape(*axisValues);
  FailureOr<int64_t> axis =
      normalizeAxis(node, axisValues->front(), shapeOf(*x).size());
  if (failed(axis))
    return failure();
  return setResult(
      node, node.create<CumSumOp>(*x, *axis, node.attrInt("exclusive", 0) != 0,
                                  node.attrInt("reverse", 0) != 0));
}

void mlir::tessera::registerReductionConverters(ConverterRegistry &registry) {
  registry.add("ReduceSum", convertReduce<ReduceKind::Sum>);
  registry.add("ReduceMean", convertReduce<ReduceKind::Mean>);
  registry.add("ReduceMax", convertReduce<ReduceKind::Max>);
  registry.add("ReduceMin", convertReduce<ReduceKind::Min>);
  registry.add("ReduceProd", convertReduce<ReduceKind::Prod>);
  registry.add("ReduceL1", convertReduce<ReduceKind::L1>);
  registry.add("ReduceL2", convertReduce<ReduceKind::L2>);
  registry.add("ReduceLogSum", convertReduce<ReduceKind::LogSum>);
  registry.add("ReduceLogSumExp", convertReduce<ReduceKind::LogSumExp>);
  registry.add("ReduceSumSquare", convertReduce<ReduceKind::SumSquare>);
  registry.add("ArgMax", convertArgReduce<ArgMaxOp>);
  registry.add("ArgMin", convertArgReduce<ArgMinOp>);
  registry.add("CumSum", convertCumSum);
}
