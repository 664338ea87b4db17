//===- prelude_primitives.cu - One kernel per prelude area ----------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Uses every primitive of the device prelude, with every result stored, so
// that NVRTC must emit each one's instructions (emu.nvrtc checks the PTX)
// and the host compiler must accept each host branch (emu.prelude compiles
// this file into its binary). Not meant to compute anything.
//
//===----------------------------------------------------------------------===//
#include "tessera/prelude.cuh"

TS_KERNEL void prims_half(const float *TS_RESTRICT x, ts_half *TS_RESTRICT h,
                          ts_bf16 *TS_RESTRICT b, uint32_t *TS_RESTRICT bits,
                          float *TS_RESTRICT y) {
  unsigned i = threadIdx.x;
  h[i] = ts_float_to_half(x[i]);
  b[i] = ts_float_to_bf16(x[i]);
  bits[i] = ts_float_to_tf32(x[i]);
  bits[i + 64] = ts_float2_to_bf16x2(x[i], x[i + 1]);
  bits[i + 128] = ts_float2_to_half2(x[i], x[i + 1]);
  bits[i + 192] = ts_pack_bf16x2(b[i + 1], b[i + 2]) ^
                  ts_pack_half2(h[i + 1], h[i + 2]) ^
                  ts_float_as_uint(x[i + 3]);
  ts_half hl, hh;
  ts_bf16 bl, bh;
  ts_unpack_half2(bits[i + 256], hl, hh);
  ts_unpack_bf16x2(bits[i + 320], bl, bh);
  y[i] = ts_half_to_float(hl) + ts_half_to_float(hh) + ts_bf16_to_float(bl) +
         ts_bf16_to_float(bh) + ts_uint_as_float(bits[i + 384]) +
         ts_half_to_float(ts_half_from_bits(0x3c00)) +
         ts_bf16_to_float(ts_bf16_from_bits(0x3f80));
}

TS_KERNEL void prims_math(const float *TS_RESTRICT x, float *TS_RESTRICT y) {
  unsigned i = threadIdx.x;
  float v = x[i], w = x[i + 1];
  y[i] = ts_exp(v) + ts_exp2(v) + ts_expm1(v) + ts_log(v) + ts_log2(v) +
         ts_log1p(v) + ts_tanh(v) + ts_erf(v) + ts_sqrt(v) + ts_rsqrt(v) +
         ts_sin(v) + ts_cos(v) + ts_pow(v, w) + ts_fabs(v) + ts_fmin(v, w) +
         ts_fmax(v, w) + ts_floor(v) + ts_ceil(v) + ts_round(v) + ts_rint(v) +
         ts_fma(v, w, v) + ts_fdiv(v, w) + ts_sigmoid(v) + ts_gelu_erf(v) +
         ts_gelu_tanh(v);
  y[i + 64] = (ts_isnan(v) ? 1.0f : 0.0f) + (ts_isinf(w) ? 2.0f : 0.0f) +
              (ts_isfinite(v) ? 4.0f : 0.0f);
}

TS_KERNEL void prims_vector(const float *TS_RESTRICT x, float *TS_RESTRICT y,
                            const ts_bf16 *TS_RESTRICT b,
                            ts_bf16 *TS_RESTRICT c) {
  unsigned i = threadIdx.x;
  ts_vec<float, 4> v = ts_load_vec<4>(x + 4 * i);
  ts_vec<float, 4> nc = ts_load_global_nc<4>(x + 4 * i + 256);
  ts_vec<float, 2> two = ts_load_vec<2>(x + 2 * i + 512);
  ts_vec<float, 1> one = ts_load_vec<1>(x + i + 640);
  v[0] += nc[1] + two[0] + two[1] + one[0] + ts_load_global_nc(x + 1024);
  ts_store_vec(y + 4 * i, v);
  ts_store_vec(c + 8 * i, ts_load_vec<8>(b + 8 * i));
  ts_store_vec(c + 4 * i + 1024, ts_load_global_nc<4>(b + 4 * i + 1024));
}

