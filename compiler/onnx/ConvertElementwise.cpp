//===- ConvertElementwise.cpp - ONNX elementwise ops -> tessera -----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Arithmetic (binary and variadic), math functions, logic, comparisons,
// Where, Mod, IsNaN/IsInf, Cast/CastLike and Clip. Most ops map onto one
// tessera op; the opset differences handled here are the pre-7 `broadcast` /
// `axis` attributes of binary ops, Pow's mixed operand types (opset 12),
// Cast-1's string `to`, and Clip's attribute (< 11) versus input (>= 11)
// bounds. Activations live in ConvertActivation.cpp.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"
#include "compiler/onnx/TensorProto.h"
#include "compiler/reference/Evaluator.h"

#include <cfloat>
#include <cmath>

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Before opset 7, binary ops broadcast only with `broadcast = 1`, and then
/// the second operand lines up with the first from `axis` on (trailing when
/// `axis` is absent, which is NumPy's rule). Reshapes |rhs| with leading and
/// trailing unit dimensions so that NumPy broadcasting computes the same.
static FailureOr<Value> alignLegacyOperand(NodeImporter &node, Value lhs,
                                           Value rhs) {
  if (node.opset() >= 7 || node.attrInt("broadcast", 0) == 0 ||
      !node.hasAttr("axis"))
    return rhs;
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  int64_t rank = lhsType.getRank(), rhsRank = rhsType.getRank();
  int64_t axis = node.attrInt("axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis + rhsRank > rank) {
    node.emitError() << "attribute 'axis' = " << node.attrInt("axis", 0)
                     << " does not place an operand of shape "
                     << formatShape(rhsType.getShape()) << " inside shape "
                     << formatShape(lhsType.getShape());
    return failure();
  }
  if (axis + rhsRank == rank) // Trailing: NumPy aligns it the same way.
    return rhs;
  SmallVector<int64_t> shape(axis, 1);
  llvm::append_range(shape, rhsType.getShape());
  shape.resize(rank, 1);
  return node.createWithType<ReshapeOp>(rhsType.clone(shape), rhs);
}

