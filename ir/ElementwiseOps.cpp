//===- ElementwiseOps.cpp - Elementwise ops: inference and folds ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Result-type inference (NumPy broadcasting) and folders of the unary,
// binary and ternary elementwise ops: constant operands are evaluated,
// identities (x + 0, x * 1, x / 1, x ^ 1) and involutions (neg neg, not not)
// disappear.
//
//===----------------------------------------------------------------------===//

#include "ir/ConstantFold.h"
#include "ir/OpUtils.h"
#include "ir/TesseraOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// Unary folds
//===----------------------------------------------------------------------===//

/// Folds a unary op on a constant with a float and an optional integer
/// function.
template <typename OpT>
static OpFoldResult foldUnary(OpT op, Attribute input, FloatUnaryFn floatFn,
                              IntUnaryFn intFn = nullptr) {
  return foldUnaryConstant(input, op.getType(), floatFn, intFn);
}

/// Returns the operand of |op|'s producer when that producer is also an OpT
/// (for involutions such as neg(neg(x))).
template <typename OpT> static Value getInvolutionSource(OpT op) {
  if (auto inner = op.getInput().template getDefiningOp<OpT>())
    return inner.getInput();
  return {};
}

/// Returns |op|'s input when the producer is the same idempotent op.
template <typename OpT> static Value getIdempotentSource(OpT op) {
  if (op.getInput().template getDefiningOp<OpT>())
    return op.getInput();
  return {};
}

static std::optional<double> just(double v) { return v; }

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (Value source = getInvolutionSource(*this))
    return source;
  return foldUnary(*this, adaptor.getInput(), [](double x) { return just(-x); },
                   [](const APInt &x) -> std::optional<APInt> { return -x; });
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  if (Value source = getIdempotentSource(*this))
    return source;
  return foldUnary(
      *this, adaptor.getInput(), [](double x) { return just(std::fabs(x)); },
      [](const APInt &x) -> std::optional<APInt> { return x.abs(); });
}

OpFoldResult SignOp::fold(FoldAdaptor adaptor) {
  return foldUnary(
      *this, adaptor.getInput(),
      [](double x) {
        return just(std::isnan(x) ? x : x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0);
      },
      [](const APInt &x) -> std::optional<APInt> {
        unsigned width = x.getBitWidth();
        return x.isNegative() ? APInt::getAllOnes(width)
                              : APInt(width, x.isZero() ? 0 : 1);
      });
}

OpFoldResult ReluOp::fold(FoldAdaptor adaptor) {
  if (Value source = getIdempotentSource(*this))
    return source;
  return foldUnary(
      // x <= 0 maps -0.0 to +0.0 (max(x, +0)); NaN stays NaN.
      *this, adaptor.getInput(), [](double x) { return just(x <= 0 ? 0.0 : x); },
      [](const APInt &x) -> std::optional<APInt> {
        return x.isNegative() ? APInt(x.getBitWidth(), 0) : x;
      });
}

OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  if (Value source = getInvolutionSource(*this))
    return source;
  return foldUnary(*this, adaptor.getInput(), nullptr,
                   [](const APInt &x) -> std::optional<APInt> { return ~x; });
}

/// Float-only unary ops whose fold is a plain function of one double.
#define TESSERA_FLOAT_UNARY_FOLD(OP, EXPR)                                     \
  OpFoldResult OP::fold(FoldAdaptor adaptor) {                                 \
    return foldUnary(*this, adaptor.getInput(),                                \
                     [](double x) { return just(EXPR); });                     \
  }
TESSERA_FLOAT_UNARY_FOLD(ExpOp, std::exp(x))
TESSERA_FLOAT_UNARY_FOLD(LogOp, std::log(x))
TESSERA_FLOAT_UNARY_FOLD(SqrtOp, std::sqrt(x))
TESSERA_FLOAT_UNARY_FOLD(RsqrtOp, 1.0 / std::sqrt(x))
TESSERA_FLOAT_UNARY_FOLD(ReciprocalOp, 1.0 / x)
TESSERA_FLOAT_UNARY_FOLD(TanhOp, std::tanh(x))
TESSERA_FLOAT_UNARY_FOLD(ErfOp, std::erf(x))
TESSERA_FLOAT_UNARY_FOLD(SigmoidOp, 1.0 / (1.0 + std::exp(-x)))
TESSERA_FLOAT_UNARY_FOLD(SinOp, std::sin(x))
TESSERA_FLOAT_UNARY_FOLD(CosOp, std::cos(x))
TESSERA_FLOAT_UNARY_FOLD(TanOp, std::tan(x))
TESSERA_FLOAT_UNARY_FOLD(AsinOp, std::asin(x))
TESSERA_FLOAT_UNARY_FOLD(AcosOp, std::acos(x))
TESSERA_FLOAT_UNARY_FOLD(AtanOp, std::atan(x))
TESSERA_FLOAT_UNARY_FOLD(SinhOp, std::sinh(x))
TESSERA_FLOAT_UNARY_FOLD(CoshOp, std::cosh(x))
TESSERA_FLOAT_UNARY_FOLD(AsinhOp, std::asinh(x))
TESSERA_FLOAT_UNARY_FOLD(AcoshOp, std::acosh(x))
TESSERA_FLOAT_UNARY_FOLD(AtanhOp, std::atanh(x))
TESSERA_FLOAT_UNARY_FOLD(FloorOp, std::floor(x))
TESSERA_FLOAT_UNARY_FOLD(CeilOp, std::ceil(x))
TESSERA_FLOAT_UNARY_FOLD(RoundOp, std::nearbyint(x))
#undef TESSERA_FLOAT_UNARY_FOLD

