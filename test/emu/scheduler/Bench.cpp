//===- Bench.cpp - Costs of the emulator's primitives ---------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera-emu-scheduler-bench [workers]: prints the cost per thread of a
// fiber switch, a __syncthreads, a shuffle and an mma (per lane), and the
// time of a row softmax (1024 x 1024, one 256-thread block per row) and of
// a 256^3 bf16 GEMM through ldmatrix + mma, in fast mode. Not a test.
//
//===----------------------------------------------------------------------===//
#include "tessera/mma.cuh"
#include "tessera/warp.cuh"

#include "runtime/emu/Emulator.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

TS_EMU_DEFINE_MODULE()

using namespace tessera::emu;

TS_KERNEL void bench_syncwarp_self(int iters) {
  // A one-lane mask: no switch at all (the call's own cost).
  for (int i = 0; i < iters; ++i)
    ts_syncwarp(1u << ts_lane_id());
}
TS_EMU_ENTRY(bench_syncwarp_self)

TS_KERNEL void bench_barrier(int iters) {
  for (int i = 0; i < iters; ++i)
    ts_syncthreads();
}
TS_EMU_ENTRY(bench_barrier)

TS_KERNEL void bench_shfl(int iters, float *out) {
  float v = static_cast<float>(threadIdx.x);
  for (int i = 0; i < iters; ++i)
    v += ts_shfl_xor_sync(TS_FULL_MASK, v, 1 + (i & 15));
  out[blockIdx.x * blockDim.x + threadIdx.x] = v;
}
TS_EMU_ENTRY(bench_shfl)

TS_KERNEL void bench_mma(int iters, float *out) {
  uint32_t a[4] = {0x3f803f80u, 0x3f803f80u, 0x3f803f80u, 0x3f803f80u};
  uint32_t b[2] = {0x3f803f80u, 0x3f803f80u};
  float c[4] = {0, 0, 0, 0};
  for (int i = 0; i < iters; ++i)
    ts_mma_m16n8k16_bf16(c, a, b, c);
  out[blockIdx.x * blockDim.x + threadIdx.x] = c[0];
}
TS_EMU_ENTRY(bench_mma)

// One block of 256 threads per row.
TS_KERNEL void bench_softmax(const float *x, float *y, int n) {
  TS_SHARED(float, red, [8]);
  const float *row = x + static_cast<size_t>(blockIdx.x) * n;
  float *out = y + static_cast<size_t>(blockIdx.x) * n;
  unsigned tid = threadIdx.x, lane = tid % 32, warp = tid / 32;
  float m = -INFINITY;
  for (int i = static_cast<int>(tid); i < n; i += 256)
    m = fmaxf(m, row[i]);
  for (int o = 16; o > 0; o /= 2)
    m = fmaxf(m, ts_shfl_xor_sync(TS_FULL_MASK, m, o));
  if (lane == 0)
    red[warp] = m;
  ts_syncthreads();
  m = red[0];
  for (int w = 1; w < 8; ++w)
    m = fmaxf(m, red[w]);
  ts_syncthreads();
  float s = 0;
  for (int i = static_cast<int>(tid); i < n; i += 256)
    s += expf(row[i] - m);
  for (int o = 16; o > 0; o /= 2)
    s += ts_shfl_xor_sync(TS_FULL_MASK, s, o);
  if (lane == 0)
    red[warp] = s;
  ts_syncthreads();
  s = 0;
  for (int w = 0; w < 8; ++w)
    s += red[w];
  for (int i = static_cast<int>(tid); i < n; i += 256)
    out[i] = expf(row[i] - m) / s;
}
TS_EMU_ENTRY(bench_softmax)

