//===- Diagnostics.h - The emulator's error messages ------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Pieces of the diagnostics documented in docs/emulator.md: primitive names
// as the prelude spells them, "file:line" sites (the file's base name),
// thread ranges ("threads 0-15", "thread 7", "threads 0-3,8-11") over
// linear thread indices, masks ("0x0000ffff").
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_DIAGNOSTICS_H
#define TESSERA_RUNTIME_EMU_DIAGNOSTICS_H

#include "runtime/emu/Block.h"

#include <string>

namespace tessera::emu {

/// The prelude's name of primitive |op| (|variant| picks the shuffle).
const char *opName(Op op, int variant);
/// "name (file:line)" with the base name of |file|.
std::string siteText(const char *name, const char *file, int line);
/// "0x0000ffff".
std::string maskText(unsigned mask);
/// "0-15", "3", "0-3,8-11" for the set bits of |lanes|.
std::string laneRanges(unsigned lanes);

/// Lists |threads|[0, |count|) grouped by what they do: "threads 0-15 wait
/// at ts_syncthreads (k.cu:42); threads 16-31 exited". Groups come in the
/// order of their lowest thread; |separator| joins them and |repeatVerb|
/// says whether groups after the first repeat "wait" ("threads 16-31 at
/// ts_syncthreads (k.cu:12)" otherwise).
std::string describeThreads(const Thread *threads, unsigned count,
                            const char *separator, bool repeatVerb);

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_DIAGNOSTICS_H
