//===- gemm.cuh - Device prelude: the tensor-core GEMM mainloop (sm_80) ---===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The reusable parts of the generated tensor-core GEMM (codegen/
// MatmulEmitter.cpp; docs/codegen.md "Tensor-core GEMM"), written against
// mma.cuh and half.cuh only, so one body serves NVRTC and the emulator.
//
// Shared tiles are K-major: row r of a tile (an output row m of A, an output
// column n of B) holds |BK| consecutive k, padded to a pitch of BK + 16 bytes
// so that the 8 rows of an ldmatrix (or the 8 row groups of a fragment load)
// fall into 8 different 4-bank groups. B stored [K, N] may instead be staged
// N-major ([BK][BN + 8]) and read with ldmatrix.trans. A tile holds either the
// 16-bit type of the mma (ldmatrix feeds fragments) or f32 (fragments are
// converted as they are built: bf16/f16 pack, tf32 rounding, 3xTF32 split).
//
// Math tags (the mma.sync flavour):
//   ts_gemm_bf16, ts_gemm_f16  m16n8k16, one fragment per operand;
//   ts_gemm_tf32               m16n8k8, operands rounded to tf32 (rna);
//   ts_gemm_3xtf32             m16n8k8, f32-accurate: x = big + small with
//       big = tf32(x), small = tf32(x - big); acc += a_s b_b + a_b b_s +
//       a_b b_b (the small*small term, ~2^-22 relative, is dropped).
//
//   ts_gemm_pitch<T, BK>                   the padded tile pitch (elements)
//   ts_gemm_zero(acc)                      acc = 0
//   ts_gemm_aligned16(p)                   16-byte aligned pointer
//   ts_gemm_pitch_n<T, BN>                 the pitch of an N-major B tile
//   ts_gemm_copy_tile<T, ROWS, COLS, PITCH, THREADS>(tile, src, rows, cols,
//       row0, col0, vectorized)   the [ROWS x COLS] slice at (row0, col0) of
//       a row-major [rows x cols] matrix into a tile of pitch PITCH: 16-byte
//       cp.async chunks (zero-filled past |rows| and |cols|; needs cols *
//       sizeof(T) % 16 == 0 and a 16-byte aligned |src|), or plain element
//       copies when !|vectorized|
//   ts_gemm_gather_tile<T, ROWS, COLS, PITCH, THREADS>(tile, src, rows,
//       cols, row0, col0, vectorized, offsetOf)   the same slice of a
//       gathered matrix (an implicit-GEMM conv's A): offsetOf(row, col), a
//       functor called for in-range chunk starts, is the element offset
//       in |src| of the chunk at (row, col), whose 16 bytes are contiguous
//       there, or a negative value for a zero chunk (conv padding);
//       zero-filled past |rows| and |cols|; 16-byte cp.async when
//       |vectorized| (a 16-byte aligned |src|, chunk offsets multiples of
//       16 bytes), else element copies. ts_gemm_copy_tile is the gather
//       with offsetOf(r, c) = r * cols + c.
//   ts_gemm_warp_tile<Math, MT, NT, BK, KSPLIT, PA, PB, BNMAJOR>(acc, aTile,
//       bTile, warpRow, warpCol, kGroup)   acc[MT][NT] (m16 x n8 tiles at
//       (warpRow, warpCol)) += A * B over the k16 / k8 steps kGroup, kGroup
//       + KSPLIT, ... of one BK slice; A K-major (pitch PA), B K-major or
//       (BNMAJOR) N-major (pitch PB)
//   ts_gemm_splitk_reduce<MT, NT, KSPLIT, WARPS>(acc, scratch, warpMN,
//       kGroup)   sums the KSPLIT k-groups' accumulators into group 0
//       through |scratch| (KSPLIT - 1) * WARPS * MT * NT * 128 floats;
//       contains a barrier
//   ts_gemm_acc_row(mi, e) / ts_gemm_acc_col(ni, e)   the (row, col) of
//       accumulator acc[mi][ni][e] of this lane, relative to the warp tile
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_GEMM_CUH
#define TESSERA_PRELUDE_GEMM_CUH

#include "tessera/half.cuh"
#include "tessera/mma.cuh"

/// m16n8k16 bf16 with f32 accumulate.
struct ts_gemm_bf16 {
  typedef ts_bf16 Half;
  static constexpr int kK = 16, kParts = 1, kPair = 2;
  TS_DEVICE static void convert(const float *x, int stride, uint32_t (&r)[1]) {
    r[0] = ts_float2_to_bf16x2(x[0], x[stride]);
  }
  TS_DEVICE static void mma(float (&d)[4], const uint32_t (&a)[1][4],
                            const uint32_t (&b)[1][2]) {
    ts_mma_m16n8k16_bf16(d, a[0], b[0], d);
  }
};

