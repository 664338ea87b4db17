//===- TensorFile.cpp - .npy and ONNX .pb tensor files, runtime side ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The .npy reader/writer follows compiler/reference/Npy.cpp (same subset,
// same messages) on the runtime's own tensor type, so that the runtime-only
// tools need no compiler library.
//
//===----------------------------------------------------------------------===//
#include "runtime/tools/TensorFile.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>

namespace tessera::tools {

using bundle::DType;
using bundle::dtypeSize;

//===----------------------------------------------------------------------===//
// Tensor
//===----------------------------------------------------------------------===//

Tensor::Tensor(DType dtype, std::vector<int64_t> shape)
    : dtype(dtype), shape(std::move(shape)) {
  bytes.assign(numElements() * dtypeSize(dtype), '\0');
}

uint64_t Tensor::numElements() const {
  uint64_t count = 1;
  for (int64_t dim : shape)
    count *= static_cast<uint64_t>(dim);
  return count;
}

namespace {
template <typename T> T load(const std::string &bytes, uint64_t i) {
  T value;
  std::memcpy(&value, bytes.data() + i * sizeof(T), sizeof(T));
  return value;
}
template <typename T> void store(std::string &bytes, uint64_t i, T value) {
  std::memcpy(bytes.data() + i * sizeof(T), &value, sizeof(T));
}

/// Truncates toward zero, saturating; NaN becomes 0.
int64_t truncateToInt(double value) {
  if (std::isnan(value))
    return 0;
  if (value >= 9223372036854775807.0)
    return std::numeric_limits<int64_t>::max();
  if (value <= -9223372036854775808.0)
    return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(value);
}
} // namespace

double Tensor::getDouble(uint64_t i) const {
  switch (dtype) {
  case DType::F32:
    return load<float>(bytes, i);
  case DType::F64:
    return load<double>(bytes, i);
  case DType::F16:
    return halfToFloat(load<uint16_t>(bytes, i));
  case DType::BF16:
    return bfloat16ToFloat(load<uint16_t>(bytes, i));
  case DType::I64:
    return static_cast<double>(load<int64_t>(bytes, i));
  case DType::I32:
    return load<int32_t>(bytes, i);
  case DType::I8:
    return load<int8_t>(bytes, i);
  case DType::I1:
    return load<uint8_t>(bytes, i) ? 1.0 : 0.0;
  }
  return 0;
}

void Tensor::setDouble(uint64_t i, double value) {
  switch (dtype) {
  case DType::F32:
    return store<float>(bytes, i, static_cast<float>(value));
  case DType::F64:
    return store<double>(bytes, i, value);
  case DType::F16:
    return store<uint16_t>(bytes, i, floatToHalf(static_cast<float>(value)));
  case DType::BF16:
    return store<uint16_t>(bytes, i,
                           floatToBFloat16(static_cast<float>(value)));
  case DType::I64:
    return store<int64_t>(bytes, i, truncateToInt(value));
  case DType::I32:
    return store<int32_t>(bytes, i, static_cast<int32_t>(truncateToInt(value)));
  case DType::I8:
    return store<int8_t>(bytes, i, static_cast<int8_t>(truncateToInt(value)));
  case DType::I1:
    return store<uint8_t>(bytes, i, value != 0.0);
  }
}

std::string formatDims(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? "x" : "") + std::to_string(shape[i]);
  return text;
}

bool isFloat(DType dtype) {
  return dtype == DType::F32 || dtype == DType::F64 || dtype == DType::F16 ||
         dtype == DType::BF16;
}

uint16_t floatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  uint32_t sign = (bits >> 16) & 0x8000u;
  uint32_t exponent = (bits >> 23) & 0xffu;
  uint32_t mantissa = bits & 0x7fffffu;
  if (exponent == 0xff)
    return sign | 0x7c00u | (mantissa ? 0x200u | (mantissa >> 13) : 0);
  int32_t e = static_cast<int32_t>(exponent) - 127 + 15;
  if (e >= 0x1f)
    return sign | 0x7c00u;
  if (e <= 0) {
    if (e < -10)
      return sign;
    uint32_t significand = mantissa | 0x800000u;
    uint32_t shift = static_cast<uint32_t>(14 - e);
    uint32_t half = significand >> shift;
    uint32_t rest = significand & ((1u << shift) - 1);
    uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1)))
      ++half;
    return sign | half;
  }
  uint32_t half = (static_cast<uint32_t>(e) << 10) | (mantissa >> 13);
  uint32_t rest = mantissa & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1)))
    ++half;
  return sign | half;
}

