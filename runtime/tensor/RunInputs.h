//===- RunInputs.h - Random inputs and output summaries ---------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What tessera-run does the same way on every device (the CPU reference, a
// bundle on the emulator or the GPU), so that their outputs compare: inputs
// drawn at random from a seed, and one summary line per output.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_TENSOR_RUNINPUTS_H
#define TESSERA_RUNTIME_TENSOR_RUNINPUTS_H

#include "runtime/tensor/HostTensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

/// Input number |index| drawn from |seed|: floats uniform in [-1, 1) on the
/// type's own grid (exact in it), integers in [0, 8), i1 0 or 1.
HostTensor randomTensor(DType dtype, const std::vector<int64_t> &shape,
                        uint64_t seed, unsigned index);

/// The range randomTensor draws |dtype| from, for the note ("in [-1, 1)").
const char *randomRange(DType dtype);

/// "<name>: <dims> <dtype> min=<v> max=<v> mean=<v>" (NaN if any is NaN).
std::string summarize(const std::string &name, const HostTensor &tensor);

} // namespace tessera

#endif // TESSERA_RUNTIME_TENSOR_RUNINPUTS_H
