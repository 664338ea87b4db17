//===- TargetInfo.h - GPU targets of the tiling cost model -------*- C++
//-*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The GPU targets that tessera-tile knows, as data, and the occupancy rule
// (resident blocks per SM from threads, registers and shared memory). Every
// number is tagged: [doc] is NVIDIA documentation (the CUDA C++ Programming
// Guide's "Technical Specifications per Compute Capability" table, the
// Ampere/Hopper tuning guides, the A100/H100 whitepapers and datasheets, the
// occupancy calculator's allocation granularities); [derived] follows from
// documented numbers; [assumed] is a cost-model assumption, not a hardware
// specification. docs/tiling.md explains how the numbers are used.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_TARGETINFO_H
#define TESSERA_PASSES_TARGETINFO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace mlir::tessera {

/// One GPU target: the limits that decide whether a launch configuration fits
/// and the throughputs the cost model divides by.
struct TargetInfo {
  const char *name;     ///< The `target` option value, e.g. "sm_90a".
  const char *device;   ///< The GPU whose numbers these are.
  int64_t numSMs;       ///< [doc] Streaming multiprocessors of `device`.
  int64_t smemPerSM;    ///< [doc] Shared memory per SM, bytes (max carveout).
  int64_t smemPerBlock; ///< [doc] Max (opt-in dynamic) shared memory/block.
  int64_t smemReservedPerBlock; ///< [doc] Reserved by CUDA per block (1 KB).
  int64_t regsPerSM;            ///< [doc] 32-bit registers per SM.
  int64_t maxRegsPerThread;     ///< [doc] 255.
  int64_t maxThreadsPerBlock;   ///< [doc] 1024.
  int64_t maxThreadsPerSM;      ///< [doc] Resident threads per SM.
  int64_t maxBlocksPerSM;       ///< [doc] Resident blocks per SM.
  double clockGHz;              ///< [doc] Clock behind the peak numbers below.
  double tensorTflops; ///< [doc] Dense f16/bf16 tensor math, f32 accumulate.
  double fp32Tflops;   ///< [doc] Non-tensor fp32 FMA.
  double fp64Tflops;   ///< [doc] Non-tensor fp64 FMA.
  double dramGBs;      ///< [doc] Device memory bandwidth.
  double l2GBs;        ///< [doc] A100 (5120 B/clk); [assumed] the others.
  double memLatencyNs; ///< [assumed] Global load latency (L2 miss).
  double mmaSyncEfficiency; ///< [assumed] Fraction of tensorTflops that
                            ///< mma.sync reaches (< 1 on Hopper).
  bool wgmma;               ///< wgmma + TMA usable (sm_90a only).
};

/// Shared memory bandwidth per SM in bytes per clock: 32 banks x 4 B [doc].
inline constexpr int64_t kSmemBytesPerClock = 128;
/// Shared memory allocation granularity in bytes [doc, occupancy calculator].
inline constexpr int64_t kSmemGranularity = 128;
/// Registers are allocated per warp in units of 256 [doc, occupancy
/// calculator], i.e. 8 per thread.
inline constexpr int64_t kRegGranularityPerWarp = 256;
/// Special-function (exp2) results per SM per clock [doc, CUDA C++
/// Programming Guide arithmetic-instruction throughput table, cc 8.x/9.0].
inline constexpr int64_t kSfuPerClock = 16;

