//===- GraphImporter.h - Lowering an ONNX graph -----------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Private to compiler/onnx: the state of one import (builder, the value of
// every ONNX name, options) shared by Importer.cpp and NodeImporter.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_ONNX_GRAPHIMPORTER_H
#define TESSERA_ONNX_GRAPHIMPORTER_H

#include "compiler/onnx/Importer.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::tessera {

/// |name| as a valid dense_resource key (an identifier): every character
/// outside [A-Za-z0-9_.] replaced by '_', and a leading digit or '.' (ONNX
/// exporters name weights "1", "2", ...) prefixed with "w_".
inline std::string resourceNameFor(StringRef name) {
  std::string key = name.str();
  for (char &c : key)
    if (!llvm::isAlnum(c) && c != '_' && c != '.')
      c = '_';
  if (key.empty() || !(llvm::isAlpha(key.front()) || key.front() == '_'))
    key = "w_" + key;
  return key;
}

class GraphImporter {
public:
  GraphImporter(MLIRContext *context, const ImportOptions &options,
                StringRef modelDir)
      : builder(context), options(options), modelDir(modelDir.str()) {}

  OpBuilder builder;
  const ImportOptions &options;
  std::string modelDir;
  /// The value of every ONNX name defined so far.
  llvm::StringMap<Value> values;
  /// Function arguments whose value is known (ImportOptions::inputValues).
  llvm::DenseMap<Value, const ::tessera::HostTensor *> knownValues;
};

} // namespace mlir::tessera

#endif // TESSERA_ONNX_GRAPHIMPORTER_H
