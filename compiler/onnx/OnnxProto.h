//===- OnnxProto.h - The ONNX protobuf classes ------------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The C++ classes generated from ONNX's onnx.proto (ModelProto, GraphProto,
// NodeProto, TensorProto, ...), in namespace onnx.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_ONNX_ONNXPROTO_H
#define TESSERA_ONNX_ONNXPROTO_H

#include "onnx/onnx.pb.h"

#endif // TESSERA_ONNX_ONNXPROTO_H
