//===- ModelReader.h - Reading ONNX model files -----------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_ONNX_MODELREADER_H
#define TESSERA_ONNX_MODELREADER_H

#include "compiler/onnx/OnnxProto.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::tessera {

/// Reads and parses the ModelProto in |path|. On failure returns false and
/// sets |error| to one line naming the file and what is wrong (unreadable,
/// empty, truncated or not a ModelProto, no graph).
bool readModelFile(llvm::StringRef path, onnx::ModelProto &model,
                   std::string &error);

/// Parses a ModelProto from |bytes| (named |name| in messages).
bool parseModel(llvm::StringRef bytes, llvm::StringRef name,
                onnx::ModelProto &model, std::string &error);

} // namespace mlir::tessera

#endif // TESSERA_ONNX_MODELREADER_H
