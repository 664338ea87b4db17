//===- warp.cuh - Device prelude: warp shuffles and votes -----------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Warp collectives with explicit member masks, on any 2-, 4- or 8-byte type:
//   ts_shfl_sync(mask, v, srcLane, width = 32)
//   ts_shfl_up_sync / ts_shfl_down_sync(mask, v, delta, width = 32)
//   ts_shfl_xor_sync(mask, v, laneMask, width = 32)
//   ts_ballot_sync(mask, pred), ts_all_sync(mask, pred), ts_any_sync(...)
// Every lane of |mask| must execute the same call; the emulator reports a
// collective that not all of them reach.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_WARP_CUH
#define TESSERA_PRELUDE_WARP_CUH

#include "tessera/core.cuh"

#define TS_FULL_MASK 0xffffffffu

#if defined(TS_GPU)

namespace ts_detail {
enum ShuffleKind { kIdx, kUp, kDown, kXor };
template <class B>
TS_DEVICE B shuffle_word(unsigned mask, B bits, ShuffleKind kind, int arg,
                         int width) {
  switch (kind) {
  case kIdx:
    return __shfl_sync(mask, bits, arg, width);
  case kUp:
    return __shfl_up_sync(mask, bits, arg, width);
  case kDown:
    return __shfl_down_sync(mask, bits, arg, width);
  default:
    return __shfl_xor_sync(mask, bits, arg, width);
  }
}
template <class T>
TS_DEVICE T shuffle(unsigned mask, T v, ShuffleKind kind, int arg, int width) {
  static_assert(sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8,
                "warp shuffles move 2-, 4- or 8-byte values");
  if constexpr (sizeof(T) <= 4) {
    unsigned bits = 0;
    memcpy(&bits, &v, sizeof(T));
    bits = shuffle_word(mask, bits, kind, arg, width);
    memcpy(&v, &bits, sizeof(T));
  } else {
    unsigned long long bits;
    memcpy(&bits, &v, sizeof(T));
    bits = shuffle_word(mask, bits, kind, arg, width);
    memcpy(&v, &bits, sizeof(T));
  }
  return v;
}
} // namespace ts_detail

template <class T>
TS_DEVICE T ts_shfl_sync(unsigned mask, T v, int srcLane, int width = 32) {
  return ts_detail::shuffle(mask, v, ts_detail::kIdx, srcLane, width);
}
template <class T>
TS_DEVICE T ts_shfl_up_sync(unsigned mask, T v, int delta, int width = 32) {
  return ts_detail::shuffle(mask, v, ts_detail::kUp, delta, width);
}
template <class T>
TS_DEVICE T ts_shfl_down_sync(unsigned mask, T v, int delta, int width = 32) {
  return ts_detail::shuffle(mask, v, ts_detail::kDown, delta, width);
}
template <class T>
TS_DEVICE T ts_shfl_xor_sync(unsigned mask, T v, int laneMask,
                             int width = 32) {
  return ts_detail::shuffle(mask, v, ts_detail::kXor, laneMask, width);
}
TS_DEVICE unsigned ts_ballot_sync(unsigned mask, bool pred) {
  return __ballot_sync(mask, pred);
}
TS_DEVICE bool ts_all_sync(unsigned mask, bool pred) {
  return __all_sync(mask, pred);
}
TS_DEVICE bool ts_any_sync(unsigned mask, bool pred) {
  return __any_sync(mask, pred);
}

#else // TS_EMU

namespace ts_detail {
template <class T>
inline T shuffle(unsigned mask, T v, int kind, int arg, int width,
                 const char *file, int line) {
  static_assert(sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8,
                "warp shuffles move 2-, 4- or 8-byte values");
  uint64_t bits = 0;
  memcpy(&bits, &v, sizeof(T));
  bits = ts_emu_self->api->shfl(ts_emu_self, mask, bits, kind, arg, width,
                                file, line);
  memcpy(&v, &bits, sizeof(T));
  return v;
}
} // namespace ts_detail

template <class T>
inline T ts_shfl_sync(unsigned mask, T v, int srcLane,
                      int width = 32 TS_SITE_PARAMS) {
  return ts_detail::shuffle(mask, v, TS_SHFL_IDX, srcLane, width TS_SITE_ARGS);
}
template <class T>
inline T ts_shfl_up_sync(unsigned mask, T v, int delta,
                         int width = 32 TS_SITE_PARAMS) {
  return ts_detail::shuffle(mask, v, TS_SHFL_UP, delta, width TS_SITE_ARGS);
}
template <class T>
inline T ts_shfl_down_sync(unsigned mask, T v, int delta,
                           int width = 32 TS_SITE_PARAMS) {
  return ts_detail::shuffle(mask, v, TS_SHFL_DOWN, delta, width TS_SITE_ARGS);
}
template <class T>
inline T ts_shfl_xor_sync(unsigned mask, T v, int laneMask,
                          int width = 32 TS_SITE_PARAMS) {
  return ts_detail::shuffle(mask, v, TS_SHFL_BFLY, laneMask,
                            width TS_SITE_ARGS);
}
inline unsigned ts_ballot_sync(unsigned mask, bool pred TS_SITE_PARAMS) {
  return ts_emu_self->api->ballot(ts_emu_self, mask, pred ? 1 : 0,
                                  TS_SITE_ARGS0);
}
inline bool ts_all_sync(unsigned mask, bool pred TS_SITE_PARAMS) {
  return ts_ballot_sync(mask, pred TS_SITE_ARGS) == mask;
}
inline bool ts_any_sync(unsigned mask, bool pred TS_SITE_PARAMS) {
  return ts_ballot_sync(mask, pred TS_SITE_ARGS) != 0;
}

#endif // TS_GPU / TS_EMU

#endif // TESSERA_PRELUDE_WARP_CUH
