//===- FoldTransposes.cpp - The tessera-fold-transposes pass --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// tessera-fold-transposes removes transposes, which are copies at run time.
// Four rules, applied greedily together with the folders of transpose and
// reshape (which already compose transpose∘transpose and reshape∘reshape):
// (1) a transpose that keeps the dimensions of size > 1 in their order moves
// no data and becomes a reshape; (2) a matmul operand that is a transpose
// swapping the last two dimensions (possibly also moving unit dimensions)
// reads the transpose's input with the operand's transpose flag toggled,
// even when the transpose has other users (the flag costs nothing; the
// transpose goes only once dead); (3) transpose∘reshape∘transpose, where the
// reshape only inserts or removes unit dimensions, becomes one reshape plus
// at most one transpose; (4) a transpose followed by a chain of elementwise
// ops (unary, or whose other operands are single elements, splat constants
// or transposes by the same permutation) that ends in another transpose or a
// matmul sinks below the chain, where it cancels or composes with that
// transpose (or becomes a matmul flag); likewise an elementwise op of two
// transposes by the same permutation becomes one transpose of the op.
// Constant transposes are folded by tessera-simplify.
//
//===----------------------------------------------------------------------===//

#include "ir/TesseraOps.h"
#include "passes/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#define DEBUG_TYPE "tessera-fold-transposes"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERAFOLDTRANSPOSES
#include "passes/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// The dimensions of |shape| whose size is not 1, in order.
static SmallVector<int64_t> nonUnitDims(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> dims;
  for (auto [d, size] : llvm::enumerate(shape))
    if (size != 1)
      dims.push_back(d);
  return dims;
}

/// True if transposing |shape| by |perm| keeps the dimensions of size > 1 in
/// their order, so that the row-major data does not move.
static bool keepsDataOrder(ArrayRef<int64_t> shape, ArrayRef<int64_t> perm) {
  int64_t last = -1;
  for (int64_t source : perm) {
    if (shape[source] == 1)
      continue;
    if (source < last)
      return false;
    last = source;
  }
  return true;
}

/// True if |op| is a reshape that only inserts or removes unit dimensions.
static bool isUnitReshape(ReshapeOp op) {
  auto sizes = [](ArrayRef<int64_t> shape) {
    SmallVector<int64_t> result;
    for (int64_t size : shape)
      if (size != 1)
        result.push_back(size);
    return result;
  };
  return sizes(op.getInput().getType().getShape()) ==
         sizes(op.getType().getShape());
}

/// |value| reshaped to |type|'s shape (|value| itself when it has that type).
static Value reshapeTo(PatternRewriter &rewriter, Location loc, Value value,
                       RankedTensorType type) {
  if (value.getType() == type)
    return value;
  return rewriter.create<ReshapeOp>(loc, type, value);
}

//===----------------------------------------------------------------------===//
// Rule 1: transposes that move no data
//===----------------------------------------------------------------------===//

/// transpose(x) -> reshape(x) when the non-unit dimensions keep their order.
struct TransposeAsReshape : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    if (!keepsDataOrder(op.getInput().getType().getShape(), op.getPerm()))
      return rewriter.notifyMatchFailure(op, "moves data");
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), op.getInput());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Rule 2: transposes into matmul flags
//===----------------------------------------------------------------------===//

/// For a matmul operand `transpose(x, perm)` (rank >= 2): the same
/// permutation with the last two entries swapped, when transposing by it
/// keeps x's data in place, i.e. when the transpose is a swap of the last two
/// dimensions up to unit dimensions. Empty otherwise, and for a transpose
/// that moves no data (rule 1 makes it a reshape, and the matmul a plain
/// one).
static SmallVector<int64_t> matmulFoldablePerm(TransposeOp op) {
  SmallVector<int64_t> perm(op.getPerm());
  if (perm.size() < 2 ||
      keepsDataOrder(op.getInput().getType().getShape(), perm))
    return {};
  std::swap(perm[perm.size() - 1], perm[perm.size() - 2]);
  if (!keepsDataOrder(op.getInput().getType().getShape(), perm))
    return {};
  return perm;
}

