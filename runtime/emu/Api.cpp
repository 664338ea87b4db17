//===- Api.cpp - The emulator's side of the prelude ABI -------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/Api.h"

#include "runtime/emu/Block.h"

namespace tessera::emu {

namespace {

Block &blockOf(ts_emu_thread *t) { return *static_cast<Block *>(t->impl); }

void apiSyncthreads(ts_emu_thread *t, const char *file, int line) {
  blockOf(t).syncthreads(Thread::of(t), file, line);
}
void apiSyncwarp(ts_emu_thread *t, unsigned mask, const char *file, int line) {
  blockOf(t).syncwarp(Thread::of(t), mask, file, line);
}
uint64_t apiShfl(ts_emu_thread *t, unsigned mask, uint64_t value, int kind,
                 int laneArg, int width, const char *file, int line) {
  return blockOf(t).shfl(Thread::of(t), mask, value, kind, laneArg, width, file,
                         line);
}
unsigned apiBallot(ts_emu_thread *t, unsigned mask, int pred, const char *file,
                   int line) {
  return blockOf(t).ballot(Thread::of(t), mask, pred, file, line);
}
void *apiSharedStatic(ts_emu_thread *t, const void *site, size_t bytes,
                      size_t align, const char *file, int line) {
  return blockOf(t).sharedStatic(Thread::of(t), site, bytes, align, file, line);
}
void *apiSharedDynamic(ts_emu_thread *t) { return blockOf(t).sharedDynamic(); }
void apiLdmatrix(ts_emu_thread *t, int num, int trans, const void *rowAddr,
                 uint32_t *out, const char *file, int line) {
  blockOf(t).ldmatrix(Thread::of(t), num, trans, rowAddr, out, file, line);
}
void apiMma(ts_emu_thread *t, int kind, const uint32_t *a, const uint32_t *b,
            const float *c, float *d, const char *file, int line) {
  blockOf(t).mma(Thread::of(t), kind, a, b, c, d, file, line);
}
void apiCpAsync(ts_emu_thread *t, void *dst, const void *src, int srcBytes,
                const char *file, int line) {
  blockOf(t).cpAsync(Thread::of(t), dst, src, srcBytes, file, line);
}
void apiCpAsyncCommit(ts_emu_thread *t, const char *, int) {
  blockOf(t).cpAsyncCommit(Thread::of(t));
}
void apiCpAsyncWait(ts_emu_thread *t, int pending, const char *file, int line) {
  blockOf(t).cpAsyncWait(Thread::of(t), pending, file, line);
}
void apiTrap(ts_emu_thread *t, const char *message, const char *file,
             int line) {
  blockOf(t).trap(Thread::of(t), message, file, line);
}

} // namespace

const ts_emu_api kApi = {
    TS_EMU_ABI_VERSION, apiSyncthreads,   apiSyncwarp, apiShfl, apiBallot,
    apiSharedStatic,    apiSharedDynamic, apiLdmatrix, apiMma,  apiCpAsync,
    apiCpAsyncCommit,   apiCpAsyncWait,   apiTrap,
};

} // namespace tessera::emu
