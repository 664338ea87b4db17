//===- KernelHarness.cpp - Build and launch the hand-written kernels ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "KernelHarness.h"

#include <cstring>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>

#ifndef TESSERA_EMU_KERNEL_DIR
#error "TESSERA_EMU_KERNEL_DIR must name test/emu/kernels"
#endif
#ifndef TESSERA_EMU_KERNEL_CACHE_DIR
#error "TESSERA_EMU_KERNEL_CACHE_DIR must name the suites' host-JIT cache"
#endif

namespace tessera::emu::kernels {

namespace {
Mode theSuiteMode = Mode::Fast;
} // namespace

Mode suiteMode() { return theSuiteMode; }
void setSuiteMode(Mode mode) { theSuiteMode = mode; }

const std::vector<KernelFile> &kernelFiles() {
  static const std::vector<KernelFile> files = {
      {"gelu_bf16.cu", {"add_gelu_bf16"}},
      {"softmax_row.cu", {"softmax_row_f32", "softmax_row_online_f32"}},
      {"layer_norm.cu", {"layer_norm_f32", "layer_norm_warp_f32"}},
      {"reduce_atomic.cu", {"reduce_sum_count_f32"}},
      {"gemm_mma_bf16.cu",
       {"matmul_bf16_nn", "matmul_bf16_nt", "matmul_bias_relu_bf16_nn",
        "matmul_bias_relu_bf16_nt"}},
      {"gemm_mma_tf32.cu", {"matmul_tf32_nt"}},
      {"planted/gemm_planted.cu",
       {"planted_gemm_correct", "planted_gemm_missing_barrier",
        "planted_gemm_missing_wait", "planted_gemm_swapped_fragments"}},
      {"planted/tile_missing_barrier.cu",
       {"tile_reverse_sum", "tile_reverse_sum_missing_barrier"}},
      {"planted/barrier_misuse.cu",
       {"converged_barrier", "divergent_barrier", "exit_before_barrier",
        "half_warp_shuffle_ok", "half_warp_shuffle", "partial_warp_shuffle_ok",
        "partial_warp_shuffle"}},
  };
  return files;
}

std::string readKernelFile(const std::string &path) {
  std::ifstream in(std::string(TESSERA_EMU_KERNEL_DIR) + "/" + path,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int markerLine(const std::string &path, std::string_view marker) {
  std::stringstream text(readKernelFile(path));
  std::string line;
  for (int number = 1; std::getline(text, line); ++number)
    if (line.find(marker) != std::string::npos)
      return number;
  return 0;
}

std::vector<KernelSource> kernelSources() {
  std::vector<KernelSource> sources;
  for (const KernelFile &file : kernelFiles())
    sources.push_back({file.path, readKernelFile(file.path), file.kernels});
  return sources;
}

HostJitOptions suiteJitOptions() {
  HostJitOptions options;
  options.cacheDir = TESSERA_EMU_KERNEL_CACHE_DIR;
  return options;
}

const HostModule *kernelModule(std::string *error) {
  static std::once_flag once;
  static std::unique_ptr<HostModule> module;
  static std::string buildError;
  std::call_once(once, [] {
    for (const KernelFile &file : kernelFiles())
      if (readKernelFile(file.path).empty()) {
        buildError = "cannot read kernel file '" + file.path + "' in " +
                     TESSERA_EMU_KERNEL_DIR;
        return;
      }
    module = compileHostModule(kernelSources(), suiteJitOptions(), buildError);
  });
  if (error)
    *error = buildError;
  return module.get();
}

std::optional<std::string> launchArgs(std::string_view name,
                                      const LaunchParams &params, void **args) {
  std::string error;
  const HostModule *module = kernelModule(&error);
  if (!module)
    return "the kernel module does not build: " + error;
  const KernelHandle *kernel = module->kernel(name);
  if (!kernel)
    return "the kernel module has no kernel '" + std::string(name) + "'";
  return launch(*kernel, params, args);
}

LaunchParams launchParams(Dim3 grid, Dim3 block, Mode mode) {
  LaunchParams params;
  params.grid = grid;
  params.block = block;
  params.mode = mode;
  return params;
}

uint16_t toBf16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  if ((bits & 0x7fffffffu) > 0x7f800000u)
    return static_cast<uint16_t>((bits >> 16) | 0x40u);
  uint32_t lsb = (bits >> 16) & 1u;
  return static_cast<uint16_t>((bits + 0x7fffu + lsb) >> 16);
}

float fromBf16(uint16_t bits) {
  uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &wide, sizeof value);
  return value;
}

int bf16UlpDistance(uint16_t a, uint16_t b) {
  // Map sign-magnitude onto a monotonic integer line.
  auto ordered = [](uint16_t v) {
    return (v & 0x8000u) ? -static_cast<int>(v & 0x7fffu) : static_cast<int>(v);
  };
  return std::abs(ordered(a) - ordered(b));
}

std::vector<float> randomFloats(size_t n, float lo, float hi, uint32_t seed) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> values(n);
  for (float &v : values)
    v = dist(engine);
  return values;
}

std::vector<uint16_t> randomBf16(size_t n, float lo, float hi, uint32_t seed) {
  std::vector<uint16_t> bits;
  bits.reserve(n);
  for (float v : randomFloats(n, lo, hi, seed))
    bits.push_back(toBf16(v));
  return bits;
}

} // namespace tessera::emu::kernels
