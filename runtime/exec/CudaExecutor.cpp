//===- CudaExecutor.cpp - Run a bundle's plan on a CUDA device ------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// cudart only (never the driver API's stub). The code for the device is
// chosen by selectTarget (CudaSupport.h): the cubin of the target that
// matches the device's compute capability exactly, else the PTX of the
// newest compatible target, else the bundled CUDA source compiled by NVRTC
// for the device (through the disk cache tessera-compile uses). Images are
// loaded with cudaLibraryLoadData, kernels found with cudaLibraryGetKernel
// and launched with cudaLaunchKernel.
//
// Per bundle and device: the weights, uploaded once and shared by every
// executor (LoadedBundle::sharedPerDevice, behind its mutex). Per executor:
// a non-blocking stream, the arena, an event marking the end of the last
// run, the CUDA graphs and, from the first host run on, the device copies of
// the inputs and outputs with their pinned host staging buffer. Nothing is
// shared mutably between executors, so executors run concurrently from
// different threads.
//
// Every run goes through runPlan: the first successful run launches every
// step (launchPlan, the one step loop); later runs capture the plan into a
// CUDA graph on the executor's stream (thread-local capture mode) and
// replay it with cudaGraphLaunch on the run's stream. A graph binds the
// run's input and output pointers: when they change, the plan is captured
// again and the executable graph updated with cudaGraphExecUpdate (or
// instantiated again when the update is refused).
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/CudaSupport.h"
#include "runtime/exec/Executor.h"
#include "runtime/exec/LibraryGemm.h"

#include "runtime/cuda_status.h"
#include "runtime/device.h"

#include <cuda_runtime_api.h>

#include <cstdlib>
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

/// Byte alignment of the device copies of the inputs and outputs (as the
/// arena's buffers).
constexpr uint64_t kIoAlignment = 256;

uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// A CUDA graph of the plan for one set of bound input/output pointers.
struct PlanGraph {
  std::vector<const void *> bound;
  cudaGraphExec_t exec = nullptr;
};

class CudaExecutor final : public Executor {
public:
  ~CudaExecutor() override;
  tessera_status_t init(std::shared_ptr<LoadedBundle> bundle,
                        const ExecOptions &options);
  tessera_status_t runHost(const void *const *inputs,
                           void *const *outputs) override;
  tessera_status_t runDevice(void *stream, const void *const *inputs,
                             void *const *outputs) override;

private:
  tessera_status_t uploadWeights();
  /// cudaMalloc (or cudaMallocHost when |pinned|) of |bytes| for |what|;
  /// RESOURCE_EXHAUSTED naming every size the context needs on failure.
  tessera_status_t allocate(void **pointer, uint64_t bytes, const char *what,
                            bool pinned = false);
  tessera_status_t allocateStaging();
  /// Runs the plan on |stream| with |inputs| and |outputs| bound: eagerly
  /// the first time, else through |graph|.
  tessera_status_t runPlan(cudaStream_t stream, PlanGraph &graph,
                           const void *const *inputs, void *const *outputs);
  /// Enqueues every step of the plan on |stream| (the step loop).
  tessera_status_t launchPlan(cudaStream_t stream, const void *const *inputs,
                              void *const *outputs);
  /// Makes |stream| wait for the previous run of this executor.
  tessera_status_t waitForLastRun(cudaStream_t stream);
  /// Checks where the pointers of a device run live (checkPointerKind),
  /// unless they are the last run's.
  tessera_status_t checkPointers(const void *const *inputs,
                                 void *const *outputs);

  int ordinal = 0;
  const TargetCode *code = nullptr;
  bool useGraphs = true;
  /// Whether a run has completed its launches without error (graphs are
  /// captured from then on).
  bool planValidated = false;
  cudaStream_t ownStream = nullptr;
  cudaEvent_t lastRun = nullptr;
  bool lastRunPending = false;
  std::vector<std::string> jitCubins;
  std::vector<cudaLibrary_t> libraries;
  std::vector<cudaKernel_t> kernels;
  /// cuBLASLt, for the plan's Gemm steps (LibraryGemm.h).
  std::unique_ptr<CublasLtRunner> gemmRunner;
  std::shared_ptr<DeviceWeights> weights;
  void *arena = nullptr;
  /// Host runs: the device copies of the inputs and outputs (one
  /// allocation) and the pinned staging buffer of the same layout.
  std::vector<uint64_t> ioOffsets; // inputs, then outputs
  uint64_t ioBytes = 0;
  void *ioDevice = nullptr;
  void *staging = nullptr;
  PlanGraph hostGraph, deviceGraph;
  /// The pointers of the last device run that passed checkPointers.
  std::vector<const void *> checkedPointers;
};

