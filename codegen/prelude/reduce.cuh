//===- reduce.cuh - Device prelude: warp and block reductions -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Float reductions whose result every participating thread receives:
//   ts_warp_reduce_sum/max/min(v)            all 32 lanes of the warp call it
//   ts_block_reduce_sum/max/min(v, scratch)  every thread of the block calls
//                                            it; |scratch| is >= 32 floats of
//                                            shared memory (TS_SHARED)
// Warp reductions are an xor butterfly of shfl.sync.bfly with the full mask,
// so every lane computes the same operations in the same order: the result
// is bit-identical in all lanes. A block reduction reduces each warp, writes
// one partial per warp to |scratch|, synchronises, lets every warp reduce
// the partials, and synchronises again, so |scratch| may be reused (or
// written by the next reduction) right after it returns. The block must be
// 32..1024 threads, a multiple of 32 (blockDim.x * y * z).
// max/min follow ts_fmax/ts_fmin (a NaN operand gives the other operand).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_REDUCE_CUH
#define TESSERA_PRELUDE_REDUCE_CUH

#include "tessera/core.cuh"
#include "tessera/math.cuh"
#include "tessera/warp.cuh"

namespace ts_detail {
struct ReduceSum {
  TS_DEVICE float operator()(float a, float b) const { return a + b; }
  TS_DEVICE static float identity() { return 0.0f; }
};
struct ReduceMax {
  TS_DEVICE float operator()(float a, float b) const { return ts_fmax(a, b); }
  TS_DEVICE static float identity() { return ts_uint_as_float(0xff800000u); }
};
struct ReduceMin {
  TS_DEVICE float operator()(float a, float b) const { return ts_fmin(a, b); }
  TS_DEVICE static float identity() { return ts_uint_as_float(0x7f800000u); }
};

template <class Op> TS_DEVICE float warp_reduce(float v TS_SITE_PARAMS) {
  Op op;
  TS_UNROLL
  for (int offset = 16; offset > 0; offset >>= 1)
    v = op(v, ts_shfl_xor_sync(TS_FULL_MASK, v, offset, 32 TS_SITE_ARGS));
  return v;
}

template <class Op>
TS_DEVICE float block_reduce(float v, float *scratch TS_SITE_PARAMS) {
  unsigned thread =
      threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  unsigned warps = (blockDim.x * blockDim.y * blockDim.z) / 32;
  unsigned lane = thread % 32;
  v = warp_reduce<Op>(v TS_SITE_ARGS);
  if (lane == 0)
    scratch[thread / 32] = v;
  ts_syncthreads(TS_SITE_ARGS0);
  float partial = lane < warps ? scratch[lane] : Op::identity();
  partial = warp_reduce<Op>(partial TS_SITE_ARGS);
  // No thread may write |scratch| again before every warp has read it.
  ts_syncthreads(TS_SITE_ARGS0);
  return partial;
}
} // namespace ts_detail

TS_DEVICE float ts_warp_reduce_sum(float v TS_SITE_PARAMS) {
  return ts_detail::warp_reduce<ts_detail::ReduceSum>(v TS_SITE_ARGS);
}
TS_DEVICE float ts_warp_reduce_max(float v TS_SITE_PARAMS) {
  return ts_detail::warp_reduce<ts_detail::ReduceMax>(v TS_SITE_ARGS);
}
TS_DEVICE float ts_warp_reduce_min(float v TS_SITE_PARAMS) {
  return ts_detail::warp_reduce<ts_detail::ReduceMin>(v TS_SITE_ARGS);
}
TS_DEVICE float ts_block_reduce_sum(float v, float *scratch TS_SITE_PARAMS) {
  return ts_detail::block_reduce<ts_detail::ReduceSum>(v, scratch TS_SITE_ARGS);
}
TS_DEVICE float ts_block_reduce_max(float v, float *scratch TS_SITE_PARAMS) {
  return ts_detail::block_reduce<ts_detail::ReduceMax>(v, scratch TS_SITE_ARGS);
}
TS_DEVICE float ts_block_reduce_min(float v, float *scratch TS_SITE_PARAMS) {
  return ts_detail::block_reduce<ts_detail::ReduceMin>(v, scratch TS_SITE_ARGS);
}

#endif // TESSERA_PRELUDE_REDUCE_CUH
