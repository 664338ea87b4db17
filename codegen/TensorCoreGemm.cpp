//===- TensorCoreGemm.cpp - mma.sync GEMM for matmul and conv kernels -----===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The tensor-core GEMM (sm_80+, also compiled for sm_90a) of a GemmSpec,
// written against codegen/prelude/gemm.cuh (docs/codegen.md, "Tensor-core
// GEMM"):
//   1. the math from the operand types and the precision policy (3xTF32,
//      tf32, bf16, f16 mma.sync);
//   2. per operand, cp.async staging (a kernel parameter with K contiguous,
//      or B stored [K, N] into an N-major tile, 16-byte rows; a conv's
//      gathered A in 16-byte runs) or register staging (emitValue per
//      element, converted to the tile type);
//   3. the tile configuration: the kernel's `launch` dict when it names an
//      mma.sync config that fits, else chosen from the shape; split-K across
//      the warps of a block for small M;
//   4. the kernel: a kStages ring, ts_gemm_warp_tile per BK slice, the
//      split-K reduction, and the epilogue per accumulator element.
//
//===----------------------------------------------------------------------===//
#include "codegen/TensorCoreGemm.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;
using ::tessera::codegen::KernelProgram;

namespace {

/// The mma.sync flavour (the math tag of gemm.cuh).
enum class TcMath { BF16, F16, TF32, TF32x3 };

/// A tensor-core tile configuration.
struct TcConfig {
  int64_t bm = 64, bn = 64, bk = 32, wm = 32, wn = 32, stages = 3, splitK = 1;
  /// "launch" (the tiling pass's mma.sync config) or "codegen".
  std::string from = "codegen";
  int64_t warpsM() const { return bm / wm; }
  int64_t warpsN() const { return bn / wn; }
  int64_t threads() const { return warpsM() * warpsN() * splitK * 32; }
};

/// Static shared memory the emulator and NVRTC accept without opt-in.
constexpr int64_t kStaticSharedLimit = 48 * 1024;

/// Shared bytes of |c| with tile element sizes |sa|, |sb| (B N-major with
/// |bn|: [BK][BN + 8]).
int64_t tcSharedBytes(const TcConfig &c, int64_t sa, int64_t sb, bool bn) {
  int64_t stage = c.bm * (c.bk + 16 / sa) * sa +
                  (bn ? c.bk * (c.bn + 8) : c.bn * (c.bk + 16 / sb)) * sb;
  int64_t scratch = (c.splitK - 1) * c.warpsM() * c.warpsN() * (c.wm / 16) *
                    (c.wn / 8) * 128 * 4;
  return c.stages * stage + scratch;
}

/// Whether |c| is a configuration the kernel can run.
bool tcValid(const TcConfig &c, int64_t kStep, int64_t sa, int64_t sb,
             bool bn) {
  return c.wm > 0 && c.wn > 0 && c.wm % 16 == 0 && c.wn % 16 == 0 &&
         c.bm % c.wm == 0 && c.bn % c.wn == 0 && c.bk % 16 == 0 &&
         c.splitK >= 1 && (c.bk / kStep) % c.splitK == 0 && c.stages >= 2 &&
         c.threads() <= 1024 && (c.bk * sa) % 16 == 0 &&
         (c.bk * sb) % 16 == 0 &&
         tcSharedBytes(c, sa, sb, bn) <= kStaticSharedLimit;
}

/// The kernel's `launch` dict when it names an mma.sync config (the tiling
/// pass's choice for sm_80..sm_90), with the stages lowered until it fits
/// static shared memory; nullopt for wgmma configs or unusable ones.
std::optional<TcConfig> configFromLaunch(KernelOp kernel, int64_t kStep,
                                         int64_t sa, int64_t sb, bool bn) {
  auto launch = kernel->getAttrOfType<DictionaryAttr>("launch");
  if (!launch)
    return std::nullopt;
  auto mma = launch.getAs<StringAttr>("mma");
  auto block = launch.getAs<ArrayAttr>("block");
  auto warp = launch.getAs<ArrayAttr>("warp");
  auto stages = launch.getAs<IntegerAttr>("stages");
  if (!mma || !mma.getValue().starts_with("mma.sync") || !block ||
      block.size() != 3 || !warp || warp.size() != 2 || !stages)
    return std::nullopt;
  auto at = [](ArrayAttr a, unsigned i) -> int64_t {
    auto v = dyn_cast<IntegerAttr>(a[i]);
    return v ? v.getInt() : 0;
  };
  TcConfig c;
  c.from = "launch";
  c.bm = at(block, 0);
  c.bn = at(block, 1);
  c.bk = at(block, 2);
  c.wm = at(warp, 0);
  c.wn = at(warp, 1);
  for (c.stages = stages.getInt(); c.stages >= 2; --c.stages)
    if (tcValid(c, kStep, sa, sb, bn))
      return c;
  return std::nullopt;
}

/// The configuration codegen picks from the problem shape (valid for every
/// target, documented in docs/codegen.md): warp tiles 16/32/64 wide by M and
/// N, 2 x 2 warps (1 x 2 for M <= 16, where warps also split K), BK 32 then
/// 16 (16 when K <= 16) and 3 then 2 stages, the first that fits 48 KiB.
TcConfig chooseConfig(int64_t M, int64_t N, int64_t K, int64_t kStep,
                      int64_t sa, int64_t sb, bool bn) {
  bool large = M >= 256 && N >= 256;
  TcConfig c;
  c.wm = M <= 32 ? 16 : large ? 64 : 32;
  c.bm = M <= 16 ? 16 : 2 * c.wm;
  c.wn = N <= 32 ? 16 : large ? 64 : 32;
  c.bn = 2 * c.wn;
  for (auto [bk, stages] :
       {std::pair<int64_t, int64_t>{32, 3}, {16, 3}, {32, 2}, {16, 2}}) {
    if (bk > 16 && K <= 16)
      continue; // one k16 slice covers K
    c.bk = bk;
    c.stages = stages;
    c.splitK = 1;
    if (M <= 16)
      c.splitK = std::min<int64_t>(bk / kStep, K >= 256 ? 4 : K >= 64 ? 2 : 1);
    while (c.splitK > 1 && !tcValid(c, kStep, sa, sb, bn))
      --c.splitK;
    if (tcValid(c, kStep, sa, sb, bn))
      return c;
  }
  return c; // 16-wide tiles always fit
}

/// The f32 element |x| converted to the shared tile type |tile|.
std::string toTile(StringRef tile, const std::string &x) {
  if (tile == "ts_bf16")
    return "ts_float_to_bf16(" + x + ")";
  if (tile == "ts_half")
    return "ts_float_to_half(" + x + ")";
  return x;
}

/// Emits `aOffsetOf`, the offset functor of ts_gemm_gather_tile for the
/// gathered A |gather|.
void emitGatherOffsets(KernelEmitter &e, const GemmSpec::Gather &gather) {
  const std::string &it = e.indexType;
  e.body.open(llvm::formatv("auto aOffsetOf = [&](const {0} m, const {0} k) "
                            "-> {0}",
                            it)
                  .str());
  e.pushScope();
  e.body.put("return " + gather.offset("m", "k") + ";");
  e.popScope();
  e.body.close("};");
}

} // namespace