/// matmul(transpose(a), b) -> matmul(a, b) transpose_lhs (and likewise rhs,
/// toggling the flag) when the transpose swaps the last two dimensions.
struct TransposeIntoMatmul : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    for (OpOperand *operand : {&op.getLhsMutable(), &op.getRhsMutable()}) {
      auto transpose = operand->get().getDefiningOp<TransposeOp>();
      if (!transpose)
        continue;
      SmallVector<int64_t> perm = matmulFoldablePerm(transpose);
      if (perm.empty())
        continue;
      // The transpose's input, with the unit dimensions where the swapped
      // operand expects them.
      auto type = cast<RankedTensorType>(operand->get().getType());
      SmallVector<int64_t> shape(type.getShape());
      std::swap(shape[shape.size() - 1], shape[shape.size() - 2]);
      Value input = reshapeTo(rewriter, op.getLoc(), transpose.getInput(),
                              type.clone(shape));
      bool isLhs = operand == &op.getLhsMutable();
      rewriter.modifyOpInPlace(op, [&] {
        operand->set(input);
        if (isLhs)
          op.setTransposeLhs(!op.getTransposeLhs());
        else
          op.setTransposeRhs(!op.getTransposeRhs());
      });
      return success();
    }
    return rewriter.notifyMatchFailure(op, "no foldable transposed operand");
  }
};

//===----------------------------------------------------------------------===//
// Rule 3: transposes around unit reshapes
//===----------------------------------------------------------------------===//

/// transpose(reshape(transpose(x, p)), q) with a reshape that only inserts or
/// removes unit dimensions: the non-unit dimensions of x end up in some order
/// in the result; reshape x to the result's shape with them in x's order,
/// then transpose them into place (no transpose when the order is x's).
struct TransposeUnitReshapeTranspose : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto reshape = op.getInput().getDefiningOp<ReshapeOp>();
    auto inner = reshape ? reshape.getInput().getDefiningOp<TransposeOp>()
                         : TransposeOp();
    if (!inner || !isUnitReshape(reshape))
      return rewriter.notifyMatchFailure(op, "no transpose-reshape chain");
    TypedValue<RankedTensorType> x = inner.getInput();
    ArrayRef<int64_t> xShape = x.getType().getShape();
    // The source dimension of x of each non-unit dimension, through the
    // inner transpose, the reshape (which keeps non-unit dimensions in
    // order) and this transpose.
    SmallVector<int64_t> afterInner;
    for (int64_t source : inner.getPerm())
      if (xShape[source] != 1)
        afterInner.push_back(source);
    ArrayRef<int64_t> reshaped = reshape.getType().getShape();
    SmallVector<int64_t> sourceOf(reshaped.size(), -1);
    for (auto [k, d] : llvm::enumerate(nonUnitDims(reshaped)))
      sourceOf[d] = afterInner[k];
    ArrayRef<int64_t> resultShape = op.getType().getShape();
    SmallVector<int64_t> positions = nonUnitDims(resultShape);
    SmallVector<int64_t> xOrder = nonUnitDims(xShape);
    // Reshape x to the result's shape with its non-unit dimensions in x's
    // order; |perm| then moves each to its position.
    SmallVector<int64_t> shape(resultShape.size(), 1);
    SmallVector<int64_t> perm = llvm::to_vector(
        llvm::seq<int64_t>(0, static_cast<int64_t>(resultShape.size())));
    for (auto [k, position] : llvm::enumerate(positions)) {
      shape[position] = xShape[xOrder[k]];
      int64_t source = sourceOf[op.getPerm()[position]];
      int64_t rank = llvm::find(xOrder, source) - xOrder.begin();
      perm[position] = positions[rank];
    }
    bool identity = llvm::equal(perm, llvm::seq<int64_t>(0, perm.size()));
    if (!identity && !(inner->hasOneUse() && reshape->hasOneUse()))
      return rewriter.notifyMatchFailure(op, "would not remove a transpose");
    Value y = reshapeTo(rewriter, op.getLoc(), x, op.getType().clone(shape));
    if (identity)
      rewriter.replaceOp(op, y);
    else
      rewriter.replaceOpWithNewOp<TransposeOp>(op, y, perm);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Rule 4: sinking transposes through elementwise ops
