//===- EvalNN.cpp - Reference evaluation of norms and pooling -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Pooling and normalizations as plain loops (matmul and convolutions are in
// EvalContraction.cpp). Float ops compute in double for f32/f64 results and
// in float for f16/bf16 ones and round to the result type once per element.
// Integer max pooling compares int64_t values; integer average pooling
// divides in double and truncates toward zero. A NaN in a max window wins.
// A window that reads no real element (possible only with dilation) gives
// -inf (the lowest integer) for max, NaN for a float average without
// count_include_pad (0 / 0).
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalNNUtils.h"
#include "ir/TesseraOps.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// Calls |fn| with a value of the type pooling computes in: the float
/// accumulator of the result type, or int64_t (max) / double (average) for
/// integers.
template <typename Fn>
static auto withPoolType(DType dtype, bool average, Fn &&fn) {
  if (!::tessera::isFloat(dtype) && !average)
    return fn(int64_t{});
  return withAccumulator(dtype, fn);
}

/// The start value of a maximum: -inf for floats, the lowest integer else
/// (what an all-padding window, possible only with dilation, produces).
template <typename T> static T lowest() {
  if constexpr (std::numeric_limits<T>::has_infinity)
    return -std::numeric_limits<T>::infinity();
  return std::numeric_limits<T>::lowest();
}

/// The larger of |best| and |value|; a NaN wins and stays (NumPy max).
template <typename T> static T maxOf(T best, T value) {
  return value > best || value != value ? value : best;
}

/// Evaluates max_pool (|average| false) or avg_pool: for every output
/// element, the maximum or average of the real input elements its window
/// reads. The average divides by the number of those elements, or with
/// |countIncludePad| by the number of window positions inside the padded
/// input (positions that ceil_mode adds past the end padding never count).
template <typename T>
static HostTensor evalPool(HostTensor result, const HostTensor &input,
                           const Window &window, bool average,
                           bool countIncludePad) {
  std::vector<T> x = elementsAs<T>(input);
  int64_t planes = result.shape()[0] * result.shape()[1];
  int64_t inSize = window.inputSize(), outSize = window.outputSize();
  SmallVector<Tap> taps;
  for (int64_t o = 0; o < outSize; ++o) {
    int64_t insidePadded = window.taps(o, taps);
    for (int64_t plane = 0; plane < planes; ++plane) {
      const T *xp = x.data() + plane * inSize;
      T value;
      if (average) {
        value = 0;
        for (const Tap &tap : taps)
          value += xp[tap.input];
        value /= static_cast<T>(countIncludePad ? insidePadded : taps.size());
      } else {
        value = lowest<T>();
        for (const Tap &tap : taps)
          value = maxOf(value, xp[tap.input]);
      }
      storeAs(result, plane * outSize + o, value);
    }
  }
  return result;
}

template <typename OpT>
static HostTensor evalWindowPool(OpT op, const HostTensor &input, bool average,
                                 bool countIncludePad) {
  HostTensor result = makeTensor(op.getResult());
  Window window(input.shape(), result.shape(), op.getKernel(), op.getStrides(),
                op.getPads(), op.getDilations());
  return withPoolType(result.dtype(), average, [&](auto zero) {
    return evalPool<decltype(zero)>(std::move(result), input, window, average,
                                    countIncludePad);
  });
}

/// Evaluates max_pool_indices: the input index of the first maximum of each
/// window (ONNX MaxPool Indices, compared with > as the ONNX reference does),
/// row-major over the whole input, or column-major within each 2-d plane.
static HostTensor evalMaxPoolIndices(MaxPoolIndicesOp op,
                                     const HostTensor &input) {
  HostTensor result = makeTensor(op.getResult());
  Window window(input.shape(), result.shape(), op.getKernel(), op.getStrides(),
                op.getPads(), op.getDilations());
  int64_t planes = result.shape()[0] * result.shape()[1];
  int64_t inSize = window.inputSize(), outSize = window.outputSize();
  SmallVector<Tap> taps;
  for (int64_t o = 0; o < outSize; ++o) {
    window.taps(o, taps);
    for (int64_t plane = 0; plane < planes; ++plane) {
      int64_t best = -1;
      double bestValue = 0;
      for (const Tap &tap : taps) {
        double value = input.getDouble(plane * inSize + tap.input);
        if (best < 0 || value > bestValue) {
          best = tap.input;
          bestValue = value;
        }
      }
      if (best >= 0 && op.getColumnMajor()) {
        int64_t height = window.input[0], width = window.input[1];
        best = (best % width) * height + best / width;
      }
      result.setInt(plane * outSize + o, best < 0 ? -1 : plane * inSize + best);
    }
  }
  return result;
}

