//===- TensorProto.h - ONNX TensorProto <-> HostTensor ----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_ONNX_TENSORPROTO_H
#define TESSERA_ONNX_TENSORPROTO_H

#include "compiler/onnx/OnnxProto.h"
#include "runtime/tensor/HostTensor.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::tessera {

/// The Tessera element type of an ONNX TensorProto::DataType, if supported.
std::optional<::tessera::DType> dtypeFromOnnx(int32_t onnxType);
/// The ONNX name of a TensorProto::DataType ("FLOAT", "UINT8", ...), also
/// for the types newer than the ONNX 1.12 schema (17 FLOAT8E4M3FN to 26
/// INT2); "data type N" for an unknown one.
std::string onnxTypeName(int32_t onnxType);

/// Reads |proto| into |tensor|: raw_data, the typed *_data fields, or
/// external data (a file relative to |modelDir|). On failure returns false
/// and sets |error| (unsupported dtype, wrong byte count, unreadable or too
/// short external file, ...).
bool tensorFromProto(const onnx::TensorProto &proto, llvm::StringRef modelDir,
                     ::tessera::HostTensor &tensor, std::string &error);

/// Reads a serialized TensorProto file (the test_data_set_*/input_N.pb
/// format).
bool readTensorProtoFile(llvm::StringRef path, ::tessera::HostTensor &tensor,
                         std::string &name, std::string &error);

/// Reads a tensor file by its extension: an ONNX TensorProto (.pb) or a
/// NumPy array (.npy). On failure returns false and sets |error|.
bool readTensorFile(llvm::StringRef path, ::tessera::HostTensor &tensor,
                    std::string &error);

} // namespace mlir::tessera

#endif // TESSERA_ONNX_TENSORPROTO_H
