// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The status object behind tessera_status_t and the helpers that create it.
// Creating a status never throws: when memory runs out, a static
// RESOURCE_EXHAUSTED status is returned instead (freeing it does nothing).

#ifndef TESSERA_RUNTIME_STATUS_H
#define TESSERA_RUNTIME_STATUS_H

#include "runtime/tessera_runtime.h"

#include <cstdarg>
#include <memory>

/// A failed call's code, message and the runtime source location that
/// created it.
struct tessera_status_handle_t {
  tessera_status_code_t code = TESSERA_STATUS_OK;
  /// Owns |message| unless it points at a string literal.
  std::unique_ptr<char[]> ownedMessage;
  /// NUL-terminated; never null.
  const char *message = "";
  /// A string literal (__FILE__), so it is not owned.
  const char *file = "";
  int line = 0;
};

namespace tessera {

/// Creates a status with |code| and a printf-style message, recording
/// |file|:|line|. |code| must not be TESSERA_STATUS_OK.
tessera_status_t makeStatus(tessera_status_code_t code, const char *file,
                            int line, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/// The va_list form of makeStatus.
tessera_status_t makeStatusV(tessera_status_code_t code, const char *file,
                             int line, const char *format, va_list args)
    __attribute__((format(printf, 4, 0)));

} // namespace tessera

/// Returns a new status with |code| and a printf-style message from the
/// calling function, recording the caller's file and line.
#define TESSERA_MAKE_STATUS(code, ...)                                         \
  ::tessera::makeStatus((code), __FILE__, __LINE__, __VA_ARGS__)

/// Returns from the calling function when |expr| (a tessera_status_t) fails.
#define TESSERA_RETURN_IF_ERROR(expr)                                          \
  do {                                                                         \
    tessera_status_t tesseraStatus = (expr);                                   \
    if (!TESSERA_STATUS_IS_OK(tesseraStatus))                                  \
      return tesseraStatus;                                                    \
  } while (false)

#endif // TESSERA_RUNTIME_STATUS_H
