//===- CudaSupport.h - The CUDA executor's decisions, without CUDA -*- C++ -*-//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the CUDA executor decides before it touches a device, as pure
// functions that need no GPU (and no cudart) so they are unit-tested on any
// machine:
//   - selectTarget: which target's plan runs and from what code (the cubin of
//     an exact match, the PTX of the newest compatible target, or the bundled
//     CUDA source compiled by NVRTC for the device);
//   - compileSourcesForDevice: that NVRTC compilation (through the same
//     content-addressed cache as tessera-compile, runtime/nvrtc/NvrtcCache.h);
//   - checkHostBuffers / checkDeviceBuffers: the argument checks of
//     tessera_context_run_host and tessera_context_run_device (counts,
//     dtypes, shapes, sizes, null pointers, alignment, overlapping outputs);
//   - resolveCudaOptions: the TESSERA_CUDA_GRAPHS and TESSERA_FORCE_JIT
//     environment variables over the context options.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EXEC_CUDASUPPORT_H
#define TESSERA_RUNTIME_EXEC_CUDASUPPORT_H

#include "runtime/bundle/BundleModel.h"
#include "runtime/tessera_runtime.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::exec {

/// The compute capability a target name ("sm_90a") is for, as 10 * major +
/// minor (90), and whether it is architecture-specific ("a" or "f"); -1
/// when the name is not sm_NN[a|f].
int targetCapability(std::string_view target, bool &specific);

/// Where the kernels of the chosen target come from.
enum class ImageSource {
  Cubin, ///< the target's cubins (exact compute capability)
  Ptx,   ///< the target's PTX, JIT-compiled by the driver
  Jit,   ///< the bundled CUDA source, compiled by NVRTC for |jitArch|
};
/// "cubin", "PTX", "CUDA source (NVRTC)".
const char *imageSourceName(ImageSource source);

struct TargetChoice {
  /// Index into Model::targets of the plan that runs.
  size_t target = 0;
  ImageSource source = ImageSource::Cubin;
  /// ImageSource::Jit: the NVRTC architecture ("sm_86"; "sm_90a" when the
  /// chosen plan's target is the device's own architecture-specific one).
  std::string jitArch;
};

/// Picks the plan and code for a device of compute capability |capability|
/// (10 * major + minor), in this order:
///   1. the first target whose cubins are for exactly |capability| (sm_90
///      or sm_90a on a 9.0 device);
///   2. the newest target whose PTX the device can JIT (same or older
///      capability; an "a"/"f" target's PTX only on its own capability);
///   3. the bundled CUDA source, compiled by NVRTC for the device, with the
///      plan of the newest target not newer than the device (else the
///      oldest target);
/// only among targets named |requested| when it is not empty, and straight
/// to 3 when |forceJit|. Fails with NOT_FOUND, naming |label|, the device's
/// sm and the bundle's targets: "<label>: no plan for target 'sm_75' (the
/// bundle has sm_90a, sm_80)", "<label>: no cubin or PTX for sm_86 and no
/// CUDA source to compile (the bundle has sm_90a (cubin, PTX), sm_80 (no
/// images))".
tessera_status_t selectTarget(const bundle::Model &model,
                              std::string_view label,
                              std::string_view requested, int capability,
                              bool forceJit, TargetChoice &out);

/// The name NVRTC shows for image |image|'s source: the first kernel of the
/// image, as tessera-compile names it ("fc1_Gemm.cu"), so both share cache
/// entries.
std::string imageFileName(const bundle::Model &model, size_t image);

/// Compiles every image's source for |arch| ("sm_86") with NVRTC through
/// the disk cache (nvrtc::compileCached, the default cache directory unless
/// |cacheDir| is set), in parallel; |cubins| receives one cubin per image.
/// Needs no GPU. Fails with INTERNAL "<label>: compiling the CUDA source of
/// kernel 'k' for sm_86 failed: <NVRTC log>" or UNAVAILABLE when NVRTC
/// cannot be loaded.
tessera_status_t compileSourcesForDevice(const bundle::Model &model,
                                         std::string_view label,
                                         const std::string &arch,
                                         std::vector<std::string> &cubins,
                                         const std::string &cacheDir = "");

/// Byte alignment every device pointer given to tessera_context_run_device
/// must have: generated kernels may move 16 bytes at a time (ts_vec,
/// cp.async.cg ... 16) through any input or output.
constexpr uint64_t kDeviceBufferAlignment = 16;

/// Checks the buffers of tessera_context_run_host for one side of the
/// signature (|what| is "input" or "output"): the count, non-null arrays
/// and pointers, and each size. INVALID_ARGUMENT naming the tensor:
/// "expected 3 outputs, got 2", "input 0 'x': expected 24 bytes (f32), got
/// 20", "output 1 't' is null".
tessera_status_t checkHostBuffers(const std::vector<bundle::TensorDesc> &descs,
                                  const char *what, const void *const *pointers,
                                  const size_t *sizes, size_t count);

/// Checks the views of tessera_context_run_device against the signature:
/// counts, then for each view its dtype, rank, shape, byte size, a non-null
/// pointer (for a tensor of at least one byte) aligned to
/// kDeviceBufferAlignment, and that no output overlaps another output or an
/// input. INVALID_ARGUMENT naming the tensor and the mismatch: "input 0
/// 'x': expected dtype f32, got f16", "output 2 'z': expected shape [2, 3],
/// got [3, 2]", "input 0 'x': device pointer 0x1004 is not 16-byte
/// aligned", "output 1 't' overlaps output 0 'y'". Never dereferences a
/// pointer.
tessera_status_t checkDeviceBuffers(const bundle::Model &model,
                                    const tessera_buffer_view_t *inputs,
                                    size_t inputCount,
                                    const tessera_buffer_view_t *outputs,
                                    size_t outputCount);

/// What cudaPointerGetAttributes says a pointer is (its cudaMemoryType).
enum class PointerKind { Unregistered, Host, Device, Managed };

/// Checks that a pointer of kind |kind| on device |device| (Device only)
/// can be bound to a run on device |ordinal|: pageable host memory and
/// another device's memory cannot. INVALID_ARGUMENT naming the tensor:
/// "input 0 'x': 0x7f00 is pageable host memory, not memory of CUDA device
/// 0", "output 1 't': 0x7f00 is memory of CUDA device 1, not of CUDA device
/// 0". Pinned host memory (mapped, cudaMallocHost) and managed memory pass.
tessera_status_t checkPointerKind(const char *what, size_t index,
                                  const std::string &name, const void *pointer,
                                  PointerKind kind, int device, int ordinal);

/// "[2, 3]".
std::string formatShape(const int64_t *shape, size_t rank);

/// The CUDA options a context runs with once the environment is applied:
/// TESSERA_CUDA_GRAPHS=0 turns graphs off (any other value leaves the
/// option), TESSERA_FORCE_JIT=1 forces the source JIT (0 leaves the
/// option); |graphsEnv| and |forceJitEnv| are their values (null when
/// unset).
struct CudaRunOptions {
  bool graphs = true;
  bool forceJit = false;
};
CudaRunOptions resolveCudaOptions(bool graphsOption, bool forceJitOption,
                                  const char *graphsEnv,
                                  const char *forceJitEnv);

} // namespace tessera::exec

#endif // TESSERA_RUNTIME_EXEC_CUDASUPPORT_H
