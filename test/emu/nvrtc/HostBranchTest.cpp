//===- HostBranchTest.cpp - ldmatrix, mma and cp.async reach the ABI ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The host branches of mma.cuh pass each call to the emulator's ABI with the
// right shape, type, transposition and count, the caller's pointers, and the
// caller's file:line (so that diagnostics name the kernel's line).
//
//===----------------------------------------------------------------------===//
#include "FakeEmulator.h"

#include "tessera/mma.cuh"

#include <gtest/gtest.h>

namespace {

using tessera::test::FakeCall;
using tessera::test::FakeEmulator;

/// Whether |file| is this source file (as __builtin_FILE() spells it).
bool isThisFile(const std::string &file) {
  const std::string self = "HostBranchTest.cpp";
  return file.size() >= self.size() &&
         file.compare(file.size() - self.size(), self.size(), self) == 0;
}

TEST(HostBranch, LdmatrixPassesCountTransRowAndSite) {
  FakeEmulator emu;
  alignas(16) uint16_t tile[8 * 8] = {};
  uint32_t one[1], two[2], four[4];
  const int line = __LINE__ + 1;
  ts_ldmatrix_x1(one, &tile[8]);
  ts_ldmatrix_x2(two, &tile[16]);
  ts_ldmatrix_x4(four, &tile[24]);
  ts_ldmatrix_x1_trans(one, &tile[32]);
  ts_ldmatrix_x2_trans(two, &tile[40]);
  ts_ldmatrix_x4_trans(four, &tile[48]);
  ASSERT_EQ(emu.calls.size(), 6u);
  const int counts[6] = {1, 2, 4, 1, 2, 4};
  void *outs[6] = {one, two, four, one, two, four};
  for (int i = 0; i < 6; ++i) {
    const FakeCall &call = emu.calls[i];
    EXPECT_EQ(call.function, "ldmatrix");
    EXPECT_EQ(call.count, counts[i]) << i;
    EXPECT_EQ(call.trans, i >= 3 ? 1 : 0) << i;
    EXPECT_EQ(call.pointer, &tile[8 * (i + 1)]) << i;
    EXPECT_EQ(call.out, outs[i]) << i;
    EXPECT_TRUE(isThisFile(call.file)) << call.file;
    EXPECT_EQ(call.line, line + i);
  }
  // The fake's registers arrive in the caller's array.
  EXPECT_EQ(four[0], 0x1000u);
  EXPECT_EQ(four[3], 0x1003u);
}

TEST(HostBranch, MmaPassesKindFragmentsAndSite) {
  FakeEmulator emu;
  uint32_t a[4] = {1, 2, 3, 4}, b[2] = {10, 20};
  float c[4] = {100, 200, 300, 400}, d[4] = {};
  const int line = __LINE__ + 1;
  ts_mma_m16n8k16_bf16(d, a, b, c);
  ts_mma_m16n8k16_f16(d, a, b, c);
  ts_mma_m16n8k8_tf32(c, a, b, c); // d aliasing c
  ASSERT_EQ(emu.calls.size(), 3u);
  const int kinds[3] = {TS_MMA_M16N8K16_BF16, TS_MMA_M16N8K16_F16,
                        TS_MMA_M16N8K8_TF32};
  for (int i = 0; i < 3; ++i) {
    const FakeCall &call = emu.calls[i];
    EXPECT_EQ(call.function, "mma");
    EXPECT_EQ(call.kind, kinds[i]) << i;
    EXPECT_EQ(call.pointer, a);
    EXPECT_EQ(call.pointer2, b);
    EXPECT_EQ(call.pointer3, c);
    EXPECT_EQ(call.out, i == 2 ? static_cast<void *>(c) : d);
    EXPECT_TRUE(isThisFile(call.file)) << call.file;
    EXPECT_EQ(call.line, line + i);
  }
  EXPECT_EQ(d[0], 111.0f);
  EXPECT_EQ(d[3], 424.0f);
  EXPECT_EQ(c[1], 222.0f);
}

TEST(HostBranch, CpAsyncCommitAndWaitPassTheirArguments) {
  FakeEmulator emu;
  alignas(16) unsigned char smem[32], gmem[32] = {};
  const int line = __LINE__ + 1;
  ts_cp_async16(smem, gmem + 16, 12);
  ts_cp_async16(smem + 16, gmem);
  ts_cp_async_commit();
  ts_cp_async_wait<2>();
  ts_cp_async_wait_all();
  ASSERT_EQ(emu.calls.size(), 6u);
  EXPECT_EQ(emu.calls[0].function, "cp_async");
  EXPECT_EQ(emu.calls[0].pointer, smem);
  EXPECT_EQ(emu.calls[0].pointer2, gmem + 16);
  EXPECT_EQ(emu.calls[0].bytes, 12);
  EXPECT_EQ(emu.calls[0].line, line);
  EXPECT_EQ(emu.calls[1].bytes, 16); // the default: a full copy
  EXPECT_EQ(emu.calls[1].line, line + 1);
  EXPECT_EQ(emu.calls[2].function, "cp_async_commit");
  EXPECT_EQ(emu.calls[2].line, line + 2);
  EXPECT_EQ(emu.calls[3].function, "cp_async_wait");
  EXPECT_EQ(emu.calls[3].count, 2);
  EXPECT_EQ(emu.calls[3].line, line + 3);
  // wait_all = commit_group + wait_group 0 (as in PTX).
  EXPECT_EQ(emu.calls[4].function, "cp_async_commit");
  EXPECT_EQ(emu.calls[5].function, "cp_async_wait");
  EXPECT_EQ(emu.calls[5].count, 0);
  EXPECT_EQ(emu.calls[5].line, line + 4);
  for (const FakeCall &call : emu.calls)
    EXPECT_TRUE(isThisFile(call.file)) << call.file;
}

} // namespace
