//===- HostTensor.h - A tensor in host memory -------------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// HostTensor: a dense, row-major tensor of one of Tessera's element types in
// host memory. It is what the CPU reference evaluator computes on and what
// tessera-run reads from and writes to .npy/.pb files. Plain C++: no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_TENSOR_HOSTTENSOR_H
#define TESSERA_RUNTIME_TENSOR_HOSTTENSOR_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

/// The element types of the tessera dialect.
enum class DType { F32, F16, BF16, F64, I64, I32, I8, I1 };

/// Bytes per element (i1 is stored as one byte, 0 or 1).
size_t dtypeSize(DType dtype);
/// The MLIR spelling: "f32", "f16", "bf16", "f64", "i64", "i32", "i8", "i1".
const char *dtypeName(DType dtype);
/// Parses an MLIR spelling back.
std::optional<DType> parseDType(std::string_view name);
bool isFloat(DType dtype);

/// IEEE half and bfloat16 conversions, rounding to nearest even.
uint16_t floatToHalf(float value);
float halfToFloat(uint16_t bits);
uint16_t floatToBFloat16(float value);
float bfloat16ToFloat(uint16_t bits);

/// Number of elements of |shape| (1 for rank 0).
int64_t numElementsOf(const std::vector<int64_t> &shape);
/// "2x3x4" ("scalar" for rank 0).
std::string formatDims(const std::vector<int64_t> &shape);

/// A dense row-major tensor owning its bytes.
class HostTensor {
public:
  HostTensor() = default;
  /// A zero-filled tensor.
  HostTensor(DType dtype, std::vector<int64_t> shape);

  DType dtype() const { return dtype_; }
  const std::vector<int64_t> &shape() const { return shape_; }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }
  int64_t numElements() const { return numElementsOf(shape_); }
  size_t byteSize() const { return bytes_.size(); }
  void *data() { return bytes_.data(); }
  const void *data() const { return bytes_.data(); }

  /// Element |i| (row-major linear index) as a double; integers convert
  /// exactly up to 2^53.
  double getDouble(int64_t i) const;
  /// Stores |value| into element |i|, rounding to the element type: floats
  /// round to nearest even; integers truncate toward zero and wrap to their
  /// width; i1 stores value != 0.
  void setDouble(int64_t i, double value);
  /// Element |i| as an integer (floats truncate toward zero).
  int64_t getInt(int64_t i) const;
  /// Stores |value|, wrapping to the width of an integer type.
  void setInt(int64_t i, int64_t value);

  /// Typed access; T must match the storage type of dtype() (float, double,
  /// int64_t, int32_t, int8_t, uint16_t for f16/bf16, uint8_t for i1).
  template <typename T> T *as() { return reinterpret_cast<T *>(data()); }
  template <typename T> const T *as() const {
    return reinterpret_cast<const T *>(data());
  }

  /// Same dtype, shape and bytes.
  bool operator==(const HostTensor &other) const;

private:
  DType dtype_ = DType::F32;
  std::vector<int64_t> shape_;
  std::vector<uint8_t> bytes_;
};

} // namespace tessera

#endif // TESSERA_RUNTIME_TENSOR_HOSTTENSOR_H