OpFoldResult GeluOp::fold(FoldAdaptor adaptor) {
  if (getApproximate() == GeluApproximation::tanh)
    return foldUnary(*this, adaptor.getInput(), [](double x) {
      double inner = std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x);
      return just(0.5 * x * (1.0 + std::tanh(inner)));
    });
  return foldUnary(*this, adaptor.getInput(), [](double x) {
    return just(0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))));
  });
}

/// The i1 tensor of |input|'s shape that a per-element predicate returns.
static LogicalResult inferPredicate(MLIRContext *context, Value input,
                                    SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getRankedType(input);
  if (!type)
    return failure();
  return pushTensor(type.getShape(), IntegerType::get(context, 1), inferred);
}

LogicalResult IsNanOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  return inferPredicate(context, adaptor.getInput(), inferred);
}

LogicalResult IsInfOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  return inferPredicate(context, adaptor.getInput(), inferred);
}

void CastOp::build(OpBuilder &builder, OperationState &state, Value input,
                   Type elementType) {
  auto type = cast<RankedTensorType>(input.getType());
  build(builder, state, type.clone(elementType), input);
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return foldCastConstant(adaptor.getInput(), getType());
}

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

#define TESSERA_BROADCAST_INFER(OP)                                            \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> loc, \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &inferred) {        \
    return inferBroadcastResult(loc, getOperationName(),                       \
                                {adaptor.getLhs(), adaptor.getRhs()}, {},      \
                                inferred);                                     \
  }
TESSERA_BROADCAST_INFER(AddOp)
TESSERA_BROADCAST_INFER(SubOp)
TESSERA_BROADCAST_INFER(MulOp)
TESSERA_BROADCAST_INFER(DivOp)
TESSERA_BROADCAST_INFER(PowOp)
TESSERA_BROADCAST_INFER(MaxOp)
TESSERA_BROADCAST_INFER(MinOp)
TESSERA_BROADCAST_INFER(AndOp)
TESSERA_BROADCAST_INFER(OrOp)
TESSERA_BROADCAST_INFER(XorOp)
#undef TESSERA_BROADCAST_INFER

/// Returns |keep| if |other| is a splat of |identity| and the op's result has
/// |keep|'s type (the identity does not broadcast |keep| to a larger shape).
static Value foldIdentityOperand(Value result, Value keep, Attribute other,
                                 double identity) {
  if (isSplatOf(other, identity) && keep.getType() == result.getType())
    return keep;
  return {};
}

/// Folds a commutative op with |identity| on either side.
template <typename OpT>
static Value foldCommutativeIdentity(OpT op, Attribute lhs, Attribute rhs,
                                     double identity) {
  if (Value v = foldIdentityOperand(op, op.getLhs(), rhs, identity))
    return v;
  return foldIdentityOperand(op, op.getRhs(), lhs, identity);
}

/// The additive identity of |attr|'s element type: -0.0 for floats, since
/// -0.0 + 0.0 is +0.0 (x + 0.0 is not x), and 0 for integers.
static double additiveIdentity(Attribute attr) {
  auto typed = dyn_cast_if_present<TypedAttr>(attr);
  if (typed && isa<FloatType>(getElementTypeOrSelf(typed.getType())))
    return -0.0;
  return 0.0;
}

