// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The CUDA executor's decisions without a GPU (runtime/exec/CudaSupport.h):
// target selection (cubin, PTX, source JIT, errors), the source JIT itself
// (NVRTC compiles the hand-built bundle's images for sm_86 into cubins), the
// argument checks of tessera_context_run_host and tessera_context_run_device,
// the environment over the CUDA options, and tessera_context_run_device on
// the emulator (host pointers, no stream) through the C API.

#include "runtime/exec/CudaSupport.h"
#include "runtime/tessera_runtime.h"

#include "BundleTestUtils.h"
#include "RuntimeTestUtils.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

using tessera::test::StatusPtr;
namespace exec = tessera::exec;
namespace bundle = tessera::bundle;

namespace {

/// The add model with targets named |names|; "+cubin" / "+ptx" suffixes
/// give a target (fake) images.
bundle::Model modelWithTargets(std::initializer_list<const char *> names) {
  bundle::Model model = tessera::test::addModel();
  bundle::TargetCode plan = model.targets[0];
  model.targets.clear();
  for (std::string name : names) {
    bundle::TargetCode target = plan;
    target.cubins.clear();
    target.ptxs.clear();
    for (const char *suffix : {"+cubin", "+ptx"}) {
      size_t at = name.find(suffix);
      if (at == std::string::npos)
        continue;
      name.erase(at, std::strlen(suffix));
      auto &list = suffix[1] == 'c' ? target.cubins : target.ptxs;
      list.assign(model.images.size(), "image");
    }
    target.target = name;
    model.targets.push_back(target);
  }
  return model;
}

struct Selected {
  std::string target;
  exec::ImageSource source = exec::ImageSource::Cubin;
  std::string jitArch;
  tessera_status_code_t code = TESSERA_STATUS_OK;
  std::string message;
};

Selected select(const bundle::Model &model, int capability,
                const std::string &requested = "", bool forceJit = false) {
  exec::TargetChoice choice;
  StatusPtr status(exec::selectTarget(model, "m.tsrb", requested, capability,
                                      forceJit, choice));
  Selected result;
  result.code = tessera_status_code(status.get());
  result.message = tessera_status_message(status.get());
  if (!status) {
    result.target = model.targets[choice.target].target;
    result.source = choice.source;
    result.jitArch = choice.jitArch;
  }
  return result;
}

TEST(TargetSelection, ParsesTargetNames) {
  bool specific = false;
  EXPECT_EQ(exec::targetCapability("sm_90a", specific), 90);
  EXPECT_TRUE(specific);
  EXPECT_EQ(exec::targetCapability("sm_80", specific), 80);
  EXPECT_FALSE(specific);
  EXPECT_EQ(exec::targetCapability("sm_100f", specific), 100);
  EXPECT_TRUE(specific);
  EXPECT_EQ(exec::targetCapability("compute_80", specific), -1);
  EXPECT_EQ(exec::targetCapability("sm_8", specific), -1);
  EXPECT_EQ(exec::targetCapability("sm_8x", specific), -1);
}

TEST(TargetSelection, PrefersTheExactCubin) {
  bundle::Model model =
      modelWithTargets({"sm_80+cubin+ptx", "sm_90a+cubin+ptx"});
  Selected s = select(model, 90);
  EXPECT_EQ(s.target, "sm_90a");
  EXPECT_EQ(s.source, exec::ImageSource::Cubin);
  s = select(model, 80);
  EXPECT_EQ(s.target, "sm_80");
  EXPECT_EQ(s.source, exec::ImageSource::Cubin);
}

TEST(TargetSelection, FallsBackToTheNewestCompatiblePtx) {
  bundle::Model model = modelWithTargets(
      {"sm_75+cubin+ptx", "sm_80+cubin+ptx", "sm_90a+cubin+ptx"});
  // sm_86: no cubin; sm_80's PTX (not sm_90a's: too new).
  Selected s = select(model, 86);
  EXPECT_EQ(s.target, "sm_80");
  EXPECT_EQ(s.source, exec::ImageSource::Ptx);
  // sm_100: sm_90a's PTX is for 9.0 only, so sm_80's.
  s = select(model, 100);
  EXPECT_EQ(s.target, "sm_80");
  EXPECT_EQ(s.source, exec::ImageSource::Ptx);
  // A requested target is the only candidate.
  s = select(model, 86, "sm_75");
  EXPECT_EQ(s.target, "sm_75");
  EXPECT_EQ(s.source, exec::ImageSource::Ptx);
}

TEST(TargetSelection, CompilesTheSourceWhenNoImageFits) {
  // No images at all (a bundle written without NVRTC): the newest plan not
  // newer than the device, compiled for the device.
  bundle::Model model = modelWithTargets({"sm_90a", "sm_80"});
  Selected s = select(model, 86);
  EXPECT_EQ(s.code, TESSERA_STATUS_OK) << s.message;
  EXPECT_EQ(s.target, "sm_80");
  EXPECT_EQ(s.source, exec::ImageSource::Jit);
  EXPECT_EQ(s.jitArch, "sm_86");
  // On its own architecture an "a" target is used as is.
  s = select(model, 90);
  EXPECT_EQ(s.target, "sm_90a");
  EXPECT_EQ(s.jitArch, "sm_90a");
  // A device older than every target: the oldest plan.
  s = select(model, 75);
  EXPECT_EQ(s.target, "sm_80");
  EXPECT_EQ(s.jitArch, "sm_75");
  // The plain target wins over the "a" one of the same capability.
  s = select(modelWithTargets({"sm_90a", "sm_90"}), 90);
  EXPECT_EQ(s.target, "sm_90");
  EXPECT_EQ(s.jitArch, "sm_90");
  // PTX only for sm_90a: a 10.0 device compiles the source.
  s = select(modelWithTargets({"sm_90a+ptx"}), 100);
  EXPECT_EQ(s.source, exec::ImageSource::Jit);
  EXPECT_EQ(s.jitArch, "sm_100");
}

TEST(TargetSelection, ForcedJitIgnoresTheImages) {
  bundle::Model model =
      modelWithTargets({"sm_80+cubin+ptx", "sm_90a+cubin+ptx"});
  Selected s = select(model, 90, "", /*forceJit=*/true);
  EXPECT_EQ(s.target, "sm_90a");
  EXPECT_EQ(s.source, exec::ImageSource::Jit);
  EXPECT_EQ(s.jitArch, "sm_90a");
  s = select(model, 89, "", /*forceJit=*/true);
  EXPECT_EQ(s.target, "sm_80");
  EXPECT_EQ(s.jitArch, "sm_89");
}

TEST(TargetSelection, ErrorsListTheBundlesTargets) {
  bundle::Model model = modelWithTargets({"sm_90a+cubin+ptx", "sm_80"});
  Selected s = select(model, 90, "sm_75");
  EXPECT_EQ(s.code, TESSERA_STATUS_NOT_FOUND);
  EXPECT_EQ(s.message, "m.tsrb: no plan for target 'sm_75' (the bundle has "
                       "sm_90a (cubin, PTX), sm_80 (no images))");
  // Without sources nothing can be compiled.
  for (bundle::Image &image : model.images)
    image.source.clear();
  s = select(model, 86);
  EXPECT_EQ(s.code, TESSERA_STATUS_NOT_FOUND);
  EXPECT_EQ(s.message, "m.tsrb: no cubin or PTX for sm_86 and no CUDA source "
                       "to compile (the bundle has sm_90a (cubin, PTX), sm_80 "
                       "(no images))");
  s = select(modelWithTargets({}), 90);
  EXPECT_EQ(s.code, TESSERA_STATUS_NOT_FOUND);
  EXPECT_EQ(s.message, "m.tsrb: the bundle has no targets");
}

TEST(SourceJit, CompilesTheBundledSourceForTheDevice) {
  bundle::Model model = tessera::test::addModel();
  EXPECT_EQ(exec::imageFileName(model, 0), "add_w.cu");
  EXPECT_EQ(exec::imageFileName(model, 1), "scale2.cu");
  std::vector<std::string> cubins;
  const std::string cacheDir = std::string(TESSERA_TEST_CACHE_DIR) + "/nvrtc";
  StatusPtr status(exec::compileSourcesForDevice(model, "m.tsrb", "sm_86",
                                                 cubins, cacheDir));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  ASSERT_EQ(cubins.size(), 2u);
  for (const std::string &cubin : cubins) {
    ASSERT_GT(cubin.size(), 64u);
    EXPECT_EQ(cubin.substr(0, 4), "\x7f"
                                  "ELF");
  }
  // The second image's cubin has its kernel.
  EXPECT_NE(cubins[1].find("scale2"), std::string::npos);
  // Again: from the cache, the same bytes.
  std::vector<std::string> again;
  status.reset(
      exec::compileSourcesForDevice(model, "m.tsrb", "sm_86", again, cacheDir));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()));
  EXPECT_EQ(again, cubins);
}