/// Inputs 0 and 1 of a binary node, the second aligned for pre-7 broadcasting.
static FailureOr<std::pair<Value, Value>> binaryOperands(NodeImporter &node) {
  FailureOr<Value> lhs = node.requiredInput(0), rhs = node.requiredInput(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  FailureOr<Value> aligned = alignLegacyOperand(node, *lhs, *rhs);
  if (failed(aligned))
    return failure();
  return std::make_pair(*lhs, *aligned);
}

/// A converter for an ONNX op that maps onto one broadcasting binary op.
template <typename OpT> static ConvertFn binary() {
  return [](NodeImporter &node) -> LogicalResult {
    FailureOr<std::pair<Value, Value>> operands = binaryOperands(node);
    if (failed(operands))
      return failure();
    return setResult(node, node.create<OpT>(operands->first, operands->second));
  };
}

/// A converter for an ONNX op that maps onto one unary op.
template <typename OpT> static ConvertFn unary() {
  return [](NodeImporter &node) -> LogicalResult {
    FailureOr<Value> input = node.requiredInput(0);
    if (failed(input))
      return failure();
    return setResult(node, node.create<OpT>(*input));
  };
}

/// A converter for a comparison (Equal, Less, ...).
static ConvertFn compare(ComparePredicate predicate) {
  return [predicate](NodeImporter &node) -> LogicalResult {
    FailureOr<std::pair<Value, Value>> operands = binaryOperands(node);
    if (failed(operands))
      return failure();
    return setResult(node, node.create<CompareOp>(predicate, operands->first,
                                                  operands->second));
  };
}

//===----------------------------------------------------------------------===//
// Arithmetic
//===----------------------------------------------------------------------===//

/// Folds the inputs of a variadic node (Sum, Max, Min, Mean) left to right
/// with OpT; one input is returned as is.
template <typename OpT> static FailureOr<Value> foldInputs(NodeImporter &node) {
  if (node.numInputs() == 0) {
    node.emitError() << "expected at least one input";
    return failure();
  }
  FailureOr<Value> result = node.requiredInput(0);
  for (size_t i = 1; i < node.numInputs() && succeeded(result); ++i) {
    FailureOr<Value> next = node.requiredInput(i);
    if (failed(next))
      return failure();
    result = node.create<OpT>(*result, *next);
  }
  return result;
}

/// A converter for a variadic op (Sum, Max, Min) folded with OpT.
template <typename OpT> static ConvertFn variadic() {
  return [](NodeImporter &node) -> LogicalResult {
    return setResult(node, foldInputs<OpT>(node));
  };
}

/// Mean: the sum divided by the number of inputs.
static LogicalResult convertMean(NodeImporter &node) {
  FailureOr<Value> sum = foldInputs<AddOp>(node);
  if (failed(sum) || node.numInputs() == 1)
    return setResult(node, sum);
  Value count = node.splat({}, elementTypeOf(*sum),
                           static_cast<double>(node.numInputs()));
  return setResult(node, node.create<DivOp>(*sum, count));
}

/// Pow. Since opset 12 the exponent may have another type than the base;
/// the result has the base's type, computed like NumPy's power followed by
/// astype(base type): a float base takes the exponent cast to its type, an
/// integer base with a float exponent is computed in f64 and truncated back,
/// two integer types compute in the base's type.
static LogicalResult convertPow(NodeImporter &node) {
  FailureOr<std::pair<Value, Value>> operands = binaryOperands(node);
  if (failed(operands))
    return failure();
  auto [base, exponent] = *operands;
  Type baseType = elementTypeOf(base), exponentType = elementTypeOf(exponent);
  OpChain chain(node);
  if (isa<FloatType>(baseType) || !isa<FloatType>(exponentType)) {
    Value converted = chain.castTo(exponent, baseType);
    return setResult(node, chain.create<PowOp>(base, converted));
  }
  Type f64 = Float64Type::get(node.context());
  Value wideBase = chain.castTo(base, f64);
  Value wideExponent = chain.castTo(exponent, f64);
  Value power = chain.create<PowOp>(wideBase, wideExponent);
  return setResult(node, chain.castTo(power, baseType));
}

/// Mod: `fmod = 1` keeps the dividend's sign (C fmod), `fmod = 0` the
/// divisor's (Python %), which ONNX allows only for integers.
static LogicalResult convertMod(NodeImporter &node) {
  FailureOr<std::pair<Value, Value>> operands = binaryOperands(node);
  if (failed(operands))
    return failure();
  int64_t fmod = node.attrInt("fmod", 0);
  if (fmod != 0 && fmod != 1)
    return node.unsupported("attribute 'fmod' = " + Twine(fmod) +
                            " (expected 0 or 1)");
  Type elementType = elementTypeOf(operands->first);
  if (fmod == 0 && isa<FloatType>(elementType)) {
    node.emitError() << "attribute 'fmod' must be 1 for " << elementType
                     << " inputs, got 0";
    return failure();
  }
  return setResult(
      node, node.create<ModOp>(operands->first, operands->second, fmod == 1));
}

//===----------------------------------------------------------------------===//
// Predicates and selection
//===----------------------------------------------------------------------===//

/// Where: select(condition, x, y), all three broadcasting.
static LogicalResult convertWhere(NodeImporter &node) {
  FailureOr<Value> condition = node.requiredInput(0);
  FailureOr<Value> onTrue = node.requiredInput(1);
  FailureOr<Value> onFalse = node.requiredInput(2);
  if (failed(condition) || failed(onTrue) || failed(onFalse))
    return failure();
  return setResult(node, node.create<SelectOp>(*condition, *onTrue, *onFalse));
}

/// IsInf (opset 10): detect_positive/detect_negative, 1 by default.
static LogicalResult convertIsInf(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  bool positive = node.attrInt("detect_positive", 1) != 0;
  bool negative = node.attrInt("detect_negative", 1) != 0;
  return setResult(node, node.create<IsInfOp>(*input, positive, negative));
}

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

/// Casts input 0 to |elementType|.
static LogicalResult castInput(NodeImporter &node, Type elementType) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  return setResult(node, OpChain(node).castTo(*input, elementType));
}

/// Cast: `to` is a TensorProto.DataType (a string such as "FLOAT" in
/// Cast-1). `saturate` only concerns float8 targets, which Tessera lacks.
static LogicalResult convertCast(NodeImporter &node) {
  const onnx::AttributeProto *to = node.attr("to");
  if (!to) {
    node.emitError() << "missing attribute 'to'";
    return failure();
  }
  int32_t dataType = static_cast<int32_t>(to->i());
  if (to->type() == onnx::AttributeProto::STRING) {
    onnx::TensorProto::DataType parsed;
    if (!onnx::TensorProto::DataType_Parse(to->s(), &parsed))
      return node.unsupported("cast to '" + to->s() + "'");
    dataType = parsed;
  }
  std::optional<::tessera::DType> dtype = dtypeFromOnnx(dataType);
  if (!dtype)
    return node.unsupported("cast to " + onnxTypeName(dataType));
  return castInput(node, toElementType(*dtype, node.context()));
}

/// CastLike: cast input 0 to the element type of input 1.
static LogicalResult convertCastLike(NodeImporter &node) {
  FailureOr<Value> like = node.requiredInput(1);
  if (failed(like))
    return failure();
  return castInput(node, elementTypeOf(*like));
}

//===----------------------------------------------------------------------===//
// Clip
//===----------------------------------------------------------------------===//

