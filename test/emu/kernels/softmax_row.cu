//===- softmax_row.cu - Row softmax, one block per row --------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Hand-written in the style of the code generator's row-reduction emitter.
//
// Fused ops: Softmax(axis = -1) on f32 rows [rows, cols]; one block per row,
// blockDim.x a multiple of 32 (128 or 256), any cols >= 1.
//   softmax_row_f32:        the row fits in registers (cols <= 8 * blockDim.x):
//                           one read of x, block max, block sum, one write.
//   softmax_row_online_f32: any row length: pass 1 keeps a running (max, sum)
//                           per thread (online softmax) and combines the pairs
//                           across the block; pass 2 re-reads x and writes y.
// Block reductions: a butterfly of warp shuffles, one value per warp in
// shared memory, and a second butterfly in every warp.
//
//===----------------------------------------------------------------------===//
#include "tessera/math.cuh"
#include "tessera/warp.cuh"

namespace softmax_row_detail {
constexpr int kMaxWarps = 32;
constexpr int kItems = 8; // row elements per thread held in registers
constexpr float kLowest = -3.402823466e38f;

/// The maximum of |v| over the block. |scratch| holds one value per warp;
/// the trailing barrier frees it for the next reduction.
TS_DEVICE float blockMax(float v, float *scratch) {
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int numWarps = blockDim.x / 32;
  for (int offset = 16; offset > 0; offset /= 2)
    v = ts_fmax(v, ts_shfl_xor_sync(TS_FULL_MASK, v, offset));
  if (lane == 0)
    scratch[warp] = v;
  ts_syncthreads();
  v = lane < numWarps ? scratch[lane] : kLowest;
  for (int offset = 16; offset > 0; offset /= 2)
    v = ts_fmax(v, ts_shfl_xor_sync(TS_FULL_MASK, v, offset));
  ts_syncthreads();
  return v;
}

/// The sum of |v| over the block (as blockMax).
TS_DEVICE float blockSum(float v, float *scratch) {
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int numWarps = blockDim.x / 32;
  for (int offset = 16; offset > 0; offset /= 2)
    v += ts_shfl_xor_sync(TS_FULL_MASK, v, offset);
  if (lane == 0)
    scratch[warp] = v;
  ts_syncthreads();
  v = lane < numWarps ? scratch[lane] : 0.0f;
  for (int offset = 16; offset > 0; offset /= 2)
    v += ts_shfl_xor_sync(TS_FULL_MASK, v, offset);
  ts_syncthreads();
  return v;
}

/// Merges the running softmax state (|m|, |s|) = (max, sum of exp(x - max))
/// with (|om|, |os|).
TS_DEVICE void combine(float &m, float &s, float om, float os) {
  float newMax = ts_fmax(m, om);
  s = s * ts_exp(m - newMax) + os * ts_exp(om - newMax);
  m = newMax;
}

/// Combines every thread's (|m|, |s|) over the block.
TS_DEVICE void blockCombine(float &m, float &s, float *scratchMax,
                            float *scratchSum) {
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int numWarps = blockDim.x / 32;
  for (int offset = 16; offset > 0; offset /= 2) {
    float om = ts_shfl_xor_sync(TS_FULL_MASK, m, offset);
    float os = ts_shfl_xor_sync(TS_FULL_MASK, s, offset);
    combine(m, s, om, os);
  }
  if (lane == 0) {
    scratchMax[warp] = m;
    scratchSum[warp] = s;
  }
  ts_syncthreads();
  m = lane < numWarps ? scratchMax[lane] : kLowest;
  s = lane < numWarps ? scratchSum[lane] : 0.0f;
  for (int offset = 16; offset > 0; offset /= 2) {
    float om = ts_shfl_xor_sync(TS_FULL_MASK, m, offset);
    float os = ts_shfl_xor_sync(TS_FULL_MASK, s, offset);
    combine(m, s, om, os);
  }
  ts_syncthreads();
}
} // namespace softmax_row_detail

/// One pass: requires cols <= 8 * blockDim.x.
TS_KERNEL void softmax_row_f32(const float *TS_RESTRICT x, float *TS_RESTRICT y,
                               int cols) {
  using namespace softmax_row_detail;
  TS_SHARED(float, scratch, [kMaxWarps]);
  const float *row = x + (int64_t)blockIdx.x * cols;
  float *out = y + (int64_t)blockIdx.x * cols;

  float v[kItems];
  float rowMax = kLowest;
  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = threadIdx.x + j * blockDim.x;
    v[j] = col < cols ? row[col] : kLowest;
    rowMax = ts_fmax(rowMax, v[j]);
  }
  rowMax = blockMax(rowMax, scratch);

  float rowSum = 0.0f;
  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = threadIdx.x + j * blockDim.x;
    v[j] = col < cols ? ts_exp(v[j] - rowMax) : 0.0f;
    rowSum += v[j];
  }
  rowSum = blockSum(rowSum, scratch);

  const float inverse = 1.0f / rowSum;
  TS_UNROLL
  for (int j = 0; j < kItems; ++j) {
    int col = threadIdx.x + j * blockDim.x;
    if (col < cols)
      out[col] = v[j] * inverse;
  }
}

/// Two passes over x: any row length.
TS_KERNEL void softmax_row_online_f32(const float *TS_RESTRICT x,
                                      float *TS_RESTRICT y, int cols) {
  using namespace softmax_row_detail;
  TS_SHARED(float, scratchMax, [kMaxWarps]);
  TS_SHARED(float, scratchSum, [kMaxWarps]);
  const float *row = x + (int64_t)blockIdx.x * cols;
  float *out = y + (int64_t)blockIdx.x * cols;

  // Pass 1: the running max and sum of exp(x - max) of this thread's
  // columns, then of the block.
  float m = kLowest, s = 0.0f;
  for (int col = threadIdx.x; col < cols; col += blockDim.x) {
    float v = row[col];
    if (v > m) {
      s = s * ts_exp(m - v) + 1.0f;
      m = v;
    } else {
      s += ts_exp(v - m);
    }
  }
  blockCombine(m, s, scratchMax, scratchSum);

  // Pass 2.
  const float inverse = 1.0f / s;
  for (int col = threadIdx.x; col < cols; col += blockDim.x)
    out[col] = ts_exp(row[col] - m) * inverse;
}
