//===- NvrtcLibrary.h - NVRTC, loaded at run time ---------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// NVRTC is reached through dlopen, never linked: the toolkit ships no static
// NVRTC, and statically linked tools (TESSERA_STATIC_TOOLS) must depend on
// glibc alone. $TESSERA_NVRTC_LIBRARY, when set, is the only candidate;
// otherwise, in order: the soname of the toolkit built against
// (libnvrtc.so.<major>), libnvrtc.so, and the same names under
// /usr/local/cuda/lib64.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_NVRTC_NVRTCLIBRARY_H
#define TESSERA_RUNTIME_NVRTC_NVRTCLIBRARY_H

#include <nvrtc.h>

#include <string>

namespace tessera::nvrtc {

/// The NVRTC entry points Tessera uses.
struct NvrtcApi {
  decltype(&::nvrtcCreateProgram) createProgram;
  decltype(&::nvrtcCompileProgram) compileProgram;
  decltype(&::nvrtcDestroyProgram) destroyProgram;
  decltype(&::nvrtcGetProgramLogSize) getProgramLogSize;
  decltype(&::nvrtcGetProgramLog) getProgramLog;
  decltype(&::nvrtcGetPTXSize) getPTXSize;
  decltype(&::nvrtcGetPTX) getPTX;
  decltype(&::nvrtcGetCUBINSize) getCUBINSize;
  decltype(&::nvrtcGetCUBIN) getCUBIN;
  decltype(&::nvrtcGetErrorString) getErrorString;
  decltype(&::nvrtcVersion) version;
};

/// The loaded library (loaded once, on first use), or null with |error|
/// saying which files were tried.
const NvrtcApi *nvrtcApi(std::string &error);

} // namespace tessera::nvrtc

#endif // TESSERA_RUNTIME_NVRTC_NVRTCLIBRARY_H
