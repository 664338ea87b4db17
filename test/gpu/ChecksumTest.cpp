// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera_checksum64 against the published XXH3_64bits_withSeed test vectors.

#include "runtime/tessera_runtime.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {

constexpr uint64_t kPrime32 = 2654435761ULL;
constexpr uint64_t kPrime64 = 11400714785074694797ULL;

/// The input of xxHash's sanity check: byte i is the top byte of
/// kPrime32 * kPrime64^i (Cyan4973/xxHash: cli/xsum_sanity_check.c).
std::vector<uint8_t> sanityBuffer(size_t size) {
  std::vector<uint8_t> buffer(size);
  uint64_t byteGen = kPrime32;
  for (uint8_t &byte : buffer) {
    byte = static_cast<uint8_t>(byteGen >> 56);
    byteGen *= kPrime64;
  }
  return buffer;
}

struct Vector {
  size_t length;
  uint64_t seed;
  uint64_t hash;
};

/// XSUM_XXH3_testdata from Cyan4973/xxHash: cli/xsum_sanity_check.c; the
/// lengths cover every size class of XXH3.
constexpr Vector kXXH3Vectors[] = {
    {0, 0, 0x2D06800538D394C2ULL},    {0, kPrime64, 0xA8A6B918B2F0364AULL},
    {1, 0, 0xC44BDFF4074EECDBULL},    {1, kPrime64, 0x032BE332DD766EF8ULL},
    {6, 0, 0x27B56A84CD2D7325ULL},    {6, kPrime64, 0x84589C116AB59AB9ULL},
    {12, 0, 0xA713DAF0DFBB77E7ULL},   {12, kPrime64, 0xE7303E1B2336DE0EULL},
    {24, 0, 0xA3FE70BF9D3510EBULL},   {24, kPrime64, 0x850E80FC35BDD690ULL},
    {48, 0, 0x397DA259ECBA1F11ULL},   {48, kPrime64, 0xADC2CBAA44ACC616ULL},
    {80, 0, 0xBCDEFBBB2C47C90AULL},   {80, kPrime64, 0xC6DD0CB699532E73ULL},
    {195, 0, 0xCD94217EE362EC3AULL},  {195, kPrime64, 0xBA68003D370CB3D9ULL},
    {403, 0, 0xCDEB804D65C6DEA4ULL},  {403, kPrime64, 0x6259F6ECFD6443FDULL},
    {512, 0, 0x617E49599013CB6BULL},  {512, kPrime64, 0x3CE457DE14C27708ULL},
    {2048, 0, 0xDD59E2C3A5F038E0ULL}, {2048, kPrime64, 0x66F81670669ABABCULL},
    {2099, 0, 0xC6B9D9B3FC9AC765ULL}, {2099, kPrime64, 0x184F316843663974ULL},
    {2240, 0, 0x6E73A90539CF2948ULL}, {2240, kPrime64, 0x757BA8487D1B5247ULL},
    {2367, 0, 0xCB37AEB9E5D361EDULL}, {2367, kPrime64, 0xD2DB3415B942B42AULL},
};

TEST(ChecksumTest, EmptyInputMatchesPublishedValue) {
  EXPECT_EQ(tessera_checksum64(nullptr, 0, 0), 0x2D06800538D394C2ULL);
  EXPECT_EQ(tessera_checksum64("", 0, 0), 0x2D06800538D394C2ULL);
}

TEST(ChecksumTest, MatchesPublishedXXH3Vectors) {
  const std::vector<uint8_t> buffer = sanityBuffer(2367);
  for (const Vector &vector : kXXH3Vectors)
    EXPECT_EQ(tessera_checksum64(buffer.data(), vector.length, vector.seed),
              vector.hash)
        << "length " << vector.length << ", seed " << vector.seed;
}

TEST(ChecksumTest, DependsOnSeedAndEveryByte) {
  std::vector<uint8_t> buffer = sanityBuffer(4096);
  const uint64_t hash = tessera_checksum64(buffer.data(), buffer.size(), 1);
  EXPECT_EQ(tessera_checksum64(buffer.data(), buffer.size(), 1), hash);
  EXPECT_NE(tessera_checksum64(buffer.data(), buffer.size(), 2), hash);
  for (size_t i : {size_t(0), size_t(1000), buffer.size() - 1}) {
    buffer[i] ^= 1;
    EXPECT_NE(tessera_checksum64(buffer.data(), buffer.size(), 1), hash)
        << "flipped byte " << i;
    buffer[i] ^= 1;
  }
}

} // namespace
