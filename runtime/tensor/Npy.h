//===- Npy.h - NumPy .npy files <-> HostTensor ------------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads and writes the NumPy .npy format
// (numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// the magic "\x93NUMPY", a version, a header length, a Python dict literal
// {'descr': ..., 'fortran_order': ..., 'shape': (...)} padded with spaces
// and a newline, then the row-major data.
//
// Supported dtypes, little-endian only: '<f4' (f32), '<f8' (f64), '<f2'
// (f16), '<i8' (i64), '<i4' (i32), '|i1' (i8) and '|b1' (i1, bool). NumPy
// has no bfloat16: a bf16 tensor is written as '<f4' (exactly, every bf16
// value is an f32 value) and reads back as f32. Reading accepts format
// versions 1.0, 2.0 and 3.0; writing produces 1.0 (2.0 only if the header
// would not fit 1.0's 16-bit length). Data is copied as is, so the host must
// be little-endian like HostTensor itself. Plain C++: no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_TENSOR_NPY_H
#define TESSERA_RUNTIME_TENSOR_NPY_H

#include "runtime/tensor/HostTensor.h"

#include <string>
#include <string_view>

namespace tessera {

/// Parses the .npy image |bytes| into |tensor|. On failure returns false and
/// sets |error| to a message starting with "<|name|>: " (bad magic,
/// unsupported version or dtype, fortran_order True, malformed header,
/// truncated data).
bool parseNpy(std::string_view bytes, std::string_view name, HostTensor &tensor,
              std::string &error);

/// Reads the .npy file at |path| (see parseNpy; errors name |path|).
bool readNpyFile(const std::string &path, HostTensor &tensor,
                 std::string &error);

/// The .npy image of |tensor| (bf16 written as '<f4').
std::string serializeNpy(const HostTensor &tensor);

/// Writes |tensor| to |path|, replacing the file; on failure returns false
/// and sets |error| to a message naming |path|.
bool writeNpyFile(const std::string &path, const HostTensor &tensor,
                  std::string &error);

} // namespace tessera

#endif // TESSERA_RUNTIME_TENSOR_NPY_H