//===----------------------------------------------------------------------===//

/// How an operand of an elementwise op reads once its transposed operands
/// (transposes by |perm|) read their inputs: the same value when it is a
/// single element (it broadcasts alike), the input of a transpose by |perm|,
/// or a splat constant of the untransposed shape |shape|. Null when none
/// applies. Without a |rewriter| nothing is created (the splat case returns
/// |operand|): a check.
static Value untransposedOperand(PatternRewriter *rewriter, Value operand,
                                 ArrayRef<int64_t> perm,
                                 ArrayRef<int64_t> resultShape,
                                 ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(operand.getType());
  if (type.getNumElements() == 1 &&
      type.getRank() <= static_cast<int64_t>(resultShape.size()))
    return operand;
  if (type.getShape() != resultShape)
    return {};
  if (auto transpose = operand.getDefiningOp<TransposeOp>())
    if (transpose.getPerm() == perm)
      return transpose.getInput();
  auto constant = operand.getDefiningOp<ConstantOp>();
  auto splat = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                        : DenseElementsAttr();
  if (!splat || !splat.isSplat())
    return {};
  if (!rewriter)
    return operand;
  return rewriter->create<ConstantOp>(
      constant.getLoc(),
      cast<ElementsAttr>(splat.resizeSplat(type.clone(shape))));
}

/// The one op that uses |value| (possibly as several operands), or null.
static Operation *getSingleUser(Value value) {
  if (value.use_empty())
    return nullptr;
  Operation *user = *value.getUsers().begin();
  return llvm::all_of(value.getUsers(),
                      [&](Operation *other) { return other == user; })
             ? user
             : nullptr;
}

/// True if |op| is a single-result elementwise op whose result has the shape
/// of |operand|, one of its operands (it does not broadcast it).
static bool isSinkable(Operation *op, Value operand) {
  if (!op->hasTrait<TesseraElementwise>() || op->getNumResults() != 1 ||
      op->getNumRegions() != 0)
    return false;
  return cast<ShapedType>(op->getResult(0).getType()).getShape() ==
         cast<ShapedType>(operand.getType()).getShape();
}

/// Whether |op| can compute on untransposed operands, where |known| are the
/// operands whose untransposed form is already known.
static bool canUntranspose(Operation *op, ArrayRef<int64_t> perm,
                           ArrayRef<int64_t> shape, ArrayRef<Value> known) {
  ArrayRef<int64_t> resultShape =
      cast<ShapedType>(op->getResult(0).getType()).getShape();
  return llvm::all_of(op->getOperands(), [&](Value operand) {
    return llvm::is_contained(known, operand) ||
           untransposedOperand(nullptr, operand, perm, resultShape, shape);
  });
}

/// Recreates the elementwise |op| (checked by canUntranspose) on
/// untransposed operands of shape |shape|: |mapping| holds the untransposed
/// form of already rewritten operands and receives the new result.
static Value untransposeOp(PatternRewriter &rewriter, Operation *op,
                           ArrayRef<int64_t> perm, ArrayRef<int64_t> shape,
                           IRMapping &mapping) {
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  IRMapping operands = mapping;
  for (Value operand : op->getOperands())
    if (!operands.contains(operand))
      operands.map(operand, untransposedOperand(&rewriter, operand, perm,
                                                resultType.getShape(), shape));
  Operation *clone = rewriter.clone(*op, operands);
  clone->getResult(0).setType(resultType.clone(shape));
  mapping.map(op->getResult(0), clone->getResult(0));
  return clone->getResult(0);
}

