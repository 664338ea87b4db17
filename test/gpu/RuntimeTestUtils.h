// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Owning wrappers for runtime objects in tests.

#ifndef TESSERA_TEST_GPU_RUNTIMETESTUTILS_H
#define TESSERA_TEST_GPU_RUNTIMETESTUTILS_H

#include "runtime/tessera_runtime.h"

#include <memory>

namespace tessera::test {

/// Frees a status when it goes out of scope.
struct StatusDeleter {
  void operator()(tessera_status_t status) const {
    tessera_status_free(status);
  }
};
using StatusPtr = std::unique_ptr<tessera_status_handle_t, StatusDeleter>;

/// Releases a device when it goes out of scope.
struct DeviceDeleter {
  void operator()(tessera_device_t *device) const {
    tessera_device_release(device);
  }
};
using DevicePtr = std::unique_ptr<tessera_device_t, DeviceDeleter>;

} // namespace tessera::test

#endif // TESSERA_TEST_GPU_RUNTIMETESTUTILS_H
