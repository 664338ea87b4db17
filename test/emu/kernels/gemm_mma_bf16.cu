//===- gemm_mma_bf16.cu - Tensor-core GEMM, bf16 in, f32 out --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Hand-written in the style of the code generator's Ampere GEMM emitter.
//
// Fused ops: MatMul(A[M,K], B) -> f32 C[M,N], A row-major bf16, and
//   matmul_bf16_nn:           B[K,N] row-major bf16
//   matmul_bf16_nt:           B stored [N,K] (K contiguous) bf16
//   matmul_bias_relu_bf16_nn: then Add(bias[N]) -> Relu
//   matmul_bias_relu_bf16_nt: then Add(bias[N]) -> Relu
//
// Block tile 64x64x32, 4 warps in 2x2, warp tile 32x32 = 2 m16 x 4 n8
// mma.sync.m16n8k16 tiles, f32 accumulators in registers. Launch: grid
// (ceil(N/64), ceil(M/64)), block 128, no dynamic shared memory.
//
// Global -> shared: a 3-stage cp.async ring. Each stage is loaded in 16-byte
// chunks (8 bf16); chunks past M, N or K are zero-filled (src_bytes = 0), so
// ragged tails need no special case in the main loop. The 16-byte path needs
// every row to start 16-byte aligned: K % 8 == 0 (and N % 8 == 0 for B[K,N])
// and 16-byte aligned A and B. Other shapes take a guarded scalar fill into
// the same ring (plain shared stores, ordered by the same barriers).
//
// Shared tiles: K-major tiles (A, and B[N,K]) have 64-byte rows of 4 chunks
// with the chunk index XOR-ed by (row / 2) % 4, so the 8 row addresses of an
// ldmatrix hit 8 different 16-byte bank groups. The B[K,N] tile has 128-byte
// rows padded by 16 bytes (pitch 72 bf16) for the same effect.
//
// Shared -> registers: ldmatrix.x4 for A (the four 8x8 quadrants of an m16k16
// tile give a[0..3]); for B, ldmatrix.x4 covers two n8 tiles: without .trans
// from B[N,K], with .trans from B[K,N].
//
//===----------------------------------------------------------------------===//
#include "tessera/half.cuh"
#include "tessera/math.cuh"
#include "tessera/mma.cuh"

