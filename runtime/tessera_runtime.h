// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The public C API of the Tessera runtime.
//
// Conventions (IREE style):
//  - Every fallible call returns a tessera_status_t. NULL means success; a
//    non-NULL status carries a code and a message, is owned by the caller and
//    must be freed with tessera_status_free.
//  - Outputs come last and are named out_*. On failure they are zeroed.
//  - Objects returned by tessera_<object>_create are owned by the caller and
//    freed with tessera_<object>_release.
//
// The runtime depends only on the C++ standard library, the CUDA runtime
// (cudart), xxHash and (loaded with dlopen when first needed) NVRTC. It never
// depends on MLIR or LLVM.
//
// Thread safety: status, device and bundle calls are thread-safe (a bundle is
// immutable once loaded; the per-device weight upload is guarded by a
// mutex). A context is used by one thread at a time; separate contexts, of
// one bundle or of several, may be created, run and released concurrently.

#ifndef TESSERA_RUNTIME_TESSERA_RUNTIME_H
#define TESSERA_RUNTIME_TESSERA_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

//===----------------------------------------------------------------------===//
// Status
//===----------------------------------------------------------------------===//

/// Status codes; the values follow absl/IREE so they can be mapped 1:1.
typedef enum tessera_status_code_e {
  TESSERA_STATUS_OK = 0,
  TESSERA_STATUS_UNKNOWN = 2,
  TESSERA_STATUS_INVALID_ARGUMENT = 3,
  TESSERA_STATUS_NOT_FOUND = 5,
  TESSERA_STATUS_RESOURCE_EXHAUSTED = 8,
  TESSERA_STATUS_FAILED_PRECONDITION = 9,
  TESSERA_STATUS_OUT_OF_RANGE = 11,
  TESSERA_STATUS_UNIMPLEMENTED = 12,
  TESSERA_STATUS_INTERNAL = 13,
  /// No usable CUDA device or driver.
  TESSERA_STATUS_UNAVAILABLE = 14,
  TESSERA_STATUS_DATA_LOSS = 15,
} tessera_status_code_t;

/// The result of a fallible call: NULL on success, otherwise an owned object.
typedef struct tessera_status_handle_t *tessera_status_t;

/// True when |status| is success.
#define TESSERA_STATUS_IS_OK(status) ((status) == NULL)

/// Returns the code of |status|; TESSERA_STATUS_OK for NULL.
tessera_status_code_t tessera_status_code(tessera_status_t status);

/// Returns the message of |status|; "" for NULL. The string lives as long as
/// |status|.
const char *tessera_status_message(tessera_status_t status);

/// Returns the runtime source file that created |status| (relative to the
/// repository root, e.g. "runtime/device.cpp"); "" for NULL.
const char *tessera_status_file(tessera_status_t status);

/// Returns the source line that created |status|; 0 for NULL.
int tessera_status_line(tessera_status_t status);

/// Frees |status|. NULL is allowed.
void tessera_status_free(tessera_status_t status);

/// Returns the upper-case name of |code|, e.g. "UNAVAILABLE".
const char *tessera_status_code_string(tessera_status_code_t code);

//===----------------------------------------------------------------------===//
// Runtime
//===----------------------------------------------------------------------===//

/// Returns the runtime version as "MAJOR.MINOR.PATCH".
const char *tessera_runtime_version(void);

/// Returns the 64-bit XXH3 hash (XXH3_64bits_withSeed) of |size| bytes at
/// |data| with |seed|. |data| may be NULL only when |size| is 0.
uint64_t tessera_checksum64(const void *data, size_t size, uint64_t seed);

//===----------------------------------------------------------------------===//
// Device
//===----------------------------------------------------------------------===//

/// A CUDA device. Creating one queries its properties; it holds no CUDA
/// context or memory yet.
typedef struct tessera_device_t tessera_device_t;

/// Stores the number of CUDA devices (>= 1) in |out_count|. Without a usable
/// driver or device it fails with TESSERA_STATUS_UNAVAILABLE and the message
/// "no CUDA device: <cudaGetErrorString text> (cudaError N)".
tessera_status_t tessera_device_count(int *out_count);

/// Creates the device with CUDA ordinal |ordinal| in |out_device|.
/// Fails with TESSERA_STATUS_INVALID_ARGUMENT for a negative ordinal,
/// TESSERA_STATUS_UNAVAILABLE when there is no CUDA device (same message as
/// tessera_device_count) and TESSERA_STATUS_OUT_OF_RANGE for an ordinal past
/// the last device.
tessera_status_t tessera_device_create(int ordinal,
                                       tessera_device_t **out_device);

