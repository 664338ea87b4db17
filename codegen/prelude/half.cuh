//===- half.cuh - Device prelude: f16, bf16 and tf32 conversions ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// 16-bit floating-point storage types and their conversions. Kernels keep
// f16/bf16 in memory and registers as ts_half / ts_bf16 (a uint16_t, no
// arithmetic) and compute in float:
//   ts_half_to_float / ts_float_to_half      f16 <-> f32, to nearest even
//   ts_bf16_to_float / ts_float_to_bf16      bf16 <-> f32, to nearest even
//   ts_float_to_tf32                         f32 -> tf32 bits, nearest, ties
//                                            away from zero (cvt.rna)
//   ts_pack_half2 / ts_pack_bf16x2(lo, hi)   two 16-bit values in one uint32_t,
//   ts_unpack_half2 / ts_unpack_bf16x2       |lo| in bits 0-15 (mma fragments)
//   ts_float2_to_half2 / ts_float2_to_bf16x2 convert and pack in one step
//   ts_float_as_uint / ts_uint_as_float      bit casts
// The host conversions are exact bit manipulations that give the GPU's
// results for every finite value, infinity and subnormal. NaNs stay NaNs of
// the same sign; the host keeps the payload's top bits (like x86 and GCC's
// _Float16), the GPU may return a canonical NaN instead.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_HALF_CUH
#define TESSERA_PRELUDE_HALF_CUH

#include "tessera/core.cuh"

/// An IEEE binary16 value in storage form. Trivial: arrays of it can live in
/// global or shared memory, and 8 of them fill a 16-byte vector.
struct ts_half {
  uint16_t bits;
};

/// A bfloat16 value (the top half of an f32) in storage form.
struct ts_bf16 {
  uint16_t bits;
};

TS_DEVICE ts_half ts_half_from_bits(uint16_t bits) {
  ts_half h;
  h.bits = bits;
  return h;
}
TS_DEVICE ts_bf16 ts_bf16_from_bits(uint16_t bits) {
  ts_bf16 b;
  b.bits = bits;
  return b;
}

TS_DEVICE uint32_t ts_pack_half2(ts_half lo, ts_half hi) {
  return static_cast<uint32_t>(lo.bits) |
         (static_cast<uint32_t>(hi.bits) << 16);
}
TS_DEVICE uint32_t ts_pack_bf16x2(ts_bf16 lo, ts_bf16 hi) {
  return static_cast<uint32_t>(lo.bits) |
         (static_cast<uint32_t>(hi.bits) << 16);
}
TS_DEVICE void ts_unpack_half2(uint32_t packed, ts_half &lo, ts_half &hi) {
  lo.bits = static_cast<uint16_t>(packed & 0xffffu);
  hi.bits = static_cast<uint16_t>(packed >> 16);
}
TS_DEVICE void ts_unpack_bf16x2(uint32_t packed, ts_bf16 &lo, ts_bf16 &hi) {
  lo.bits = static_cast<uint16_t>(packed & 0xffffu);
  hi.bits = static_cast<uint16_t>(packed >> 16);
}

//===----------------------------------------------------------------------===//
// GPU: PTX cvt (sm_80+ for bf16 and tf32)
//===----------------------------------------------------------------------===//
#if defined(TS_GPU)

TS_DEVICE uint32_t ts_float_as_uint(float f) { return __float_as_uint(f); }
TS_DEVICE float ts_uint_as_float(uint32_t u) { return __uint_as_float(u); }

TS_DEVICE float ts_half_to_float(ts_half h) {
  float f;
  asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(h.bits));
  return f;
}
TS_DEVICE ts_half ts_float_to_half(float f) {
  ts_half h;
  asm("cvt.rn.f16.f32 %0, %1;" : "=h"(h.bits) : "f"(f));
  return h;
}
// bf16 -> f32 is exact: the bf16 bits are the f32's top half.
TS_DEVICE float ts_bf16_to_float(ts_bf16 b) {
  return __uint_as_float(static_cast<uint32_t>(b.bits) << 16);
}
TS_DEVICE ts_bf16 ts_float_to_bf16(float f) {
  ts_bf16 b;
  asm("cvt.rn.bf16.f32 %0, %1;" : "=h"(b.bits) : "f"(f));
  return b;
}
// cvt's packed forms take the high half first.
TS_DEVICE uint32_t ts_float2_to_half2(float lo, float hi) {
  uint32_t packed;
  asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(packed) : "f"(hi), "f"(lo));
  return packed;
}
TS_DEVICE uint32_t ts_float2_to_bf16x2(float lo, float hi) {
  uint32_t packed;
  asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(packed) : "f"(hi), "f"(lo));
  return packed;
}
/// The tf32 bits of |f| (an f32 with the low 13 mantissa bits zero), as the
/// tf32 mma.sync takes them.
TS_DEVICE uint32_t ts_float_to_tf32(float f) {
  uint32_t bits;
  asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(bits) : "f"(f));
  return bits;
}

