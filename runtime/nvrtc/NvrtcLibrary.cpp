//===- NvrtcLibrary.cpp - NVRTC, loaded at run time -----------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/nvrtc/NvrtcLibrary.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <vector>

namespace tessera::nvrtc {

namespace {

struct Loaded {
  NvrtcApi api{};
  bool ok = false;
  std::string error;
};

template <class F> bool bind(void *handle, const char *name, F &slot) {
  slot = reinterpret_cast<F>(dlsym(handle, name));
  return slot != nullptr;
}

Loaded load() {
  Loaded loaded;
  std::vector<std::string> candidates;
  if (const char *path = std::getenv("TESSERA_NVRTC_LIBRARY"); path && *path) {
    candidates.push_back(path); // the only candidate when set
  } else {
    std::string soname =
        "libnvrtc.so." + std::to_string(TESSERA_CUDA_VERSION_MAJOR);
    for (const char *dir : {"", "/usr/local/cuda/lib64/"})
      for (const std::string &name : {soname, std::string("libnvrtc.so")})
        candidates.push_back(dir + name);
  }
  void *handle = nullptr;
  std::string tried;
  for (const std::string &candidate : candidates) {
    handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle)
      break;
    tried += (tried.empty() ? "" : ", ") + candidate;
  }
  if (!handle) {
    loaded.error = "NVRTC not found (tried " + tried +
                   "); install the CUDA toolkit's NVRTC or set "
                   "TESSERA_NVRTC_LIBRARY";
    return loaded;
  }
  NvrtcApi &api = loaded.api;
  loaded.ok = bind(handle, "nvrtcCreateProgram", api.createProgram) &&
              bind(handle, "nvrtcCompileProgram", api.compileProgram) &&
              bind(handle, "nvrtcDestroyProgram", api.destroyProgram) &&
              bind(handle, "nvrtcGetProgramLogSize", api.getProgramLogSize) &&
              bind(handle, "nvrtcGetProgramLog", api.getProgramLog) &&
              bind(handle, "nvrtcGetPTXSize", api.getPTXSize) &&
              bind(handle, "nvrtcGetPTX", api.getPTX) &&
              bind(handle, "nvrtcGetCUBINSize", api.getCUBINSize) &&
              bind(handle, "nvrtcGetCUBIN", api.getCUBIN) &&
              bind(handle, "nvrtcGetErrorString", api.getErrorString) &&
              bind(handle, "nvrtcVersion", api.version);
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
