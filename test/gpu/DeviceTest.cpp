// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera_device_t on a real CUDA device. Every test skips, with the reason,
// when there is none.

#include "runtime/tessera_runtime.h"

#include "RuntimeTestUtils.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>

using tessera::test::DevicePtr;
using tessera::test::StatusPtr;

namespace {

/// Skips the test when tessera_device_count fails; otherwise sets
/// |deviceCount|.
class DeviceTest : public ::testing::Test {
protected:
  void SetUp() override {
    StatusPtr status(tessera_device_count(&deviceCount));
    if (!TESSERA_STATUS_IS_OK(status.get()))
      GTEST_SKIP() << "needs a CUDA device: "
                   << tessera_status_message(status.get());
  }

  int deviceCount = 0;
};

TEST_F(DeviceTest, CountIsPositive) { EXPECT_GE(deviceCount, 1); }

TEST_F(DeviceTest, CreateReportsNameAndComputeCapability) {
  for (int ordinal = 0; ordinal < deviceCount; ++ordinal) {
    tessera_device_t *rawDevice = nullptr;
    StatusPtr status(tessera_device_create(ordinal, &rawDevice));
    DevicePtr device(rawDevice);
    ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    ASSERT_NE(device, nullptr);

    int major = 0;
    int minor = -1;
    tessera_device_compute_capability(device.get(), &major, &minor);
    const char *name = tessera_device_name(device.get());
    std::printf("device %d: %s, compute capability %d.%d, %llu bytes, %d SMs\n",
                ordinal, name, major, minor,
                static_cast<unsigned long long>(
                    tessera_device_total_memory(device.get())),
                tessera_device_multiprocessor_count(device.get()));
    EXPECT_EQ(tessera_device_ordinal(device.get()), ordinal);
    EXPECT_GT(std::strlen(name), 0u);
    // CUDA 12.5+/13 supports compute capability 7.5 (Turing) and newer.
    EXPECT_GE(major * 10 + minor, 75);
    EXPECT_GE(minor, 0);
    EXPECT_GT(tessera_device_total_memory(device.get()), 0u);
    EXPECT_GT(tessera_device_multiprocessor_count(device.get()), 0);
  }
}

TEST_F(DeviceTest, CreatingTwiceGivesTheSameDevice) {
  tessera_device_t *first = nullptr;
  tessera_device_t *second = nullptr;
  StatusPtr firstStatus(tessera_device_create(0, &first));
  StatusPtr secondStatus(tessera_device_create(0, &second));
  DevicePtr firstDevice(first), secondDevice(second);
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(firstStatus.get()))
      << tessera_status_message(firstStatus.get());
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(secondStatus.get()))
      << tessera_status_message(secondStatus.get());
  EXPECT_NE(first, second);
  EXPECT_STREQ(tessera_device_name(first), tessera_device_name(second));
  EXPECT_EQ(tessera_device_total_memory(first),
            tessera_device_total_memory(second));
}

TEST_F(DeviceTest, OrdinalPastLastDeviceIsOutOfRange) {
  tessera_device_t *device = nullptr;
  StatusPtr status(tessera_device_create(deviceCount, &device));
  EXPECT_EQ(device, nullptr);
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(std::string(tessera_status_message(status.get())),
            "device ordinal " + std::to_string(deviceCount) +
                " out of range: " + std::to_string(deviceCount) +
                " CUDA device(s) present");
}

} // namespace
