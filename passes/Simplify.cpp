//===- Simplify.cpp - The tessera-simplify pass ---------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// tessera-simplify applies, greedily until nothing changes, the folders and
// canonicalization patterns of every tessera op plus three groups of graph
// simplifications. (1) Constant folding with the CPU reference evaluator, so
// that a folded constant is exactly what evaluating the op would give: an op
// whose operands are all constants is evaluated when its result has at most
// `fold-limit` elements, when it is elementwise on splats (then evaluated on
// one element and kept as a splat), or when it is a layout or elementwise op
// on constants used by nothing else and its result is no larger than them
// (the weights do not grow). (2) Algebraic rewrites that are exact in IEEE
// arithmetic, NaN, infinities and signed zeros included: `x * -1` to
// `neg x`, division by a constant with an exact reciprocal to a product,
// `x + neg y` to `x - y`, `x - neg y` to `x + y`, `neg a * neg b` to
// `a * b`, `pow(x, 2)` to `x * x` (f32, f16, bf16, whose square is exact in
// the compute type), cast of a cast through a type that represents every
// input value exactly to one cast, `select(not c, a, b)` to
// `select(c, b, a)`, clamps with infinite bounds to max/min, `max(x, +0)` to
// relu, and broadcast_to operands that an elementwise op would broadcast
// anyway. `x * 0` and `x - x` are never rewritten (NaN and infinities).
// (3) Dead ops (every tessera op is pure) disappear. The importer already
// drops Identity and Dropout and turns Gemm into matmul + bias.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/Evaluator.h"
#include "ir/ConstantFold.h"
#include "ir/TesseraOps.h"
#include "passes/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/Debug.h"

#include <cmath>

#define DEBUG_TYPE "tessera-simplify"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERASIMPLIFY
#include "passes/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

//===----------------------------------------------------------------------===//
// Constant folding through the reference evaluator
//===----------------------------------------------------------------------===//

/// The value of |value| when a tessera.constant defines it, else null.
static ElementsAttr getConstantValue(Value value) {
  auto constant = value.getDefiningOp<ConstantOp>();
  return constant ? constant.getValue() : ElementsAttr();
}

/// True if |attr| is a splat dense constant.
static bool isSplat(ElementsAttr attr) {
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  return dense && dense.isSplat();
}

/// The size in bytes of a tensor of |type| (i1 counts one byte).
static int64_t byteSizeOf(Type type) {
  auto shaped = cast<ShapedType>(type);
  return shaped.getNumElements() *
         std::max<int64_t>(1, shaped.getElementTypeBitWidth() / 8);
}

/// Folds an elementwise |op| whose operands are all splats: every result
/// element applies the same function to the same values, so a copy of the op
/// on one-element tensors of the same ranks computes it once.
static FailureOr<SmallVector<Attribute>>
foldSplatElementwise(Operation *op, ArrayRef<ElementsAttr> values) {
  auto unitType = [](Type type) {
    auto ranked = cast<RankedTensorType>(type);
    return ranked.clone(SmallVector<int64_t>(ranked.getRank(), 1));
  };
  Block scratch;
  IRMapping mapping;
  SmallVector<HostTensor> operands;
  for (auto [operand, value] : llvm::zip(op->getOperands(), values)) {
    RankedTensorType type = unitType(operand.getType());
    if (!mapping.contains(operand))
      mapping.map(operand, scratch.addArgument(type, op->getLoc()));
    FailureOr<HostTensor> tensor = toHostTensor(
        cast<DenseElementsAttr>(value).resizeSplat(cast<ShapedType>(type)));
    if (failed(tensor))
      return failure();
    operands.push_back(std::move(*tensor));
  }
  Operation *unitOp = op->clone(mapping);
  for (OpResult result : unitOp->getResults())
    result.setType(unitType(result.getType()));
  FailureOr<SmallVector<HostTensor>> results =
      evaluateOpQuietly(unitOp, operands);
  unitOp->destroy();
  if (failed(results))
    return failure();
  SmallVector<Attribute> folded;
  for (auto [result, tensor] : llvm::zip(op->getResults(), *results)) {
    auto one = cast<DenseElementsAttr>(
        toElementsAttr(tensor, op->getContext(), "folded"));
    folded.push_back(one.resizeSplat(cast<ShapedType>(result.getType())));
  }
  return folded;
}