static std::optional<double> addF(double a, double b) { return a + b; }
static std::optional<APInt> addInt(const APInt &a, const APInt &b) {
  return a + b;
}
static std::optional<double> subF(double a, double b) { return a - b; }
static std::optional<APInt> subInt(const APInt &a, const APInt &b) {
  return a - b;
}
static std::optional<double> mulF(double a, double b) { return a * b; }
static std::optional<APInt> mulInt(const APInt &a, const APInt &b) {
  return a * b;
}
static std::optional<double> divF(double a, double b) { return a / b; }
static std::optional<APInt> divInt(const APInt &a, const APInt &b) {
  if (b.isZero() || (a.isMinSignedValue() && b.isAllOnes()))
    return std::nullopt; // Undefined: leave it to run time.
  return a.sdiv(b);
}
static std::optional<double> maxF(double a, double b) {
  return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b);
}
static std::optional<APInt> maxInt(const APInt &a, const APInt &b) {
  if (a.getBitWidth() == 1)
    return a | b;
  return a.sgt(b) ? a : b;
}
static std::optional<double> minF(double a, double b) {
  return std::isnan(a) || std::isnan(b) ? NAN : std::min(a, b);
}
static std::optional<APInt> minInt(const APInt &a, const APInt &b) {
  if (a.getBitWidth() == 1)
    return a & b;
  return a.slt(b) ? a : b;
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded = foldBinaryConstant(adaptor.getLhs(), adaptor.getRhs(),
                                            getType(), addF, addInt))
    return folded;
  Attribute lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
  if (Value v = foldIdentityOperand(*this, getLhs(), rhs, additiveIdentity(rhs)))
    return v;
  return foldIdentityOperand(*this, getRhs(), lhs, additiveIdentity(lhs));
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (Value v = foldIdentityOperand(*this, getLhs(), adaptor.getRhs(), 0.0))
    return v;
  return foldBinaryConstant(adaptor.getLhs(), adaptor.getRhs(), getType(), subF,
                            subInt);
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (Value v = foldCommutativeIdentity(*this, adaptor.getLhs(),
                                        adaptor.getRhs(), 1.0))
    return v;
  return foldBinaryConstant(adaptor.getLhs(), adaptor.getRhs(), getType(), mulF,
                            mulInt);
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (Value v = foldIdentityOperand(*this, getLhs(), adaptor.getRhs(), 1.0))
    return v;
  return foldBinaryConstant(adaptor.getLhs(), adaptor.getRhs(), getType(), divF,
                            divInt);
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  if (Value v = foldIdentityOperand(*this, getLhs(), adaptor.getRhs(), 1.0))
    return v;
  return foldBinaryConstant(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](double a, double b) { return just(std::pow(a, b)); }, nullptr);
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldBinaryConstant(adaptor.getLhs(), adaptor.getRhs(), getType(), maxF,
                            maxInt);
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldBinaryConstant(adaptor.getLhs(), adaptor.getRhs(), getType(), minF,
                            minInt);
}

OpFoldResult AndOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldBinaryConstant(
      adaptor.getLhs(), adaptor.getRhs(), getType(), nullptr,
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a & b;
      });
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldBinaryConstant(
      adaptor.getLhs(), adaptor.getRhs(), getType(), nullptr,
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a | b;
      });
}

OpFoldResult XorOp::fold(FoldAdaptor adaptor) {
  return foldBinaryConstant(
      adaptor.getLhs(), adaptor.getRhs(), getType(), nullptr,
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a ^ b;
      });
}

LogicalResult ModOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  RankedTensorType lhs = getRankedType(adaptor.getLhs());
  if (!lhs)
    return failure();
  if (isa<FloatType>(lhs.getElementType()) && !adaptor.getFmod())
    return OpErrorEmitter{loc, getOperationName()}()
           << "expected 'fmod' for floating-point operands, got "
           << lhs.getElementType();
  return inferBroadcastResult(loc, getOperationName(),
                              {adaptor.getLhs(), adaptor.getRhs()}, {},
                              inferred);
}

LogicalResult CompareOp::inferReturnTypes(MLIRContext *context,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  if (failed(verifySameElementType({adaptor.getLhs(), adaptor.getRhs()},
                                   "operands",
                                   OpErrorEmitter{loc, getOperationName()})))
    return failure();
  return inferBroadcastResult(loc, getOperationName(),
                              {adaptor.getLhs(), adaptor.getRhs()},
                              IntegerType::get(context, 1), inferred);
}

//===----------------------------------------------------------------------===//
// Ternary ops
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  RankedTensorType t = getRankedType(adaptor.getTrueValue());
  RankedTensorType f = getRankedType(adaptor.getFalseValue());
  if (!t || !f)
    return failure();
  if (t.getElementType() != f.getElementType())
    return OpErrorEmitter{loc, getOperationName()}()
           << "expected true and false values of the same element type, got "
           << t.getElementType() << " and " << f.getElementType();
  return inferBroadcastResult(
      loc, getOperationName(),
      {adaptor.getCondition(), adaptor.getTrueValue(), adaptor.getFalseValue()},
      t.getElementType(), inferred);
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  Value chosen;
  if (getTrueValue() == getFalseValue())
    chosen = getTrueValue();
  else if (isSplatOf(adaptor.getCondition(), 1.0))
    chosen = getTrueValue();
  else if (isSplatOf(adaptor.getCondition(), 0.0))
    chosen = getFalseValue();
  if (chosen && chosen.getType() == getType())
    return chosen;
  return {};
}

LogicalResult ClampOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  RankedTensorType input = getRankedType(adaptor.getInput());
  RankedTensorType min = getRankedType(adaptor.getMin());
  RankedTensorType max = getRankedType(adaptor.getMax());
  if (!input || !min || !max)
    return failure();
  if (failed(verifySameElementType(
          {adaptor.getInput(), adaptor.getMin(), adaptor.getMax()}, "operands",
          OpErrorEmitter{loc, getOperationName()})))
    return failure();
  for (RankedTensorType bound : {min, max})
    if (!isBroadcastableTo(bound.getShape(), input.getShape()))
      return OpErrorEmitter{loc, getOperationName()}()
             << "bound shape " << formatShape(bound.getShape())
             << " does not broadcast to the input shape "
             << formatShape(input.getShape());
  inferred.push_back(input);
  return success();
}
