//===- EvalNNUtils.h - Helpers of the contraction/NN evaluators -*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Private to compiler/reference (EvalContraction.cpp, EvalNN.cpp): operands
// converted once to the compute type, and the sliding-window geometry that
// conv, conv_transpose and the pools share.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_REFERENCE_EVALNNUTILS_H
#define TESSERA_REFERENCE_EVALNNUTILS_H

#include "compiler/reference/EvalUtils.h"

#include <cstdint>
#include <type_traits>
#include <vector>

namespace mlir::tessera {

/// The elements of |tensor| converted to T once, so that inner loops read a
/// plain array: float or double for float compute (exact for every element
/// type the op can have), int64_t for signed integer compute, uint64_t for
/// integer products and sums that wrap (two's complement, no overflow UB).
template <typename T> std::vector<T> elementsAs(const HostTensor &tensor) {
  std::vector<T> values(tensor.numElements());
  for (int64_t i = 0, e = tensor.numElements(); i < e; ++i) {
    if constexpr (std::is_floating_point_v<T>)
      values[i] = static_cast<T>(tensor.getDouble(i));
    else
      values[i] = static_cast<T>(tensor.getInt(i));
  }
  return values;
}

/// Stores a value computed in T into element |i| of |tensor|: floats round
/// to the element type, integers wrap to its width.
template <typename T> void storeAs(HostTensor &tensor, int64_t i, T value) {
  if constexpr (std::is_floating_point_v<T>)
    tensor.setDouble(i, static_cast<double>(value));
  else
    tensor.setInt(i, static_cast<int64_t>(value));
}

/// Calls |fn| with a value of the type products and sums of an op producing
/// |dtype| are computed in: float for f16/bf16, double for f32/f64, uint64_t
/// (wrapping int64 arithmetic) for integers.
template <typename Fn> auto withWrappingAccumulator(DType dtype, Fn &&fn) {
  if (!::tessera::isFloat(dtype))
    return fn(uint64_t{});
  return withAccumulator(dtype, fn);
}

/// The number of elements of a tensor of |shape| (1 for rank 0).
inline int64_t productOf(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t dim : shape)
    n *= dim;
  return n;
}

/// One kernel position of a window that reads a real (not padding) input
/// element: row-major linear indices into the kernel's and the input's
/// spatial elements.
struct Tap {
  int64_t kernel;
  int64_t input;
};

/// The geometry of a sliding window over the spatial dimensions D1..Dn of an
/// [N, C, D1..Dn] tensor. For a window (conv, pools), kernel position k of
/// output position o reads input i = o * stride - pad_begin + k * dilation;
/// for a transposed window (conv_transpose), input i is scattered to output
/// o = i * stride - pad_begin + k * dilation, which is read here the other
/// way round: o reads the i that maps to it exactly.
struct Window {
  /// Spatial sizes of the input, the output and the kernel.
  SmallVector<int64_t> input, output, kernel;
  SmallVector<int64_t> strides, dilations, padsBegin, padsEnd;
  bool transposed = false;

  /// Takes spatial sizes from the [N, C, D1..Dn] |inputShape| and
  /// |outputShape|, and |pads| as n begin pads then n end pads.
  Window(ArrayRef<int64_t> inputShape, ArrayRef<int64_t> outputShape,
         ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
         ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations,
         bool transposed = false)
      : input(inputShape.drop_front(2)), output(outputShape.drop_front(2)),
        kernel(kernel), strides(strides), dilations(dilations),
        padsBegin(pads.take_front(kernel.size())),
        padsEnd(pads.drop_front(kernel.size())), transposed(transposed) {}

  int64_t inputSize() const { return productOf(input); }
  int64_t outputSize() const { return productOf(output); }
  int64_t kernelSize() const { return productOf(kernel); }

  /// Fills |taps| with the kernel positions of the output position with
  /// row-major spatial index |out| that read a real input element, in
  /// row-major kernel order. Returns how many kernel positions lie inside
  /// the padded input [-pad_begin, D + pad_end) in every dimension, padding
  /// included (the count_include_pad divisor; windows only).
  int64_t taps(int64_t out, SmallVectorImpl<Tap> &taps) const {
    int64_t rank = kernel.size();
    SmallVector<int64_t, 4> outCoord(rank);
    for (int64_t d = rank - 1, rest = out; d >= 0; --d) {
      outCoord[d] = rest % output[d];
      rest /= output[d];
    }
    taps.clear();
    int64_t insidePadded = 0;
    for (int64_t k = 0, e = kernelSize(); k < e; ++k) {
      bool real = true, padded = true;
      int64_t in = 0;
      for (int64_t d = 0, rest = k, scale = e; d < rank; ++d) {
        scale /= kernel[d];
        int64_t kd = rest / scale;
        rest %= scale;
        int64_t i;
        if (transposed) {
          int64_t scaled = outCoord[d] + padsBegin[d] - kd * dilations[d];
          i = scaled >= 0 && scaled % strides[d] == 0 ? scaled / strides[d]
                                                      : -1;
        } else {
          i = outCoord[d] * strides[d] - padsBegin[d] + kd * dilations[d];
          padded &= i >= -padsBegin[d] && i < input[d] + padsEnd[d];
        }
        real &= i >= 0 && i < input[d];
        in = in * input[d] + (real ? i : 0);
      }
      insidePadded += padded;
      if (real)
        taps.push_back({k, in});
    }
    return insidePadded;
  }
};

// Defined in EvalContraction.cpp, called by registerNNEvaluators.
void registerContractionEvaluators(EvaluatorRegistry &registry);

} // namespace mlir::tessera

#endif // TESSERA_REFERENCE_EVALNNUTILS_H