/// A rank-0 constant of |elementType| holding its lowest (|upper| false) or
/// highest value: -inf/+inf for floats, the integer limits otherwise.
static Value unboundedLimit(NodeImporter &node, Type elementType, bool upper) {
  if (isa<FloatType>(elementType))
    return node.splat({}, elementType, upper ? INFINITY : -INFINITY);
  unsigned width = elementType.getIntOrFloatBitWidth();
  APInt limit =
      upper ? APInt::getSignedMaxValue(width) : APInt::getSignedMinValue(width);
  auto type = RankedTensorType::get({}, elementType);
  return node.builder().create<ConstantOp>(
      node.loc(), cast<ElementsAttr>(DenseElementsAttr::get(type, limit)));
}

/// Clip before opset 11: float bounds from the `min`/`max` attributes,
/// defaulting to the limits of float (as the spec writes them).
/// Since 11: optional scalar inputs 1 and 2; an absent one is unbounded.
static LogicalResult convertClip(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  Type elementType = elementTypeOf(*input);
  Value lower, upper;
  if (node.opset() < 11) {
    if (!isa<FloatType>(elementType)) {
      node.emitError() << "expected a floating-point input before opset 11, "
                          "got "
                       << elementType;
      return failure();
    }
    lower = node.splat({}, elementType, node.attrFloat("min", -FLT_MAX));
    upper = node.splat({}, elementType, node.attrFloat("max", FLT_MAX));
  } else {
    if (!node.hasInput(1) && !node.hasInput(2)) {
      node.setOutput(0, *input);
      return success();
    }
    lower = node.hasInput(1) ? node.input(1)
                             : unboundedLimit(node, elementType, false);
    upper = node.hasInput(2) ? node.input(2)
                             : unboundedLimit(node, elementType, true);
  }
  return setResult(node, node.create<ClampOp>(*input, lower, upper));
}

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::tessera::registerElementwiseConverters(ConverterRegistry &registry) {
  // Arithmetic.
  registry.add("Add", binary<AddOp>());
  registry.add("Sub", binary<SubOp>());
  registry.add("Mul", binary<MulOp>());
  registry.add("Div", binary<DivOp>());
  registry.add("Pow", convertPow);
  registry.add("Mod", convertMod);
  registry.add("Sum", variadic<AddOp>());
  registry.add("Max", variadic<MaxOp>());
  registry.add("Min", variadic<MinOp>());
  registry.add("Mean", convertMean);

  // Math functions.
  registry.add("Neg", unary<NegOp>());
  registry.add("Abs", unary<AbsOp>());
  registry.add("Sign", unary<SignOp>());
  registry.add("Relu", unary<ReluOp>());
  registry.add("Exp", unary<ExpOp>());
  registry.add("Log", unary<LogOp>());
  registry.add("Sqrt", unary<SqrtOp>());
  registry.add("Reciprocal", unary<ReciprocalOp>());
  registry.add("Tanh", unary<TanhOp>());
  registry.add("Erf", unary<ErfOp>());
  registry.add("Sigmoid", unary<SigmoidOp>());
  registry.add("Sin", unary<SinOp>());
  registry.add("Cos", unary<CosOp>());
  registry.add("Tan", unary<TanOp>());
  registry.add("Asin", unary<AsinOp>());
  registry.add("Acos", unary<AcosOp>());
  registry.add("Atan", unary<AtanOp>());
  registry.add("Sinh", unary<SinhOp>());
  registry.add("Cosh", unary<CoshOp>());
  registry.add("Asinh", unary<AsinhOp>());
  registry.add("Acosh", unary<AcoshOp>());
  registry.add("Atanh", unary<AtanhOp>());
  registry.add("Floor", unary<FloorOp>());
  registry.add("Ceil", unary<CeilOp>());
  registry.add("Round", unary<RoundOp>());

  // Logic: Not/And/Or/Xor on bool, the Bitwise* ops (opset 18) on integers.
  registry.add("Not", unary<NotOp>());
  registry.add("And", binary<AndOp>());
  registry.add("Or", binary<OrOp>());
  registry.add("Xor", binary<XorOp>());
  registry.add("BitwiseNot", unary<NotOp>());
  registry.add("BitwiseAnd", binary<AndOp>());
  registry.add("BitwiseOr", binary<OrOp>());
  registry.add("BitwiseXor", binary<XorOp>());

  // Comparisons, predicates and selection.
  registry.add("Equal", compare(ComparePredicate::eq));
  registry.add("Less", compare(ComparePredicate::lt));
  registry.add("LessOrEqual", compare(ComparePredicate::le));
  registry.add("Greater", compare(ComparePredicate::gt));
  registry.add("GreaterOrEqual", compare(ComparePredicate::ge));
  registry.add("IsNaN", unary<IsNanOp>());
  registry.add("IsInf", convertIsInf);
  registry.add("Where", convertWhere);

  // Conversions and clamping.
  registry.add("Cast", convertCast);
  registry.add("CastLike", convertCastLike);
  registry.add("Clip", convertClip);
}
