//===- layout_probes.cu - What ldmatrix and mma.sync deliver to each lane -===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Probe kernels, written with the device prelude, that record per lane and
// per register what the tensor-core primitives deliver. The same source runs
// on a GPU (NVRTC) and on the CPU emulator; test/gpu/LayoutProbeTest.cpp
// compares every lane's registers, which confirms (or refutes) the
// emulator's ldmatrix/mma layouts, until now checked against the PTX ISA
// only. Every kernel is launched as one warp: grid 1, block 32, and takes
// (in0, in1, in2, out) as 32-bit words.
//
//   probe_ldmatrix(tile, rowOfLane, -, out)
//       |tile|: 32 rows of 8 b16 (16 bytes each) copied into shared memory;
//       lane l gives the address of tile row rowOfLane[l]. Then x1, x2, x4,
//       x1.trans, x2.trans, x4.trans in turn; out[(variant * 32 + lane) * 4
//       + register] receives each register, 0 for registers the variant
//       does not write.
//   probe_mma_bf16 / probe_mma_f16(A, B, C, out)
//       A 16x16 and B 16x8 (B[k][n] at k * 8 + n), both b16 elements two to
//       a word, C 16x8 floats; each lane builds its fragments by the PTX
//       ISA's layout, runs d = a * b + c, and writes out[lane * 4 + r] =
//       d[r].
//   probe_mma_tf32(A, B, C, out)
//       The same for m16n8k8 with A 16x8 and B 8x8 floats (rounded with
//       ts_float_to_tf32).
//   probe_mma_tf32_raw(A, B, C, out)
//       The same with the f32 bits passed unrounded: the tensor core is
//       taken to ignore the low 13 mantissa bits (truncate), as the emulator
//       does.
//
//===----------------------------------------------------------------------===//
#include "tessera/half.cuh"
#include "tessera/mma.cuh"

TS_KERNEL void probe_ldmatrix(const uint32_t *TS_RESTRICT tile,
                              const uint32_t *TS_RESTRICT rowOfLane,
                              const uint32_t *TS_RESTRICT unused,
                              uint32_t *TS_RESTRICT out) {
  (void)unused;
  TS_SHARED(uint32_t, smem, [32 * 4]);
  const unsigned lane = threadIdx.x;
  for (int w = 0; w < 4; ++w)
    smem[lane * 4 + w] = tile[lane * 4 + w];
  ts_syncthreads();
  const void *row = &smem[rowOfLane[lane] * 4];
  for (int variant = 0; variant < 6; ++variant) {
    uint32_t r[4] = {0, 0, 0, 0}, x1[1], x2[2];
    switch (variant) {
    case 0:
      ts_ldmatrix_x1(x1, row);
      r[0] = x1[0];
      break;
    case 1:
      ts_ldmatrix_x2(x2, row);
      r[0] = x2[0];
      r[1] = x2[1];
      break;
    case 2:
      ts_ldmatrix_x4(r, row);
      break;
    case 3:
      ts_ldmatrix_x1_trans(x1, row);
      r[0] = x1[0];
      break;
    case 4:
      ts_ldmatrix_x2_trans(x2, row);
      r[0] = x2[0];
      r[1] = x2[1];
      break;
    default:
      ts_ldmatrix_x4_trans(r, row);
      break;
    }
    for (int i = 0; i < 4; ++i)
      out[(variant * 32 + lane) * 4 + i] = r[i];
  }
}

