//===- Api.h - The emulator's side of the prelude ABI -----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// kApi is the ts_emu_api table (codegen/prelude/emu_abi.h) every emulated
// thread points to: each entry forwards to the thread's Block.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_API_H
#define TESSERA_RUNTIME_EMU_API_H

#include "tessera/emu_abi.h"

namespace tessera::emu {

extern const ts_emu_api kApi;

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_API_H