TEST(SourceJit, ReportsTheKernelAndTheLog) {
  bundle::Model model = tessera::test::addModel();
  model.images[1].source += "\nthis is not C++;\n";
  std::vector<std::string> cubins;
  StatusPtr status(exec::compileSourcesForDevice(
      model, "m.tsrb", "sm_86", cubins,
      std::string(TESSERA_TEST_CACHE_DIR) + "/nvrtc"));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_INTERNAL);
  std::string message = tessera_status_message(status.get());
  EXPECT_EQ(message.rfind("m.tsrb: compiling the CUDA source of kernel "
                          "'scale2' for sm_86 failed: nvrtc: compiling "
                          "'scale2.cu' for sm_86 failed",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("scale2.cu("), std::string::npos) << message;
  EXPECT_TRUE(cubins.empty());
}

TEST(CudaOptions, TheEnvironmentOverridesTheOptions) {
  exec::CudaRunOptions o =
      exec::resolveCudaOptions(true, false, nullptr, nullptr);
  EXPECT_TRUE(o.graphs);
  EXPECT_FALSE(o.forceJit);
  o = exec::resolveCudaOptions(true, false, "0", "1");
  EXPECT_FALSE(o.graphs);
  EXPECT_TRUE(o.forceJit);
  o = exec::resolveCudaOptions(false, true, "1", "0");
  EXPECT_FALSE(o.graphs);
  EXPECT_TRUE(o.forceJit);
  o = exec::resolveCudaOptions(true, false, "1", "");
  EXPECT_TRUE(o.graphs);
  EXPECT_FALSE(o.forceJit);
}

