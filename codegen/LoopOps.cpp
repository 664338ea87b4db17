//===- LoopOps.cpp - Per-element loops for ops without a structured kernel
//-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// When an op that has a structured emitter (matmul, the row reductions)
// sits in a kernel that emitter cannot take as a whole (an attention kernel:
// matmul, softmax, matmul; a recurrent step), or the op has no structured
// emitter yet (conv, pooling, cumsum), element |index| of its result is
// computed by a loop inside the per-element code: a direct dot product, a
// window, a prefix. Correct for any shape; not fast (the row statistics of
// softmax/normalizations are computed once per row and element scope).
//
//===----------------------------------------------------------------------===//
#include "codegen/Emitter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;

namespace {

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}
Type elemOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getElementType();
}

/// Opens `for (int var = 0; var < count; ++var)` and a scope.
std::string openLoop(KernelEmitter &e, int64_t count) {
  std::string var = e.fresh();
  e.body.open(llvm::formatv("for ({0} {1} = 0; {1} < {2}; ++{1})", e.indexType,
                            var, count)
                  .str());
  e.pushScope();
  return var;
}
void closeLoop(KernelEmitter &e) {
  e.popScope();
  e.body.close();
}

/// Emits |acc| += |a| * |b| for an accumulator of type |at| (a fused
/// multiply-add in float, as the tiled matmul kernels do).
void emitMulAdd(KernelEmitter &e, const std::string &at, const std::string &acc,
                const std::string &a, const std::string &b) {
  if (at == "float")
    e.body.put(acc + " = ts_fma(" + a + ", " + b + ", " + acc + ");");
  else
    e.body.put(acc + " += " + a + " * " + b + ";");
}

/// A convolution's output element: |acc| plus the bias of |channel| (when
/// there is a bias), converted to the compute type |ct| and rounded to |rt|.
std::string convResult(KernelEmitter &e, const std::string &acc, Value bias,
                       const std::string &channel, Type rt,
                       const std::string &ct) {
  std::string y = acc;
  if (bias)
    y = acc + " + " + e.emitValue(bias, {channel});
  return e.let(ct, e.roundTo(rt, "(" + ct + ")(" + y + ")"));
}

/// Opens the reduction loop of a direct (transposed) convolution over
/// (input channel within the group, kernel position) for |channels| input
/// channels and the kernel dims |kernel| (the channel fastest with
/// |channelsLast|); returns the loop index split as {channel, kernel
/// dims...}.
Index openConvWindowLoop(KernelEmitter &e, int64_t channels,
                         ArrayRef<int64_t> kernel, bool channelsLast = false) {
  std::vector<int64_t> inner(kernel);
  inner.insert(channelsLast ? inner.end() : inner.begin(), channels);
  int64_t total = 1;
  for (int64_t d : inner)
    total *= d;
  std::string r = openLoop(e, total);
  Index split = e.delinearize(inner, r);
  if (channelsLast)
    std::rotate(split.begin(), split.end() - 1, split.end());
  return split;
}

/// One tap of that loop: |acc| += input[|pos|] * weight[|wi|] when all of
/// |inside| hold (the window position is inside the input); then closes the
/// loop.
void accumulateConvTap(KernelEmitter &e, ArrayRef<std::string> inside,
                       const std::string &at, const std::string &acc,
                       Value input, const Index &pos, Value weight,
                       const Index &wi) {
  e.body.open(
      "if (" +
      (inside.empty() ? std::string("true") : llvm::join(inside, " && ")) +
      ")");
  e.pushScope();
  std::string x = e.emitValue(input, pos);
  std::string wv = e.emitValue(weight, wi);
  emitMulAdd(e, at, acc, x, wv);
  e.popScope();
  e.body.close();
  closeLoop(e);
}

/// Accumulator type of |t| (float for f16/bf16, int64 for integers).
std::string accType(Type t) {
  if (isa<FloatType>(t))
    return t.isF64() ? "double" : "float";
  return "int64_t";
}