namespace matmul_bf16_detail {
constexpr int kBM = 64, kBN = 64, kBK = 32;
constexpr int kStages = 3;
constexpr int kThreads = 128;          // 4 warps, 2 x 2
constexpr int kWM = 32, kWN = 32;      // warp tile
constexpr int kMTiles = kWM / 16;      // m16 tiles per warp
constexpr int kNTiles = kWN / 8;       // n8 tiles per warp
constexpr int kChunks = kBK / 8;       // 16-byte chunks per K-major row
constexpr int kKMajorTile = kBM * kBK; // bf16 per K-major tile (A, B[N,K])
constexpr int kBPitch = kBN + 8;       // B[K,N] tile row pitch, padded
constexpr int kBTile = kBK * kBPitch;  // >= kKMajorTile: fits either B

/// Element offset of (row, chunk * 8) in a swizzled K-major tile.
TS_DEVICE int kMajorOffset(int row, int chunk) {
  return row * kBK + ((chunk ^ ((row >> 1) & 3)) * 8);
}

/// Loads rows [row0, row0 + 64) x columns [k0, k0 + 32) of a row-major
/// [rows, K] matrix into a swizzled K-major tile; zeros outside the matrix.
TS_DEVICE void loadKMajorTile(ts_bf16 *tile, const ts_bf16 *src, int rows,
                              int K, int row0, int k0, bool vectorized) {
  for (int idx = threadIdx.x; idx < kBM * kChunks; idx += kThreads) {
    const int r = idx / kChunks, c = idx % kChunks;
    const int gr = row0 + r, gk = k0 + c * 8;
    ts_bf16 *dst = tile + kMajorOffset(r, c);
    if (vectorized) {
      const bool inside = gr < rows && gk < K;
      const int bytes = inside ? (K - gk >= 8 ? 16 : (K - gk) * 2) : 0;
      ts_cp_async16(dst, inside ? src + (int64_t)gr * K + gk : src, bytes);
    } else {
      for (int e = 0; e < 8; ++e)
        dst[e] = gr < rows && gk + e < K ? src[(int64_t)gr * K + gk + e]
                                         : ts_float_to_bf16(0.0f);
    }
  }
}

/// Loads rows [k0, k0 + 32) x columns [n0, n0 + 64) of a row-major [K, N]
/// matrix into a padded tile; zeros outside the matrix.
TS_DEVICE void loadNMajorTile(ts_bf16 *tile, const ts_bf16 *src, int K, int N,
                              int k0, int n0, bool vectorized) {
  constexpr int kRowChunks = kBN / 8;
  for (int idx = threadIdx.x; idx < kBK * kRowChunks; idx += kThreads) {
    const int r = idx / kRowChunks, c = idx % kRowChunks;
    const int gk = k0 + r, gn = n0 + c * 8;
    ts_bf16 *dst = tile + r * kBPitch + c * 8;
    if (vectorized) {
      const bool inside = gk < K && gn < N;
      const int bytes = inside ? (N - gn >= 8 ? 16 : (N - gn) * 2) : 0;
      ts_cp_async16(dst, inside ? src + (int64_t)gk * N + gn : src, bytes);
    } else {
      for (int e = 0; e < 8; ++e)
        dst[e] = gk < K && gn + e < N ? src[(int64_t)gk * N + gn + e]
                                      : ts_float_to_bf16(0.0f);
    }
  }
}

TS_DEVICE bool aligned16(const void *p) { return ((uintptr_t)p & 15) == 0; }

/// C = A * B (+ bias, relu). |kBNK|: B is stored [N, K].
template <bool kBNK, bool kBiasRelu>
TS_DEVICE void matmul(const ts_bf16 *TS_RESTRICT A,
                      const ts_bf16 *TS_RESTRICT B,
                      const float *TS_RESTRICT bias, float *TS_RESTRICT C,
                      int M, int N, int K) {
  TS_SHARED(ts_bf16, aTiles, [kStages][kKMajorTile]);
  TS_SHARED(ts_bf16, bTiles, [kStages][kBTile]);

  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int warpRow = (warp / 2) * kWM, warpCol = (warp % 2) * kWN;
  const int m0 = blockIdx.y * kBM, n0 = blockIdx.x * kBN;
  const bool vectorized =
      K % 8 == 0 && (kBNK || N % 8 == 0) && aligned16(A) && aligned16(B);
  const int numTiles = (K + kBK - 1) / kBK;

  auto loadStage = [&](int stage, int tile) {
    const int k0 = tile * kBK;
    loadKMajorTile(aTiles[stage], A, M, K, m0, k0, vectorized);
    if (kBNK)
      loadKMajorTile(bTiles[stage], B, N, K, n0, k0, vectorized);
    else
      loadNMajorTile(bTiles[stage], B, K, N, k0, n0, vectorized);
  };

  float acc[kMTiles][kNTiles][4];
  for (int mi = 0; mi < kMTiles; ++mi)
    for (int ni = 0; ni < kNTiles; ++ni)
      for (int e = 0; e < 4; ++e)
        acc[mi][ni][e] = 0.0f;

  // Prologue: the first kStages - 1 tiles in flight, one group each.
  for (int s = 0; s < kStages - 1; ++s) {
    if (s < numTiles)
      loadStage(s, s);
    ts_cp_async_commit();
  }

  for (int t = 0; t < numTiles; ++t) {
    // Tile t has landed (this thread's copies) ...
    ts_cp_async_wait<kStages - 2>();
    // ... and everybody's; every warp is also done with tile t - 1, whose
    // stage the next load overwrites.
    ts_syncthreads();
    if (t + kStages - 1 < numTiles)
      loadStage((t + kStages - 1) % kStages, t + kStages - 1);
    ts_cp_async_commit();

    const ts_bf16 *aTile = aTiles[t % kStages];
    const ts_bf16 *bTile = bTiles[t % kStages];
    for (int kk = 0; kk < kBK; kk += 16) {
      uint32_t a[kMTiles][4], b[kNTiles][2];
      for (int mi = 0; mi < kMTiles; ++mi) {
        // Lanes 0-15 address rows 0-15 at k, lanes 16-31 the same rows at
        // k + 8: a[0..3] = (rows 0-7, k), (8-15, k), (0-7, k+8), (8-15, k+8).
        const int row = warpRow + mi * 16 + lane % 16;
        ts_ldmatrix_x4(a[mi], aTile + kMajorOffset(row, kk / 8 + lane / 16));
      }
      for (int nj = 0; nj < kNTiles; nj += 2) {
        uint32_t r[4];
        if (kBNK) {
          // Matrices (n 0-7, k), (n 0-7, k+8), (n 8-15, k), (n 8-15, k+8).
          const int n = warpCol + nj * 8 + lane % 8 + (lane / 16) * 8;
          ts_ldmatrix_x4(r, bTile + kMajorOffset(n, kk / 8 + (lane / 8) % 2));
        } else {
          // Matrices (k, n 0-7), (k+8, n 0-7), (k, n 8-15), (k+8, n 8-15),
          // stored k-major: transposed on the way.
          const int k = kk + lane % 8 + ((lane / 8) % 2) * 8;
          const int n = warpCol + nj * 8 + (lane / 16) * 8;
          ts_ldmatrix_x4_trans(r, bTile + k * kBPitch + n);
        }
        b[nj][0] = r[0];
        b[nj][1] = r[1];
        b[nj + 1][0] = r[2];
        b[nj + 1][1] = r[3];
      }
      for (int mi = 0; mi < kMTiles; ++mi)
        for (int ni = 0; ni < kNTiles; ++ni)
          ts_mma_m16n8k16_bf16(acc[mi][ni], a[mi], b[ni], acc[mi][ni]);
    }
  }
  ts_cp_async_wait<0>();

  // Epilogue: d[0..1] = (row g, cols 2t, 2t+1), d[2..3] = (row g + 8, ...).
  const int g = lane / 4, tq = lane % 4;
  for (int mi = 0; mi < kMTiles; ++mi)
    for (int ni = 0; ni < kNTiles; ++ni)
      for (int e = 0; e < 4; ++e) {
        const int row = m0 + warpRow + mi * 16 + g + (e / 2) * 8;
        const int col = n0 + warpCol + ni * 8 + tq * 2 + e % 2;
        if (row >= M || col >= N)
          continue;
        float v = acc[mi][ni][e];
        if (kBiasRelu)
          v = ts_fmax(v + bias[col], 0.0f);
        C[(int64_t)row * N + col] = v;
      }
}
} // namespace matmul_bf16_detail

