// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera_status_t: the OK (NULL) status, messages, source locations.

#include "runtime/status.h"

#include "RuntimeTestUtils.h"

#include <gtest/gtest.h>

#include <string>

using tessera::test::StatusPtr;

namespace {

TEST(StatusTest, NullIsOk) {
  tessera_status_t status = nullptr;
  EXPECT_TRUE(TESSERA_STATUS_IS_OK(status));
  EXPECT_EQ(tessera_status_code(status), TESSERA_STATUS_OK);
  EXPECT_STREQ(tessera_status_message(status), "");
  EXPECT_STREQ(tessera_status_file(status), "");
  EXPECT_EQ(tessera_status_line(status), 0);
  tessera_status_free(status);
}

TEST(StatusTest, FormatsMessageAndRecordsLocation) {
  StatusPtr status(tessera::makeStatus(TESSERA_STATUS_DATA_LOSS, "file.cpp", 42,
                                       "section %s: checksum %#x, expected %d",
                                       "weights", 0xab, 7));
  ASSERT_FALSE(TESSERA_STATUS_IS_OK(status.get()));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_DATA_LOSS);
  EXPECT_STREQ(tessera_status_message(status.get()),
               "section weights: checksum 0xab, expected 7");
  EXPECT_STREQ(tessera_status_file(status.get()), "file.cpp");
  EXPECT_EQ(tessera_status_line(status.get()), 42);
}

TEST(StatusTest, KeepsLongMessages) {
  std::string longText(10000, 'x');
  StatusPtr status(
      TESSERA_MAKE_STATUS(TESSERA_STATUS_INTERNAL, "%s!", longText.c_str()));
  EXPECT_EQ(std::string(tessera_status_message(status.get())), longText + "!");
}

TEST(StatusTest, CodeStrings) {
  EXPECT_STREQ(tessera_status_code_string(TESSERA_STATUS_OK), "OK");
  EXPECT_STREQ(tessera_status_code_string(TESSERA_STATUS_INVALID_ARGUMENT),
               "INVALID_ARGUMENT");
  EXPECT_STREQ(tessera_status_code_string(TESSERA_STATUS_OUT_OF_RANGE),
               "OUT_OF_RANGE");
  EXPECT_STREQ(tessera_status_code_string(TESSERA_STATUS_UNAVAILABLE),
               "UNAVAILABLE");
  EXPECT_STREQ(tessera_status_code_string(TESSERA_STATUS_DATA_LOSS),
               "DATA_LOSS");
  EXPECT_STREQ(
      tessera_status_code_string(static_cast<tessera_status_code_t>(99)),
      "UNKNOWN");
}

TEST(StatusTest, RuntimeVersionIsProjectVersion) {
  EXPECT_STREQ(tessera_runtime_version(), TESSERA_TEST_PROJECT_VERSION);
}

} // namespace
