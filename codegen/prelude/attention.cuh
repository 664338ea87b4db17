//===- attention.cuh - Device prelude: flash-attention warp pieces --------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The per-warp pieces of the generated flash-attention kernel
// (codegen/AttentionEmitter.cpp). A warp owns 16 query rows; with
// g = lane / 4 and t = lane % 4 it holds, per n8 tile j of a 16 x N
// accumulator, acc[j][0..1] = (row g, cols 8j + 2t, +1) and acc[j][2..3] =
// (row g + 8, same cols): the mma.sync C layout.
//
// Modes (template parameter kMode) say how Q·Kᵀ and P·V are multiplied:
//   TS_ATTN_F32X3  f32 tiles, 3xTF32 split (x = big + small, both tf32; the
//                  small·small term dropped), m16n8k8, about f32 accuracy
//   TS_ATTN_TF32   f32 tiles, operands rounded to tf32, m16n8k8
//   TS_ATTN_BF16   ts_bf16 tiles, m16n8k16 (ldmatrix), P rounded to bf16
//   TS_ATTN_F16    ts_half tiles, m16n8k16 (ldmatrix), P rounded to f16
// Shared tiles are row-major with a pitch (elements): Q [16 rows][pitch]
// from the warp's first row, K [keys][pitch] (d contiguous), V
// [keys][pitch] (dv contiguous). 16-bit tiles need 16-byte aligned rows.
//
//   ts_attn_scores<kMode, kNT, kD>(s, q, qPitch, k, kPitch)
//       s[kNT][4] = Q[16 x kD] · K[8 kNT x kD]ᵀ
//   ts_attn_online_softmax<kNT>(s, m, l, alpha)
//       the row update: m = max(m, row max of s) (quad shuffles), s =
//       exp(s - m) (0 where s = -inf; a row that is -inf so far uses 0 as
//       its base), l = alpha l + this thread's partial sum, alpha =
//       exp(m_old - m) for rescaling O. l stays a per-thread partial until
//       ts_attn_row_sum.
//   ts_attn_rescale<kNV>(o, alpha)           o rows *= alpha
//   ts_attn_pv<kMode, kNT, kNV>(o, p, v, vPitch)
//       o[kNV][4] += P[16 x 8 kNT] · V[8 kNT x 8 kNV]; P (the accumulators
//       of ts_attn_scores) re-packed into A fragments in registers: two n8
//       tiles per k16 A fragment (16-bit), or one n8 tile per k8 fragment
//       through quad shuffles (tf32).
//   ts_attn_row_sum(l)                       the quad-reduced row sums
// Everything here is composed of other prelude functions (mma.cuh,
// warp.cuh, math.cuh, half.cuh), which have the GPU and emulator branches.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_ATTENTION_CUH
#define TESSERA_PRELUDE_ATTENTION_CUH

#include "tessera/core.cuh"
#include "tessera/half.cuh"
#include "tessera/math.cuh"
#include "tessera/mma.cuh"
#include "tessera/warp.cuh"

#define TS_ATTN_F32X3 0
#define TS_ATTN_TF32 1
#define TS_ATTN_BF16 2
#define TS_ATTN_F16 3

/// The element type of the shared tiles of a mode.
template <int kMode> struct ts_attn_tile { typedef float type; };
template <> struct ts_attn_tile<TS_ATTN_BF16> { typedef ts_bf16 type; };
template <> struct ts_attn_tile<TS_ATTN_F16> { typedef ts_half type; };

/// Converts a float to the tile element type of |kMode| (tf32 modes keep
/// f32 in the tiles and round or split when building fragments).
template <int kMode>
TS_DEVICE typename ts_attn_tile<kMode>::type ts_attn_to_tile(float x) {
  if constexpr (kMode == TS_ATTN_BF16)
    return ts_float_to_bf16(x);
  else if constexpr (kMode == TS_ATTN_F16)
    return ts_float_to_half(x);
  else
    return x;
}