/// Releases |device|. NULL is allowed.
void tessera_device_release(tessera_device_t *device);

/// Returns the CUDA ordinal of |device|.
int tessera_device_ordinal(const tessera_device_t *device);

/// Returns the product name of |device|, e.g. "NVIDIA H100 80GB HBM3". The
/// string lives as long as |device|.
const char *tessera_device_name(const tessera_device_t *device);

/// Stores the compute capability of |device| (9.0 for H100) in |out_major|
/// and |out_minor|.
void tessera_device_compute_capability(const tessera_device_t *device,
                                       int *out_major, int *out_minor);

/// Returns the global memory of |device| in bytes.
uint64_t tessera_device_total_memory(const tessera_device_t *device);

/// Returns the number of streaming multiprocessors of |device|.
int tessera_device_multiprocessor_count(const tessera_device_t *device);

//===----------------------------------------------------------------------===//
// Bundles (library tessera_exec; docs/runtime.md)
//===----------------------------------------------------------------------===//

/// A loaded, verified and decoded .tsrb bundle. Loading needs no GPU.
typedef struct tessera_bundle_t tessera_bundle_t;

/// Element types of bundle inputs and outputs (i1 is one byte per value).
typedef enum tessera_dtype_e {
  TESSERA_DTYPE_F32 = 0,
  TESSERA_DTYPE_F16 = 1,
  TESSERA_DTYPE_BF16 = 2,
  TESSERA_DTYPE_F64 = 3,
  TESSERA_DTYPE_I64 = 4,
  TESSERA_DTYPE_I32 = 5,
  TESSERA_DTYPE_I8 = 6,
  TESSERA_DTYPE_I1 = 7,
} tessera_dtype_t;

/// Returns "f32", "bf16", …; "?" for an unknown value.
const char *tessera_dtype_name(tessera_dtype_t dtype);

/// An input or output of a bundle. The pointers live as long as the bundle.
typedef struct tessera_tensor_desc_t {
  const char *name;
  tessera_dtype_t dtype;
  size_t rank;
  const int64_t *shape;
  /// Bytes of the row-major tensor (elements times the element size).
  uint64_t byte_size;
} tessera_tensor_desc_t;

/// Maps and loads the bundle at |path|. Fails with NOT_FOUND when there is
/// no such file and DATA_LOSS when the file is truncated or corrupted (the
/// message says which check failed: "<path>: checksum mismatch in section
/// 'weights' …", "<path>: plan.sm_90a: step 3: …").
tessera_status_t tessera_bundle_load_file(const char *path,
                                          tessera_bundle_t **out_bundle);

/// Loads a copy of the |size| bytes at |data|.
tessera_status_t tessera_bundle_load_memory(const void *data, size_t size,
                                            tessera_bundle_t **out_bundle);

/// Releases |bundle|; contexts created from it keep what they need. NULL is
/// allowed.
void tessera_bundle_release(tessera_bundle_t *bundle);

/// The precision policy the kernels were generated for: "f32", "tf32",
/// "bf16" or "f16".
const char *tessera_bundle_precision(const tessera_bundle_t *bundle);

/// Bytes of one execution context's arena and of the weights.
uint64_t tessera_bundle_arena_size(const tessera_bundle_t *bundle);
uint64_t tessera_bundle_weights_size(const tessera_bundle_t *bundle);

size_t tessera_bundle_input_count(const tessera_bundle_t *bundle);
size_t tessera_bundle_output_count(const tessera_bundle_t *bundle);

/// Describes input/output |index|; OUT_OF_RANGE past the last one.
tessera_status_t tessera_bundle_input_desc(const tessera_bundle_t *bundle,
                                           size_t index,
                                           tessera_tensor_desc_t *out_desc);
tessera_status_t tessera_bundle_output_desc(const tessera_bundle_t *bundle,
                                            size_t index,
                                            tessera_tensor_desc_t *out_desc);

/// Where a context runs.
typedef enum tessera_device_kind_e {
  /// The CPU emulator: the bundled CUDA source compiled for the host.
  TESSERA_DEVICE_KIND_EMU = 1,
  /// A CUDA GPU: the bundled cubin or PTX.
  TESSERA_DEVICE_KIND_CUDA = 2,
} tessera_device_kind_t;

