//===- Subprocess.h - Run a program and capture its output ------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_SUBPROCESS_H
#define TESSERA_RUNTIME_EMU_SUBPROCESS_H

#include <string>
#include <vector>

namespace tessera::emu {

/// Runs |argv| (argv[0] searched in $PATH) with stdout and stderr captured
/// together into |output|. Returns the exit status (128 + the signal when it
/// was killed), or -1 with |output| saying why it could not start.
int runCapturing(const std::vector<std::string> &argv, std::string &output);

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_SUBPROCESS_H