std::string combineExpr(StringRef kind, const std::string &acc,
                        const std::string &x) {
  if (kind == "sum")
    return acc + " + " + x;
  if (kind == "prod")
    return acc + " * " + x;
  if (kind == "max")
    return x + " > " + acc + " || " + x + " != " + x + " ? " + x + " : " + acc;
  return x + " < " + acc + " || " + x + " != " + x + " ? " + x + " : " + acc;
}

/// Reduces |input| over |axes| at the row of |index| (|index| has the
/// input's rank; its entries at |axes| are ignored).
std::string
reduceOver(KernelEmitter &e, Value input, ArrayRef<int64_t> axes,
           const Index &index, StringRef kind,
           const std::function<std::string(const std::string &)> &f = nullptr) {
  Type elem = elemOf(input);
  std::string at = accType(elem);
  std::string init = kind == "sum"    ? "0"
                     : kind == "prod" ? "1"
                     : kind == "max"
                         ? std::string("(-9223372036854775807LL - 1)")
                         : std::string("9223372036854775807LL");
  if (isa<FloatType>(elem))
    init =
        kind == "max"
            ? literal(elem.isF64() ? elem : Float32Type::get(elem.getContext()),
                      -INFINITY)
        : kind == "min"
            ? literal(elem.isF64() ? elem : Float32Type::get(elem.getContext()),
                      INFINITY)
            : init;
  std::string acc = e.fresh();
  e.body.put(at + " " + acc + " = " + init + ";");
  std::vector<int64_t> inner;
  for (int64_t a : axes)
    inner.push_back(shapeOf(input)[a]);
  int64_t count = 1;
  for (int64_t d : inner)
    count *= d;
  std::string var = openLoop(e, count);
  Index split = e.delinearize(inner, var);
  Index full = index;
  for (size_t i = 0; i < axes.size(); ++i)
    full[axes[i]] = split[i];
  std::string x = e.emitValue(input, full);
  if (f)
    x = f(x);
  e.body.put(acc + " = " + combineExpr(kind, acc, x) + ";");
  closeLoop(e);
  return acc;
}

/// The row statistics of |op| at |index|, computed once per C scope.
std::vector<std::string>
rowStats(KernelEmitter &e, Operation *op, ArrayRef<int64_t> axes,
         const Index &index,
         const std::function<std::vector<std::string>(const Index &)> &make) {
  Index key = index;
  for (int64_t a : axes)
    key[a] = "*";
  std::string k = llvm::join(key, ",");
  void *tag = reinterpret_cast<char *>(op) + 1;
  if (std::optional<std::string> found = e.lookupMemo(tag, k)) {
    SmallVector<StringRef> parts;
    StringRef(*found).split(parts, '|');
    std::vector<std::string> out;
    for (StringRef p : parts)
      out.push_back(p.str());
    return out;
  }
  std::vector<std::string> stats = make(index);
  e.storeMemo(tag, k, llvm::join(stats, "|"));
  return stats;
}

} // namespace

