//===- barrier_misuse.cu - Barriers and shuffles not all threads reach ----===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Kernels that would hang or be undefined on a GPU; the emulator must report
// them (naming the lines) and never hang. y[threadIdx.x] receives a value so
// that the correct variants can be checked. Blocks of 64 threads, except the
// partial_warp kernels (48: the second warp has lanes 0-15 only).
//   converged_barrier        correct: the branches join before one barrier
//   divergent_barrier        the two halves wait at different barriers
//   exit_before_barrier      threads 16.. return before the barrier
//   half_warp_shuffle_ok     correct: lanes 0-15 shuffle with mask 0xffff
//   half_warp_shuffle        lanes 0-15 shuffle with the full mask
//   partial_warp_shuffle_ok  correct: the mask names the lanes the warp has
//   partial_warp_shuffle     the full mask in a warp of 16 lanes
//
//===----------------------------------------------------------------------===//
#include "tessera/warp.cuh"

TS_KERNEL void converged_barrier(float *y) {
  TS_SHARED(float, values, [64]);
  if (threadIdx.x < 32)
    values[threadIdx.x] = 1.0f;
  else
    values[threadIdx.x] = 2.0f;
  ts_syncthreads();
  y[threadIdx.x] = values[63 - threadIdx.x];
}

TS_KERNEL void divergent_barrier(float *y) {
  TS_SHARED(float, values, [64]);
  values[threadIdx.x] = (float)threadIdx.x;
  if (threadIdx.x < 32) {
    ts_syncthreads(); // BARRIER-A
  } else {
    ts_syncthreads(); // BARRIER-B
  }
  y[threadIdx.x] = values[63 - threadIdx.x];
}

TS_KERNEL void exit_before_barrier(float *y) {
  TS_SHARED(float, values, [64]);
  if (threadIdx.x >= 16)
    return;
  values[threadIdx.x] = (float)threadIdx.x;
  ts_syncthreads(); // BARRIER-EXIT
  y[threadIdx.x] = values[15 - threadIdx.x];
}

TS_KERNEL void half_warp_shuffle_ok(float *y) {
  float v = (float)threadIdx.x;
  if (threadIdx.x % 32 < 16)
    v = ts_shfl_xor_sync(0x0000ffffu, v, 1);
  y[threadIdx.x] = v;
}

TS_KERNEL void half_warp_shuffle(float *y) {
  float v = (float)threadIdx.x;
  if (threadIdx.x % 32 < 16)
    v = ts_shfl_xor_sync(TS_FULL_MASK, v, 1); // SHUFFLE-HALF
  y[threadIdx.x] = v;
}

TS_KERNEL void partial_warp_shuffle_ok(float *y) {
  const unsigned lanes = blockDim.x - threadIdx.x / 32 * 32;
  const unsigned mask = lanes >= 32 ? TS_FULL_MASK : (1u << lanes) - 1;
  float v = (float)threadIdx.x;
  v = ts_shfl_xor_sync(mask, v, 1);
  y[threadIdx.x] = v;
}

TS_KERNEL void partial_warp_shuffle(float *y) {
  float v = (float)threadIdx.x;
  v = ts_shfl_xor_sync(TS_FULL_MASK, v, 1); // SHUFFLE-PARTIAL
  y[threadIdx.x] = v;
}
