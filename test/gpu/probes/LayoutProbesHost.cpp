//===- LayoutProbesHost.cpp - The probe kernels compiled for the emulator -===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// layout_probes.cu, the very source NVRTC compiles for the GPU, compiled by
// the host compiler, with an emulator entry per kernel. The binary that links
// this supplies TS_EMU_DEFINE_MODULE().
//
//===----------------------------------------------------------------------===//
#include "layout_probes.cu"

TS_EMU_ENTRY(probe_ldmatrix)
TS_EMU_ENTRY(probe_mma_bf16)
TS_EMU_ENTRY(probe_mma_f16)
TS_EMU_ENTRY(probe_mma_tf32)
TS_EMU_ENTRY(probe_mma_tf32_raw)
