//===- TensorProto.cpp - ONNX TensorProto <-> HostTensor ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/TensorProto.h"
#include "runtime/tensor/Npy.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <iterator>

using namespace mlir;
using namespace mlir::tessera;
using ::tessera::DType;
using ::tessera::HostTensor;

std::optional<DType> mlir::tessera::dtypeFromOnnx(int32_t onnxType) {
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return DType::F32;
  case onnx::TensorProto::FLOAT16:
    return DType::F16;
  case onnx::TensorProto::BFLOAT16:
    return DType::BF16;
  case onnx::TensorProto::DOUBLE:
    return DType::F64;
  case onnx::TensorProto::INT64:
    return DType::I64;
  case onnx::TensorProto::INT32:
    return DType::I32;
  case onnx::TensorProto::INT8:
    return DType::I8;
  case onnx::TensorProto::BOOL:
    return DType::I1;
  default:
    return std::nullopt;
  }
}

std::string mlir::tessera::onnxTypeName(int32_t onnxType) {
  if (onnx::TensorProto::DataType_IsValid(onnxType))
    return onnx::TensorProto::DataType_Name(
        static_cast<onnx::TensorProto::DataType>(onnxType));
  // The types added after the ONNX 1.12 schema the importer is built from.
  static const char *const kNewer[] = {
      "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4",
      "INT4",         "FLOAT4E2M1",     "FLOAT8E8M0", "UINT2",          "INT2"};
  constexpr int32_t kFirstNewer = 17;
  if (onnxType >= kFirstNewer &&
      onnxType < kFirstNewer + static_cast<int32_t>(std::size(kNewer)))
    return kNewer[onnxType - kFirstNewer];
  return "data type " + std::to_string(onnxType);
}

/// Reads the external data of |proto| (location/offset/length entries,
/// location relative to |modelDir|) into |tensor|'s bytes.
static bool readExternalData(const onnx::TensorProto &proto,
                             llvm::StringRef modelDir, HostTensor &tensor,
                             std::string &error) {
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const onnx::StringStringEntryProto &entry : proto.external_data()) {
    if (entry.key() == "location")
      location = entry.value();
    else if (entry.key() == "offset")
      offset = std::strtoull(entry.value().c_str(), nullptr, 10);
    else if (entry.key() == "length")
      length = std::strtoull(entry.value().c_str(), nullptr, 10);
  }
  if (location.empty()) {
    error = "external data without a location";
    return false;
  }
  if (llvm::sys::path::is_absolute(location) ||
      llvm::StringRef(location).contains("..")) {
    error = "external data location '" + location +
            "' must be a relative path inside the model's folder";
    return false;
  }
  llvm::SmallString<256> path(modelDir);
  llvm::sys::path::append(path, location);
  uint64_t bytes = tensor.byteSize();
  if (length && *length != bytes) {
    error = "external data length " + std::to_string(*length) +
            " does not match the " + std::to_string(bytes) +
            " bytes of the tensor";
    return false;
  }
  // getFileSlice does not fail on a slice past the end of the file, so the
  // size is checked first.
  uint64_t fileSize = 0;
  std::error_code sizeError = llvm::sys::fs::file_size(path, fileSize);
  if (!sizeError && fileSize < offset + bytes) {
    error = "external data file '" + std::string(path) + "' holds " +
            std::to_string(fileSize) + " bytes, but the tensor needs " +
            std::to_string(bytes) + " bytes at offset " +
            std::to_string(offset);
    return false;
  }
  auto buffer = llvm::MemoryBuffer::getFileSlice(path, bytes, offset,
                                                 /*IsVolatile=*/false);
  if (!buffer || (*buffer)->getBufferSize() != bytes) {
    error = "cannot read " + std::to_string(bytes) + " bytes at offset " +
            std::to_string(offset) + " of external data file '" +
            std::string(path) + "'" +
            (buffer ? "" : ": " + buffer.getError().message());
    return false;
  }
  std::memcpy(tensor.data(), (*buffer)->getBufferStart(), bytes);
  return true;
}

