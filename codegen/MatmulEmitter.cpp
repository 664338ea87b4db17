//===- MatmulEmitter.cpp - Matmul and conv kernels ------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// C[b, m, n] = sum_k A[b, m, k] * B[b, k, n], then the body's ops after the
// matmul (bias, activation, residual, scale, cast) per output element. Conv
// is the same GEMM with an implicit-GEMM gather for A (grouped conv: one
// GEMM per group; NCHW or channels_last, whose A may be gathered by cp.async
// in 16-byte channel runs). This file turns the kernel into a GemmSpec
// (element loaders, output index, which operands are plain parameters) and
// emits:
//   - the tensor-core GEMM (TensorCoreGemm.cpp, prelude gemm.cuh) for
//     f32/f16/bf16 operands and a float result;
//   - else (f64, integers) the CUDA-core kernel below: 16x16 output tiles,
//     16x16 tiles of A and B in shared memory (padded to 17 columns), one
//     output element per thread, ts_fma in f32 / double, the operands
//     rounded to the precision policy as they enter shared memory.
// Any M, N, K (zero-filled tiles), batched with broadcast batch dims (grid
// z, grid-stride), 1-D operands, transpose flags; the operands may be
// computed by elementwise/injective prologue ops.
//
//===----------------------------------------------------------------------===//
#include "codegen/TensorCoreGemm.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/FormatVariadic.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <functional>
#include <optional>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;
using ::tessera::codegen::KernelProgram;

static constexpr int64_t kTile = 16;

