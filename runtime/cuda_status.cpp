// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// cudaError_t -> tessera_status_t conversion.

#include "runtime/cuda_status.h"

#include <cstdio>

tessera_status_code_t tessera::statusCodeFromCudaError(cudaError_t error) {
  switch (error) {
  case cudaSuccess:
    return TESSERA_STATUS_OK;
  case cudaErrorInsufficientDriver:
  case cudaErrorNoDevice:
  case cudaErrorStubLibrary:
  case cudaErrorDevicesUnavailable:
  case cudaErrorInitializationError:
  case cudaErrorSystemNotReady:
  case cudaErrorSystemDriverMismatch:
  case cudaErrorCompatNotSupportedOnDevice:
    return TESSERA_STATUS_UNAVAILABLE;
  case cudaErrorInvalidValue:
  case cudaErrorInvalidDevice:
  case cudaErrorInvalidDevicePointer:
    return TESSERA_STATUS_INVALID_ARGUMENT;
  case cudaErrorMemoryAllocation:
    return TESSERA_STATUS_RESOURCE_EXHAUSTED;
  case cudaErrorNotSupported:
    return TESSERA_STATUS_UNIMPLEMENTED;
  default:
    return TESSERA_STATUS_INTERNAL;
  }
}

tessera_status_t tessera::makeCudaStatus(cudaError_t error, const char *file,
                                         int line, const char *format, ...) {
  // Clear the (non-sticky) per-thread error so that it is reported only here.
  (void)cudaGetLastError();

  char context[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(context, sizeof(context), format, args);
  va_end(args);
  return makeStatus(statusCodeFromCudaError(error), file, line,
                    "%s: %s (cudaError %d)", context, cudaGetErrorString(error),
                    static_cast<int>(error));
}
