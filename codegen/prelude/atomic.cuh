//===- atomic.cuh - Device prelude: atomics on global and shared memory ---===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Read-modify-write atomics, each returning the old value (relaxed, device
// scope, like CUDA's atomicAdd & co.):
//   ts_atomic_add       float, double, int, unsigned, unsigned long long
//   ts_atomic_max/min   int, unsigned, unsigned long long, float
//   ts_atomic_cas       int, unsigned, unsigned long long
//   ts_atomic_exch      int, unsigned, unsigned long long, float
//   ts_threadfence()    __threadfence()
// The float max/min order the bit patterns as CUDA kernels usually do (signed
// max for a non-negative operand, unsigned min for a negative one), on both
// targets; with NaN operands the results are those of that integer order.
// On the host, blocks run on several OS threads: these are real atomics
// (GCC's __atomic builtins).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_ATOMIC_CUH
#define TESSERA_PRELUDE_ATOMIC_CUH

#include "tessera/core.cuh"
#include "tessera/half.cuh"

#if defined(TS_GPU)

#define TS_ATOMIC_GPU(name, fn, T)                                             \
  TS_DEVICE T name(T *address, T value) { return fn(address, value); }
TS_ATOMIC_GPU(ts_atomic_add, atomicAdd, float)
TS_ATOMIC_GPU(ts_atomic_add, atomicAdd, double)
TS_ATOMIC_GPU(ts_atomic_add, atomicAdd, int)
TS_ATOMIC_GPU(ts_atomic_add, atomicAdd, unsigned)
TS_ATOMIC_GPU(ts_atomic_add, atomicAdd, unsigned long long)
TS_ATOMIC_GPU(ts_atomic_max, atomicMax, int)
TS_ATOMIC_GPU(ts_atomic_max, atomicMax, unsigned)
TS_ATOMIC_GPU(ts_atomic_max, atomicMax, unsigned long long)
TS_ATOMIC_GPU(ts_atomic_min, atomicMin, int)
TS_ATOMIC_GPU(ts_atomic_min, atomicMin, unsigned)
TS_ATOMIC_GPU(ts_atomic_min, atomicMin, unsigned long long)
TS_ATOMIC_GPU(ts_atomic_exch, atomicExch, int)
TS_ATOMIC_GPU(ts_atomic_exch, atomicExch, unsigned)
TS_ATOMIC_GPU(ts_atomic_exch, atomicExch, unsigned long long)
TS_ATOMIC_GPU(ts_atomic_exch, atomicExch, float)
#undef TS_ATOMIC_GPU

#define TS_ATOMIC_CAS_GPU(T)                                                   \
  TS_DEVICE T ts_atomic_cas(T *address, T compare, T value) {                  \
    return atomicCAS(address, compare, value);                                 \
  }
TS_ATOMIC_CAS_GPU(int)
TS_ATOMIC_CAS_GPU(unsigned)
TS_ATOMIC_CAS_GPU(unsigned long long)
#undef TS_ATOMIC_CAS_GPU

TS_DEVICE float ts_atomic_max(float *address, float value) {
  uint32_t bits = __float_as_uint(value);
  uint32_t old =
      (bits >> 31) == 0
          ? static_cast<uint32_t>(atomicMax(reinterpret_cast<int *>(address),
                                            static_cast<int>(bits)))
          : atomicMin(reinterpret_cast<unsigned *>(address), bits);
  return __uint_as_float(old);
}
TS_DEVICE float ts_atomic_min(float *address, float value) {
  uint32_t bits = __float_as_uint(value);
  uint32_t old =
      (bits >> 31) == 0
          ? static_cast<uint32_t>(atomicMin(reinterpret_cast<int *>(address),
                                            static_cast<int>(bits)))
          : atomicMax(reinterpret_cast<unsigned *>(address), bits);
  return __uint_as_float(old);
}

TS_DEVICE void ts_threadfence() { __threadfence(); }

#else // TS_EMU