namespace {

/// The CUDA-core kernel (f64 / integer GEMMs).
LogicalResult emitTiledGemm(KernelEmitter &e, KernelProgram &program,
                            const GemmSpec &g) {
  Type elem = cast<RankedTensorType>(g.result.getType()).getElementType();
  bool isFloat = isa<FloatType>(elem);
  std::string acc =
      isFloat ? (elem.isF64() ? "double" : "float") : computeType(elem);
  std::string it = e.indexType;
  int64_t M = g.M, N = g.N, K = g.K;
  program.block = {uint32_t(kTile), uint32_t(kTile), 1};
  program.grid = {
      uint32_t((N + kTile - 1) / kTile),
      uint32_t(std::min<int64_t>((M + kTile - 1) / kTile, 65535)),
      uint32_t(std::max<int64_t>(1, std::min<int64_t>(g.batch, 65535)))};
  if (M == 0 || N == 0 || g.batch == 0)
    return success();

  // Rounds an operand element to the policy's precision.
  auto policy = [&](Type operand, const std::string &x) -> std::string {
    if (!operand.isF32())
      return x;
    switch (e.options.precision) {
    case CodegenPrecision::F32:
      return x;
    case CodegenPrecision::TF32:
      return "ts_uint_as_float(ts_float_to_tf32(" + x + "))";
    case CodegenPrecision::BF16:
      return "ts_bf16_to_float(ts_float_to_bf16(" + x + "))";
    case CodegenPrecision::F16:
      return "ts_half_to_float(ts_float_to_half(" + x + "))";
    }
    return x;
  };

  CodeStream &b = e.body;
  b.put(
      llvm::formatv("TS_SHARED({0}, tileA, [{1}][{2}]);", acc, kTile, kTile + 1)
          .str());
  b.put(
      llvm::formatv("TS_SHARED({0}, tileB, [{1}][{2}]);", acc, kTile, kTile + 1)
          .str());
  b.put("const int tx = threadIdx.x, ty = threadIdx.y;");
  Index batchIndex = openGemmBatchLoop(e, g);
  b.open(llvm::formatv("for ({0} tileM = blockIdx.y * {1}; tileM < {2}; "
                       "tileM += gridDim.y * {1})",
                       it, kTile, M)
             .str());
  b.put(it + " m = tileM + ty;");
  b.put(it + " n = (" + it + ")blockIdx.x * " + std::to_string(kTile) +
        " + tx;");
  b.put(acc + " acc = 0;");
  b.open(llvm::formatv("for ({0} k0 = 0; k0 < {1}; k0 += {2})", it, K, kTile)
             .str());
  // A tile: element (ty, tx) = A[m, k0 + tx]; B tile: (ty, tx) = B[k0 + ty, n].
  auto loadTile = [&](StringRef tile, StringRef cond, Type type,
                      const std::function<std::string()> &load) {
    b.put("{");
    b.indentIn();
    std::string v = e.fresh();
    b.put(acc + " " + v + " = 0;");
    b.open(("if (" + cond + ")").str());
    e.pushScope();
    std::string x = load();
    b.put(v + " = " + policy(type, x) + ";");
    e.popScope();
    b.close();
    b.put((tile + "[ty][tx] = " + v + ";").str());
    b.close("}");
  };
  b.put(it + " ka = k0 + tx, kb = k0 + ty;");
  loadTile("tileA",
           "m < " + std::to_string(M) + " && ka < " + std::to_string(K),
           g.aType, [&] { return g.loadA(batchIndex, "m", "ka"); });
  loadTile("tileB",
           "kb < " + std::to_string(K) + " && n < " + std::to_string(N),
           g.bType, [&] { return g.loadB(batchIndex, "kb", "n"); });
  b.put("ts_syncthreads();");
  b.put("TS_UNROLL");
  b.open(llvm::formatv("for (int kk = 0; kk < {0}; ++kk)", kTile).str());
  if (acc == "float")
    b.put("acc = ts_fma(tileA[ty][kk], tileB[kk][tx], acc);");
  else
    b.put("acc += tileA[ty][kk] * tileB[kk][tx];");
  b.close();
  b.put("ts_syncthreads();");
  b.close();

  // The epilogue: the body's ops after the GEMM, per output element.
  emitGemmEpilogue(e, g, batchIndex, "acc");
  b.close();
  e.popScope();
  b.close();
  return success(e.failure.empty());
}

/// The tensor-core GEMM where the types allow, else the CUDA-core kernel.
LogicalResult emitGemm(KernelEmitter &e, KernelProgram &program,
                       const GemmSpec &g) {
  if (std::optional<LogicalResult> r = emitTensorCoreGemm(e, program, g))
    return *r;
  return emitTiledGemm(e, program, g);
}

/// Whether the epilogue can store every result per GEMM output element: |v|
/// reaches the results only through elementwise ops (on values of its own
/// shape) and reshapes, which keep the row-major order (the anchor stands
/// for |v| at the GEMM's own output index: a transpose in between, even to
/// the same shape, cannot be stored per element), and every result has the
/// shape of |v| or all results share one shape with as many elements;
/// emitGemmEpilogue then stores element (m, n) at the same linear offset.
bool resultsShaped(KernelEmitter &e, Value v) {
  llvm::SmallPtrSet<Operation *, 8> seen;
  SmallVector<Value> work{v};
  while (!work.empty()) {
    Value derived = work.pop_back_val();
    for (Operation *user : derived.getUsers()) {
      if (isa<YieldOp>(user) || !seen.insert(user).second)
        continue;
      bool pointwise = isa<ReshapeOp>(user) ||
                       (isElementwise(user) && user->getNumResults() == 1 &&
                        user->getResult(0).getType() == derived.getType());
      if (!pointwise)
        return false;
      work.push_back(user->getResult(0));
    }
  }
  auto type = cast<RankedTensorType>(v.getType());
  ValueRange results = e.kernel.getYield().getValues();
  if (llvm::all_of(results, [&](Value r) {
        return cast<RankedTensorType>(r.getType()).getShape() ==
               type.getShape();
      }))
    return true;
  auto first = cast<RankedTensorType>(results.front().getType());
  return first.getNumElements() == type.getNumElements() &&
         llvm::all_of(results, [&](Value r) { return r.getType() == first; });
}

/// The argument number of |v| when it is a kernel parameter (an argument of
/// the kernel body), else nullopt (computed in the body).
std::optional<unsigned> directArg(KernelEmitter &e, Value v) {
  auto arg = dyn_cast<BlockArgument>(v);
  if (!arg || arg.getOwner() != &e.kernel.getBody().front())
    return std::nullopt;
  return arg.getArgNumber();
}

/// |expr| where all of |conditions| hold, else -1.
std::string guarded(ArrayRef<std::string> conditions, const std::string &expr) {
  if (conditions.empty())
    return expr;
  return "(" + llvm::join(conditions, " && ") + ") ? " + paren(expr) + " : -1";
}

} // namespace

