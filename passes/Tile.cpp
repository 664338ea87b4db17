//===- Tile.cpp - Launch configurations for fused kernels -----------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The tessera-tile pass: for every tessera.kernel, finds the root op of its
// kind (the matmul, conv, attention matmul pair, reduction, pooling or scan;
// elementwise kernels and kernels without a recognizable root iterate over
// their largest result), describes the problem (GEMM M/N/K, attention
// lengths, row length) and sets the kernel's `launch` dictionary from the
// cost model of the target (TileCostModel.h over TargetInfo.h), unless the
// tuning file (TuningFile.h) has an entry for the kernel's signature and the
// target. docs/tiling.md documents the model, the launch fields and the
// signature.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/TileLaunch.h"

#include "ir/TesseraOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "tessera-tile"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERATILE
#include "passes/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// Kernel signatures
//===----------------------------------------------------------------------===//

/// Appends `type` as `f16[1x128x768]` (`f32[]` for a scalar).
static void printSignatureType(llvm::raw_ostream &os, Type type) {
  auto tensor = cast<ShapedType>(type);
  os << tensor.getElementType() << '[';
  llvm::interleave(tensor.getShape(), os, "x");
  os << ']';
}

/// Appends an attribute value compactly: integers, floats, strings and
/// `[a,b]` arrays without types, anything else as MLIR prints it.
static void printSignatureAttr(llvm::raw_ostream &os, Attribute attr) {
  if (auto integer = dyn_cast<IntegerAttr>(attr)) {
    os << integer.getValue().getSExtValue();
  } else if (auto real = dyn_cast<FloatAttr>(attr)) {
    SmallString<16> text;
    real.getValue().toString(text);
    os << text;
  } else if (auto string = dyn_cast<StringAttr>(attr)) {
    os << string.getValue();
  } else if (auto ints = dyn_cast<DenseI64ArrayAttr>(attr)) {
    os << '[';
    llvm::interleave(ints.asArrayRef(), os, ",");
    os << ']';
  } else {
    attr.print(os, /*elideType=*/true);
  }
}

std::string mlir::tessera::kernelSignature(KernelOp kernel) {
  std::string signature;
  llvm::raw_string_ostream os(signature);
  os << stringifyKernelKind(kernel.getKind()) << ':';
  llvm::interleave(
      kernel.getInputs().getTypes(), os,
      [&](Type type) { printSignatureType(os, type); }, ",");
  os << "->";
  llvm::interleave(
      kernel.getResultTypes(), os,
      [&](Type type) { printSignatureType(os, type); }, ",");
  os << ':';
  llvm::interleave(
      kernel.getBody().front().without_terminator(), os,
      [&](Operation &op) {
        os << op.getName().stripDialect();
        auto attrs =
            dyn_cast_or_null<DictionaryAttr>(op.getPropertiesAsAttribute());
        if (!attrs || attrs.empty() || isa<ConstantOp>(op))
          return;
        os << '{';
        llvm::interleave(
            attrs, os,
            [&](NamedAttribute attr) {
              os << attr.getName().getValue();
              if (!isa<UnitAttr>(attr.getValue())) {
                os << '=';
                printSignatureAttr(os, attr.getValue());
              }
            },
            ",");
        os << '}';
      },
      "+");
  return signature;
}

