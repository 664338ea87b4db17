//===- Executor.h - Run a decoded bundle ------------------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A LoadedBundle is a verified container (Bundle.h) and its decoded,
// validated Model (BundleModel.h); its weights are used in place from the
// container (a read-only mmap of the file). An Executor runs one target's
// plan on its own arena:
//   - the emu executor builds every image's CUDA source with the emulator's
//     host JIT (one translation unit) and runs each Launch step with
//     tessera::emu::launch on a host arena;
//   - the CUDA executor loads the images for the device (cubin for an exact
//     target match, else PTX, else the bundled source compiled by NVRTC;
//     CudaSupport.h) with cudaLibraryLoadData, runs on host buffers through
//     pinned staging or on a caller's stream with device pointers, and
//     replays the plan as a CUDA graph after the first run.
// Every failure is a tessera_status_t naming the step, kernel and nodes.
//
// Thread safety: a LoadedBundle is shared freely (immutable; the per-device
// weights behind sharedMutex). An Executor is used by one thread at a time;
// different executors run concurrently (each has its own stream, arena,
// staging buffers, graphs and counters).
//
// C++17 std, cudart, the emulator, xxHash and NVRTC (dlopen'ed, for the
// source JIT) only: no MLIR, no LLVM.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EXEC_EXECUTOR_H
#define TESSERA_RUNTIME_EXEC_EXECUTOR_H

#include "runtime/bundle/BundleModel.h"
#include "runtime/emu/Emulator.h"
#include "runtime/emu/HostJit.h"
#include "runtime/tessera_runtime.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::exec {

/// A verified, decoded bundle. Immutable once loaded, except for the
/// per-device weight uploads the CUDA executor shares between contexts.
class LoadedBundle {
public:
  /// Maps |path| and decodes it. NOT_FOUND when the file does not exist,
  /// DATA_LOSS when the container or the decoder refuses it (the message
  /// says which check failed).
  static tessera_status_t loadFile(const std::string &path,
                                   std::shared_ptr<LoadedBundle> &out);
  /// Verifies and decodes a copy of |bytes|; |label| names it in messages.
  static tessera_status_t loadMemory(std::string_view bytes,
                                     std::string_view label,
                                     std::shared_ptr<LoadedBundle> &out);

  const bundle::Model &model() const { return decoded; }
  const bundle::Bundle &container() const { return *file; }
  /// The weights section, in place.
  std::string_view weights() const { return weightBytes; }
  const std::string &label() const { return name; }
  /// The target named |target|, or null.
  const bundle::TargetCode *findTarget(std::string_view target) const;

  /// Per-device state shared by the executors of this bundle (the CUDA
  /// executor keeps the uploaded weights here, keyed by device ordinal).
  std::mutex sharedMutex;
  std::map<int, std::shared_ptr<void>> sharedPerDevice;

private:
  static tessera_status_t finish(std::unique_ptr<bundle::Bundle> container,
                                 std::string_view label,
                                 std::shared_ptr<LoadedBundle> &out);
  std::unique_ptr<bundle::Bundle> file;
  bundle::Model decoded;
  std::string_view weightBytes;
  std::string name;
};

/// What an executor runs and how.
struct ExecOptions {
  /// The plan's target; "" = the first target (emu) or the best match for
  /// the device (CUDA).
  std::string target;
  /// Emulator scheduling mode and OS threads (0 = the emulator's default).
  emu::Mode emuMode = emu::Mode::Fast;
  unsigned emuWorkers = 0;
  /// How the emu executor builds the sources.
  emu::HostJitOptions jit;
  /// CUDA device ordinal.
  int deviceOrdinal = 0;
  /// CUDA: replay the plan as a CUDA graph after the first run
  /// (TESSERA_CUDA_GRAPHS=0 overrides it), and compile the bundled source
  /// with NVRTC even when a cubin or PTX fits (TESSERA_FORCE_JIT=1 sets it).
  bool cudaGraphs = true;
  bool forceJit = false;
};