LogicalResult codegen::emitMatmulKernel(KernelEmitter &e,
                                        KernelProgram &program) {
  MatmulOp matmul;
  for (Operation &op : e.kernel.getBody().front().without_terminator()) {
    if (auto m = dyn_cast<MatmulOp>(op)) {
      if (matmul) // Two matmuls (attention): per-element loops.
        return emitElementwiseKernel(e, program);
      matmul = m;
    }
  }
  if (!matmul || !resultsShaped(e, matmul.getResult()))
    return emitElementwiseKernel(e, program);

  auto lhsType = cast<RankedTensorType>(matmul.getLhs().getType());
  auto rhsType = cast<RankedTensorType>(matmul.getRhs().getType());
  auto outType = cast<RankedTensorType>(matmul.getResult().getType());
  ArrayRef<int64_t> out = outType.getShape();
  int64_t lhsRank = lhsType.getRank(), rhsRank = rhsType.getRank();
  bool tl = matmul.getTransposeLhs(), tr = matmul.getTransposeRhs();
  GemmSpec g;
  g.result = matmul.getResult();
  g.M = lhsRank == 1 ? 1 : lhsType.getShape()[lhsRank - (tl ? 1 : 2)];
  g.K = lhsRank == 1 ? lhsType.getShape()[0]
                     : lhsType.getShape()[lhsRank - (tl ? 2 : 1)];
  g.N = rhsRank == 1 ? 1 : rhsType.getShape()[rhsRank - (tr ? 2 : 1)];
  int64_t outMN = (lhsRank > 1) + (rhsRank > 1);
  g.batchShape.assign(out.begin(), out.end() - outMN);
  for (int64_t d : g.batchShape)
    g.batch *= d;
  g.aType = lhsType.getElementType();
  g.bType = rhsType.getElementType();

  auto operandIndex = [&](RankedTensorType type, const Index &batch,
                          StringRef row, StringRef col, bool transpose,
                          bool isLhs) {
    int64_t rank = type.getRank();
    Index index;
    if (rank > 2)
      index = e.broadcastIndex(type.getShape().drop_back(2), batch);
    if (rank == 1) {
      index.push_back(isLhs ? col.str() : row.str());
      return index;
    }
    if (transpose) {
      index.push_back(col.str());
      index.push_back(row.str());
    } else {
      index.push_back(row.str());
      index.push_back(col.str());
    }
    return index;
  };
  g.loadA = [&](const Index &batch, StringRef m, StringRef k) {
    return e.emitValue(matmul.getLhs(),
                       operandIndex(lhsType, batch, m, k, tl, true));
  };
  g.loadB = [&](const Index &batch, StringRef k, StringRef n) {
    return e.emitValue(matmul.getRhs(),
                       operandIndex(rhsType, batch, k, n, tr, false));
  };
  g.outIndex = [&](const Index &batch, StringRef m, StringRef n) {
    Index index = batch;
    if (lhsRank > 1)
      index.push_back(m.str());
    if (rhsRank > 1)
      index.push_back(n.str());
    return index;
  };
  g.finish = [](StringRef acc, const Index &) { return acc.str(); };
  // Operands read straight from a parameter with K contiguous: A[.., M, K]
  // and B stored [.., N, K] (transposed) may take the cp.async path.
  if (lhsRank >= 2 && !tl)
    if ((g.aArg = directArg(e, matmul.getLhs())))
      g.aOffset = [&](const Index &batch) {
        return e.linearize(lhsType.getShape(),
                           operandIndex(lhsType, batch, "0", "0", false, true));
      };
  if (rhsRank >= 2)
    if ((g.bArg = directArg(e, matmul.getRhs()))) {
      g.bStoredKN = !tr;
      g.bOffset = [&](const Index &batch) {
        return e.linearize(rhsType.getShape(),
                           operandIndex(rhsType, batch, "0", "0", tr, false));
      };
    }
  g.aKContiguous = lhsRank == 1 || !tl;
  g.bKContiguous = rhsRank == 1 || tr;

  // A batched A times an unbatched B (a linear layer over [batch.., M, K])
  // is one GEMM of batch * M rows: row m' = (batch.., m).
  std::vector<int64_t> rowShape = g.batchShape;
  rowShape.push_back(g.M);
  auto splitRow = [&](StringRef m) {
    Index index = e.delinearize(rowShape, m);
    std::string row = index.back();
    index.pop_back();
    return std::make_pair(index, row);
  };
  if (lhsRank >= 3 && rhsRank <= 2 && g.batch > 1) {
    ArrayRef<int64_t> batchShape(rowShape.data(), rowShape.size() - 1);
    bool plainA = !tl && lhsType.getShape().drop_back(2) == batchShape;
    g.M *= g.batch;
    g.batch = 1;
    g.batchShape.clear();
    g.loadA = [&](const Index &, StringRef m, StringRef k) {
      auto [batch, row] = splitRow(m);
      return e.emitValue(matmul.getLhs(),
                         operandIndex(lhsType, batch, row, k, tl, true));
    };
    g.outIndex = [&](const Index &, StringRef m, StringRef n) {
      auto [index, row] = splitRow(m);
      index.push_back(row);
      if (rhsRank > 1)
        index.push_back(n.str());
      return index;
    };
    if (!plainA)
      g.aArg.reset();
    g.aOffset = [](const Index &) { return std::string("0"); };
  }
  return emitGemm(e, program, g);
}