namespace probe_detail {
/// Element |i| of a b16 array stored two to a word (low half first).
TS_DEVICE uint32_t b16At(const uint32_t *words, int i) {
  return (words[i / 2] >> (16 * (i % 2))) & 0xffffu;
}
/// The m16n8k16 fragments of lane |lane| by the PTX ISA.
TS_DEVICE void loadFragments16(const uint32_t *A, const uint32_t *B,
                               const uint32_t *C, unsigned lane,
                               uint32_t (&a)[4], uint32_t (&b)[2],
                               float (&c)[4]) {
  const int g = static_cast<int>(lane / 4), t = static_cast<int>(lane % 4);
  for (int r = 0; r < 4; ++r) {
    const int row = g + 8 * (r % 2), col = 2 * t + 8 * (r / 2);
    a[r] = b16At(A, row * 16 + col) | (b16At(A, row * 16 + col + 1) << 16);
  }
  for (int r = 0; r < 2; ++r) {
    const int k = 2 * t + 8 * r;
    b[r] = b16At(B, k * 8 + g) | (b16At(B, (k + 1) * 8 + g) << 16);
  }
  for (int r = 0; r < 4; ++r)
    c[r] = ts_uint_as_float(C[(g + 8 * (r / 2)) * 8 + 2 * t + r % 2]);
}
TS_DEVICE void storeAccumulators(const float (&d)[4], unsigned lane,
                                 uint32_t *out) {
  for (int r = 0; r < 4; ++r)
    out[lane * 4 + r] = ts_float_as_uint(d[r]);
}
} // namespace probe_detail

TS_KERNEL void probe_mma_bf16(const uint32_t *TS_RESTRICT A,
                              const uint32_t *TS_RESTRICT B,
                              const uint32_t *TS_RESTRICT C,
                              uint32_t *TS_RESTRICT out) {
  uint32_t a[4], b[2];
  float c[4], d[4];
  probe_detail::loadFragments16(A, B, C, threadIdx.x, a, b, c);
  ts_mma_m16n8k16_bf16(d, a, b, c);
  probe_detail::storeAccumulators(d, threadIdx.x, out);
}

TS_KERNEL void probe_mma_f16(const uint32_t *TS_RESTRICT A,
                             const uint32_t *TS_RESTRICT B,
                             const uint32_t *TS_RESTRICT C,
                             uint32_t *TS_RESTRICT out) {
  uint32_t a[4], b[2];
  float c[4], d[4];
  probe_detail::loadFragments16(A, B, C, threadIdx.x, a, b, c);
  ts_mma_m16n8k16_f16(d, a, b, c);
  probe_detail::storeAccumulators(d, threadIdx.x, out);
}

namespace probe_detail {
/// m16n8k8 tf32 with A 16x8 and B 8x8 floats; |round| converts them with
/// cvt.rna first, else their f32 bits go to the tensor core as they are.
TS_DEVICE void mmaTf32(const uint32_t *A, const uint32_t *B, const uint32_t *C,
                       uint32_t *out, bool round) {
  const unsigned lane = threadIdx.x;
  const int g = static_cast<int>(lane / 4), t = static_cast<int>(lane % 4);
  uint32_t a[4], b[2];
  float c[4], d[4];
  for (int r = 0; r < 4; ++r) {
    a[r] = A[(g + 8 * (r % 2)) * 8 + t + 4 * (r / 2)];
    if (round)
      a[r] = ts_float_to_tf32(ts_uint_as_float(a[r]));
  }
  for (int r = 0; r < 2; ++r) {
    b[r] = B[(t + 4 * r) * 8 + g];
    if (round)
      b[r] = ts_float_to_tf32(ts_uint_as_float(b[r]));
  }
  for (int r = 0; r < 4; ++r)
    c[r] = ts_uint_as_float(C[(g + 8 * (r / 2)) * 8 + 2 * t + r % 2]);
  ts_mma_m16n8k8_tf32(d, a, b, c);
  storeAccumulators(d, lane, out);
}
} // namespace probe_detail

TS_KERNEL void probe_mma_tf32(const uint32_t *TS_RESTRICT A,
                              const uint32_t *TS_RESTRICT B,
                              const uint32_t *TS_RESTRICT C,
                              uint32_t *TS_RESTRICT out) {
  probe_detail::mmaTf32(A, B, C, out, /*round=*/true);
}

TS_KERNEL void probe_mma_tf32_raw(const uint32_t *TS_RESTRICT A,
                                  const uint32_t *TS_RESTRICT B,
                                  const uint32_t *TS_RESTRICT C,
                                  uint32_t *TS_RESTRICT out) {
  probe_detail::mmaTf32(A, B, C, out, /*round=*/false);
}