/// Views of the add model's tensors at |base| (x, then y, t, z, 32 bytes
/// apart).
struct Views {
  int64_t shape[2] = {2, 3};
  tessera_buffer_view_t inputs[1];
  tessera_buffer_view_t outputs[3];
  explicit Views(uintptr_t base) {
    for (int i = 0; i < 4; ++i) {
      tessera_buffer_view_t &view = i ? outputs[i - 1] : inputs[0];
      view.data = reinterpret_cast<void *>(base + 32 * i);
      view.dtype = TESSERA_DTYPE_F32;
      view.rank = 2;
      view.shape = shape;
      view.byte_size = 24;
    }
  }
};

std::string check(const Views &views, size_t inputs = 1, size_t outputs = 3) {
  bundle::Model model = tessera::test::addModel();
  StatusPtr status(exec::checkDeviceBuffers(model, views.inputs, inputs,
                                            views.outputs, outputs));
  if (!status)
    return "ok";
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_INVALID_ARGUMENT);
  return tessera_status_message(status.get());
}

TEST(DeviceBufferChecks, AcceptsMatchingAlignedViews) {
  Views views(0x10000);
  EXPECT_EQ(check(views), "ok");
}

TEST(DeviceBufferChecks, NamesTheTensorAndTheMismatch) {
  EXPECT_EQ(check(Views(0x10000), 0, 3), "expected 1 inputs, got 0");
  EXPECT_EQ(check(Views(0x10000), 1, 2), "expected 3 outputs, got 2");
  {
    Views views(0x10000);
    views.inputs[0].dtype = TESSERA_DTYPE_F16;
    EXPECT_EQ(check(views), "input 0 'x': expected dtype f32, got f16");
  }
  {
    Views views(0x10000);
    int64_t transposed[2] = {3, 2};
    views.outputs[2].shape = transposed;
    EXPECT_EQ(check(views), "output 2 'z': expected shape [2, 3], got [3, 2]");
    int64_t flat[1] = {6};
    views.outputs[2].shape = flat;
    views.outputs[2].rank = 1;
    EXPECT_EQ(check(views), "output 2 'z': expected shape [2, 3], got [6]");
    views.outputs[2].shape = nullptr;
    EXPECT_EQ(check(views), "output 2 'z': rank 1 but the shape is null");
  }
  {
    Views views(0x10000);
    views.outputs[0].byte_size = 20;
    EXPECT_EQ(check(views),
              "output 0 'y': expected 24 bytes (f32 [2, 3]), got 20");
  }
  {
    Views views(0x10000);
    views.outputs[1].data = nullptr;
    EXPECT_EQ(check(views), "output 1 't' is null");
  }
  {
    Views views(0x10000);
    views.inputs[0].data = reinterpret_cast<void *>(0x1004);
    EXPECT_EQ(check(views),
              "input 0 'x': device pointer 0x1004 is not 16-byte aligned");
    views.inputs[0].data = reinterpret_cast<void *>(0x1008);
    EXPECT_EQ(check(views),
              "input 0 'x': device pointer 0x1008 is not 16-byte aligned");
  }
  {
    Views views(0x10000);
    views.outputs[1].data = reinterpret_cast<void *>(0x10000 + 32 + 16);
    EXPECT_EQ(check(views), "output 1 't' overlaps output 0 'y'");
    views.outputs[1].data = reinterpret_cast<void *>(0x10000 + 32 + 32);
    views.outputs[2].data = reinterpret_cast<void *>(0x10000);
    EXPECT_EQ(check(views), "output 2 'z' overlaps input 0 'x'");
  }
  {
    // Inputs may alias each other; adjacent buffers do not overlap.
    Views views(0x10000);
    views.outputs[1].data = reinterpret_cast<void *>(0x10000 + 32 + 32);
    EXPECT_EQ(check(views), "ok");
  }
  EXPECT_EQ(check(Views(0x10000), 1, 3), "ok");
  bundle::Model model = tessera::test::addModel();
  StatusPtr status(exec::checkDeviceBuffers(model, nullptr, 1, nullptr, 3));
  EXPECT_STREQ(tessera_status_message(status.get()),
               "the input views must not be null");
}