std::optional<std::string> codegen::emitLoopOp(KernelEmitter &e, Operation *op,
                                               const Index &index) {
  Type rt = elemOf(op->getResult(0));
  std::string ct = computeType(rt);
  auto norm = [](int64_t axis, int64_t rank) {
    return axis < 0 ? axis + rank : axis;
  };
  return llvm::TypeSwitch<Operation *, std::optional<std::string>>(op)
      .Case([&](MatmulOp m) -> std::optional<std::string> {
        auto lt = cast<RankedTensorType>(m.getLhs().getType());
        auto rtT = cast<RankedTensorType>(m.getRhs().getType());
        int64_t lr = lt.getRank(), rr = rtT.getRank();
        bool tl = m.getTransposeLhs(), tr = m.getTransposeRhs();
        int64_t K =
            lr == 1 ? lt.getShape()[0] : lt.getShape()[lr - (tl ? 2 : 1)];
        int64_t outMN = (lr > 1) + (rr > 1);
        Index batch(index.begin(), index.end() - outMN);
        std::string mi = lr > 1 ? index[index.size() - outMN] : "";
        std::string ni = rr > 1 ? index.back() : "";
        std::string at = accType(rt);
        std::string acc = e.fresh();
        e.body.put(at + " " + acc + " = 0;");
        std::string k = openLoop(e, K);
        Index li, ri;
        if (lr > 2)
          li = e.broadcastIndex(lt.getShape().drop_back(2), batch);
        if (rr > 2)
          ri = e.broadcastIndex(rtT.getShape().drop_back(2), batch);
        if (lr == 1)
          li.push_back(k);
        else if (tl)
          li.insert(li.end(), {k, mi});
        else
          li.insert(li.end(), {mi, k});
        if (rr == 1)
          ri.push_back(k);
        else if (tr)
          ri.insert(ri.end(), {ni, k});
        else
          ri.insert(ri.end(), {k, ni});
        std::string a = e.emitValue(m.getLhs(), li);
        std::string b = e.emitValue(m.getRhs(), ri);
        emitMulAdd(e, at, acc, a, b);
        closeLoop(e);
        return e.let(ct, e.roundTo(rt, "(" + ct + ")" + acc));
      })
      .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp, ReduceProdOp>(
          [&](auto r) -> std::optional<std::string> {
            Value input = r.getInput();
            int64_t rank = shapeOf(input).size();
            ArrayRef<int64_t> axes = r.getAxes();
            Index full;
            if (r.getKeepDims() || axes.empty()) {
              full = index;
            } else {
              size_t o = 0;
              for (int64_t d = 0; d < rank; ++d)
                full.push_back(llvm::is_contained(axes, d) ? "0" : index[o++]);
            }
            StringRef kind = isa<ReduceMaxOp>(r)    ? "max"
                             : isa<ReduceMinOp>(r)  ? "min"
                             : isa<ReduceProdOp>(r) ? "prod"
                                                    : "sum";
            std::string acc = reduceOver(e, input, axes, full, kind);
            if (isa<ReduceMeanOp>(r)) {
              int64_t count = 1;
              for (int64_t a : axes)
                count *= shapeOf(input)[a];
              acc = e.let(accType(rt), acc + " / " + std::to_string(count));
            }
            return e.let(ct, e.roundTo(rt, "(" + ct + ")" + acc));
          })
      .Case<SoftmaxOp, LogSoftmaxOp>([&](auto s) -> std::optional<std::string> {
        Value input = s.getInput();
        std::vector<int64_t> axes{norm(s.getAxis(), index.size())};
        std::vector<std::string> st = rowStats(
            e, op, axes, index,
            [&](const Index &at) -> std::vector<std::string> {
              std::string m = reduceOver(e, input, axes, at, "max");
              std::string sum = reduceOver(
                  e, input, axes, at, "sum", [&](const std::string &x) {
                    return e.let(accType(rt), "ts_exp(" + x + " - " + m + ")");
                  });
              return {m, sum};
            });
        std::string x = e.emitValue(input, index);
        if (isa<SoftmaxOp>(op))
          return e.let(ct, e.roundTo(rt, "ts_fdiv(ts_exp(" + x + " - " + st[0] +
                                             "), " + st[1] + ")"));
        return e.let(
            ct, e.roundTo(rt, x + " - " + st[0] + " - ts_log(" + st[1] + ")"));
      })
      .Case<LayerNormOp, RmsNormOp>([&](auto n) -> std::optional<std::string> {
        Value input = n.getInput();
        std::vector<int64_t> axes;
        for (int64_t d = norm(n.getAxis(), index.size());
             d < int64_t(index.size()); ++d)
          axes.push_back(d);
        int64_t count = 1;
        for (int64_t a : axes)
          count *= shapeOf(input)[a];
        std::string len = std::to_string(count) + ".0f";
        double eps = n.getEpsilon().convertToDouble();
        bool isLayer = isa<LayerNormOp>(op);
        std::vector<std::string> st = rowStats(
            e, op, axes, index,
            [&](const Index &at) -> std::vector<std::string> {
              if (!isLayer) {
                std::string sq = reduceOver(
                    e, input, axes, at, "sum", [&](const std::string &x) {
                      return e.let("float", x + " * " + x);
                    });
                return {e.let("float", "1.0f / ts_sqrt(" + sq + " / " + len +
                                           " + " + literal(rt, eps) + ")")};
              }
              std::string sum = reduceOver(e, input, axes, at, "sum");
              std::string mean = e.let("float", sum + " / " + len);
              std::string sq = reduceOver(
                  e, input, axes, at, "sum", [&](const std::string &x) {
                    std::string d = e.let("float", x + " - " + mean);
                    return e.let("float", d + " * " + d);
                  });
              return {mean,
                      e.let("float", "1.0f / ts_sqrt(" + sq + " / " + len +
                                         " + " + literal(rt, eps) + ")")};
            });
        std::string x = e.emitValue(input, index);
        Value scale = n.getScale();
        std::string g =
            e.emitValue(scale, e.broadcastIndex(shapeOf(scale), index));
        if (!isLayer)
          return e.let(ct, e.roundTo(rt, x + " * " + st[0] + " * " + g));
        std::string y = "(" + x + " - " + st[0] + ") * " + st[1] + " * " + g;
        if (auto ln = dyn_cast<LayerNormOp>(op))
          if (Value bias = ln.getBias())
            y += " + " +
                 e.emitValue(bias, e.broadcastIndex(shapeOf(bias), index));
        return e.let(ct, e.roundTo(rt, y));
      })
      .Case([&](CumSumOp c) -> std::optional<std::string> {
        Value input = c.getInput();
        int64_t axis = norm(c.getAxis(), index.size());
        int64_t n = shapeOf(input)[axis];
        std::string at = accType(rt);
        std::string acc = e.fresh();
        e.body.put(at + " " + acc + " = 0;");
        std::string k = openLoop(e, n);
        std::string pos = index[axis];
        std::string cond =
            c.getReverse()
                ? (c.getExclusive() ? k + " > " + pos : k + " >= " + pos)
                : (c.getExclusive() ? k + " < " + pos : k + " <= " + pos);
        e.body.open("if (" + cond + ")");
        e.pushScope();
        Index in = index;
        in[axis] = k;
        std::string x = e.emitValue(input, in);
        e.body.put(acc + " += " + x + ";");
        e.popScope();
        e.body.close();
        closeLoop(e);
        return e.let(ct, e.roundTo(rt, "(" + ct + ")" + acc));
      })
      .Case<GlobalAvgPoolOp, GlobalMaxPoolOp>(
          [&](auto g) -> std::optional<std::string> {
            Value input = op->getOperand(0);
            std::vector<int64_t> axes;
            for (int64_t d = 2; d < int64_t(index.size()); ++d)
              axes.push_back(d);
            bool isMax = isa<GlobalMaxPoolOp>(op);
            std::string acc =
                reduceOver(e, input, axes, index, isMax ? "max" : "sum");
            if (!isMax) {
              int64_t count = 1;
              for (int64_t a : axes)
                count *= shapeOf(input)[a];
              acc = e.let(accType(rt), acc + " / " + std::to_string(count));
            }
            return e.let(ct, e.roundTo(rt, "(" + ct + ")" + acc));
          })
      .Case<MaxPoolOp, AvgPoolOp, MaxPoolIndicesOp>(
          [&](auto p) -> std::optional<std::string> {
            Value input = p.getInput();
            ArrayRef<int64_t> in = shapeOf(input);
            ArrayRef<int64_t> kernel = p.getKernel(), strides = p.getStrides(),
                              pads = p.getPads(), dil = p.getDilations();
            size_t sp = kernel.size();
            bool isIndices = isa<MaxPoolIndicesOp>(op);
            bool isMax = isa<MaxPoolOp>(op) || isIndices;
            bool includePad = false;
            if (auto avg = dyn_cast<AvgPoolOp>(op))
              includePad = avg.getCountIncludePad();
            std::string at = accType(elemOf(input));
            std::string acc = e.fresh(), count = e.fresh(), where = e.fresh();
            if (isIndices)
              e.body.put("int64_t " + where + " = -1;");
            std::string lowest =
                isa<FloatType>(elemOf(input))
                    ? literal(elemOf(input).isF64()
                                  ? elemOf(input)
                                  : Float32Type::get(op->getContext()),
                              -INFINITY)
                    : std::string("(-9223372036854775807LL - 1)");
            e.body.put(at + " " + acc + " = " +
                       (isMax ? lowest : std::string("0")) + ";");
            e.body.put(e.indexType + " " + count + " = 0;");
            int64_t window = 1;
            for (int64_t k : kernel)
              window *= k;
            std::string w = openLoop(e, window);
            Index kpos = e.delinearize(kernel, w);
            Index pos = index;
            std::vector<std::string> inside, padded;
            for (size_t d = 0; d < sp; ++d) {
              std::string x = e.letIndex(affine(
                  {{index[2 + d], strides[d]}, {kpos[d], dil[d]}}, -pads[d]));
              pos[2 + d] = x;
              inside.push_back(x + " >= 0 && " + x + " < " +
                               std::to_string(in[2 + d]));
              padded.push_back(x + " < " +
                               std::to_string(in[2 + d] + pads[d + sp]));
            }
            if (includePad)
              e.body.put("if (" + llvm::join(padded, " && ") + ") ++" + count +
                         ";");
            e.body.open("if (" + llvm::join(inside, " && ") + ")");
            e.pushScope();
            std::string x = e.emitValue(input, pos);
            if (isIndices) {
              // The first maximum's index (row-major, or column-major 2-d).
              bool columnMajor = false;
              if (auto mpi = dyn_cast<MaxPoolIndicesOp>(op))
                columnMajor = mpi.getColumnMajor();
              std::string linear;
              if (columnMajor && sp == 2)
                linear = llvm::formatv("((int64_t)({0} * {1} + {2}) * {3} + "
                                       "(int64_t){4} * {5} + {6})",
                                       pos[0], in[1], pos[1], in[2] * in[3],
                                       pos[3], in[2], pos[2])
                             .str();
              else
                linear = "(int64_t)(" + e.linearize(in, pos) + ")";
              e.body.open("if (" + where + " < 0 || " + x + " > " + acc + ")");
              e.body.put(acc + " = " + x + ";");
              e.body.put(where + " = " + linear + ";");
              e.body.close();
            } else if (isMax)
              e.body.put(acc + " = " + combineExpr("max", acc, x) + ";");
            else
              e.body.put(acc + " += " + x + ";");
            if (!includePad)
              e.body.put("++" + count + ";");
            e.popScope();
            e.body.close();
            closeLoop(e);
            if (isIndices)
              return where;
            if (isMax)
              return e.let(ct, e.roundTo(rt, "(" + ct + ")" + acc));
            return e.let(ct, e.roundTo(rt, "(" + ct + ")(" + acc + " / (" + at +
                                               ")" + count + ")"));
          })
      .Case([&](ConvOp c) -> std::optional<std::string> {
        Value input = c.getInput(), weight = c.getWeight();
        ArrayRef<int64_t> in = shapeOf(input), ws = shapeOf(weight);
        ArrayRef<int64_t> strides = c.getStrides(), pads = c.getPads(),
                          dil = c.getDilations();
        size_t sp = ws.size() - 2;
        // The channel and first spatial dim of the input, weight and result.
        bool last = c.getChannelsLast();
        int64_t cd = c.getChannelDim(), fs = c.getFirstSpatialDim();
        int64_t groups = c.getGroups();
        int64_t cinG = ws[cd], coutG = ws[0] / groups;
        std::string at = accType(rt);
        std::string acc = e.fresh();
        e.body.put(at + " " + acc + " = 0;");
        std::string group =
            e.letIndex(llvm::formatv("{0} / {1}", index[cd], coutG).str());
        Index split = openConvWindowLoop(e, cinG, ws.slice(fs, sp),
                                         /*channelsLast=*/last);
        Index pos(in.size());
        pos[0] = index[0];
        pos[cd] =
            e.letIndex(group + " * " + std::to_string(cinG) + " + " + split[0]);
        std::vector<std::string> inside;
        for (size_t d = 0; d < sp; ++d) {
          std::string x = e.letIndex(affine(
              {{index[fs + d], strides[d]}, {split[1 + d], dil[d]}}, -pads[d]));
          pos[fs + d] = x;
          inside.push_back(x + " >= 0 && " + x + " < " +
                           std::to_string(in[fs + d]));
        }
        // The weight [M, C/g, K...] or (channels_last) [M, K..., C/g].
        Index wi{index[cd]};
        wi.insert(wi.end(), split.begin() + 1, split.end());
        wi.insert(last ? wi.end() : wi.begin() + 1, split[0]);
        accumulateConvTap(e, inside, at, acc, input, pos, weight, wi);
        return convResult(e, acc, c.getBias(), index[cd], rt, ct);
      })
      .Case([&](BatchNormOp b) -> std::optional<std::string> {
        auto channel = [&](Value v) {
          return e.emitValue(v, {index.size() > 1 ? index[1] : index[0]});
        };
        std::string x = e.emitValue(b.getInput(), index);
        std::string dev =
            e.let("float", "ts_sqrt(" + channel(b.getVariance()) + " + " +
                               literal(Float32Type::get(op->getContext()),
                                       b.getEpsilon().convertToDouble()) +
                               ")");
        return e.let(ct, e.roundTo(rt, "ts_fdiv(" + x + " - " +
                                           channel(b.getMean()) + ", " + dev +
                                           ") * " + channel(b.getScale()) +
                                           " + " + channel(b.getBias())));
      })
      .Case([&](ConvTransposeOp c) -> std::optional<std::string> {
        Value input = c.getInput(), weight = c.getWeight();
        ArrayRef<int64_t> in = shapeOf(input), ws = shapeOf(weight);
        ArrayRef<int64_t> strides = c.getStrides(), pads = c.getPads(),
                          dil = c.getDilations();
        size_t sp = ws.size() - 2;
        int64_t groups = c.getGroups();
        int64_t inPerGroup = in[1] / groups, outPerGroup = ws[1];
        std::string at = accType(rt);
        std::string acc = e.fresh();
        e.body.put(at + " " + acc + " = 0;");
        std::string first = e.letIndex(
            llvm::formatv("{0} / {1} * {2}", index[1], outPerGroup, inPerGroup)
                .str());
        std::string within =
            e.letIndex(llvm::formatv("{0} % {1}", index[1], outPerGroup).str());
        Index split = openConvWindowLoop(e, inPerGroup, ws.drop_front(2));
        std::string channel = e.letIndex(first + " + " + split[0]);
        Index pos{index[0], channel};
        std::vector<std::string> inside;
        for (size_t d = 0; d < sp; ++d) {
          // o = i * stride - pad + k * dilation.
          std::string t = e.letIndex(
              affine({{index[2 + d], 1}, {split[1 + d], -dil[d]}}, pads[d]));
          std::string i = e.letIndex(t + " / " + std::to_string(strides[d]));
          pos.push_back(i);
          inside.push_back(t + " >= 0 && " + t + " % " +
                           std::to_string(strides[d]) + " == 0 && " + i +
                           " < " + std::to_string(in[2 + d]));
        }
        Index wi{channel, within};
        wi.insert(wi.end(), split.begin() + 1, split.end());
        accumulateConvTap(e, inside, at, acc, input, pos, weight, wi);
        return convResult(e, acc, c.getBias(), index[1], rt, ct);
      })
      .Case<ArgMaxOp, ArgMinOp>([&](auto a) -> std::optional<std::string> {
        Value input = a.getInput();
        int64_t rank = shapeOf(input).size();
        int64_t axis = norm(a.getAxis(), rank);
        Index full = index;
        if (!a.getKeepDims())
          full.insert(full.begin() + axis, "0");
        bool isMax = isa<ArgMaxOp>(op);
        bool last = a.getSelectLastIndex();
        std::string best = e.fresh(), at = e.fresh();
        e.body.put(accType(elemOf(input)) + " " + best + " = 0;");
        e.body.put("int64_t " + at + " = -1;");
        std::string k = openLoop(e, shapeOf(input)[axis]);
        full[axis] = k;
        std::string x = e.emitValue(input, full);
        std::string better = isMax ? x + (last ? " >= " : " > ") + best
                                   : x + (last ? " <= " : " < ") + best;
        e.body.open("if (" + at + " < 0 || " + better + ")");
        e.body.put(best + " = " + x + ";");
        e.body.put(at + " = " + k + ";");
        e.body.close();
        closeLoop(e);
        return at;
      })
      .Default([](Operation *) { return std::nullopt; });
}
