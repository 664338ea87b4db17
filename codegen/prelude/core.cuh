//===- core.cuh - Device prelude: targets, types, indices, shared memory --===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The base of the device prelude. Every generated kernel is written against
// the prelude only (plus plain C++ arithmetic), so that the same source
// compiles with NVRTC for the GPU (TS_GPU) and with the host C++ compiler for
// the CPU emulator (TS_EMU). This file provides:
//   - TS_KERNEL / TS_DEVICE / TS_RESTRICT / TS_LAUNCH_BOUNDS / TS_UNROLL,
//   - fixed-width integers (NVRTC has no standard headers),
//   - threadIdx / blockIdx / blockDim / gridDim on both targets,
//   - shared memory: TS_SHARED(T, name, [dims]) and TS_DYNAMIC_SHARED(T, name)
//     (never a raw __shared__: on the host it would be per-thread),
//   - ts_syncthreads(), ts_syncwarp(mask), ts_trap(msg), ts_lane_id(),
//   - TS_EMU_DEFINE_MODULE() / TS_EMU_ENTRY(kernel) for host modules.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_CORE_CUH
#define TESSERA_PRELUDE_CORE_CUH

#if defined(__CUDACC__)
#define TS_GPU 1
#else
#define TS_EMU 1
#endif

//===----------------------------------------------------------------------===//
// GPU (NVRTC / nvcc)
//===----------------------------------------------------------------------===//
#if defined(TS_GPU)

#if defined(__CUDACC_RTC__)
typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef long long intptr_t;
typedef unsigned long long uintptr_t;
#else
#include <stdint.h>
#endif

#define TS_KERNEL extern "C" __global__
#define TS_DEVICE __device__ __forceinline__
#define TS_RESTRICT __restrict__
#define TS_LAUNCH_BOUNDS(threads) __launch_bounds__(threads)
#define TS_UNROLL _Pragma("unroll")
// Source-location parameters exist only for the emulator's diagnostics.
#define TS_SITE_PARAMS
#define TS_SITE_PARAMS0
#define TS_SITE_ARGS
#define TS_SITE_ARGS0

#define TS_SHARED(T, name, dims) __shared__ __align__(16) T name dims
extern __shared__ __align__(16) unsigned char ts_dynamic_smem[];
#define TS_DYNAMIC_SHARED(T, name)                                             \
  T *name = reinterpret_cast<T *>(ts_dynamic_smem)

TS_DEVICE void ts_syncthreads() { __syncthreads(); }
TS_DEVICE void ts_syncwarp(unsigned mask) { __syncwarp(mask); }
TS_DEVICE unsigned ts_lane_id() {
  unsigned lane;
  asm volatile("mov.u32 %0, %%laneid;" : "=r"(lane));
  return lane;
}
TS_DEVICE void ts_trap(const char *) { __trap(); }

//===----------------------------------------------------------------------===//
// Host (CPU emulator)
//===----------------------------------------------------------------------===//
#else // TS_EMU

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <utility>

#include "tessera/emu_abi.h"

#define TS_KERNEL extern "C"
#define TS_DEVICE inline
#define TS_RESTRICT __restrict__
#define TS_LAUNCH_BOUNDS(threads)
#define TS_UNROLL
// Prelude functions take the caller's file and line as defaulted trailing
// parameters, so that the emulator's diagnostics name the kernel's line.
#define TS_SITE_PARAMS                                                         \
  , const char *ts_file = __builtin_FILE(), int ts_line = __builtin_LINE()
#define TS_SITE_PARAMS0                                                        \
  const char *ts_file = __builtin_FILE(), int ts_line = __builtin_LINE()
#define TS_SITE_ARGS , ts_file, ts_line
#define TS_SITE_ARGS0 ts_file, ts_line

// The emulated thread now running on this OS thread (set by the emulator on
// every fiber switch). One definition per module: TS_EMU_DEFINE_MODULE().
extern "C" {
extern __thread ts_emu_thread *ts_emu_self
    __attribute__((visibility("hidden"), tls_model("initial-exec")));
}

#define threadIdx (ts_emu_self->threadIdx)
#define blockIdx (ts_emu_self->blockIdx)
#define blockDim (ts_emu_self->blockDim)
#define gridDim (ts_emu_self->gridDim)

#define TS_SHARED(T, name, dims)                                               \
  static const char ts_shared_site_##name = 0;                                 \
  T(&name) dims = *reinterpret_cast<T(*) dims>(ts_emu_self->api->shared_static( \
      ts_emu_self, &ts_shared_site_##name, sizeof(T dims), 16, __FILE__,       \
      __LINE__))
#define TS_DYNAMIC_SHARED(T, name)                                             \
  T *name = reinterpret_cast<T *>(ts_emu_self->api->shared_dynamic(ts_emu_self))

TS_DEVICE void ts_syncthreads(TS_SITE_PARAMS0) {
  ts_emu_self->api->syncthreads(ts_emu_self, ts_file, ts_line);
}
TS_DEVICE void ts_syncwarp(unsigned mask TS_SITE_PARAMS) {
  ts_emu_self->api->syncwarp(ts_emu_self, mask, ts_file, ts_line);
}
TS_DEVICE unsigned ts_lane_id() { return ts_emu_self->lane; }
TS_DEVICE void ts_trap(const char *message TS_SITE_PARAMS) {
  ts_emu_self->api->trap(ts_emu_self, message, ts_file, ts_line);
}

namespace ts_emu_detail {
template <class... A, size_t... I>
inline void invoke(void (*kernel)(A...), void **args,
                   std::index_sequence<I...>) {
  kernel(*static_cast<A *>(args[I])...);
}
template <class... A> inline void invoke(void (*kernel)(A...), void **args) {
  invoke(kernel, args, std::index_sequence_for<A...>{});
}
} // namespace ts_emu_detail

// Once per host module (shared object or test binary): the per-OS-thread
// slot and the function through which the emulator finds it.
#define TS_EMU_DEFINE_MODULE()                                                 \
  extern "C" {                                                                 \
  __thread ts_emu_thread *ts_emu_self                                          \
      __attribute__((visibility("hidden"), tls_model("initial-exec"))) =       \
          nullptr;                                                             \
  __attribute__((visibility("default"))) ts_emu_thread **ts_emu_self_slot() {  \
    return &ts_emu_self;                                                       \
  }                                                                            \
  }
// One per kernel: "<kernel>__ts_emu_entry(void **args)".
#define TS_EMU_ENTRY(kernel)                                                   \
  extern "C" __attribute__((visibility("default"))) void                       \
      kernel##__ts_emu_entry(void **args) {                                    \
    ::ts_emu_detail::invoke(&kernel, args);                                    \
  }

#endif // TS_GPU / TS_EMU

#endif // TESSERA_PRELUDE_CORE_CUH