namespace ts_attn_detail {

/// One m16n8k8 product of f32 fragments: tf32-rounded, or 3xTF32.
template <int kMode>
TS_DEVICE void mma_f32(float (&d)[4], const float (&a)[4],
                       const float (&b)[2]) {
  uint32_t ab[4], bb[2];
  for (int i = 0; i < 4; ++i)
    ab[i] = ts_float_to_tf32(a[i]);
  for (int i = 0; i < 2; ++i)
    bb[i] = ts_float_to_tf32(b[i]);
  if constexpr (kMode == TS_ATTN_F32X3) {
    uint32_t as[4], bs[2];
    for (int i = 0; i < 4; ++i)
      as[i] = ts_float_to_tf32(a[i] - ts_uint_as_float(ab[i]));
    for (int i = 0; i < 2; ++i)
      bs[i] = ts_float_to_tf32(b[i] - ts_uint_as_float(bb[i]));
    // Small terms first: they are the least significant.
    ts_mma_m16n8k8_tf32(d, as, bb, d);
    ts_mma_m16n8k8_tf32(d, ab, bs, d);
  }
  ts_mma_m16n8k8_tf32(d, ab, bb, d);
}

template <int kMode>
TS_DEVICE void mma_16(float (&d)[4], const uint32_t (&a)[4],
                      const uint32_t (&b)[2]) {
  if constexpr (kMode == TS_ATTN_BF16)
    ts_mma_m16n8k16_bf16(d, a, b, d);
  else
    ts_mma_m16n8k16_f16(d, a, b, d);
}

template <int kMode> TS_DEVICE uint32_t pack2(float lo, float hi) {
  if constexpr (kMode == TS_ATTN_BF16)
    return ts_float2_to_bf16x2(lo, hi);
  else
    return ts_float2_to_half2(lo, hi);
}

} // namespace ts_attn_detail

template <int kMode, int kNT, int kD>
TS_DEVICE void
ts_attn_scores(float (&s)[kNT][4], const typename ts_attn_tile<kMode>::type *q,
               int qPitch, const typename ts_attn_tile<kMode>::type *k,
               int kPitch) {
  const int lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
  for (int j = 0; j < kNT; ++j)
    for (int e = 0; e < 4; ++e)
      s[j][e] = 0.0f;
  if constexpr (kMode == TS_ATTN_BF16 || kMode == TS_ATTN_F16) {
    static_assert(kD % 16 == 0 && kNT % 2 == 0, "k16 steps, n16 pairs");
    for (int kk = 0; kk < kD; kk += 16) {
      // a[0..3] = (rows 0-7, kk), (8-15, kk), (0-7, kk+8), (8-15, kk+8).
      uint32_t a[4];
      ts_ldmatrix_x4(a, q + (lane % 16) * qPitch + kk + (lane / 16) * 8);
      for (int j = 0; j < kNT; j += 2) {
        // Keys (j, kk), (j, kk+8), (j+1, kk), (j+1, kk+8): K is B[N, K].
        uint32_t r[4];
        ts_ldmatrix_x4(r, k + (j * 8 + lane % 8 + (lane / 16) * 8) * kPitch +
                              kk + ((lane / 8) % 2) * 8);
        const uint32_t b0[2] = {r[0], r[1]}, b1[2] = {r[2], r[3]};
        ts_attn_detail::mma_16<kMode>(s[j], a, b0);
        ts_attn_detail::mma_16<kMode>(s[j + 1], a, b1);
      }
    }
  } else {
    static_assert(kD % 8 == 0, "k8 steps");
    for (int kk = 0; kk < kD; kk += 8) {
      const float a[4] = {q[g * qPitch + kk + t], q[(g + 8) * qPitch + kk + t],
                          q[g * qPitch + kk + t + 4],
                          q[(g + 8) * qPitch + kk + t + 4]};
      for (int j = 0; j < kNT; ++j) {
        const float *row = k + (j * 8 + g) * kPitch + kk;
        const float b[2] = {row[t], row[t + 4]};
        ts_attn_detail::mma_f32<kMode>(s[j], a, b);
      }
    }
  }
}