/// Ops whose evaluation takes time linear in their operands and results, so
/// that folding them on large constants stays cheap.
static bool isLinearTimeOp(Operation *op) {
  return op->hasTrait<TesseraElementwise>() ||
         isa<ReshapeOp, TransposeOp, SliceOp, ConcatOp, GatherOp>(op);
}

/// Replaces an op whose operands are all tessera.constants by the constants
/// of its results, computed by the reference evaluator. It folds when the
/// results are small (at most |foldLimit| elements), when an elementwise op
/// on splats gives splats, or when a linear-time op reads constants nothing
/// else uses and its results are no larger than them.
struct EvaluateOnConstants : RewritePattern {
  EvaluateOnConstants(MLIRContext *context, int64_t foldLimit)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context),
        foldLimit(foldLimit) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa_and_nonnull<TesseraDialect>(op->getDialect()) ||
        op->getNumResults() == 0 || op->getNumRegions() != 0 ||
        isa<ConstantOp>(op))
      return rewriter.notifyMatchFailure(op, "not a foldable tessera op");
    SmallVector<ElementsAttr> values;
    bool allSplat = true, onlyUser = true;
    int64_t operandBytes = 0;
    for (Value operand : op->getOperands()) {
      ElementsAttr value = getConstantValue(operand);
      if (!value)
        return rewriter.notifyMatchFailure(op, "an operand is not constant");
      values.push_back(value);
      allSplat &= isSplat(value);
      onlyUser &= llvm::all_of(operand.getUsers(),
                               [&](Operation *user) { return user == op; });
      operandBytes += byteSizeOf(operand.getType());
    }
    int64_t resultElements = 0, resultBytes = 0;
    for (Type type : op->getResultTypes()) {
      resultElements += cast<ShapedType>(type).getNumElements();
      resultBytes += byteSizeOf(type);
    }

    SmallVector<Attribute> folded;
    if (allSplat && op->hasTrait<TesseraElementwise>()) {
      FailureOr<SmallVector<Attribute>> splats =
          foldSplatElementwise(op, values);
      if (failed(splats))
        return rewriter.notifyMatchFailure(op, "no value on splats");
      folded = std::move(*splats);
    } else {
      bool small = resultElements <= foldLimit;
      bool shrinks =
          onlyUser && isLinearTimeOp(op) && resultBytes <= operandBytes;
      if (!small && !shrinks)
        return rewriter.notifyMatchFailure(op, "result too large to fold");
      SmallVector<HostTensor> operands;
      for (ElementsAttr value : values) {
        FailureOr<HostTensor> tensor = toHostTensor(value);
        if (failed(tensor))
          return rewriter.notifyMatchFailure(op, "unreadable constant");
        operands.push_back(std::move(*tensor));
      }
      FailureOr<SmallVector<HostTensor>> results =
          evaluateOpQuietly(op, operands);
      if (failed(results))
        return rewriter.notifyMatchFailure(op, "no reference value");
      for (const HostTensor &tensor : *results)
        folded.push_back(toElementsAttr(tensor, op->getContext(), "folded"));
    }

    SmallVector<Value> replacements;
    for (Attribute attr : folded)
      replacements.push_back(
          rewriter.create<ConstantOp>(op->getLoc(), cast<ElementsAttr>(attr)));
    rewriter.replaceOp(op, replacements);
    return success();
  }

  int64_t foldLimit;
};

//===----------------------------------------------------------------------===//
// Exact algebraic simplifications
//===----------------------------------------------------------------------===//

