//===- AttentionEmitter.cpp - Fused flash attention on tensor cores -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The attention kernel kind (passes/Fuse.cpp: Q·Kᵀ -> [scale, masks] ->
// softmax(last axis) -> [select, cast] -> ·V, with prologue and epilogue
// ops) as ONE flash-attention kernel (FlashAttention-2 structure):
//
//   - a block per (batch·head, BQ query rows), BQ / 16 warps, 16 rows each;
//   - the Q tile [BQ x D] in shared memory, K and V streamed BKV keys at a
//     time; elements are loaded through KernelEmitter::emitValue, so the
//     fused prologue (slices, reshapes, transposes, the scale) keeps
//     working, except that a K or V operand that is a plain parameter with
//     a contiguous, 16-byte-multiple head dim streams through a two-stage
//     cp.async ring (when its pointer is 16-byte aligned at run time);
//     out-of-range rows, keys and head-dim columns are zero-filled (D and
//     Dv padded to multiples of 16);
//   - S = Q·Kᵀ with mma.sync (prelude attention.cuh: m16n8k16 bf16/f16 from
//     ldmatrix, m16n8k8 tf32, or 3xTF32 for the f32 policy);
//   - the body ops between the scores matmul and the softmax (scale,
//     additive masks, causal selects, any elementwise op) per S element in
//     registers: emitValue of the softmax input with the anchor resolving
//     the scores matmul to the accumulator s[j][e]; keys past Sk get -inf;
//   - online softmax (row max and sum through quad shuffles), O rescaled by
//     exp(m_old - m_new);
//   - the ops between softmax and the values matmul, if they are linear in
//     the probabilities (select with a zero branch, cast), per P element;
//   - P re-packed from the S accumulators into A fragments, O += P·V;
//   - O / l, then the epilogue (transposes, reshapes, elementwise ops up to
//     the results) per O element: the O index is mapped forward through the
//     epilogue to each result index and the result stored there.
//
// Fully masked rows (every score -inf) reproduce the reference: a plain
// softmax gives NaN (0 / 0 here), and with a select after the softmax the
// row is NaN where the select keeps a probability, else 0.
//
// Other patterns fall back to the per-element loops (LoopOps.cpp): a post-
// softmax op that is not linear in the probabilities, an epilogue that
// broadcasts O, a scores path through non-elementwise ops, non-float
// operands, f64, or head dims whose tiles do not fit 96 KiB of (dynamic)
// shared memory.
//
//===----------------------------------------------------------------------===//
#include "codegen/Emitter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;
using ::tessera::codegen::KernelProgram;

