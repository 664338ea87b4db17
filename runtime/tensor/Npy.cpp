//===- Npy.cpp - NumPy .npy files <-> HostTensor --------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "runtime/tensor/Npy.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>

using namespace tessera;

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";

/// The .npy descr of |dtype| as written (bf16 is written as f32).
const char *descrOf(DType dtype) {
  switch (dtype) {
  case DType::F32:
  case DType::BF16:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::F16:
    return "<f2";
  case DType::I64:
    return "<i8";
  case DType::I32:
    return "<i4";
  case DType::I8:
    return "|i1";
  case DType::I1:
    return "|b1";
  }
  return "?";
}

/// The dtype of a .npy descr; one-byte types may use any byte-order mark
/// ('|', '<', '>' or '='), wider ones must be little-endian ('<').
std::optional<DType> dtypeOfDescr(std::string_view descr) {
  if (descr.size() < 2)
    return std::nullopt;
  char order = descr[0];
  std::string_view kind = descr.substr(1);
  if (kind == "i1" || kind == "b1")
    return order == '|' || order == '<' || order == '>' || order == '='
               ? std::optional<DType>(kind == "i1" ? DType::I8 : DType::I1)
               : std::nullopt;
  if (order != '<')
    return std::nullopt;
  for (DType d : {DType::F32, DType::F64, DType::F16, DType::I64, DType::I32})
    if (kind == std::string_view(descrOf(d)).substr(1))
      return d;
  return std::nullopt;
}

/// A parser of the header dict NumPy writes (a Python literal): single- or
/// double-quoted strings, True/False and tuples of non-negative integers.
class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text(text) {}

  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  /// Skips spaces, then consumes |c| if it comes next.
  bool consume(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool peek(char c) {
    skipSpace();
    return pos < text.size() && text[pos] == c;
  }
  bool parseString(std::string &value) {
    skipSpace();
    if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
      return false;
    char quote = text[pos++];
    size_t end = text.find(quote, pos);
    if (end == std::string_view::npos)
      return false;
    value = std::string(text.substr(pos, end - pos));
    pos = end + 1;
    return true;
  }
  bool parseBool(bool &value) {
    skipSpace();
    for (auto [word, v] : {std::pair{std::string_view("True"), true},
                           std::pair{std::string_view("False"), false}})
      if (text.substr(pos, word.size()) == word) {
        pos += word.size();
        value = v;
        return true;
      }
    return false;
  }
  /// "(2, 3)", "(4,)" or "()".
  bool parseShape(std::vector<int64_t> &shape) {
    if (!consume('('))
      return false;
    shape.clear();
    while (!consume(')')) {
      skipSpace();
      int64_t dim = 0;
      size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (dim > (std::numeric_limits<int64_t>::max() - 9) / 10)
          return false;
        dim = dim * 10 + (text[pos++] - '0');
      }
      if (pos == start)
        return false;
      if (pos < text.size() && text[pos] == 'L') // Python 2 long.
        ++pos;
      shape.push_back(dim);
      if (!consume(',') && !peek(')'))
        return false;
    }
    return true;
  }

private:
  std::string_view text;
  size_t pos = 0;
};

/// Little-endian unsigned integer of |size| bytes at |p|.
uint32_t readLE(const char *p, int size) {
  uint32_t value = 0;
  for (int i = size - 1; i >= 0; --i)
    value = (value << 8) | static_cast<uint8_t>(p[i]);
  return value;
}

} // namespace