float halfToFloat(uint16_t h) {
  uint32_t sign = (h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1fu;
  uint32_t mantissa = h & 0x3ffu;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent == 0) {
    if (mantissa == 0) {
      bits = sign;
    } else {
      int32_t e = -1;
      do {
        ++e;
        mantissa <<= 1;
      } while (!(mantissa & 0x400u));
      bits = sign | (static_cast<uint32_t>(127 - 15 - e) << 23) |
             ((mantissa & 0x3ffu) << 13);
    }
  } else {
    bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

uint16_t floatToBFloat16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  if ((bits & 0x7fffffffu) > 0x7f800000u)
    return static_cast<uint16_t>((bits >> 16) | 0x40u);
  uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>((bits + rounding) >> 16);
}

float bfloat16ToFloat(uint16_t h) {
  uint32_t bits = static_cast<uint32_t>(h) << 16;
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";

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

/// The header dict NumPy writes: quoted strings, True/False, int tuples.
class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text(text) {}
  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
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
      if (pos < text.size() && text[pos] == 'L')
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

uint32_t readLE(const char *p, int size) {
  uint32_t value = 0;
  for (int i = size - 1; i >= 0; --i)
    value = (value << 8) | static_cast<uint8_t>(p[i]);
  return value;
}

/// Bytes of |shape| x |dtype|, false on overflow.
bool byteSize(const std::vector<int64_t> &shape, DType dtype, uint64_t &out) {
  uint64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return false;
    if (dim != 0 && count > std::numeric_limits<uint64_t>::max() /
                                dtypeSize(dtype) / static_cast<uint64_t>(dim))
      return false;
    count *= static_cast<uint64_t>(dim);
  }
  out = count * dtypeSize(dtype);
  return true;
}

bool readWholeFile(const std::string &path, std::string &bytes,
                   std::string &error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(file),
               std::istreambuf_iterator<char>());
  if (file.bad()) {
    error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  return true;
}

} // namespace

bool parseNpy(std::string_view bytes, std::string_view name, Tensor &tensor,
              std::string &error) {
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
  uint64_t dataBytes;
  if (!byteSize(*shape, *dtype, dataBytes))
    return fail("shape " + formatDims(*shape) + " is too large");
  size_t dataStart = headerStart + headerLength;
  if (bytes.size() - dataStart < dataBytes)
    return fail("truncated data: shape " + formatDims(*shape) + " of " +
                *descr + " needs " + std::to_string(dataBytes) +
                " bytes, the file holds " +
                std::to_string(bytes.size() - dataStart));
  tensor.dtype = *dtype;
  tensor.shape = *shape;
  tensor.bytes.assign(bytes.data() + dataStart, dataBytes);
  if (*dtype == DType::I1)
    for (char &c : tensor.bytes)
      c = c != 0;
  return true;
}

std::string serializeNpy(const Tensor &tensor) {
  std::string header = std::string("{'descr': '") + descrOf(tensor.dtype) +
                       "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < tensor.shape.size(); ++i)
    header += std::to_string(tensor.shape[i]) + ", ";
  if (tensor.shape.size() > 1)
    header.resize(header.size() - 2);
  else if (tensor.shape.size() == 1)
    header.pop_back();
  header += "), }";
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
  if (tensor.dtype == DType::BF16) {
    for (uint64_t i = 0, e = tensor.numElements(); i < e; ++i) {
      float value = static_cast<float>(tensor.getDouble(i));
      bytes.append(reinterpret_cast<const char *>(&value), sizeof(value));
    }
  } else {
    bytes += tensor.bytes;
  }
  return bytes;
}

bool writeNpyFile(const std::string &path, const Tensor &tensor,
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

//===----------------------------------------------------------------------===//
// ONNX TensorProto
//===----------------------------------------------------------------------===//

namespace {

/// The protobuf wire format, just enough for TensorProto.
class Wire {
public:
  explicit Wire(std::string_view bytes) : data(bytes) {}
  bool done() const { return pos >= data.size(); }
  bool varint(uint64_t &value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= data.size())
        return false;
      uint8_t byte = static_cast<uint8_t>(data[pos++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80))
        return true;
    }
    return false;
  }
  bool bytes(std::string_view &out) {
    uint64_t size;
    if (!varint(size) || size > data.size() - pos)
      return false;
    out = data.substr(pos, size);
    pos += size;
    return true;
  }
  bool fixed(int size, uint64_t &value) {
    if (data.size() - pos < static_cast<size_t>(size))
      return false;
    value = 0;
    for (int i = size - 1; i >= 0; --i)
      value = (value << 8) | static_cast<uint8_t>(data[pos + i]);
    pos += size;
    return true;
  }

private:
  std::string_view data;
  size_t pos = 0;
};

std::optional<DType> dtypeFromOnnx(uint64_t type) {
  switch (type) {
  case 1:
    return DType::F32;
  case 3:
    return DType::I8;
  case 6:
    return DType::I32;
  case 7:
    return DType::I64;
  case 9:
    return DType::I1;
  case 10:
    return DType::F16;
  case 11:
    return DType::F64;
  case 16:
    return DType::BF16;
  }
  return std::nullopt;
}

} // namespace

