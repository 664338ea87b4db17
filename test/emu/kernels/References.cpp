//===- References.cpp - Plain-loop references for the kernel suites -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "References.h"

#include "KernelHarness.h"

#include <algorithm>
#include <cmath>

namespace tessera::emu::kernels {

std::vector<double> geluReference(const std::vector<uint16_t> &x,
                                  const std::vector<uint16_t> &bias) {
  std::vector<double> y(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    double t = static_cast<double>(fromBf16(x[i])) +
               static_cast<double>(fromBf16(bias[i % bias.size()]));
    y[i] = 0.5 * t * (1.0 + std::erf(t / std::sqrt(2.0)));
  }
  return y;
}

std::vector<double> softmaxReference(const std::vector<float> &x, int rows,
                                     int cols) {
  std::vector<double> y(x.size());
  for (int r = 0; r < rows; ++r) {
    const float *row = &x[static_cast<size_t>(r) * cols];
    double maxValue = row[0];
    for (int c = 1; c < cols; ++c)
      maxValue = std::max(maxValue, static_cast<double>(row[c]));
    double sum = 0;
    for (int c = 0; c < cols; ++c)
      sum += std::exp(row[c] - maxValue);
    for (int c = 0; c < cols; ++c)
      y[static_cast<size_t>(r) * cols + c] = std::exp(row[c] - maxValue) / sum;
  }
  return y;
}

std::vector<double> layerNormReference(const std::vector<float> &x,
                                       const std::vector<float> &gamma,
                                       const std::vector<float> &beta, int rows,
                                       int cols, double eps) {
  std::vector<double> y(x.size());
  for (int r = 0; r < rows; ++r) {
    const float *row = &x[static_cast<size_t>(r) * cols];
    double mean = 0;
    for (int c = 0; c < cols; ++c)
      mean += row[c];
    mean /= cols;
    double var = 0;
    for (int c = 0; c < cols; ++c)
      var += (row[c] - mean) * (row[c] - mean);
    var /= cols;
    double rstd = 1.0 / std::sqrt(var + eps);
    for (int c = 0; c < cols; ++c)
      y[static_cast<size_t>(r) * cols + c] =
          (row[c] - mean) * rstd * gamma[c] + beta[c];
  }
  return y;
}

GemmReference gemmReference(const std::vector<float> &a,
                            const std::vector<float> &b,
                            const std::vector<float> &bias, int m, int n, int k,
                            bool bNK) {
  GemmReference ref;
  ref.value.assign(static_cast<size_t>(m) * n, 0.0);
  ref.magnitude.assign(static_cast<size_t>(m) * n, 0.0);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double sum = 0, magnitude = 0;
      for (int p = 0; p < k; ++p) {
        double av = a[static_cast<size_t>(i) * k + p];
        double bv = bNK ? b[static_cast<size_t>(j) * k + p]
                        : b[static_cast<size_t>(p) * n + j];
        sum += av * bv;
        magnitude += std::fabs(av * bv);
      }
      if (!bias.empty()) {
        sum = std::max(sum + bias[j], 0.0);
        magnitude += std::fabs(bias[j]);
      }
      ref.value[static_cast<size_t>(i) * n + j] = sum;
      ref.magnitude[static_cast<size_t>(i) * n + j] = magnitude;
    }
  return ref;
}

} // namespace tessera::emu::kernels