//===----------------------------------------------------------------------===//
// Host: exact bit manipulation
//===----------------------------------------------------------------------===//
#else // TS_EMU

inline uint32_t ts_float_as_uint(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}
inline float ts_uint_as_float(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

namespace ts_detail {

/// binary16 bits -> binary32 bits; exact (NaNs are quieted, payload kept).
inline uint32_t f16_to_f32_bits(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1fu;
  uint32_t mantissa = h & 0x3ffu;
  if (exponent == 0x1f) // infinity or NaN
    return sign | 0x7f800000u | (mantissa ? 0x400000u | (mantissa << 13) : 0);
  if (exponent == 0) {
    if (mantissa == 0)
      return sign;
    // Subnormal: mantissa * 2^-24; normalise.
    exponent = 127 - 14;
    while (!(mantissa & 0x400u)) {
      mantissa <<= 1;
      --exponent;
    }
    return sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13);
  }
  return sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
}

/// binary32 bits -> binary16 bits, round to nearest even.
inline uint16_t f32_to_f16_bits(uint32_t x) {
  uint32_t sign = (x >> 16) & 0x8000u;
  uint32_t magnitude = x & 0x7fffffffu;
  if (magnitude >= 0x7f800000u) { // infinity or NaN
    if (magnitude == 0x7f800000u)
      return static_cast<uint16_t>(sign | 0x7c00u);
    return static_cast<uint16_t>(sign | 0x7e00u | ((magnitude >> 13) & 0x3ffu));
  }
  // 65520 (halfway between 65504 and 2^16) and above round to infinity.
  if (magnitude >= 0x477ff000u)
    return static_cast<uint16_t>(sign | 0x7c00u);
  if (magnitude >= 0x38800000u) { // normal in f16: >= 2^-14
    uint32_t rebiased = magnitude - ((127u - 15u) << 23);
    rebiased += 0xfffu + ((rebiased >> 13) & 1u);
    return static_cast<uint16_t>(sign | (rebiased >> 13));
  }
  // Subnormal in f16 (units of 2^-24); 2^-25 and below round to zero.
  if (magnitude <= 0x33000000u)
    return static_cast<uint16_t>(sign);
  uint32_t exponent = magnitude >> 23; // 102..112
  uint32_t mantissa = (magnitude & 0x7fffffu) | 0x800000u;
  uint32_t shift = 126 - exponent; // 14..24
  uint32_t result = mantissa >> shift;
  uint32_t rest = mantissa & ((1u << shift) - 1);
  uint32_t half = 1u << (shift - 1);
  if (rest > half || (rest == half && (result & 1u)))
    ++result;
  return static_cast<uint16_t>(sign | result);
}

/// binary32 bits -> bfloat16 bits, round to nearest even.
inline uint16_t f32_to_bf16_bits(uint32_t x) {
  if ((x & 0x7fffffffu) > 0x7f800000u) // NaN: quiet, keep the top payload
    return static_cast<uint16_t>((x >> 16) | 0x40u);
  x += 0x7fffu + ((x >> 16) & 1u);
  return static_cast<uint16_t>(x >> 16);
}

} // namespace ts_detail

inline float ts_half_to_float(ts_half h) {
  return ts_uint_as_float(ts_detail::f16_to_f32_bits(h.bits));
}
inline ts_half ts_float_to_half(float f) {
  return ts_half_from_bits(ts_detail::f32_to_f16_bits(ts_float_as_uint(f)));
}
inline float ts_bf16_to_float(ts_bf16 b) {
  return ts_uint_as_float(static_cast<uint32_t>(b.bits) << 16);
}
inline ts_bf16 ts_float_to_bf16(float f) {
  return ts_bf16_from_bits(ts_detail::f32_to_bf16_bits(ts_float_as_uint(f)));
}
inline uint32_t ts_float2_to_half2(float lo, float hi) {
  return ts_pack_half2(ts_float_to_half(lo), ts_float_to_half(hi));
}
inline uint32_t ts_float2_to_bf16x2(float lo, float hi) {
  return ts_pack_bf16x2(ts_float_to_bf16(lo), ts_float_to_bf16(hi));
}
/// Round to the nearest tf32 (10 mantissa bits), ties away from zero, as
/// cvt.rna.tf32.f32: the result is an f32 bit pattern with the low 13 bits
/// zero. Overflow gives infinity; NaN stays a (quiet) NaN.
inline uint32_t ts_float_to_tf32(float f) {
  uint32_t x = ts_float_as_uint(f);
  if ((x & 0x7fffffffu) > 0x7f800000u)
    return (x | 0x400000u) & 0xffffe000u;
  return (x + 0x1000u) & 0xffffe000u;
}

#endif // TS_GPU / TS_EMU

#endif // TESSERA_PRELUDE_HALF_CUH