/// True if |value| is a splat constant equal to |x| (sign of zero included).
static bool isSplatConstant(Value value, double x) {
  return isSplatOf(getConstantValue(value), x);
}

/// The operand of |op| other than |operand| (binary ops).
static Value otherOperand(Operation *op, Value operand) {
  return op->getOperand(0) == operand ? op->getOperand(1) : op->getOperand(0);
}

/// True if |type| is f32, f16 or bf16: types whose square of an element is
/// exact in the evaluator's compute type (double for f32, float for f16 and
/// bf16), so that pow(x, 2) and x * x round the same value.
static bool hasExactSquares(Type type) {
  Type element = getElementTypeOrSelf(type);
  return element.isF32() || element.isF16() || element.isBF16();
}

/// `x * -1` (either side, x not broadcast) is `neg x`, also for integers
/// (both wrap).
struct MulByMinusOne : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    for (Value x : {op.getLhs(), op.getRhs()}) {
      if (x.getType() != op.getType() ||
          !isSplatConstant(otherOperand(op, x), -1.0))
        continue;
      rewriter.replaceOpWithNewOp<NegOp>(op, x);
      return success();
    }
    return rewriter.notifyMatchFailure(op, "no -1 factor");
  }
};

/// `x / c` with a float splat `c` whose reciprocal is exact (a power of two)
/// is `x * (1 / c)`: both round the same real number.
struct DivByExactReciprocal : OpRewritePattern<DivOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DivOp op,
                                PatternRewriter &rewriter) const override {
    auto divisor =
        dyn_cast_if_present<DenseElementsAttr>(getConstantValue(op.getRhs()));
    if (!divisor || !divisor.isSplat() ||
        !isa<FloatType>(divisor.getElementType()))
      return rewriter.notifyMatchFailure(op, "divisor is not a float splat");
    APFloat c = divisor.getSplatValue<APFloat>();
    if (!c.isFiniteNonZero() || c.isExactlyValue(1.0))
      return rewriter.notifyMatchFailure(op, "divisor is 0, inf, NaN or 1");
    APFloat reciprocal(c.getSemantics(), 1);
    if (reciprocal.divide(c, APFloat::rmNearestTiesToEven) != APFloat::opOK)
      return rewriter.notifyMatchFailure(op, "reciprocal is not exact");
    auto factor = rewriter.create<ConstantOp>(
        op.getLoc(), cast<ElementsAttr>(DenseElementsAttr::get(
                         divisor.getType(), reciprocal)));
    rewriter.replaceOpWithNewOp<MulOp>(op, op.getLhs(), factor);
    return success();
  }
};

/// `x + neg y` and `neg y + x` are `x - y`; IEEE subtraction is addition of
/// the negation.
struct AddOfNeg : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    for (Value operand : {op.getRhs(), op.getLhs()}) {
      auto neg = operand.getDefiningOp<NegOp>();
      if (!neg)
        continue;
      rewriter.replaceOpWithNewOp<SubOp>(op, otherOperand(op, operand),
                                         neg.getInput());
      return success();
    }
    return rewriter.notifyMatchFailure(op, "no negated operand");
  }
};

/// `x - neg y` is `x + y`.
struct SubOfNeg : OpRewritePattern<SubOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SubOp op,
                                PatternRewriter &rewriter) const override {
    auto neg = op.getRhs().getDefiningOp<NegOp>();
    if (!neg)
      return rewriter.notifyMatchFailure(op, "subtrahend is not negated");
    rewriter.replaceOpWithNewOp<AddOp>(op, op.getLhs(), neg.getInput());
    return success();
  }
};