namespace ts_detail {
/// Atomically replaces *|address| by |update|(old) and returns old: a
/// compare-exchange loop on the object's bytes (so NaNs cannot stall it).
template <class T, class F> inline T atomic_update(T *address, F update) {
  T old;
  __atomic_load(address, &old, __ATOMIC_RELAXED);
  for (;;) {
    T desired = update(old);
    if (__atomic_compare_exchange(address, &old, &desired, /*weak=*/true,
                                  __ATOMIC_RELAXED, __ATOMIC_RELAXED))
      return old;
  }
}
/// The float max/min of the GPU branch, on bit patterns.
inline float float_max_by_bits(float current, float value) {
  uint32_t c = ts_float_as_uint(current), v = ts_float_as_uint(value);
  uint32_t r = (v >> 31) == 0
                   ? (static_cast<int32_t>(c) > static_cast<int32_t>(v) ? c : v)
                   : (c < v ? c : v);
  return ts_uint_as_float(r);
}
inline float float_min_by_bits(float current, float value) {
  uint32_t c = ts_float_as_uint(current), v = ts_float_as_uint(value);
  uint32_t r = (v >> 31) == 0
                   ? (static_cast<int32_t>(c) < static_cast<int32_t>(v) ? c : v)
                   : (c > v ? c : v);
  return ts_uint_as_float(r);
}
} // namespace ts_detail

#define TS_ATOMIC_FETCH_ADD(T)                                                 \
  inline T ts_atomic_add(T *address, T value) {                                \
    return __atomic_fetch_add(address, value, __ATOMIC_RELAXED);               \
  }
TS_ATOMIC_FETCH_ADD(int)
TS_ATOMIC_FETCH_ADD(unsigned)
TS_ATOMIC_FETCH_ADD(unsigned long long)
#undef TS_ATOMIC_FETCH_ADD

#define TS_ATOMIC_UPDATE(name, T, expr)                                        \
  inline T name(T *address, T value) {                                         \
    return ts_detail::atomic_update(address,                                   \
                                    [value](T old) -> T { return expr; });     \
  }
TS_ATOMIC_UPDATE(ts_atomic_add, float, old + value)
TS_ATOMIC_UPDATE(ts_atomic_add, double, old + value)
TS_ATOMIC_UPDATE(ts_atomic_max, int, old > value ? old : value)
TS_ATOMIC_UPDATE(ts_atomic_max, unsigned, old > value ? old : value)
TS_ATOMIC_UPDATE(ts_atomic_max, unsigned long long, old > value ? old : value)
TS_ATOMIC_UPDATE(ts_atomic_min, int, old < value ? old : value)
TS_ATOMIC_UPDATE(ts_atomic_min, unsigned, old < value ? old : value)
TS_ATOMIC_UPDATE(ts_atomic_min, unsigned long long, old < value ? old : value)
TS_ATOMIC_UPDATE(ts_atomic_max, float, ts_detail::float_max_by_bits(old, value))
TS_ATOMIC_UPDATE(ts_atomic_min, float, ts_detail::float_min_by_bits(old, value))
#undef TS_ATOMIC_UPDATE

#define TS_ATOMIC_EXCH(T)                                                      \
  inline T ts_atomic_exch(T *address, T value) {                               \
    T old;                                                                     \
    __atomic_exchange(address, &value, &old, __ATOMIC_RELAXED);                \
    return old;                                                                \
  }
TS_ATOMIC_EXCH(int)
TS_ATOMIC_EXCH(unsigned)
TS_ATOMIC_EXCH(unsigned long long)
TS_ATOMIC_EXCH(float)
#undef TS_ATOMIC_EXCH

#define TS_ATOMIC_CAS(T)                                                       \
  inline T ts_atomic_cas(T *address, T compare, T value) {                     \
    __atomic_compare_exchange_n(address, &compare, value, /*weak=*/false,      \
                                __ATOMIC_RELAXED, __ATOMIC_RELAXED);           \
    return compare;                                                            \
  }
TS_ATOMIC_CAS(int)
TS_ATOMIC_CAS(unsigned)
TS_ATOMIC_CAS(unsigned long long)
#undef TS_ATOMIC_CAS

inline void ts_threadfence() { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

#endif // TS_GPU / TS_EMU

#endif // TESSERA_PRELUDE_ATOMIC_CUH
