//===- NvrtcLibrary.cpp - NVRTC, loaded at run time -----------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/nvrtc/NvrtcLibrary.h"

#include "runtime/support/DynamicLibrary.h"

namespace tessera::nvrtc {

namespace {

struct Loaded {
  NvrtcApi api{};
  bool ok = false;
  std::string error;
};

using support::bindSymbol;

Loaded load() {
  Loaded loaded;
  std::string soname =
      "libnvrtc.so." + std::to_string(TESSERA_CUDA_VERSION_MAJOR);
  std::string tried;
  void *handle = support::openFirstLibrary(
      support::libraryCandidates("TESSERA_NVRTC_LIBRARY",
                                 {"", "/usr/local/cuda/lib64/"},
                                 {soname, "libnvrtc.so"}),
      tried);
  if (!handle) {
    loaded.error = "NVRTC not found (tried " + tried +
                   "); install the CUDA toolkit's NVRTC or set "
                   "TESSERA_NVRTC_LIBRARY";
    return loaded;
  }
  NvrtcApi &api = loaded.api;
  loaded.ok =
      bindSymbol(handle, "nvrtcCreateProgram", api.createProgram) &&
      bindSymbol(handle, "nvrtcCompileProgram", api.compileProgram) &&
      bindSymbol(handle, "nvrtcDestroyProgram", api.destroyProgram) &&
      bindSymbol(handle, "nvrtcGetProgramLogSize", api.getProgramLogSize) &&
      bindSymbol(handle, "nvrtcGetProgramLog", api.getProgramLog) &&
      bindSymbol(handle, "nvrtcGetPTXSize", api.getPTXSize) &&
      bindSymbol(handle, "nvrtcGetPTX", api.getPTX) &&
      bindSymbol(handle, "nvrtcGetCUBINSize", api.getCUBINSize) &&
      bindSymbol(handle, "nvrtcGetCUBIN", api.getCUBIN) &&
      bindSymbol(handle, "nvrtcGetErrorString", api.getErrorString) &&
      bindSymbol(handle, "nvrtcVersion", api.version);
  if (!loaded.ok)
    loaded.error = "the NVRTC library lacks an entry point Tessera needs";
  return loaded;
}

} // namespace

const NvrtcApi *nvrtcApi(std::string &error) {
  static const Loaded loaded = load();
  if (!loaded.ok) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

} // namespace tessera::nvrtc
