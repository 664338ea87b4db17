// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Compiled as C: checks that the public header is valid C and that its
// functions have C linkage. CApiTest.cpp calls this.

#include "runtime/tessera_runtime.h"

int tesseraCApiNegativeOrdinalCode(void);

/// Returns the status code of tessera_device_create(-1, ...), called from C.
int tesseraCApiNegativeOrdinalCode(void) {
  tessera_device_t *device = NULL;
  tessera_status_t status = tessera_device_create(-1, &device);
  int code = (int)tessera_status_code(status);
  if (device != NULL)
    code = -1;
  tessera_status_free(status);
  return code;
}
