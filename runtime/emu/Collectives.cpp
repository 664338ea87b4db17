//===- Collectives.cpp - Warp collectives ---------------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A warp collective over |mask| is one Collective per warp and mask: each
// lane stores its operands in its Thread and waits; the last lane of the
// mask to arrive computes every lane's result into the lanes' Threads (or
// their output registers) and readies the others. Disjoint masks in one
// warp are independent collectives. A lane outside its own mask, a mask
// naming lanes a partial last warp lacks, or two lanes meeting with one
// mask at different primitives are errors.
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/Block.h"

#include "runtime/emu/Diagnostics.h"
#include "runtime/emu/TensorCore.h"

#include <cstring>

namespace tessera::emu {

bool Block::joinCollective(Thread &t, Op op, int variant, unsigned mask,
                           const char *file, int line) {
  t.op = op;
  t.variant = variant;
  t.mask = mask;
  t.file = file;
  t.line = line;
  unsigned bit = 1u << t.pub.lane;
  if (!(mask & bit))
    fail(t, [&] {
      return "bad mask: thread " + std::to_string(t.linear) + " calls " +
             siteText(opName(op, variant), file, line) + " with mask " +
             maskText(mask) + ", which does not include its lane " +
             std::to_string(t.pub.lane);
    });
  Warp &w = warps[t.pub.warp];
  if (mask & ~w.lanes)
    fail(t, [&] {
      return "partial warp: " + siteText(opName(op, variant), file, line) +
             " with mask " + maskText(mask) + " in warp " +
             std::to_string(t.pub.warp) + ", which has lanes " +
             laneRanges(w.lanes) + " only";
    });
  san::release(&t.syncObject);
  if (mask != bit) {
    unsigned i = 0;
    while (i < w.pending && w.collectives[i].mask != mask)
      ++i;
    if (i == w.pending) {
      w.collectives[w.pending++] = {mask, bit, op, variant, &t};
      t.state = ThreadState::Waiting;
      wait(t);
      san::acquire(&t.syncObject);
      return false;
    }
    Collective &c = w.collectives[i];
    if (c.op != op || c.variant != variant)
      fail(t, [&] {
        return "mismatched collectives in warp " + std::to_string(t.pub.warp) +
               ": thread " + std::to_string(t.linear) + " calls " +
               siteText(opName(op, variant), file, line) + " with mask " +
               maskText(mask) + " while thread " +
               std::to_string(c.first->linear) + " waits at " +
               siteText(opName(c.op, c.variant), c.first->file, c.first->line) +
               " with the same mask";
      });
    c.arrived |= bit;
    if (c.arrived != mask) {
      t.state = ThreadState::Waiting;
      wait(t);
      san::acquire(&t.syncObject);
      return false;
    }
    w.collectives[i] = w.collectives[--w.pending];
  }
  // The last lane: it sees every lane's operands.
  Thread *base = warpBase(t);
  for (unsigned m = mask; m; m &= m - 1)
    san::acquire(&base[__builtin_ctz(m)].syncObject);
  return true;
}

void Block::finishCollective(Thread &t, unsigned mask) {
  Thread *base = warpBase(t);
  for (unsigned m = mask; m; m &= m - 1) {
    Thread &u = base[__builtin_ctz(m)];
    san::release(&u.syncObject);
    if (&u != &t)
      makeReady(u);
  }
}

void Block::syncwarp(Thread &t, unsigned mask, const char *file, int line) {
  if (joinCollective(t, Op::Syncwarp, 0, mask, file, line))
    finishCollective(t, mask);
}

uint64_t Block::shfl(Thread &t, unsigned mask, uint64_t value, int kind,
                     int arg, int width, const char *file, int line) {
  if (kind < TS_SHFL_IDX || kind > TS_SHFL_BFLY)
    kind = TS_SHFL_IDX;
  if (width < 1 || width > 32 || (width & (width - 1)) != 0)
    fail(t, [&] {
      return "bad width: " + siteText(opName(Op::Shfl, kind), file, line) +
             " with width " + std::to_string(width) +
             ", not a power of two up to 32";
    });
  t.value = value;
  t.arg = arg;
  if (!joinCollective(t, Op::Shfl, kind | (width << 2), mask, file, line))
    return t.result;
  // PTX shfl.sync: c = ((32 - width) << 8) | (up ? 0 : 31).
  Thread *base = warpBase(t);
  int segment = (32 - width) & 31;
  int clamp = kind == TS_SHFL_UP ? 0 : 31;
  for (unsigned m = mask; m; m &= m - 1) {
    int lane = __builtin_ctz(m);
    Thread &u = base[lane];
    int b = u.arg & 31;
    int maxLane = (lane & segment) | (clamp & ~segment);
    int minLane = lane & segment;
    int j;
    bool inRange;
    switch (kind) {
    case TS_SHFL_UP:
      j = lane - b;
      inRange = j >= maxLane;
      break;
    case TS_SHFL_DOWN:
      j = lane + b;
      inRange = j <= maxLane;
      break;
    case TS_SHFL_BFLY:
      j = lane ^ b;
      inRange = j <= maxLane;
      break;
    default:
      j = minLane | (b & ~segment);
      inRange = j <= maxLane;
      break;
    }
    if (!inRange)
      j = lane;
    // A source lane outside the mask gives an undefined value: poison.
    u.result = (mask >> j & 1) ? base[j].value : ~uint64_t(0);
  }
  finishCollective(t, mask);
  return t.result;
}

unsigned Block::ballot(Thread &t, unsigned mask, int pred, const char *file,
                       int line) {
  t.value = pred != 0;
  if (!joinCollective(t, Op::Ballot, 0, mask, file, line))
    return static_cast<unsigned>(t.result);
  Thread *base = warpBase(t);
  unsigned bits = 0;
  for (unsigned m = mask; m; m &= m - 1) {
    unsigned lane = static_cast<unsigned>(__builtin_ctz(m));
    if (base[lane].value)
      bits |= 1u << lane;
  }
  for (unsigned m = mask; m; m &= m - 1)
    base[__builtin_ctz(m)].result = bits;
  finishCollective(t, mask);
  return bits;
}

void Block::ldmatrix(Thread &t, int num, int trans, const void *rowAddress,
                     uint32_t *out, const char *file, int line) {
  if (num != 1 && num != 2 && num != 4)
    fail(t, [&] {
      return "bad operand: " +
             siteText(opName(Op::Ldmatrix, num | (trans ? 8 : 0)), file, line) +
             " loads " + std::to_string(num) + " matrices, not 1, 2 or 4";
    });
  t.address = rowAddress;
  t.out = out;
  int variant = num | (trans ? 8 : 0);
  if (!joinCollective(t, Op::Ldmatrix, variant, ~0u, file, line))
    return;
  Thread *base = warpBase(t);
  const uint16_t *rows[4][8];
  for (int m = 0; m < num; ++m)
    for (int r = 0; r < 8; ++r) {
      Thread &u = base[8 * m + r];
      if (reinterpret_cast<uintptr_t>(u.address) % 16 != 0)
        fail(t, [&] {
          return "misaligned: " +
                 siteText(opName(Op::Ldmatrix, variant), u.file, u.line) +
                 " row address of thread " + std::to_string(u.linear) +
                 " is not 16-byte aligned";
        });
      if (!arena.contains(u.address, 16))
        fail(t, [&] {
          return "shared memory bounds: " +
                 siteText(opName(Op::Ldmatrix, variant), u.file, u.line) +
                 " row address of thread " + std::to_string(u.linear) +
                 " is outside the block's shared memory";
        });
      rows[m][r] = static_cast<const uint16_t *>(u.address);
    }
  for (unsigned lane = 0; lane < 32; ++lane)
    ldmatrixLane(num, trans != 0, rows, lane, base[lane].out);
  finishCollective(t, ~0u);
}

void Block::mma(Thread &t, int kind, const uint32_t *a, const uint32_t *b,
                const float *c, float *d, const char *file, int line) {
  if (!mmaKindValid(kind))
    fail(t, [&] {
      return "bad operand: " + siteText(opName(Op::Mma, kind), file, line) +
             " of unknown kind " + std::to_string(kind);
    });
  t.fragA = a;
  t.fragB = b;
  t.fragC = c;
  t.fragD = d;
  if (!joinCollective(t, Op::Mma, kind, ~0u, file, line))
    return;
  Thread *base = warpBase(t);
  uint32_t fa[32][4], fb[32][2];
  float fc[32][4], fd[32][4];
  for (unsigned lane = 0; lane < 32; ++lane) {
    std::memcpy(fa[lane], base[lane].fragA, sizeof(fa[lane]));
    std::memcpy(fb[lane], base[lane].fragB, sizeof(fb[lane]));
    std::memcpy(fc[lane], base[lane].fragC, sizeof(fc[lane]));
  }
  mmaWarp(kind, fa, fb, fc, fd);
  for (unsigned lane = 0; lane < 32; ++lane)
    std::memcpy(base[lane].fragD, fd[lane], sizeof(fd[lane]));
  finishCollective(t, ~0u);
}

} // namespace tessera::emu
