//===- gemm_mma_tf32.cu - Tensor-core GEMM, f32 in via tf32, f32 out ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Hand-written in the style of the code generator's Ampere GEMM emitter.
//
// Fused ops: MatMul(A[M,K], B) -> C[M,N], all f32 in memory, multiplied as
// tf32 (each operand rounded to 10 mantissa bits, ties away from zero, as
// cvt.rna.tf32.f32) with f32 accumulation:
//   matmul_tf32_nt:  B stored [N,K] (K contiguous)
//
// Block tile 64x64x16, 4 warps in 2x2, warp tile 32x32 = 2 m16 x 4 n8
// mma.sync.m16n8k8.tf32 tiles. Launch: grid (ceil(N/64), ceil(M/64)),
// block 128.
//
// Global -> shared: a 3-stage cp.async ring of 16-byte chunks (4 f32),
// zero-filled past M, N and K; needs K % 4 == 0 and 16-byte aligned A and B,
// else a guarded scalar fill. Shared tiles have rows of 16 f32 padded to 20
// (80 bytes): the 32 lanes of a fragment load (rows g = lane / 4, columns
// t = lane % 4) then touch 32 different banks.
//
// Shared -> registers: plain loads (ldmatrix moves 16-bit elements only),
// converted with ts_float_to_tf32. Fragments (g = lane / 4, t = lane % 4):
//   a[0] = A(g, t), a[1] = A(g + 8, t),
//   a[2] = A(g, t + 4), a[3] = A(g + 8, t + 4),
//   b[0] = B(k = t, n = g), b[1] = B(k = t + 4, n = g)
//
//===----------------------------------------------------------------------===//
#include "tessera/half.cuh"
#include "tessera/mma.cuh"

namespace matmul_tf32_detail {
constexpr int kBM = 64, kBN = 64, kBK = 16;
constexpr int kStages = 3;
constexpr int kThreads = 128;
constexpr int kPitch = kBK + 4;     // padded row, in f32
constexpr int kChunks = kBK / 4;    // 16-byte chunks per row
constexpr int kTile = kBM * kPitch; // f32 per tile (A or B, 64 rows)

/// Loads rows [row0, row0 + 64) x columns [k0, k0 + 16) of a row-major
/// [rows, K] f32 matrix into a padded tile; zeros outside the matrix.
TS_DEVICE void loadTile(float *tile, const float *src, int rows, int K,
                        int row0, int k0, bool vectorized) {
  for (int idx = threadIdx.x; idx < kBM * kChunks; idx += kThreads) {
    const int r = idx / kChunks, c = idx % kChunks;
    const int gr = row0 + r, gk = k0 + c * 4;
    float *dst = tile + r * kPitch + c * 4;
    if (vectorized) {
      const bool inside = gr < rows && gk < K;
      ts_cp_async16(dst, inside ? src + (int64_t)gr * K + gk : src,
                    inside ? 16 : 0);
    } else {
      for (int e = 0; e < 4; ++e)
        dst[e] = gr < rows && gk + e < K ? src[(int64_t)gr * K + gk + e] : 0.0f;
    }
  }
}
} // namespace matmul_tf32_detail

TS_KERNEL void matmul_tf32_nt(const float *TS_RESTRICT A,
                              const float *TS_RESTRICT B, float *TS_RESTRICT C,
                              int M, int N, int K) {
  using namespace matmul_tf32_detail;
  TS_SHARED(float, aTiles, [kStages][kTile]);
  TS_SHARED(float, bTiles, [kStages][kTile]);

  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int g = lane / 4, tq = lane % 4;
  const int warpRow = (warp / 2) * 32, warpCol = (warp % 2) * 32;
  const int m0 = blockIdx.y * kBM, n0 = blockIdx.x * kBN;
  const bool vectorized =
      K % 4 == 0 && ((uintptr_t)A & 15) == 0 && ((uintptr_t)B & 15) == 0;
  const int numTiles = (K + kBK - 1) / kBK;

  float acc[2][4][4];
  for (int mi = 0; mi < 2; ++mi)
    for (int ni = 0; ni < 4; ++ni)
      for (int e = 0; e < 4; ++e)
        acc[mi][ni][e] = 0.0f;

  for (int s = 0; s < kStages - 1; ++s) {
    if (s < numTiles) {
      loadTile(aTiles[s], A, M, K, m0, s * kBK, vectorized);
      loadTile(bTiles[s], B, N, K, n0, s * kBK, vectorized);
    }
    ts_cp_async_commit();
  }

  for (int t = 0; t < numTiles; ++t) {
    ts_cp_async_wait<kStages - 2>();
    ts_syncthreads();
    const int next = t + kStages - 1;
    if (next < numTiles) {
      loadTile(aTiles[next % kStages], A, M, K, m0, next * kBK, vectorized);
      loadTile(bTiles[next % kStages], B, N, K, n0, next * kBK, vectorized);
    }
    ts_cp_async_commit();

    const float *aTile = aTiles[t % kStages];
    const float *bTile = bTiles[t % kStages];
    for (int kk = 0; kk < kBK; kk += 8) {
      uint32_t a[2][4], b[4][2];
      for (int mi = 0; mi < 2; ++mi) {
        const float *p = aTile + (warpRow + mi * 16 + g) * kPitch + kk + tq;
        a[mi][0] = ts_float_to_tf32(p[0]);
        a[mi][1] = ts_float_to_tf32(p[8 * kPitch]);
        a[mi][2] = ts_float_to_tf32(p[4]);
        a[mi][3] = ts_float_to_tf32(p[8 * kPitch + 4]);
      }
      for (int ni = 0; ni < 4; ++ni) {
        const float *p = bTile + (warpCol + ni * 8 + g) * kPitch + kk + tq;
        b[ni][0] = ts_float_to_tf32(p[0]);
        b[ni][1] = ts_float_to_tf32(p[4]);
      }
      for (int mi = 0; mi < 2; ++mi)
        for (int ni = 0; ni < 4; ++ni)
          ts_mma_m16n8k8_tf32(acc[mi][ni], a[mi], b[ni], acc[mi][ni]);
    }
  }
  ts_cp_async_wait<0>();

  for (int mi = 0; mi < 2; ++mi)
    for (int ni = 0; ni < 4; ++ni)
      for (int e = 0; e < 4; ++e) {
        const int row = m0 + warpRow + mi * 16 + g + (e / 2) * 8;
        const int col = n0 + warpCol + ni * 8 + tq * 2 + e % 2;
        if (row < M && col < N)
          C[(int64_t)row * N + col] = acc[mi][ni][e];
      }
}
