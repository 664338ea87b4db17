//===- TileCostModel.h - Launch configurations and their cost ----*- C++
//-*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The launch configurations tessera-tile chooses, how each is checked against
// a target (planXxx: derived resources, or the reason it does not fit), how
// a contraction's time is estimated (estimateXxx) and how the best candidate
// is chosen (chooseXxx). Plain C++ on top of TargetInfo.h, so the autotuner
// can enumerate, check and rank the same configurations. The formulas are
// documented in docs/tiling.md.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_TILECOSTMODEL_H
#define TESSERA_PASSES_TILECOSTMODEL_H

#include "passes/TargetInfo.h"

#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <string>

namespace mlir::tessera {

//===----------------------------------------------------------------------===//
// Math of contractions
//===----------------------------------------------------------------------===//

/// How a contraction's inner products are computed.
enum class MmaKind { MmaSync, Wgmma, Fma };

/// The math of a contraction over one element type on one target.
struct MathInfo {
  MmaKind kind = MmaKind::Fma;
  int64_t elemBytes = 4; ///< Operand element size.
  int64_t instrK = 1;    ///< K of one instruction (16 f16, 8 tf32, 32 s8).
  double tflops = 1;     ///< Peak the model divides by.
  std::string type;      ///< PTX type suffix: f16, bf16, tf32, s8, f32, ...
};

/// The math for operands of element type `elem` ("f16", "bf16", "f32", "i8",
/// ...): f16/bf16/f32 (as TF32)/i8 run on tensor cores (wgmma on sm_90a,
/// mma.sync elsewhere); other types (f64, i32, i64, i1) on FMA units.
inline MathInfo mathFor(const TargetInfo &target, llvm::StringRef elem,
                        int64_t elemBytes) {
  MathInfo math;
  math.elemBytes = elemBytes;
  MmaKind tensor = target.wgmma ? MmaKind::Wgmma : MmaKind::MmaSync;
  double tensorRate =
      target.tensorTflops * (target.wgmma ? 1.0 : target.mmaSyncEfficiency);
  if (elem == "f16" || elem == "bf16") {
    math = {tensor, elemBytes, 16, tensorRate, elem.str()};
  } else if (elem == "f32") {
    math = {tensor, elemBytes, 8, tensorRate / 2, "tf32"};
  } else if (elem == "i8") {
    math = {tensor, elemBytes, 32, tensorRate * 2, "s8"};
  } else {
    bool f64 = elem == "f64";
    math = {MmaKind::Fma, elemBytes, 1,
            f64 ? target.fp64Tflops : target.fp32Tflops,
            f64 ? "f64" : (elem.starts_with("f") ? "f32" : "s32")};
  }
  return math;
}

/// The instruction named in `launch.mma` for a (warpgroup) tile `wn` wide.
inline std::string mmaName(const MathInfo &math, int64_t wn) {
  switch (math.kind) {
  case MmaKind::MmaSync:
    return "mma.sync.m16n8k" + std::to_string(math.instrK) + "." + math.type;
  case MmaKind::Wgmma:
    return "wgmma.m64n" + std::to_string(wn) + "k" +
           std::to_string(math.instrK) + "." + math.type;
  case MmaKind::Fma:
    return "fma." + math.type;
  }
  return "";
}

/// Registers per thread besides accumulators and fragments (addresses, loop
/// counters, epilogue operands) [assumed]; the producer warpgroup of a wgmma
/// kernel keeps 24 (setmaxnreg, as fast.cu).
inline constexpr int64_t kOverheadRegs = 40;
inline constexpr int64_t kProducerRegs = 24;
/// Independent mma.sync instructions a sub-partition needs in flight to
/// reach its peak: an m16n8k16 takes ~32 cycles and issues every ~8
/// [assumed, from Ampere microbenchmarks].
inline constexpr double kMmaInFlight = 4;

//===----------------------------------------------------------------------===//
// Matmul and conv (implicit GEMM)
//===----------------------------------------------------------------------===//

/// `batch` independent [m x k] * [k x n] products (a conv is an implicit GEMM
/// with m = N*OH*OW, n = Cout/groups, k = Cin/groups*KH*KW, batch = groups).
struct GemmShape {
  int64_t batch = 1, m = 1, n = 1, k = 1;
  int64_t outBytes = 4;
  MathInfo math;
};

/// A GEMM launch: block tile bm x bn x bk, warp tile wm x wn (a warpgroup
/// tile for wgmma), compute warps, pipeline stages and split-K slices.
struct GemmConfig {
  int64_t bm = 0, bn = 0, bk = 0, wm = 0, wn = 0, warps = 0, stages = 0;
  int64_t splitK = 1;
};

/// What a GemmConfig costs: threads (a wgmma block adds one producer
/// warpgroup), dynamic shared memory, registers and resident blocks.
struct GemmPlan {
  int64_t threads = 0, smem = 0, regsPerThread = 0, regsPerBlock = 0;
  int64_t blocksPerSM = 0, tilesM = 0, tilesN = 0;
};

/// Checks the threads, registers and shared memory of one block of |plan|
/// against |target| and sets how many such blocks fit on an SM. Returns why
/// the block does not fit, or "" when it does.
template <typename Plan>
inline std::string checkBlockFits(const TargetInfo &target, Plan &plan) {
  if (plan.threads > target.maxThreadsPerBlock)
    return std::to_string(plan.threads) + " threads per block, the limit is " +
           std::to_string(target.maxThreadsPerBlock);
  if (plan.regsPerThread > target.maxRegsPerThread)
    return "about " + std::to_string(plan.regsPerThread) +
           " registers per thread, the limit is " +
           std::to_string(target.maxRegsPerThread);
  if (plan.smem > target.smemPerBlock)
    return std::to_string(plan.smem) +
           " bytes of shared memory per block, the limit is " +
           std::to_string(target.smemPerBlock);
  plan.blocksPerSM =
      blocksPerSM(target, plan.threads, plan.regsPerBlock, plan.smem);
  if (plan.blocksPerSM < 1)
    return std::to_string(plan.regsPerBlock) +
           " registers per block, the limit is " +
           std::to_string(target.regsPerSM);
  return "";
}

/// Checks `c` for `s` on `target`; returns the reason it is invalid or does
/// not fit, or "" and fills `plan`.
inline std::string planGemm(const TargetInfo &target, const GemmShape &s,
                            const GemmConfig &c, GemmPlan &plan) {
  const MathInfo &math = s.math;
  if (c.bm < 1 || c.bn < 1 || c.bk < 1 || c.wm < 1 || c.wn < 1 || c.warps < 1 ||
      c.stages < 1 || c.splitK < 1)
    return "tile sizes, warps, stages and split_k must be positive";
  if (c.bm > 1024 || c.bn > 1024 || c.bk > 1024 || c.wm > 1024 || c.wn > 1024 ||
      c.warps > 32 || c.stages > 16 || c.splitK > 4096)
    return "tile sizes must be <= 1024, warps <= 32, stages <= 16 and "
           "split_k <= 4096";
  if (c.bm % c.wm || c.bn % c.wn)
    return "warp tile " + std::to_string(c.wm) + "x" + std::to_string(c.wn) +
           " does not divide block tile " + std::to_string(c.bm) + "x" +
           std::to_string(c.bn);
  int64_t groups = (c.bm / c.wm) * (c.bn / c.wn);
  bool wgmma = math.kind == MmaKind::Wgmma;
  int64_t warpsPerGroup = wgmma ? 4 : 1;
  if (groups * warpsPerGroup != c.warps)
    return std::to_string(groups) + (wgmma ? " warpgroup" : " warp") +
           " tiles need " + std::to_string(groups * warpsPerGroup) +
           " warps, got " + std::to_string(c.warps);
  int64_t mAlign = wgmma ? 64 : (math.kind == MmaKind::MmaSync ? 16 : 1);
  int64_t nAlign = math.kind == MmaKind::Fma ? 1 : 8;
  if (c.wm % mAlign || c.wn % nAlign || (wgmma && c.wn > 256))
    return "warp tile " + std::to_string(c.wm) + "x" + std::to_string(c.wn) +
           " is not a multiple of the " + std::to_string(mAlign) + "x" +
           std::to_string(nAlign) + " instruction tile";
  if (c.bk % math.instrK || (math.kind == MmaKind::Fma && c.wm * c.wn % 32))
    return "block tile k " + std::to_string(c.bk) +
           " is not a multiple of the instruction k " +
           std::to_string(math.instrK);
  if (c.splitK > ceilDiv(s.k, c.bk))
    return "split_k " + std::to_string(c.splitK) + " exceeds the " +
           std::to_string(ceilDiv(s.k, c.bk)) + " k tiles";

  // Accumulators (f32, one per thread per 32 (warp) or 128 (warpgroup)
  // outputs) plus double-buffered operand fragments for mma.sync (an m16 A
  // fragment is 4 registers, an n8 B fragment 2) or FMA (a 4x8 lane grid).
  int64_t accWords = std::max<int64_t>(1, math.elemBytes / 4);
  plan.smem = c.stages * (c.bm + c.bn) * c.bk * math.elemBytes;
  if (wgmma) {
    plan.regsPerThread = roundUpTo(c.wm * c.wn / 128 + kOverheadRegs, 8);
    plan.threads = 32 * c.warps + 128;
    plan.regsPerBlock = 128 * kProducerRegs + 32 * c.warps * plan.regsPerThread;
    plan.smem += c.stages * 16; // Full and empty mbarriers per stage.
  } else {
    int64_t acc = c.wm * c.wn / 32 * accWords;
    int64_t frags = math.kind == MmaKind::MmaSync
                        ? c.wm / 2 + c.wn / 2
                        : 2 * (ceilDiv(c.wm, 4) + ceilDiv(c.wn, 8)) * accWords;
    plan.regsPerThread = roundUpTo(acc + frags + kOverheadRegs, 8);
    plan.threads = 32 * c.warps;
    plan.regsPerBlock = blockRegisters(plan.threads, plan.regsPerThread);
  }
  plan.tilesM = ceilDiv(s.m, c.bm);
  plan.tilesN = ceilDiv(s.n, c.bn);
  return checkBlockFits(target, plan);
}

/// Fraction of the peak L2 and DRAM bandwidth a kernel achieves [assumed].
inline constexpr double kBandwidthEfficiency = 0.8;

/// The time model shared by GEMM and attention: `tiles` blocks run in waves
/// of numSMs * blocksPerSM; in a wave, the busiest SM runs `perSM` blocks at
/// once and is bound by the slowest of tensor math, shared-memory reads and
/// L2 loads (slowed when too few bytes are in flight to cover the latency,
/// Little's law; math slowed when fewer than 4 warps issue it), plus one memory
/// latency to fill the pipeline and the epilogue's stores. Inputs are per
/// block; the result is in seconds.
struct WaveCost {
  int64_t tiles = 1, blocksPerSM = 1;
  double mathSeconds = 0;   ///< Tensor/FMA (+SFU) time of one block alone.
  double smemBytes = 0;     ///< Shared-memory bytes one block reads.
  double loadBytes = 0;     ///< Global (L2) bytes one block loads.
  double inflightBytes = 0; ///< Bytes one block keeps in flight.
  double storeBytes = 0;    ///< Bytes one block stores.
  int64_t mathWarps = 4;    ///< Warps of one block that issue the math.
};

inline double waveSeconds(const TargetInfo &target, const WaveCost &w,
                          int64_t &waves) {
  double clock = target.clockGHz * 1e9;
  double l2PerSM = kBandwidthEfficiency * target.l2GBs * 1e9 / target.numSMs;
  double latency = target.memLatencyNs * 1e-9;
  int64_t perSM = std::min(w.blocksPerSM, ceilDiv(w.tiles, target.numSMs));
  waves = ceilDiv(w.tiles, target.numSMs * w.blocksPerSM);
  double hide = std::min(1.0, perSM * w.inflightBytes / (latency * l2PerSM));
  // A warp runs on one of the SM's 4 sub-partitions (each with its own
  // tensor core): fewer than 4 resident math warps leave some idle.
  double math =
      perSM * w.mathSeconds / std::min(1.0, perSM * w.mathWarps / 4.0);
  double smem = perSM * w.smemBytes / (kSmemBytesPerClock * clock);
  double load = perSM * w.loadBytes / (l2PerSM * std::max(hide, 1e-3));
  double store = perSM * w.storeBytes / l2PerSM;
  return std::max({math, smem, load}) + latency + store;
}

/// Estimated microseconds of `c` (planned as `plan`) on `target`.
inline double estimateGemm(const TargetInfo &target, const GemmShape &s,
                           const GemmConfig &c, const GemmPlan &plan) {
  double elem = s.math.elemBytes;
  double kTile = ceilDiv(ceilDiv(s.k, c.splitK), c.bk) * c.bk;
  double peakPerSM = s.math.tflops * 1e12 / target.numSMs;
  WaveCost w;
  w.tiles = s.batch * plan.tilesM * plan.tilesN * c.splitK;
  w.blocksPerSM = plan.blocksPerSM;
  w.mathSeconds = 2.0 * c.bm * c.bn * kTile / peakPerSM;
  if (s.math.kind == MmaKind::MmaSync) {
    // Each SM sub-partition (4 per SM) needs kMmaInFlight independent
    // mma.sync instructions to cover their latency; a warp tile holds
    // (wm/16)*(wn/8) of them per k step.
    int64_t perSM = std::min(plan.blocksPerSM, ceilDiv(w.tiles, target.numSMs));
    double inFlight =
        double(ceilDiv(perSM * c.warps, 4)) * (c.wm / 16) * (c.wn / 8);
    w.mathSeconds /= std::min(1.0, inFlight / kMmaInFlight);
  }
  w.smemBytes =
      double(c.bm * (c.bn / c.wn) + c.bn * (c.bm / c.wm)) * kTile * elem;
  w.loadBytes = double(c.bm + c.bn) * kTile * elem;
  // Stages beyond the k tiles a block loads hold nothing.
  w.inflightBytes = std::min(std::max(c.stages - 1.0, 0.5), kTile / c.bk) *
                    (c.bm + c.bn) * c.bk * elem;
  w.storeBytes = double(c.bm) * c.bn * (c.splitK > 1 ? 4 : s.outBytes);
  w.mathWarps = c.warps;
  int64_t waves = 0;
  double seconds = waveSeconds(target, w, waves);
  seconds *= waves;
  double latency = target.memLatencyNs * 1e-9;
  double mn = double(s.batch) * s.m * s.n;
  if (c.splitK > 1) // Partials written and read back through L2, in fp32.
    seconds += 2 * latency + 2.0 * mn * c.splitK * 4 /
                                 (kBandwidthEfficiency * target.l2GBs * 1e9);
  double compulsory =
      (double(s.batch) * (s.m + s.n) * s.k * elem + mn * s.outBytes) /
      (kBandwidthEfficiency * target.dramGBs * 1e9);
  return std::max(seconds, compulsory + latency) * 1e6;
}

/// The candidate with the least estimated time (ties keep the first in
/// enumeration order: fewer split-K slices, fewer stages, smaller bk, larger
/// tiles, fewer warps). `micros` receives its estimate.
inline GemmConfig chooseGemm(const TargetInfo &target, const GemmShape &s,
                             double &micros) {
  bool wgmma = s.math.kind == MmaKind::Wgmma;
  GemmConfig best;
  micros = INFINITY;
  double bestReads = INFINITY;
  int64_t bestSmem = 0;
  const int64_t splits[] = {1, 2, 3, 4, 6, 8, 12, 16};
  const int64_t tiles[] = {256, 128, 64, 32};
  for (int64_t splitK : splits)
    for (int64_t stages = 2; stages <= 4; ++stages)
      for (int64_t bk : {32, 64})
        for (int64_t bm : tiles)
          for (int64_t bn : tiles)
            for (int64_t warps : {4, 8})
              for (int64_t groupsM = 1; groupsM <= 8; groupsM *= 2) {
                int64_t groups = wgmma ? warps / 4 : warps;
                if (groupsM > groups || (wgmma && bm < 64))
                  continue;
                GemmConfig c{
                    bm,    bn,     bk,    bm / groupsM, bn * groupsM / groups,
                    warps, stages, splitK};
                if (c.wn < 1 || c.wn * (groups / groupsM) != bn)
                  continue;
                GemmPlan plan;
                if (!planGemm(target, s, c, plan).empty())
                  continue;
                // Split K only when the un-split tiles leave SMs idle.
                if (splitK > 1 &&
                    (s.batch * plan.tilesM * plan.tilesN >= target.numSMs ||
                     ceilDiv(s.k, splitK) < 2 * bk))
                  continue;
                // Near-ties go to the configuration that reads less shared
                // memory (squarer warp tiles), then allocates less.
                double t = estimateGemm(target, s, c, plan);
                double reads =
                    double(c.bm * (c.bn / c.wn) + c.bn * (c.bm / c.wm)) /
                    (c.bm * c.bn);
                if (t < micros * (1 - 1e-6) ||
                    (t <= micros * (1 + 1e-6) &&
                     std::make_pair(reads, plan.smem) <
                         std::make_pair(bestReads, bestSmem))) {
                  micros = t;
                  best = c;
                  bestReads = reads;
                  bestSmem = plan.smem;
                }
              }
  return best;
}

//===----------------------------------------------------------------------===//
// Attention (flash-attention style)
//===----------------------------------------------------------------------===//

/// `batch` independent softmax(Q K^T) V with Q [sq x d], K [sk x d],
/// V [sk x dv].
struct AttentionShape {
  int64_t batch = 1, sq = 1, sk = 1, d = 1, dv = 1;
  int64_t outBytes = 4;
  MathInfo math;
};

/// A block owns `bq` query rows (16 per warp, or 64 per warpgroup) and
/// streams keys/values `bkv` rows at a time through `stages` buffers.
struct AttentionConfig {
  int64_t bq = 0, bkv = 0, warps = 0, stages = 0;
};

struct AttentionPlan {
  int64_t threads = 0, smem = 0, regsPerThread = 0, regsPerBlock = 0;
  int64_t blocksPerSM = 0, tiles = 0;
};

/// Head dimensions padded to the instruction tile.
inline int64_t paddedHeadDim(int64_t d) { return roundUpTo(d, 16); }

inline std::string planAttention(const TargetInfo &target,
                                 const AttentionShape &s,
                                 const AttentionConfig &c,
                                 AttentionPlan &plan) {
  bool wgmma = s.math.kind == MmaKind::Wgmma;
  if (c.bq < 1 || c.bkv < 1 || c.warps < 1 || c.stages < 1)
    return "block sizes, warps and stages must be positive";
  if (c.bq > 1024 || c.bkv > 1024 || c.warps > 32 || c.stages > 16)
    return "block sizes must be <= 1024, warps <= 32 and stages <= 16";
  if (c.bq != 16 * c.warps || (wgmma && c.warps % 4))
    return std::string("a block of ") + std::to_string(c.bq) +
           " query rows needs " + std::to_string(c.bq / 16) +
           (wgmma ? " warps (16 rows per warp, whole warpgroups)"
                  : " warps (16 rows per warp)") +
           ", got " + std::to_string(c.warps);
  if (c.bkv % 16)
    return "key block " + std::to_string(c.bkv) + " is not a multiple of 16";
  int64_t dp = paddedHeadDim(s.d), dvp = paddedHeadDim(s.dv);
  int64_t elem = s.math.elemBytes;
  plan.smem = (c.bq * dp + c.stages * c.bkv * (dp + dvp)) * elem;
  // Per thread (16 rows per warp): O and S accumulators, P and Q fragments.
  plan.regsPerThread =
      roundUpTo((dvp + c.bkv) / 2 + (c.bkv + dp) * elem / 8 + kOverheadRegs, 8);
  plan.threads = 32 * c.warps + (wgmma ? 128 : 0);
  plan.regsPerBlock =
      wgmma ? 128 * kProducerRegs + 32 * c.warps * plan.regsPerThread
            : blockRegisters(plan.threads, plan.regsPerThread);
  if (wgmma)
    plan.smem += c.stages * 16;
  plan.tiles = s.batch * ceilDiv(s.sq, c.bq);
  return checkBlockFits(target, plan);
}

inline double estimateAttention(const TargetInfo &target,
                                const AttentionShape &s,
                                const AttentionConfig &c,
                                const AttentionPlan &plan) {
  double elem = s.math.elemBytes;
  double dp = paddedHeadDim(s.d), dvp = paddedHeadDim(s.dv);
  double skp = roundUpTo(s.sk, c.bkv);
  double peakPerSM = s.math.tflops * 1e12 / target.numSMs;
  double clock = target.clockGHz * 1e9;
  int64_t readers = s.math.kind == MmaKind::Wgmma ? c.warps / 4 : c.warps;
  WaveCost w;
  w.tiles = plan.tiles;
  w.blocksPerSM = plan.blocksPerSM;
  w.mathSeconds = 2.0 * c.bq * skp * (dp + dvp) / peakPerSM +
                  c.bq * skp / (kSfuPerClock * clock);
  w.smemBytes = (readers * skp * (dp + dvp) + c.bq * dp) * elem;
  w.loadBytes = (c.bq * dp + skp * (dp + dvp)) * elem;
  w.inflightBytes = std::min(std::max(c.stages - 1.0, 0.5), skp / c.bkv) *
                    c.bkv * (dp + dvp) * elem;
  w.storeBytes = c.bq * dvp * s.outBytes;
  w.mathWarps = c.warps;
  int64_t waves = 0;
  double seconds = waveSeconds(target, w, waves) * waves;
  double compulsory =
      (double(s.batch) * (s.sq * s.d + s.sk * (s.d + s.dv)) * elem +
       double(s.batch) * s.sq * s.dv * s.outBytes) /
      (kBandwidthEfficiency * target.dramGBs * 1e9);
  return std::max(seconds, compulsory + target.memLatencyNs * 1e-9) * 1e6;
}

inline AttentionConfig chooseAttention(const TargetInfo &target,
                                       const AttentionShape &s,
                                       double &micros) {
  bool wgmma = s.math.kind == MmaKind::Wgmma;
  AttentionConfig best;
  micros = INFINITY;
  for (int64_t stages : {1, 2})
    for (int64_t bq : {128, 64, 32, 16})
      for (int64_t bkv : {128, 64, 32}) {
        if (wgmma && bq < 64)
          continue;
        AttentionConfig c{bq, bkv, bq / 16, stages};
        AttentionPlan plan;
        if (!planAttention(target, s, c, plan).empty())
          continue;
        double t = estimateAttention(target, s, c, plan);
        if (t < micros * (1 - 1e-9)) {
          micros = t;
          best = c;
        }
      }
  return best;
}

} // namespace mlir::tessera

#endif // TESSERA_PASSES_TILECOSTMODEL_H
