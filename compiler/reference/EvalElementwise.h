//===- EvalElementwise.h - Scalar rules of elementwise ops ------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Private to compiler/reference: the scalar rules that the elementwise ops
// (EvalElementwise.cpp, EvalBinary.cpp) and the reductions
// (EvalReduction.cpp) share, so that reduce_max and max agree on NaN and
// signed zeros, and reduce_sum wraps integers like add.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_REFERENCE_EVALELEMENTWISE_H
#define TESSERA_REFERENCE_EVALELEMENTWISE_H

#include "compiler/reference/EvalUtils.h"

#include <cmath>
#include <cstdint>
#include <string>

namespace mlir::tessera {

/// Registers the binary and ternary elementwise ops (EvalBinary.cpp); called
/// by registerElementwiseEvaluators.
void registerBinaryEvaluators(EvaluatorRegistry &registry);

/// IEEE 754-2019 maximum: NaN when either operand is NaN, and +0 over -0, so
/// that the result does not depend on the operand order.
template <typename T> T maximumOf(T a, T b) {
  if (std::isnan(a))
    return a;
  if (std::isnan(b))
    return b;
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

/// IEEE 754-2019 minimum: NaN when either operand is NaN, and -0 over +0.
template <typename T> T minimumOf(T a, T b) {
  if (std::isnan(a))
    return a;
  if (std::isnan(b))
    return b;
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

/// Two's-complement integer arithmetic on int64_t; the result wraps modulo
/// 2^64 and HostTensor::setInt wraps it further to the element width, which
/// gives the same value as wrapping at that width directly.
inline int64_t wrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) +
                              static_cast<uint64_t>(b));
}
inline int64_t wrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) -
                              static_cast<uint64_t>(b));
}
inline int64_t wrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) *
                              static_cast<uint64_t>(b));
}

/// The smallest and largest values of the integer type |dtype| (0 and 1 for
/// i1).
int64_t intMinOf(DType dtype);
int64_t intMaxOf(DType dtype);

/// "[1, 2]": the coordinates of element |linear| of a tensor of |shape|, for
/// diagnostics.
std::string formatIndex(int64_t linear, ArrayRef<int64_t> shape);

} // namespace mlir::tessera

#endif // TESSERA_REFERENCE_EVALELEMENTWISE_H
