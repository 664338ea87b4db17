//===- DynamicLibrary.h - Libraries loaded at run time ----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the dlopen'ed CUDA libraries (NVRTC, cuBLASLt) share: opening the
// first loadable of a list of candidate files, an environment variable
// overriding the list, and binding entry points. C++ standard library and
// POSIX (dlfcn).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_SUPPORT_DYNAMICLIBRARY_H
#define TESSERA_RUNTIME_SUPPORT_DYNAMICLIBRARY_H

#include <string>
#include <vector>

namespace tessera::support {

/// The candidate files of a library: $|envVar| alone when set and not empty;
/// otherwise each of |names| in each of |dirs| (outer loop; "" is the dynamic
/// loader's search path, other entries end in '/').
std::vector<std::string>
libraryCandidates(const char *envVar, const std::vector<std::string> &dirs,
                  const std::vector<std::string> &names);

/// dlopen (RTLD_NOW | RTLD_LOCAL) of the first loadable of |candidates|, or
/// null with |tried| listing them, comma-separated.
void *openFirstLibrary(const std::vector<std::string> &candidates,
                       std::string &tried);

/// The address of |name| in |handle|, or null.
void *findSymbol(void *handle, const char *name);

/// Sets |slot| to the entry point |name| of |handle|; false when missing.
template <class F> bool bindSymbol(void *handle, const char *name, F &slot) {
  slot = reinterpret_cast<F>(findSymbol(handle, name));
  return slot != nullptr;
}

} // namespace tessera::support

#endif // TESSERA_RUNTIME_SUPPORT_DYNAMICLIBRARY_H