/// Copies the typed field |values| into |tensor|, converting each element.
template <typename Field, typename Store>
static bool copyTyped(const Field &values, HostTensor &tensor,
                      const char *fieldName, std::string &error, Store store) {
  if (static_cast<int64_t>(values.size()) != tensor.numElements()) {
    error = std::string(fieldName) + " holds " + std::to_string(values.size()) +
            " values, expected " + std::to_string(tensor.numElements());
    return false;
  }
  for (int64_t i = 0; i < tensor.numElements(); ++i)
    store(i, values.Get(static_cast<int>(i)));
  return true;
}

bool mlir::tessera::tensorFromProto(const onnx::TensorProto &proto,
                                    llvm::StringRef modelDir,
                                    HostTensor &tensor, std::string &error) {
  std::optional<DType> dtype = dtypeFromOnnx(proto.data_type());
  if (!dtype) {
    error = "unsupported element type " + onnxTypeName(proto.data_type());
    return false;
  }
  std::vector<int64_t> shape(proto.dims().begin(), proto.dims().end());
  for (int64_t dim : shape)
    if (dim < 0) {
      error = "negative dimension in tensor shape";
      return false;
    }
  tensor = HostTensor(*dtype, shape);
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return readExternalData(proto, modelDir, tensor, error);
  if (proto.has_raw_data()) {
    if (proto.raw_data().size() != tensor.byteSize()) {
      error = "raw_data holds " + std::to_string(proto.raw_data().size()) +
              " bytes, expected " + std::to_string(tensor.byteSize()) + " for " +
              ::tessera::formatDims(shape) + "x" + ::tessera::dtypeName(*dtype);
      return false;
    }
    std::memcpy(tensor.data(), proto.raw_data().data(), tensor.byteSize());
    return true;
  }
  switch (*dtype) {
  case DType::F32:
    return copyTyped(proto.float_data(), tensor, "float_data", error,
                     [&](int64_t i, float v) { tensor.as<float>()[i] = v; });
  case DType::F64:
    return copyTyped(proto.double_data(), tensor, "double_data", error,
                     [&](int64_t i, double v) { tensor.as<double>()[i] = v; });
  case DType::I64:
    return copyTyped(proto.int64_data(), tensor, "int64_data", error,
                     [&](int64_t i, int64_t v) { tensor.setInt(i, v); });
  case DType::F16:
  case DType::BF16:
    // Halves are stored as their bit patterns in int32_data.
    return copyTyped(proto.int32_data(), tensor, "int32_data", error,
                     [&](int64_t i, int32_t v) {
                       tensor.as<uint16_t>()[i] = static_cast<uint16_t>(v);
                     });
  default:
    return copyTyped(proto.int32_data(), tensor, "int32_data", error,
                     [&](int64_t i, int32_t v) { tensor.setInt(i, v); });
  }
}

bool mlir::tessera::readTensorProtoFile(llvm::StringRef path,
                                        HostTensor &tensor, std::string &name,
                                        std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    error = (path + ": cannot read: " + buffer.getError().message()).str();
    return false;
  }
  onnx::TensorProto proto;
  if (!proto.ParseFromArray((*buffer)->getBufferStart(),
                            static_cast<int>((*buffer)->getBufferSize()))) {
    error = (path + ": not a valid ONNX TensorProto").str();
    return false;
  }
  name = proto.name();
  std::string detail;
  if (!tensorFromProto(proto, llvm::sys::path::parent_path(path), tensor,
                       detail)) {
    error = (path + ": " + detail).str();
    return false;
  }
  return true;
}

bool mlir::tessera::readTensorFile(llvm::StringRef path, HostTensor &tensor,
                                   std::string &error) {
  std::string protoName;
  if (path.ends_with(".pb"))
    return readTensorProtoFile(path, tensor, protoName, error);
  return ::tessera::readNpyFile(path.str(), tensor, error);
}
