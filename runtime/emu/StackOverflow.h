//===- StackOverflow.h - Report fiber stack overflows -----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A fiber that overflows its stack hits the guard page below it. A SIGSEGV
// handler on an alternate signal stack recognises a fault inside a guard
// page of the running block, prints "tessera-emu: kernel 'NAME': block
// (x,y,z): thread N overflowed its S-byte fiber stack" to stderr and exits
// with status 134; any other fault goes to the previous handler.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_STACKOVERFLOW_H
#define TESSERA_RUNTIME_EMU_STACKOVERFLOW_H

namespace tessera::emu {

class Block;

/// Installs the SIGSEGV handler once per process (no-op under ASan/TSan,
/// which report overflows themselves).
void installStackOverflowHandler();

/// Gives the handler an alternate signal stack on the calling OS thread
/// (once per thread) and says which block, if any, it runs.
void setRunningBlock(const Block *block);

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_STACKOVERFLOW_H
