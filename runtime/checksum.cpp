// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera_checksum64: the 64-bit XXH3 hash that guards bundle sections.

#include "runtime/tessera_runtime.h"

#include <xxhash.h>

uint64_t tessera_checksum64(const void *data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}
