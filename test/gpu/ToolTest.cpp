// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera-devices: usage, exit codes, and its output with or without a GPU.

#include "runtime/tessera_runtime.h"

#include "RuntimeTestUtils.h"

#include <gtest/gtest.h>

#include <string>

using tessera::test::kStderr;
using tessera::test::kStdout;
using tessera::test::StatusPtr;
using tessera::test::ToolResult;

namespace {

/// Runs tessera-devices with |arguments|, capturing |redirect|'s stream.
ToolResult runTool(const std::string &arguments, const std::string &redirect) {
  return tessera::test::runTool(TESSERA_DEVICES_PATH, arguments, redirect);
}

TEST(ToolTest, HelpPrintsUsage) {
  ToolResult result = runTool("--help", kStdout);
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output.rfind("usage: tessera-devices", 0), 0u)
      << result.output;
}

TEST(ToolTest, UnknownFlagIsUsageError) {
  ToolResult result = runTool("--bogus", kStderr);
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output.rfind("tessera-devices: unknown argument '--bogus'\n"
                                "usage: tessera-devices",
                                0),
            0u)
      << result.output;
  EXPECT_EQ(runTool("--bogus", kStdout).output, "");
}

TEST(ToolTest, VersionPrintsRuntimeVersion) {
  ToolResult result = runTool("--version", kStdout);
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output,
            std::string("tessera-devices ") + tessera_runtime_version() + "\n");
}

TEST(ToolTest, ListsDevicesOrReportsNone) {
  int count = 0;
  StatusPtr status(tessera_device_count(&count));
  ToolResult out = runTool("", kStdout);
  ToolResult err = runTool("", kStderr);
  if (!TESSERA_STATUS_IS_OK(status.get())) {
    EXPECT_EQ(out.exitCode, 1);
    EXPECT_EQ(out.output, "");
    EXPECT_EQ(err.output, std::string("tessera-devices: ") +
                              tessera_status_message(status.get()) + "\n");
    return;
  }
  EXPECT_EQ(out.exitCode, 0);
  EXPECT_EQ(err.output, "");
  EXPECT_EQ(out.output.rfind("ordinal\tname\tcompute_capability\tmemory_bytes\t"
                             "multiprocessors\n",
                             0),
            0u)
      << out.output;
  size_t lines = 0;
  for (char c : out.output)
    lines += c == '\n';
  EXPECT_EQ(lines, static_cast<size_t>(count) + 1) << out.output;
}

} // namespace
