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
// (cudart) and xxHash. It never depends on MLIR or LLVM.

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
} tessera_context_options_t;

/// Sets |options| to the defaults: EMU, ordinal 0, default target, fast.
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

/// Releases |context|. NULL is allowed.
void tessera_context_release(tessera_context_t *context);

/// The target whose plan |context| runs ("sm_90a").
const char *tessera_context_target(const tessera_context_t *context);

/// Runs the model once on host buffers: |inputs|[i] holds |input_sizes|[i]
/// bytes of input i (row-major, its dtype), |outputs|[i] receives output i.
/// Counts and sizes must match the signature exactly (INVALID_ARGUMENT
/// otherwise, naming the tensor). Blocks until the outputs are written.
tessera_status_t tessera_context_run_host(tessera_context_t *context,
                                          const void *const *inputs,
                                          const size_t *input_sizes,
                                          size_t input_count,
                                          void *const *outputs,
                                          const size_t *output_sizes,
                                          size_t output_count);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // TESSERA_RUNTIME_TESSERA_RUNTIME_H