/// `neg a * neg b` is `a * b` (the signs cancel exactly; integers wrap the
/// same way).
struct MulOfNegs : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    auto lhs = op.getLhs().getDefiningOp<NegOp>();
    auto rhs = op.getRhs().getDefiningOp<NegOp>();
    if (!lhs || !rhs)
      return rewriter.notifyMatchFailure(op, "not both factors negated");
    rewriter.replaceOpWithNewOp<MulOp>(op, lhs.getInput(), rhs.getInput());
    return success();
  }
};

/// `pow(x, 2)` is `x * x` where the square is exact in the compute type.
struct PowOfTwo : OpRewritePattern<PowOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PowOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasExactSquares(op.getType()) ||
        op.getLhs().getType() != op.getType() ||
        !isSplatConstant(op.getRhs(), 2.0))
      return rewriter.notifyMatchFailure(op, "not an exact square");
    rewriter.replaceOpWithNewOp<MulOp>(op, op.getLhs(), op.getLhs());
    return success();
  }
};

/// True if every value of element type |from| is exactly a value of |to|.
static bool isExactConversion(Type from, Type to) {
  if (from == to || from.isInteger(1))
    return true;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (fromFloat && toFloat)
    return (fromFloat.isF16() || fromFloat.isBF16() || fromFloat.isF32()) &&
           (toFloat.isF32() || toFloat.isF64()) &&
           fromFloat.getWidth() < toFloat.getWidth();
  if (fromFloat)
    return false;
  unsigned width = from.getIntOrFloatBitWidth();
  if (toFloat) // Magnitudes up to 2^(width-1) need width-1 significant bits.
    return APFloat::semanticsPrecision(toFloat.getFloatSemantics()) >=
           width - 1;
  return to.getIntOrFloatBitWidth() > width;
}

/// `cast(cast(x : A -> B) -> C)` is `cast(x : A -> C)` when B holds every
/// value of A exactly: every cast rule depends only on the value.
struct CastOfExactCast : OpRewritePattern<CastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CastOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<CastOp>();
    if (!inner ||
        !isExactConversion(getElementTypeOrSelf(inner.getInput().getType()),
                           getElementTypeOrSelf(inner.getType())))
      return rewriter.notifyMatchFailure(op, "no exact inner cast");
    rewriter.replaceOpWithNewOp<CastOp>(op, op.getType(), inner.getInput());
    return success();
  }
};

/// `select(not c, a, b)` is `select(c, b, a)`.
struct SelectOfNot : OpRewritePattern<SelectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SelectOp op,
                                PatternRewriter &rewriter) const override {
    auto negated = op.getCondition().getDefiningOp<NotOp>();
    if (!negated)
      return rewriter.notifyMatchFailure(op, "condition is not negated");
    rewriter.replaceOpWithNewOp<SelectOp>(
        op, negated.getInput(), op.getFalseValue(), op.getTrueValue());
    return success();
  }
};

/// A float clamp with an infinite bound is the max (or min) with the other
/// bound: min(y, +inf) = y and max(y, -inf) = y even for NaN and -0.
struct ClampWithInfiniteBound : OpRewritePattern<ClampOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ClampOp op,
                                PatternRewriter &rewriter) const override {
    if (!isa<FloatType>(getElementTypeOrSelf(op.getType())))
      return rewriter.notifyMatchFailure(op, "not a float clamp");
    if (isSplatConstant(op.getMax(), INFINITY)) {
      rewriter.replaceOpWithNewOp<MaxOp>(op, op.getInput(), op.getMin());
      return success();
    }
    if (isSplatConstant(op.getMin(), -INFINITY)) {
      rewriter.replaceOpWithNewOp<MinOp>(op, op.getInput(), op.getMax());
      return success();
    }
    return rewriter.notifyMatchFailure(op, "bounds are finite");
  }
};

