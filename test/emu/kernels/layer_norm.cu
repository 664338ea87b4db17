//===- layer_norm.cu - Layer normalization over the last axis, f32 --------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Hand-written in the style of the code generator's row-reduction emitter.
//
// Fused ops: LayerNormalization(axis = -1, epsilon) with scale gamma[cols]
// and bias beta[cols], f32, x [rows, cols]:
//   y = (x - mean) * rsqrt(var + eps) * gamma + beta,  var = mean((x-mean)^2)
// Two-pass statistics from registers (mean first, then the squared
// deviations), so large means do not cancel.
//   layer_norm_f32:      one block per row, cols <= 8 * blockDim.x; warp
//                        shuffles and one value per warp in shared memory.
//   layer_norm_warp_f32: one warp per row (several rows per block),
//                        cols <= 8 * 32; warps past the last row exit early,
//                        shuffles only.
//
//===----------------------------------------------------------------------===//
#include "tessera/math.cuh"
#include "tessera/warp.cuh"

namespace layer_norm_detail {
constexpr int kMaxWarps = 32;
constexpr int kItems = 8; // row elements per thread held in registers

TS_DEVICE float warpSum(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v += ts_shfl_xor_sync(TS_FULL_MASK, v, offset);
  return v;
}

/// The sum of |v| over the block; |scratch| holds one value per warp and is
/// free again when this returns.
TS_DEVICE float blockSum(float v, float *scratch) {
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  v = warpSum(v);
  if (lane == 0)
    scratch[warp] = v;
  ts_syncthreads();
  v = warpSum(lane < (int)(blockDim.x / 32) ? scratch[lane] : 0.0f);
  ts_syncthreads();
  return v;
}
} // namespace layer_norm_detail

TS_KERNEL void layer_norm_f32(const float *TS_RESTRICT x,
                              const float *TS_RESTRICT gamma,
                              const float *TS_RESTRICT beta,
                              float *TS_RESTRICT y, int cols, float eps) {
  using namespace layer_norm_detail;
  TS_SHARED(float, scratch, [kMaxWarps]);
  const float *row = x + (int64_t)blockIdx.x * cols;
  float *out = y + (int64_t)blockIdx.x * cols;

  float v[kItems];
  float sum = 0.0f;
  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = threadIdx.x + j * blockDim.x;
    v[j] = col < cols ? row[col] : 0.0f;
    sum += v[j];
  }
  const float mean = blockSum(sum, scratch) / cols;

  float squares = 0.0f;
  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = threadIdx.x + j * blockDim.x;
    float d = col < cols ? v[j] - mean : 0.0f;
    squares += d * d;
  }
  const float rstd = ts_rsqrt(blockSum(squares, scratch) / cols + eps);

  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = threadIdx.x + j * blockDim.x;
    if (col < cols)
      out[col] = (v[j] - mean) * rstd * gamma[col] + beta[col];
  }
}

TS_KERNEL void layer_norm_warp_f32(const float *TS_RESTRICT x,
                                   const float *TS_RESTRICT gamma,
                                   const float *TS_RESTRICT beta,
                                   float *TS_RESTRICT y, int rows, int cols,
                                   float eps) {
  using namespace layer_norm_detail;
  const int lane = threadIdx.x % 32;
  const int64_t r = (int64_t)blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  if (r >= rows)
    return; // The whole warp leaves; no block barrier follows.
  const float *row = x + r * cols;
  float *out = y + r * cols;

  float v[kItems];
  float sum = 0.0f;
  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = lane + j * 32;
    v[j] = col < cols ? row[col] : 0.0f;
    sum += v[j];
  }
  const float mean = warpSum(sum) / cols;

  float squares = 0.0f;
  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = lane + j * 32;
    float d = col < cols ? v[j] - mean : 0.0f;
    squares += d * d;
  }
  const float rstd = ts_rsqrt(warpSum(squares) / cols + eps);

  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = lane + j * 32;
    if (col < cols)
      out[col] = (v[j] - mean) * rstd * gamma[col] + beta[col];
  }
}