// C (M x N, f32) = A (M x K, bf16 row-major) * B (N x K, bf16 "col-major"):
// 64x64 block tiles, 4 warps of 32x32, K steps of 32 through shared memory
// with cp.async.
TS_KERNEL void bench_gemm(const uint16_t *A, const uint16_t *B, float *C, int M,
                          int N, int K) {
  TS_SHARED(uint16_t, sa, [64 * 40]); // 64 rows of 32 + 8 pad
  TS_SHARED(uint16_t, sb, [64 * 40]);
  unsigned tid = threadIdx.x, lane = tid % 32, warp = tid / 32;
  unsigned wm = (warp / 2) * 32, wn = (warp % 2) * 32;
  int bm = static_cast<int>(blockIdx.y) * 64,
      bn = static_cast<int>(blockIdx.x) * 64;
  float acc[2][4][4] = {};
  for (int k0 = 0; k0 < K; k0 += 32) {
    // 64 rows x 4 chunks of 16 B for each operand: 2 per thread each.
    for (unsigned c = tid; c < 256; c += 128) {
      unsigned r = c / 4, ch = c % 4;
      ts_cp_async16(&sa[r * 40 + ch * 8], A + (bm + r) * K + k0 + ch * 8);
      ts_cp_async16(&sb[r * 40 + ch * 8], B + (bn + r) * K + k0 + ch * 8);
    }
    ts_cp_async_wait_all();
    ts_syncthreads();
    for (int kk = 0; kk < 32; kk += 16) {
      uint32_t fa[2][4], fb[4][2];
      for (int i = 0; i < 2; ++i)
        ts_ldmatrix_x4(
            fa[i], &sa[(wm + i * 16 + lane % 16) * 40 + kk + (lane / 16) * 8]);
      for (int j = 0; j < 4; ++j)
        ts_ldmatrix_x2(
            fb[j],
            &sb[(wn + j * 8 + lane % 8) * 40 + kk + ((lane / 8) % 2) * 8]);
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 4; ++j)
          ts_mma_m16n8k16_bf16(acc[i][j], fa[i], fb[j], acc[i][j]);
    }
    ts_syncthreads();
  }
  unsigned g = lane / 4, t = lane % 4;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j) {
      int r = bm + wm + i * 16 + g, c = bn + wn + j * 8 + 2 * t;
      C[r * N + c] = acc[i][j][0];
      C[r * N + c + 1] = acc[i][j][1];
      C[(r + 8) * N + c] = acc[i][j][2];
      C[(r + 8) * N + c + 1] = acc[i][j][3];
    }
}
TS_EMU_ENTRY(bench_gemm)

namespace {
double seconds(const KernelHandle &k, Dim3 grid, Dim3 block, unsigned workers,
               void **args) {
  LaunchParams p;
  p.grid = grid;
  p.block = block;
  p.workers = workers;
  auto start = std::chrono::steady_clock::now();
  auto err = launch(k, p, args);
  auto end = std::chrono::steady_clock::now();
  if (err) {
    std::fprintf(stderr, "%s\n", err->c_str());
    std::exit(1);
  }
  return std::chrono::duration<double>(end - start).count();
}
uint16_t bf16(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return static_cast<uint16_t>(b >> 16);
}
} // namespace

