// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera_runtime_version: the project version, set by CMake.

#include "runtime/tessera_runtime.h"

#ifndef TESSERA_RUNTIME_VERSION
#error "TESSERA_RUNTIME_VERSION must be defined by the build"
#endif

const char *tessera_runtime_version(void) { return TESSERA_RUNTIME_VERSION; }
