// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The bundle C API: loading (file, memory, refusals), the signature, running
// on the CPU emulator (hand-built bundle, numerics checked), buffer checks,
// and CUDA without a device.

#include "runtime/tessera_runtime.h"

#include "BundleTestUtils.h"
#include "RuntimeTestUtils.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <unistd.h>

using tessera::test::StatusPtr;

namespace {

struct BundleDeleter {
  void operator()(tessera_bundle_t *bundle) const {
    tessera_bundle_release(bundle);
  }
};
using BundlePtr = std::unique_ptr<tessera_bundle_t, BundleDeleter>;
struct ContextDeleter {
  void operator()(tessera_context_t *context) const {
    tessera_context_release(context);
  }
};
using ContextPtr = std::unique_ptr<tessera_context_t, ContextDeleter>;

class BundleApi : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    // The host JIT's cache, kept between runs in the build folder.
    setenv("TESSERA_CACHE_DIR", TESSERA_TEST_CACHE_DIR, 1);
  }
  BundlePtr load(const std::string &bytes) {
    tessera_bundle_t *bundle = nullptr;
    StatusPtr status(
        tessera_bundle_load_memory(bytes.data(), bytes.size(), &bundle));
    EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    return BundlePtr(bundle);
  }
  /// Runs |context| on x = {1..6}; fills |y|, |t|, |z|.
  tessera_status_t run(tessera_context_t *context, float (&y)[6], float (&t)[6],
                       float (&z)[6]) {
    const float x[6] = {1, 2, 3, 4, 5, 6};
    const void *inputs[] = {x};
    size_t inputSizes[] = {sizeof(x)};
    void *outputs[] = {y, t, z};
    size_t outputSizes[] = {sizeof(y), sizeof(t), sizeof(z)};
    return tessera_context_run_host(context, inputs, inputSizes, 1, outputs,
                                    outputSizes, 3);
  }
};

TEST_F(BundleApi, LoadsFromMemoryAndDescribesTheSignature) {
  BundlePtr bundle =
      load(tessera::test::bundleBytes(tessera::test::addModel()));
  ASSERT_TRUE(bundle);
  EXPECT_STREQ(tessera_bundle_precision(bundle.get()), "f32");
  EXPECT_EQ(tessera_bundle_arena_size(bundle.get()), 64u);
  EXPECT_EQ(tessera_bundle_weights_size(bundle.get()), 24u);
  ASSERT_EQ(tessera_bundle_input_count(bundle.get()), 1u);
  ASSERT_EQ(tessera_bundle_output_count(bundle.get()), 3u);
  tessera_tensor_desc_t desc;
  StatusPtr status(tessera_bundle_input_desc(bundle.get(), 0, &desc));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()));
  EXPECT_STREQ(desc.name, "x");
  EXPECT_EQ(desc.dtype, TESSERA_DTYPE_F32);
  EXPECT_STREQ(tessera_dtype_name(desc.dtype), "f32");
  ASSERT_EQ(desc.rank, 2u);
  EXPECT_EQ(desc.shape[0], 2);
  EXPECT_EQ(desc.shape[1], 3);
  EXPECT_EQ(desc.byte_size, 24u);
  status.reset(tessera_bundle_output_desc(bundle.get(), 2, &desc));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()));
  EXPECT_STREQ(desc.name, "z");
  status.reset(tessera_bundle_output_desc(bundle.get(), 3, &desc));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_OUT_OF_RANGE);
  EXPECT_STREQ(tessera_status_message(status.get()),
               "output 3 out of range: the bundle has 3");
  EXPECT_EQ(desc.name, nullptr);
}

TEST_F(BundleApi, LoadsFromAFile) {
  char path[] = "/tmp/tessera-bundle-api-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::string bytes = tessera::test::bundleBytes(tessera::test::addModel());
  std::ofstream(path, std::ios::binary) << bytes;
  tessera_bundle_t *bundle = nullptr;
  StatusPtr status(tessera_bundle_load_file(path, &bundle));
  EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  BundlePtr owned(bundle);
  EXPECT_EQ(tessera_bundle_output_count(bundle), 3u);

  // Truncated: refused with the container's message.
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      << bytes.substr(0, bytes.size() - 1);
  status.reset(tessera_bundle_load_file(path, &bundle));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_DATA_LOSS);
  EXPECT_EQ(std::string(tessera_status_message(status.get())),
            std::string(path) + ": truncated: the header says " +
                std::to_string(bytes.size()) + " bytes, the file has " +
                std::to_string(bytes.size() - 1));
  EXPECT_EQ(bundle, nullptr);
  unlink(path);
  status.reset(tessera_bundle_load_file(path, &bundle));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_NOT_FOUND);
  EXPECT_EQ(std::string(tessera_status_message(status.get())),
            std::string(path) + ": no such bundle file");
}

