//===- TensorFile.cpp - .npy and ONNX .pb tensor files, runtime side ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The .npy files are read and written by runtime/tensor/Npy.cpp; this file
// adds the ONNX TensorProto .pb reader (no protobuf in the runtime).
//
//===----------------------------------------------------------------------===//
#include "runtime/tools/TensorFile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>

namespace tessera::tools {

using ::tessera::DType;

::tessera::DType hostDType(bundle::DType dtype) {
  switch (dtype) {
  case bundle::DType::F32:
    return DType::F32;
  case bundle::DType::F16:
    return DType::F16;
  case bundle::DType::BF16:
    return DType::BF16;
  case bundle::DType::F64:
    return DType::F64;
  case bundle::DType::I64:
    return DType::I64;
  case bundle::DType::I32:
    return DType::I32;
  case bundle::DType::I8:
    return DType::I8;
  case bundle::DType::I1:
    return DType::I1;
  }
  return DType::F32;
}

namespace {

/// Bytes of |shape| x |dtype|, false on a negative dimension or overflow.
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
  int64_t count = result.numElements();
  if (raw) {
    if (raw->size() != dataBytes)
      return fail("raw_data holds " + std::to_string(raw->size()) +
                  " bytes, shape " + formatDims(dims) + " of " +
                  dtypeName(*dtype) + " needs " + std::to_string(dataBytes));
    std::memcpy(result.data(), raw->data(), raw->size());
  } else if (*dtype == DType::F16 || *dtype == DType::BF16) {
    // 16-bit floats are stored as their bits in int32_data.
    if (ints.size() != static_cast<uint64_t>(count))
      return fail("holds " + std::to_string(ints.size()) + " values, shape " +
                  formatDims(dims) + " needs " + std::to_string(count));
    for (int64_t i = 0; i < count; ++i)
      result.as<uint16_t>()[i] = static_cast<uint16_t>(ints[i]);
  } else {
    bool useFloats = isFloat(*dtype);
    size_t given = useFloats ? floats.size() : ints.size();
    if (given != static_cast<uint64_t>(count))
      return fail("holds " + std::to_string(given) + " values, shape " +
                  formatDims(dims) + " needs " + std::to_string(count));
    for (int64_t i = 0; i < count; ++i) {
      if (useFloats)
        result.setDouble(i, floats[i]);
      else
        result.setInt(i, ints[i]);
    }
  }
  if (*dtype == DType::I1)
    for (int64_t i = 0; i < count; ++i)
      result.as<uint8_t>()[i] = result.as<uint8_t>()[i] != 0;
  tensor = std::move(result);
  return true;
}

bool readTensorFile(const std::string &path, Tensor &tensor,
                    std::string &error) {
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".pb") != 0)
    return readNpyFile(path, tensor, error);
  std::string bytes;
  if (!readWholeFile(path, bytes, error))
    return false;
  return parseTensorProto(bytes, path, tensor, error);
}

} // namespace tessera::tools