template <int kNT>
TS_DEVICE void ts_attn_online_softmax(float (&s)[kNT][4], float (&m)[2],
                                      float (&l)[2], float (&alpha)[2]) {
  for (int r = 0; r < 2; ++r) {
    float mx = m[r];
    for (int j = 0; j < kNT; ++j)
      mx = ts_fmax(mx, ts_fmax(s[j][2 * r], s[j][2 * r + 1]));
    mx = ts_fmax(mx, ts_shfl_xor_sync(TS_FULL_MASK, mx, 1));
    mx = ts_fmax(mx, ts_shfl_xor_sync(TS_FULL_MASK, mx, 2));
    // A row without a finite score yet: base 0, so exp(-inf - 0) = 0.
    const float base = mx == ts_uint_as_float(0xff800000u) ? 0.0f : mx;
    alpha[r] = ts_exp(m[r] - base);
    float sum = 0.0f;
    for (int j = 0; j < kNT; ++j)
      for (int e = 2 * r; e < 2 * r + 2; ++e) {
        s[j][e] = ts_exp(s[j][e] - base);
        sum += s[j][e];
      }
    l[r] = l[r] * alpha[r] + sum;
    m[r] = mx;
  }
}

template <int kNV>
TS_DEVICE void ts_attn_rescale(float (&o)[kNV][4], const float (&alpha)[2]) {
  for (int n = 0; n < kNV; ++n)
    for (int e = 0; e < 4; ++e)
      o[n][e] *= alpha[e / 2];
}

template <int kMode, int kNT, int kNV>
TS_DEVICE void ts_attn_pv(float (&o)[kNV][4], const float (&p)[kNT][4],
                          const typename ts_attn_tile<kMode>::type *v,
                          int vPitch) {
  const int lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
  if constexpr (kMode == TS_ATTN_BF16 || kMode == TS_ATTN_F16) {
    static_assert(kNT % 2 == 0 && kNV % 2 == 0, "k16 steps, n16 pairs");
    for (int kc = 0; kc < kNT / 2; ++kc) {
      // The C layout of two n8 tiles is the A layout of one k16 step.
      const uint32_t a[4] = {
          ts_attn_detail::pack2<kMode>(p[2 * kc][0], p[2 * kc][1]),
          ts_attn_detail::pack2<kMode>(p[2 * kc][2], p[2 * kc][3]),
          ts_attn_detail::pack2<kMode>(p[2 * kc + 1][0], p[2 * kc + 1][1]),
          ts_attn_detail::pack2<kMode>(p[2 * kc + 1][2], p[2 * kc + 1][3])};
      for (int n = 0; n < kNV; n += 2) {
        // V is B[K, N] (dv contiguous): transposed on the way.
        uint32_t r[4];
        ts_ldmatrix_x4_trans(
            r, v + (kc * 16 + lane % 8 + ((lane / 8) % 2) * 8) * vPitch +
                   n * 8 + (lane / 16) * 8);
        const uint32_t b0[2] = {r[0], r[1]}, b1[2] = {r[2], r[3]};
        ts_attn_detail::mma_16<kMode>(o[n], a, b0);
        ts_attn_detail::mma_16<kMode>(o[n + 1], a, b1);
      }
    }
  } else {
    // tf32 A fragment of k8 step kc: a[0] = P[g][t], a[1] = P[g+8][t],
    // a[2] = P[g][t+4], a[3] = P[g+8][t+4]; column c of tile kc sits in lane
    // 4g + c / 2, register c % 2 (+2 for row g + 8).
    const int src0 = g * 4 + t / 2, src1 = src0 + 2;
    const bool odd = t % 2;
    for (int kc = 0; kc < kNT; ++kc) {
      float x[8];
      for (int e = 0; e < 4; ++e) {
        x[e] = ts_shfl_sync(TS_FULL_MASK, p[kc][e], src0);
        x[4 + e] = ts_shfl_sync(TS_FULL_MASK, p[kc][e], src1);
      }
      const float a[4] = {odd ? x[1] : x[0], odd ? x[3] : x[2],
                          odd ? x[5] : x[4], odd ? x[7] : x[6]};
      for (int n = 0; n < kNV; ++n) {
        const float *col = v + kc * 8 * vPitch + n * 8 + g;
        const float b[2] = {col[t * vPitch], col[(t + 4) * vPitch]};
        ts_attn_detail::mma_f32<kMode>(o[n], a, b);
      }
    }
  }
}

TS_DEVICE void ts_attn_row_sum(float (&l)[2]) {
  for (int r = 0; r < 2; ++r) {
    l[r] += ts_shfl_xor_sync(TS_FULL_MASK, l[r], 1);
    l[r] += ts_shfl_xor_sync(TS_FULL_MASK, l[r], 2);
  }
}

#endif // TESSERA_PRELUDE_ATTENTION_CUH