/// m16n8k16 f16 with f32 accumulate.
struct ts_gemm_f16 {
  typedef ts_half Half;
  static constexpr int kK = 16, kParts = 1, kPair = 2;
  TS_DEVICE static void convert(const float *x, int stride, uint32_t (&r)[1]) {
    r[0] = ts_float2_to_half2(x[0], x[stride]);
  }
  TS_DEVICE static void mma(float (&d)[4], const uint32_t (&a)[1][4],
                            const uint32_t (&b)[1][2]) {
    ts_mma_m16n8k16_f16(d, a[0], b[0], d);
  }
};

/// m16n8k8 tf32 (operands rounded to nearest tf32) with f32 accumulate.
struct ts_gemm_tf32 {
  typedef float Half; // no 16-bit tiles
  static constexpr int kK = 8, kParts = 1, kPair = 1;
  TS_DEVICE static void convert(const float *x, int, uint32_t (&r)[1]) {
    r[0] = ts_float_to_tf32(x[0]);
  }
  TS_DEVICE static void mma(float (&d)[4], const uint32_t (&a)[1][4],
                            const uint32_t (&b)[1][2]) {
    ts_mma_m16n8k8_tf32(d, a[0], b[0], d);
  }
};

/// 3xTF32: f32-accurate products from three m16n8k8 tf32 mmas.
struct ts_gemm_3xtf32 {
  typedef float Half;
  static constexpr int kK = 8, kParts = 2, kPair = 1;
  TS_DEVICE static void convert(const float *x, int, uint32_t (&r)[2]) {
    r[0] = ts_float_to_tf32(x[0]);
    r[1] = ts_float_to_tf32(x[0] - ts_uint_as_float(r[0]));
  }
  TS_DEVICE static void mma(float (&d)[4], const uint32_t (&a)[2][4],
                            const uint32_t (&b)[2][2]) {
    ts_mma_m16n8k8_tf32(d, a[1], b[0], d); // small terms first
    ts_mma_m16n8k8_tf32(d, a[0], b[1], d);
    ts_mma_m16n8k8_tf32(d, a[0], b[0], d);
  }
};

/// The padded pitch (elements) of a K-major tile of |BK| columns of T: 16
/// bytes of padding.
template <class T, int BK> struct ts_gemm_pitch {
  static constexpr int value = BK + 16 / (int)sizeof(T);
};
/// The padded pitch of an N-major B tile ([BK][BN], from B stored [K, N]):
/// 8 elements of padding (conflict-free ldmatrix.trans rows for 16-bit,
/// conflict-free (k = t, n = g) fragment loads for f32).
template <class T, int BN> struct ts_gemm_pitch_n {
  static constexpr int value = BN + 8;
};

template <int MT, int NT> TS_DEVICE void ts_gemm_zero(float (&acc)[MT][NT][4]) {
  TS_UNROLL
  for (int mi = 0; mi < MT; ++mi) {
    TS_UNROLL
    for (int ni = 0; ni < NT; ++ni) {
      TS_UNROLL
      for (int e = 0; e < 4; ++e)
        acc[mi][ni][e] = 0.0f;
    }
  }
}

TS_DEVICE bool ts_gemm_aligned16(const void *p) {
  return ((uintptr_t)p & 15) == 0;
}

/// This lane's row in the warp tile of accumulator [mi][*][e].
TS_DEVICE int ts_gemm_acc_row(int mi, int e) {
  return mi * 16 + (int)(threadIdx.x % 32) / 4 + (e / 2) * 8;
}
/// This lane's column in the warp tile of accumulator [*][ni][e].
TS_DEVICE int ts_gemm_acc_col(int ni, int e) {
  return ni * 8 + ((int)(threadIdx.x % 32) % 4) * 2 + e % 2;
}

template <class T, int ROWS, int COLS, int PITCH, int THREADS, class OffsetOf>
TS_DEVICE void ts_gemm_gather_tile(T *tile, const T *src, int64_t rows,
                                   int64_t cols, int64_t row0, int64_t col0,
                                   bool vectorized, const OffsetOf &offsetOf) {
  constexpr int kPerChunk = 16 / (int)sizeof(T);
  constexpr int kChunks = COLS / kPerChunk;
  static_assert(COLS % kPerChunk == 0 && PITCH % kPerChunk == 0,
                "tile rows must be whole 16-byte chunks");
  for (int idx = threadIdx.x; idx < ROWS * kChunks; idx += THREADS) {
    const int r = idx / kChunks, c = idx % kChunks;
    const int64_t gr = row0 + r, gc = col0 + c * kPerChunk;
    T *dst = tile + r * PITCH + c * kPerChunk;
    const int64_t off = gr < rows && gc < cols ? (int64_t)offsetOf(gr, gc) : -1;
    const int64_t left = off >= 0 ? cols - gc : 0;
    if (vectorized) {
      const int bytes = left >= kPerChunk ? 16 : (int)left * (int)sizeof(T);
      ts_cp_async16(dst, off >= 0 ? src + off : src, bytes);
    } else {
      for (int e = 0; e < kPerChunk; ++e)
        dst[e] = e < left ? src[off + e] : T();
    }
  }
}

