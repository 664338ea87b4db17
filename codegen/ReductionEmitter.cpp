//===- ReductionEmitter.cpp - Row reductions ------------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Softmax, log-softmax, layer-norm, RMS-norm, reduce_* and argmax/argmin:
// the reduced axes of the kernel's reductions form a row; one block per row
// (grid-stride over rows). Each thread strides over the row accumulating
// its part, the block combines the parts (ts_block_reduce_* for float
// sum/max/min: warp shuffles, one partial per warp in shared memory; a
// shared-memory tree for the others), then the yielded values are computed
// per row element (softmax-like results) or once per row (reduce results).
// Elementwise prologue ops are recomputed in each pass over the row;
// epilogue ops apply to the final values.
//
//===----------------------------------------------------------------------===//
#include "codegen/Emitter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;
using ::tessera::codegen::KernelProgram;

namespace {

/// The reduced axes of a row reduction op, or nullopt for other ops.
std::optional<std::vector<int64_t>> reducedAxes(Operation *op) {
  auto rankOf = [&](Value v) {
    return cast<RankedTensorType>(v.getType()).getRank();
  };
  auto norm = [](int64_t axis, int64_t rank) {
    return axis < 0 ? axis + rank : axis;
  };
  auto tail = [&](int64_t axis, int64_t rank) {
    std::vector<int64_t> axes;
    for (int64_t d = norm(axis, rank); d < rank; ++d)
      axes.push_back(d);
    return axes;
  };
  return llvm::TypeSwitch<Operation *, std::optional<std::vector<int64_t>>>(op)
      .Case<SoftmaxOp, LogSoftmaxOp>([&](auto s) {
        return std::vector<int64_t>{norm(s.getAxis(), rankOf(s.getInput()))};
      })
      .Case<ArgMaxOp, ArgMinOp>([&](auto s) {
        return std::vector<int64_t>{norm(s.getAxis(), rankOf(s.getInput()))};
      })
      .Case<LayerNormOp, RmsNormOp>(
          [&](auto s) { return tail(s.getAxis(), rankOf(s.getInput())); })
      .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp, ReduceProdOp>(
          [&](auto s) {
            ArrayRef<int64_t> axes = s.getAxes();
            return std::vector<int64_t>(axes.begin(), axes.end());
          })
      .Default([](Operation *) { return std::nullopt; });
}

/// The C type a row statistic of |op| is held in.
std::string accumulator(Operation *op) {
  Type elem =
      cast<RankedTensorType>(op->getOperand(0).getType()).getElementType();
  if (isa<FloatType>(elem))
    return computeType(elem);
  if (isa<ReduceSumOp, ReduceMeanOp, ReduceProdOp>(op))
    return elem.isInteger(1) ? "int64_t" : computeType(elem);
  return computeType(elem);
}

struct RowEmitter {
  KernelEmitter &e;
  ArrayRef<int64_t> inShape;
  std::vector<int64_t> axes;
  std::vector<int64_t> outerShape, innerShape;
  int64_t rows = 1, length = 1, threads = 32;
  Index outer;
  int sharedCount = 0;
  /// One pass over memory when the row fits in registers: the input of the
  /// first reduction, |items| elements per thread in |cache|.
  std::string cache;
  Value cachedValue;
  int64_t items = 0;
  bool cacheFilled = false;
  std::vector<std::string> shared;
  /// Per anchor op: its row statistics.
  llvm::DenseMap<Operation *, std::vector<std::string>> stats{};

  /// The full input index from the row's outer index and |inner|.
  Index full(const Index &inner) {
    Index index(inShape.size());
    size_t o = 0, i = 0;
    for (size_t d = 0; d < inShape.size(); ++d)
      index[d] = llvm::is_contained(axes, int64_t(d)) ? inner[i++] : outer[o++];
    return index;
  }

