//===- vector.cuh - Device prelude: 4-, 8- and 16-byte vector accesses ----===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Vectorised global/shared memory accesses:
//   ts_vec<T, N>                    N elements of T, aligned to their size
//   ts_load_vec<N>(p)               one 4/8/16-byte load (ld.v4/v2/ld.b32)
//   ts_store_vec(p, v)              one 4/8/16-byte store
//   ts_load_global_nc<N>(p)         the same through the read-only data path
//   ts_load_global_nc(p)            one 2/4/8/16-byte scalar, read-only path
// sizeof(T) * N must be 4, 8 or 16 and |p| aligned to it: the GPU faults
// ("misaligned address") otherwise, and the emulator traps with the
// caller's file:line. The read-only forms (ld.global.nc) require that the
// kernel does not write the memory while reading it.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_VECTOR_CUH
#define TESSERA_PRELUDE_VECTOR_CUH

#include "tessera/core.cuh"

/// N values of T as one aligned unit of sizeof(T) * N bytes.
template <class T, int N> struct alignas(sizeof(T) * N) ts_vec {
  T v[N];
  TS_DEVICE T &operator[](int i) { return v[i]; }
  TS_DEVICE const T &operator[](int i) const { return v[i]; }
};

namespace ts_detail {
template <class T, int N> struct VecBytes {
  static constexpr int value = static_cast<int>(sizeof(T)) * N;
  static_assert(value == 4 || value == 8 || value == 16,
                "ts_vec accesses move 4, 8 or 16 bytes");
};
} // namespace ts_detail

#if defined(TS_GPU)

namespace ts_detail {
// The word type the hardware loads in one instruction for |Bytes|.
template <int Bytes> struct VecWord;
template <> struct VecWord<2> { typedef unsigned short type; };
template <> struct VecWord<4> { typedef unsigned int type; };
template <> struct VecWord<8> { typedef uint2 type; };
template <> struct VecWord<16> { typedef uint4 type; };
} // namespace ts_detail

template <int N, class T> TS_DEVICE ts_vec<T, N> ts_load_vec(const T *p) {
  typedef typename ts_detail::VecWord<ts_detail::VecBytes<T, N>::value>::type W;
  ts_vec<T, N> r;
  *reinterpret_cast<W *>(&r) = *reinterpret_cast<const W *>(p);
  return r;
}
template <class T, int N>
TS_DEVICE void ts_store_vec(T *p, const ts_vec<T, N> &v) {
  typedef typename ts_detail::VecWord<ts_detail::VecBytes<T, N>::value>::type W;
  *reinterpret_cast<W *>(p) = *reinterpret_cast<const W *>(&v);
}
template <int N, class T> TS_DEVICE ts_vec<T, N> ts_load_global_nc(const T *p) {
  typedef typename ts_detail::VecWord<ts_detail::VecBytes<T, N>::value>::type W;
  ts_vec<T, N> r;
  *reinterpret_cast<W *>(&r) = __ldg(reinterpret_cast<const W *>(p));
  return r;
}
template <class T> TS_DEVICE T ts_load_global_nc(const T *p) {
  static_assert(sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8 ||
                    sizeof(T) == 16,
                "ts_load_global_nc loads 2, 4, 8 or 16 bytes");
  typedef typename ts_detail::VecWord<sizeof(T)>::type W;
  W word = __ldg(reinterpret_cast<const W *>(p));
  T r;
  memcpy(&r, &word, sizeof(T));
  return r;
}

#else // TS_EMU

#include <stdio.h>

namespace ts_detail {
/// Traps (with the caller's location) unless |p| is aligned to |bytes|.
inline void check_vec_alignment(const void *p, int bytes, const char *what,
                                const char *file, int line) {
  if (reinterpret_cast<uintptr_t>(p) % static_cast<uintptr_t>(bytes) == 0)
    return;
  char message[128];
  snprintf(message, sizeof message, "%s: address %p is not %d-byte aligned",
           what, p, bytes);
  ts_emu_self->api->trap(ts_emu_self, message, file, line);
}
} // namespace ts_detail

template <int N, class T>
inline ts_vec<T, N> ts_load_vec(const T *p TS_SITE_PARAMS) {
  constexpr int bytes = ts_detail::VecBytes<T, N>::value;
  ts_detail::check_vec_alignment(p, bytes, "ts_load_vec" TS_SITE_ARGS);
  ts_vec<T, N> r;
  memcpy(&r, p, bytes);
  return r;
}
template <class T, int N>
inline void ts_store_vec(T *p, const ts_vec<T, N> &v TS_SITE_PARAMS) {
  constexpr int bytes = ts_detail::VecBytes<T, N>::value;
  ts_detail::check_vec_alignment(p, bytes, "ts_store_vec" TS_SITE_ARGS);
  memcpy(p, &v, bytes);
}
template <int N, class T>
inline ts_vec<T, N> ts_load_global_nc(const T *p TS_SITE_PARAMS) {
  constexpr int bytes = ts_detail::VecBytes<T, N>::value;
  ts_detail::check_vec_alignment(p, bytes, "ts_load_global_nc" TS_SITE_ARGS);
  ts_vec<T, N> r;
  memcpy(&r, p, bytes);
  return r;
}
template <class T> inline T ts_load_global_nc(const T *p TS_SITE_PARAMS) {
  static_assert(sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8 ||
                    sizeof(T) == 16,
                "ts_load_global_nc loads 2, 4, 8 or 16 bytes");
  ts_detail::check_vec_alignment(p, static_cast<int>(sizeof(T)),
                                 "ts_load_global_nc" TS_SITE_ARGS);
  T r;
  memcpy(&r, p, sizeof(T));
  return r;
}

#endif // TS_GPU / TS_EMU

#endif // TESSERA_PRELUDE_VECTOR_CUH
