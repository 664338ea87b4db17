// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Owning wrappers for runtime objects in tests, and running a tool.

#ifndef TESSERA_TEST_GPU_RUNTIMETESTUTILS_H
#define TESSERA_TEST_GPU_RUNTIMETESTUTILS_H

#include "runtime/tessera_runtime.h"

#include <cstdio>
#include <memory>
#include <string>
#include <sys/wait.h>

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

/// Why a test that needs a CUDA device skips: "" when there is one.
inline std::string missingDevice() {
  int count = 0;
  StatusPtr status(tessera_device_count(&count));
  if (TESSERA_STATUS_IS_OK(status.get()))
    return "";
  return std::string("needs a CUDA device: ") +
         tessera_status_message(status.get());
}

/// The target of device 0 ("sm_90"), or "" when it cannot be opened.
inline std::string deviceTarget() {
  tessera_device_t *device = nullptr;
  StatusPtr status(tessera_device_create(0, &device));
  if (!TESSERA_STATUS_IS_OK(status.get()))
    return "";
  int major = 0, minor = 0;
  tessera_device_compute_capability(device, &major, &minor);
  tessera_device_release(device);
  return "sm_" + std::to_string(major) + std::to_string(minor);
}

/// What a run of a tool printed and returned.
struct ToolResult {
  int exitCode = -1;
  std::string output;
};

/// The |redirect| that captures a tool's stdout, or its stderr.
constexpr const char *kStdout = "2>/dev/null";
constexpr const char *kStderr = "2>&1 >/dev/null";

/// Runs |tool| with |arguments| (shell words) and captures the stream that
/// |redirect| picks (kStdout or kStderr).
inline ToolResult runTool(const std::string &tool, const std::string &arguments,
                          const std::string &redirect) {
  const std::string command = "'" + tool + "' " + arguments + " " + redirect;
  ToolResult result;
  std::FILE *pipe = popen(command.c_str(), "r");
  if (!pipe)
    return result;
  char buffer[4096];
  size_t size;
  while ((size = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    result.output.append(buffer, size);
  int status = pclose(pipe);
  if (status != -1 && WIFEXITED(status))
    result.exitCode = WEXITSTATUS(status);
  return result;
}

} // namespace tessera::test

#endif // TESSERA_TEST_GPU_RUNTIMETESTUTILS_H