TEST_F(BundleApi, RefusesCorruptedBundles) {
  std::string bytes = tessera::test::bundleBytes(tessera::test::addModel());
  bytes[bytes.size() - 1] ^= 1; // the weights' last byte
  tessera_bundle_t *bundle = nullptr;
  StatusPtr status(
      tessera_bundle_load_memory(bytes.data(), bytes.size(), &bundle));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_DATA_LOSS);
  EXPECT_EQ(std::string(tessera_status_message(status.get()))
                .rfind("<memory>: checksum mismatch in section 'weights'", 0),
            0u)
      << tessera_status_message(status.get());

  // A plan that the decoder refuses: the message names the step.
  tessera::bundle::Model model = tessera::test::addModel();
  model.arenaBytes = 16; // t (24 bytes at 0) no longer fits
  model.targets[0].plan.clear();
  model.targets[1].plan.clear();
  std::string small = tessera::test::bundleBytes(model);
  ASSERT_FALSE(small.empty());
  // Re-pack with the original plans.
  tessera::bundle::Model full = tessera::test::addModel();
  std::string error;
  auto fullBundle = tessera::bundle::Bundle::fromMemory(
      tessera::test::bundleBytes(full), "full", error);
  auto smallBundle = tessera::bundle::Bundle::fromMemory(small, "small", error);
  ASSERT_TRUE(fullBundle && smallBundle);
  tessera::bundle::BundleWriter writer;
  for (const auto &section : smallBundle->sections()) {
    std::string_view content = section.name.rfind("plan.", 0) == 0
                                   ? fullBundle->find(section.name)->bytes
                                   : section.bytes;
    ASSERT_TRUE(writer.addSection(
        section.name, content, section.name == "weights" ? 4096 : 64, error));
  }
  std::string repacked = writer.serialize();
  status.reset(
      tessera_bundle_load_memory(repacked.data(), repacked.size(), &bundle));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_DATA_LOSS);
  EXPECT_STREQ(tessera_status_message(status.get()),
               "<memory>: plan.sm_90a: step 0: argument 2: arena offset 0 + "
               "24 bytes exceeds the arena (16 bytes)");
}

TEST_F(BundleApi, RunsOnTheEmulator) {
  BundlePtr bundle =
      load(tessera::test::bundleBytes(tessera::test::addModel()));
  ASSERT_TRUE(bundle);
  for (int check : {0, 1}) {
    tessera_context_options_t options;
    tessera_context_options_init(&options);
    options.emu_check = check;
    tessera_context_t *context = nullptr;
    StatusPtr status(tessera_context_create(bundle.get(), &options, &context));
    ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    ContextPtr owned(context);
    EXPECT_STREQ(tessera_context_target(context), "sm_90a");
    float y[6], t[6], z[6];
    for (int repeat = 0; repeat < 2; ++repeat) {
      status.reset(run(context, y, t, z));
      ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
          << tessera_status_message(status.get());
      for (int i = 0; i < 6; ++i) {
        float expected = (i + 1) + 0.5f * (i + 1);
        EXPECT_EQ(t[i], expected) << i;
        EXPECT_EQ(y[i], 2 * expected) << i;
        EXPECT_EQ(z[i], 2 * expected) << i;
      }
    }
  }
  // The bundle may go before its contexts.
  tessera_context_options_t options;
  tessera_context_options_init(&options);
  options.target = "sm_80";
  tessera_context_t *context = nullptr;
  StatusPtr status(tessera_context_create(bundle.get(), &options, &context));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  ContextPtr owned(context);
  bundle.reset();
  EXPECT_STREQ(tessera_context_target(context), "sm_80");
  float y[6], t[6], z[6];
  status.reset(run(context, y, t, z));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  EXPECT_EQ(y[5], 18.0f);
}

