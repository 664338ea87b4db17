//===- Module.cpp - The test binary's kernel module -----------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The per-OS-thread ts_emu_self slot of the kernels compiled into this
// binary, and the tests' helpers.
//
//===----------------------------------------------------------------------===//
#include "tessera/core.cuh"

#include "EmuTest.h"

#include <cstring>
#include <fstream>

TS_EMU_DEFINE_MODULE()

namespace emutest {

int lineOf(const char *file, const char *marker) {
  std::ifstream in(file);
  std::string text;
  for (int line = 1; std::getline(in, text); ++line)
    if (text.find(marker) != std::string::npos)
      return line;
  ADD_FAILURE() << "marker " << marker << " not found in " << file;
  return -1;
}

std::string siteOf(const char *file, const char *marker) {
  const char *base = std::strrchr(file, '/');
  return std::string(base ? base + 1 : file) + ":" +
         std::to_string(lineOf(file, marker));
}

} // namespace emutest
