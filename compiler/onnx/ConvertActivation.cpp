//===- ConvertActivation.cpp - ONNX activation functions -> tessera -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Activations without a tessera op of their own (LeakyRelu, Elu, Selu, Celu,
// HardSigmoid, HardSwish, Softplus, Softsign, PRelu, Swish, SwiGLU, Mish,
// ThresholdedRelu, Shrink) are decomposed into elementwise tessera ops on
// rank-0 constants of the input's element type, following the ONNX formulas
// so that NaN inputs give what ONNX gives. Gelu maps onto tessera.gelu.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/bit.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {
/// An OpChain for the formula of a decomposed activation, with shorthands
/// for its arithmetic. Scalars become rank-0 constants of the input's
/// element type, created right before their first use and then reused (one
/// per value); those that folding leaves unused go with the importer's
/// final dead-op sweep. Build one op per statement, so that the IR follows
/// the source order.
class Formula : public OpChain {
public:
  Formula(NodeImporter &node, Value input)
      : OpChain(node), elementType(elementTypeOf(input)) {}

  /// A rank-0 constant of the input's element type (one per value).
  Value c(double value) {
    Value &constant = constants[llvm::bit_cast<uint64_t>(value)];
    if (!constant)
      constant = scalar(elementType, value);
    return constant;
  }

  Value add(Value a, Value b) { return create<AddOp>(a, b); }
  Value add(Value a, double b) { return add(a, c(b)); }
  Value sub(Value a, Value b) { return create<SubOp>(a, b); }
  Value sub(Value a, double b) { return sub(a, c(b)); }
  Value mul(Value a, Value b) { return create<MulOp>(a, b); }
  Value mul(Value a, double b) { return mul(a, c(b)); }
  Value div(Value a, Value b) { return create<DivOp>(a, b); }
  Value div(Value a, double b) { return div(a, c(b)); }
  Value min(Value a, double b) { return create<MinOp>(a, c(b)); }
  Value lt(Value a, double b) {
    return create<CompareOp>(ComparePredicate::lt, a, c(b));
  }
  Value gt(Value a, double b) {
    return create<CompareOp>(ComparePredicate::gt, a, c(b));
  }
  Value select(Value c, Value t, Value f) { return create<SelectOp>(c, t, f); }
  Value select(Value cond, Value t, double f) { return select(cond, t, c(f)); }
  Value clamp(Value v, double lo, double hi) {
    Value lower = c(lo);
    return create<ClampOp>(v, lower, c(hi));
  }

  /// max(v, 0) + log(1 + exp(-|v|)): log(1 + exp(v)) without overflow.
  Value softplus(Value v) {
    Value negAbs = create<NegOp>(create<AbsOp>(v));
    Value tail = create<LogOp>(add(create<ExpOp>(negAbs), 1.0));
    return add(create<ReluOp>(v), tail);
  }

private:
  Type elementType;
  llvm::DenseMap<uint64_t, Value> constants;
};
} // namespace

/// Input 0, which must hold floats (ONNX defines these activations on float
/// types only).
static FailureOr<Value> floatInput(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  Type elementType = elementTypeOf(*input);
  if (!isa<FloatType>(elementType)) {
    node.emitError() << "expected a floating-point input, got " << elementType;
    return failure();
  }
  return input;
}

/// A formula of one float input |x| built in |f| for |node|.
using FormulaFn = Value (*)(NodeImporter &node, Formula &f, Value x);

/// The converter of an activation of one float input given by |formula|.
template <FormulaFn formula>
static LogicalResult convertFloatActivation(NodeImporter &node) {
  FailureOr<Value> input = floatInput(node);
  if (failed(input))
    return failure();
  Formula f(node, *input);
  return setResult(node, formula(node, f, *input));
}

/// x < 0 ? alpha * x : x.
static Value leakyRelu(NodeImporter &node, Formula &f, Value x) {
  Value negative = f.mul(x, node.attrFloat("alpha", 0.01));
  Value isNegative = f.lt(x, 0.0);
  return f.select(isNegative, negative, x);
}

