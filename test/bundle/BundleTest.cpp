//===- BundleTest.cpp - The .tsrb container: round trip and refusals ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/bundle/Bundle.h"
#include "runtime/bundle/BundleFormat.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace tessera::bundle;

namespace {

/// Three sections; "weights" 4 KiB aligned, "empty" empty.
std::string sampleBytes() {
  BundleWriter writer;
  std::string error;
  EXPECT_TRUE(writer.addSection("source", "extern \"C\" void k() {}", error));
  std::string weights(10000, '\0');
  for (size_t i = 0; i < weights.size(); ++i)
    weights[i] = static_cast<char>(i * 7);
  EXPECT_TRUE(writer.addSection("weights", weights, 4096, error));
  EXPECT_TRUE(writer.addSection("empty", "", error));
  return writer.serialize();
}

std::string load(std::string_view bytes) {
  std::string error;
  auto bundle = Bundle::fromMemory(bytes, "model.tsrb", error);
  EXPECT_EQ(bundle == nullptr, !error.empty());
  return bundle ? "ok" : error;
}

void put64(std::string &bytes, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

/// Re-seals the table and header checksums after an edit, so that the check
/// under test is the one that fails.
void reseal(std::string &bytes) {
  uint32_t count = static_cast<unsigned char>(bytes[12]);
  put64(bytes, 32, XXH3_64bits(bytes.data() + 64, count * kSectionEntrySize));
  put64(bytes, 40, XXH3_64bits(bytes.data(), 40));
}

TEST(Bundle, RoundTripsSectionsWithTheirAlignment) {
  std::string bytes = sampleBytes();
  std::string error;
  auto bundle = Bundle::fromMemory(bytes, "model.tsrb", error);
  ASSERT_TRUE(bundle) << error;
  EXPECT_EQ(bundle->versionMajor(), kVersionMajor);
  EXPECT_EQ(bundle->size(), bytes.size());
  ASSERT_EQ(bundle->sections().size(), 3u);
  EXPECT_EQ(bundle->find("source")->bytes, "extern \"C\" void k() {}");
  const Section *weights = bundle->find("weights");
  ASSERT_NE(weights, nullptr);
  EXPECT_EQ(weights->offset % 4096, 0u);
  ASSERT_EQ(weights->bytes.size(), 10000u);
  for (size_t i = 0; i < 10000; ++i)
    ASSERT_EQ(weights->bytes[i], static_cast<char>(i * 7));
  EXPECT_EQ(bundle->find("empty")->bytes.size(), 0u);
  EXPECT_EQ(bundle->find("nothing"), nullptr);
}

TEST(Bundle, OpensAFileThroughAMapping) {
  std::string path =
      "/tmp/tessera-bundle-test-" + std::to_string(getpid()) + ".tsrb";
  BundleWriter writer;
  std::string error;
  ASSERT_TRUE(writer.addSection("plan", "launch k", error));
  ASSERT_TRUE(writer.writeFile(path, error)) << error;
  auto bundle = Bundle::openFile(path, error);
  std::remove(path.c_str());
  ASSERT_TRUE(bundle) << error;
  EXPECT_EQ(bundle->find("plan")->bytes, "launch k");

  EXPECT_FALSE(Bundle::openFile("/nonexistent/x.tsrb", error));
  EXPECT_EQ(error, "/nonexistent/x.tsrb: cannot open: No such file or "
                   "directory");
}

TEST(Bundle, WriterRefusesBadNamesAndAlignments) {
  BundleWriter writer;
  std::string error;
  EXPECT_FALSE(writer.addSection("", "x", error));
  EXPECT_EQ(error, "bad section name '' (1 to 39 bytes, no NUL)");
  EXPECT_FALSE(writer.addSection(std::string(40, 'n'), "x", error));
  EXPECT_TRUE(writer.addSection("a", "x", error));
  EXPECT_FALSE(writer.addSection("a", "y", error));
  EXPECT_EQ(error, "duplicate section 'a'");
  EXPECT_FALSE(writer.addSection("b", "y", 100, error));
  EXPECT_EQ(error, "bad alignment 100 for section 'b' (a power of two >= 64)");
}

TEST(Bundle, RefusesTruncatedFilesAtEveryLength) {
  std::string bytes = sampleBytes();
  EXPECT_EQ(load(""), "model.tsrb: truncated: 0 bytes, shorter than the "
                      "64-byte header");
  EXPECT_EQ(load(bytes.substr(0, 63)),
            "model.tsrb: truncated: 63 bytes, shorter than the 64-byte header");
  EXPECT_EQ(load(bytes.substr(0, bytes.size() - 1)),
            "model.tsrb: truncated: the header says " +
                std::to_string(bytes.size()) + " bytes, the file has " +
                std::to_string(bytes.size() - 1));
  // Every prefix is refused, never accepted or crashed on.
  for (size_t n = 0; n < bytes.size(); n += 97)
    EXPECT_NE(load(bytes.substr(0, n)), "ok") << n;
  EXPECT_EQ(load(bytes + "junk"),
            "model.tsrb: file size mismatch: the header says " +
                std::to_string(bytes.size()) + " bytes, the file has " +
                std::to_string(bytes.size() + 4));
}

TEST(Bundle, RefusesBadMagicAndVersion) {
  std::string bytes = sampleBytes();
  std::string bad = bytes;
  bad[1] = 'X';
  EXPECT_EQ(load(bad), "model.tsrb: not a tessera bundle (bad magic)");
  bad = bytes;
  bad[8] = 2; // major 2
  reseal(bad);
  EXPECT_EQ(load(bad), "model.tsrb: bad version 2.0 (this runtime reads "
                       "version 1.x)");
  bad = bytes;
  bad[10] = 7; // a newer minor version is read
  reseal(bad);
  EXPECT_EQ(load(bad), "ok");
}

TEST(Bundle, RefusesCorruptedHeaderTableAndSections) {
  std::string bytes = sampleBytes();
  std::string bad = bytes;
  bad[12] ^= 1; // section count, not resealed
  EXPECT_EQ(load(bad), "model.tsrb: header checksum mismatch");

  bad = bytes;
  bad[64 + 45] ^= 1; // first entry's offset, header resealed, table not
  put64(bad, 40, XXH3_64bits(bad.data(), 40));
  EXPECT_EQ(load(bad), "model.tsrb: section table checksum mismatch");

  std::string error;
  auto good = Bundle::fromMemory(bytes, "m", error);
  ASSERT_TRUE(good);
  uint64_t at = good->find("weights")->offset + 5000;
  bad = bytes;
  bad[at] ^= 0x40;
  std::string message = load(bad);
  EXPECT_EQ(message.rfind("model.tsrb: checksum mismatch in section "
                          "'weights' (stored 0x",
                          0),
            0u)
      << message;
}

TEST(Bundle, RefusesOffsetsOutOfRange) {
  std::string bytes = sampleBytes();
  std::string bad = bytes;
  // Second entry ("weights"): offset beyond the end.
  put64(bad, 64 + 64 + 40, bytes.size() - 10);
  reseal(bad);
  EXPECT_EQ(load(bad), "model.tsrb: section 'weights' offset " +
                           std::to_string(bytes.size() - 10) +
                           " size 10000 out of range (file is " +
                           std::to_string(bytes.size()) + " bytes)");
  bad = bytes;
  put64(bad, 64 + 48, ~0ull); // a size that would overflow offset + size
  reseal(bad);
  EXPECT_NE(load(bad).find("section 'source' offset"), std::string::npos);
  bad = bytes;
  bad[12] = static_cast<char>(255); // more entries than the file holds
  reseal(bad);
  EXPECT_EQ(load(bad).rfind("model.tsrb: section table offset 64 (+16320 "
                            "bytes) out of range",
                            0),
            0u);
}

} // namespace