  /// Emits `for (j = threadIdx.x; j < length; j += blockDim.x)` and calls
  /// |fn| with the full index of element j.
  void overRow(const std::function<void(const Index &)> &fn) {
    if (!cache.empty()) {
      // The row fits: each thread's elements j = threadIdx.x + r *
      // blockDim.x; the first pass keeps the cached value in registers,
      // the later passes read it from there.
      e.body.put("TS_UNROLL");
      e.body.open(llvm::formatv("for (int r = 0; r < {0}; ++r)", items).str());
      e.body.put(llvm::formatv("const {0} j = threadIdx.x + r * blockDim.x;",
                               e.indexType)
                     .str());
      e.body.open(llvm::formatv("if (j < {0})", length).str());
      e.pushScope();
      Index index = full(e.delinearize(innerShape, "j"));
      std::string key = llvm::join(index, ",");
      if (cacheFilled)
        e.storeMemo(cachedValue.getAsOpaquePointer(), key, cache + "[r]");
      fn(index);
      if (!cacheFilled)
        e.body.put(cache + "[r] = " + e.emitValue(cachedValue, index) + ";");
      e.popScope();
      e.body.close();
      e.body.close();
      cacheFilled = true;
      return;
    }
    e.body.open(llvm::formatv("for ({0} j = threadIdx.x; j < {1}; j += "
                              "blockDim.x)",
                              e.indexType, length)
                    .str());
    e.pushScope();
    fn(full(e.delinearize(innerShape, "j")));
    e.popScope();
    e.body.close();
  }

  /// Combines a per-thread value over the block. |combine| is a format
  /// string of {0}, {1}; float sum/max/min use the prelude's reductions.
  std::string blockReduce(StringRef type, StringRef var, StringRef kind) {
    if (type == "float" && (kind == "sum" || kind == "max" || kind == "min")) {
      if (llvm::find(shared, "TS_SHARED(float, scratch, [32]);") ==
          shared.end())
        shared.push_back("TS_SHARED(float, scratch, [32]);");
      return e.let(
          "float",
          ("ts_block_reduce_" + kind + "(" + var + ", scratch)").str());
    }
    std::string array = "partial" + std::to_string(sharedCount++);
    shared.push_back(
        llvm::formatv("TS_SHARED({0}, {1}, [{2}]);", type, array, threads)
            .str());
    std::string combine = kind == "sum"    ? "{0} + {1}"
                          : kind == "prod" ? "{0} * {1}"
                          : kind == "max"  ? "{1} > {0} ? {1} : {0}"
                                           : "{1} < {0} ? {1} : {0}";
    e.body.put(array + "[threadIdx.x] = " + var.str() + ";");
    e.body.put("ts_syncthreads();");
    e.body.open("for (int s = blockDim.x / 2; s > 0; s /= 2)");
    e.body.open("if ((int)threadIdx.x < s)");
    e.body.put(array + "[threadIdx.x] = " +
               llvm::formatv(combine.c_str(), array + "[threadIdx.x]",
                             array + "[threadIdx.x + s]")
                   .str() +
               ";");
    e.body.close();
    e.body.put("ts_syncthreads();");
    e.body.close();
    std::string result = e.let(type, array + "[0]");
    e.body.put("ts_syncthreads();");
    return result;
  }

  /// Accumulates f(x) over the row into a new variable, block-reduced.
  std::string reduceRow(Value input, StringRef type, StringRef kind,
                        StringRef init,
                        const std::function<std::string(StringRef)> &f) {
    std::string acc = e.fresh();
    e.body.put((type + " " + acc + " = " + init + ";").str());
    overRow([&](const Index &index) {
      std::string x = f(e.emitValue(input, index));
      std::string combine = kind == "sum"    ? acc + " + " + x
                            : kind == "prod" ? acc + " * " + x
                            : kind == "max"
                                ? x + " > " + acc + " ? " + x + " : " + acc
                                : x + " < " + acc + " ? " + x + " : " + acc;
      if (type == "float" && kind == "max")
        combine = "ts_fmax(" + acc + ", " + x + ")";
      if (type == "float" && kind == "min")
        combine = "ts_fmin(" + acc + ", " + x + ")";
      e.body.put(acc + " = " + combine + ";");
    });
    return blockReduce(type, acc, kind);
  }