TS_KERNEL void prims_atomic(float *f, double *d, int *i, unsigned *u,
                            unsigned long long *l, float *out) {
  out[0] = ts_atomic_add(f, 1.0f) + ts_atomic_max(f + 1, 2.0f) +
           ts_atomic_min(f + 2, -1.0f) + ts_atomic_exch(f + 3, 4.0f);
  out[1] = static_cast<float>(ts_atomic_add(d, 1.0));
  out[2] = static_cast<float>(
      ts_atomic_add(i, 1) + ts_atomic_max(i + 1, 3) + ts_atomic_min(i + 2, 3) +
      ts_atomic_cas(i + 3, 0, 1) + ts_atomic_exch(i + 4, 5));
  out[3] = static_cast<float>(ts_atomic_add(u, 1u) + ts_atomic_max(u + 1, 3u) +
                              ts_atomic_min(u + 2, 3u) +
                              ts_atomic_cas(u + 3, 0u, 1u) +
                              ts_atomic_exch(u + 4, 5u));
  out[4] = static_cast<float>(
      ts_atomic_add(l, 1ull) + ts_atomic_max(l + 1, 3ull) +
      ts_atomic_min(l + 2, 3ull) + ts_atomic_cas(l + 3, 0ull, 1ull) +
      ts_atomic_exch(l + 4, 5ull));
  ts_threadfence();
}

TS_KERNEL void prims_reduce(const float *TS_RESTRICT x, float *TS_RESTRICT y) {
  TS_SHARED(float, scratch, [32]);
  float v = x[threadIdx.x];
  y[threadIdx.x] = ts_warp_reduce_sum(v) + ts_warp_reduce_max(v) +
                   ts_warp_reduce_min(v) + ts_block_reduce_sum(v, scratch) +
                   ts_block_reduce_max(v, scratch) +
                   ts_block_reduce_min(v, scratch);
  unsigned lane = ts_lane_id();
  float moved = ts_shfl_sync(TS_FULL_MASK, v, 3) +
                ts_shfl_up_sync(TS_FULL_MASK, v, 1) +
                ts_shfl_down_sync(TS_FULL_MASK, v, 2, 16) +
                ts_shfl_xor_sync(TS_FULL_MASK, v, 4);
  unsigned votes = ts_ballot_sync(TS_FULL_MASK, v > 0.0f);
  ts_syncwarp(TS_FULL_MASK);
  y[threadIdx.x + 1024] = moved + static_cast<float>(votes ^ lane) +
                          (ts_all_sync(TS_FULL_MASK, v > 1.0f) ? 1.0f : 0.0f) +
                          (ts_any_sync(TS_FULL_MASK, v > 2.0f) ? 2.0f : 0.0f);
}

TS_KERNEL void prims_mma(const ts_bf16 *TS_RESTRICT g, float *TS_RESTRICT out) {
  TS_SHARED(ts_bf16, tile, [32 * 8]);
  unsigned lane = threadIdx.x;
  ts_cp_async16(&tile[lane * 8], g + lane * 8, 16);
  ts_cp_async_commit();
  ts_cp_async16(&tile[lane * 8], g + lane * 8 + 256, 8);
  ts_cp_async_commit();
  ts_cp_async_wait<1>();
  ts_cp_async_wait<0>();
  ts_cp_async16(&tile[lane * 8], g + lane * 8 + 512);
  ts_cp_async_wait_all();
  ts_syncthreads();
  uint32_t a[4], b[2], one[1], at[4], bt[2], onet[1];
  ts_ldmatrix_x4(a, &tile[lane * 8]);
  ts_ldmatrix_x2(b, &tile[(lane % 16) * 8]);
  ts_ldmatrix_x1(one, &tile[(lane % 8) * 8]);
  ts_ldmatrix_x4_trans(at, &tile[lane * 8]);
  ts_ldmatrix_x2_trans(bt, &tile[(lane % 16) * 8]);
  ts_ldmatrix_x1_trans(onet, &tile[(lane % 8) * 8]);
  uint32_t tf32b[2] = {one[0], onet[0]};
  float acc[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  ts_mma_m16n8k16_bf16(acc, a, b, acc);
  ts_mma_m16n8k16_f16(acc, at, bt, acc);
  ts_mma_m16n8k8_tf32(acc, a, tf32b, acc);
  for (int r = 0; r < 4; ++r)
    out[lane * 4 + r] = acc[r];
}