/// transpose(x, p) -> e1 -> ... -> en -> transpose or matmul, through
/// single-use elementwise ops: the chain computes on x and the transpose by
/// p moves below en, where it composes with the final transpose or becomes
/// a matmul flag.
struct SinkTransposeThroughChain : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<Operation *> chain;
    Value current = op.getResult();
    bool found = false;
    while (Operation *user = getSingleUser(current)) {
      found = isa<TransposeOp>(user) ||
              (isa<MatmulOp>(user) && !matmulFoldablePerm(op).empty());
      if (found || !isSinkable(user, current))
        break;
      chain.push_back(user);
      current = user->getResult(0);
    }
    if (!found || chain.empty())
      return rewriter.notifyMatchFailure(op, "no transpose below the chain");
    ArrayRef<int64_t> perm = op.getPerm();
    ArrayRef<int64_t> shape = op.getInput().getType().getShape();
    SmallVector<Value> known = {op.getResult()};
    for (Operation *element : chain) {
      if (!canUntranspose(element, perm, shape, known))
        return rewriter.notifyMatchFailure(element, "operand not sinkable");
      known.push_back(element->getResult(0));
    }
    IRMapping mapping;
    mapping.map(op.getResult(), op.getInput());
    Value untransposed;
    for (Operation *element : chain)
      untransposed = untransposeOp(rewriter, element, perm, shape, mapping);
    rewriter.replaceOpWithNewOp<TransposeOp>(chain.back(), untransposed, perm);
    return success();
  }
};

/// e(transpose(a, p), transpose(b, p), ...) -> transpose(e(a, b, ...), p)
/// when at least two distinct transposes only feed e (two copies become
/// one); other operands are single elements or splat constants.
struct HoistTransposedOperands : RewritePattern {
  HoistTransposedOperands(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    TransposeOp first;
    llvm::SmallPtrSet<Operation *, 4> removed;
    for (Value operand : op->getOperands()) {
      auto transpose = operand.getDefiningOp<TransposeOp>();
      if (!transpose || !isSinkable(op, operand) ||
          (first && transpose.getPerm() != first.getPerm()))
        continue;
      first = first ? first : transpose;
      if (llvm::all_of(transpose->getUsers(),
                       [&](Operation *user) { return user == op; }))
        removed.insert(transpose);
    }
    if (removed.size() < 2)
      return rewriter.notifyMatchFailure(op, "fewer than two transposes go");
    ArrayRef<int64_t> perm = first.getPerm();
    ArrayRef<int64_t> shape = first.getInput().getType().getShape();
    if (!canUntranspose(op, perm, shape, {}))
      return rewriter.notifyMatchFailure(op, "operand not untransposable");
    IRMapping mapping;
    Value untransposed = untransposeOp(rewriter, op, perm, shape, mapping);
    rewriter.replaceOpWithNewOp<TransposeOp>(op, untransposed, perm);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct TesseraFoldTransposesPass final
    : mlir::tessera::impl::TesseraFoldTransposesBase<
          TesseraFoldTransposesPass> {
  using Base::Base;

  void runOnOperation() override {
    auto countTransposes = [&] {
      int64_t count = 0;
      getOperation().walk([&](TransposeOp) { ++count; });
      return count;
    };
    int64_t before = countTransposes();
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    patterns.add<TransposeAsReshape, TransposeIntoMatmul,
                 TransposeUnitReshapeTranspose, SinkTransposeThroughChain,
                 HoistTransposedOperands>(context);
    GreedyRewriteConfig config;
    config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
    (void)applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                       config);
    numFolded += std::max<int64_t>(0, before - countTransposes());
  }
};

} // namespace
