//===- FoldBatchNorm.cpp - The tessera-fold-batch-norm pass ---------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// tessera-fold-batch-norm folds an inference batch norm into the contraction
// that produces its input, so that the normalization costs nothing at run
// time. Batch norm maps channel `m` (dimension 1) by `y = x * k[m] + c[m]`
// with `k = scale / sqrt(variance + epsilon)` and `c = bias - mean * k`. When
// `x = conv(input, W, b)`, scaling output channel `m` of the weights by
// `k[m]` gives `conv(input, W', b')` with `W'[m] = W[m] * k[m]` and
// `b'[m] = (b[m] - mean[m]) * k[m] + bias[m]` (b = 0 without a bias). When
// `x = matmul(a, W) [+ c]` has rank 2, dimension 1 is the matmul's N, so the
// columns of W scale the same way and the batch norm becomes
// `matmul(a, W') + b'`. Everything is computed in double and rounded once to
// the element type; large weights stay dense_resource blobs. The fold needs
// constant weights, bias and statistics, and a conv/matmul (and bias add)
// whose only user is the batch norm, else the contraction would run twice
// (a weight that other ops also read is copied, the old one stays for
// them); a batch norm over a rank-3+ matmul result (dimension 1 is not N)
// stays.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"
#include "passes/DerivedConstants.h"
#include "passes/Passes.h"

#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>

#define DEBUG_TYPE "tessera-fold-batch-norm"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERAFOLDBATCHNORM
#include "passes/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// The per-channel affine map of a batch norm, `y = x * factor + shift`
/// before the shift absorbs a bias: `factor = scale / sqrt(variance + eps)`.
struct ChannelAffine {
  std::vector<double> factor, mean, bias;

  /// The folded bias of channel |m| for a contraction bias |b|.
  double shift(int64_t m, double b) const {
    return (b - mean[m]) * factor[m] + bias[m];
  }
};

/// Reads the statistics of |op| when they are all constants.
static std::optional<ChannelAffine> readStatistics(BatchNormOp op) {
  std::optional<HostTensor> scale = constantValueOf(op.getScale());
  std::optional<HostTensor> bias = constantValueOf(op.getBias());
  std::optional<HostTensor> mean = constantValueOf(op.getMean());
  std::optional<HostTensor> variance = constantValueOf(op.getVariance());
  if (!scale || !bias || !mean || !variance)
    return std::nullopt;
  double epsilon = op.getEpsilon().convertToDouble();
  ChannelAffine affine;
  for (int64_t m = 0, e = scale->numElements(); m < e; ++m) {
    affine.factor.push_back(scale->getDouble(m) /
                            std::sqrt(variance->getDouble(m) + epsilon));
    affine.mean.push_back(mean->getDouble(m));
    affine.bias.push_back(bias->getDouble(m));
  }
  return affine;
}

/// Scales the weights |weight| along dimension |channelDim| by |factor|.
static HostTensor scaleChannels(const HostTensor &weight, int64_t channelDim,
                                ArrayRef<double> factor) {
  HostTensor scaled = weight;
  const std::vector<int64_t> &shape = weight.shape();
  int64_t inner = 1;
  for (size_t d = channelDim + 1; d < shape.size(); ++d)
    inner *= shape[d];
  int64_t channels = shape[channelDim];
  for (int64_t i = 0, e = weight.numElements(); i < e; ++i)
    scaled.setDouble(i, weight.getDouble(i) * factor[(i / inner) % channels]);
  return scaled;
}

/// Replaces the batch norm |op| by |value|, erases |folded| (the ops folded
/// into |value|, users first) and every constant that they or |op| read and
/// nothing else reads any more (the weights and statistics before folding).
static void replaceFolded(PatternRewriter &rewriter, BatchNormOp op,
                          Value value, ArrayRef<Operation *> folded) {
  SmallVector<Operation *> readers = {op.getOperation()};
  llvm::append_range(readers, folded);
  llvm::SetVector<Operation *> constants;
  for (Operation *reader : readers)
    for (Value operand : reader->getOperands())
      if (auto constant = operand.getDefiningOp<ConstantOp>())
        constants.insert(constant);
  rewriter.replaceOp(op, value);
  for (Operation *user : folded)
    rewriter.eraseOp(user);
  for (Operation *constant : constants)
    if (constant->use_empty())
      rewriter.eraseOp(constant);
}

/// batch_norm(conv(x, W[, b])) -> conv(x, W', b').
struct FoldIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    auto conv = op.getInput().getDefiningOp<ConvOp>();
    if (!conv || !conv->hasOneUse() || conv.getChannelsLast())
      return rewriter.notifyMatchFailure(
          op, "input is not a channels-first conv used once");
    std::optional<HostTensor> weight = constantValueOf(conv.getWeight());
    std::optional<HostTensor> bias;
    if (conv.getBias() && !(bias = constantValueOf(conv.getBias())))
      return rewriter.notifyMatchFailure(op, "conv bias is not constant");
    std::optional<ChannelAffine> affine = readStatistics(op);
    if (!weight || !affine)
      return rewriter.notifyMatchFailure(op, "weights are not constant");

    int64_t channels = weight->shape()[0];
    HostTensor newWeight = scaleChannels(*weight, 0, affine->factor);
    HostTensor newBias(weight->dtype(), {channels});
    for (int64_t m = 0; m < channels; ++m)
      newBias.setDouble(m, affine->shift(m, bias ? bias->getDouble(m) : 0.0));
    std::string name = derivedConstantName(conv.getWeight(), "_bn");
    Value w = createDerivedConstant(rewriter, conv.getLoc(), newWeight, name);
    Value b =
        createDerivedConstant(rewriter, conv.getLoc(), newBias, name + "_bias");
    auto folded = rewriter.create<ConvOp>(
        rewriter.getFusedLoc({conv.getLoc(), op.getLoc()}), op.getType(),
        conv.getInput(), w, b, conv.getStridesAttr(), conv.getPadsAttr(),
        conv.getDilationsAttr(), conv.getGroupsAttr(),
        conv.getChannelsLastAttr());
    replaceFolded(rewriter, op, folded.getResult(), {conv.getOperation()});
    return success();
  }
};