TEST(DeviceBufferChecks, PointerKinds) {
  const void *p = reinterpret_cast<const void *>(0x7f00);
  for (exec::PointerKind ok :
       {exec::PointerKind::Host, exec::PointerKind::Managed}) {
    StatusPtr status(exec::checkPointerKind("input", 0, "x", p, ok, -2, 0));
    EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()));
  }
  StatusPtr status(exec::checkPointerKind("input", 0, "x", p,
                                          exec::PointerKind::Device, 1, 1));
  EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()));
  status.reset(exec::checkPointerKind("input", 0, "x", p,
                                      exec::PointerKind::Unregistered, -2, 0));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_INVALID_ARGUMENT);
  EXPECT_STREQ(tessera_status_message(status.get()),
               "input 0 'x': 0x7f00 is pageable host memory, not memory of "
               "CUDA device 0");
  status.reset(exec::checkPointerKind("output", 1, "t", p,
                                      exec::PointerKind::Device, 1, 0));
  EXPECT_STREQ(tessera_status_message(status.get()),
               "output 1 't': 0x7f00 is memory of CUDA device 1, not of CUDA "
               "device 0");
}

TEST(HostBufferChecks, NamesTheTensor) {
  bundle::Model model = tessera::test::addModel();
  float y[6], t[6];
  void *outputs[] = {y, t, nullptr};
  size_t sizes[] = {24, 24, 24};
  StatusPtr status(
      exec::checkHostBuffers(model.outputs, "output", outputs, sizes, 2));
  EXPECT_STREQ(tessera_status_message(status.get()),
               "expected 3 outputs, got 2");
  status.reset(
      exec::checkHostBuffers(model.outputs, "output", outputs, sizes, 3));
  EXPECT_STREQ(tessera_status_message(status.get()), "output 2 'z' is null");
  sizes[1] = 20;
  status.reset(
      exec::checkHostBuffers(model.outputs, "output", outputs, sizes, 3));
  EXPECT_STREQ(tessera_status_message(status.get()),
               "output 1 't': expected 24 bytes (f32), got 20");
}