  /// Emits the row statistics of |op|.
  void emitStats(Operation *op) {
    auto identity = [](StringRef x) { return x.str(); };
    Value input = op->getOperand(0);
    Type elem = cast<RankedTensorType>(input.getType()).getElementType();
    std::string ct = computeType(elem);
    bool isFloat = isa<FloatType>(elem);
    std::string acc = isFloat ? ct : (elem.isInteger(1) ? "int64_t" : ct);
    std::string lowest = isFloat ? literal(elem, -INFINITY)
                                 : "(" + ct + ")" + intLiteral(elem, INT64_MIN);
    std::string highest = isFloat
                              ? literal(elem, INFINITY)
                              : "(" + ct + ")" + intLiteral(elem, INT64_MAX);
    if (elem.isInteger(32)) {
      lowest = "(-2147483647 - 1)";
      highest = "2147483647";
    } else if (elem.isInteger(8)) {
      lowest = "(int8_t)-128";
      highest = "(int8_t)127";
    }
    std::string len = literal(elem, double(length));
    auto &out = stats[op];
    llvm::TypeSwitch<Operation *>(op)
        .Case<SoftmaxOp, LogSoftmaxOp>([&](auto) {
          std::string m = reduceRow(input, ct, "max", lowest, identity);
          std::string s =
              reduceRow(input, ct, "sum", literal(elem, 0), [&](StringRef x) {
                return e.let(ct, "ts_exp(" + x.str() + " - " + m + ")");
              });
          out = {m, s};
        })
        .Case<LayerNormOp>([&](LayerNormOp) {
          std::string sum =
              reduceRow(input, ct, "sum", literal(elem, 0), identity);
          std::string mean = e.let(ct, sum + " / " + len);
          std::string sq =
              reduceRow(input, ct, "sum", literal(elem, 0), [&](StringRef x) {
                std::string d = e.let(ct, x.str() + " - " + mean);
                return e.let(ct, d + " * " + d);
              });
          auto ln = cast<LayerNormOp>(op);
          std::string eps = literal(elem, ln.getEpsilon().convertToDouble());
          std::string rstd = e.let(ct, literal(elem, 1) + " / ts_sqrt(" + sq +
                                           " / " + len + " + " + eps + ")");
          out = {mean, rstd};
        })
        .Case<RmsNormOp>([&](RmsNormOp rms) {
          std::string sq =
              reduceRow(input, ct, "sum", literal(elem, 0), [&](StringRef x) {
                return e.let(ct, x.str() + " * " + x.str());
              });
          std::string eps = literal(elem, rms.getEpsilon().convertToDouble());
          out = {e.let(ct, literal(elem, 1) + " / ts_sqrt(" + sq + " / " + len +
                               " + " + eps + ")")};
        })
        .Case<ReduceSumOp, ReduceMeanOp>([&](auto r) {
          std::string s = reduceRow(input, acc, "sum",
                                    isFloat ? literal(elem, 0) : "0", identity);
          if (isa<ReduceMeanOp>(op))
            s = e.let(acc, isFloat ? s + " / " + len
                                   : s + " / " + std::to_string(length));
          out = {s};
        })
        .Case<ReduceProdOp>([&](auto) {
          out = {reduceRow(input, acc, "prod", isFloat ? literal(elem, 1) : "1",
                           identity)};
        })
        .Case<ReduceMaxOp>([&](auto) {
          out = {reduceRow(input, ct, "max", lowest, identity)};
        })
        .Case<ReduceMinOp>([&](auto) {
          out = {reduceRow(input, ct, "min", highest, identity)};
        })
        .Case<ArgMaxOp, ArgMinOp>([&](auto a) {
          bool isMax = isa<ArgMaxOp>(op);
          bool last = a.getSelectLastIndex();
          std::string best = e.fresh(), at = e.fresh();
          e.body.put(ct + " " + best + " = " + (isMax ? lowest : highest) +
                     ";");
          e.body.put("int64_t " + at + " = -1;");
          // Position along the reduced axis (a single axis).
          overRow([&](const Index &index) {
            std::string x = e.emitValue(input, index);
            std::string better = isMax ? x + (last ? " >= " : " > ") + best
                                       : x + (last ? " <= " : " < ") + best;
            e.body.open("if (" + at + " < 0 || " + better + ")");
            e.body.put(best + " = " + x + ";");
            e.body.put(at + " = j;");
            e.body.close();
          });
          std::string vs = "partial" + std::to_string(sharedCount++);
          std::string is = "partial" + std::to_string(sharedCount++);
          shared.push_back(
              llvm::formatv("TS_SHARED({0}, {1}, [{2}]);", ct, vs, threads));
          shared.push_back(
              llvm::formatv("TS_SHARED(int64_t, {0}, [{1}]);", is, threads));
          e.body.put(vs + "[threadIdx.x] = " + best + ";");
          e.body.put(is + "[threadIdx.x] = " + at + ";");
          e.body.put("ts_syncthreads();");
          e.body.open("for (int s = blockDim.x / 2; s > 0; s /= 2)");
          e.body.open("if ((int)threadIdx.x < s)");
          std::string va = vs + "[threadIdx.x]", vb = vs + "[threadIdx.x + s]";
          std::string ia = is + "[threadIdx.x]", ib = is + "[threadIdx.x + s]";
          std::string cmp = isMax ? " > " : " < ";
          e.body.put("const bool takeOther = " + ib + " >= 0 && (" + ia +
                     " < 0 || " + vb + cmp + va + " || (" + vb + " == " + va +
                     " && " + ib + (last ? " > " : " < ") + ia + "));");
          e.body.open("if (takeOther)");
          e.body.put(va + " = " + vb + ";");
          e.body.put(ia + " = " + ib + ";");
          e.body.close();
          e.body.close();
          e.body.put("ts_syncthreads();");
          e.body.close();
          std::string result = e.let("int64_t", is + "[0]");
          e.body.put("ts_syncthreads();");
          out = {result};
        });
  }