namespace ts_gemm_detail {
/// The offsets of a row-major [rows x cols] matrix (ts_gemm_copy_tile).
struct RowMajor {
  int64_t cols;
  TS_DEVICE int64_t operator()(int64_t r, int64_t c) const {
    return r * cols + c;
  }
};
} // namespace ts_gemm_detail

template <class T, int ROWS, int COLS, int PITCH, int THREADS>
TS_DEVICE void ts_gemm_copy_tile(T *tile, const T *src, int64_t rows,
                                 int64_t cols, int64_t row0, int64_t col0,
                                 bool vectorized) {
  ts_gemm_gather_tile<T, ROWS, COLS, PITCH, THREADS>(
      tile, src, rows, cols, row0, col0, vectorized,
      ts_gemm_detail::RowMajor{cols});
}

namespace ts_gemm_detail {

/// Two n8 B fragments from an ldmatrix.x4 result: registers 0-1 and 2-3.
TS_DEVICE void split_b2(const uint32_t (&r)[4], uint32_t (&b0)[1][2],
                        uint32_t (&b1)[1][2]) {
  b0[0][0] = r[0];
  b0[0][1] = r[1];
  b1[0][0] = r[2];
  b1[0][1] = r[3];
}

/// Register |i| of fragment |frag| from the f32 operand at |x| (its 16-bit
/// pair partner |stride| floats further), converted by Math::convert.
template <class Math, int N>
TS_DEVICE void put_f32(uint32_t (&frag)[Math::kParts][N], int i, const float *x,
                       int stride) {
  uint32_t r[Math::kParts];
  Math::convert(x, stride, r);
  TS_UNROLL
  for (int p = 0; p < Math::kParts; ++p)
    frag[p][i] = r[p];
}

/// B fragments of an f32 tile holding (n, k) at n * NS + k * KS (K-major:
/// NS = pitch, KS = 1; N-major: NS = 1, KS = pitch): register j holds n = g,
/// k = t * kPair + j * kK / 2 (g = lane / 4, t = lane % 4).
template <class Math, int NS, int KS> struct F32B {
  TS_DEVICE static void b(uint32_t (&b)[Math::kParts][2], const float *tile,
                          int n0, int k0) {
    const int lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
    TS_UNROLL
    for (int j = 0; j < 2; ++j)
      put_f32<Math>(b, j,
                    tile + (n0 + g) * NS +
                        (k0 + t * Math::kPair + j * (Math::kK / 2)) * KS,
                    KS);
  }
  TS_DEVICE static void b2(uint32_t (&b0)[Math::kParts][2],
                           uint32_t (&b1)[Math::kParts][2], const float *tile,
                           int n0, int k0) {
    b(b0, tile, n0, k0);
    b(b1, tile, n0 + 8, k0);
  }
};

/// Fragments of a 16-bit tile (T = Math::Half): ldmatrix.x4.
template <class Math, int P, class T> struct Frags {
  /// A (m16 x k16 at row0, k0): the quadrants (rows 0-7, k 0-7), (8-15,
  /// k 0-7), (0-7, k 8-15), (8-15, k 8-15) give a[0..3].
  TS_DEVICE static void a(uint32_t (&a)[1][4], const T *tile, int row0,
                          int k0) {
    const int lane = threadIdx.x % 32;
    ts_ldmatrix_x4(a[0], tile + (row0 + lane % 16) * P + k0 + (lane / 16) * 8);
  }
  /// Two n8 B fragments (tile rows row0..row0+15): (n 0-7, k 0-7), (n 0-7,
  /// k 8-15), (n 8-15, k 0-7), (n 8-15, k 8-15).
  TS_DEVICE static void b2(uint32_t (&b0)[1][2], uint32_t (&b1)[1][2],
                           const T *tile, int row0, int k0) {
    const int lane = threadIdx.x % 32;
    uint32_t r[4];
    ts_ldmatrix_x4(r, tile + (row0 + lane % 8 + (lane / 16) * 8) * P + k0 +
                          ((lane / 8) % 2) * 8);
    split_b2(r, b0, b1);
  }
};

/// Fragments of an f32 tile, converted by Math::convert: register i of A
/// holds row g + (i % 2) * 8, k = t * kPair + (i / 2) * kK / 2; B as F32B.
template <class Math, int P> struct Frags<Math, P, float> : F32B<Math, P, 1> {
  TS_DEVICE static void a(uint32_t (&a)[Math::kParts][4], const float *tile,
                          int row0, int k0) {
    const int lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
    TS_UNROLL
    for (int i = 0; i < 4; ++i)
      put_f32<Math>(a, i,
                    tile + (row0 + g + (i % 2) * 8) * P + k0 + t * Math::kPair +
                        (i / 2) * (Math::kK / 2),
                    1);
  }
};

/// B fragments of an N-major 16-bit tile ([k][n], pitch P): ldmatrix.x4
/// .trans over (k 0-7, n 0-7), (k 8-15, n 0-7), (k 0-7, n 8-15), (k 8-15,
/// n 8-15) gives two n8 fragments.
template <class Math, int P, class T> struct FragsN {
  TS_DEVICE static void b2(uint32_t (&b0)[1][2], uint32_t (&b1)[1][2],
                           const T *tile, int n0, int k0) {
    const int lane = threadIdx.x % 32;
    uint32_t r[4];
    ts_ldmatrix_x4_trans(r, tile + (k0 + lane % 8 + ((lane / 8) % 2) * 8) * P +
                                n0 + (lane / 16) * 8);
    split_b2(r, b0, b1);
  }
};

/// B fragments of an N-major f32 tile (the 16-bit pair's second k one row
/// further).
template <class Math, int P>
struct FragsN<Math, P, float> : F32B<Math, 1, P> {};

/// The B fragment loader of a layout.
template <bool NMAJOR, class Math, int P, class T> struct BFrags {
  typedef Frags<Math, P, T> type;
};
template <class Math, int P, class T> struct BFrags<true, Math, P, T> {
  typedef FragsN<Math, P, T> type;
};

} // namespace ts_gemm_detail

