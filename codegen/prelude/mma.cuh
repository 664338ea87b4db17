//===- mma.cuh - Device prelude: ldmatrix, mma.sync and cp.async (sm_80) --===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The Ampere tensor-core path (also valid on sm_90a):
//   ts_ldmatrix_x1/x2/x4[_trans](r, rowAddr)
//       ldmatrix.sync.aligned.m8n8.x{1,2,4}[.trans].shared.b16: this lane's
//       |rowAddr| (16-byte aligned, shared memory) is row (lane % 8) of
//       matrix (lane / 8); register i receives matrix i, lanes 4r..4r+3 hold
//       row r (two b16 each). Lanes beyond 8 * count give ignored addresses.
//   ts_mma_m16n8k16_bf16 / _f16(d, a, b, c)   d = a * b + c, f32 accumulate,
//   ts_mma_m16n8k8_tf32(d, a, b, c)           a row-major, b column-major
//       (mma.sync.aligned.*.row.col.f32.*.*.f32), fragments per the PTX ISA:
//       with g = lane / 4 and t = lane % 4,
//         m16n8k16 a[0] = A[g][2t..2t+1], a[1] = A[g+8][2t..], a[2] =
//           A[g][2t+8..], a[3] = A[g+8][2t+8..]; b[0] = B[2t..2t+1][g],
//           b[1] = B[2t+8..2t+9][g] (low half = lower k);
//         m16n8k8 tf32 a[0] = A[g][t], a[1] = A[g+8][t], a[2] = A[g][t+4],
//           a[3] = A[g+8][t+4]; b[0] = B[t][g], b[1] = B[t+4][g];
//         c/d[0..1] = C[g][2t..2t+1], c/d[2..3] = C[g+8][2t..2t+1].
//       |d| may be |c|. All 32 lanes execute it together.
//   ts_cp_async16(smemDst, gmemSrc, srcBytes)  cp.async.cg.shared.global,
//       16 bytes: the first |srcBytes| (0..16) from |gmemSrc|, the rest zero;
//       both addresses 16-byte aligned
//   ts_cp_async_commit()                       cp.async.commit_group
//   ts_cp_async_wait<N>()                      cp.async.wait_group N
//   ts_cp_async_wait_all()                     cp.async.wait_all
// A thread's wait covers only its own copies: follow it with
// ts_syncthreads() before reading what other threads copied.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_MMA_CUH
#define TESSERA_PRELUDE_MMA_CUH

#include "tessera/core.cuh"

#if defined(TS_GPU)

namespace ts_detail {
TS_DEVICE uint32_t shared_address(const void *p) {
  return static_cast<uint32_t>(__cvta_generic_to_shared(p));
}
} // namespace ts_detail

TS_DEVICE void ts_ldmatrix_x1(uint32_t (&r)[1], const void *rowAddr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x1.shared.b16 {%0}, [%1];"
               : "=r"(r[0])
               : "r"(ts_detail::shared_address(rowAddr)));
}
TS_DEVICE void ts_ldmatrix_x2(uint32_t (&r)[2], const void *rowAddr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x2.shared.b16 {%0, %1}, [%2];"
               : "=r"(r[0]), "=r"(r[1])
               : "r"(ts_detail::shared_address(rowAddr)));
}
TS_DEVICE void ts_ldmatrix_x4(uint32_t (&r)[4], const void *rowAddr) {
  asm volatile(
      "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];"
      : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
      : "r"(ts_detail::shared_address(rowAddr)));
}
TS_DEVICE void ts_ldmatrix_x1_trans(uint32_t (&r)[1], const void *rowAddr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x1.trans.shared.b16 {%0}, [%1];"
               : "=r"(r[0])
               : "r"(ts_detail::shared_address(rowAddr)));
}
TS_DEVICE void ts_ldmatrix_x2_trans(uint32_t (&r)[2], const void *rowAddr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16 {%0, %1}, [%2];"
               : "=r"(r[0]), "=r"(r[1])
               : "r"(ts_detail::shared_address(rowAddr)));
}
TS_DEVICE void ts_ldmatrix_x4_trans(uint32_t (&r)[4], const void *rowAddr) {
  asm volatile(
      "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];"
      : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
      : "r"(ts_detail::shared_address(rowAddr)));
}