Index codegen::openGemmBatchLoop(KernelEmitter &e, const GemmSpec &g) {
  e.body.open(llvm::formatv("for ({0} batch = blockIdx.z; batch < {1}; "
                            "batch += gridDim.z)",
                            e.indexType, g.batch)
                  .str());
  e.pushScope();
  return e.delinearize(g.batchShape, "batch");
}

void codegen::emitGemmEpilogue(KernelEmitter &e, const GemmSpec &g,
                               const Index &batchIndex, StringRef acc) {
  auto resultType = cast<RankedTensorType>(g.result.getType());
  Type elem = resultType.getElementType();
  e.body.open(llvm::formatv("if (m < {0} && n < {1})", g.M, g.N).str());
  e.pushScope();
  Index outIndex = g.outIndex(batchIndex, "m", "n");
  e.anchor = [&e, &g, elem, outIndex, acc = acc.str()](
                 Value v, const Index &) -> std::optional<std::string> {
    if (v != g.result)
      return std::nullopt;
    std::string ct = computeType(elem);
    return e.let(
        ct, e.roundTo(elem, "(" + ct + ")" + paren(g.finish(acc, outIndex))));
  };
  // Results reshaped from the GEMM's shape (resultsShaped in
  // MatmulEmitter.cpp) are stored at the same linear offset.
  std::string linear = e.linearize(resultType.getShape(), outIndex);
  auto stored =
      cast<RankedTensorType>(e.kernel.getYield().getValues()[0].getType());
  if (stored.getShape() == resultType.getShape())
    storeResults(e, outIndex, linear);
  else
    storeResults(e, e.delinearize(stored.getShape(), linear), linear);
  e.popScope();
  e.body.close();
}