TEST_F(BundleApi, ChecksBuffersAndOptions) {
  BundlePtr bundle =
      load(tessera::test::bundleBytes(tessera::test::addModel()));
  ASSERT_TRUE(bundle);
  tessera_context_options_t options;
  tessera_context_options_init(&options);
  options.target = "sm_75";
  tessera_context_t *context = nullptr;
  StatusPtr status(tessera_context_create(bundle.get(), &options, &context));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_NOT_FOUND);
  EXPECT_STREQ(tessera_status_message(status.get()),
               "<memory>: no plan for target 'sm_75' (the bundle has sm_90a, "
               "sm_80)");
  options.target = nullptr;
  options.device_kind = static_cast<tessera_device_kind_t>(7);
  status.reset(tessera_context_create(bundle.get(), &options, &context));
  EXPECT_STREQ(tessera_status_message(status.get()), "unknown device kind 7");

  status.reset(tessera_context_create(bundle.get(), nullptr, &context));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  ContextPtr owned(context);
  float x[6] = {}, y[6], t[6], z[6];
  const void *inputs[] = {x};
  size_t inputSizes[] = {20};
  void *outputs[] = {y, t, z};
  size_t outputSizes[] = {24, 24, 24};
  status.reset(tessera_context_run_host(context, inputs, inputSizes, 1, outputs,
                                        outputSizes, 3));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_INVALID_ARGUMENT);
  EXPECT_STREQ(tessera_status_message(status.get()),
               "input 0 'x': expected 24 bytes (f32), got 20");
  inputSizes[0] = 24;
  status.reset(tessera_context_run_host(context, inputs, inputSizes, 1, outputs,
                                        outputSizes, 2));
  EXPECT_STREQ(tessera_status_message(status.get()),
               "expected 3 outputs, got 2");
  outputs[1] = nullptr;
  status.reset(tessera_context_run_host(context, inputs, inputSizes, 1, outputs,
                                        outputSizes, 3));
  EXPECT_STREQ(tessera_status_message(status.get()), "output 1 't' is null");
}

TEST_F(BundleApi, ReportsKernelBuildAndLaunchFailures) {
  tessera::bundle::Model model = tessera::test::addModel();
  model.images[1].source += "this is not C++;\n";
  BundlePtr bundle = load(tessera::test::bundleBytes(model));
  ASSERT_TRUE(bundle);
  tessera_context_t *context = nullptr;
  StatusPtr status(tessera_context_create(bundle.get(), nullptr, &context));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_INTERNAL);
  EXPECT_EQ(std::string(tessera_status_message(status.get()))
                .rfind("<memory>: building the kernels for the emulator "
                       "failed: ",
                       0),
            0u)
      << tessera_status_message(status.get());

  // A barrier only thread 0 reaches: the emulator's diagnostic, prefixed
  // with the step, kernel and nodes.
  model = tessera::test::addModel();
  model.images[1].source = R"(#include "tessera/core.cuh"
TS_KERNEL void scale2(const float *TS_RESTRICT t, float *TS_RESTRICT y) {
  if (threadIdx.x == 0)
    ts_syncthreads();
  y[threadIdx.x % 6] = t[threadIdx.x % 6];
}
)";
  bundle = load(tessera::test::bundleBytes(model));
  ASSERT_TRUE(bundle);
  status.reset(tessera_context_create(bundle.get(), nullptr, &context));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  ContextPtr owned(context);
  float y[6], t[6], z[6];
  status.reset(run(context, y, t, z));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_INTERNAL);
  EXPECT_EQ(std::string(tessera_status_message(status.get()))
                .rfind("<memory>: step 1: kernel 'scale2' (nodes mul1): "
                       "kernel 'scale2': block (0,0,0): ",
                       0),
            0u)
      << tessera_status_message(status.get());
}

TEST_F(BundleApi, CudaWithoutADeviceFailsCleanly) {
  BundlePtr bundle =
      load(tessera::test::bundleBytes(tessera::test::addModel()));
  ASSERT_TRUE(bundle);
  int count = 0;
  StatusPtr countStatus(tessera_device_count(&count));
  tessera_context_options_t options;
  tessera_context_options_init(&options);
  options.device_kind = TESSERA_DEVICE_KIND_CUDA;
  tessera_context_t *context = nullptr;
  StatusPtr status(tessera_context_create(bundle.get(), &options, &context));
  if (TESSERA_STATUS_IS_OK(countStatus.get())) {
    // A GPU: the hand-built bundle has no cubin or PTX, so its CUDA source
    // is compiled for the device (NVRTC).
    EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    tessera_context_release(context);
    return;
  }
  EXPECT_EQ(context, nullptr);
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_UNAVAILABLE);
  EXPECT_STREQ(tessera_status_message(status.get()),
               tessera_status_message(countStatus.get()));
  EXPECT_EQ(std::string(tessera_status_message(status.get()))
                .rfind("no CUDA device: ", 0),
            0u);
  options.device_ordinal = -1;
  status.reset(tessera_context_create(bundle.get(), &options, &context));
  EXPECT_STREQ(tessera_status_message(status.get()),
               "expected device ordinal >= 0, got -1");
}

} // namespace