#define TS_MMA_GPU(name, shape_types)                                          \
  TS_DEVICE void name(float(&d)[4], const uint32_t(&a)[4],                     \
                      const uint32_t(&b)[2], const float(&c)[4]) {             \
    asm volatile("mma.sync.aligned." shape_types                               \
                 " {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9},"              \
                 " {%10, %11, %12, %13};"                                      \
                 : "=f"(d[0]), "=f"(d[1]), "=f"(d[2]), "=f"(d[3])              \
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]),      \
                   "r"(b[1]), "f"(c[0]), "f"(c[1]), "f"(c[2]), "f"(c[3]));     \
  }
TS_MMA_GPU(ts_mma_m16n8k16_bf16, "m16n8k16.row.col.f32.bf16.bf16.f32")
TS_MMA_GPU(ts_mma_m16n8k16_f16, "m16n8k16.row.col.f32.f16.f16.f32")
TS_MMA_GPU(ts_mma_m16n8k8_tf32, "m16n8k8.row.col.f32.tf32.tf32.f32")
#undef TS_MMA_GPU

TS_DEVICE void ts_cp_async16(void *smemDst, const void *gmemSrc,
                             int srcBytes = 16) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;" ::"r"(
                   ts_detail::shared_address(smemDst)),
               "l"(__cvta_generic_to_global(gmemSrc)), "r"(srcBytes)
               : "memory");
}
TS_DEVICE void ts_cp_async_commit() {
  asm volatile("cp.async.commit_group;" ::: "memory");
}
/// Waits until at most |N| of this thread's committed groups are pending.
template <int N> TS_DEVICE void ts_cp_async_wait() {
  static_assert(N >= 0, "cp.async.wait_group takes a count >= 0");
  asm volatile("cp.async.wait_group %0;" ::"n"(N) : "memory");
}
TS_DEVICE void ts_cp_async_wait_all() {
  asm volatile("cp.async.wait_all;" ::: "memory");
}

#else // TS_EMU

#define TS_LDMATRIX_EMU(name, count, trans)                                    \
  inline void name(uint32_t(&r)[count], const void *rowAddr TS_SITE_PARAMS) {  \
    ts_emu_self->api->ldmatrix(ts_emu_self, count, trans, rowAddr, r,          \
                               TS_SITE_ARGS0);                                 \
  }
TS_LDMATRIX_EMU(ts_ldmatrix_x1, 1, 0)
TS_LDMATRIX_EMU(ts_ldmatrix_x2, 2, 0)
TS_LDMATRIX_EMU(ts_ldmatrix_x4, 4, 0)
TS_LDMATRIX_EMU(ts_ldmatrix_x1_trans, 1, 1)
TS_LDMATRIX_EMU(ts_ldmatrix_x2_trans, 2, 1)
TS_LDMATRIX_EMU(ts_ldmatrix_x4_trans, 4, 1)
#undef TS_LDMATRIX_EMU

#define TS_MMA_EMU(name, kind)                                                 \
  inline void name(float(&d)[4], const uint32_t(&a)[4], const uint32_t(&b)[2], \
                   const float(&c)[4] TS_SITE_PARAMS) {                        \
    ts_emu_self->api->mma(ts_emu_self, kind, a, b, c, d, TS_SITE_ARGS0);       \
  }
TS_MMA_EMU(ts_mma_m16n8k16_bf16, TS_MMA_M16N8K16_BF16)
TS_MMA_EMU(ts_mma_m16n8k16_f16, TS_MMA_M16N8K16_F16)
TS_MMA_EMU(ts_mma_m16n8k8_tf32, TS_MMA_M16N8K8_TF32)
#undef TS_MMA_EMU

inline void ts_cp_async16(void *smemDst, const void *gmemSrc,
                          int srcBytes = 16 TS_SITE_PARAMS) {
  ts_emu_self->api->cp_async(ts_emu_self, smemDst, gmemSrc, srcBytes,
                             TS_SITE_ARGS0);
}
inline void ts_cp_async_commit(TS_SITE_PARAMS0) {
  ts_emu_self->api->cp_async_commit(ts_emu_self, TS_SITE_ARGS0);
}
template <int N> inline void ts_cp_async_wait(TS_SITE_PARAMS0) {
  static_assert(N >= 0, "cp.async.wait_group takes a count >= 0");
  ts_emu_self->api->cp_async_wait(ts_emu_self, N, TS_SITE_ARGS0);
}
/// cp.async.wait_all: commit, then wait for every group.
inline void ts_cp_async_wait_all(TS_SITE_PARAMS0) {
  ts_emu_self->api->cp_async_commit(ts_emu_self, TS_SITE_ARGS0);
  ts_emu_self->api->cp_async_wait(ts_emu_self, 0, TS_SITE_ARGS0);
}

#endif // TS_GPU / TS_EMU

#endif // TESSERA_PRELUDE_MMA_CUH