namespace {

/// Static shared memory per block the kernel may use.
constexpr int64_t kSharedLimit = 48 * 1024;
/// Dynamic shared memory for head dims whose tiles exceed kSharedLimit even
/// with 16-row blocks (opt-in above 48 KiB; sm_80 allows 163 KiB, sm_86
/// 99 KiB, sm_90 227 KiB).
constexpr int64_t kDynamicSharedLimit = 96 * 1024;

int64_t roundUp(int64_t x, int64_t m) { return (x + m - 1) / m * m; }

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

/// Whether |v| (in the kernel body) depends on |target|.
bool dependsOn(Value v, Value target,
               llvm::SmallPtrSetImpl<Operation *> &seen) {
  if (v == target)
    return true;
  Operation *def = v.getDefiningOp();
  if (!def || !seen.insert(def).second)
    return false;
  for (Value operand : def->getOperands())
    if (dependsOn(operand, target, seen))
      return true;
  return false;
}
bool dependsOn(Value v, Value target) {
  llvm::SmallPtrSet<Operation *, 16> seen;
  return dependsOn(v, target, seen);
}

/// Whether every path from |v| back to |target| runs through elementwise
/// ops whose operand on the path has |v|'s shape: element i of |v| then
/// depends on element i of |target| only.
bool sameIndexPath(Value v, Value target) {
  if (v == target)
    return true;
  Operation *def = v.getDefiningOp();
  if (!def || !isElementwise(def))
    return false;
  for (Value operand : def->getOperands()) {
    if (!dependsOn(operand, target))
      continue;
    if (shapeOf(operand) != shapeOf(v) || !sameIndexPath(operand, target))
      return false;
  }
  return true;
}

/// Whether |v| is a splat zero constant (folded kernel operand or constant
/// in the body).
bool isZeroSplat(KernelEmitter &e, Value v) {
  Value outer = v;
  if (auto arg = dyn_cast<BlockArgument>(v))
    outer = e.kernel.getInputs()[arg.getArgNumber()];
  auto constant = outer.getDefiningOp<ConstantOp>();
  auto dense =
      constant ? dyn_cast<DenseElementsAttr>(constant.getValue()) : nullptr;
  if (!dense || !dense.isSplat() || !isa<FloatType>(dense.getElementType()))
    return false;
  return dense.getSplatValue<APFloat>().isZero();
}

/// Whether the ops from |target| (the softmax) to |v| (the values matmul's
/// lhs) are linear in the probabilities (select against a zero splat,
/// casts), so that they may be applied to unnormalized probabilities.
bool linearPath(KernelEmitter &e, Value v, Value target) {
  if (v == target)
    return true;
  Operation *def = v.getDefiningOp();
  if (!def || shapeOf(v) != shapeOf(target))
    return false;
  if (auto cast = dyn_cast<CastOp>(def))
    return isa<FloatType>(getElementTypeOrSelf(v.getType())) &&
           linearPath(e, cast.getInput(), target);
  if (auto select = dyn_cast<SelectOp>(def)) {
    if (dependsOn(select.getCondition(), target))
      return false;
    bool onTrue = dependsOn(select.getTrueValue(), target);
    bool onFalse = dependsOn(select.getFalseValue(), target);
    if (onTrue == onFalse)
      return false;
    Value path = onTrue ? select.getTrueValue() : select.getFalseValue();
    Value other = onTrue ? select.getFalseValue() : select.getTrueValue();
    return shapeOf(path) == shapeOf(v) && isZeroSplat(e, other) &&
           linearPath(e, path, target);
  }
  return false;
}

/// The ops from |target| (the values matmul) to |v| (a yielded value), in
/// order, when each maps an element of its on-path operand to exactly one
/// result element: transposes, reshapes, and elementwise ops whose on-path
/// operand has the result's shape. Fails on anything else.
bool epiloguePath(Value v, Value target, SmallVectorImpl<Operation *> &path) {
  if (v == target)
    return true;
  Operation *def = v.getDefiningOp();
  if (!def)
    return false;
  Value next;
  if (isa<TransposeOp, ReshapeOp>(def)) {
    next = def->getOperand(0);
  } else if (isElementwise(def)) {
    for (Value operand : def->getOperands()) {
      if (!dependsOn(operand, target))
        continue;
      if (next || shapeOf(operand) != shapeOf(v))
        return false;
      next = operand;
    }
  }
  if (!next || !epiloguePath(next, target, path))
    return false;
  path.push_back(def);
  return true;
}

/// The problem, once matched.
struct Attention {
  MatmulOp scores, values;
  SoftmaxOp softmax;
  std::vector<int64_t> batchShape;
  int64_t batch = 1, sq = 0, sk = 0, d = 0, dv = 0;
  bool postOps = false;
  /// Per yielded value, the epilogue ops from the values matmul.
  std::vector<SmallVector<Operation *>> epilogues;
};

bool isFloatTensor(Value v) {
  Type t = getElementTypeOrSelf(v.getType());
  return t.isF32() || t.isF16() || t.isBF16();
}

/// Matches the attention pattern the kernel can take.
std::optional<Attention> match(KernelEmitter &e) {
  Attention a;
  SmallVector<MatmulOp> matmuls;
  SmallVector<SoftmaxOp> softmaxes;
  for (Operation &op : e.kernel.getBody().front().without_terminator()) {
    if (auto m = dyn_cast<MatmulOp>(op))
      matmuls.push_back(m);
    if (auto s = dyn_cast<SoftmaxOp>(op))
      softmaxes.push_back(s);
  }
  if (matmuls.size() != 2 || softmaxes.size() != 1)
    return std::nullopt;
  a.softmax = softmaxes[0];
  a.values = matmuls[0];
  a.scores = matmuls[1];
  if (dependsOn(a.scores.getResult(), a.values.getResult()))
    std::swap(a.scores, a.values);
  Value s = a.scores.getResult(), p = a.softmax.getResult();
  for (Value v : std::initializer_list<Value>{
           a.scores.getLhs(), a.scores.getRhs(), a.values.getRhs(), s,
           a.values.getResult(), p})
    if (!isFloatTensor(v))
      return std::nullopt;
  ArrayRef<int64_t> sShape = shapeOf(s);
  int64_t rank = sShape.size();
  if (rank < 2 || shapeOf(a.scores.getLhs()).size() < 2 ||
      shapeOf(a.scores.getRhs()).size() < 2 ||
      shapeOf(a.values.getRhs()).size() < 2 ||
      shapeOf(a.values.getResult()).size() != size_t(rank) ||
      int64_t(a.softmax.getAxis()) != rank - 1 ||
      shapeOf(a.softmax.getInput()) != sShape ||
      shapeOf(a.values.getLhs()) != sShape || a.values.getTransposeLhs())
    return std::nullopt;
  if (!sameIndexPath(a.softmax.getInput(), s) ||
      !linearPath(e, a.values.getLhs(), p))
    return std::nullopt;
  a.postOps = a.values.getLhs() != p;

  ArrayRef<int64_t> q = shapeOf(a.scores.getLhs());
  ArrayRef<int64_t> out = shapeOf(a.values.getResult());
  bool tl = a.scores.getTransposeLhs();
  a.sq = sShape[rank - 2];
  a.sk = sShape[rank - 1];
  a.d = q[q.size() - (tl ? 2 : 1)];
  a.dv = out[rank - 1];
  if (out.drop_back(2) != sShape.drop_back(2) || out[rank - 2] != a.sq)
    return std::nullopt;
  a.batchShape.assign(sShape.begin(), sShape.end() - 2);
  for (int64_t x : a.batchShape)
    a.batch *= x;
  if (a.batch == 0 || a.sq == 0 || a.sk == 0 || a.d == 0 || a.dv == 0)
    return std::nullopt;

  Value o = a.values.getResult();
  for (Value y : e.kernel.getYield().getValues()) {
    SmallVector<Operation *> path;
    if (!epiloguePath(y, o, path))
      return std::nullopt;
    a.epilogues.push_back(path);
  }
  return a;
}

/// The tensor-core mode of the kernel (attention.cuh).
int modeOf(Attention &a, const CodegenOptions &options) {
  Type qt = getElementTypeOrSelf(a.scores.getLhs().getType());
  if (qt.isBF16())
    return 2;
  if (qt.isF16())
    return 3;
  switch (options.precision) {
  case CodegenPrecision::F32:
    return 0;
  case CodegenPrecision::TF32:
    return 1;
  case CodegenPrecision::BF16:
    return 2;
  case CodegenPrecision::F16:
    return 3;
  }
  return 0;
}

/// Block sizes: the tiling pass's when they are an mma.sync plan (16 rows
/// per warp, at most 128 x 128) that fits, else our own.
struct Config {
  int64_t bq = 64, bkv = 64, dp = 16, dvp = 16, qPitch = 0, kPitch = 0,
          vPitch = 0, elem = 4;
  /// K/V ring buffers: 2 when an operand streams through cp.async, else 1.
  int64_t stages = 1;
  /// Whether the tiles live in dynamic shared memory (above 48 KiB).
  bool dynamic = false;
  int64_t shared() const {
    return (bq * qPitch + stages * bkv * (kPitch + vPitch)) * elem;
  }
};

/// The block argument of a K or V operand that may stream through cp.async:
/// a kernel parameter (no prologue) stored in the tile's element type, with
/// its head dim contiguous and rows a multiple of 16 bytes.
std::optional<unsigned> asyncOperand(KernelEmitter &e, Value operand,
                                     bool headContiguous, int mode,
                                     int64_t headDim) {
  auto arg = dyn_cast<BlockArgument>(operand);
  if (!arg || arg.getOwner() != &e.kernel.getBody().front() ||
      e.operandFolded[arg.getArgNumber()] || !headContiguous)
    return std::nullopt;
  Type t = getElementTypeOrSelf(operand.getType());
  bool matches = mode < 2 ? t.isF32() : mode == 2 ? t.isBF16() : t.isF16();
  int64_t bytes = mode < 2 ? 4 : 2;
  if (!matches || headDim * bytes % 16)
    return std::nullopt;
  return arg.getArgNumber();
}

std::optional<Config> configure(KernelEmitter &e, Attention &a, int mode,
                                bool async) {
  Config c;
  c.dp = roundUp(a.d, 16);
  c.dvp = roundUp(a.dv, 16);
  bool wide = mode >= 2;
  c.elem = wide ? 2 : 4;
  c.qPitch = c.kPitch = c.dp + (wide ? 8 : 4);
  c.vPitch = c.dvp + 8;
  c.stages = async ? 2 : 1;
  bool fromLaunch = false;
  if (auto launch = e.kernel.getLaunchAttr()) {
    auto block = dyn_cast_or_null<ArrayAttr>(launch.get("block"));
    auto mma = dyn_cast_or_null<StringAttr>(launch.get("mma"));
    if (block && block.size() == 2 && mma &&
        !mma.getValue().starts_with("wgmma")) {
      auto bq = dyn_cast<IntegerAttr>(block[0]);
      auto bkv = dyn_cast<IntegerAttr>(block[1]);
      if (bq && bkv && bq.getInt() % 16 == 0 && bq.getInt() >= 16 &&
          bq.getInt() <= 128 && bkv.getInt() % 16 == 0 && bkv.getInt() >= 16 &&
          bkv.getInt() <= 128) {
        c.bq = bq.getInt();
        c.bkv = bkv.getInt();
        fromLaunch = c.shared() <= kSharedLimit;
      }
    }
  }
  if (!fromLaunch) {
    // Our mma.sync plan: 4 warps (64 rows) unless fewer rows exist, 64 keys
    // (32 with f32 tiles), no more keys than the sequence has.
    c.bq = std::min<int64_t>(64, roundUp(a.sq, 16));
    c.bkv = std::min<int64_t>(wide ? 64 : 32, roundUp(a.sk, 16));
  }
  // Shrink to the limit: keys to 32, queries to 32, then 16 each, then a
  // single K/V buffer. Static shared memory first, else dynamic.
  auto shrink = [](Config &c, int64_t limit) {
    while (c.shared() > limit) {
      if (c.bkv > 32)
        c.bkv = roundUp(c.bkv / 2, 16);
      else if (c.bq > 32)
        c.bq = roundUp(c.bq / 2, 16);
      else if (c.bkv > 16)
        c.bkv = 16;
      else if (c.bq > 16)
        c.bq = 16;
      else if (c.stages > 1)
        c.stages = 1;
      else
        return false;
    }
    return true;
  };
  Config initial = c;
  if (shrink(c, kSharedLimit))
    return c;
  c = initial;
  c.dynamic = true;
  if (shrink(c, kDynamicSharedLimit))
    return c;
  return std::nullopt;
}

/// The index of the element of a yielded value that element |o| of the
/// values matmul becomes, through |path|.
Index forwardIndex(KernelEmitter &e, ArrayRef<Operation *> path, Index index) {
  for (Operation *op : path) {
    if (auto t = dyn_cast<TransposeOp>(op)) {
      Index next;
      for (int64_t p : t.getPerm())
        next.push_back(index[p]);
      index = next;
    } else if (isa<ReshapeOp>(op)) {
      std::string linear = e.linearize(shapeOf(op->getOperand(0)), index);
      index = e.delinearize(shapeOf(op->getResult(0)), linear);
    }
  }
  return index;
}

const char *modeName(int mode) {
  static const char *names[] = {"TS_ATTN_F32X3", "TS_ATTN_TF32", "TS_ATTN_BF16",
                                "TS_ATTN_F16"};
  return names[mode];
}

} // namespace

