//===- tile_missing_barrier.cu - A tiled loop without its trailing barrier ===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// y[i] = sum over tiles t of x[t * blockDim.x + (blockDim.x - 1 - i)]: each
// block stages one tile of x in shared memory per iteration and every thread
// reads the element another warp wrote. One block, blockDim.x <= 256,
// x holds tiles * blockDim.x floats.
//   tile_reverse_sum:                 barrier after the store and after the
//                                     loads (the shared tile is reused)
//   tile_reverse_sum_missing_barrier: no trailing barrier: a warp that runs
//                                     ahead stores the next tile over values
//                                     others have not read yet (check mode;
//                                     ThreadSanitizer names both lines)
//
//===----------------------------------------------------------------------===//
#include "tessera/core.cuh"

namespace tile_reverse_sum_detail {
template <bool kTrailingBarrier>
TS_DEVICE void tileReverseSum(const float *TS_RESTRICT x, float *TS_RESTRICT y,
                              int tiles) {
  TS_SHARED(float, tile, [256]);
  const int n = blockDim.x, i = threadIdx.x;
  float acc = 0.0f;
  for (int t = 0; t < tiles; ++t) {
    tile[i] = x[t * n + i]; // TILE-STORE
    ts_syncthreads();
    acc += tile[n - 1 - i]; // TILE-LOAD
    if (kTrailingBarrier)
      ts_syncthreads();
  }
  y[i] = acc;
}
} // namespace tile_reverse_sum_detail

TS_KERNEL void tile_reverse_sum(const float *TS_RESTRICT x,
                                float *TS_RESTRICT y, int tiles) {
  tile_reverse_sum_detail::tileReverseSum<true>(x, y, tiles);
}

TS_KERNEL void tile_reverse_sum_missing_barrier(const float *TS_RESTRICT x,
                                                float *TS_RESTRICT y,
                                                int tiles) {
  tile_reverse_sum_detail::tileReverseSum<false>(x, y, tiles);
}
