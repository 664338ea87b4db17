//===- gemm_planted.cu - The bf16 tensor-core GEMM with planted bugs ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A copy of matmul_bf16_nt (../gemm_mma_bf16.cu) cut down to the 16-byte
// path (K % 8 == 0, 16-byte aligned A and B[N,K]), with one bug planted per
// kernel; the emulator must catch each:
//   planted_gemm_correct            no bug (the control)
//   planted_gemm_missing_barrier    no ts_syncthreads after the cp.async wait:
//                                   warps read tiles other warps have not
//                                   copied yet and overwrite stages others
//                                   still read (check mode: greedy warps)
//   planted_gemm_missing_wait       no ts_cp_async_wait in the main loop
//                                   (check mode: copies deferred to a wait,
//                                   destinations poisoned with NaN)
//   planted_gemm_swapped_fragments  a[1] and a[2] swapped before the mma:
//                                   rows 8-15 at k and rows 0-7 at k + 8
//                                   trade places (any mode)
// Launch as matmul_bf16_nt: grid (ceil(N/64), ceil(M/64)), block 128.
//
//===----------------------------------------------------------------------===//
#include "tessera/half.cuh"
#include "tessera/mma.cuh"

namespace planted_gemm_detail {
enum Bug { kNone, kMissingBarrier, kMissingWait, kSwappedFragments };

constexpr int kBM = 64, kBN = 64, kBK = 32, kStages = 3, kThreads = 128;
constexpr int kChunks = kBK / 8;

TS_DEVICE int swizzle(int row, int chunk) {
  return row * kBK + ((chunk ^ ((row >> 1) & 3)) * 8);
}

TS_DEVICE void loadTile(ts_bf16 *tile, const ts_bf16 *src, int rows, int K,
                        int row0, int k0) {
  for (int idx = threadIdx.x; idx < kBM * kChunks; idx += kThreads) {
    const int r = idx / kChunks, c = idx % kChunks;
    const int gr = row0 + r, gk = k0 + c * 8;
    const bool inside = gr < rows && gk < K;
    ts_cp_async16(tile + swizzle(r, c),
                  inside ? src + (int64_t)gr * K + gk : src, inside ? 16 : 0);
  }
}

template <Bug kBug>
TS_DEVICE void matmul(const ts_bf16 *TS_RESTRICT A,
                      const ts_bf16 *TS_RESTRICT B, float *TS_RESTRICT C, int M,
                      int N, int K) {
  TS_SHARED(ts_bf16, aTiles, [kStages][kBM * kBK]);
  TS_SHARED(ts_bf16, bTiles, [kStages][kBN * kBK]);
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int warpRow = (warp / 2) * 32, warpCol = (warp % 2) * 32;
  const int m0 = blockIdx.y * kBM, n0 = blockIdx.x * kBN;
  const int numTiles = (K + kBK - 1) / kBK;

  float acc[2][4][4] = {};
  for (int s = 0; s < kStages - 1; ++s) {
    if (s < numTiles) {
      loadTile(aTiles[s], A, M, K, m0, s * kBK);
      loadTile(bTiles[s], B, N, K, n0, s * kBK);
    }
    ts_cp_async_commit();
  }

  for (int t = 0; t < numTiles; ++t) {
    if (kBug != kMissingWait)
      ts_cp_async_wait<kStages - 2>();
    if (kBug != kMissingBarrier)
      ts_syncthreads();
    const int next = t + kStages - 1;
    if (next < numTiles) {
      loadTile(aTiles[next % kStages], A, M, K, m0, next * kBK);
      loadTile(bTiles[next % kStages], B, N, K, n0, next * kBK);
    }
    ts_cp_async_commit();

    const ts_bf16 *aTile = aTiles[t % kStages];
    const ts_bf16 *bTile = bTiles[t % kStages];
    for (int kk = 0; kk < kBK; kk += 16) {
      uint32_t a[2][4], b[4][2];
      for (int mi = 0; mi < 2; ++mi) {
        const int row = warpRow + mi * 16 + lane % 16;
        ts_ldmatrix_x4(a[mi], aTile + swizzle(row, kk / 8 + lane / 16));
        if (kBug == kSwappedFragments) {
          uint32_t keep = a[mi][1];
          a[mi][1] = a[mi][2];
          a[mi][2] = keep;
        }
      }
      for (int nj = 0; nj < 4; nj += 2) {
        uint32_t r[4];
        const int n = warpCol + nj * 8 + lane % 8 + (lane / 16) * 8;
        ts_ldmatrix_x4(r, bTile + swizzle(n, kk / 8 + (lane / 8) % 2));
        b[nj][0] = r[0];
        b[nj][1] = r[1];
        b[nj + 1][0] = r[2];
        b[nj + 1][1] = r[3];
      }
      for (int mi = 0; mi < 2; ++mi)
        for (int ni = 0; ni < 4; ++ni)
          ts_mma_m16n8k16_bf16(acc[mi][ni], a[mi], b[ni], acc[mi][ni]);
    }
  }
  ts_cp_async_wait<0>();

  const int g = lane / 4, tq = lane % 4;
  for (int mi = 0; mi < 2; ++mi)
    for (int ni = 0; ni < 4; ++ni)
      for (int e = 0; e < 4; ++e) {
        const int row = m0 + warpRow + mi * 16 + g + (e / 2) * 8;
        const int col = n0 + warpCol + ni * 8 + tq * 2 + e % 2;
        if (row < M && col < N)
          C[(int64_t)row * N + col] = acc[mi][ni][e];
      }
}
} // namespace planted_gemm_detail

#define TS_PLANTED_GEMM(name, bug)                                             \
  TS_KERNEL void name(const ts_bf16 *TS_RESTRICT A,                            \
                      const ts_bf16 *TS_RESTRICT B, float *TS_RESTRICT C,      \
                      int M, int N, int K) {                                   \
    planted_gemm_detail::matmul<planted_gemm_detail::bug>(A, B, C, M, N, K);   \
  }
TS_PLANTED_GEMM(planted_gemm_correct, kNone)
TS_PLANTED_GEMM(planted_gemm_missing_barrier, kMissingBarrier)
TS_PLANTED_GEMM(planted_gemm_missing_wait, kMissingWait)
TS_PLANTED_GEMM(planted_gemm_swapped_fragments, kSwappedFragments)
#undef TS_PLANTED_GEMM
