//===- Importer.h - ONNX model -> tessera dialect ---------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Lowers an ONNX ModelProto to a module holding one func.func @main: its
// arguments are the graph inputs (initializers excluded), its results the
// graph outputs, each named by a `tessera.name` argument/result attribute.
// Every op carries the node's location `"<node name>"("<op type>")`.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_ONNX_IMPORTER_H
#define TESSERA_ONNX_IMPORTER_H

#include "compiler/onnx/OnnxProto.h"
#include "runtime/tensor/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace mlir::tessera {

struct ImportOptions {
  /// Shapes that replace the declared ones of graph inputs (fixing symbolic
  /// dimensions), by input name.
  llvm::StringMap<std::vector<int64_t>> inputShapes;
  /// Known values of graph inputs (tessera-run's --input files), by input
  /// name. An operand that must be constant (a Reshape shape, Slice starts,
  /// reduction axes, ...) and is a graph input takes its known value: the
  /// model is specialized on it, and every run must supply the same value.
  /// Other uses of the input still read the function argument.
  llvm::StringMap<::tessera::HostTensor> inputValues;
  /// Constants larger than this many bytes become dense_resource blobs.
  size_t resourceThreshold = 1024;
  /// Ops whose operands are all constants are evaluated at import when the
  /// result has at most this many elements (shape sub-graphs, small
  /// arithmetic); larger results stay ops unless they fold to a splat.
  int64_t foldElementLimit = 1 << 16;
};

/// Parses "NAME=1x3x224x224" into |name| and |shape|; false on bad syntax.
bool parseInputShape(llvm::StringRef text, std::string &name,
                     std::vector<int64_t> &shape);

/// Imports |model| (read from |modelPath|, whose folder holds any external
/// data). Diagnostics go to |context|'s handler; returns null on error.
OwningOpRef<ModuleOp> importModel(const onnx::ModelProto &model,
                                  llvm::StringRef modelPath,
                                  MLIRContext *context,
                                  const ImportOptions &options);

/// Reads and imports the model file at |path|.
OwningOpRef<ModuleOp> importModelFile(llvm::StringRef path,
                                      MLIRContext *context,
                                      const ImportOptions &options);

/// The dialects an imported module uses (func, tessera).
void registerImportDialects(DialectRegistry &registry);

} // namespace mlir::tessera

#endif // TESSERA_ONNX_IMPORTER_H
