//===- CudaExecutor.cpp - Run a bundle's plan on a CUDA device ------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// cudart only (never the driver API's stub): images are loaded with
// cudaLibraryLoadData — the cubin of the target that matches the device's
// compute capability exactly (sm_90 or sm_90a on a 9.0 device), else the
// PTX of the newest compatible target — kernels found with
// cudaLibraryGetKernel, and launched with cudaLaunchKernel on the
// executor's stream. The weights are uploaded once per device and shared by
// every executor of the bundle; each executor has its own arena and its own
// device copies of the inputs and outputs.
//
// Not yet: CUDA-graph capture and replay, pinned staging buffers, running on
// a caller's stream with device pointers, the NVRTC fallback from source.
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/Executor.h"

#include "runtime/cuda_status.h"
#include "runtime/device.h"

#include <cuda_runtime_api.h>

#include <cstring>

namespace tessera::exec {
namespace {

using bundle::BufferKind;
using bundle::BufferRef;
using bundle::Model;
using bundle::Step;
using bundle::TargetCode;

/// The weights of one bundle on one device.
struct DeviceWeights {
  int ordinal = 0;
  void *data = nullptr;
  ~DeviceWeights() {
    if (data) {
      cudaSetDevice(ordinal);
      cudaFree(data);
    }
  }
};

/// The compute capability a target name ("sm_90a") is for, as 10 * major +
/// minor, and whether it is architecture-specific ("a"); -1 when not sm_NN.
int targetCapability(const std::string &target, bool &specific) {
  specific = false;
  if (target.rfind("sm_", 0) != 0)
    return -1;
  std::string digits = target.substr(3);
  if (!digits.empty() && (digits.back() == 'a' || digits.back() == 'f')) {
    specific = true;
    digits.pop_back();
  }
  if (digits.size() < 2 ||
      digits.find_first_not_of("0123456789") != std::string::npos)
    return -1;
  return std::stoi(digits);
}

class CudaExecutor final : public Executor {
public:
  ~CudaExecutor() override;
  tessera_status_t init(std::shared_ptr<LoadedBundle> bundle,
                        const ExecOptions &options);
  tessera_status_t runHost(const void *const *inputs,
                           void *const *outputs) override;

private:
  tessera_status_t pickTarget(const std::string &requested, int capability,
                              bool &useCubin);
  tessera_status_t uploadWeights();

  int ordinal = 0;
  const TargetCode *code = nullptr;
  cudaStream_t stream = nullptr;
  std::vector<cudaLibrary_t> libraries;
  std::vector<cudaKernel_t> kernels;
  std::shared_ptr<DeviceWeights> weights;
  void *arena = nullptr;
  std::vector<void *> inputBuffers, outputBuffers;
};

CudaExecutor::~CudaExecutor() {
  cudaSetDevice(ordinal);
  if (stream)
    cudaStreamSynchronize(stream);
  for (void *p : inputBuffers)
    cudaFree(p);
  for (void *p : outputBuffers)
    cudaFree(p);
  if (arena)
    cudaFree(arena);
  for (cudaLibrary_t library : libraries)
    if (library)
      cudaLibraryUnload(library);
  if (stream)
    cudaStreamDestroy(stream);
}

tessera_status_t CudaExecutor::pickTarget(const std::string &requested,
                                          int capability, bool &useCubin) {
  const Model &model = loaded->model();
  const TargetCode *best = nullptr;
  int bestCapability = -1;
  for (const TargetCode &target : model.targets) {
    if (!requested.empty() && target.target != requested)
      continue;
    bool specific;
    int cc = targetCapability(target.target, specific);
    if (cc == capability && !target.cubins.empty()) {
      code = &target;
      useCubin = true;
      return nullptr;
    }
    // PTX runs on the same or a newer device; architecture-specific PTX
    // only on its own.
    bool ptxFits = !target.ptxs.empty() &&
                   (specific ? cc == capability : cc <= capability);
    if (ptxFits && cc > bestCapability) {
      best = &target;
      bestCapability = cc;
    }
  }
  if (best) {
    code = best;
    useCubin = false;
    return nullptr;
  }
  std::string known;
  for (const TargetCode &target : model.targets)
    known +=
        (known.empty() ? "" : ", ") + target.target +
        (target.cubins.empty() && target.ptxs.empty() ? " (no images)" : "");
  int major = capability / 10, minor = capability % 10;
  if (!requested.empty())
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_NOT_FOUND,
                               "%s: no cubin or PTX of target '%s' runs on "
                               "%s (the bundle has %s)",
                               loaded->label().c_str(), requested.c_str(),
                               smName(major, minor).c_str(),
                               known.empty() ? "no targets" : known.c_str());
  return TESSERA_MAKE_STATUS(TESSERA_STATUS_NOT_FOUND,
                             "%s: no cubin or PTX for %s (the bundle has %s)",
                             loaded->label().c_str(),
                             smName(major, minor).c_str(),
                             known.empty() ? "no targets" : known.c_str());
}

tessera_status_t CudaExecutor::uploadWeights() {
  std::string_view bytes = loaded->weights();
  std::lock_guard<std::mutex> lock(loaded->sharedMutex);
  auto found = loaded->sharedPerDevice.find(ordinal);
  if (found != loaded->sharedPerDevice.end()) {
    weights = std::static_pointer_cast<DeviceWeights>(found->second);
    return nullptr;
  }
  auto uploaded = std::make_shared<DeviceWeights>();
  uploaded->ordinal = ordinal;
  if (!bytes.empty()) {
    cudaError_t error = cudaMalloc(&uploaded->data, bytes.size());
    if (error != cudaSuccess)
      return makeCudaStatus(
          error, __FILE__, __LINE__,
          "%s: cannot allocate the weights (%zu bytes; "
          "arena %llu bytes)",
          loaded->label().c_str(), bytes.size(),
          static_cast<unsigned long long>(loaded->model().arenaBytes));
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaMemcpy(uploaded->data, bytes.data(), bytes.size(),
                   cudaMemcpyHostToDevice),
        "%s: uploading the weights", loaded->label().c_str());
  }
  loaded->sharedPerDevice[ordinal] = uploaded;
  weights = std::move(uploaded);
  return nullptr;
}