/// What the CUDA executor did, for tests and tools (the emu executor keeps
/// none: all fields stay empty and zero).
struct ExecStats {
  /// Where the kernels came from: "cubin", "PTX" or "CUDA source (NVRTC)".
  std::string codeSource;
  /// The NVRTC architecture of a source JIT ("sm_86"), else "".
  std::string jitArch;
  /// Whether the plan is replayed as a CUDA graph.
  bool graphs = false;
  /// Successful runs; of those, the ones that launched every step.
  uint64_t runs = 0;
  uint64_t eagerRuns = 0;
  /// Plans captured into a graph, executable graphs updated in place
  /// (cudaGraphExecUpdate) or instantiated, and graph launches.
  uint64_t graphCaptures = 0;
  uint64_t graphUpdates = 0;
  uint64_t graphInstantiations = 0;
  uint64_t graphLaunches = 0;
};

/// Runs the plan of one target on its own arena.
class Executor {
public:
  virtual ~Executor() = default;
  /// Runs the plan once on host buffers: |inputs| and |outputs| hold one
  /// pointer per model input/output, each to the tensor's numBytes() bytes
  /// (row-major, the signature's dtype). Not thread-safe: one run at a time
  /// per executor.
  virtual tessera_status_t runHost(const void *const *inputs,
                                   void *const *outputs) = 0;
  /// Runs the plan once with |inputs| and |outputs| (one pointer per model
  /// input/output, already checked by checkDeviceBuffers) bound directly
  /// into the steps. CUDA: device pointers, enqueued on |stream| (a
  /// cudaStream_t, null = the legacy default stream) without waiting.
  /// This default, for executors whose device memory is host memory (emu):
  /// |stream| must be null and the run is runHost's.
  virtual tessera_status_t runDevice(void *stream, const void *const *inputs,
                                     void *const *outputs);
  /// The target whose plan runs.
  const std::string &target() const { return targetName; }
  const LoadedBundle &bundle() const { return *loaded; }
  const ExecStats &stats() const { return counters; }

protected:
  std::shared_ptr<LoadedBundle> loaded;
  std::string targetName;
  ExecStats counters;
};

/// Creates an executor running on the CPU emulator.
tessera_status_t createEmuExecutor(std::shared_ptr<LoadedBundle> bundle,
                                   const ExecOptions &options,
                                   std::unique_ptr<Executor> &out);

/// Creates an executor running on CUDA device |options.deviceOrdinal|.
/// Without a driver or device: UNAVAILABLE "no CUDA device: …". Reads
/// TESSERA_CUDA_GRAPHS and TESSERA_FORCE_JIT (resolveCudaOptions).
tessera_status_t createCudaExecutor(std::shared_ptr<LoadedBundle> bundle,
                                    const ExecOptions &options,
                                    std::unique_ptr<Executor> &out);

/// "step 3: kernel 'fc1_Gemm' (nodes fc1, act1)", for messages.
std::string describeStep(const bundle::Model &model, size_t index,
                         const bundle::Step &step);

/// The kernel arguments of launch |step|, as cudaLaunchKernel and
/// emu::launch take them: |pointers| holds each argument's address (from
/// |address|, a BufferRef -> void* function of the executor) and |argv|
/// points at those, so |argv| is valid while |pointers| is not resized.
template <class AddressFn>
void bindArguments(const bundle::Step &step, AddressFn &&address,
                   std::vector<void *> &pointers, std::vector<void *> &argv) {
  pointers.resize(step.args.size());
  argv.resize(step.args.size());
  for (size_t a = 0; a < step.args.size(); ++a) {
    pointers[a] = address(step.args[a]);
    argv[a] = &pointers[a];
  }
}

/// "sm_90" for compute capability 9.0.
std::string smName(int major, int minor);

} // namespace tessera::exec

#endif // TESSERA_RUNTIME_EXEC_EXECUTOR_H
