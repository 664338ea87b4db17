//===- KernelHarness.h - Build and launch the kernels -----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Shared by the kernel suites: the list of kernel files in this folder, one
// host-JIT module holding all of them (compiled once per process), typed
// launches, bf16 conversions and random data for the references.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_TEST_EMU_KERNELS_KERNELHARNESS_H
#define TESSERA_TEST_EMU_KERNELS_KERNELHARNESS_H

#include "runtime/emu/Emulator.h"
#include "runtime/emu/HostJit.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::emu::kernels {

/// The mode of the kernel suites (--emu-mode=fast|check on the command
/// line; fast by default).
Mode suiteMode();
void setSuiteMode(Mode mode);

/// One kernel file of test/emu/kernels (path relative to it) and its
/// kernels.
struct KernelFile {
  std::string path;
  std::vector<std::string> kernels;
};
const std::vector<KernelFile> &kernelFiles();

/// The text of |path|, relative to test/emu/kernels; empty if unreadable.
std::string readKernelFile(const std::string &path);
/// The 1-based line of |path| holding |marker|, or 0.
int markerLine(const std::string &path, std::string_view marker);

/// Every kernel file as host-JIT sources (diagnostics name |path|).
std::vector<KernelSource> kernelSources();

/// Options for the suites' modules: the cache under the build folder, plus
/// |extraFlags|.
HostJitOptions suiteJitOptions();

/// The module of every kernel file, built on first use; null (with |error|
/// set) when it does not build.
const HostModule *kernelModule(std::string *error = nullptr);

/// Launches kernel |name| of kernelModule(). |args| must have exactly the
/// kernel's parameter types (as cudaLaunchKernel's argument array). Returns
/// nullopt on success, else the emulator's (or the harness's) diagnostic.
std::optional<std::string> launchArgs(std::string_view name,
                                      const LaunchParams &params, void **args);
template <class... Args>
std::optional<std::string>
launchKernel(std::string_view name, const LaunchParams &params, Args... args) {
  void *pointers[] = {static_cast<void *>(&args)...};
  return launchArgs(name, params, pointers);
}

/// Launch parameters in the suite's mode.
LaunchParams launchParams(Dim3 grid, Dim3 block, Mode mode = suiteMode());

/// bf16 (round to nearest even) and back, independent of the prelude.
uint16_t toBf16(float value);
float fromBf16(uint16_t bits);
/// The distance in representable bf16 values between |a| and |b| (finite).
int bf16UlpDistance(uint16_t a, uint16_t b);

/// |n| uniform values in [lo, hi), reproducible from |seed|.
std::vector<float> randomFloats(size_t n, float lo, float hi, uint32_t seed);
/// The same, rounded to bf16 (bit patterns).
std::vector<uint16_t> randomBf16(size_t n, float lo, float hi, uint32_t seed);

/// A 64-byte aligned array of |n| T, zero-filled (cp.async and vector
/// loads need 16-byte alignment).
template <class T> class AlignedArray {
public:
  explicit AlignedArray(size_t n) : count(n) {
    size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
    data_.reset(static_cast<T *>(std::aligned_alloc(64, bytes ? bytes : 64)));
    for (size_t i = 0; i < n; ++i)
      data_.get()[i] = T();
  }
  AlignedArray(const std::vector<T> &values) : AlignedArray(values.size()) {
    for (size_t i = 0; i < count; ++i)
      data_.get()[i] = values[i];
  }
  T *data() { return data_.get(); }
  const T *data() const { return data_.get(); }
  T &operator[](size_t i) { return data_.get()[i]; }
  const T &operator[](size_t i) const { return data_.get()[i]; }
  size_t size() const { return count; }

private:
  struct Free {
    void operator()(T *p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  size_t count;
};

} // namespace tessera::emu::kernels

#endif // TESSERA_TEST_EMU_KERNELS_KERNELHARNESS_H