/// The targets, in the order the "valid targets" diagnostic lists them.
/// SM counts: sm_80 A100 (108), sm_86 RTX A6000/A40 (84; an RTX 3090 has
/// 82), sm_89 RTX 4090 (128; an L40S has 142, an L4 58), sm_90 H100 SXM5
/// (132; an H100 PCIe has 114). sm_90 and sm_90a describe the same chip;
/// only sm_90a may use wgmma, setmaxnreg and TMA multicast (PTX targets with
/// the `a` suffix are not forward compatible), so sm_90 tiles for mma.sync.
///
/// Sources per row: sm_80 the A100 datasheet and whitepaper (A100-SXM4-40GB:
/// 312 TFLOP/s f16, 19.5 fp32, 9.7 fp64, 1555 GB/s at 1410 MHz; L2 5120
/// B/clk = 7219 GB/s [derived]); sm_86 the RTX A6000 datasheet (154.8 TFLOP/s
/// f16 with f32 accumulate, 38.7 fp32, 768 GB/s at 1800 MHz); sm_89 the
/// Ada whitepaper's RTX 4090 (165.2 TFLOP/s f16 with f32 accumulate, 82.6
/// fp32, 1008 GB/s at 2520 MHz); sm_90 the H100 SXM5 datasheet (989.4
/// TFLOP/s f16 dense, 66.9 fp32, 33.5 fp64, 3350 GB/s; 1830 MHz = 989.4
/// TFLOP/s / (132 SMs x 4096 FLOP/clk) [derived]). The per-SM limits (smem,
/// threads, blocks, registers) are the Programming Guide's per compute
/// capability. L2 bandwidth except sm_80, the loaded memory latency and the
/// mma.sync ceiling on Hopper are [assumed].
inline llvm::ArrayRef<TargetInfo> allTargets() {
  constexpr int64_t KB = 1024;
  // clang-format off
  static const TargetInfo targets[] = {
    // name, device, SMs, smem per SM, per block, reserved per block,
    //   registers per SM, per thread;
    //   threads per block, per SM, blocks per SM, GHz, f16 TFLOP/s, fp32,
    //   fp64, DRAM GB/s;
    //   L2 GB/s, latency ns, mma.sync share of the peak, wgmma.
    {"sm_80",  "A100-SXM4-40GB", 108, 164 * KB, 163 * KB, KB, 65536, 255,
       1024, 2048, 32, 1.41, 312.0, 19.5,  9.7, 1555.0,
       7219.0, 800.0, 1.00, false},
    {"sm_86",  "RTX A6000",       84, 100 * KB,  99 * KB, KB, 65536, 255,
       1024, 1536, 16, 1.80, 154.8, 38.7,  1.2,  768.0,
       2500.0, 800.0, 1.00, false},
    {"sm_89",  "RTX 4090",       128, 100 * KB,  99 * KB, KB, 65536, 255,
       1024, 1536, 24, 2.52, 165.2, 82.6,  1.3, 1008.0,
       5000.0, 800.0, 1.00, false},
    {"sm_90",  "H100-SXM5-80GB", 132, 228 * KB, 227 * KB, KB, 65536, 255,
       1024, 2048, 32, 1.83, 989.4, 66.9, 33.5, 3350.0,
      12000.0, 800.0, 0.65, false},
    {"sm_90a", "H100-SXM5-80GB", 132, 228 * KB, 227 * KB, KB, 65536, 255,
       1024, 2048, 32, 1.83, 989.4, 66.9, 33.5, 3350.0,
      12000.0, 800.0, 0.65, true},
  };
  // clang-format on
  return targets;
}

/// The target named `name`, or null.
inline const TargetInfo *lookupTarget(llvm::StringRef name) {
  for (const TargetInfo &target : allTargets())
    if (name == target.name)
      return &target;
  return nullptr;
}

/// The valid target names, comma separated, for diagnostics.
inline std::string validTargetNames() {
  std::string names;
  for (const TargetInfo &target : allTargets())
    names += (names.empty() ? "" : ", ") + std::string(target.name);
  return names;
}

/// `value` rounded up to a multiple of `multiple` (> 0).
inline int64_t roundUpTo(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

/// ceil(a / b) for a >= 0, b > 0.
inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// Registers one block allocates when each of its `threads` threads uses
/// `regsPerThread` registers (per-warp allocation granularity).
inline int64_t blockRegisters(int64_t threads, int64_t regsPerThread) {
  return ceilDiv(threads, 32) *
         roundUpTo(regsPerThread * 32, kRegGranularityPerWarp);
}

/// Resident blocks per SM for a block of `threads` threads that allocates
/// `regsPerBlock` registers and `smemBytes` bytes of shared memory: the
/// minimum of the thread, register, shared-memory and block limits (0 when
/// the block does not fit at all).
inline int64_t blocksPerSM(const TargetInfo &target, int64_t threads,
                           int64_t regsPerBlock, int64_t smemBytes) {
  if (threads <= 0 || threads > target.maxThreadsPerBlock ||
      regsPerBlock > target.regsPerSM || smemBytes > target.smemPerBlock)
    return 0;
  int64_t blocks = std::min(target.maxBlocksPerSM,
                            target.maxThreadsPerSM / roundUpTo(threads, 32));
  if (regsPerBlock > 0)
    blocks = std::min(blocks, target.regsPerSM / regsPerBlock);
  int64_t smem =
      roundUpTo(smemBytes, kSmemGranularity) + target.smemReservedPerBlock;
  blocks = std::min(blocks, target.smemPerSM / smem);
  return std::max<int64_t>(blocks, 0);
}

} // namespace mlir::tessera

#endif // TESSERA_PASSES_TARGETINFO_H