tessera_status_t CudaExecutor::init(std::shared_ptr<LoadedBundle> bundle,
                                    const ExecOptions &options) {
  loaded = std::move(bundle);
  const Model &model = loaded->model();
  ordinal = options.deviceOrdinal;
  tessera_device_t *device = nullptr;
  TESSERA_RETURN_IF_ERROR(tessera_device_create(ordinal, &device));
  int capability =
      device->computeCapabilityMajor * 10 + device->computeCapabilityMinor;
  tessera_device_release(device);

  bool useCubin = false;
  TESSERA_RETURN_IF_ERROR(pickTarget(options.target, capability, useCubin));
  targetName = code->target;

  TESSERA_CUDA_RETURN_IF_ERROR(cudaSetDevice(ordinal),
                               "cannot use CUDA device %d", ordinal);
  TESSERA_CUDA_RETURN_IF_ERROR(
      cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking),
      "cannot create a stream on CUDA device %d", ordinal);

  // Images, then one kernel handle per kernel of the model.
  libraries.assign(model.images.size(), nullptr);
  for (size_t i = 0; i < model.images.size(); ++i) {
    const std::string &image = useCubin ? code->cubins[i] : code->ptxs[i];
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaLibraryLoadData(&libraries[i], image.c_str(), nullptr, nullptr, 0,
                            nullptr, nullptr, 0),
        "%s: cannot load the %s of image %zu for %s", loaded->label().c_str(),
        useCubin ? "cubin" : "PTX", i, code->target.c_str());
  }
  size_t maxShared = 0;
  for (const Step &step : code->plan)
    maxShared = std::max<size_t>(maxShared, step.sharedBytes);
  for (const bundle::KernelInfo &kernel : model.kernels) {
    cudaKernel_t handle = nullptr;
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaLibraryGetKernel(&handle, libraries[kernel.image],
                             kernel.entry.c_str()),
        "%s: kernel '%s': no entry '%s' in image %u", loaded->label().c_str(),
        kernel.name.c_str(), kernel.entry.c_str(), kernel.image);
    kernels.push_back(handle);
  }
  // Dynamic shared memory above the 48 KiB default needs an opt-in.
  for (const Step &step : code->plan)
    if (step.kind == Step::Kind::Launch && step.sharedBytes > 48 * 1024)
      TESSERA_CUDA_RETURN_IF_ERROR(
          cudaFuncSetAttribute(
              reinterpret_cast<const void *>(kernels[step.kernel]),
              cudaFuncAttributeMaxDynamicSharedMemorySize,
              static_cast<int>(step.sharedBytes)),
          "%s: kernel '%s': cannot allow %u bytes of shared memory",
          loaded->label().c_str(), model.kernels[step.kernel].name.c_str(),
          step.sharedBytes);

  TESSERA_RETURN_IF_ERROR(uploadWeights());
  if (model.arenaBytes) {
    cudaError_t error = cudaMalloc(&arena, model.arenaBytes);
    if (error != cudaSuccess)
      return makeCudaStatus(error, __FILE__, __LINE__,
                            "%s: cannot allocate the arena (%llu bytes; "
                            "weights %zu bytes)",
                            loaded->label().c_str(),
                            static_cast<unsigned long long>(model.arenaBytes),
                            loaded->weights().size());
    TESSERA_CUDA_RETURN_IF_ERROR(cudaMemset(arena, 0xff, model.arenaBytes),
                                 "%s: poisoning the arena",
                                 loaded->label().c_str());
  }
  for (auto [list, descs] : {std::pair{&inputBuffers, &model.inputs},
                             std::pair{&outputBuffers, &model.outputs}}) {
    for (const bundle::TensorDesc &desc : *descs) {
      void *buffer = nullptr;
      if (desc.numBytes())
        TESSERA_CUDA_RETURN_IF_ERROR(
            cudaMalloc(&buffer, desc.numBytes()),
            "%s: cannot allocate '%s' (%llu bytes)", loaded->label().c_str(),
            desc.name.c_str(),
            static_cast<unsigned long long>(desc.numBytes()));
      list->push_back(buffer);
    }
  }
  return nullptr;
}

