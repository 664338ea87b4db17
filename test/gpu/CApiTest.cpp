// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Calls the runtime from a C translation unit (CApi.c).

#include "runtime/tessera_runtime.h"

#include <gtest/gtest.h>

extern "C" int tesseraCApiNegativeOrdinalCode(void);

namespace {

TEST(CApiTest, HeaderCompilesAsCAndLinks) {
  EXPECT_EQ(tesseraCApiNegativeOrdinalCode(), TESSERA_STATUS_INVALID_ARGUMENT);
}

} // namespace
