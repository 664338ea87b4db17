// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The .npy reader and writer. The literal files below are written byte by
// byte from the format specification (numpy.lib.format): the magic
// "\x93NUMPY", the version, a little-endian header length, the header dict
// padded with spaces and a newline to a multiple of 64 bytes, then the data.
// They are what np.save writes for the same arrays (NumPy 1.24).

#include "runtime/tensor/Npy.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using namespace tessera;

namespace {

using Shape = std::vector<int64_t>;

/// A .npy image: |major|.0 magic and length, |dict| padded to |headerLength|
/// bytes (the padding counted by hand), then |data|.
std::string npyImage(int major, const std::string &dict, size_t padding,
                     const std::string &data) {
  size_t headerLength = dict.size() + padding + 1;
  std::string bytes("\x93NUMPY", 6);
  bytes += static_cast<char>(major);
  bytes += '\0';
  bytes += static_cast<char>(headerLength & 0xff);
  bytes += static_cast<char>(headerLength >> 8);
  if (major > 1)
    bytes += std::string(2, '\0');
  return bytes + dict + std::string(padding, ' ') + "\n" + data;
}

/// np.save(f, np.array([[1, 2, 3], [4, 5, 6]], dtype='<i4')): 152 bytes.
const std::string kI32Dict =
    "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }";
const std::string kI32Data("\x01\0\0\0\x02\0\0\0\x03\0\0\0"
                           "\x04\0\0\0\x05\0\0\0\x06\0\0\0",
                           24);

/// Parses |bytes| as "t.npy", expecting success.
HostTensor parse(const std::string &bytes) {
  HostTensor tensor;
  std::string error;
  EXPECT_TRUE(parseNpy(bytes, "t.npy", tensor, error)) << error;
  return tensor;
}

/// Parses |bytes| as "t.npy", expecting failure; returns the message.
std::string parseError(const std::string &bytes) {
  HostTensor tensor;
  std::string error;
  EXPECT_FALSE(parseNpy(bytes, "t.npy", tensor, error));
  return error;
}

std::vector<double> valuesOf(const HostTensor &t) {
  std::vector<double> values;
  for (int64_t i = 0; i < t.numElements(); ++i)
    values.push_back(t.getDouble(i));
  return values;
}

TEST(NpyTest, ReadsWhatNumPyWrites) {
  std::string bytes = npyImage(1, kI32Dict, 58, kI32Data);
  ASSERT_EQ(bytes.size(), 152u);
  HostTensor t = parse(bytes);
  EXPECT_EQ(t.dtype(), DType::I32);
  EXPECT_EQ(t.shape(), (Shape{2, 3}));
  EXPECT_EQ(valuesOf(t), (std::vector<double>{1, 2, 3, 4, 5, 6}));
}

TEST(NpyTest, WritesWhatNumPyWrites) {
  HostTensor t(DType::I32, {2, 3});
  for (int i = 0; i < 6; ++i)
    t.setInt(i, i + 1);
  EXPECT_EQ(serializeNpy(t), npyImage(1, kI32Dict, 58, kI32Data));
  // np.save(f, np.float64(2.5)): a scalar, shape ().
  HostTensor scalar(DType::F64, {});
  scalar.setDouble(0, 2.5);
  EXPECT_EQ(serializeNpy(scalar),
            npyImage(1,
                     "{'descr': '<f8', 'fortran_order': False, "
                     "'shape': (), }",
                     62, std::string("\0\0\0\0\0\0\x04@", 8)));
  // np.save(f, np.array([True, False, True])): one-element tuple "(3,)".
  HostTensor flags(DType::I1, {3});
  flags.setInt(0, 1);
  flags.setInt(2, 1);
  EXPECT_EQ(serializeNpy(flags),
            npyImage(1,
                     "{'descr': '|b1', 'fortran_order': False, "
                     "'shape': (3,), }",
                     60, std::string("\x01\0\x01", 3)));
}

TEST(NpyTest, ReadsVersions2And3) {
  for (int major : {2, 3}) {
    HostTensor t = parse(npyImage(major, kI32Dict, 56, kI32Data));
    EXPECT_EQ(t.shape(), (Shape{2, 3})) << "version " << major;
    EXPECT_EQ(valuesOf(t), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  }
}

TEST(NpyTest, ReadsOtherHeaderSpellings) {
  // Any key order, double quotes, no trailing comma, Python 2 longs.
  HostTensor t = parse(npyImage(
      1, "{\"shape\": (2L,), \"fortran_order\": False, \"descr\": \"<f8\"}", 0,
      std::string("\0\0\0\0\0\0\xf0?\0\0\0\0\0\0\0\xc0", 16)));
  EXPECT_EQ(t.dtype(), DType::F64);
  EXPECT_EQ(valuesOf(t), (std::vector<double>{1.0, -2.0}));
}

TEST(NpyTest, RoundTripsEveryDType) {
  struct Case {
    DType dtype;
    std::vector<double> values;
  };
  for (const Case &c :
       {Case{DType::F32, {1.5, -0.25, 0x1p127, 0}},
        Case{DType::F64, {1e300, -2.5, 0.1, 7}},
        Case{DType::F16, {65504, -0.5, 6.103515625e-05, 1}},
        Case{DType::I64, {-9007199254740992.0, 1, 2, 3}},
        Case{DType::I32, {-2147483648.0, 2147483647, 0, 5}},
        Case{DType::I8, {-128, 127, 0, -1}}, Case{DType::I1, {1, 0, 0, 1}}}) {
    HostTensor t(c.dtype, {2, 2});
    for (int i = 0; i < 4; ++i)
      t.setDouble(i, c.values[i]);
    HostTensor back = parse(serializeNpy(t));
    EXPECT_EQ(back, t) << dtypeName(c.dtype);
    EXPECT_EQ(valuesOf(back), c.values) << dtypeName(c.dtype);
    EXPECT_EQ(serializeNpy(t).size() % 64,
              static_cast<size_t>(t.byteSize() % 64));
  }
}

TEST(NpyTest, EmptyAndRank0RoundTrip) {
  HostTensor empty(DType::F16, {0, 3});
  EXPECT_EQ(parse(serializeNpy(empty)), empty);
  HostTensor scalar(DType::I64, {});
  scalar.setInt(0, -42);
  EXPECT_EQ(parse(serializeNpy(scalar)), scalar);
}

TEST(NpyTest, BFloat16IsWrittenAsFloat32) {
  HostTensor t(DType::BF16, {3});
  for (int i = 0; i < 3; ++i)
    t.setDouble(i, std::vector<double>{1.0, -0.375, 3.0e38}[i]);
  std::string bytes = serializeNpy(t);
  EXPECT_NE(bytes.find("'descr': '<f4'"), std::string::npos);
  HostTensor back = parse(bytes);
  EXPECT_EQ(back.dtype(), DType::F32);
  // bf16(3.0e38) = 0x7f62 -> 2.9975e38 exactly in f32; the others are exact.
  EXPECT_EQ(valuesOf(back), valuesOf(t));
  uint32_t bits;
  std::memcpy(&bits, bytes.data() + bytes.size() - 4, 4);
  EXPECT_EQ(bits, 0x7f620000u);
}

TEST(NpyTest, BoolsAreCanonical) {
  HostTensor t = parse(
      npyImage(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }",
               60, std::string("\x02\0", 2)));
  EXPECT_EQ(t.as<uint8_t>()[0], 1);
  EXPECT_EQ(t.as<uint8_t>()[1], 0);
}

TEST(NpyTest, Errors) {
  auto dict = [](const std::string &descr, const std::string &order) {
    return "{'descr': '" + descr + "', 'fortran_order': " + order +
           ", 'shape': (2,), }";
  };
  EXPECT_EQ(parseError("PK\x03\x04 not npy"),
            "t.npy: not a .npy file (bad magic)");
  EXPECT_EQ(parseError(npyImage(1, dict("<u2", "False"), 59, "\0\0\0\0")),
            "t.npy: unsupported .npy dtype '<u2'; expected one of <f4 <f8 "
            "<f2 <i8 <i4 |i1 |b1");
  EXPECT_EQ(
      parseError(npyImage(1, dict(">f4", "False"), 59, std::string(8, '\0'))),
      "t.npy: unsupported .npy dtype '>f4' (big-endian); expected one "
      "of <f4 <f8 <f2 <i8 <i4 |i1 |b1");
  EXPECT_EQ(
      parseError(npyImage(1, dict("|O", "False"), 60, std::string(16, '\0'))),
      "t.npy: unsupported .npy dtype '|O'; expected one of <f4 <f8 <f2 "
      "<i8 <i4 |i1 |b1");
  EXPECT_EQ(
      parseError(npyImage(1, dict("<f4", "True"), 60, std::string(8, '\0'))),
      "t.npy: fortran_order True (column-major) .npy data is not "
      "supported; save a C-contiguous array");
  EXPECT_EQ(
      parseError(npyImage(1, dict("<f4", "False"), 59, std::string(5, '\0'))),
      "t.npy: truncated data: shape 2 of <f4 needs 8 bytes, the file "
      "holds 5");
  EXPECT_EQ(parseError(npyImage(1,
                                "{'descr': [('a', '<f4')], 'fortran_order': "
                                "False, 'shape': (2,), }",
                                0, "")),
            "t.npy: unsupported .npy dtype (a structured dtype)");
  EXPECT_EQ(parseError(npyImage(4, kI32Dict, 56, kI32Data)),
            "t.npy: unsupported .npy format version 4.0 (expected 1.0, 2.0 "
            "or 3.0)");
  EXPECT_EQ(parseError(npyImage(1, "{'descr': '<f4', 'shape': (2,)}", 30,
                                std::string(8, '\0'))),
            "t.npy: malformed .npy header (expected the keys descr, "
            "fortran_order and shape): {'descr': '<f4', 'shape': (2,)}");
  EXPECT_EQ(parseError(npyImage(1, kI32Dict, 58, "").substr(0, 40)),
            "t.npy: truncated .npy header: expected 118 bytes, got 30");
}

TEST(NpyTest, FilesRoundTripAndNameThePath) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("npytest", "npy", path));
  HostTensor t(DType::F32, {2});
  t.setDouble(0, 0.5);
  t.setDouble(1, -8);
  std::string error;
  ASSERT_TRUE(writeNpyFile(path.str().str(), t, error)) << error;
  HostTensor back;
  ASSERT_TRUE(readNpyFile(path.str().str(), back, error)) << error;
  EXPECT_EQ(back, t);
  llvm::sys::fs::remove(path);
  EXPECT_FALSE(readNpyFile(path.str().str(), back, error));
  EXPECT_EQ(error,
            path.str().str() + ": cannot read: No such file or directory");
  EXPECT_FALSE(writeNpyFile("/nonexistent-dir/x.npy", t, error));
  EXPECT_EQ(error, "/nonexistent-dir/x.npy: cannot write: No such file or "
                   "directory");
}

} // namespace