tessera_status_t CudaExecutor::runHost(const void *const *inputs,
                                       void *const *outputs) {
  const Model &model = loaded->model();
  TESSERA_CUDA_RETURN_IF_ERROR(cudaSetDevice(ordinal),
                               "cannot use CUDA device %d", ordinal);
  for (size_t i = 0; i < model.inputs.size(); ++i)
    if (model.inputs[i].numBytes())
      TESSERA_CUDA_RETURN_IF_ERROR(
          cudaMemcpyAsync(inputBuffers[i], inputs[i],
                          model.inputs[i].numBytes(), cudaMemcpyHostToDevice,
                          stream),
          "%s: copying input '%s' to the device", loaded->label().c_str(),
          model.inputs[i].name.c_str());
  auto address = [&](const BufferRef &ref) -> void * {
    switch (ref.kind) {
    case BufferKind::Arena:
      return static_cast<char *>(arena) + ref.value;
    case BufferKind::Weight:
      return static_cast<char *>(weights->data) + ref.value;
    case BufferKind::Input:
      return inputBuffers[ref.value];
    case BufferKind::Output:
      return outputBuffers[ref.value];
    }
    return nullptr;
  };
  std::vector<void *> pointers, argv;
  for (size_t s = 0; s < code->plan.size(); ++s) {
    const Step &step = code->plan[s];
    if (step.kind == Step::Kind::Copy) {
      if (step.args[0].bytes)
        TESSERA_CUDA_RETURN_IF_ERROR(
            cudaMemcpyAsync(address(step.args[1]), address(step.args[0]),
                            step.args[0].bytes, cudaMemcpyDeviceToDevice,
                            stream),
            "%s: %s", loaded->label().c_str(),
            describeStep(model, s, step).c_str());
      continue;
    }
    bindArguments(step, address, pointers, argv);
    dim3 grid(step.grid[0], step.grid[1], step.grid[2]);
    dim3 block(step.block[0], step.block[1], step.block[2]);
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaLaunchKernel(reinterpret_cast<const void *>(kernels[step.kernel]),
                         grid, block, argv.data(), step.sharedBytes, stream),
        "%s: %s: launch failed", loaded->label().c_str(),
        describeStep(model, s, step).c_str());
  }
  for (size_t i = 0; i < model.outputs.size(); ++i)
    if (model.outputs[i].numBytes())
      TESSERA_CUDA_RETURN_IF_ERROR(
          cudaMemcpyAsync(outputs[i], outputBuffers[i],
                          model.outputs[i].numBytes(), cudaMemcpyDeviceToHost,
                          stream),
          "%s: copying output '%s' to the host", loaded->label().c_str(),
          model.outputs[i].name.c_str());
  TESSERA_CUDA_RETURN_IF_ERROR(cudaStreamSynchronize(stream),
                               "%s: running the plan of %s",
                               loaded->label().c_str(), targetName.c_str());
  return nullptr;
}

} // namespace

tessera_status_t createCudaExecutor(std::shared_ptr<LoadedBundle> bundle,
                                    const ExecOptions &options,
                                    std::unique_ptr<Executor> &out) {
  out.reset();
  auto executor = std::make_unique<CudaExecutor>();
  TESSERA_RETURN_IF_ERROR(executor->init(std::move(bundle), options));
  out = std::move(executor);
  return nullptr;
}

} // namespace tessera::exec