/// tessera_context_run_device on the emulator: host pointers bound
/// directly, the C API's checks, no stream.
TEST(RunDevice, RunsOnTheEmulatorWithHostPointers) {
  setenv("TESSERA_CACHE_DIR", TESSERA_TEST_CACHE_DIR, 1);
  std::string bytes = tessera::test::bundleBytes(tessera::test::addModel());
  tessera_bundle_t *bundle = nullptr;
  StatusPtr status(
      tessera_bundle_load_memory(bytes.data(), bytes.size(), &bundle));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  tessera_context_t *context = nullptr;
  status.reset(tessera_context_create(bundle, nullptr, &context));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());

  alignas(16) float x[8] = {1, 2, 3, 4, 5, 6};
  alignas(16) float out[3][8] = {};
  int64_t shape[2] = {2, 3};
  tessera_buffer_view_t inputs[1] = {{x, TESSERA_DTYPE_F32, 2, shape, 24}};
  tessera_buffer_view_t outputs[3];
  for (int o = 0; o < 3; ++o)
    outputs[o] = {out[o], TESSERA_DTYPE_F32, 2, shape, 24};
  status.reset(
      tessera_context_run_device(context, nullptr, inputs, 1, outputs, 3));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  for (int i = 0; i < 6; ++i) {
    float t = 1.5f * (i + 1);
    EXPECT_EQ(out[0][i], 2 * t) << i;
    EXPECT_EQ(out[1][i], t) << i;
    EXPECT_EQ(out[2][i], 2 * t) << i;
  }

  // A stream makes no sense on the emulator.
  int fakeStream = 0;
  status.reset(
      tessera_context_run_device(context, &fakeStream, inputs, 1, outputs, 3));
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_INVALID_ARGUMENT);
  EXPECT_STREQ(tessera_status_message(status.get()),
               "<memory>: the emulator runs on no CUDA stream: pass a null "
               "stream and host pointers");
  // The checks run before anything else.
  inputs[0].dtype = TESSERA_DTYPE_BF16;
  status.reset(
      tessera_context_run_device(context, nullptr, inputs, 1, outputs, 3));
  EXPECT_STREQ(tessera_status_message(status.get()),
               "input 0 'x': expected dtype f32, got bf16");
  status.reset(
      tessera_context_run_device(nullptr, nullptr, inputs, 1, outputs, 3));
  EXPECT_STREQ(tessera_status_message(status.get()),
               "context must not be null");

  tessera_context_release(context);
  tessera_bundle_release(bundle);
}

/// The premise of CudaExecutorGpu.OutOfMemoryNamesTheSizes: a bundle whose
/// arena is larger than any device loads; without a device a CUDA context
/// reports "no CUDA device".
TEST(RunDevice, AHugeArenaLoadsAndFailsOnlyOnTheDevice) {
  bundle::Model model = tessera::test::addModel();
  model.arenaBytes = uint64_t(1) << 50;
  std::string bytes = tessera::test::bundleBytes(model);
  ASSERT_FALSE(bytes.empty());
  tessera_bundle_t *loaded = nullptr;
  StatusPtr status(
      tessera_bundle_load_memory(bytes.data(), bytes.size(), &loaded));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());
  EXPECT_EQ(tessera_bundle_arena_size(loaded), uint64_t(1) << 50);
  int count = 0;
  StatusPtr countStatus(tessera_device_count(&count));
  if (TESSERA_STATUS_IS_OK(countStatus.get())) {
    tessera_bundle_release(loaded);
    GTEST_SKIP() << "a GPU is present: tessera-gpu-tests checks the message";
  }
  tessera_context_options_t options;
  tessera_context_options_init(&options);
  options.device_kind = TESSERA_DEVICE_KIND_CUDA;
  tessera_context_t *context = nullptr;
  status.reset(tessera_context_create(loaded, &options, &context));
  EXPECT_EQ(context, nullptr);
  EXPECT_EQ(tessera_status_code(status.get()), TESSERA_STATUS_UNAVAILABLE);
  EXPECT_EQ(std::string(tessera_status_message(status.get()))
                .rfind("no CUDA device: ", 0),
            0u);
  tessera_bundle_release(loaded);
}

TEST(RunDevice, OptionsDefaultToGraphsOnAndNoForcedJit) {
  tessera_context_options_t options;
  std::memset(&options, 0x5a, sizeof(options));
  tessera_context_options_init(&options);
  EXPECT_EQ(options.disable_cuda_graphs, 0);
  EXPECT_EQ(options.force_jit, 0);
  EXPECT_EQ(options.emu_check, 0);
  EXPECT_EQ(options.device_kind, TESSERA_DEVICE_KIND_EMU);
}

} // namespace
