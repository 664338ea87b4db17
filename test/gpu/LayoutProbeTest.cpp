//===- LayoutProbeTest.cpp - The emulator's tensor-core layouts vs a GPU --===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Runs the probe kernels of probes/layout_probes.cu on the GPU (compiled by
// tessera_nvrtc for the device's compute capability, loaded with
// cudaLibraryLoadData, launched with cudaLaunchKernel) and on the CPU
// emulator (the same source compiled into this binary), and compares every
// lane's registers: ldmatrix x1/x2/x4 (+ .trans), mma.sync m16n8k16 bf16 and
// f16, m16n8k8 tf32. Skips without a device.
//
//===----------------------------------------------------------------------===//
#include "probes/LayoutProbes.h"

#include "RuntimeTestUtils.h"
#include "runtime/nvrtc/Nvrtc.h"
#include "runtime/tessera_runtime.h"

#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

// Last: the prelude's host branch defines threadIdx, blockDim, ... as macros.
#include "tessera/core.cuh"

// This binary's ts_emu_self, for the probe kernels compiled into it.
TS_EMU_DEFINE_MODULE()

namespace {

namespace probes = tessera::test::probes;

#define ASSERT_CUDA(expr)                                                      \
  do {                                                                         \
    cudaError_t error = (expr);                                                \
    ASSERT_EQ(error, cudaSuccess)                                              \
        << #expr << ": " << cudaGetErrorString(error);                         \
  } while (false)

/// Device memory freed on scope exit.
struct DeviceBuffer {
  ~DeviceBuffer() {
    if (pointer)
      cudaFree(pointer);
  }
  void *pointer = nullptr;
};

/// Skips without a CUDA device; otherwise loads the probes compiled for the
/// device into |library|.
class LayoutProbeTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (std::string why = tessera::test::missingDevice(); !why.empty())
      GTEST_SKIP() << why;
    int major = 0, minor = 0;
    ASSERT_CUDA(cudaSetDevice(0));
    ASSERT_CUDA(
        cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, 0));
    ASSERT_CUDA(
        cudaDeviceGetAttribute(&minor, cudaDevAttrComputeCapabilityMinor, 0));
    target = "sm_" + std::to_string(major * 10 + minor);

    std::ifstream in(probes::probeSourcePath());
    std::ostringstream source;
    source << in.rdbuf();
    ASSERT_FALSE(source.str().empty()) << probes::probeSourcePath();
    tessera::nvrtc::CompileResult compiled =
        tessera::nvrtc::compile(source.str(), "layout_probes.cu", target);
    ASSERT_TRUE(compiled.ok) << compiled.log;
    ASSERT_CUDA(cudaLibraryLoadData(&library, compiled.cubin.data(), nullptr,
                                    nullptr, 0, nullptr, nullptr, 0));
  }

  void TearDown() override {
    if (library)
      cudaLibraryUnload(library);
  }

  /// Runs |probe| on the GPU; |out| gets the output array.
  void runOnGpu(const probes::ProbeCase &probe, std::vector<uint32_t> &out) {
    cudaKernel_t kernel = nullptr;
    ASSERT_CUDA(cudaLibraryGetKernel(&kernel, library, probe.kernel.c_str()));
    DeviceBuffer inputs[3], output;
    void *args[4];
    for (int i = 0; i < 3; ++i) {
      size_t bytes = (probe.inputs[i].size() + 1) * sizeof(uint32_t);
      ASSERT_CUDA(cudaMalloc(&inputs[i].pointer, bytes));
      ASSERT_CUDA(cudaMemset(inputs[i].pointer, 0, bytes));
      ASSERT_CUDA(cudaMemcpy(inputs[i].pointer, probe.inputs[i].data(),
                             probe.inputs[i].size() * sizeof(uint32_t),
                             cudaMemcpyHostToDevice));
      args[i] = &inputs[i].pointer;
    }
    out.assign(probe.documented.size(), 0xdeadbeefu);
    size_t outBytes = out.size() * sizeof(uint32_t);
    ASSERT_CUDA(cudaMalloc(&output.pointer, outBytes));
    ASSERT_CUDA(cudaMemcpy(output.pointer, out.data(), outBytes,
                           cudaMemcpyHostToDevice));
    args[3] = &output.pointer;
    ASSERT_CUDA(cudaLaunchKernel(reinterpret_cast<const void *>(kernel),
                                 dim3(1), dim3(32), args, 0, nullptr));
    ASSERT_CUDA(cudaDeviceSynchronize());
    ASSERT_CUDA(cudaMemcpy(out.data(), output.pointer, outBytes,
                           cudaMemcpyDeviceToHost));
  }

  std::string target;
  cudaLibrary_t library = nullptr;
};

TEST_F(LayoutProbeTest, EmulatorMatchesTheGpuOnEveryLane) {
  std::vector<probes::ProbeCase> cases = probes::probeCases();
  ASSERT_GE(cases.size(), 15u);
  for (const probes::ProbeCase &probe : cases) {
    SCOPED_TRACE(probe.name + " on " + target);
    std::vector<uint32_t> gpu, emulator;
    runOnGpu(probe, gpu);
    if (HasFatalFailure())
      return;
    std::optional<std::string> error = probes::runOnEmulator(probe, emulator);
    ASSERT_FALSE(error.has_value()) << *error;
    std::string differences =
        probes::describeDifferences(probe, gpu, "gpu", emulator, "emulator");
    EXPECT_TRUE(differences.empty()) << differences;
    // Where both agree but the PTX ISA reading does not, the probe's own
    // expectations (and the emulator's tests) need fixing.
    std::string fromIsa = probes::describeDifferences(
        probe, gpu, "gpu", probe.documented, "ptx isa");
    EXPECT_TRUE(fromIsa.empty()) << fromIsa;
  }
}

} // namespace