/// x < 0 ? alpha * (exp(x) - 1) : x.
static Value elu(NodeImporter &node, Formula &f, Value x) {
  Value expm1 = f.sub(f.create<ExpOp>(x), 1.0);
  Value negative = f.mul(expm1, node.attrFloat("alpha", 1.0));
  Value isNegative = f.lt(x, 0.0);
  return f.select(isNegative, negative, x);
}

/// gamma * (x > 0 ? x : alpha * exp(x) - alpha).
static Value selu(NodeImporter &node, Formula &f, Value x) {
  double alpha = node.attrFloat("alpha", 1.67326319217681884765625);
  double gamma = node.attrFloat("gamma", 1.05070102214813232421875);
  Value exp = f.create<ExpOp>(x);
  Value alphaValue = f.c(alpha);
  Value negative = f.sub(f.mul(exp, alphaValue), alphaValue);
  Value isPositive = f.gt(x, 0.0);
  return f.mul(f.select(isPositive, x, negative), gamma);
}

/// max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).
static Value celu(NodeImporter &node, Formula &f, Value x) {
  double alpha = node.attrFloat("alpha", 1.0);
  Value expm1 = f.sub(f.create<ExpOp>(f.div(x, alpha)), 1.0);
  Value negative = f.min(f.mul(expm1, alpha), 0.0);
  return f.add(f.create<ReluOp>(x), negative);
}

/// max(0, min(1, alpha * x + beta)).
static Value hardSigmoid(NodeImporter &node, Formula &f, Value x) {
  Value scaled = f.mul(x, node.attrFloat("alpha", 0.2));
  Value shifted = f.add(scaled, node.attrFloat("beta", 0.5));
  return f.clamp(shifted, 0.0, 1.0);
}

/// x * max(0, min(1, alpha * x + beta)) with alpha = 1/6, beta = 0.5.
static Value hardSwish(NodeImporter &, Formula &f, Value x) {
  Value gate = f.clamp(f.add(f.mul(x, 1.0 / 6.0), 0.5), 0.0, 1.0);
  return f.mul(x, gate);
}

/// log(1 + exp(x)), computed without overflow.
static Value softplus(NodeImporter &, Formula &f, Value x) {
  return f.softplus(x);
}

/// x / (1 + |x|).
static Value softsign(NodeImporter &, Formula &f, Value x) {
  return f.div(x, f.add(f.create<AbsOp>(x), 1.0));
}

/// x * sigmoid(alpha * x); opset 24.
static Value swish(NodeImporter &node, Formula &f, Value x) {
  Value scaled = f.mul(x, node.attrFloat("alpha", 1.0));
  return f.mul(x, f.create<SigmoidOp>(scaled));
}

/// x * tanh(softplus(x)); opset 18.
static Value mish(NodeImporter &, Formula &f, Value x) {
  return f.mul(x, f.create<TanhOp>(f.softplus(x)));
}

/// x > alpha ? x : 0.
static Value thresholdedRelu(NodeImporter &node, Formula &f, Value x) {
  Value above = f.gt(x, node.attrFloat("alpha", 1.0));
  return f.select(above, x, 0.0);
}

/// Shrink: x < -lambd ? x + bias : (x > lambd ? x - bias : 0). Unlike the
/// others it accepts integers, which it computes in f64 and truncates back
/// (as ONNX's float formula followed by a cast to the input type does).
static LogicalResult convertShrink(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  bool isInteger = !isa<FloatType>(type.getElementType());
  Value x = *input;
  if (isInteger) {
    FailureOr<Value> wide = node.createWithType<CastOp>(
        type.clone(Float64Type::get(node.context())), x);
    if (failed(wide))
      return failure();
    x = *wide;
  }
  double lambd = node.attrFloat("lambd", 0.5);
  double bias = node.attrFloat("bias", 0.0);
  Formula f(node, x);
  Value isAbove = f.gt(x, lambd);
  Value above = f.select(isAbove, f.sub(x, bias), 0.0);
  Value isBelow = f.lt(x, -lambd);
  Value result = f.select(isBelow, f.add(x, bias), above);
  if (isInteger)
    result = f.castTo(result, type.getElementType());
  return setResult(node, result);
}