/// `max(x, +0)` is `relu x` (relu is the IEEE maximum with +0), and
/// `max(x, -inf)` / `min(x, +inf)` are `x` (x not broadcast).
struct MaxMinWithConstant : RewritePattern {
  MaxMinWithConstant(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    bool isMax = isa<MaxOp>(op);
    if (!isMax && !isa<MinOp>(op))
      return rewriter.notifyMatchFailure(op, "not max or min");
    bool isFloat = isa<FloatType>(getElementTypeOrSelf(op->getResult(0)));
    for (Value x : op->getOperands()) {
      if (x.getType() != op->getResult(0).getType())
        continue;
      Value other = otherOperand(op, x);
      if (isFloat && isSplatConstant(other, isMax ? -INFINITY : INFINITY)) {
        rewriter.replaceOp(op, x);
        return success();
      }
      if (isMax && isSplatConstant(other, 0.0)) {
        rewriter.replaceOpWithNewOp<ReluOp>(op, x);
        return success();
      }
    }
    return rewriter.notifyMatchFailure(op, "no neutral constant");
  }
};

/// An elementwise op reading a broadcast_to that its own NumPy broadcasting
/// would do anyway (the result type is unchanged) reads the broadcast's
/// input instead, which saves materializing the larger tensor.
struct BroadcastIntoElementwise : RewritePattern {
  BroadcastIntoElementwise(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    auto inferable = dyn_cast<InferTypeOpInterface>(op);
    if (!inferable || !op->hasTrait<TesseraElementwise>() ||
        op->getNumOperands() < 2)
      return rewriter.notifyMatchFailure(op, "not a broadcasting op");
    for (OpOperand &operand : op->getOpOperands()) {
      auto broadcast = operand.get().getDefiningOp<BroadcastToOp>();
      if (!broadcast)
        continue;
      SmallVector<Value> operands(op->getOperands());
      operands[operand.getOperandNumber()] = broadcast.getInput();
      SmallVector<Type> inferred;
      if (failed(inferable.inferReturnTypes(
              op->getContext(), std::nullopt, operands,
              op->getRawDictionaryAttrs(), op->getPropertiesStorage(),
              op->getRegions(), inferred)) ||
          TypeRange(inferred) != op->getResultTypes())
        continue;
      rewriter.modifyOpInPlace(op, [&] { operand.set(broadcast.getInput()); });
      return success();
    }
    return rewriter.notifyMatchFailure(op, "no redundant broadcast");
  }
};

/// Counts the ops replaced by constants (folded or evaluated).
struct FoldCounter : RewriterBase::Listener {
  void notifyOperationReplaced(Operation *op, ValueRange values) override {
    if (!isa<ConstantOp>(op) && !values.empty() &&
        llvm::all_of(
            values, [](Value v) { return v && v.getDefiningOp<ConstantOp>(); }))
      ++count;
  }
  int64_t count = 0;
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct TesseraSimplifyPass final
    : mlir::tessera::impl::TesseraSimplifyBase<TesseraSimplifyPass> {
  using Base::Base;

  void runOnOperation() override {
    if (foldLimit < 0) {
      getOperation().emitError()
          << "expected fold-limit >= 0, got " << foldLimit.getValue();
      return signalPassFailure();
    }
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    for (RegisteredOperationName name : context->getRegisteredOperations())
      if (name.getDialectNamespace() == TesseraDialect::getDialectNamespace())
        name.getCanonicalizationPatterns(patterns, context);
    patterns.add<EvaluateOnConstants>(context, foldLimit);
    patterns
        .add<MulByMinusOne, DivByExactReciprocal, AddOfNeg, SubOfNeg, MulOfNegs,
             PowOfTwo, CastOfExactCast, SelectOfNot, ClampWithInfiniteBound,
             MaxMinWithConstant, BroadcastIntoElementwise>(context);

    FoldCounter counter;
    GreedyRewriteConfig config;
    config.listener = &counter;
    config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
    // Like --canonicalize, stop after maxIterations rounds without failing:
    // what has been simplified so far is still correct.
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                            config)))
      LLVM_DEBUG(llvm::dbgs() << "simplification did not converge\n");
    numFolded += counter.count;
  }
};

} // namespace
