// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The device object behind tessera_device_t.

#ifndef TESSERA_RUNTIME_DEVICE_H
#define TESSERA_RUNTIME_DEVICE_H

#include "runtime/tessera_runtime.h"

#include <cstdint>

/// A CUDA device: its ordinal and the properties read when it was created.
/// Later it will own the device's stream and allocator.
struct tessera_device_t {
  int ordinal = 0;
  /// Same size as cudaDeviceProp::name.
  char name[256] = {};
  int computeCapabilityMajor = 0;
  int computeCapabilityMinor = 0;
  uint64_t totalMemory = 0;
  int multiprocessorCount = 0;
};

#endif // TESSERA_RUNTIME_DEVICE_H