CudaExecutor::~CudaExecutor() {
  cudaSetDevice(ordinal);
  if (lastRunPending)
    cudaEventSynchronize(lastRun);
  if (ownStream)
    cudaStreamSynchronize(ownStream);
  for (PlanGraph *graph : {&hostGraph, &deviceGraph})
    if (graph->exec)
      cudaGraphExecDestroy(graph->exec);
  if (ioDevice)
    cudaFree(ioDevice);
  if (staging)
    cudaFreeHost(staging);
  if (arena)
    cudaFree(arena);
  for (cudaLibrary_t library : libraries)
    if (library)
      cudaLibraryUnload(library);
  if (lastRun)
    cudaEventDestroy(lastRun);
  if (ownStream)
    cudaStreamDestroy(ownStream);
}

tessera_status_t CudaExecutor::allocate(void **pointer, uint64_t bytes,
                                        const char *what, bool pinned) {
  *pointer = nullptr;
  cudaError_t error =
      pinned ? cudaMallocHost(pointer, bytes) : cudaMalloc(pointer, bytes);
  if (error == cudaSuccess)
    return nullptr;
  *pointer = nullptr;
  cudaGetLastError(); // Not sticky: clear it.
  size_t freeBytes = 0, totalBytes = 0;
  if (cudaMemGetInfo(&freeBytes, &totalBytes) != cudaSuccess)
    cudaGetLastError();
  const Model &model = loaded->model();
  uint64_t stagingBytes = 0;
  for (const auto *descs : {&model.inputs, &model.outputs})
    for (const bundle::TensorDesc &desc : *descs)
      stagingBytes += alignUp(desc.numBytes(), kIoAlignment);
  return makeCudaStatus(
      error, __FILE__, __LINE__,
      "%s: cannot allocate %s (%llu bytes; the context needs the arena "
      "(%llu bytes), the weights (%zu bytes, shared per device) and, for "
      "host runs, staging (%llu bytes on the device and %llu bytes of "
      "pinned host memory); device %d has %zu of %zu bytes free)",
      loaded->label().c_str(), what, static_cast<unsigned long long>(bytes),
      static_cast<unsigned long long>(model.arenaBytes),
      loaded->weights().size(), static_cast<unsigned long long>(stagingBytes),
      static_cast<unsigned long long>(stagingBytes), ordinal, freeBytes,
      totalBytes);
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
    TESSERA_RETURN_IF_ERROR(
        allocate(&uploaded->data, bytes.size(), "the weights"));
    // On this executor's stream, finished before any executor (on any
    // stream) can see the weights.
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaMemcpyAsync(uploaded->data, bytes.data(), bytes.size(),
                        cudaMemcpyHostToDevice, ownStream),
        "%s: uploading the weights", loaded->label().c_str());
    TESSERA_CUDA_RETURN_IF_ERROR(cudaStreamSynchronize(ownStream),
                                 "%s: uploading the weights",
                                 loaded->label().c_str());
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

  CudaRunOptions run = resolveCudaOptions(options.cudaGraphs, options.forceJit,
                                          std::getenv("TESSERA_CUDA_GRAPHS"),
                                          std::getenv("TESSERA_FORCE_JIT"));
  useGraphs = run.graphs;
  TargetChoice choice;
  TESSERA_RETURN_IF_ERROR(selectTarget(model, loaded->label(), options.target,
                                       capability, run.forceJit, choice));
  code = &model.targets[choice.target];
  targetName = code->target;
  counters.codeSource = imageSourceName(choice.source);
  counters.jitArch = choice.jitArch;
  counters.graphs = useGraphs;
  if (choice.source == ImageSource::Jit)
    TESSERA_RETURN_IF_ERROR(compileSourcesForDevice(model, loaded->label(),
                                                    choice.jitArch, jitCubins));

  TESSERA_CUDA_RETURN_IF_ERROR(cudaSetDevice(ordinal),
                               "cannot use CUDA device %d", ordinal);
  TESSERA_CUDA_RETURN_IF_ERROR(
      cudaStreamCreateWithFlags(&ownStream, cudaStreamNonBlocking),
      "cannot create a stream on CUDA device %d", ordinal);
  TESSERA_CUDA_RETURN_IF_ERROR(
      cudaEventCreateWithFlags(&lastRun, cudaEventDisableTiming),
      "cannot create an event on CUDA device %d", ordinal);

  // Images, then one kernel handle per kernel the plan launches.
  libraries.assign(model.images.size(), nullptr);
  for (size_t i = 0; i < model.images.size(); ++i) {
    const std::string &image =
        choice.source == ImageSource::Cubin ? code->cubins[i]
        : choice.source == ImageSource::Ptx ? code->ptxs[i]
                                            : jitCubins[i];
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaLibraryLoadData(&libraries[i], image.c_str(), nullptr, nullptr, 0,
                            nullptr, nullptr, 0),
        "%s: cannot load the %s of image %zu for %s", loaded->label().c_str(),
        imageSourceName(choice.source), i,
        choice.source == ImageSource::Jit ? choice.jitArch.c_str()
                                          : code->target.c_str());
  }
  kernels.assign(model.kernels.size(), nullptr);
  for (const Step &step : code->plan) {
    if (step.kind != Step::Kind::Launch || kernels[step.kernel])
      continue;
    const bundle::KernelInfo &kernel = model.kernels[step.kernel];
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaLibraryGetKernel(&kernels[step.kernel], libraries[kernel.image],
                             kernel.entry.c_str()),
        "%s: kernel '%s': no entry '%s' in image %u", loaded->label().c_str(),
        kernel.name.c_str(), kernel.entry.c_str(), kernel.image);
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

  for (const Step &step : code->plan)
    if (step.kind == Step::Kind::Gemm && !gemmRunner)
      TESSERA_RETURN_IF_ERROR(
          createCublasLtRunner(gemmRunner, loaded->label()));
  TESSERA_RETURN_IF_ERROR(uploadWeights());
  if (model.arenaBytes) {
    TESSERA_RETURN_IF_ERROR(allocate(&arena, model.arenaBytes, "the arena"));
    // 0xFF bytes: NaN in every float type, so a read of a buffer nothing
    // wrote shows.
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaMemsetAsync(arena, 0xff, model.arenaBytes, ownStream),
        "%s: poisoning the arena", loaded->label().c_str());
  }
  TESSERA_CUDA_RETURN_IF_ERROR(cudaStreamSynchronize(ownStream),
                               "%s: preparing the context",
                               loaded->label().c_str());
  return nullptr;
}

