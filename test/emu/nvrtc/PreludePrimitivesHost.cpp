//===- PreludePrimitivesHost.cpp - prelude_primitives.cu for the host -----===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The file emu.nvrtc compiles with NVRTC, compiled here by the host compiler
// with the project's warnings: every host branch of the prelude must build.
// Its kernels get emulator entries but are not run (they compute nothing).
//
//===----------------------------------------------------------------------===//
#include "prelude_primitives.cu"

TS_EMU_ENTRY(prims_half)
TS_EMU_ENTRY(prims_math)
TS_EMU_ENTRY(prims_vector)
TS_EMU_ENTRY(prims_atomic)
TS_EMU_ENTRY(prims_reduce)
TS_EMU_ENTRY(prims_mma)