/// PRelu: x < 0 ? slope * x : x, the slope broadcasting to x's shape
/// (unidirectionally). Before opset 7 a 1-D slope of x's channel count
/// applies per channel (dimension 1).
static LogicalResult convertPRelu(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  FailureOr<Value> slope = node.requiredInput(1);
  if (failed(input) || failed(slope))
    return failure();
  auto inputType = cast<RankedTensorType>(input->getType());
  auto slopeType = cast<RankedTensorType>(slope->getType());
  if (node.opset() < 7 && slopeType.getRank() == 1 &&
      inputType.getRank() >= 2 &&
      slopeType.getDimSize(0) == inputType.getDimSize(1) &&
      slopeType.getDimSize(0) != 1) {
    SmallVector<int64_t> shape(inputType.getRank() - 1, 1);
    shape[0] = slopeType.getDimSize(0);
    slopeType = slopeType.clone(shape);
    slope = node.createWithType<ReshapeOp>(slopeType, *slope);
    if (failed(slope))
      return failure();
  }
  if (!isBroadcastableTo(slopeType.getShape(), inputType.getShape())) {
    node.emitError() << "slope of shape " << formatShape(slopeType.getShape())
                     << " does not broadcast to the input shape "
                     << formatShape(inputType.getShape());
    return failure();
  }
  Formula f(node, *input);
  Value negative = f.mul(*input, *slope);
  Value isNegative = f.lt(*input, 0.0);
  return setResult(node, f.select(isNegative, negative, *input));
}

/// SwiGLU: swish(a) * b = a * sigmoid(alpha * a) * b.
static LogicalResult convertSwiGlu(NodeImporter &node) {
  FailureOr<Value> a = node.requiredInput(0), b = node.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  Formula f(node, *a);
  Value gated = swish(node, f, *a);
  return setResult(node, f.mul(gated, *b));
}

/// Gelu (opset 20): approximate = "none" (erf) or "tanh".
static LogicalResult convertGelu(NodeImporter &node) {
  FailureOr<Value> input = floatInput(node);
  if (failed(input))
    return failure();
  std::string approximate = node.attrString("approximate", "none");
  std::optional<GeluApproximation> kind =
      symbolizeGeluApproximation(approximate);
  if (!kind)
    return node.unsupported("attribute 'approximate' = '" + approximate +
                            "' (expected 'none' or 'tanh')");
  return setResult(node, node.create<GeluOp>(*input, *kind));
}

void mlir::tessera::registerActivationConverters(ConverterRegistry &registry) {
  registry.add("LeakyRelu", convertFloatActivation<leakyRelu>);
  registry.add("PRelu", convertPRelu);
  registry.add("Elu", convertFloatActivation<elu>);
  registry.add("Selu", convertFloatActivation<selu>);
  registry.add("Celu", convertFloatActivation<celu>);
  registry.add("ThresholdedRelu", convertFloatActivation<thresholdedRelu>);
  registry.add("Shrink", convertShrink);
  registry.add("HardSigmoid", convertFloatActivation<hardSigmoid>);
  registry.add("HardSwish", convertFloatActivation<hardSwish>);
  registry.add("Softplus", convertFloatActivation<softplus>);
  registry.add("Softsign", convertFloatActivation<softsign>);
  registry.add("Swish", convertFloatActivation<swish>);
  registry.add("SwiGLU", convertSwiGlu);
  registry.add("Mish", convertFloatActivation<mish>);
  registry.add("Gelu", convertGelu);
}
