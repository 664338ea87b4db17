//===- Prelude.cpp - Lookup in the embedded device prelude ----------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "codegen/prelude/Prelude.h"

#include <xxhash.h>

namespace tessera::prelude {

const File *findFile(std::string_view name) {
  for (size_t i = 0; i < kNumFiles; ++i)
    if (name == kFiles[i].name)
      return &kFiles[i];
  return nullptr;
}

unsigned long long hash() {
  static const unsigned long long value = [] {
    XXH3_state_t *state = XXH3_createState();
    XXH3_64bits_reset(state);
    for (size_t i = 0; i < kNumFiles; ++i) {
      std::string_view name = kFiles[i].name;
      XXH3_64bits_update(state, name.data(), name.size() + 1);
      XXH3_64bits_update(state, kFiles[i].contents, kFiles[i].size);
    }
    unsigned long long digest = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    return digest;
  }();
  return value;
}

} // namespace tessera::prelude
