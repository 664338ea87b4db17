// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera_status_t: creation, accessors and release.

#include "runtime/status.h"

#include <cstdio>
#include <new>

namespace {

/// Returned when a status (or its message) cannot be allocated;
/// tessera_status_free ignores it.
tessera_status_handle_t outOfMemoryStatus{
    TESSERA_STATUS_RESOURCE_EXHAUSTED, nullptr,
    "out of memory while creating a status", __FILE__, __LINE__};

} // namespace

tessera_status_t tessera::makeStatusV(tessera_status_code_t code,
                                      const char *file, int line,
                                      const char *format, va_list args) {
  va_list argsCopy;
  va_copy(argsCopy, args);
  int length = std::vsnprintf(nullptr, 0, format, argsCopy);
  va_end(argsCopy);
  if (length < 0)
    length = 0;

  auto *status = new (std::nothrow) tessera_status_handle_t;
  if (!status)
    return &outOfMemoryStatus;
  status->ownedMessage.reset(new (std::nothrow) char[length + 1]);
  if (!status->ownedMessage) {
    delete status;
    return &outOfMemoryStatus;
  }
  status->ownedMessage[0] = '\0';
  std::vsnprintf(status->ownedMessage.get(), length + 1, format, args);
  status->message = status->ownedMessage.get();
  status->code = code;
  status->file = file;
  status->line = line;
  return status;
}

tessera_status_t tessera::makeStatus(tessera_status_code_t code,
                                     const char *file, int line,
                                     const char *format, ...) {
  va_list args;
  va_start(args, format);
  tessera_status_t status = makeStatusV(code, file, line, format, args);
  va_end(args);
  return status;
}

tessera_status_code_t tessera_status_code(tessera_status_t status) {
  return status ? status->code : TESSERA_STATUS_OK;
}

const char *tessera_status_message(tessera_status_t status) {
  return status ? status->message : "";
}

const char *tessera_status_file(tessera_status_t status) {
  return status ? status->file : "";
}

int tessera_status_line(tessera_status_t status) {
  return status ? status->line : 0;
}

void tessera_status_free(tessera_status_t status) {
  if (status != &outOfMemoryStatus)
    delete status;
}

const char *tessera_status_code_string(tessera_status_code_t code) {
  switch (code) {
  case TESSERA_STATUS_OK:
    return "OK";
  case TESSERA_STATUS_UNKNOWN:
    return "UNKNOWN";
  case TESSERA_STATUS_INVALID_ARGUMENT:
    return "INVALID_ARGUMENT";
  case TESSERA_STATUS_NOT_FOUND:
    return "NOT_FOUND";
  case TESSERA_STATUS_RESOURCE_EXHAUSTED:
    return "RESOURCE_EXHAUSTED";
  case TESSERA_STATUS_FAILED_PRECONDITION:
    return "FAILED_PRECONDITION";
  case TESSERA_STATUS_OUT_OF_RANGE:
    return "OUT_OF_RANGE";
  case TESSERA_STATUS_UNIMPLEMENTED:
    return "UNIMPLEMENTED";
  case TESSERA_STATUS_INTERNAL:
    return "INTERNAL";
  case TESSERA_STATUS_UNAVAILABLE:
    return "UNAVAILABLE";
  case TESSERA_STATUS_DATA_LOSS:
    return "DATA_LOSS";
  }
  return "UNKNOWN";
}
