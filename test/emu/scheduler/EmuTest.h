//===- EmuTest.h - Helpers for the emulator's own tests ---------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Kernels are compiled straight into the test binary against the prelude
// (Module.cpp holds TS_EMU_DEFINE_MODULE()). EMU_KERNEL(k) is the handle of
// a kernel with TS_EMU_ENTRY(k); run(...) launches it.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_TEST_EMU_SCHEDULER_EMUTEST_H
#define TESSERA_TEST_EMU_SCHEDULER_EMUTEST_H

#include "tessera/emu_abi.h"

#include "runtime/emu/Emulator.h"

#include <gtest/gtest.h>
#include <optional>
#include <string>

extern "C" ts_emu_thread **ts_emu_self_slot();

#define EMU_KERNEL(k)                                                          \
  ::tessera::emu::KernelHandle { #k, &k##__ts_emu_entry, &ts_emu_self_slot }

namespace emutest {

using tessera::emu::Dim3;
using tessera::emu::KernelHandle;
using tessera::emu::LaunchParams;
using tessera::emu::Mode;

/// A launch configuration; call it with the kernel's arguments.
struct Launch {
  KernelHandle kernel;
  LaunchParams params;

  Launch(KernelHandle k, Dim3 grid, Dim3 block, Mode mode,
         size_t dynamicShared = 0, unsigned workers = 0)
      : kernel(std::move(k)) {
    params.grid = grid;
    params.block = block;
    params.mode = mode;
    params.dynamicSharedBytes = dynamicShared;
    params.workers = workers;
  }

  /// Runs it; "" on success, else the diagnostic.
  template <class... A> std::string operator()(A... args) const {
    void *argv[] = {static_cast<void *>(&args)..., nullptr};
    std::optional<std::string> error =
        tessera::emu::launch(kernel, params, argv);
    return error ? *error : std::string();
  }
};

/// The line of this test source (|file|) that contains |marker| (a comment
/// on a kernel's line), so that expected diagnostics survive edits.
int lineOf(const char *file, const char *marker);

/// "Name.cpp:LINE" of |marker| in |file|.
std::string siteOf(const char *file, const char *marker);

/// Whether this binary runs under ThreadSanitizer, which rightly fails a
/// test that runs a planted race (SanitizerTest.cpp checks those reports).
inline bool underTsan() {
#if defined(TESSERA_EMU_SANITIZER)
  return std::string(TESSERA_EMU_SANITIZER) == "thread";
#else
  return false;
#endif
}

/// Both scheduling modes, for INSTANTIATE_TEST_SUITE_P.
inline std::string modeParamName(const ::testing::TestParamInfo<Mode> &info) {
  return tessera::emu::modeName(info.param);
}

} // namespace emutest

#endif // TESSERA_TEST_EMU_SCHEDULER_EMUTEST_H
