// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// cudaError_t -> tessera_status_t conversion (no GPU needed).

#include "runtime/cuda_status.h"

#include "RuntimeTestUtils.h"

#include <gtest/gtest.h>

#include <string>

using tessera::test::StatusPtr;

namespace {

/// Fails like a runtime entry point would when cudaMalloc runs out of memory.
tessera_status_t failAllocation(size_t bytes) {
  TESSERA_CUDA_RETURN_IF_ERROR(cudaErrorMemoryAllocation,
                               "allocating %zu bytes", bytes);
  return nullptr;
}

/// Succeeds: cudaSuccess must not produce a status.
tessera_status_t succeed() {
  TESSERA_CUDA_RETURN_IF_ERROR(cudaSuccess, "never reported");
  return nullptr;
}

TEST(CudaStatusTest, MessageNamesContextErrorTextAndNumber) {
  StatusPtr status(failAllocation(42));
  ASSERT_FALSE(TESSERA_STATUS_IS_OK(status.get()));
  EXPECT_EQ(tessera_status_code(status.get()),
            TESSERA_STATUS_RESOURCE_EXHAUSTED);
  EXPECT_EQ(std::string(tessera_status_message(status.get())),
            std::string("allocating 42 bytes: ") +
                cudaGetErrorString(cudaErrorMemoryAllocation) +
                " (cudaError 2)");
  EXPECT_GT(tessera_status_line(status.get()), 0);
}

TEST(CudaStatusTest, SuccessIsOk) { EXPECT_EQ(succeed(), nullptr); }

TEST(CudaStatusTest, CodeMapping) {
  using tessera::statusCodeFromCudaError;
  EXPECT_EQ(statusCodeFromCudaError(cudaSuccess), TESSERA_STATUS_OK);
  EXPECT_EQ(statusCodeFromCudaError(cudaErrorInsufficientDriver),
            TESSERA_STATUS_UNAVAILABLE);
  EXPECT_EQ(statusCodeFromCudaError(cudaErrorNoDevice),
            TESSERA_STATUS_UNAVAILABLE);
  EXPECT_EQ(statusCodeFromCudaError(cudaErrorInvalidValue),
            TESSERA_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(statusCodeFromCudaError(cudaErrorMemoryAllocation),
            TESSERA_STATUS_RESOURCE_EXHAUSTED);
  EXPECT_EQ(statusCodeFromCudaError(cudaErrorLaunchFailure),
            TESSERA_STATUS_INTERNAL);
}

} // namespace