tessera_status_t CudaExecutor::allocateStaging() {
  const Model &model = loaded->model();
  std::vector<uint64_t> offsets;
  uint64_t bytes = 0;
  for (const auto *descs : {&model.inputs, &model.outputs})
    for (const bundle::TensorDesc &desc : *descs) {
      offsets.push_back(bytes);
      bytes += alignUp(desc.numBytes(), kIoAlignment);
    }
  if (bytes) {
    TESSERA_RETURN_IF_ERROR(allocate(&ioDevice, bytes,
                                     "the device copies of the inputs and "
                                     "outputs"));
    if (tessera_status_t status = allocate(
            &staging, bytes, "the pinned staging buffers", /*pinned=*/true)) {
      cudaFree(ioDevice);
      ioDevice = nullptr;
      return status;
    }
  }
  ioOffsets = std::move(offsets);
  ioBytes = bytes;
  return nullptr;
}

tessera_status_t CudaExecutor::waitForLastRun(cudaStream_t stream) {
  if (!lastRunPending)
    return nullptr;
  TESSERA_CUDA_RETURN_IF_ERROR(cudaStreamWaitEvent(stream, lastRun, 0),
                               "%s: waiting for the previous run",
                               loaded->label().c_str());
  return nullptr;
}

tessera_status_t CudaExecutor::checkPointers(const void *const *inputs,
                                             void *const *outputs) {
  const Model &model = loaded->model();
  std::vector<const void *> pointers(inputs, inputs + model.inputs.size());
  pointers.insert(pointers.end(), outputs, outputs + model.outputs.size());
  if (pointers == checkedPointers)
    return nullptr;
  for (size_t p = 0; p < pointers.size(); ++p) {
    bool input = p < model.inputs.size();
    size_t index = input ? p : p - model.inputs.size();
    const bundle::TensorDesc &desc =
        input ? model.inputs[index] : model.outputs[index];
    if (!desc.numBytes())
      continue;
    cudaPointerAttributes attributes;
    cudaError_t error = cudaPointerGetAttributes(&attributes, pointers[p]);
    if (error != cudaSuccess) {
      cudaGetLastError();
      return makeCudaStatus(
          error, __FILE__, __LINE__, "%s %zu '%s': cannot tell where %p lives",
          input ? "input" : "output", index, desc.name.c_str(), pointers[p]);
    }
    PointerKind kind =
        attributes.type == cudaMemoryTypeHost      ? PointerKind::Host
        : attributes.type == cudaMemoryTypeDevice  ? PointerKind::Device
        : attributes.type == cudaMemoryTypeManaged ? PointerKind::Managed
                                                   : PointerKind::Unregistered;
    TESSERA_RETURN_IF_ERROR(checkPointerKind(input ? "input" : "output", index,
                                             desc.name, pointers[p], kind,
                                             attributes.device, ordinal));
  }
  checkedPointers = std::move(pointers);
  return nullptr;
}