/// The per-column bias |value| of a rank-2 matmul result with |columns|
/// columns, read as one value per column: a constant of shape [], [1], [N]
/// or [1, N] (anything else varies along the rows).
static std::optional<std::vector<double>> readColumnBias(Value value,
                                                         int64_t columns) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() > 2 || (type.getRank() == 2 && type.getDimSize(0) != 1))
    return std::nullopt;
  std::optional<HostTensor> tensor = constantValueOf(value);
  if (!tensor ||
      (tensor->numElements() != 1 && tensor->numElements() != columns))
    return std::nullopt;
  std::vector<double> bias;
  for (int64_t n = 0; n < columns; ++n)
    bias.push_back(tensor->getDouble(tensor->numElements() == 1 ? 0 : n));
  return bias;
}

/// batch_norm(matmul(a, W) [+ c]) -> matmul(a, W') + b' for a rank-2 result,
/// whose dimension 1 (normalized) is the matmul's N.
struct FoldIntoMatmul : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getType().getRank() != 2)
      return rewriter.notifyMatchFailure(op, "dimension 1 is not N");
    int64_t columns = op.getType().getDimSize(1);
    Value product = op.getInput();
    auto add = product.getDefiningOp<AddOp>();
    std::optional<std::vector<double>> bias;
    if (add) {
      if (!add->hasOneUse())
        return rewriter.notifyMatchFailure(op, "bias add has other users");
      for (Value operand : {add.getRhs(), add.getLhs()})
        if (operand.getDefiningOp<MatmulOp>() &&
            (bias = readColumnBias(add.getLhs() == operand ? add.getRhs()
                                                           : add.getLhs(),
                                   columns))) {
          product = operand;
          break;
        }
      if (!bias)
        return rewriter.notifyMatchFailure(op, "no per-column constant bias");
    }
    auto matmul = product.getDefiningOp<MatmulOp>();
    if (!matmul || !matmul->hasOneUse() || matmul.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "input is not a matmul used once");
    std::optional<HostTensor> weight = constantValueOf(matmul.getRhs());
    std::optional<ChannelAffine> affine = readStatistics(op);
    if (!weight || weight->rank() < 2 || !affine)
      return rewriter.notifyMatchFailure(op, "weights are not constant");

    int64_t columnDim = weight->rank() - (matmul.getTransposeRhs() ? 2 : 1);
    HostTensor newWeight = scaleChannels(*weight, columnDim, affine->factor);
    HostTensor newBias(weight->dtype(), {columns});
    for (int64_t n = 0; n < columns; ++n)
      newBias.setDouble(n, affine->shift(n, bias ? (*bias)[n] : 0.0));
    std::string name = derivedConstantName(matmul.getRhs(), "_bn");
    Value w = createDerivedConstant(rewriter, matmul.getLoc(), newWeight, name);
    Value b =
        createDerivedConstant(rewriter, op.getLoc(), newBias, name + "_bias");
    auto folded = rewriter.create<MatmulOp>(
        matmul.getLoc(), op.getType(), matmul.getLhs(), w,
        matmul.getTransposeLhsAttr(), matmul.getTransposeRhsAttr());
    Value sum = rewriter.create<AddOp>(op.getLoc(), folded, b);
    SmallVector<Operation *, 2> chain;
    if (add)
      chain.push_back(add);
    chain.push_back(matmul);
    replaceFolded(rewriter, op, sum, chain);
    return success();
  }
};

/// Counts the batch norms that disappear.
struct FoldCounter : RewriterBase::Listener {
  void notifyOperationReplaced(Operation *op, ValueRange) override {
    count += isa<BatchNormOp>(op);
  }
  int64_t count = 0;
};

struct TesseraFoldBatchNormPass final
    : mlir::tessera::impl::TesseraFoldBatchNormBase<TesseraFoldBatchNormPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldIntoConv, FoldIntoMatmul>(&getContext());
    // Only the batch norms are visited, so nothing else in the function is
    // folded or moved.
    SmallVector<Operation *> batchNorms;
    getOperation().walk([&](BatchNormOp op) { batchNorms.push_back(op); });
    FoldCounter counter;
    GreedyRewriteConfig config;
    config.listener = &counter;
    config.strictMode = GreedyRewriteStrictness::ExistingOps;
    (void)applyOpPatternsAndFold(batchNorms, std::move(patterns), config);
    numFolded += counter.count;
  }
};

} // namespace