bool parseTensorProto(std::string_view bytes, std::string_view name,
                      Tensor &tensor, std::string &error) {
  auto fail = [&](const std::string &message) {
    error = std::string(name) + ": " + message;
    return false;
  };
  Wire wire(bytes);
  std::vector<int64_t> dims;
  uint64_t dataType = 0;
  std::optional<std::string_view> raw;
  // Typed values in the order given: integers (int32_data, int64_data) or
  // floating point (float_data, double_data).
  std::vector<double> floats;
  std::vector<int64_t> ints;
  bool external = false;
  while (!wire.done()) {
    uint64_t key, value;
    std::string_view field;
    if (!wire.varint(key))
      return fail("malformed TensorProto");
    uint64_t number = key >> 3, type = key & 7;
    // Each value of a repeated scalar field, packed (type 2) or not.
    auto scalars = [&](int scalarType, auto &&each) {
      if (type == 2) {
        if (!wire.bytes(field))
          return false;
        Wire packed(field);
        while (!packed.done()) {
          uint64_t v;
          if (scalarType == 0 ? !packed.varint(v)
                              : !packed.fixed(scalarType == 1 ? 8 : 4, v))
            return false;
          each(v);
        }
        return true;
      }
      uint64_t v;
      if (scalarType == 0 ? !wire.varint(v)
                          : !wire.fixed(scalarType == 1 ? 8 : 4, v))
        return false;
      each(v);
      return true;
    };
    bool ok = true;
    if (number == 1) {
      ok = scalars(
          0, [&](uint64_t v) { dims.push_back(static_cast<int64_t>(v)); });
    } else if (number == 2 && type == 0) {
      ok = wire.varint(dataType);
    } else if (number == 4) {
      ok = scalars(5, [&](uint64_t v) {
        uint32_t bits = static_cast<uint32_t>(v);
        float f;
        std::memcpy(&f, &bits, 4);
        floats.push_back(f);
      });
    } else if (number == 10) {
      ok = scalars(1, [&](uint64_t v) {
        double d;
        std::memcpy(&d, &v, 8);
        floats.push_back(d);
      });
    } else if (number == 5) {
      ok = scalars(0, [&](uint64_t v) {
        ints.push_back(static_cast<int32_t>(static_cast<uint32_t>(v)));
      });
    } else if (number == 7) {
      ok = scalars(
          0, [&](uint64_t v) { ints.push_back(static_cast<int64_t>(v)); });
    } else if (number == 9 && type == 2) {
      ok = wire.bytes(field);
      raw = field;
    } else if (number == 14 && type == 0) {
      uint64_t location;
      ok = wire.varint(location);
      external = location == 1;
    } else {
      // Skip any other field (name, doc_string, segment, external_data…).
      switch (type) {
      case 0:
        ok = wire.varint(value);
        break;
      case 1:
        ok = wire.fixed(8, value);
        break;
      case 2:
        ok = wire.bytes(field);
        break;
      case 5:
        ok = wire.fixed(4, value);
        break;
      default:
        ok = false;
      }
    }
    if (!ok)
      return fail("malformed TensorProto");
  }
  if (external)
    return fail("external data is not supported by the runtime's reader");
  std::optional<DType> dtype = dtypeFromOnnx(dataType);
  if (!dtype)
    return fail("unsupported TensorProto data type " +
                std::to_string(dataType));
  uint64_t dataBytes;
  if (!byteSize(dims, *dtype, dataBytes))
    return fail("bad shape " + formatDims(dims));
  Tensor result(*dtype, dims);
  uint64_t count = result.numElements();
  if (raw) {
    if (raw->size() != dataBytes)
      return fail("raw_data holds " + std::to_string(raw->size()) +
                  " bytes, shape " + formatDims(dims) + " of " +
                  bundle::dtypeName(*dtype) + " needs " +
                  std::to_string(dataBytes));
    result.bytes.assign(raw->data(), raw->size());
  } else if (*dtype == DType::F16 || *dtype == DType::BF16) {
    // 16-bit floats are stored as their bits in int32_data.
    if (ints.size() != count)
      return fail("holds " + std::to_string(ints.size()) + " values, shape " +
                  formatDims(dims) + " needs " + std::to_string(count));
    for (uint64_t i = 0; i < count; ++i)
      store<uint16_t>(result.bytes, i, static_cast<uint16_t>(ints[i]));
  } else {
    bool useFloats = isFloat(*dtype);
    size_t given = useFloats ? floats.size() : ints.size();
    if (given != count)
      return fail("holds " + std::to_string(given) + " values, shape " +
                  formatDims(dims) + " needs " + std::to_string(count));
    for (uint64_t i = 0; i < count; ++i) {
      if (useFloats)
        result.setDouble(i, floats[i]);
      else if (*dtype == DType::I64)
        store<int64_t>(result.bytes, i, ints[i]);
      else
        result.setDouble(i, static_cast<double>(ints[i]));
    }
  }
  if (*dtype == DType::I1)
    for (char &c : result.bytes)
      c = c != 0;
  tensor = std::move(result);
  return true;
}

bool readTensorFile(const std::string &path, Tensor &tensor,
                    std::string &error) {
  std::string bytes;
  if (!readWholeFile(path, bytes, error))
    return false;
  if (path.size() >= 3 && path.compare(path.size() - 3, 3, ".pb") == 0)
    return parseTensorProto(bytes, path, tensor, error);
  return parseNpy(bytes, path, tensor, error);
}

} // namespace tessera::tools