namespace {

//===----------------------------------------------------------------------===//
// Problem analysis
//===----------------------------------------------------------------------===//

/// Bytes of one element of `type`'s element type (i1 is stored as a byte).
static int64_t elementBytes(Type type) {
  Type element = getElementTypeOrSelf(type);
  return std::max<int64_t>(1, element.getIntOrFloatBitWidth() / 8);
}

/// The element type's name ("f16", "bf16", "f32", "i8", ...).
static std::string elementName(Type type) {
  std::string name;
  llvm::raw_string_ostream(name) << getElementTypeOrSelf(type);
  return name;
}

static int64_t product(ArrayRef<int64_t> dims) {
  int64_t result = 1;
  for (int64_t dim : dims)
    result *= dim;
  return result;
}

static ArrayRef<int64_t> shapeOf(Value value) {
  return cast<ShapedType>(value.getType()).getShape();
}

/// The GEMM of `matmul` (NumPy matmul with transpose flags).
static GemmShape gemmOfMatmul(MatmulOp matmul, const TargetInfo &target) {
  ArrayRef<int64_t> lhs = shapeOf(matmul.getLhs());
  ArrayRef<int64_t> rhs = shapeOf(matmul.getRhs());
  ArrayRef<int64_t> result = shapeOf(matmul.getResult());
  bool trL = matmul.getTransposeLhs(), trR = matmul.getTransposeRhs();
  size_t l = lhs.size(), r = rhs.size();
  GemmShape gemm;
  gemm.m = l == 1 ? 1 : lhs[trL ? l - 1 : l - 2];
  gemm.k = l == 1 ? lhs[0] : lhs[trL ? l - 2 : l - 1];
  gemm.n = r == 1 ? 1 : rhs[trR ? r - 2 : r - 1];
  size_t batchDims = result.size() - (l == 1 ? 0 : 1) - (r == 1 ? 0 : 1);
  gemm.batch = product(result.take_front(batchDims));
  // A row-major lhs stack times one shared rhs matrix is one GEMM with the
  // batch folded into M ([B, M, K] x [K, N] = [B*M, K] x [K, N]).
  if (l >= 2 && !trL && product(rhs.drop_back(std::min<size_t>(r, 2))) == 1) {
    gemm.m *= gemm.batch;
    gemm.batch = 1;
  }
  gemm.outBytes = elementBytes(matmul.getType());
  gemm.math = mathFor(target, elementName(matmul.getLhs().getType()),
                      elementBytes(matmul.getLhs().getType()));
  return gemm;
}

/// The implicit GEMM of a conv or conv_transpose: M = N * output pixels,
/// N = output channels per group, K = input channels per group * window
/// (either layout).
static GemmShape gemmOfConv(Operation *conv, int64_t groups,
                            const TargetInfo &target) {
  ArrayRef<int64_t> input = shapeOf(conv->getOperand(0));
  ArrayRef<int64_t> weight = shapeOf(conv->getOperand(1));
  ArrayRef<int64_t> result = shapeOf(conv->getResult(0));
  GemmShape gemm;
  gemm.batch = groups;
  auto channelsLast = dyn_cast<ConvOp>(conv);
  if (channelsLast && channelsLast.getChannelsLast()) {
    // [N, O..., M] from [N, D..., C] and [M, K..., C/g].
    gemm.m = product(result.drop_back());
    gemm.n = result.back() / groups;
    gemm.k = product(weight.drop_front());
  } else {
    gemm.m = result[0] * product(result.drop_front(2));
    gemm.n = result[1] / groups;
    gemm.k = input[1] / groups * product(weight.drop_front(2));
  }
  gemm.outBytes = elementBytes(conv->getResult(0).getType());
  gemm.math = mathFor(target, elementName(conv->getOperand(0).getType()),
                      elementBytes(conv->getOperand(0).getType()));
  return gemm;
}

/// The row (or column) reduction of a reduction or scan root, or nothing
/// when the op reduces no axis.
static std::optional<RowShape> rowOf(Operation *root) {
  ArrayRef<int64_t> shape = shapeOf(root->getOperand(0));
  SmallVector<int64_t> axes;
  if (auto list = root->getAttrOfType<DenseI64ArrayAttr>("axes"))
    axes.assign(list.asArrayRef().begin(), list.asArrayRef().end());
  else if (auto axis = root->getAttrOfType<IntegerAttr>("axis"))
    axes.push_back(axis.getInt());
  if (isa<LayerNormOp, RmsNormOp>(root))
    for (int64_t d = axes.front() + 1, e = shape.size(); d < e; ++d)
      axes.push_back(d);
  if (axes.empty())
    return std::nullopt;
  RowShape row;
  row.elemBytes = elementBytes(root->getOperand(0).getType());
  row.length = 1;
  for (int64_t axis : axes)
    row.length *= shape[axis];
  row.inner = product(shape.drop_front(axes.back() + 1));
  row.outer = product(shape) / std::max<int64_t>(1, row.length * row.inner);
  row.rereadsRow =
      isa<SoftmaxOp, LogSoftmaxOp, LayerNormOp, RmsNormOp, CumSumOp>(root);
  int64_t contiguous = row.inner > 1 ? row.inner : row.length;
  row.maxVector = 16 / row.elemBytes;
  while (row.maxVector > 1 && contiguous % row.maxVector)
    row.maxVector /= 2;
  return row;
}

/// Whether every access of an elementwise kernel (iterating over `shape`)
/// may move `vector` adjacent elements of the innermost dimension at once:
/// every innermost dimension is 1 or a multiple of it, and no op reorders,
/// offsets or gathers along the innermost axis.
static bool allowsVector(KernelOp kernel, ArrayRef<int64_t> shape,
                         int64_t vector) {
  auto innerOk = [&](Type type) {
    ArrayRef<int64_t> dims = cast<ShapedType>(type).getShape();
    return dims.empty() || dims.back() == 1 || dims.back() % vector == 0;
  };
  if (!shape.empty() && shape.back() % vector)
    return false;
  if (!llvm::all_of(kernel.getInputs().getTypes(), innerOk))
    return false;
  WalkResult walk = kernel.getBody().walk([&](Operation *op) {
    bool ok = llvm::all_of(op->getOperandTypes(), innerOk) &&
              llvm::all_of(op->getResultTypes(), innerOk);
    int64_t last = op->getNumOperands()
                       ? int64_t(shapeOf(op->getOperand(0)).size()) - 1
                       : -1;
    if (auto transpose = dyn_cast<TransposeOp>(op))
      ok &= transpose.getPerm().empty() || transpose.getPerm().back() == last;
    if (auto slice = dyn_cast<SliceOp>(op))
      ok &= slice.getStrides().empty() ||
            (slice.getStrides().back() == 1 &&
             slice.getOffsets().back() % vector == 0);
    if (auto gather = dyn_cast<GatherOp>(op))
      ok &= int64_t(gather.getAxis()) != last;
    if (auto pad = dyn_cast<PadOp>(op))
      ok &= pad.getPads().empty() ||
            (pad.getPads()[last] == 0 && pad.getPads().back() == 0);
    return ok ? WalkResult::advance() : WalkResult::interrupt();
  });
  return !walk.wasInterrupted();
}

/// The elementwise problem: the largest result, the widest vector (16
/// bytes of the widest element type, halved until allowed).
static KernelProblem elementwiseOf(KernelOp kernel, bool vectorize) {
  KernelProblem problem;
  problem.form = KernelProblem::Form::Elementwise;
  ArrayRef<int64_t> shape;
  int64_t widest = 1;
  for (Type type : kernel.getResultTypes()) {
    ArrayRef<int64_t> dims = cast<ShapedType>(type).getShape();
    if (shape.empty() || product(dims) > product(shape))
      shape = dims;
  }
  for (Type type : kernel.getInputs().getTypes())
    widest = std::max(widest, elementBytes(type));
  for (Type type : kernel.getResultTypes())
    widest = std::max(widest, elementBytes(type));
  problem.elements = product(shape);
  problem.maxVector = vectorize && !shape.empty() ? 16 / widest : 1;
  while (problem.maxVector > 1 &&
         !allowsVector(kernel, shape, problem.maxVector))
    problem.maxVector /= 2;
  return problem;
}

/// The first op in the body for which `pred` holds.
template <typename Pred>
static Operation *findRoot(KernelOp kernel, Pred pred) {
  for (Operation &op : kernel.getBody().front().without_terminator())
    if (pred(&op))
      return &op;
  return nullptr;
}

/// Describes `kernel` for the cost model; kernels whose kind has no
/// recognizable root op (or a degenerate one) get the elementwise form.
static KernelProblem analyzeKernel(KernelOp kernel, const TargetInfo &target) {
  KernelProblem problem;
  SmallVector<MatmulOp> matmuls;
  for (Operation &op : kernel.getBody().front().without_terminator())
    if (auto matmul = dyn_cast<MatmulOp>(op))
      matmuls.push_back(matmul);
  auto nonEmpty = [](const GemmShape &g) {
    return g.batch > 0 && g.m > 0 && g.n > 0 && g.k > 0;
  };
  switch (kernel.getKind()) {
  case KernelKind::attention:
    if (matmuls.size() >= 2) {
      GemmShape qk = gemmOfMatmul(matmuls[0], target);
      GemmShape pv = gemmOfMatmul(matmuls[1], target);
      if (nonEmpty(qk) && nonEmpty(pv)) {
        problem.form = KernelProblem::Form::Attention;
        problem.attention = {pv.batch, qk.m,        qk.n,   qk.k,
                             pv.n,     pv.outBytes, qk.math};
        return problem;
      }
    }
    [[fallthrough]];
  case KernelKind::matmul:
    if (!matmuls.empty()) {
      problem.gemm = gemmOfMatmul(matmuls.front(), target);
      if (nonEmpty(problem.gemm)) {
        problem.form = KernelProblem::Form::Gemm;
        return problem;
      }
    }
    break;
  case KernelKind::conv:
    if (Operation *conv = findRoot(kernel, [](Operation *op) {
          return isa<ConvOp, ConvTransposeOp>(op);
        })) {
      int64_t groups = conv->getAttrOfType<IntegerAttr>("groups").getInt();
      problem.gemm = gemmOfConv(conv, groups, target);
      if (nonEmpty(problem.gemm)) {
        problem.form = KernelProblem::Form::Gemm;
        return problem;
      }
    }
    break;
  case KernelKind::reduction:
  case KernelKind::scan:
    if (Operation *root = findRoot(kernel, [](Operation *op) {
          return isa<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp,
                     ReduceProdOp, ArgMaxOp, ArgMinOp, SoftmaxOp, LogSoftmaxOp,
                     LayerNormOp, RmsNormOp, CumSumOp>(op);
        })) {
      if (std::optional<RowShape> row = rowOf(root)) {
        if (product(shapeOf(root->getOperand(0))) > 0) {
          problem.form = KernelProblem::Form::Row;
          problem.row = *row;
          return problem;
        }
      }
    }
    break;
  case KernelKind::pooling:
    if (Operation *pool = findRoot(kernel, [](Operation *op) {
          return isa<MaxPoolOp, AvgPoolOp, MaxPoolIndicesOp, GlobalAvgPoolOp,
                     GlobalMaxPoolOp>(op);
        })) {
      problem = elementwiseOf(kernel, /*vectorize=*/false);
      problem.elements = product(shapeOf(pool->getResult(0)));
      return problem;
    }
    break;
  case KernelKind::elementwise:
  case KernelKind::copy:
    break;
  }
  return elementwiseOf(kernel, /*vectorize=*/true);
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct TesseraTilePass final : tessera::impl::TesseraTileBase<TesseraTilePass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    targetInfo = lookupTarget(target);
    if (!targetInfo)
      setupError = "unknown target '" + target +
                   "'; valid targets: " + validTargetNames();
    else if (!tuningFile.empty())
      setupError = loadTuningFile(tuningFile, table);
    return success();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (!setupError.empty()) {
      func.emitError(setupError);
      return signalPassFailure();
    }
    Builder b(&getContext());
    WalkResult walk = func.walk([&](KernelOp kernel) {
      KernelProblem problem = analyzeKernel(kernel, *targetInfo);
      std::string error;
      DictionaryAttr launch;
      auto entry = table.entries.find(
          tuningKey(targetInfo->name, kernelSignature(kernel)));
      if (entry != table.entries.end()) {
        launch = overrideLaunch(b, *targetInfo, problem, entry->second, error);
        if (!launch) {
          kernel.emitError() << "tuning file '" << table.path << "': entry "
                             << entry->second.index << " cannot be used on "
                             << targetInfo->name << ": " << error;
          return WalkResult::interrupt();
        }
      } else {
        launch = buildLaunch(b, *targetInfo, problem,
                             chooseLaunch(*targetInfo, problem), error);
        if (!launch) { // The cost model only returns configurations that fit.
          kernel.emitError() << "no launch configuration fits "
                             << targetInfo->name << ": " << error;
          return WalkResult::interrupt();
        }
      }
      kernel.setLaunchAttr(launch);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      signalPassFailure();
  }

  const TargetInfo *targetInfo = nullptr;
  std::string setupError;
  TuningTable table;
};

} // namespace
