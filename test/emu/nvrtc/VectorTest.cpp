//===- VectorTest.cpp - The host branch of vector.cuh ---------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ts_vec's layout, loads and stores of 4, 8 and 16 bytes, and the trap (with
// the caller's file:line) on a misaligned address, which the GPU would fault
// on but a host memcpy would not notice.
//
//===----------------------------------------------------------------------===//
#include "FakeEmulator.h"

#include "tessera/half.cuh"
#include "tessera/vector.cuh"

#include <gtest/gtest.h>

#include <cstring>
#include <type_traits>

namespace {

using tessera::test::FakeEmulator;
using tessera::test::Trap;

static_assert(sizeof(ts_vec<float, 4>) == 16 &&
              alignof(ts_vec<float, 4>) == 16);
static_assert(sizeof(ts_vec<ts_half, 8>) == 16 &&
              alignof(ts_vec<ts_half, 8>) == 16);
static_assert(sizeof(ts_vec<ts_bf16, 4>) == 8 &&
              alignof(ts_vec<ts_bf16, 4>) == 8);
static_assert(sizeof(ts_vec<ts_bf16, 2>) == 4 &&
              alignof(ts_vec<ts_bf16, 2>) == 4);
static_assert(std::is_trivially_copyable<ts_vec<ts_half, 8>>::value &&
              std::is_trivial<ts_half>::value &&
              std::is_trivial<ts_bf16>::value);

TEST(Vector, LoadsAndStoresMoveTheElements) {
  FakeEmulator emu;
  alignas(16) float src[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  alignas(16) float dst[8] = {};
  ts_vec<float, 4> v = ts_load_vec<4>(src + 4);
  EXPECT_EQ(v[0], 5.0f);
  EXPECT_EQ(v[3], 8.0f);
  ts_store_vec(dst, v);
  ts_store_vec(dst + 6, ts_load_vec<2>(src + 2));
  ts_store_vec(dst + 5, ts_load_vec<1>(src));
  const float expected[8] = {5, 6, 7, 8, 0, 1, 3, 4};
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(dst[i], expected[i]) << i;

  alignas(16) ts_bf16 b[8], c[8] = {};
  for (int i = 0; i < 8; ++i)
    b[i] = ts_float_to_bf16(static_cast<float>(i));
  ts_store_vec(c, ts_load_vec<8>(b));
  ts_store_vec(c + 4, ts_load_global_nc<4>(b)); // 8 bytes
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(ts_bf16_to_float(c[i]), static_cast<float>(i < 4 ? i : i - 4));
  EXPECT_TRUE(emu.calls.empty());
}

TEST(Vector, ReadOnlyScalarLoads) {
  FakeEmulator emu;
  alignas(16) double d[2] = {1.5, -2.5};
  alignas(16) ts_half h[2] = {ts_float_to_half(3.0f), ts_float_to_half(4.0f)};
  EXPECT_EQ(ts_load_global_nc(d + 1), -2.5);
  EXPECT_EQ(ts_half_to_float(ts_load_global_nc(h + 1)), 4.0f);
  ts_vec<float, 4> v = ts_load_global_nc<4>(reinterpret_cast<const float *>(d));
  EXPECT_EQ(std::memcmp(&v, d, sizeof v), 0);
}

TEST(Vector, MisalignedAccessTrapsAtTheCallersLine) {
  FakeEmulator emu;
  alignas(16) float buffer[12] = {};
  const float *misaligned = buffer + 2; // 8-byte aligned only
  int line = 0;
  try {
    line = __LINE__ + 1;
    ts_vec<float, 4> v = ts_load_vec<4>(misaligned);
    ADD_FAILURE() << "no trap, got " << v[0];
  } catch (const Trap &trap) {
    EXPECT_NE(trap.message.find("ts_load_vec: address "), std::string::npos)
        << trap.message;
    EXPECT_NE(trap.message.find(" is not 16-byte aligned"), std::string::npos)
        << trap.message;
    EXPECT_NE(trap.file.find("VectorTest.cpp"), std::string::npos) << trap.file;
    EXPECT_EQ(trap.line, line);
  }
  try {
    line = __LINE__ + 1;
    ts_store_vec(buffer + 1, ts_vec<float, 2>{{1.0f, 2.0f}});
    ADD_FAILURE() << "no trap";
  } catch (const Trap &trap) {
    EXPECT_NE(trap.message.find("ts_store_vec: address "), std::string::npos)
        << trap.message;
    EXPECT_NE(trap.message.find(" is not 8-byte aligned"), std::string::npos)
        << trap.message;
    EXPECT_EQ(trap.line, line);
  }
  try {
    line = __LINE__ + 1;
    ts_load_global_nc(reinterpret_cast<const double *>(buffer + 1));
    ADD_FAILURE() << "no trap";
  } catch (const Trap &trap) {
    EXPECT_NE(trap.message.find("ts_load_global_nc: address "),
              std::string::npos)
        << trap.message;
    EXPECT_EQ(trap.line, line);
  }
  // 8-byte aligned is enough for 8 bytes.
  EXPECT_EQ(ts_load_vec<2>(misaligned)[0], 0.0f);
  EXPECT_EQ(emu.calls.size(), 3u); // the three traps
}

} // namespace