  /// The value of anchor |v| at |index| (full index for softmax-like ops).
  std::optional<std::string> resolve(Value v, const Index &index) {
    Operation *op = v.getDefiningOp();
    if (!op || !stats.count(op))
      return std::nullopt;
    auto &s = stats[op];
    Type elem = cast<RankedTensorType>(v.getType()).getElementType();
    std::string ct = computeType(elem);
    return llvm::TypeSwitch<Operation *, std::optional<std::string>>(op)
        .Case([&](SoftmaxOp sm) {
          std::string x = e.emitValue(sm.getInput(), index);
          return e.let(ct, e.roundTo(elem, "ts_fdiv(ts_exp(" + x + " - " +
                                               s[0] + "), " + s[1] + ")"));
        })
        .Case([&](LogSoftmaxOp sm) {
          std::string x = e.emitValue(sm.getInput(), index);
          return e.let(ct, e.roundTo(elem, x + " - " + s[0] + " - ts_log(" +
                                               s[1] + ")"));
        })
        .Case([&](LayerNormOp ln) {
          std::string x = e.emitValue(ln.getInput(), index);
          Value scale = ln.getScale();
          std::string g = e.emitValue(
              scale,
              e.broadcastIndex(
                  cast<RankedTensorType>(scale.getType()).getShape(), index));
          std::string y = "(" + x + " - " + s[0] + ") * " + s[1] + " * " + g;
          if (Value bias = ln.getBias())
            y +=
                " + " +
                e.emitValue(
                    bias, e.broadcastIndex(
                              cast<RankedTensorType>(bias.getType()).getShape(),
                              index));
          return e.let(ct, e.roundTo(elem, y));
        })
        .Case([&](RmsNormOp rms) {
          std::string x = e.emitValue(rms.getInput(), index);
          Value scale = rms.getScale();
          std::string g = e.emitValue(
              scale,
              e.broadcastIndex(
                  cast<RankedTensorType>(scale.getType()).getShape(), index));
          return e.let(ct, e.roundTo(elem, x + " * " + s[0] + " * " + g));
        })
        .Case<ArgMaxOp, ArgMinOp>([&](auto) { return s[0]; })
        .Default([&](Operation *) {
          // reduce_*: the row's value, in the result's compute type.
          std::string value = e.roundTo(elem, "(" + ct + ")" + s[0]);
          if (value == "(" + ct + ")" + s[0] && accumulator(op) == ct)
            return s[0];
          return e.let(ct, value);
        });
  }
};

} // namespace

