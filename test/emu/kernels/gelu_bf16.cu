//===- gelu_bf16.cu - Add(x, bias) then Gelu on bf16, vectorized ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Hand-written in the style of the code generator's elementwise emitter.
//
// Fused ops: Add(x, bias) -> Gelu (erf form), bias broadcast along the last
// axis:  y[i] = gelu(x[i] + bias[i % c]),  gelu(t) = t/2 * (1 + erf(t/sqrt 2))
//
// bf16 storage, f32 math. The body moves 16-byte vectors of 8 bf16 over a
// grid-stride loop (x and y must be 16-byte aligned); the last n % 8 elements
// take a scalar tail.
//
//===----------------------------------------------------------------------===//
#include "tessera/half.cuh"
#include "tessera/math.cuh"
#include "tessera/vector.cuh"

namespace add_gelu_bf16_detail {
constexpr int kVec = 8; // bf16 per 16-byte vector
} // namespace add_gelu_bf16_detail

TS_KERNEL void add_gelu_bf16(const ts_bf16 *TS_RESTRICT x,
                             const ts_bf16 *TS_RESTRICT bias,
                             ts_bf16 *TS_RESTRICT y, int64_t n, int c) {
  using namespace add_gelu_bf16_detail;
  const int64_t stride = (int64_t)gridDim.x * blockDim.x;
  const int64_t first = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
  const int64_t numVec = n / kVec;

  // Body: one 16-byte vector per thread and step.
  for (int64_t v = first; v < numVec; v += stride) {
    ts_vec<ts_bf16, kVec> in = ts_load_vec<kVec>(x + v * kVec);
    ts_vec<ts_bf16, kVec> out;
    int col = (int)((v * kVec) % c);
    TS_UNROLL
    for (int j = 0; j < kVec; ++j) {
      float t = ts_bf16_to_float(in[j]) + ts_bf16_to_float(bias[col]);
      out[j] = ts_float_to_bf16(ts_gelu_erf(t));
      col = col + 1 == c ? 0 : col + 1;
    }
    ts_store_vec(y + v * kVec, out);
  }

  // Tail: the last n % 8 elements, one per thread.
  for (int64_t i = numVec * kVec + first; i < n; i += stride) {
    float t = ts_bf16_to_float(x[i]) + ts_bf16_to_float(bias[i % c]);
    y[i] = ts_float_to_bf16(ts_gelu_erf(t));
  }
}