/// Conv as an implicit GEMM: rows m = (image, output position), columns n =
/// output channel, k = the weight's inner index (input channel, kernel
/// position), or (kernel position, input channel) with channels_last; A(m,
/// k) is the input element under the window (zero in the padding), B(k, n)
/// = weight[n, k]; the bias is added to the accumulator. Grouped conv: one
/// GEMM per group (the batch index), channels offset by the group. A
/// channels_last input parameter is gathered by cp.async when the channels
/// of a group are whole 16-byte chunks.
LogicalResult codegen::emitConvKernel(KernelEmitter &e,
                                      KernelProgram &program) {
  ConvOp conv;
  for (Operation &op : e.kernel.getBody().front().without_terminator()) {
    if (auto c = dyn_cast<ConvOp>(op)) {
      if (conv)
        return emitElementwiseKernel(e, program);
      conv = c;
    }
  }
  if (!conv || !resultsShaped(e, conv.getResult()))
    return emitElementwiseKernel(e, program);
  // Grouped conv: one GEMM per group (the batch); groups with fewer than 16
  // output channels (depthwise) stay per-element loops.
  int64_t groups = conv.getGroups();
  auto wShape = cast<RankedTensorType>(conv.getWeight().getType()).getShape();
  if (groups > 1 && wShape[0] / groups < 16)
    return emitElementwiseKernel(e, program);
  auto inType = cast<RankedTensorType>(conv.getInput().getType());
  auto wType = cast<RankedTensorType>(conv.getWeight().getType());
  auto outType = cast<RankedTensorType>(conv.getResult().getType());
  ArrayRef<int64_t> in = inType.getShape(), ws = wType.getShape(),
                    out = outType.getShape();
  // The channel dim and the first spatial dim of the input, the weight and
  // the result; k splits as the weight's dims after the output channel.
  size_t sp = ws.size() - 2;
  int64_t cd = conv.getChannelDim(), fs = conv.getFirstSpatialDim();
  std::vector<int64_t> rowShape{out[0]}, kShape(ws.begin() + 1, ws.end());
  for (size_t d = 0; d < sp; ++d)
    rowShape.push_back(out[fs + d]);
  GemmSpec g;
  g.result = conv.getResult();
  g.M = 1;
  for (int64_t d : rowShape)
    g.M *= d;
  g.N = ws[0] / groups;
  g.K = 1;
  for (int64_t d : kShape)
    g.K *= d;
  if (groups > 1) {
    g.batchShape = {groups};
    g.batch = groups;
  }
  int64_t cinG = ws[cd], coutG = g.N;
  // The channel of group |batch| (batch[0]) at |c| within the group.
  auto channel = [&](const Index &batch, const std::string &c, int64_t per) {
    if (groups == 1)
      return c;
    return e.letIndex(affine({{batch[0], per}, {c, 1}}, 0));
  };
  g.aType = inType.getElementType();
  g.bType = wType.getElementType();
  ArrayRef<int64_t> strides = conv.getStrides(), pads = conv.getPads(),
                    dil = conv.getDilations();
  // The input index under A(m, k) (the channel within the group without
  // |batch|) and the conditions for it to lie inside the input.
  auto window = [&](const Index *batch, StringRef m, StringRef k,
                    std::vector<std::string> &inside) {
    Index row = e.delinearize(rowShape, m);
    Index col = e.delinearize(kShape, k);
    Index pos(in.size());
    pos[0] = row[0];
    pos[cd] = batch ? channel(*batch, col[cd - 1], cinG) : col[cd - 1];
    for (size_t d = 0; d < sp; ++d) {
      std::string x = e.letIndex(affine(
          {{row[1 + d], strides[d]}, {col[fs - 1 + d], dil[d]}}, -pads[d]));
      pos[fs + d] = x;
      inside.push_back(x + " >= 0 && " + x + " < " +
                       std::to_string(in[fs + d]));
    }
    return pos;
  };
  g.loadA = [&](const Index &batch, StringRef m, StringRef k) -> std::string {
    std::vector<std::string> inside;
    Index pos = window(&batch, m, k, inside);
    std::string v = e.fresh();
    std::string ct = computeType(inType);
    e.body.put(ct + " " + v + " = 0;");
    e.body.open("if (" + llvm::join(inside, " && ") + ")");
    e.pushScope();
    e.body.put(v + " = " + e.emitValue(conv.getInput(), pos) + ";");
    e.popScope();
    e.body.close();
    return v;
  };
  g.loadB = [&](const Index &batch, StringRef k, StringRef n) {
    Index col = e.delinearize(kShape, k);
    Index index{channel(batch, n.str(), coutG)};
    index.insert(index.end(), col.begin(), col.end());
    return e.emitValue(conv.getWeight(), index);
  };
  g.outIndex = [&](const Index &batch, StringRef m, StringRef n) {
    Index row = e.delinearize(rowShape, m);
    Index index(out.size());
    index[0] = row[0];
    index[cd] = channel(batch, n.str(), coutG);
    std::copy(row.begin() + 1, row.end(), index.begin() + fs);
    return index;
  };
  g.finish = [&](StringRef acc, const Index &index) -> std::string {
    if (Value bias = conv.getBias())
      return acc.str() + " + " + e.emitValue(bias, {index[cd]});
    return acc.str();
  };
  // The weight [Cout, K] is B stored [N][K]: cp.async when it is a
  // parameter. A channels_last input parameter: a gather of runs of the
  // group's channels (contiguous), offset by the group.
  auto groupOffset = [&](int64_t per) {
    return [&, per](const Index &batch) {
      return groups == 1 ? std::string("0") : affine({{batch[0], per}}, 0);
    };
  };
  if ((g.bArg = directArg(e, conv.getWeight())))
    g.bOffset = groupOffset(coutG * g.K);
  if (conv.getChannelsLast())
    if ((g.aArg = directArg(e, conv.getInput()))) {
      g.aOffset = groupOffset(cinG);
      GemmSpec::Gather gather;
      gather.run = cinG;
      gather.offset = [&](StringRef m, StringRef k) {
        std::vector<std::string> inside;
        Index pos = window(nullptr, m, k, inside);
        return guarded(inside, e.linearize(in, pos));
      };
      g.aGather = gather;
    }
  return emitGemm(e, program, g);
}
