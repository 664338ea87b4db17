//===- RunInputs.cpp - Random inputs and output summaries -----------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/tensor/RunInputs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace tessera {

namespace {

/// Bits of significand (with the implicit one) of a float type.
int significandBits(DType dtype) {
  switch (dtype) {
  case DType::F64:
    return 53;
  case DType::F32:
    return 24;
  case DType::F16:
    return 11;
  default: // bf16
    return 8;
  }
}

} // namespace

HostTensor randomTensor(DType dtype, const std::vector<int64_t> &shape,
                        uint64_t seed, unsigned index) {
  HostTensor tensor(dtype, shape);
  std::seed_seq seq{static_cast<uint32_t>(seed),
                    static_cast<uint32_t>(seed >> 32), index};
  std::mt19937_64 engine(seq);
  for (int64_t i = 0, e = tensor.numElements(); i < e; ++i) {
    uint64_t bits = engine();
    if (isFloat(dtype)) {
      int b = significandBits(dtype);
      double scale = std::ldexp(1.0, b);
      tensor.setDouble(
          i, (2.0 * static_cast<double>(bits >> (64 - b)) - scale) / scale);
    } else {
      tensor.setInt(
          i, static_cast<int64_t>(bits >> (dtype == DType::I1 ? 63 : 61)));
    }
  }
  return tensor;
}

const char *randomRange(DType dtype) {
  if (isFloat(dtype))
    return "in [-1, 1)";
  return dtype == DType::I1 ? "in {0, 1}" : "in [0, 8)";
}

std::string summarize(const std::string &name, const HostTensor &tensor) {
  std::string line = name + ": " + formatDims(tensor.shape()) + " " +
                     dtypeName(tensor.dtype());
  int64_t count = tensor.numElements();
  if (count == 0)
    return line + " (no elements)";
  double min = tensor.getDouble(0), max = min, sum = 0;
  for (int64_t i = 0; i < count; ++i) {
    double v = tensor.getDouble(i);
    if (std::isnan(v) || std::isnan(min)) {
      min = max = v + min; // NaN sticks.
    } else {
      min = std::min(min, v);
      max = std::max(max, v);
    }
    sum += v;
  }
  char text[128];
  std::snprintf(text, sizeof(text), " min=%g max=%g mean=%g", min, max,
                sum / static_cast<double>(count));
  return line + text;
}

} // namespace tessera
