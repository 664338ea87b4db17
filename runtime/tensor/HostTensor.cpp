//===- HostTensor.cpp - A tensor in host memory ---------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "runtime/tensor/HostTensor.h"

#include <cmath>
#include <cstring>

using namespace tessera;

size_t tessera::dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::F64:
  case DType::I64:
    return 8;
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F16:
  case DType::BF16:
    return 2;
  case DType::I8:
  case DType::I1:
    return 1;
  }
  return 0;
}

const char *tessera::dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "f32";
  case DType::F16:
    return "f16";
  case DType::BF16:
    return "bf16";
  case DType::F64:
    return "f64";
  case DType::I64:
    return "i64";
  case DType::I32:
    return "i32";
  case DType::I8:
    return "i8";
  case DType::I1:
    return "i1";
  }
  return "?";
}

std::optional<DType> tessera::parseDType(std::string_view name) {
  for (DType d : {DType::F32, DType::F16, DType::BF16, DType::F64, DType::I64,
                  DType::I32, DType::I8, DType::I1})
    if (name == dtypeName(d))
      return d;
  return std::nullopt;
}

bool tessera::isFloat(DType dtype) {
  return dtype == DType::F32 || dtype == DType::F16 || dtype == DType::BF16 ||
         dtype == DType::F64;
}

uint16_t tessera::floatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  uint32_t sign = (bits >> 16) & 0x8000u;
  uint32_t exponent = (bits >> 23) & 0xffu;
  uint32_t mantissa = bits & 0x7fffffu;
  if (exponent == 0xff) // Inf or NaN (keep NaN quiet and non-zero).
    return sign | 0x7c00u | (mantissa ? 0x200u | (mantissa >> 13) : 0);
  int32_t e = static_cast<int32_t>(exponent) - 127 + 15;
  if (e >= 0x1f)
    return sign | 0x7c00u; // Overflow to infinity.
  if (e <= 0) {
    // Subnormal half (or zero): shift the full significand into place and
    // round to nearest even on the dropped bits.
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
    ++half; // May carry into the exponent, up to infinity: still correct.
  return sign | half;
}

float tessera::halfToFloat(uint16_t h) {
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
      // Normalize the subnormal.
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

uint16_t tessera::floatToBFloat16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  if ((bits & 0x7fffffffu) > 0x7f800000u) // NaN: keep it quiet.
    return static_cast<uint16_t>((bits >> 16) | 0x40u);
  uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>((bits + rounding) >> 16);
}

float tessera::bfloat16ToFloat(uint16_t h) {
  uint32_t bits = static_cast<uint32_t>(h) << 16;
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

int64_t tessera::numElementsOf(const std::vector<int64_t> &shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

std::string tessera::formatDims(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? "x" : "") + std::to_string(shape[i]);
  return text;
}

HostTensor::HostTensor(DType dtype, std::vector<int64_t> shape)
    : dtype_(dtype), shape_(std::move(shape)),
      bytes_(static_cast<size_t>(numElementsOf(shape_)) * dtypeSize(dtype)) {}

double HostTensor::getDouble(int64_t i) const {
  switch (dtype_) {
  case DType::F32:
    return as<float>()[i];
  case DType::F64:
    return as<double>()[i];
  case DType::F16:
    return halfToFloat(as<uint16_t>()[i]);
  case DType::BF16:
    return bfloat16ToFloat(as<uint16_t>()[i]);
  case DType::I64:
    return static_cast<double>(as<int64_t>()[i]);
  case DType::I32:
    return as<int32_t>()[i];
  case DType::I8:
    return as<int8_t>()[i];
  case DType::I1:
    return as<uint8_t>()[i] ? 1.0 : 0.0;
  }
  return 0;
}

/// Converts a double to int64 truncating toward zero, saturating out of range
/// and mapping NaN to 0 (the result for NaN is unspecified by ONNX).
static int64_t truncateToInt(double value) {
  if (std::isnan(value))
    return 0;
  if (value >= 9223372036854775807.0)
    return INT64_MAX;
  if (value <= -9223372036854775808.0)
    return INT64_MIN;
  return static_cast<int64_t>(value);
}

void HostTensor::setDouble(int64_t i, double value) {
  switch (dtype_) {
  case DType::F32:
    as<float>()[i] = static_cast<float>(value);
    return;
  case DType::F64:
    as<double>()[i] = value;
    return;
  case DType::F16:
    as<uint16_t>()[i] = floatToHalf(static_cast<float>(value));
    return;
  case DType::BF16:
    as<uint16_t>()[i] = floatToBFloat16(static_cast<float>(value));
    return;
  case DType::I1:
    as<uint8_t>()[i] = value != 0.0;
    return;
  default:
    setInt(i, truncateToInt(value));
    return;
  }
}

int64_t HostTensor::getInt(int64_t i) const {
  switch (dtype_) {
  case DType::I64:
    return as<int64_t>()[i];
  case DType::I32:
    return as<int32_t>()[i];
  case DType::I8:
    return as<int8_t>()[i];
  case DType::I1:
    return as<uint8_t>()[i] ? 1 : 0;
  default:
    return truncateToInt(getDouble(i));
  }
}

void HostTensor::setInt(int64_t i, int64_t value) {
  switch (dtype_) {
  case DType::I64:
    as<int64_t>()[i] = value;
    return;
  case DType::I32:
    as<int32_t>()[i] = static_cast<int32_t>(static_cast<uint32_t>(value));
    return;
  case DType::I8:
    as<int8_t>()[i] = static_cast<int8_t>(static_cast<uint8_t>(value));
    return;
  case DType::I1:
    as<uint8_t>()[i] = value != 0;
    return;
  default:
    setDouble(i, static_cast<double>(value));
    return;
  }
}

bool HostTensor::operator==(const HostTensor &other) const {
  return dtype_ == other.dtype_ && shape_ == other.shape_ &&
         bytes_ == other.bytes_;
}
