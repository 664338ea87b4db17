//===- MatmulEmitter.cpp - Tiled shared-memory matmul ---------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// C[b, m, n] = sum_k A[b, m, k] * B[b, k, n] with 16x16 output tiles: a
// 16x16 block stages 16x16 tiles of A and B in shared memory (TS_SHARED,
// padded to 17 columns), every thread accumulates one output element with
// ts_fma in f32, and the body's ops after the matmul (bias, activation,
// residual ...) are applied to the accumulator before the store. Any M, N,
// K (bounds-checked loads, zero-filled tiles), batched with broadcast batch
// dims (grid z, grid-stride), 1-D operands, transpose flags; the operands
// may themselves be computed by elementwise/injective prologue ops.
// Precision: f32 plain; tf32/bf16/f16 round the f32 operands as they enter
// shared memory and still accumulate in f32.
//
//===----------------------------------------------------------------------===//
#include "codegen/Emitter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/FormatVariadic.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <functional>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;
using ::tessera::codegen::KernelProgram;

static constexpr int64_t kTile = 16;

namespace {

/// A GEMM the tiled kernel computes: C[batch, m, n] = sum_k A(m, k) B(k, n),
/// then |finish| and the epilogue per output element.
struct GemmSpec {
  Value result;
  int64_t batch = 1, M = 1, N = 1, K = 1;
  std::vector<int64_t> batchShape;
  Type aType, bType;
  /// Emit the load of A(m, k) / B(k, n) (in bounds) and return the value.
  std::function<std::string(const Index &batch, StringRef m, StringRef k)>
      loadA;
  std::function<std::string(const Index &batch, StringRef k, StringRef n)>
      loadB;
  /// The result index of output (batch, m, n).
  std::function<Index(const Index &batch, StringRef m, StringRef n)> outIndex;
  /// The anchor's value from the accumulator (e.g. + bias).
  std::function<std::string(StringRef acc, const Index &out)> finish;
};

LogicalResult emitTiledGemm(KernelEmitter &e, KernelProgram &program,
                            const GemmSpec &g) {
  Type elem = cast<RankedTensorType>(g.result.getType()).getElementType();
  ArrayRef<int64_t> out = cast<RankedTensorType>(g.result.getType()).getShape();
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
  b.open(llvm::formatv("for ({0} batch = blockIdx.z; batch < {1}; batch += "
                       "gridDim.z)",
                       it, g.batch)
             .str());
  e.pushScope();
  Index batchIndex = e.delinearize(g.batchShape, "batch");
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
  b.open(llvm::formatv("if (m < {0} && n < {1})", M, N).str());
  e.pushScope();
  Index outIndex = g.outIndex(batchIndex, "m", "n");
  e.anchor = [&](Value v, const Index &) -> std::optional<std::string> {
    if (v != g.result)
      return std::nullopt;
    std::string ct = computeType(elem);
    return e.let(
        ct, e.roundTo(elem, "(" + ct + ")" + paren(g.finish("acc", outIndex))));
  };
  storeResults(e, outIndex, e.linearize(out, outIndex));
  e.popScope();
  b.close();
  b.close();
  e.popScope();
  b.close();
  return success(e.failure.empty());
}

/// Whether every result of the kernel has the shape of |v|.
bool resultsShaped(KernelEmitter &e, Value v) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(v.getType()).getShape();
  for (Value r : e.kernel.getYield().getValues())
    if (cast<RankedTensorType>(r.getType()).getShape() != shape)
      return false;
  return true;
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
  return emitTiledGemm(e, program, g);
}

/// Conv (groups == 1) as an implicit GEMM: rows m = (image, output
/// position), columns n = output channel, k = (input channel, kernel
/// position); A(m, k) is the input element under the window (zero in the
/// padding), B(k, n) = weight[n, k]; the bias is added to the accumulator.
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
  if (!conv || conv.getGroups() != 1 || !resultsShaped(e, conv.getResult()))
    return emitElementwiseKernel(e, program);
  auto inType = cast<RankedTensorType>(conv.getInput().getType());
  auto wType = cast<RankedTensorType>(conv.getWeight().getType());
  auto outType = cast<RankedTensorType>(conv.getResult().getType());
  ArrayRef<int64_t> in = inType.getShape(), ws = wType.getShape(),
                    out = outType.getShape();
  size_t sp = ws.size() - 2;
  std::vector<int64_t> rowShape{out[0]}, kShape{ws[1]};
  for (size_t d = 0; d < sp; ++d) {
    rowShape.push_back(out[2 + d]);
    kShape.push_back(ws[2 + d]);
  }
  GemmSpec g;
  g.result = conv.getResult();
  g.M = 1;
  for (int64_t d : rowShape)
    g.M *= d;
  g.N = ws[0];
  g.K = 1;
  for (int64_t d : kShape)
    g.K *= d;
  g.aType = inType.getElementType();
  g.bType = wType.getElementType();
  ArrayRef<int64_t> strides = conv.getStrides(), pads = conv.getPads(),
                    dil = conv.getDilations();
  g.loadA = [&](const Index &, StringRef m, StringRef k) -> std::string {
    Index row = e.delinearize(rowShape, m);
    Index col = e.delinearize(kShape, k);
    Index pos{row[0], col[0]};
    std::vector<std::string> inside;
    for (size_t d = 0; d < sp; ++d) {
      std::string x = e.letIndex(
          affine({{row[1 + d], strides[d]}, {col[1 + d], dil[d]}}, -pads[d]));
      pos.push_back(x);
      inside.push_back(x + " >= 0 && " + x + " < " + std::to_string(in[2 + d]));
    }
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
  g.loadB = [&](const Index &, StringRef k, StringRef n) {
    Index col = e.delinearize(kShape, k);
    Index index{n.str()};
    index.insert(index.end(), col.begin(), col.end());
    return e.emitValue(conv.getWeight(), index);
  };
  g.outIndex = [&](const Index &, StringRef m, StringRef n) {
    Index row = e.delinearize(rowShape, m);
    Index index{row[0], n.str()};
    index.insert(index.end(), row.begin() + 1, row.end());
    return index;
  };
  g.finish = [&](StringRef acc, const Index &index) -> std::string {
    if (Value bias = conv.getBias())
      return acc.str() + " + " + e.emitValue(bias, {index[1]});
    return acc.str();
  };
  return emitTiledGemm(e, program, g);
}
