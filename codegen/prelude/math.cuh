//===- math.cuh - Device prelude: the float math whitelist ----------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The math functions generated kernels may call, all in float (convert
// f16/bf16 with half.cuh first). On the GPU they are CUDA's single-precision
// functions (expf: 2 ulp, rsqrtf: 2 ulp, the rest as CUDA's math API says;
// -use_fast_math is never set); on the host they are the C library's. So
// compare emulated and GPU results with tolerances, never bit for bit; the
// exact ones (fabs, fmin, fmax, floor, ceil, round, rint, fma, sqrt, fdiv,
// the predicates) agree exactly.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_MATH_CUH
#define TESSERA_PRELUDE_MATH_CUH

#include "tessera/core.cuh"
#include "tessera/half.cuh"

#if defined(TS_GPU)
#define TS_MATH_1(name, fn)                                                    \
  TS_DEVICE float name(float x) { return fn(x); }
#define TS_MATH_2(name, fn)                                                    \
  TS_DEVICE float name(float x, float y) { return fn(x, y); }
#else
#define TS_MATH_1(name, fn)                                                    \
  inline float name(float x) { return ::fn(x); }
#define TS_MATH_2(name, fn)                                                    \
  inline float name(float x, float y) { return ::fn(x, y); }
#endif

TS_MATH_1(ts_exp, expf)
TS_MATH_1(ts_exp2, exp2f)
TS_MATH_1(ts_expm1, expm1f)
TS_MATH_1(ts_log, logf)
TS_MATH_1(ts_log2, log2f)
TS_MATH_1(ts_log1p, log1pf)
TS_MATH_1(ts_tanh, tanhf)
TS_MATH_1(ts_erf, erff)
TS_MATH_1(ts_erfc, erfcf)
TS_MATH_1(ts_sqrt, sqrtf)
TS_MATH_1(ts_sin, sinf)
TS_MATH_1(ts_cos, cosf)
TS_MATH_1(ts_tan, tanf)
TS_MATH_1(ts_asin, asinf)
TS_MATH_1(ts_acos, acosf)
TS_MATH_1(ts_atan, atanf)
TS_MATH_1(ts_sinh, sinhf)
TS_MATH_1(ts_cosh, coshf)
TS_MATH_1(ts_asinh, asinhf)
TS_MATH_1(ts_acosh, acoshf)
TS_MATH_1(ts_atanh, atanhf)
/// Rounds toward zero.
TS_MATH_1(ts_trunc, truncf)
TS_MATH_1(ts_fabs, fabsf)
TS_MATH_1(ts_floor, floorf)
TS_MATH_1(ts_ceil, ceilf)
/// Halfway cases away from zero (roundf; ONNX Round is ts_rint).
TS_MATH_1(ts_round, roundf)
/// Halfway cases to even (in the default rounding mode).
TS_MATH_1(ts_rint, rintf)
TS_MATH_2(ts_pow, powf)
/// The remainder of x / y with the sign of x (C fmod; exact).
TS_MATH_2(ts_fmod, fmodf)
/// IEEE minNum/maxNum: a NaN operand gives the other operand.
TS_MATH_2(ts_fmin, fminf)
TS_MATH_2(ts_fmax, fmaxf)

#undef TS_MATH_1
#undef TS_MATH_2

#if defined(TS_GPU)
TS_DEVICE float ts_rsqrt(float x) { return rsqrtf(x); }
/// x * y + z with one rounding.
TS_DEVICE float ts_fma(float x, float y, float z) { return fmaf(x, y, z); }
/// Correctly rounded x / y (also under -use_fast_math).
TS_DEVICE float ts_fdiv(float x, float y) { return __fdiv_rn(x, y); }
#else
inline float ts_rsqrt(float x) { return 1.0f / ::sqrtf(x); }
inline float ts_fma(float x, float y, float z) { return ::fmaf(x, y, z); }
inline float ts_fdiv(float x, float y) { return x / y; }
#endif

TS_DEVICE bool ts_isnan(float x) {
  return (ts_float_as_uint(x) & 0x7fffffffu) > 0x7f800000u;
}
TS_DEVICE bool ts_isinf(float x) {
  return (ts_float_as_uint(x) & 0x7fffffffu) == 0x7f800000u;
}
TS_DEVICE bool ts_isfinite(float x) {
  return (ts_float_as_uint(x) & 0x7fffffffu) < 0x7f800000u;
}

/// 1 / (1 + e^-x).
TS_DEVICE float ts_sigmoid(float x) { return 1.0f / (1.0f + ts_exp(-x)); }
/// GELU, exact form: x/2 * (1 + erf(x / sqrt(2))).
TS_DEVICE float ts_gelu_erf(float x) {
  // 1 + erf(x/sqrt 2) = erfc(-x/sqrt 2), without the cancellation of the
  // former for x below about -4.5.
  return 0.5f * x * ts_erfc(x * -0.70710678118654752f);
}
/// GELU, tanh approximation: x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
TS_DEVICE float ts_gelu_tanh(float x) {
  float inner = 0.79788456080286536f * (x + 0.044715f * x * x * x);
  return 0.5f * x * (1.0f + ts_tanh(inner));
}

#endif // TESSERA_PRELUDE_MATH_CUH
