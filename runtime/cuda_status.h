// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Converts CUDA runtime errors (cudaError_t) into tessera_status_t, once, at
// the call site, recording file and line. Every cudart call in the runtime
// goes through TESSERA_CUDA_RETURN_IF_ERROR or makeCudaStatus.

#ifndef TESSERA_RUNTIME_CUDA_STATUS_H
#define TESSERA_RUNTIME_CUDA_STATUS_H

#include "runtime/status.h"

#include <cuda_runtime_api.h>

namespace tessera {

/// Maps |error| to the status code a caller can branch on: missing driver or
/// device -> UNAVAILABLE, bad values -> INVALID_ARGUMENT, out of memory ->
/// RESOURCE_EXHAUSTED, anything else -> INTERNAL.
tessera_status_code_t statusCodeFromCudaError(cudaError_t error);

/// Creates a status for the failed |error| with the message
/// "<printf-style context>: <cudaGetErrorString(error)> (cudaError <N>)".
tessera_status_t makeCudaStatus(cudaError_t error, const char *file, int line,
                                const char *format, ...)
    __attribute__((format(printf, 4, 5)));

} // namespace tessera

/// Evaluates |expr| (a cudaError_t) once and, when it fails, returns a status
/// from the calling function whose message starts with the printf-style
/// context in the remaining arguments.
#define TESSERA_CUDA_RETURN_IF_ERROR(expr, ...)                                \
  do {                                                                         \
    const cudaError_t tesseraCudaError = (expr);                               \
    if (tesseraCudaError != cudaSuccess)                                       \
      return ::tessera::makeCudaStatus(tesseraCudaError, __FILE__, __LINE__,   \
                                       __VA_ARGS__);                           \
  } while (false)

#endif // TESSERA_RUNTIME_CUDA_STATUS_H
