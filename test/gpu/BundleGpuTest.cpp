// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The CUDA executor on a GPU (skipped without one): the hand-built bundle of
// BundleTestUtils.h with its images compiled by NVRTC for the device, run
// from the cubin, from PTX only, and from two contexts sharing the weights;
// the results must equal the emulator's (exactly: the kernels are one add and
// one multiply by 2).

#include "runtime/nvrtc/Nvrtc.h"
#include "runtime/tessera_runtime.h"

#include "BundleTestUtils.h"
#include "RuntimeTestUtils.h"

#include <gtest/gtest.h>

using tessera::test::StatusPtr;

namespace {

class BundleGpu : public ::testing::Test {
protected:
  void SetUp() override {
    if (std::string why = tessera::test::missingDevice(); !why.empty())
      GTEST_SKIP() << why;
    sm = tessera::test::deviceTarget();
    ASSERT_FALSE(sm.empty());
  }

  /// The add model with one target, |sm|, holding cubins and/or PTX.
  std::string bundleFor(const std::string &target, bool cubins, bool ptxs) {
    tessera::bundle::Model model = tessera::test::addModel();
    model.targets.resize(1);
    model.targets[0].target = target;
    for (size_t i = 0; i < model.images.size(); ++i) {
      tessera::nvrtc::CompileResult compiled = tessera::nvrtc::compile(
          model.images[i].source, "image" + std::to_string(i) + ".cu", sm);
      EXPECT_TRUE(compiled.ok) << compiled.log;
      if (cubins)
        model.targets[0].cubins.emplace_back(compiled.cubin.begin(),
                                             compiled.cubin.end());
      if (ptxs)
        model.targets[0].ptxs.push_back(compiled.ptx);
    }
    return tessera::test::bundleBytes(model);
  }

  void runAndCheck(tessera_context_t *context) {
    const float x[6] = {1, 2, 3, 4, 5, 6};
    float y[6] = {}, t[6] = {}, z[6] = {};
    const void *inputs[] = {x};
    size_t inputSizes[] = {sizeof(x)};
    void *outputs[] = {y, t, z};
    size_t outputSizes[] = {sizeof(y), sizeof(t), sizeof(z)};
    StatusPtr status(tessera_context_run_host(context, inputs, inputSizes, 1,
                                              outputs, outputSizes, 3));
    ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    for (int i = 0; i < 6; ++i) {
      float expected = 1.5f * (i + 1);
      EXPECT_EQ(t[i], expected) << i;
      EXPECT_EQ(y[i], 2 * expected) << i;
      EXPECT_EQ(z[i], 2 * expected) << i;
    }
  }

  tessera_context_t *create(const std::string &bytes,
                            tessera_bundle_t **out_bundle) {
    StatusPtr status(
        tessera_bundle_load_memory(bytes.data(), bytes.size(), out_bundle));
    EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    tessera_context_options_t options;
    tessera_context_options_init(&options);
    options.device_kind = TESSERA_DEVICE_KIND_CUDA;
    tessera_context_t *context = nullptr;
    status.reset(tessera_context_create(*out_bundle, &options, &context));
    EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    return context;
  }

  std::string sm;
};

TEST_F(BundleGpu, RunsFromTheCubin) {
  tessera_bundle_t *bundle = nullptr;
  tessera_context_t *context = create(bundleFor(sm, true, true), &bundle);
  ASSERT_NE(context, nullptr);
  EXPECT_EQ(tessera_context_target(context), sm);
  runAndCheck(context);
  runAndCheck(context);
  // A second context shares the uploaded weights; both run.
  tessera_context_options_t options;
  tessera_context_options_init(&options);
  options.device_kind = TESSERA_DEVICE_KIND_CUDA;
  tessera_context_t *second = nullptr;
  StatusPtr status(tessera_context_create(bundle, &options, &second));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  tessera_bundle_release(bundle);
  runAndCheck(second);
  runAndCheck(context);
  tessera_context_release(second);
  tessera_context_release(context);
}

TEST_F(BundleGpu, RunsFromPtxOnly) {
  tessera_bundle_t *bundle = nullptr;
  tessera_context_t *context = create(bundleFor(sm, false, true), &bundle);
  ASSERT_NE(context, nullptr);
  runAndCheck(context);
  tessera_context_release(context);
  tessera_bundle_release(bundle);
}

} // namespace
