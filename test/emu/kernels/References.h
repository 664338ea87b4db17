//===- References.h - Plain-loop references ---------------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Straightforward double-precision loops over the kernels' inputs, sharing
// nothing with the kernels or the prelude.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_TEST_EMU_KERNELS_REFERENCES_H
#define TESSERA_TEST_EMU_KERNELS_REFERENCES_H

#include <cstdint>
#include <vector>

namespace tessera::emu::kernels {

/// gelu(x[i] + bias[i % c]) (erf form) of bf16 inputs, in double.
std::vector<double> geluReference(const std::vector<uint16_t> &x,
                                  const std::vector<uint16_t> &bias);

/// Softmax over each row of a [rows, cols] matrix.
std::vector<double> softmaxReference(const std::vector<float> &x, int rows,
                                     int cols);

/// Layer normalization over each row, then * gamma + beta.
std::vector<double> layerNormReference(const std::vector<float> &x,
                                       const std::vector<float> &gamma,
                                       const std::vector<float> &beta, int rows,
                                       int cols, double eps);

/// C = A[M,K] * B of bf16 inputs (B [K,N], or [N,K] when |bNK|), and per
/// element the sum of |a||b| (the scale of its rounding error). With |bias|
/// non-empty, C = relu(C + bias[n]).
struct GemmReference {
  std::vector<double> value;
  std::vector<double> magnitude;
};
GemmReference gemmReference(const std::vector<float> &a,
                            const std::vector<float> &b,
                            const std::vector<float> &bias, int m, int n, int k,
                            bool bNK);

} // namespace tessera::emu::kernels

#endif // TESSERA_TEST_EMU_KERNELS_REFERENCES_H