tessera_status_t CudaExecutor::launchPlan(cudaStream_t stream,
                                          const void *const *inputs,
                                          void *const *outputs) {
  const Model &model = loaded->model();
  auto address = [&](const BufferRef &ref) -> void * {
    switch (ref.kind) {
    case BufferKind::Arena:
      return static_cast<char *>(arena) + ref.value;
    case BufferKind::Weight:
      return static_cast<char *>(weights->data) + ref.value;
    case BufferKind::Input:
      return const_cast<void *>(inputs[ref.value]);
    case BufferKind::Output:
      return outputs[ref.value];
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
    // Other step kinds (library calls) dispatch here, on |stream|, with
    // address() for their arguments: this loop runs eagerly and under the
    // graph capture alike.
    if (step.kind == Step::Kind::Gemm) { // a library GEMM (LibraryGemm.h)
      bool bias = bundle::gemmHasBias(step.gemm.epilogue);
      TESSERA_RETURN_IF_ERROR(gemmRunner->run(
          s, step.gemm, address(step.args[0]), address(step.args[1]),
          bias ? address(step.args[2]) : nullptr, address(step.args.back()),
          stream, loaded->label() + ": " + describeStep(model, s, step)));
      continue;
    }
    if (step.kind != Step::Kind::Launch)
      return TESSERA_MAKE_STATUS(TESSERA_STATUS_UNIMPLEMENTED,
                                 "%s: %s: this step kind does not run on "
                                 "CUDA yet",
                                 loaded->label().c_str(),
                                 describeStep(model, s, step).c_str());
    bindArguments(step, address, pointers, argv);
    dim3 grid(step.grid[0], step.grid[1], step.grid[2]);
    dim3 block(step.block[0], step.block[1], step.block[2]);
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaLaunchKernel(reinterpret_cast<const void *>(kernels[step.kernel]),
                         grid, block, argv.data(), step.sharedBytes, stream),
        "%s: %s: launch failed", loaded->label().c_str(),
        describeStep(model, s, step).c_str());
  }
  return nullptr;
}

tessera_status_t CudaExecutor::runPlan(cudaStream_t stream, PlanGraph &graph,
                                       const void *const *inputs,
                                       void *const *outputs) {
  const Model &model = loaded->model();
  if (!useGraphs || !planValidated) {
    TESSERA_RETURN_IF_ERROR(launchPlan(stream, inputs, outputs));
    planValidated = true;
    ++counters.eagerRuns;
    return nullptr;
  }
  std::vector<const void *> bound(inputs, inputs + model.inputs.size());
  bound.insert(bound.end(), outputs, outputs + model.outputs.size());
  if (!graph.exec || graph.bound != bound) {
    // Capture on the executor's own stream (the run's may be the legacy
    // default stream, which cannot be captured); thread-local mode leaves
    // other threads' CUDA calls alone.
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaStreamBeginCapture(ownStream, cudaStreamCaptureModeThreadLocal),
        "%s: capturing the plan into a CUDA graph", loaded->label().c_str());
    tessera_status_t launched = launchPlan(ownStream, inputs, outputs);
    cudaGraph_t captured = nullptr;
    cudaError_t ended = cudaStreamEndCapture(ownStream, &captured);
    if (launched) {
      if (captured)
        cudaGraphDestroy(captured);
      cudaGetLastError();
      return launched;
    }
    TESSERA_CUDA_RETURN_IF_ERROR(ended,
                                 "%s: capturing the plan into a CUDA graph",
                                 loaded->label().c_str());
    ++counters.graphCaptures;
    if (graph.exec) {
      cudaGraphExecUpdateResultInfo info;
      if (cudaGraphExecUpdate(graph.exec, captured, &info) == cudaSuccess) {
        ++counters.graphUpdates;
      } else {
        cudaGetLastError(); // A refused update is not an error.
        cudaGraphExecDestroy(graph.exec);
        graph.exec = nullptr;
      }
    }
    if (!graph.exec) {
      cudaError_t error = cudaGraphInstantiate(&graph.exec, captured, 0);
      if (error != cudaSuccess) {
        graph.exec = nullptr;
        cudaGraphDestroy(captured);
        return makeCudaStatus(error, __FILE__, __LINE__,
                              "%s: instantiating the CUDA graph of the plan",
                              loaded->label().c_str());
      }
      ++counters.graphInstantiations;
    }
    cudaGraphDestroy(captured);
    graph.bound = std::move(bound);
  }
  TESSERA_CUDA_RETURN_IF_ERROR(cudaGraphLaunch(graph.exec, stream),
                               "%s: launching the CUDA graph of the plan",
                               loaded->label().c_str());
  ++counters.graphLaunches;
  return nullptr;
}

