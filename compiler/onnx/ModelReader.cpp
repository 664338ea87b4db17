//===- ModelReader.cpp - Reading ONNX model files -------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ModelReader.h"

#include "llvm/Support/MemoryBuffer.h"

#include <google/protobuf/io/coded_stream.h>

using namespace mlir;
using namespace mlir::tessera;

bool mlir::tessera::parseModel(llvm::StringRef bytes, llvm::StringRef name,
                               onnx::ModelProto &model, std::string &error) {
  if (bytes.empty()) {
    error = (name + ": empty file, expected an ONNX model").str();
    return false;
  }
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  stream.SetTotalBytesLimit(INT32_MAX);
  if (!model.ParseFromCodedStream(&stream) ||
      !stream.ConsumedEntireMessage()) {
    error = (name + ": not a valid ONNX model (the protobuf data is truncated "
                    "or corrupt)")
                .str();
    return false;
  }
  if (!model.has_graph()) {
    error = (name + ": not an ONNX model (no graph)").str();
    return false;
  }
  return true;
}

bool mlir::tessera::readModelFile(llvm::StringRef path,
                                  onnx::ModelProto &model,
                                  std::string &error) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer) {
    error = (path + ": cannot read: " + buffer.getError().message()).str();
    return false;
  }
  if ((*buffer)->getBufferSize() > static_cast<size_t>(INT32_MAX)) {
    error = (path + ": larger than 2 GiB; store the weights as ONNX external "
                    "data")
                .str();
    return false;
  }
  return parseModel((*buffer)->getBuffer(), path, model, error);
}
