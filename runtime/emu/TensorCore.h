//===- TensorCore.h - mma and ldmatrix per the PTX ISA ----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Warp-wide, given every lane's operands: which registers each lane ends up
// with. The fragment layouts follow the PTX ISA ("Matrix Fragments for
// mma.m16n8k16 / mma.m16n8k8", "ldmatrix"); with g = lane / 4 and
// t = lane % 4:
//
//   m16n8k16 .f16/.bf16  A reg r: rows g + 8*(r&1), cols 2t + 8*(r>>1) + {0,1}
//                        B reg r: k = 2t + 8r + {0,1}, n = g
//   m16n8k8 .tf32        A reg r: row g + 8*(r&1), col t + 4*(r>>1)
//                        B reg r: k = t + 4r, n = g
//   C/D (both)           reg i: row g + 8*(i>>1), col 2t + (i&1)
//
// (the lower-numbered element of a .f16x2/.bf16x2 register in its low 16
// bits). Products are exact in f32 for these input types; the sum runs in
// f32, C first, then k = 0, 1, ... (the hardware's order is unspecified).
// tf32 inputs keep only the top 19 bits of their f32 encoding.
//
// ldmatrix .m8n8 .b16 x1/x2/x4: lanes 8i..8i+7 give the rows of matrix i;
// register i of lane l holds matrix i's row l/4, elements 2(l%4) and
// 2(l%4)+1; with .trans, the same of the transposed matrix.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_TENSORCORE_H
#define TESSERA_RUNTIME_EMU_TENSORCORE_H

#include <cstdint>

namespace tessera::emu {

float halfToFloat(uint16_t bits);
float bf16ToFloat(uint16_t bits);
/// The value tf32 sees of an f32 encoding (low 13 mantissa bits dropped).
float tf32ToFloat(uint32_t bits);

/// Whether |kind| is a TS_MMA_* the emulator implements.
bool mmaKindValid(int kind);

/// One warp's mma of |kind|: a[lane], b[lane], c[lane] in, d[lane] out.
void mmaWarp(int kind, const uint32_t (*a)[4], const uint32_t (*b)[2],
             const float (*c)[4], float (*d)[4]);

/// Lane |lane|'s |num| ldmatrix registers; rows[m][r] points to the eight
/// 16-bit elements of matrix m's row r.
void ldmatrixLane(int num, bool trans, const uint16_t *const (*rows)[8],
                  unsigned lane, uint32_t *out);

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_TENSORCORE_H