tessera_status_t CudaExecutor::runHost(const void *const *inputs,
                                       void *const *outputs) {
  const Model &model = loaded->model();
  TESSERA_CUDA_RETURN_IF_ERROR(cudaSetDevice(ordinal),
                               "cannot use CUDA device %d", ordinal);
  if (ioOffsets.empty() && !(model.inputs.empty() && model.outputs.empty()))
    TESSERA_RETURN_IF_ERROR(allocateStaging());
  TESSERA_RETURN_IF_ERROR(waitForLastRun(ownStream));
  char *device = static_cast<char *>(ioDevice);
  char *host = static_cast<char *>(staging);
  const size_t numInputs = model.inputs.size();
  std::vector<const void *> deviceInputs(numInputs);
  std::vector<void *> deviceOutputs(model.outputs.size());
  for (size_t i = 0; i < numInputs; ++i) {
    uint64_t bytes = model.inputs[i].numBytes(), offset = ioOffsets[i];
    deviceInputs[i] = device + offset;
    if (!bytes)
      continue;
    std::memcpy(host + offset, inputs[i], bytes);
    TESSERA_CUDA_RETURN_IF_ERROR(
        cudaMemcpyAsync(device + offset, host + offset, bytes,
                        cudaMemcpyHostToDevice, ownStream),
        "%s: copying input '%s' to the device", loaded->label().c_str(),
        model.inputs[i].name.c_str());
  }
  for (size_t o = 0; o < model.outputs.size(); ++o)
    deviceOutputs[o] = device + ioOffsets[numInputs + o];
  TESSERA_RETURN_IF_ERROR(
      runPlan(ownStream, hostGraph, deviceInputs.data(), deviceOutputs.data()));
  for (size_t o = 0; o < model.outputs.size(); ++o) {
    uint64_t bytes = model.outputs[o].numBytes();
    uint64_t offset = ioOffsets[numInputs + o];
    if (bytes)
      TESSERA_CUDA_RETURN_IF_ERROR(
          cudaMemcpyAsync(host + offset, device + offset, bytes,
                          cudaMemcpyDeviceToHost, ownStream),
          "%s: copying output '%s' to the host", loaded->label().c_str(),
          model.outputs[o].name.c_str());
  }
  TESSERA_CUDA_RETURN_IF_ERROR(cudaStreamSynchronize(ownStream),
                               "%s: running the plan of %s",
                               loaded->label().c_str(), targetName.c_str());
  lastRunPending = false;
  for (size_t o = 0; o < model.outputs.size(); ++o)
    if (uint64_t bytes = model.outputs[o].numBytes())
      std::memcpy(outputs[o], host + ioOffsets[numInputs + o], bytes);
  ++counters.runs;
  return nullptr;
}

tessera_status_t CudaExecutor::runDevice(void *streamArg,
                                         const void *const *inputs,
                                         void *const *outputs) {
  auto stream = static_cast<cudaStream_t>(streamArg);
  TESSERA_CUDA_RETURN_IF_ERROR(cudaSetDevice(ordinal),
                               "cannot use CUDA device %d", ordinal);
  TESSERA_RETURN_IF_ERROR(checkPointers(inputs, outputs));
  TESSERA_RETURN_IF_ERROR(waitForLastRun(stream));
  TESSERA_RETURN_IF_ERROR(runPlan(stream, deviceGraph, inputs, outputs));
  TESSERA_CUDA_RETURN_IF_ERROR(cudaEventRecord(lastRun, stream),
                               "%s: recording the end of the run",
                               loaded->label().c_str());
  lastRunPending = true;
  ++counters.runs;
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
