//===- LayoutProbes.h - Inputs and PTX-ISA answers of the layout probes ---===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The cases run by the probe kernels of layout_probes.cu: their inputs
// (coordinates encoded in the values, so that every register says where it
// came from), what the PTX ISA's fragment layouts say each lane receives,
// and a runner on the CPU emulator. The GPU test (LayoutProbeTest.cpp)
// compares the GPU with the emulator; emu.prelude compares the emulator with
// the PTX ISA, so both halves are exercised on machines without a GPU.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_TEST_GPU_PROBES_LAYOUTPROBES_H
#define TESSERA_TEST_GPU_PROBES_LAYOUTPROBES_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera::test::probes {

/// One launch of a probe kernel (grid 1, block 32).
struct ProbeCase {
  /// "mma_bf16/b_rows", ...
  std::string name;
  /// The kernel in layout_probes.cu.
  std::string kernel;
  /// The kernel's three input arrays (32-bit words).
  std::vector<uint32_t> inputs[3];
  /// What the PTX ISA says the output array holds (its size is the
  /// output's).
  std::vector<uint32_t> documented;
};

/// Every case: ldmatrix (x1, x2, x4, each with and without .trans, in one
/// launch), and mma m16n8k16 bf16/f16 and m16n8k8 tf32 with A, B and C
/// each probed on their own and together, plus tf32 inputs below tf32
/// precision, rounded by cvt.rna and unrounded.
std::vector<ProbeCase> probeCases();

/// Runs |probe| on the CPU emulator (check mode); |out| gets the output
/// array. Returns the emulator's diagnostic on failure.
std::optional<std::string> runOnEmulator(const ProbeCase &probe,
                                         std::vector<uint32_t> &out);

/// The words where |got| and |want| differ (+0 and -0 count as equal), one
/// line each with the lane and register ("lane 5 d[2]: gpu 0x... emulator
/// 0x... (ptx isa 0x...)"), at most |limit| lines; "" when none differ.
std::string describeDifferences(const ProbeCase &probe,
                                const std::vector<uint32_t> &got,
                                const char *gotName,
                                const std::vector<uint32_t> &want,
                                const char *wantName, size_t limit = 16);

/// The path of layout_probes.cu (for NVRTC).
const char *probeSourcePath();

} // namespace tessera::test::probes

#endif // TESSERA_TEST_GPU_PROBES_LAYOUTPROBES_H