bool tessera::parseNpy(std::string_view bytes, std::string_view name,
                       HostTensor &tensor, std::string &error) {
  auto fail = [&](const std::string &message) {
    error = std::string(name) + ": " + message;
    return false;
  };
  if (bytes.substr(0, kMagic.size()) != kMagic)
    return fail("not a .npy file (bad magic)");
  if (bytes.size() < kMagic.size() + 2)
    return fail("truncated .npy header");
  int major = static_cast<uint8_t>(bytes[6]);
  int minor = static_cast<uint8_t>(bytes[7]);
  if (major < 1 || major > 3 || minor != 0)
    return fail("unsupported .npy format version " + std::to_string(major) +
                "." + std::to_string(minor) + " (expected 1.0, 2.0 or 3.0)");
  int lengthSize = major == 1 ? 2 : 4;
  size_t headerStart = 8 + lengthSize;
  if (bytes.size() < headerStart)
    return fail("truncated .npy header");
  size_t headerLength = readLE(bytes.data() + 8, lengthSize);
  if (bytes.size() - headerStart < headerLength)
    return fail("truncated .npy header: expected " +
                std::to_string(headerLength) + " bytes, got " +
                std::to_string(bytes.size() - headerStart));
  std::string_view header = bytes.substr(headerStart, headerLength);

  // The dict: exactly the keys descr, fortran_order and shape.
  HeaderParser parser(header);
  auto malformed = [&](const std::string &what) {
    size_t end = header.find_last_not_of(" \n");
    return fail("malformed .npy header (" + what + "): " +
                std::string(header.substr(
                    0, end == std::string_view::npos ? 0 : end + 1)));
  };
  std::optional<std::string> descr;
  std::optional<bool> fortranOrder;
  std::optional<std::vector<int64_t>> shape;
  if (!parser.consume('{'))
    return malformed("expected a dict");
  while (!parser.consume('}')) {
    std::string key;
    if (!parser.parseString(key) || !parser.consume(':'))
      return malformed("expected 'key': value");
    if (key == "descr") {
      std::string value;
      if (parser.peek('['))
        return fail("unsupported .npy dtype (a structured dtype)");
      if (!parser.parseString(value))
        return malformed("descr is not a string");
      descr = value;
    } else if (key == "fortran_order") {
      bool value;
      if (!parser.parseBool(value))
        return malformed("fortran_order is not True or False");
      fortranOrder = value;
    } else if (key == "shape") {
      std::vector<int64_t> value;
      if (!parser.parseShape(value))
        return malformed("shape is not a tuple of integers");
      shape = value;
    } else {
      return malformed("unexpected key '" + key + "'");
    }
    if (!parser.consume(',') && !parser.peek('}'))
      return malformed("expected ',' or '}'");
  }
  if (!descr || !fortranOrder || !shape)
    return malformed("expected the keys descr, fortran_order and shape");

  std::optional<DType> dtype = dtypeOfDescr(*descr);
  if (!dtype) {
    std::string why;
    if (descr->size() > 2 && (*descr)[0] == '>')
      why = " (big-endian)";
    return fail("unsupported .npy dtype '" + *descr + "'" + why +
                "; expected one of <f4 <f8 <f2 <i8 <i4 |i1 |b1");
  }
  if (*fortranOrder)
    return fail("fortran_order True (column-major) .npy data is not "
                "supported; save a C-contiguous array");

  // Element count and byte size, guarding against overflow.
  uint64_t count = 1;
  for (int64_t dim : *shape) {
    if (dim != 0 && count > std::numeric_limits<uint64_t>::max() /
                                dtypeSize(*dtype) / static_cast<uint64_t>(dim))
      return fail("shape " + formatDims(*shape) + " is too large");
    count *= static_cast<uint64_t>(dim);
  }
  uint64_t dataBytes = count * dtypeSize(*dtype);
  size_t dataStart = headerStart + headerLength;
  if (bytes.size() - dataStart < dataBytes)
    return fail("truncated data: shape " + formatDims(*shape) + " of " +
                *descr + " needs " + std::to_string(dataBytes) +
                " bytes, the file holds " +
                std::to_string(bytes.size() - dataStart));
  tensor = HostTensor(*dtype, *shape);
  std::memcpy(tensor.data(), bytes.data() + dataStart, dataBytes);
  if (*dtype == DType::I1) // Keep bools canonical: 0 or 1.
    for (int64_t i = 0, e = tensor.numElements(); i < e; ++i)
      tensor.as<uint8_t>()[i] = tensor.as<uint8_t>()[i] != 0;
  return true;
}

bool tessera::readNpyFile(const std::string &path, HostTensor &tensor,
                          std::string &error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  std::string bytes((std::istreambuf_iterator<char>(file)),
                    std::istreambuf_iterator<char>());
  if (file.bad()) {
    error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  return parseNpy(bytes, path, tensor, error);
}

std::string tessera::serializeNpy(const HostTensor &tensor) {
  std::string header = std::string("{'descr': '") + descrOf(tensor.dtype()) +
                       "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < tensor.shape().size(); ++i)
    header += std::to_string(tensor.shape()[i]) + ", ";
  if (tensor.shape().size() > 1)
    header.resize(header.size() - 2); // "(2, 3)"; "(4,)" keeps its comma.
  else if (tensor.shape().size() == 1)
    header.pop_back();
  header += "), }";
  // Pad with spaces and a newline so that the data starts 64-byte aligned;
  // version 1.0 stores the header length in 16 bits, 2.0 in 32.
  auto paddedLength = [&](size_t prefix) {
    return (prefix + header.size() + 1 + 63) / 64 * 64 - prefix;
  };
  bool version1 = paddedLength(10) <= 0xffff;
  size_t prefix = version1 ? 10 : 12;
  header.append(paddedLength(prefix) - header.size() - 1, ' ');
  header += '\n';

  std::string bytes(kMagic);
  bytes += static_cast<char>(version1 ? 1 : 2);
  bytes += '\0';
  for (size_t i = 0; i < prefix - 8; ++i)
    bytes += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  bytes += header;
  if (tensor.dtype() == DType::BF16) {
    for (int64_t i = 0, e = tensor.numElements(); i < e; ++i) {
      float value = bfloat16ToFloat(tensor.as<uint16_t>()[i]);
      bytes.append(reinterpret_cast<const char *>(&value), sizeof(value));
    }
  } else {
    bytes.append(static_cast<const char *>(tensor.data()), tensor.byteSize());
  }
  return bytes;
}

bool tessera::writeNpyFile(const std::string &path, const HostTensor &tensor,
                           std::string &error) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    error = path + ": cannot write: " + std::strerror(errno);
    return false;
  }
  std::string bytes = serializeNpy(tensor);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    error = path + ": cannot write: " + std::strerror(errno);
    return false;
  }
  return true;
}