std::optional<LogicalResult> codegen::emitTensorCoreGemm(KernelEmitter &e,
                                                         KernelProgram &program,
                                                         const GemmSpec &g) {
  Type elem = cast<RankedTensorType>(g.result.getType()).getElementType();
  auto tcType = [](Type t) { return t.isF32() || t.isF16() || t.isBF16(); };
  if (!tcType(g.aType) || !tcType(g.bType) || !tcType(elem))
    return std::nullopt;

  // The math: 16-bit operands of one type multiply exactly in their own mma;
  // otherwise the precision policy decides.
  TcMath math;
  if (g.aType.isF16() && g.bType.isF16())
    math = TcMath::F16;
  else if (g.aType.isBF16() && g.bType.isBF16())
    math = TcMath::BF16;
  else
    switch (e.options.precision) {
    case CodegenPrecision::F32:
      math = TcMath::TF32x3;
      break;
    case CodegenPrecision::TF32:
      math = TcMath::TF32;
      break;
    case CodegenPrecision::BF16:
      math = TcMath::BF16;
      break;
    case CodegenPrecision::F16:
      math = TcMath::F16;
      break;
    }
  bool math16 = math == TcMath::BF16 || math == TcMath::F16;
  std::string half = math == TcMath::BF16 ? "ts_bf16" : "ts_half";
  const char *tag = math == TcMath::BF16   ? "ts_gemm_bf16"
                    : math == TcMath::F16  ? "ts_gemm_f16"
                    : math == TcMath::TF32 ? "ts_gemm_tf32"
                                           : "ts_gemm_3xtf32";
  int64_t kStep = math16 ? 16 : 8;

  // Per operand: cp.async (the storage type is the tile type: f32, or the
  // mma's own 16-bit type) or register staging (the mma's 16-bit type, else
  // f32).
  int64_t M = g.M, N = g.N, K = g.K;
  auto plan = [&](std::optional<unsigned> arg, Type type, int64_t rowLength,
                  bool &async, std::string &tile) {
    std::string storage = storageType(type);
    async = arg && !e.operandFolded[*arg] &&
            (type.isF32() || (math16 && storage == half)) &&
            (rowLength * int64_t(type.getIntOrFloatBitWidth() / 8)) % 16 == 0;
    tile = async ? storage : math16 ? half : "float";
  };
  bool aAsync, bAsync;
  std::string aTile, bTile;
  plan(g.aArg, g.aType, g.aGather ? g.aGather->run : K, aAsync, aTile);
  plan(g.bArg, g.bType, g.bStoredKN ? N : K, bAsync, bTile);
  // B stored [K, N] and copied by cp.async keeps its layout: an N-major
  // tile read with ldmatrix.trans (16-bit) or strided fragment loads (f32).
  bool bNMajor = bAsync && g.bStoredKN;
  int64_t sa = aTile == "float" ? 4 : 2, sb = bTile == "float" ? 4 : 2;
  TcConfig c;
  if (std::optional<TcConfig> fromLaunch =
          configFromLaunch(e.kernel, kStep, sa, sb, bNMajor))
    c = *fromLaunch;
  else
    c = chooseConfig(M, N, K, kStep, sa, sb, bNMajor);
  if (!tcValid(c, kStep, sa, sb, bNMajor))
    return std::nullopt;

  std::string it = e.indexType;
  program.block = {uint32_t(c.threads()), 1, 1};
  program.grid = {
      uint32_t((N + c.bn - 1) / c.bn),
      uint32_t(std::min<int64_t>((M + c.bm - 1) / c.bm, 65535)),
      uint32_t(std::max<int64_t>(1, std::min<int64_t>(g.batch, 65535)))};
  if (M == 0 || N == 0 || g.batch == 0)
    return success();

  // The configuration as named constants.
  e.helpers +=
      llvm::formatv(
          "// Tensor-core GEMM ({0}): M={1} N={2} K={3}, {4} config.\n"
          "typedef {0} Math;\n"
          "constexpr int kBM = {5}, kBN = {6}, kBK = {7}, kStages = {8};\n"
          "constexpr int kWM = {9}, kWN = {10}, kWarpsM = {11}, kWarpsN = "
          "{12};\n"
          "constexpr int kSplitK = {13}, kThreads = {14};\n"
          "constexpr int kMT = kWM / 16, kNT = kWN / 8;\n"
          "constexpr int kPitchA = ts_gemm_pitch<{15}, kBK>::value;\n"
          "constexpr int kPitchB = {16}<{17}, {18}>::value;\n"
          "constexpr bool kBNMajor = {19};\n"
          "constexpr int kKTiles = {20};\n",
          tag, M, N, K, c.from, c.bm, c.bn, c.bk, c.stages, c.wm, c.wn,
          c.warpsM(), c.warpsN(), c.splitK, c.threads(), aTile,
          bNMajor ? "ts_gemm_pitch_n" : "ts_gemm_pitch", bTile,
          bNMajor ? "kBN" : "kBK", bNMajor ? "true" : "false",
          (K + c.bk - 1) / c.bk)
          .str();

  CodeStream &b = e.body;
  b.put("TS_SHARED(" + aTile + ", aTiles, [kStages][kBM * kPitchA]);");
  b.put("TS_SHARED(" + bTile + ", bTiles, [kStages][" +
        (bNMajor ? "kBK" : "kBN") + " * kPitchB]);");
  if (c.splitK > 1)
    b.put("TS_SHARED(float, splitK, [(kSplitK - 1) * kWarpsM * kWarpsN * kMT "
          "* kNT * 128]);");
  b.put("const int warp = threadIdx.x / 32;");
  b.put("const int kGroup = warp / (kWarpsM * kWarpsN), warpMN = warp % "
        "(kWarpsM * kWarpsN);");
  b.put("const int warpRow = warpMN / kWarpsN * kWM, warpCol = warpMN % "
        "kWarpsN * kWN;");
  Index batchIndex = openGemmBatchLoop(e, g);
  auto source = [&](StringRef name, unsigned arg, Type type, StringRef tile,
                    const std::function<std::string(const Index &)> &offset) {
    std::string off = offset(batchIndex);
    b.put(llvm::formatv("const {0} *{1}Src = {2}{3};", tile, name,
                        e.operandNames[arg], off == "0" ? "" : " + " + off)
              .str());
    b.put(llvm::formatv("const bool {0}Vectorized = ts_gemm_aligned16({0}Src);",
                        name)
              .str());
  };
  if (aAsync)
    source("a", *g.aArg, g.aType, aTile, g.aOffset);
  if (bAsync)
    source("b", *g.bArg, g.bType, bTile, g.bOffset);
  if (aAsync && g.aGather)
    emitGatherOffsets(e, *g.aGather);
  b.open(llvm::formatv("for ({0} tileM = blockIdx.y * kBM; tileM < {1}; "
                       "tileM += gridDim.y * kBM)",
                       it, M)
             .str());
  b.put("const " + it + " tileN = (" + it + ")blockIdx.x * kBN;");

  // Operand slices of k tile |kTile|. cp.async operands: loadStage issues
  // the copies into a stage. Register-staged operands: fetch computes this
  // thread's elements into registers (before the mma of the current tile,
  // so that their latency overlaps it) and store writes them, converted,
  // into a stage (after the mma).
  bool aRegs = !aAsync, bRegs = !bAsync;
  if (aRegs)
    b.put("float aRegs[(kBM * kBK + kThreads - 1) / kThreads];");
  if (bRegs)
    b.put("float bRegs[(kBN * kBK + kThreads - 1) / kThreads];");
  if (aAsync || bAsync) {
    b.open("auto loadStage = [&](int stage, int kTile)");
    b.put("const " + it + " k0 = (" + it + ")kTile * kBK;");
    if (aAsync)
      b.put(llvm::formatv("ts_gemm_{0}_tile<{1}, kBM, kBK, kPitchA, "
                          "kThreads>(aTiles[stage], aSrc, {2}, {3}, tileM, "
                          "k0, aVectorized{4});",
                          g.aGather ? "gather" : "copy", aTile, M, K,
                          g.aGather ? ", aOffsetOf" : "")
                .str());
    if (bAsync && bNMajor)
      b.put(llvm::formatv("ts_gemm_copy_tile<{0}, kBK, kBN, kPitchB, "
                          "kThreads>(bTiles[stage], bSrc, {1}, {2}, k0, "
                          "tileN, bVectorized);",
                          bTile, K, N)
                .str());
    else if (bAsync)
      b.put(llvm::formatv("ts_gemm_copy_tile<{0}, kBN, kBK, kPitchB, "
                          "kThreads>(bTiles[stage], bSrc, {1}, {2}, tileN, "
                          "k0, bVectorized);",
                          bTile, N, K)
                .str());
    b.close("};");
  }
  // Element j of this thread's share of a register-staged slice: (r, c),
  // walking the operand's contiguous dimension fastest.
  auto element = [&](bool isA) {
    StringRef rowsC = isA ? "kBM" : "kBN";
    b.put("const int i = threadIdx.x + j * kThreads;");
    if (isA ? g.aKContiguous : g.bKContiguous)
      b.put("const int r = i / kBK, c = i % kBK;");
    else
      b.put(("const int r = i % " + rowsC + ", c = i / " + rowsC + ";").str());
  };
  if (aRegs || bRegs) {
    b.open("auto fetch = [&](int kTile)");
    b.put("const " + it + " k0 = (" + it + ")kTile * kBK;");
    for (bool isA : {true, false}) {
      if (!(isA ? aRegs : bRegs))
        continue;
      StringRef rowsC = isA ? "kBM" : "kBN";
      StringRef regs = isA ? "aRegs" : "bRegs";
      int64_t rows = isA ? M : N;
      b.put("TS_UNROLL");
      b.open(("for (int j = 0; j < (" + rowsC +
              " * kBK + kThreads - 1) / kThreads; ++j)")
                 .str());
      element(isA);
      std::string row = e.fresh(), k = e.fresh();
      b.put(llvm::formatv("const {0} {1} = {2} + r, {3} = k0 + c;", it, row,
                          isA ? "tileM" : "tileN", k)
                .str());
      b.put((regs + "[j] = 0;").str());
      b.open(llvm::formatv("if (i < {0} * kBK && {1} < {2} && {3} < {4})",
                           rowsC, row, rows, k, K)
                 .str());
      e.pushScope();
      std::string x =
          isA ? g.loadA(batchIndex, row, k) : g.loadB(batchIndex, k, row);
      b.put((regs + "[j] = " + x + ";").str());
      e.popScope();
      b.close();
      b.close();
    }
    b.close("};");
    b.open("auto store = [&](int stage)");
    for (bool isA : {true, false}) {
      if (!(isA ? aRegs : bRegs))
        continue;
      StringRef rowsC = isA ? "kBM" : "kBN";
      StringRef regs = isA ? "aRegs" : "bRegs";
      StringRef tiles = isA ? "aTiles" : "bTiles";
      StringRef pitch = isA ? "kPitchA" : "kPitchB";
      b.put("TS_UNROLL");
      b.open(("for (int j = 0; j < (" + rowsC +
              " * kBK + kThreads - 1) / kThreads; ++j)")
                 .str());
      element(isA);
      b.put(("if (i < " + rowsC + " * kBK)").str());
      b.put(("  " + tiles + "[stage][r * " + pitch + " + c] = " +
             toTile(isA ? aTile : bTile, (regs + "[j]").str()) + ";")
                .str());
      b.close();
    }
    b.close("};");
  }
  auto stageCall = [&](StringRef stage, StringRef tile, bool withStore) {
    std::vector<std::string> calls;
    if (aAsync || bAsync)
      calls.push_back(("loadStage(" + stage + ", " + tile + ");").str());
    if (aRegs || bRegs) {
      calls.push_back(("fetch(" + tile + ");").str());
      if (withStore)
        calls.push_back(("store(" + stage + ");").str());
    }
    return calls;
  };

  b.put("float acc[kMT][kNT][4];");
  b.put("ts_gemm_zero(acc);");
  b.put("// The ring: kStages - 1 k tiles in flight, one cp.async group each.");
  b.open("for (int s = 0; s < kStages - 1; ++s)");
  b.open("if (s < kKTiles)");
  for (const std::string &call : stageCall("s", "s", true))
    b.put(call);
  b.close();
  b.put("ts_cp_async_commit();");
  b.close();
  b.open("for (int kt = 0; kt < kKTiles; ++kt)");
  b.put("ts_cp_async_wait<kStages - 2>();");
  b.put("ts_syncthreads(); // tile kt landed; tile kt - 1 is free");
  b.put("const bool next = kt + kStages - 1 < kKTiles;");
  b.open("if (next)");
  for (const std::string &call :
       stageCall("(kt + kStages - 1) % kStages", "kt + kStages - 1", false))
    b.put(call);
  b.close();
  b.put("ts_cp_async_commit();");
  b.put("ts_gemm_warp_tile<Math, kMT, kNT, kBK, kSplitK, kPitchA, kPitchB, "
        "kBNMajor>(acc, aTiles[kt % kStages], bTiles[kt % kStages], warpRow, "
        "warpCol, kGroup);");
  if (aRegs || bRegs) {
    b.put("if (next)");
    b.put("  store((kt + kStages - 1) % kStages);");
  }
  b.close();
  b.put("ts_cp_async_wait<0>();");
  b.put("ts_syncthreads(); // every warp is done with the ring");
  if (c.splitK > 1) {
    b.put("ts_gemm_splitk_reduce<kMT, kNT, kSplitK, kWarpsM * kWarpsN>(acc, "
          "splitK, warpMN, kGroup);");
    b.open("if (kGroup == 0)");
  } else {
    b.put("{");
    b.indentIn();
  }
  // The epilogue: the body's ops after the GEMM, per accumulator element.
  b.put("TS_UNROLL");
  b.open("for (int mi = 0; mi < kMT; ++mi)");
  b.put("TS_UNROLL");
  b.open("for (int ni = 0; ni < kNT; ++ni)");
  b.put("TS_UNROLL");
  b.open("for (int r = 0; r < 4; ++r)");
  b.put("const " + it + " m = tileM + warpRow + ts_gemm_acc_row(mi, r);");
  b.put("const " + it + " n = tileN + warpCol + ts_gemm_acc_col(ni, r);");
  emitGemmEpilogue(e, g, batchIndex, "acc[mi][ni][r]");
  b.close();
  b.close();
  b.close();
  b.close();
  b.close();
  e.popScope();
  b.close();
  return success(e.failure.empty());
}