/// Evaluates global_avg_pool or global_max_pool: [N, C, D...] to
/// [N, C, 1...], reducing every (n, c) plane.
template <typename OpT>
static HostTensor evalGlobalPool(OpT op, const HostTensor &input,
                                 bool average) {
  HostTensor result = makeTensor(op.getResult());
  int64_t planes = input.shape()[0] * input.shape()[1];
  int64_t planeSize = planes ? input.numElements() / planes : 0;
  return withPoolType(result.dtype(), average, [&](auto zero) {
    using T = decltype(zero);
    std::vector<T> x = elementsAs<T>(input);
    for (int64_t plane = 0; plane < planes; ++plane) {
      const T *xp = x.data() + plane * planeSize;
      T value = average ? T(0) : lowest<T>();
      for (int64_t i = 0; i < planeSize; ++i)
        value = average ? value + xp[i] : maxOf(value, xp[i]);
      if (average)
        value /= static_cast<T>(planeSize);
      storeAs(result, plane, value);
    }
    return std::move(result);
  });
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

/// |param| broadcast to |shape| (the normalized dimensions), flattened.
template <typename T>
static std::vector<T> broadcastParam(const HostTensor &param,
                                     ArrayRef<int64_t> shape) {
  std::vector<T> values = elementsAs<T>(param);
  BroadcastIndexer index(param.shape(), shape);
  std::vector<T> result(productOf(shape));
  for (int64_t i = 0, e = result.size(); i < e; ++i)
    result[i] = values[index(i)];
  return result;
}

/// Evaluates layer_norm (|rms| false) or rms_norm over the dimensions
/// [axis, rank) of |in| = input, scale[, bias]: every row of those
/// dimensions is centred by its mean (layer_norm) and divided by
/// sqrt(variance + epsilon), or divided by sqrt(mean of squares + epsilon)
/// (rms_norm); then scaled and shifted. The variance is the mean of the
/// squared deviations (population variance), computed in a second pass.
template <typename T>
static HostTensor evalRowNorm(HostTensor result,
                              ArrayRef<const HostTensor *> in, int64_t axis,
                              double epsilon, bool rms) {
  ArrayRef<int64_t> normalized =
      ArrayRef<int64_t>(result.shape()).drop_front(axis);
  int64_t rowSize = productOf(normalized);
  int64_t rows = rowSize ? result.numElements() / rowSize : 0;
  std::vector<T> x = elementsAs<T>(*in[0]);
  std::vector<T> scale = broadcastParam<T>(*in[1], normalized);
  bool hasBias = in.size() > 2;
  std::vector<T> bias;
  if (hasBias)
    bias = broadcastParam<T>(*in[2], normalized);
  T eps = static_cast<T>(epsilon), count = static_cast<T>(rowSize);
  for (int64_t r = 0; r < rows; ++r) {
    const T *row = x.data() + r * rowSize;
    T mean = 0;
    if (!rms) {
      for (int64_t i = 0; i < rowSize; ++i)
        mean += row[i];
      mean /= count;
    }
    T squares = 0;
    for (int64_t i = 0; i < rowSize; ++i)
      squares += (row[i] - mean) * (row[i] - mean);
    T deviation = std::sqrt(squares / count + eps);
    for (int64_t i = 0; i < rowSize; ++i) {
      T value = (row[i] - mean) / deviation * scale[i];
      storeAs(result, r * rowSize + i, hasBias ? value + bias[i] : value);
    }
  }
  return result;
}

template <typename T>
static HostTensor evalBatchNorm(HostTensor result,
                                ArrayRef<const HostTensor *> in,
                                double epsilon) {
  std::vector<T> x = elementsAs<T>(*in[0]);
  std::vector<T> scale = elementsAs<T>(*in[1]), bias = elementsAs<T>(*in[2]);
  std::vector<T> mean = elementsAs<T>(*in[3]);
  std::vector<T> variance = elementsAs<T>(*in[4]);
  int64_t batches = result.shape()[0], channels = result.shape()[1];
  int64_t planeSize =
      productOf(ArrayRef<int64_t>(result.shape()).drop_front(2));
  T eps = static_cast<T>(epsilon);
  for (int64_t n = 0; n < batches; ++n) {
    for (int64_t c = 0; c < channels; ++c) {
      T deviation = std::sqrt(variance[c] + eps);
      int64_t base = (n * channels + c) * planeSize;
      for (int64_t i = 0; i < planeSize; ++i)
        storeAs(result, base + i,
                (x[base + i] - mean[c]) / deviation * scale[c] + bias[c]);
    }
  }
  return result;
}

/// Calls |fn| with the float compute type of |op|'s result and a zero-filled
/// result tensor.
template <typename OpT, typename Fn>
static FailureOr<HostTensor> withFloatResult(OpT op, Fn &&fn) {
  HostTensor result = makeTensor(op.getResult());
  DType dtype = result.dtype();
  return withAccumulator(
      dtype, [&](auto zero) { return fn(zero, std::move(result)); });
}

void mlir::tessera::registerNNEvaluators(EvaluatorRegistry &registry) {
  registerContractionEvaluators(registry);

  registry.add<MaxPoolOp>(
      [](MaxPoolOp op,
         ArrayRef<const HostTensor *> in) -> FailureOr<HostTensor> {
        return evalWindowPool(op, *in[0], /*average=*/false,
                              /*countIncludePad=*/false);
      });
  registry.add<AvgPoolOp>(
      [](AvgPoolOp op,
         ArrayRef<const HostTensor *> in) -> FailureOr<HostTensor> {
        return evalWindowPool(op, *in[0], /*average=*/true,
                              op.getCountIncludePad());
      });
  registry.add<GlobalAvgPoolOp>(
      [](GlobalAvgPoolOp op,
         ArrayRef<const HostTensor *> in) -> FailureOr<HostTensor> {
        return evalGlobalPool(op, *in[0], /*average=*/true);
      });
  registry.add<MaxPoolIndicesOp>(
      [](MaxPoolIndicesOp op,
         ArrayRef<const HostTensor *> in) -> FailureOr<HostTensor> {
        return evalMaxPoolIndices(op, *in[0]);
      });
  registry.add<GlobalMaxPoolOp>(
      [](GlobalMaxPoolOp op,
         ArrayRef<const HostTensor *> in) -> FailureOr<HostTensor> {
        return evalGlobalPool(op, *in[0], /*average=*/false);
      });

  registry.add<LayerNormOp>([](LayerNormOp op,
                               ArrayRef<const HostTensor *> in) {
    return withFloatResult(op, [&](auto zero, HostTensor result) {
      return evalRowNorm<decltype(zero)>(std::move(result), in, op.getAxis(),
                                         op.getEpsilon().convertToDouble(),
                                         /*rms=*/false);
    });
  });
  registry.add<RmsNormOp>([](RmsNormOp op, ArrayRef<const HostTensor *> in) {
    return withFloatResult(op, [&](auto zero, HostTensor result) {
      return evalRowNorm<decltype(zero)>(std::move(result), in, op.getAxis(),
                                         op.getEpsilon().convertToDouble(),
                                         /*rms=*/true);
    });
  });
  registry.add<BatchNormOp>([](BatchNormOp op,
                               ArrayRef<const HostTensor *> in) {
    return withFloatResult(op, [&](auto zero, HostTensor result) {
      return evalBatchNorm<decltype(zero)>(std::move(result), in,
                                           op.getEpsilon().convertToDouble());
    });
  });
}
