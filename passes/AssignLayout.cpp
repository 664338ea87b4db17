//===- AssignLayout.cpp - The tessera-assign-layout pass ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// tessera-assign-layout runs convolutions channels-last (NHWC) where that
// pays and keeps the values between them channels-last, so that no copy is
// made between consecutive convs. One forward walk over the function:
//
//   1. A conv becomes `conv ... channels_last` when it is a seed (auto: a
//      tensor-core implicit GEMM whose input channels per group fill whole
//      16-byte chunks; nhwc: every conv) or when its input already has a
//      channels-last form.
//   2. An elementwise op or a concat with an operand that has a
//      channels-last form is recreated on channels-last operands.
//   3. Operands without a channels-last form get one: a constant is
//      permuted at compile time (conv weights [M, C/g, K...] are pre-packed
//      to [M, K..., C/g]); any other value is transposed once (reshaped
//      first when it broadcasts from a lower rank), the transpose shared by
//      its users.
//   4. Every rewritten value that still has channels-first users (pools,
//      reductions, matmuls, returns) gets one transpose back, shared by
//      them; the original ops are erased.
//
// tessera-fold-transposes and tessera-simplify then fold what the boundary
// transposes allow (a transpose back of [N, 1, 1, C] moves no data and
// becomes a reshape).
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/Evaluator.h"
#include "ir/ShapeInference.h"
#include "ir/TesseraOps.h"
#include "passes/DerivedConstants.h"
#include "passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

#include <algorithm>
#include <cstring>

#define DEBUG_TYPE "tessera-assign-layout"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERAASSIGNLAYOUT
#include "passes/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// |type| permuted by |perm|.
RankedTensorType permuted(RankedTensorType type, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> shape;
  for (int64_t d : perm)
    shape.push_back(type.getDimSize(d));
  return type.clone(shape);
}

/// The conv layouts the pass can be asked for.
enum class ConvLayout { Auto, Nhwc, Nchw };

std::optional<ConvLayout> parseConvLayout(StringRef text) {
  if (text == "auto")
    return ConvLayout::Auto;
  if (text == "nhwc")
    return ConvLayout::Nhwc;
  if (text == "nchw")
    return ConvLayout::Nchw;
  return std::nullopt;
}

/// Whether running |conv| channels-last pays on its own: it is a
/// tensor-core implicit GEMM (codegen's emitConvKernel: f32/f16/bf16,
/// groups == 1 or >= 16 output channels per group) and a 16-byte chunk of
/// its reduction (input channels of one kernel position) is contiguous in
/// NHWC, so the im2col operand is copied with cp.async.
bool paysChannelsLast(ConvOp conv) {
  RankedTensorType input = conv.getInput().getType();
  auto weight = cast<RankedTensorType>(conv.getWeight().getType());
  Type elem = input.getElementType();
  if (!(elem.isF32() || elem.isF16() || elem.isBF16()))
    return false;
  int64_t groups = conv.getGroups();
  if (groups > 1 && weight.getDimSize(0) / groups < 16)
    return false;
  int64_t bytes = elem.getIntOrFloatBitWidth() / 8;
  return weight.getDimSize(1) * bytes % 16 == 0;
}

/// The rewrite of one function (steps 1-4 of the file comment).
class LayoutAssignment {
public:
  LayoutAssignment(func::FuncOp func, ConvLayout mode)
      : func(func), mode(mode), builder(func.getContext()) {}

  void run();

  int64_t convs = 0, packed = 0, transposes = 0;

private:
  /// Whether |op| is rewritten channels-last (step 1 and 2).
  bool wantsChannelsLast(Operation *op);
  /// Whether |op| has been rewritten (its result has a channels-last form).
  bool isRewritten(Operation *op) const {
    return op->getNumResults() == 1 && layoutOf.contains(op->getResult(0));
  }
  /// The channels-last form of |value| for an op whose (channels-first)
  /// result has rank |rank|, created when needed (step 3). A conv weight
  /// [M, C/g, K...] permuted like an input, [M, K..., C/g], is the layout
  /// the channels-last GEMM reads.
  Value channelsLast(Value value, int64_t rank);
  void rewrite(Operation *op);

  func::FuncOp func;
  ConvLayout mode;
  OpBuilder builder;
  /// Rewritten result -> its channels-last form, in program order.
  llvm::MapVector<Value, Value> layoutOf;
  /// Other value -> its shared channels-last transpose or permuted constant.
  DenseMap<Value, Value> converted;
  /// Constants that were permuted: erased when nothing else reads them.
  llvm::SetVector<Operation *> permutedConstants;
};

bool LayoutAssignment::wantsChannelsLast(Operation *op) {
  auto hasChannelsLastOperand = [&] {
    return llvm::any_of(op->getOperands(),
                        [&](Value v) { return layoutOf.contains(v); });
  };
  if (auto conv = dyn_cast<ConvOp>(op)) {
    if (conv.getChannelsLast())
      return false;
    return mode == ConvLayout::Nhwc || layoutOf.contains(conv.getInput()) ||
           paysChannelsLast(conv);
  }
  if (op->getNumResults() != 1 || op->getNumRegions() != 0)
    return false;
  auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type || type.getRank() < 3)
    return false;
  if (isa<ConcatOp>(op) || op->hasTrait<TesseraElementwise>())
    return hasChannelsLastOperand();
  return false;
}

