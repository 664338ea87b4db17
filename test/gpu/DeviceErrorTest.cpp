// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera_device_t errors that need no GPU: bad arguments, and the exact
// message when there is no CUDA device.

#include "runtime/tessera_runtime.h"

#include "RuntimeTestUtils.h"

#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <string>

using tessera::test::StatusPtr;

namespace {

/// A non-null value that create must overwrite with null on failure.
tessera_device_t *const kPoison = reinterpret_cast<tessera_device_t *>(0x1);

/// True when |text| ends with |suffix|.
bool endsWith(const std::string &text, const std::string &suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(DeviceErrorTest, NegativeOrdinalIsInvalidArgument) {
  tessera_device_t *device = kPoison;
  StatusPtr status(tessera_device_create(-1, &device));
  EXPECT_EQ(device, nullptr);
  ASSERT_FALSE(TESSERA_STATUS_IS_OK(status.get()));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_INVALID_ARGUMENT);
  EXPECT_STREQ(tessera_status_message(status.get()),
               "expected device ordinal >= 0, got -1");
  EXPECT_TRUE(endsWith(tessera_status_file(status.get()), "runtime/device.cpp"))
      << tessera_status_file(status.get());
  EXPECT_GT(tessera_status_line(status.get()), 0);

  StatusPtr other(tessera_device_create(-7, &device));
  EXPECT_STREQ(tessera_status_message(other.get()),
               "expected device ordinal >= 0, got -7");
}

TEST(DeviceErrorTest, NullOutputsAreInvalidArguments) {
  StatusPtr create(tessera_device_create(0, nullptr));
  EXPECT_EQ(tessera_status_code(create.get()), TESSERA_STATUS_INVALID_ARGUMENT);
  EXPECT_STREQ(tessera_status_message(create.get()),
               "out_device must not be null");
  StatusPtr count(tessera_device_count(nullptr));
  EXPECT_EQ(tessera_status_code(count.get()), TESSERA_STATUS_INVALID_ARGUMENT);
  EXPECT_STREQ(tessera_status_message(count.get()),
               "out_count must not be null");
}

TEST(DeviceErrorTest, NullDeviceAccessorsAreSafe) {
  tessera_device_release(nullptr);
  EXPECT_STREQ(tessera_device_name(nullptr), "");
  int major = -1;
  int minor = -1;
  tessera_device_compute_capability(nullptr, &major, &minor);
  EXPECT_EQ(major, 0);
  EXPECT_EQ(minor, 0);
}

TEST(DeviceErrorTest, NoDeviceMessage) {
  int cudaCount = 0;
  cudaError_t error = cudaGetDeviceCount(&cudaCount);
  if (error == cudaSuccess)
    GTEST_SKIP() << "a CUDA device is present (" << cudaCount
                 << "); the no-device message is checked only without one";
  const std::string expected = std::string("no CUDA device: ") +
                               cudaGetErrorString(error) + " (cudaError " +
                               std::to_string(static_cast<int>(error)) + ")";

  int count = -1;
  StatusPtr countStatus(tessera_device_count(&count));
  EXPECT_EQ(count, 0);
  ASSERT_FALSE(TESSERA_STATUS_IS_OK(countStatus.get()));
  EXPECT_EQ(tessera_status_message(countStatus.get()), expected);
  if (error == cudaErrorInsufficientDriver || error == cudaErrorNoDevice) {
    EXPECT_EQ(tessera_status_code(countStatus.get()),
              TESSERA_STATUS_UNAVAILABLE);
  }

  tessera_device_t *device = kPoison;
  StatusPtr createStatus(tessera_device_create(0, &device));
  EXPECT_EQ(device, nullptr);
  EXPECT_EQ(tessera_status_code(createStatus.get()),
            tessera_status_code(countStatus.get()));
  EXPECT_EQ(tessera_status_message(createStatus.get()), expected);
}

} // namespace