TS_KERNEL void matmul_bf16_nn(const ts_bf16 *TS_RESTRICT A,
                              const ts_bf16 *TS_RESTRICT B,
                              float *TS_RESTRICT C, int M, int N, int K) {
  matmul_bf16_detail::matmul<false, false>(A, B, nullptr, C, M, N, K);
}

TS_KERNEL void matmul_bf16_nt(const ts_bf16 *TS_RESTRICT A,
                              const ts_bf16 *TS_RESTRICT B,
                              float *TS_RESTRICT C, int M, int N, int K) {
  matmul_bf16_detail::matmul<true, false>(A, B, nullptr, C, M, N, K);
}

TS_KERNEL void matmul_bias_relu_bf16_nn(const ts_bf16 *TS_RESTRICT A,
                                        const ts_bf16 *TS_RESTRICT B,
                                        const float *TS_RESTRICT bias,
                                        float *TS_RESTRICT C, int M, int N,
                                        int K) {
  matmul_bf16_detail::matmul<false, true>(A, B, bias, C, M, N, K);
}

TS_KERNEL void matmul_bias_relu_bf16_nt(const ts_bf16 *TS_RESTRICT A,
                                        const ts_bf16 *TS_RESTRICT B,
                                        const float *TS_RESTRICT bias,
                                        float *TS_RESTRICT C, int M, int N,
                                        int K) {
  matmul_bf16_detail::matmul<true, true>(A, B, bias, C, M, N, K);
}