Value LayoutAssignment::channelsLast(Value value, int64_t rank) {
  if (Value known = layoutOf.lookup(value))
    return known;
  if (Value known = converted.lookup(value))
    return known;
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getNumElements() == 1 && type.getRank() <= rank)
    return value; // a single element broadcasts alike
  // A lower-rank operand broadcasts from the right (NumPy): give it the
  // leading unit dimensions first.
  SmallVector<int64_t> shape(rank - type.getRank(), 1);
  llvm::append_range(shape, type.getShape());
  RankedTensorType full = type.clone(shape);
  SmallVector<int64_t> perm = channelsLastPerm(rank, /*toLast=*/true);
  Value result;
  if (std::optional<HostTensor> constant = constantValueOf(value)) {
    // Computed now: weights are pre-packed, not transposed at run time.
    Operation *def = value.getDefiningOp();
    permutedConstants.insert(def);
    builder.setInsertionPoint(def);
    auto dense = dyn_cast<DenseElementsAttr>(cast<ConstantOp>(def).getValue());
    if (dense && dense.isSplat()) {
      result = builder.create<ConstantOp>(
          value.getLoc(),
          cast<ElementsAttr>(dense.resizeSplat(permuted(full, perm))));
    } else {
      HostTensor reshaped(constant->dtype(), {shape.begin(), shape.end()});
      std::memcpy(reshaped.data(), constant->data(), constant->byteSize());
      result = createDerivedConstant(builder, value.getLoc(),
                                     transposeTensor(reshaped, perm),
                                     derivedConstantName(value, "_nhwc"));
    }
    ++packed;
  } else {
    if (Operation *def = value.getDefiningOp())
      builder.setInsertionPointAfter(def);
    else
      builder.setInsertionPointToStart(&func.getBody().front());
    Value input = value;
    if (full != type)
      input = builder.create<ReshapeOp>(value.getLoc(), full, value);
    result = builder.create<TransposeOp>(value.getLoc(), input, perm);
    ++transposes;
  }
  converted[value] = result;
  return result;
}

void LayoutAssignment::rewrite(Operation *op) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  int64_t rank = type.getRank();
  Operation *created;
  if (auto conv = dyn_cast<ConvOp>(op)) {
    Value input = channelsLast(conv.getInput(), rank);
    Value weight = channelsLast(conv.getWeight(), rank);
    builder.setInsertionPoint(op);
    created = builder.create<ConvOp>(
        conv.getLoc(), permuted(type, channelsLastPerm(rank, true)), input,
        weight, conv.getBias(), conv.getStridesAttr(), conv.getPadsAttr(),
        conv.getDilationsAttr(), conv.getGroupsAttr(), builder.getUnitAttr());
    ++convs;
  } else {
    SmallVector<Value> operands;
    for (Value operand : op->getOperands())
      operands.push_back(channelsLast(operand, rank));
    builder.setInsertionPoint(op);
    created = builder.clone(*op);
    created->setOperands(operands);
    created->getResult(0).setType(permuted(type, channelsLastPerm(rank, true)));
    if (auto concat = dyn_cast<ConcatOp>(created)) {
      // The concat axis moves with its dimension.
      int64_t axis = concat.getAxis();
      SmallVector<int64_t> perm = channelsLastPerm(rank, true);
      concat.setAxis(llvm::find(perm, axis) - perm.begin());
    }
  }
  layoutOf[op->getResult(0)] = created->getResult(0);
}

void LayoutAssignment::run() {
  for (Operation &op :
       llvm::make_early_inc_range(func.getBody().front().without_terminator()))
    if (wantsChannelsLast(&op))
      rewrite(&op);
  // Step 4: channels-first users of rewritten values read one transpose
  // back each; the originals then have no users left.
  for (auto [original, last] : layoutOf) {
    bool outside = llvm::any_of(original.getUsers(), [&](Operation *user) {
      return !isRewritten(user);
    });
    if (outside) {
      builder.setInsertionPointAfter(last.getDefiningOp());
      int64_t rank = cast<RankedTensorType>(original.getType()).getRank();
      Value back = builder.create<TransposeOp>(
          original.getLoc(), last, channelsLastPerm(rank, /*toLast=*/false));
      original.replaceUsesWithIf(
          back, [&](OpOperand &use) { return !isRewritten(use.getOwner()); });
      ++transposes;
    }
  }
  // Users first: the originals are erased in reverse program order.
  auto originals = layoutOf.takeVector();
  for (auto [original, last] : llvm::reverse(originals))
    original.getDefiningOp()->erase();
  for (Operation *constant : permutedConstants)
    if (constant->use_empty())
      constant->erase();
}

struct TesseraAssignLayoutPass final
    : mlir::tessera::impl::TesseraAssignLayoutBase<TesseraAssignLayoutPass> {
  using Base::Base;

  void runOnOperation() override {
    std::optional<ConvLayout> mode = parseConvLayout(convLayout);
    if (!mode) {
      getOperation().emitError() << "unknown conv-layout '" << convLayout
                                 << "', expected auto, nhwc or nchw";
      return signalPassFailure();
    }
    if (*mode == ConvLayout::Nchw)
      return;
    LayoutAssignment assignment(getOperation(), *mode);
    assignment.run();
    numConvs += assignment.convs;
    numPacked += assignment.packed;
    numTransposes += assignment.transposes;
  }
};

} // namespace