typedef struct tessera_context_options_t {
  tessera_device_kind_t device_kind;
  /// CUDA device ordinal (CUDA only).
  int device_ordinal;
  /// The plan's target ("sm_90a"); NULL or "" = the first target (EMU) or
  /// the best match for the device (CUDA).
  const char *target;
  /// EMU only: nonzero runs the emulator in check mode (greedy-warp
  /// scheduling, deferred cp.async) instead of fast mode.
  int emu_check;
  /// CUDA only: 0 (the default) captures the plan into a CUDA graph after
  /// the first successful run and replays it; nonzero launches every step
  /// every run (for debugging), as the environment variable
  /// TESSERA_CUDA_GRAPHS=0 does.
  int disable_cuda_graphs;
  /// CUDA only: nonzero compiles the bundled CUDA source with NVRTC for the
  /// device even when a cubin or PTX fits (as TESSERA_FORCE_JIT=1 does).
  int force_jit;
} tessera_context_options_t;

/// Sets |options| to the defaults: EMU, ordinal 0, default target, fast,
/// CUDA graphs on, no forced JIT.
void tessera_context_options_init(tessera_context_options_t *options);

/// An execution context: one arena, the kernels loaded for its device.
typedef struct tessera_context_t tessera_context_t;

/// Creates a context running |bundle| as |options| say (NULL = defaults).
/// EMU builds the kernels with the host JIT (cached on disk). CUDA without a
/// driver or device fails with UNAVAILABLE "no CUDA device: …".
tessera_status_t
tessera_context_create(tessera_bundle_t *bundle,
                       const tessera_context_options_t *options,
                       tessera_context_t **out_context);

/// Releases |context|. NULL is allowed. Waits for the context's work (host
/// runs and device runs on any stream) to finish first.
void tessera_context_release(tessera_context_t *context);

/// The target whose plan |context| runs ("sm_90a").
const char *tessera_context_target(const tessera_context_t *context);

/// Runs the model once on host buffers: |inputs|[i] holds |input_sizes|[i]
/// bytes of input i (row-major, its dtype), |outputs|[i] receives output i.
/// Counts and sizes must match the signature exactly (INVALID_ARGUMENT
/// otherwise, naming the tensor). Blocks until the outputs are written.
/// CUDA: the buffers go through the context's pinned staging buffers with
/// asynchronous copies on the context's own stream, and one synchronize.
/// Thread safety: one run at a time per context (runs of one context from
/// several threads must be serialized by the caller); different contexts
/// may run concurrently from different threads.
tessera_status_t tessera_context_run_host(tessera_context_t *context,
                                          const void *const *inputs,
                                          const size_t *input_sizes,
                                          size_t input_count,
                                          void *const *outputs,
                                          const size_t *output_sizes,
                                          size_t output_count);

/// Byte alignment of every pointer given to tessera_context_run_device (the
/// generated kernels may access any input or output 16 bytes at a time).
#define TESSERA_BUFFER_ALIGNMENT 16

/// A tensor in device memory, bound to an input or output of a run. |data|
/// is a device pointer (CUDA) or a host pointer (EMU), aligned to
/// TESSERA_BUFFER_ALIGNMENT; the tensor is row-major and dense; dtype, rank,
/// shape and byte_size must equal the signature's.
typedef struct tessera_buffer_view_t {
  void *data;
  tessera_dtype_t dtype;
  size_t rank;
  const int64_t *shape;
  uint64_t byte_size;
} tessera_buffer_view_t;

/// Runs the model once on |stream| (a cudaStream_t; NULL is the legacy
/// default stream) with the caller's device buffers bound straight into the
/// kernel launches (no copies). Returns once the work is enqueued: the
/// outputs are ready when |stream| reaches that point. The counts and every
/// view are checked first (INVALID_ARGUMENT naming the tensor and the
/// mismatch: "input 0 'x': expected dtype f32, got f16", "output 2 'z':
/// expected shape [2, 3], got [3, 2]", "input 0 'x': device pointer 0x1004
/// is not 16-byte aligned", "output 1 't' overlaps output 0 'y'"); CUDA
/// also asks the driver where each pointer lives (when they differ from the
/// last run's): memory of the context's device, managed memory or pinned
/// host memory, never pageable host memory ("input 0 'x': 0x… is pageable
/// host memory, not memory of CUDA device 0") or another device's.
/// With CUDA graphs on, the second run captures the plan into a graph and
/// later runs replay it; when the bound pointers change, the graph is
/// re-captured and the executable graph updated (or re-instantiated).
/// The context's arena is used until the run completes on |stream|; the
/// next run of the same context (on any stream, or a host run) waits for it
/// on the device. EMU: |data| are host pointers, |stream| must be NULL and
/// the run completes before the call returns.
/// Thread safety: as tessera_context_run_host.
tessera_status_t tessera_context_run_device(
    tessera_context_t *context, void *stream,
    const tessera_buffer_view_t *inputs, size_t input_count,
    const tessera_buffer_view_t *outputs, size_t output_count);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // TESSERA_RUNTIME_TESSERA_RUNTIME_H
