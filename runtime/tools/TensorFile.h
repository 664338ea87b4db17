//===- TensorFile.h - .npy and ONNX .pb tensor files, runtime side -*- C++
//-*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The tensor files tessera-run reads and writes for bundles, without
// MLIR/LLVM: NumPy .npy (runtime/tensor/Npy.h, shared with the compiler) and
// ONNX TensorProto .pb files (dims, data_type, raw_data or the typed *_data
// fields; no external data), read here without protobuf.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_TOOLS_TENSORFILE_H
#define TESSERA_RUNTIME_TOOLS_TENSORFILE_H

#include "runtime/bundle/BundleModel.h"
#include "runtime/tensor/HostTensor.h"
#include "runtime/tensor/Npy.h"

#include <string>
#include <string_view>

namespace tessera::tools {

/// A dense row-major tensor on the host.
using Tensor = ::tessera::HostTensor;

// The .npy reader and writer, and the HostTensor helpers, under this
// namespace too.
using ::tessera::formatDims;
using ::tessera::isFloat;
using ::tessera::parseNpy;
using ::tessera::serializeNpy;
using ::tessera::writeNpyFile;

/// The HostTensor element type of a bundle element type (the two enums list
/// the same types).
::tessera::DType hostDType(bundle::DType dtype);

/// Parses a serialized ONNX TensorProto; errors start with "<name>: ".
bool parseTensorProto(std::string_view bytes, std::string_view name,
                      Tensor &tensor, std::string &error);
/// Reads a .npy or .pb file by its extension.
bool readTensorFile(const std::string &path, Tensor &tensor,
                    std::string &error);

} // namespace tessera::tools

#endif // TESSERA_RUNTIME_TOOLS_TENSORFILE_H