LogicalResult codegen::emitReductionKernel(KernelEmitter &e,
                                           KernelProgram &program) {
  // The row reductions; all must reduce the same axes of the same shape.
  std::vector<Operation *> anchors;
  std::optional<std::vector<int64_t>> axes;
  ArrayRef<int64_t> inShape;
  for (Operation &op : e.kernel.getBody().front().without_terminator()) {
    std::optional<std::vector<int64_t>> a = reducedAxes(&op);
    if (!a)
      continue;
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(op.getOperand(0).getType()).getShape();
    if (axes && (*axes != *a || shape != inShape))
      return emitElementwiseKernel(e, program); // Per-element loops.
    axes = a;
    inShape = shape;
    anchors.push_back(&op);
  }
  if (anchors.empty())
    return emitElementwiseKernel(e, program);

  int64_t rowsCount = 1;
  for (size_t d = 0; d < inShape.size(); ++d)
    if (!llvm::is_contained(*axes, int64_t(d)))
      rowsCount *= inShape[d];
  for (Value value : e.kernel.getYield().getValues()) {
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getShape() != inShape && type.getNumElements() != rowsCount)
      return emitElementwiseKernel(e, program); // Per-element loops.
  }
  RowEmitter r{e, inShape, *axes};
  for (size_t d = 0; d < inShape.size(); ++d) {
    if (llvm::is_contained(r.axes, int64_t(d))) {
      r.innerShape.push_back(inShape[d]);
      r.length *= inShape[d];
    } else {
      r.outerShape.push_back(inShape[d]);
      r.rows *= inShape[d];
    }
  }
  while (r.threads < 256 && r.threads < r.length)
    r.threads *= 2;
  program.block = {uint32_t(r.threads), 1, 1};
  program.grid = {
      uint32_t(std::max<int64_t>(1, std::min<int64_t>(r.rows, 4096))), 1, 1};
  if (r.rows == 0)
    return success();

  e.anchor = [&](Value v, const Index &index) { return r.resolve(v, index); };
  e.body.open(llvm::formatv("for ({0} row = blockIdx.x; row < {1}; row += "
                            "gridDim.x)",
                            e.indexType, r.rows)
                  .str());
  e.pushScope();
  r.outer = e.delinearize(r.outerShape, "row");
  constexpr int64_t kMaxItems = 8;
  if (r.length > 0 && r.length <= kMaxItems * r.threads) {
    r.items = (r.length + r.threads - 1) / r.threads;
    r.cachedValue = anchors.front()->getOperand(0);
    r.cache = e.fresh();
    e.body.put(computeType(r.cachedValue.getType()) + " " + r.cache + "[" +
               std::to_string(r.items) + "];");
  }
  for (Operation *op : anchors)
    r.emitStats(op);

  // The results: per row element, or once per row.
  YieldOp yield = e.kernel.getYield();
  for (auto [i, value] : llvm::enumerate(yield.getValues())) {
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getShape() == inShape) {
      r.overRow([&](const Index &index) {
        std::string v = e.emitValue(value, index);
        e.body.put(e.resultNames[i] + "[" + e.linearize(inShape, index) +
                   "] = " + e.toStorage(type, v) + ";");
      });
      continue;
    }
    if (type.getNumElements() != r.rows) {
      e.fail(value.getDefiningOp(),
             "a result that is neither per row nor per row element");
      return failure();
    }
    Index index;
    if (type.getRank() == static_cast<int64_t>(inShape.size())) {
      Index zeros(r.innerShape.size(), "0");
      index = r.full(zeros);
    } else {
      index = r.outer;
    }
    e.body.open("if (threadIdx.x == 0)");
    e.pushScope();
    std::string v = e.emitValue(value, index);
    e.body.put(e.resultNames[i] + "[row] = " + e.toStorage(type, v) + ";");
    e.popScope();
    e.body.close();
  }
  e.popScope();
  e.body.close();
  // Shared arrays at the top of the kernel.
  std::string decls;
  for (const std::string &line : r.shared)
    decls += "  " + line + "\n";
  e.body.str() = decls + e.body.str();
  return success(e.failure.empty());
}
