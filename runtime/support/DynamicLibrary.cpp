//===- DynamicLibrary.cpp - Libraries loaded at run time ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/support/DynamicLibrary.h"

#include <cstdlib>
#include <dlfcn.h>

namespace tessera::support {

std::vector<std::string>
libraryCandidates(const char *envVar, const std::vector<std::string> &dirs,
                  const std::vector<std::string> &names) {
  if (const char *path = std::getenv(envVar); path && *path)
    return {path}; // the only candidate when set
  std::vector<std::string> candidates;
  for (const std::string &dir : dirs)
    for (const std::string &name : names)
      candidates.push_back(dir + name);
  return candidates;
}

void *openFirstLibrary(const std::vector<std::string> &candidates,
                       std::string &tried) {
  tried.clear();
  for (const std::string &candidate : candidates) {
    if (void *handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL))
      return handle;
    tried += (tried.empty() ? "" : ", ") + candidate;
  }
  return nullptr;
}

void *findSymbol(void *handle, const char *name) { return dlsym(handle, name); }

} // namespace tessera::support