template <class Math, int MT, int NT, int BK, int KSPLIT, int PA, int PB,
          bool BNMAJOR, class TA, class TB>
TS_DEVICE void ts_gemm_warp_tile(float (&acc)[MT][NT][4], const TA *aTile,
                                 const TB *bTile, int warpRow, int warpCol,
                                 int kGroup) {
  static_assert(NT % 2 == 0, "B fragments are loaded two n8 tiles at a time");
  static_assert(BK % Math::kK == 0, "BK must be a multiple of the mma K");
  typedef typename ts_gemm_detail::BFrags<BNMAJOR, Math, PB, TB>::type FB;
  static_assert(BK % (KSPLIT * Math::kK) == 0,
                "the k-groups split BK into whole mma steps");
  TS_UNROLL
  for (int step = 0; step < BK / (KSPLIT * Math::kK); ++step) {
    const int kk = (step * KSPLIT + kGroup) * Math::kK;
    uint32_t a[MT][Math::kParts][4], b[NT][Math::kParts][2];
    TS_UNROLL
    for (int mi = 0; mi < MT; ++mi)
      ts_gemm_detail::Frags<Math, PA, TA>::a(a[mi], aTile, warpRow + mi * 16,
                                             kk);
    TS_UNROLL
    for (int ni = 0; ni < NT; ni += 2)
      FB::b2(b[ni], b[ni + 1], bTile, warpCol + ni * 8, kk);
    TS_UNROLL
    for (int mi = 0; mi < MT; ++mi) {
      TS_UNROLL
      for (int ni = 0; ni < NT; ++ni)
        Math::mma(acc[mi][ni], a[mi], b[ni]);
    }
  }
}

template <int MT, int NT, int KSPLIT, int WARPS>
TS_DEVICE void ts_gemm_splitk_reduce(float (&acc)[MT][NT][4], float *scratch,
                                     int warpMN, int kGroup) {
  constexpr int kPerWarp = MT * NT * 4 * 32;
  const int lane = threadIdx.x % 32;
  if (kGroup > 0) {
    float *dst = scratch + ((kGroup - 1) * WARPS + warpMN) * kPerWarp;
    TS_UNROLL
    for (int mi = 0; mi < MT; ++mi) {
      TS_UNROLL
      for (int ni = 0; ni < NT; ++ni) {
        TS_UNROLL
        for (int e = 0; e < 4; ++e)
          dst[((mi * NT + ni) * 4 + e) * 32 + lane] = acc[mi][ni][e];
      }
    }
  }
  ts_syncthreads();
  if (kGroup == 0) {
    for (int s = 1; s < KSPLIT; ++s) {
      const float *src = scratch + ((s - 1) * WARPS + warpMN) * kPerWarp;
      TS_UNROLL
      for (int mi = 0; mi < MT; ++mi) {
        TS_UNROLL
        for (int ni = 0; ni < NT; ++ni) {
          TS_UNROLL
          for (int e = 0; e < 4; ++e)
            acc[mi][ni][e] += src[((mi * NT + ni) * 4 + e) * 32 + lane];
        }
      }
    }
  }
}

#endif // TESSERA_PRELUDE_GEMM_CUH
