//===- FakeEmulator.cpp - A recording stand-in for the emulator -----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "FakeEmulator.h"

// This binary's ts_emu_self (also used by the emulator in ReduceTest.cpp).
TS_EMU_DEFINE_MODULE()

namespace tessera::test {

namespace {

std::vector<FakeCall> *recorded = nullptr;

FakeCall &record(const char *function, const char *file, int line) {
  recorded->push_back({});
  FakeCall &call = recorded->back();
  call.function = function;
  call.file = file;
  call.line = line;
  return call;
}

void fakeLdmatrix(ts_emu_thread *, int num, int trans, const void *rowAddr,
                  uint32_t *out, const char *file, int line) {
  FakeCall &call = record("ldmatrix", file, line);
  call.count = num;
  call.trans = trans;
  call.pointer = rowAddr;
  call.out = out;
  for (int i = 0; i < num; ++i)
    out[i] = 0x1000u + static_cast<uint32_t>(i);
}

void fakeMma(ts_emu_thread *, int kind, const uint32_t *a, const uint32_t *b,
             const float *c, float *d, const char *file, int line) {
  FakeCall &call = record("mma", file, line);
  call.kind = kind;
  call.pointer = a;
  call.pointer2 = b;
  call.pointer3 = c;
  call.out = d;
  float sums[4];
  for (int i = 0; i < 4; ++i)
    sums[i] = c[i] + static_cast<float>(a[i]) + static_cast<float>(b[i % 2]);
  for (int i = 0; i < 4; ++i) // d may be c
    d[i] = sums[i];
}

void fakeCpAsync(ts_emu_thread *, void *dst, const void *src, int srcBytes,
                 const char *file, int line) {
  FakeCall &call = record("cp_async", file, line);
  call.pointer = dst;
  call.pointer2 = src;
  call.bytes = srcBytes;
}

void fakeCommit(ts_emu_thread *, const char *file, int line) {
  record("cp_async_commit", file, line);
}

void fakeWait(ts_emu_thread *, int pending, const char *file, int line) {
  record("cp_async_wait", file, line).count = pending;
}

void fakeTrap(ts_emu_thread *, const char *message, const char *file,
              int line) {
  record("trap", file, line);
  throw Trap{message, file, line};
}

} // namespace

FakeEmulator::FakeEmulator() {
  api.abi_version = TS_EMU_ABI_VERSION;
  api.ldmatrix = fakeLdmatrix;
  api.mma = fakeMma;
  api.cp_async = fakeCpAsync;
  api.cp_async_commit = fakeCommit;
  api.cp_async_wait = fakeWait;
  api.trap = fakeTrap;
  // Positional: core.cuh's threadIdx/blockDim/... macros hide the fields.
  thread = ts_emu_thread{/*threadIdx=*/{0, 0, 0},
                         /*blockIdx=*/{0, 0, 0},
                         /*blockDim=*/{32, 1, 1},
                         /*gridDim=*/{1, 1, 1},
                         /*lane=*/0,
                         /*warp=*/0,
                         &api,
                         /*impl=*/nullptr};
  recorded = &calls;
  ts_emu_self = &thread;
}

FakeEmulator::~FakeEmulator() {
  ts_emu_self = nullptr;
  recorded = nullptr;
}

} // namespace tessera::test
