//===- reduce_atomic.cu - Sum and count over many blocks with atomics -----===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Hand-written in the style of the code generator's full-reduction emitter.
//
// Fused ops: ReduceSum(x) over all n elements into sum[0], and the number of
// elements greater than |threshold| into count[0] (both must start at 0).
// Every thread sums a grid-stride slice; the block reduces its partial sums
// (ts_block_reduce_sum) and thread 0 adds them with one float atomic; every
// warp sums its counts (int shuffles) and adds them with one int atomic.
// Many blocks: on the emulator, blocks on different OS threads race on the
// atomics.
//
//===----------------------------------------------------------------------===//
#include "tessera/atomic.cuh"
#include "tessera/reduce.cuh"
#include "tessera/warp.cuh"

TS_KERNEL void reduce_sum_count_f32(const float *TS_RESTRICT x, int64_t n,
                                    float threshold, float *TS_RESTRICT sum,
                                    int *TS_RESTRICT count) {
  TS_SHARED(float, scratch, [32]);
  const int64_t stride = (int64_t)gridDim.x * blockDim.x;
  float partial = 0.0f;
  int above = 0;
  for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += stride) {
    float v = x[i];
    partial += v;
    above += v > threshold ? 1 : 0;
  }

  for (int offset = 16; offset > 0; offset /= 2)
    above += ts_shfl_xor_sync(TS_FULL_MASK, above, offset);
  if (threadIdx.x % 32 == 0)
    ts_atomic_add(count, above);

  partial = ts_block_reduce_sum(partial, scratch);
  if (threadIdx.x == 0)
    ts_atomic_add(sum, partial);
}
