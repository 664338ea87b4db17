//===- FakeEmulator.h - A recording stand-in for the emulator ---*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Host-branch tests of the prelude call prelude functions directly on the
// test's OS thread. FakeEmulator installs one emulated thread (lane 0) whose
// ts_emu_api records every call (with its file:line) instead of emulating
// it, and turns ts_trap into a C++ exception (Trap) so that a test can catch
// it.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_TEST_EMU_NVRTC_FAKEEMULATOR_H
#define TESSERA_TEST_EMU_NVRTC_FAKEEMULATOR_H

#include "tessera/core.cuh"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::test {

/// One recorded ABI call.
struct FakeCall {
  std::string function; // "ldmatrix", "mma", "cp_async", ...
  int count = 0;        // ldmatrix: matrices; cp_async_wait: pending
  int trans = 0;
  int kind = -1;                  // mma: TS_MMA_*
  const void *pointer = nullptr;  // ldmatrix row, mma a, cp_async dst
  const void *pointer2 = nullptr; // mma b, cp_async src
  const void *pointer3 = nullptr; // mma c
  void *out = nullptr;            // ldmatrix registers, mma d
  int bytes = 0;                  // cp_async src_bytes
  std::string file;
  int line = 0;
};

/// ts_trap, thrown.
struct Trap {
  std::string message;
  std::string file;
  int line = 0;
};

/// Installs itself as |ts_emu_self| for its lifetime (one at a time).
class FakeEmulator {
public:
  FakeEmulator();
  ~FakeEmulator();
  FakeEmulator(const FakeEmulator &) = delete;
  FakeEmulator &operator=(const FakeEmulator &) = delete;

  std::vector<FakeCall> calls;

private:
  ts_emu_api api{};
  ts_emu_thread thread{};
};

} // namespace tessera::test

#endif // TESSERA_TEST_EMU_NVRTC_FAKEEMULATOR_H