LogicalResult codegen::emitAttentionKernel(KernelEmitter &e,
                                           KernelProgram &program) {
  std::optional<Attention> matched = match(e);
  if (!matched)
    return emitElementwiseKernel(e, program);
  Attention &a = *matched;
  int mode = modeOf(a, e.options);
  std::optional<unsigned> kAsync =
      asyncOperand(e, a.scores.getRhs(), a.scores.getTransposeRhs(), mode, a.d);
  std::optional<unsigned> vAsync = asyncOperand(
      e, a.values.getRhs(), !a.values.getTransposeRhs(), mode, a.dv);
  std::optional<unsigned> qAsync = asyncOperand(
      e, a.scores.getLhs(), !a.scores.getTransposeLhs(), mode, a.d);
  std::optional<Config> config =
      configure(e, a, mode, qAsync || kAsync || vAsync);
  if (!config)
    return emitElementwiseKernel(e, program);
  const Config &c = *config;
  if (c.stages == 1)
    qAsync = kAsync = vAsync = std::nullopt;
  int64_t warps = c.bq / 16, threads = 32 * warps;
  int64_t nt = c.bkv / 8, nv = c.dvp / 8;
  program.block = {uint32_t(threads), 1, 1};
  program.grid = {uint32_t((a.sq + c.bq - 1) / c.bq),
                  uint32_t(std::min<int64_t>(a.batch, 65535)), 1};
  program.sharedBytes = c.dynamic ? uint32_t(c.shared()) : 0;

  std::string it = e.indexType;
  std::string tile = mode == 2 ? "ts_bf16" : mode == 3 ? "ts_half" : "float";
  std::string toTile = llvm::formatv("ts_attn_to_tile<{0}>", modeName(mode));
  std::string minusInf = "ts_uint_as_float(0xff800000u)";
  CodeStream &b = e.body;
  auto put = [&](const std::string &text) { b.put(text); };
  auto fmt = [](const char *f, auto &&...args) {
    return llvm::formatv(f, std::forward<decltype(args)>(args)...).str();
  };

  put(fmt("// Flash attention: {0} x {1} queries x {2} keys, head dims {3} / "
          "{4} (tiles {5} / {6}); block {7} queries x {8} keys, {9} warps; "
          "{10}.",
          a.batch, a.sq, a.sk, a.d, a.dv, c.dp, c.dvp, c.bq, c.bkv, warps,
          modeName(mode)));
  int64_t kStage = c.bkv * c.kPitch, vStage = c.bkv * c.vPitch;
  if (c.dynamic) {
    put(fmt("TS_DYNAMIC_SHARED({0}, smem);", tile));
    put(fmt("{0} *qs = smem;", tile));
    put(fmt("{0} *ks = smem + {1};", tile, c.bq * c.qPitch));
    put(fmt("{0} *vs = smem + {1};", tile,
            c.bq * c.qPitch + c.stages * kStage));
  } else {
    put(fmt("TS_SHARED({0}, qs, [{1}]);", tile, c.bq * c.qPitch));
    put(fmt("TS_SHARED({0}, ks, [{1}]);", tile, c.stages * kStage));
    put(fmt("TS_SHARED({0}, vs, [{1}]);", tile, c.stages * vStage));
  }
  put("const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;");
  put("const int g = lane / 4, tq = lane % 4;");
  std::pair<std::optional<unsigned>, const char *> flags[] = {
      {qAsync, "qAligned"}, {kAsync, "kAligned"}, {vAsync, "vAligned"}};
  for (auto [arg, flag] : flags)
    if (arg)
      put(fmt("// {0} streams through cp.async when 16-byte aligned.",
              e.operandNames[*arg]));
  for (auto [arg, flag] : flags)
    if (arg)
      put(fmt("const bool {0} = ((uintptr_t){1} & 15) == 0;", flag,
              e.operandNames[*arg]));
  b.open(
      fmt("for ({0} bh = blockIdx.y; bh < {1}; bh += gridDim.y)", it, a.batch));
  e.pushScope();
  Index batchIndex = e.delinearize(a.batchShape, "bh");
  auto operandIndex = [&](Value operand, const std::string &row,
                          const std::string &col, bool transpose) {
    Index index = e.broadcastIndex(shapeOf(operand).drop_back(2), batchIndex);
    index.push_back(transpose ? col : row);
    index.push_back(transpose ? row : col);
    return index;
  };
  b.open(fmt("for ({0} q0 = ({0})blockIdx.x * {1}; q0 < {2}; q0 += ({0})"
             "gridDim.x * {1})",
             it, c.bq, a.sq));

  // Loads a [rows x cols] tile, zero-filled past |rowLimit| / |colLimit|.
  auto loadTile =
      [&](const std::string &dst, const std::string &offset, int64_t pitch,
          int64_t rows, int64_t cols, const std::string &row0, int64_t rowLimit,
          int64_t colLimit,
          const std::function<Index(const std::string &, const std::string &)>
              &index,
          Value value) {
        b.open(fmt("for (int idx = threadIdx.x; idx < {0}; idx += {1})",
                   rows * cols, threads));
        put(fmt("const int r = idx / {0}, c = idx % {0};", cols));
        put(fmt("const {0} row = {1} + r;", it, row0));
        put("float x = 0.0f;");
        b.open(fmt("if (row < {0} && c < {1})", rowLimit, colLimit));
        e.pushScope();
        put("x = " + e.emitValue(value, index("row", "c")) + ";");
        e.popScope();
        b.close();
        put(fmt("{0}[{1}r * {2} + c] = {3}(x);", dst, offset, pitch, toTile));
        b.close();
      };
  // The same tile through 16-byte cp.async copies from parameter |arg|
  // (zero-filled past the limits) when |flag|, else loadTile's loop.
  int64_t perChunk = 16 / c.elem;
  auto streamTile = [&](std::optional<unsigned> arg, const char *flag,
                        const std::string &dst, const std::string &offset,
                        int64_t pitch, int64_t rows, int64_t cols,
                        const std::string &row0, int64_t rowLimit,
                        int64_t colLimit,
                        const std::function<Index(const std::string &,
                                                  const std::string &)> &index,
                        Value value) {
    if (!arg) {
      loadTile(dst, offset, pitch, rows, cols, row0, rowLimit, colLimit, index,
               value);
      return;
    }
    b.open(fmt("if ({0})", flag));
    int64_t chunks = cols / perChunk;
    b.open(fmt("for (int idx = threadIdx.x; idx < {0}; idx += {1})",
               rows * chunks, threads));
    put(fmt("const int r = idx / {0}, c = idx % {0} * {1};", chunks, perChunk));
    put(fmt("const {0} row = {1} + r;", it, row0));
    put(fmt("const bool inside = row < {0} && c < {1};", rowLimit, colLimit));
    e.pushScope();
    std::string linear = e.linearize(shapeOf(value), index("row", "c"));
    put(fmt("ts_cp_async16({0} + {1}r * {2} + c, {3} + (inside ? {4} : 0), "
            "inside ? 16 : 0);",
            dst, offset, pitch, e.operandNames[*arg], linear));
    e.popScope();
    b.close();
    b.close("} else {");
    b.indentIn();
    loadTile(dst, offset, pitch, rows, cols, row0, rowLimit, colLimit, index,
             value);
    b.close();
  };

  put("// The Q tile (the prologue ops per element; with cp.async, part of "
      "the first K/V group).");
  streamTile(
      qAsync, "qAligned", "qs", "", c.qPitch, c.bq, c.dp, "q0", a.sq, a.d,
      [&](const std::string &row, const std::string &col) {
        return operandIndex(a.scores.getLhs(), row, col,
                            a.scores.getTransposeLhs());
      },
      a.scores.getLhs());
  put(fmt("float o[{0}][4];", nv));
  put(fmt("for (int n = 0; n < {0}; ++n)", nv));
  put("  o[n][0] = o[n][1] = o[n][2] = o[n][3] = 0.0f;");
  put(fmt("float m[2] = {{{0}, {0}}, l[2] = {{0.0f, 0.0f}, alpha[2];",
          minusInf));
  if (a.postOps)
    put("int rowNan[2] = {0, 0};");
  int64_t tiles = (a.sk + c.bkv - 1) / c.bkv;
  std::string kTile = c.stages == 1 ? "ks" : fmt("ks + stage * {0}", kStage);
  std::string vTile = c.stages == 1 ? "vs" : fmt("vs + stage * {0}", vStage);
  auto kvIndexK = [&](const std::string &key, const std::string &col) {
    // K: rhs [.., D, Sk], or [.., Sk, D] with transpose_rhs.
    return operandIndex(a.scores.getRhs(), col, key,
                        a.scores.getTransposeRhs());
  };
  auto kvIndexV = [&](const std::string &key, const std::string &col) {
    return operandIndex(a.values.getRhs(), key, col,
                        a.values.getTransposeRhs());
  };
  if (c.stages == 1) {
    b.open(fmt("for ({0} k0 = 0; k0 < {1}; k0 += {2})", it, a.sk, c.bkv));
    put("// K and V tiles; the previous ones are consumed (barrier at the "
        "end).");
    loadTile("ks", "", c.kPitch, c.bkv, c.dp, "k0", a.sk, a.d, kvIndexK,
             a.scores.getRhs());
    loadTile("vs", "", c.vPitch, c.bkv, c.dvp, "k0", a.sk, a.dv, kvIndexV,
             a.values.getRhs());
    put("ts_syncthreads();");
  } else {
    // A two-stage ring: tile t is requested while tile t - 1 is used.
    b.open(fmt("for (int t = 0; t < {0}; ++t)", tiles + 1));
    b.open(fmt("if (t < {0})", tiles));
    put(fmt("const {0} kl = ({0})t * {1};", it, c.bkv));
    put("const int sl = t % 2;");
    streamTile(kAsync, "kAligned", "ks", fmt("sl * {0} + ", kStage), c.kPitch,
               c.bkv, c.dp, "kl", a.sk, a.d, kvIndexK, a.scores.getRhs());
    streamTile(vAsync, "vAligned", "vs", fmt("sl * {0} + ", vStage), c.vPitch,
               c.bkv, c.dvp, "kl", a.sk, a.dv, kvIndexV, a.values.getRhs());
    b.close();
    put("ts_cp_async_commit();");
    put("if (t == 0)");
    put("  continue;");
    put("// Tile t - 1 has landed (this thread's copies), and everybody's.");
    put("ts_cp_async_wait<1>();");
    put("ts_syncthreads();");
    put(fmt("const {0} k0 = ({0})(t - 1) * {1};", it, c.bkv));
    put("const int stage = (t - 1) % 2;");
  }
  put(fmt("float s[{0}][4];", nt));
  put(fmt("ts_attn_scores</*mode=*/{0}, /*n8_tiles=*/{1}, /*d=*/{2}>(s, qs + "
          "warp * 16 * {3}, {3}, {5}, {4});",
          modeName(mode), nt, c.dp, c.qPitch, c.kPitch, kTile));

  // Per S element: the row and key, in range or -inf.
  auto openElements = [&]() {
    put("TS_UNROLL");
    b.open(fmt("for (int j = 0; j < {0}; ++j)", nt));
    put("TS_UNROLL");
    b.open("for (int e = 0; e < 4; ++e)");
    put(fmt("const {0} sq = q0 + warp * 16 + g + (e / 2) * 8;", it));
    put(fmt("const {0} sk = k0 + j * 8 + tq * 2 + e % 2;", it));
  };
  Index sIndex = batchIndex;
  sIndex.push_back("sq");
  sIndex.push_back("sk");
  Type sElem = getElementTypeOrSelf(a.scores.getResult().getType());
  put("// The scores: scale, masks ... per element, -inf past the keys.");
  openElements();
  put("float x = " + minusInf + ";");
  b.open(fmt("if (sq < {0} && sk < {1})", a.sq, a.sk));
  e.pushScope();
  e.anchor = [&](Value v, const Index &) -> std::optional<std::string> {
    if (v != a.scores.getResult())
      return std::nullopt;
    return e.let("float", e.roundTo(sElem, "s[j][e]"));
  };
  put("x = " + e.emitValue(a.softmax.getInput(), sIndex) + ";");
  e.popScope();
  b.close();
  put("s[j][e] = x;");
  b.close();
  b.close();
  put("ts_attn_online_softmax(s, m, l, alpha);");
  put("ts_attn_rescale(o, alpha);");
  if (a.postOps) {
    // The probabilities through the select/cast ops (linear in P); with
    // NaN probabilities (a fully masked row), whether the result is NaN.
    put("// The ops between softmax and P·V, per element.");
    openElements();
    b.open(fmt("if (sq < {0} && sk < {1})", a.sq, a.sk));
    put("const float pin = s[j][e];");
    std::string anchorValue = "pin";
    e.anchor = [&](Value v, const Index &) -> std::optional<std::string> {
      if (v != a.softmax.getResult())
        return std::nullopt;
      return anchorValue;
    };
    e.pushScope();
    put("s[j][e] = " + e.emitValue(a.values.getLhs(), sIndex) + ";");
    e.popScope();
    anchorValue = "ts_uint_as_float(0x7fc00000u)";
    b.put("{");
    b.indentIn();
    e.pushScope();
    std::string nan = e.emitValue(a.values.getLhs(), sIndex);
    put("rowNan[e / 2] |= ts_isnan(" + nan + ") ? 1 : 0;");
    e.popScope();
    b.close();
    b.close();
    b.close();
    b.close();
  }
  put(fmt("ts_attn_pv</*mode=*/{0}, /*n8_tiles=*/{1}, /*dv_tiles=*/{2}>(o, s, "
          "{4}, {3});",
          modeName(mode), nt, nv, c.vPitch, vTile));
  put("ts_syncthreads();");
  b.close();

  put("// O / l, then the epilogue per element.");
  put("ts_attn_row_sum(l);");
  if (a.postOps) {
    put("for (int r = 0; r < 2; ++r) {");
    put("  rowNan[r] |= ts_shfl_xor_sync(TS_FULL_MASK, rowNan[r], 1);");
    put("  rowNan[r] |= ts_shfl_xor_sync(TS_FULL_MASK, rowNan[r], 2);");
    put("}");
  }
  put("TS_UNROLL");
  b.open(fmt("for (int n = 0; n < {0}; ++n)", nv));
  put("TS_UNROLL");
  b.open("for (int e = 0; e < 4; ++e)");
  put(fmt("const {0} row = q0 + warp * 16 + g + (e / 2) * 8;", it));
  put("const int col = n * 8 + tq * 2 + e % 2;");
  b.open(fmt("if (row < {0} && col < {1})", a.sq, a.dv));
  // A row without any finite score has l = 0 and o = 0: 0 / 0 = NaN, as
  // the reference softmax gives; with post-softmax selects, 0 unless one
  // kept a probability.
  put("float ov = o[n][e] / l[e / 2];");
  if (a.postOps)
    put("if (l[e / 2] == 0.0f && !rowNan[e / 2]) ov = 0.0f;");
  e.pushScope();
  Type oElem = getElementTypeOrSelf(a.values.getResult().getType());
  e.anchor = [&](Value v, const Index &) -> std::optional<std::string> {
    if (v != a.values.getResult())
      return std::nullopt;
    return e.let("float", e.roundTo(oElem, "ov"));
  };
  Index oIndex = batchIndex;
  oIndex.push_back("row");
  oIndex.push_back("col");
  YieldOp yield = e.kernel.getYield();
  for (auto [i, value] : llvm::enumerate(yield.getValues())) {
    Index index = forwardIndex(e, a.epilogues[i], oIndex);
    std::string v = e.emitValue(value, index);
    put(e.resultNames[i] + "[" + e.linearize(shapeOf(value), index) +
        "] = " + e.toStorage(value.getType(), v) + ";");
  }
  e.popScope();
  b.close();
  b.close();
  b.close();
  b.close();
  e.popScope();
  b.close();
  e.anchor = nullptr;
  return success(e.failure.empty());
}
