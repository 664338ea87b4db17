//===- TensorFile.h - .npy and ONNX .pb tensor files, runtime side -*- C++
//-*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The tensor files tessera-run reads and writes for bundles, without
// MLIR/LLVM: NumPy .npy (the same subset and messages as the compiler's
// compiler/reference/Npy.cpp: '<f4' '<f8' '<f2' '<i8' '<i4' '|i1' '|b1',
// little-endian, C order; bf16 written as '<f4') and ONNX TensorProto .pb
// files (dims, data_type, raw_data or the typed *_data fields; no external
// data).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_TOOLS_TENSORFILE_H
#define TESSERA_RUNTIME_TOOLS_TENSORFILE_H

#include "runtime/bundle/BundleModel.h"

#include <string>
#include <string_view>
#include <vector>

namespace tessera::tools {

/// A dense row-major tensor on the host.
struct Tensor {
  bundle::DType dtype = bundle::DType::F32;
  std::vector<int64_t> shape;
  std::string bytes;

  Tensor() = default;
  /// Zero-filled.
  Tensor(bundle::DType dtype, std::vector<int64_t> shape);
  uint64_t numElements() const;
  double getDouble(uint64_t i) const;
  void setDouble(uint64_t i, double value);
};

/// "2x3x4" ("scalar" for rank 0).
std::string formatDims(const std::vector<int64_t> &shape);
bool isFloat(bundle::DType dtype);
uint16_t floatToHalf(float value);
float halfToFloat(uint16_t bits);
uint16_t floatToBFloat16(float value);
float bfloat16ToFloat(uint16_t bits);

/// Parses a .npy image; errors start with "<name>: ".
bool parseNpy(std::string_view bytes, std::string_view name, Tensor &tensor,
              std::string &error);
/// Parses a serialized ONNX TensorProto; errors start with "<name>: ".
bool parseTensorProto(std::string_view bytes, std::string_view name,
                      Tensor &tensor, std::string &error);
/// Reads a .npy or .pb file by its extension.
bool readTensorFile(const std::string &path, Tensor &tensor,
                    std::string &error);
/// The .npy image of |tensor| (bf16 as '<f4').
std::string serializeNpy(const Tensor &tensor);
bool writeNpyFile(const std::string &path, const Tensor &tensor,
                  std::string &error);

} // namespace tessera::tools

#endif // TESSERA_RUNTIME_TOOLS_TENSORFILE_H