int main(int argc, char **argv) {
  unsigned workers = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 1;
  std::printf("workers: %u\n", workers);
  const int iters = 2000;
  int it = iters;
  std::vector<float> out(64 * 256);
  float *po = out.data();
  {
    void *args[] = {&it};
    KernelHandle k{"bench_syncwarp_self", &bench_syncwarp_self__ts_emu_entry,
                   &ts_emu_self_slot};
    double s = seconds(k, {64, 1, 1}, {256, 1, 1}, workers, args);
    std::printf("one-lane syncwarp (no switch): %.1f ns per thread\n",
                s * 1e9 / (64.0 * 256 * iters));
  }
  {
    void *args[] = {&it};
    KernelHandle k{"bench_barrier", &bench_barrier__ts_emu_entry,
                   &ts_emu_self_slot};
    double s = seconds(k, {64, 1, 1}, {256, 1, 1}, workers, args);
    std::printf("ts_syncthreads (1 switch each): %.1f ns per thread\n",
                s * 1e9 / (64.0 * 256 * iters));
  }
  {
    void *args[] = {&it, &po};
    KernelHandle k{"bench_shfl", &bench_shfl__ts_emu_entry, &ts_emu_self_slot};
    double s = seconds(k, {64, 1, 1}, {256, 1, 1}, workers, args);
    std::printf("ts_shfl_xor_sync: %.1f ns per lane\n",
                s * 1e9 / (64.0 * 256 * iters));
  }
  {
    int mi = 200;
    void *args[] = {&mi, &po};
    KernelHandle k{"bench_mma", &bench_mma__ts_emu_entry, &ts_emu_self_slot};
    double s = seconds(k, {64, 1, 1}, {256, 1, 1}, workers, args);
    std::printf("ts_mma_m16n8k16_bf16: %.1f ns per lane\n",
                s * 1e9 / (64.0 * 256 * mi));
  }
  {
    const int n = 1024;
    std::vector<float> x(size_t(n) * n), y(x.size());
    for (size_t i = 0; i < x.size(); ++i)
      x[i] = float((i * 7919) % 1000) / 100.0f;
    const float *px = x.data();
    float *py = y.data();
    int nn = n;
    void *args[] = {&px, &py, &nn};
    KernelHandle k{"bench_softmax", &bench_softmax__ts_emu_entry,
                   &ts_emu_self_slot};
    double first = seconds(k, {n, 1, 1}, {256, 1, 1}, workers, args);
    double s = seconds(k, {n, 1, 1}, {256, 1, 1}, workers, args);
    std::printf("softmax 1024x1024, first run: %.3f s\n", first);
    double maxErr = 0;
    for (int r = 0; r < n; r += 97) {
      double m = -1e30, sum = 0;
      for (int i = 0; i < n; ++i)
        m = std::max(m, double(x[size_t(r) * n + i]));
      for (int i = 0; i < n; ++i)
        sum += std::exp(x[size_t(r) * n + i] - m);
      for (int i = 0; i < n; ++i) {
        double ref = std::exp(x[size_t(r) * n + i] - m) / sum;
        maxErr = std::max(maxErr, std::abs(y[size_t(r) * n + i] - ref) / ref);
      }
    }
    std::printf("softmax 1024x1024: %.3f s (max rel err %.1e)\n", s, maxErr);
  }
  {
    const int M = 256, N = 256, K = 256;
    std::vector<uint16_t> A(M * K), B(N * K);
    std::vector<float> C(M * N);
    for (int i = 0; i < M * K; ++i)
      A[i] = bf16(float((i * 13) % 7 - 3));
    for (int i = 0; i < N * K; ++i)
      B[i] = bf16(float((i * 5) % 9 - 4) * 0.5f);
    const uint16_t *pa = A.data(), *pb = B.data();
    float *pc = C.data();
    int m = M, n = N, kk = K;
    void *args[] = {&pa, &pb, &pc, &m, &n, &kk};
    KernelHandle k{"bench_gemm", &bench_gemm__ts_emu_entry, &ts_emu_self_slot};
    double s = seconds(k, {N / 64, M / 64, 1}, {128, 1, 1}, workers, args);
    int bad = 0;
    for (int r = 0; r < M; r += 7)
      for (int c = 0; c < N; c += 3) {
        double ref = 0;
        for (int q = 0; q < K; ++q) {
          uint32_t ab = uint32_t(A[r * K + q]) << 16,
                   bb = uint32_t(B[c * K + q]) << 16;
          float af, bf;
          std::memcpy(&af, &ab, 4);
          std::memcpy(&bf, &bb, 4);
          ref += double(af) * bf;
        }
        bad += C[r * N + c] != ref;
      }
    std::printf("gemm 256^3 bf16 mma: %.3f s (%d wrong)\n", s, bad);
  }
  return 0;
}
