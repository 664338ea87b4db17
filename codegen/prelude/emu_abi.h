/*===- emu_abi.h - The device prelude's interface to the CPU emulator -----===*
 *
 * Part of the Tessera project, under the Apache License v2.0 with LLVM
 * Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
 *
 * On the host, the prelude's primitives (barriers, warp collectives, shared
 * memory, ldmatrix, mma, cp.async) call the CPU emulator through this C ABI.
 * The emulator (runtime/emu) implements it; kernels compiled for the host
 * reach it through |ts_emu_self|, a per-OS-thread pointer to the emulated
 * thread (fiber) now running, which the emulator updates on every switch.
 * Plain C so that both sides can include it; nothing here is CUDA.
 *===----------------------------------------------------------------------===*/
#ifndef TESSERA_EMU_ABI_H
#define TESSERA_EMU_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a field of ts_emu_api or ts_emu_thread changes. */
#define TS_EMU_ABI_VERSION 1

typedef struct ts_dim3 {
  unsigned x, y, z;
} ts_dim3;

/* Shuffle kinds, as PTX shfl.sync's modes. */
enum { TS_SHFL_IDX = 0, TS_SHFL_UP = 1, TS_SHFL_DOWN = 2, TS_SHFL_BFLY = 3 };

/* mma.sync shapes and types the prelude offers. */
enum {
  TS_MMA_M16N8K16_F16 = 0,  /* f16 x f16 -> f32, a[4] b[2] c[4] d[4] */
  TS_MMA_M16N8K16_BF16 = 1, /* bf16 x bf16 -> f32, a[4] b[2] c[4] d[4] */
  TS_MMA_M16N8K8_TF32 = 2   /* tf32 x tf32 -> f32, a[4] b[2] c[4] d[4] */
};

typedef struct ts_emu_thread ts_emu_thread;

/* Every function takes the calling emulated thread and the source location
 * of the prelude call (for diagnostics). Functions that a thread cannot
 * continue past (a failed check) do not return to it. */
typedef struct ts_emu_api {
  unsigned abi_version;
  /* __syncthreads(): every thread of the block, at the same call site. */
  void (*syncthreads)(ts_emu_thread *t, const char *file, int line);
  /* __syncwarp(mask). */
  void (*syncwarp)(ts_emu_thread *t, unsigned mask, const char *file,
                   int line);
  /* shfl.sync on a 4- or 8-byte value (zero-extended to 64 bits): |kind| is
   * a TS_SHFL_*, |lane_arg| the source lane, delta or lane mask, |width| the
   * segment width (a power of two <= 32). */
  uint64_t (*shfl)(ts_emu_thread *t, unsigned mask, uint64_t value, int kind,
                   int lane_arg, int width, const char *file, int line);
  /* vote.sync.ballot: the ballot of |pred| over the lanes of |mask|. */
  unsigned (*ballot)(ts_emu_thread *t, unsigned mask, int pred,
                     const char *file, int line);
  /* Static shared memory: the block's allocation for call site |site|
   * (the same pointer for every thread of the block). */
  void *(*shared_static)(ts_emu_thread *t, const void *site, size_t bytes,
                         size_t align, const char *file, int line);
  /* Dynamic shared memory (the launch's dynamic size, 16-byte aligned). */
  void *(*shared_dynamic)(ts_emu_thread *t);
  /* ldmatrix.sync.aligned.m8n8.x{num}{.trans}.shared.b16: |row_addr| is
   * this lane's row address; |out| receives |num| registers. */
  void (*ldmatrix)(ts_emu_thread *t, int num, int trans, const void *row_addr,
                   uint32_t *out, const char *file, int line);
  /* mma.sync.aligned of |kind| (TS_MMA_*), row.col, d = a*b + c, warp-wide:
   * this lane's fragments in, this lane's d out. */
  void (*mma)(ts_emu_thread *t, int kind, const uint32_t *a,
              const uint32_t *b, const float *c, float *d, const char *file,
              int line);
  /* cp.async.cg.shared.global 16 bytes, of which the first |src_bytes|
   * (0..16) are read from |src| and the rest zero-filled. */
  void (*cp_async)(ts_emu_thread *t, void *smem_dst, const void *src,
                   int src_bytes, const char *file, int line);
  /* cp.async.commit_group. */
  void (*cp_async_commit)(ts_emu_thread *t, const char *file, int line);
  /* cp.async.wait_group |pending|: at most |pending| groups stay in flight. */
  void (*cp_async_wait)(ts_emu_thread *t, int pending, const char *file,
                        int line);
  /* A failed device-side check (ts_trap): reports |message| and ends the
   * launch with an error. */
  void (*trap)(ts_emu_thread *t, const char *message, const char *file,
               int line);
} ts_emu_api;

/* One emulated CUDA thread. The emulator owns it; kernels only read it. */
struct ts_emu_thread {
  ts_dim3 threadIdx;
  ts_dim3 blockIdx;
  ts_dim3 blockDim;
  ts_dim3 gridDim;
  unsigned lane; /* linear thread index % 32 */
  unsigned warp; /* linear thread index / 32 */
  const ts_emu_api *api;
  void *impl; /* emulator-private */
};

/* What a module of host-compiled kernels exports (see TS_EMU_DEFINE_MODULE
 * in core.cuh): the address of the calling OS thread's |ts_emu_self| slot,
 * and one entry per kernel, "<kernel>__ts_emu_entry", which calls the
 * kernel with its arguments unpacked from |args| (as cudaLaunchKernel's). */
typedef ts_emu_thread **(*ts_emu_self_slot_fn)(void);
typedef void (*ts_emu_entry_fn)(void **args);
#define TS_EMU_SELF_SLOT_SYMBOL "ts_emu_self_slot"
#define TS_EMU_ENTRY_SUFFIX "__ts_emu_entry"

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TESSERA_EMU_ABI_H */
