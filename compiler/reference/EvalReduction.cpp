//===- EvalReduction.cpp - Reference evaluation of reductions -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// reduce_{sum,mean,max,min,prod}, argmax, argmin, cumsum, softmax and
// log_softmax. Float reductions accumulate sequentially, in input order, in
// the accumulator type of the result (double for f32/f64, float for
// f16/bf16) and round once at the end; integers accumulate in int64_t and
// wrap to the element width. Reducing an empty dimension gives the identity
// (0, 1, the lowest or highest value); max and min propagate NaN like the
// elementwise ops, and argmax/argmin pick NaN like NumPy.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalElementwise.h"
#include "ir/TesseraOps.h"

#include <cstring>
#include <limits>
#include <type_traits>

using namespace mlir;
using namespace mlir::tessera;

namespace {

using Operands = ArrayRef<const HostTensor *>;

/// For every element of |shape|, the linear index of the element of the
/// reduction over |axes| that it contributes to (the same with or without
/// keep_dims, since dropping unit dimensions keeps linear indices).
SmallVector<int64_t> reductionTargets(ArrayRef<int64_t> shape,
                                      ArrayRef<int64_t> axes) {
  SmallVector<int64_t> kept(shape);
  for (int64_t axis : axes)
    kept[axis] = 1;
  SmallVector<int64_t> keptStrides = stridesOf(kept);
  int64_t count = ::tessera::numElementsOf(shape.vec());
  SmallVector<int64_t> targets(count);
  for (int64_t i = 0; i < count; ++i) {
    int64_t rest = i, target = 0;
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      int64_t coord = rest % shape[d];
      rest /= shape[d];
      if (kept[d] != 1)
        target += coord * keptStrides[d];
    }
    targets[i] = target;
  }
  return targets;
}

/// The kinds of reduce_* ops.
enum class Reduction { Sum, Mean, Max, Min, Prod };

/// Evaluates a reduce_* op: every output starts at the identity of |kind|
/// and combines the input elements in row-major order.
template <typename OpT>
HostTensor evalReduce(OpT op, const HostTensor &input, Reduction kind) {
  HostTensor result = makeTensor(op.getResult());
  ArrayRef<int64_t> axes = op.getAxes();
  if (axes.empty()) { // Reduces nothing: an exact copy (keeps -0 and NaNs).
    std::memcpy(result.data(), input.data(), input.byteSize());
    return result;
  }
  SmallVector<int64_t> targets = reductionTargets(input.shape(), axes);
  int64_t outputs = result.numElements();
  if (!::tessera::isFloat(result.dtype())) {
    DType dtype = result.dtype();
    int64_t identity = kind == Reduction::Max    ? intMinOf(dtype)
                       : kind == Reduction::Min  ? intMaxOf(dtype)
                       : kind == Reduction::Prod ? 1
                                                 : 0;
    SmallVector<int64_t> acc(outputs, identity);
    for (int64_t i = 0, e = input.numElements(); i < e; ++i) {
      int64_t &a = acc[targets[i]];
      int64_t x = input.getInt(i);
      switch (kind) {
      case Reduction::Sum:
      case Reduction::Mean: // Float only (ODS); kept total for safety.
        a = wrapAdd(a, x);
        break;
      case Reduction::Prod:
        a = wrapMul(a, x);
        break;
      case Reduction::Max:
        a = std::max(a, x);
        break;
      case Reduction::Min:
        a = std::min(a, x);
        break;
      }
    }
    for (int64_t o = 0; o < outputs; ++o)
      result.setInt(o, acc[o]);
    return result;
  }
  withAccumulator(result.dtype(), [&](auto zero) {
    using T = decltype(zero);
    T identity = kind == Reduction::Max    ? -std::numeric_limits<T>::infinity()
                 : kind == Reduction::Min  ? std::numeric_limits<T>::infinity()
                 : kind == Reduction::Prod ? T(1)
                                           : T(0);
    SmallVector<T> acc(outputs, identity);
    for (int64_t i = 0, e = input.numElements(); i < e; ++i) {
      T &a = acc[targets[i]];
      T x = static_cast<T>(input.getDouble(i));
      switch (kind) {
      case Reduction::Sum:
      case Reduction::Mean:
        a += x;
        break;
      case Reduction::Prod:
        a *= x;
        break;
      case Reduction::Max:
        a = maximumOf(a, x);
        break;
      case Reduction::Min:
        a = minimumOf(a, x);
        break;
      }
    }
    int64_t reduced = 1; // 0 for an empty dimension: the mean is NaN.
    for (int64_t axis : axes)
      reduced *= input.shape()[axis];
    T count = static_cast<T>(reduced);
    for (int64_t o = 0; o < outputs; ++o)
      result.setDouble(o, static_cast<double>(kind == Reduction::Mean
                                                  ? acc[o] / count
                                                  : acc[o]));
  });
  return result;
}

/// A tensor seen as [outer, length, inner] around one axis.
struct AxisView {
  AxisView(ArrayRef<int64_t> shape, int64_t axis) {
    for (int64_t d = 0; d < axis; ++d)
      outer *= shape[d];
    length = shape[axis];
    for (int64_t d = axis + 1, e = shape.size(); d < e; ++d)
      inner *= shape[d];
  }
  /// The linear index of element |k| along the axis of line (o, j).
  int64_t operator()(int64_t o, int64_t k, int64_t j) const {
    return (o * length + k) * inner + j;
  }
  int64_t outer = 1, length = 0, inner = 1;
};

/// Whether |value| replaces |best| as the argmax (|isMax|) or argmin: strictly
/// better, or equal with |last|; NaN beats any number (NumPy), and a later
/// NaN beats an earlier one only with |last|.
template <typename T> bool replaces(T value, T best, bool isMax, bool last) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(best))
      return last && std::isnan(value);
    if (std::isnan(value))
      return true;
  }
  if (value == best)
    return last;
  return isMax ? value > best : value < best;
}

/// argmax / argmin along |axis|: the index as i64.
template <typename OpT>
FailureOr<HostTensor> evalArgReduce(OpT op, const HostTensor &input,
                                    bool isMax) {
  HostTensor result = makeTensor(op.getResult());
  int64_t axis = op.getAxis();
  AxisView view(input.shape(), axis);
  bool last = op.getSelectLastIndex();
  if (view.length == 0 && result.numElements() > 0)
    return op.emitError() << "cannot take '" << op->getName()
                          << "' over the empty axis " << axis
                          << " of a tensor of shape "
                          << ::tessera::formatDims(input.shape());
  bool floats = ::tessera::isFloat(input.dtype());
  auto argOf = [&](auto read, int64_t o, int64_t j) {
    int64_t bestIndex = 0;
    auto best = read(view(o, 0, j));
    for (int64_t k = 1; k < view.length; ++k) {
      auto value = read(view(o, k, j));
      if (replaces(value, best, isMax, last)) {
        best = value;
        bestIndex = k;
      }
    }
    return bestIndex;
  };
  for (int64_t o = 0; o < view.outer; ++o) {
    for (int64_t j = 0; j < view.inner; ++j) {
      int64_t index =
          floats ? argOf([&](int64_t i) { return input.getDouble(i); }, o, j)
                 : argOf([&](int64_t i) { return input.getInt(i); }, o, j);
      result.setInt(o * view.inner + j, index);
    }
  }
  return result;
}

/// cumsum: running sums along the axis, from the end with |reverse|; with
/// |exclusive| each element excludes itself (the first is 0). A running sum
/// starts at the first element, so an inclusive sum of -0 stays -0 (NumPy).
HostTensor evalCumSum(CumSumOp op, const HostTensor &input) {
  HostTensor result = makeTensor(op.getResult());
  AxisView view(input.shape(), op.getAxis());
  bool exclusive = op.getExclusive(), reverse = op.getReverse();
  bool floats = ::tessera::isFloat(input.dtype());
  auto scan = [&](auto zero, auto read, auto write) {
    for (int64_t o = 0; o < view.outer; ++o) {
      for (int64_t j = 0; j < view.inner; ++j) {
        decltype(zero) sum = zero;
        for (int64_t step = 0; step < view.length; ++step) {
          int64_t i = view(o, reverse ? view.length - 1 - step : step, j);
          decltype(zero) x = read(i);
          if (exclusive)
            write(i, sum);
          sum = step == 0 ? x : sum + x;
          if (!exclusive)
            write(i, sum);
        }
      }
    }
  };
  if (!floats) {
    // Unsigned, so that the sum wraps instead of overflowing.
    scan(
        uint64_t(0),
        [&](int64_t i) { return static_cast<uint64_t>(input.getInt(i)); },
        [&](int64_t i, uint64_t v) {
          result.setInt(i, static_cast<int64_t>(v));
        });
    return result;
  }
  withAccumulator(result.dtype(), [&](auto zero) {
    using T = decltype(zero);
    scan(
        zero, [&](int64_t i) { return static_cast<T>(input.getDouble(i)); },
        [&](int64_t i, T v) { result.setDouble(i, static_cast<double>(v)); });
  });
  return result;
}

/// softmax (|log| false) or log_softmax along the op's axis: with m the
/// maximum of the line and s = sum(exp(x - m)), exp(x - m) / s or
/// x - m - log(s).
template <typename OpT>
HostTensor evalSoftmax(OpT op, const HostTensor &input, bool log) {
  HostTensor result = makeTensor(op.getResult());
  AxisView view(input.shape(), op.getAxis());
  withAccumulator(result.dtype(), [&](auto zero) {
    using T = decltype(zero);
    SmallVector<T> shifted(view.length);
    for (int64_t o = 0; o < view.outer; ++o) {
      for (int64_t j = 0; j < view.inner; ++j) {
        T max = -std::numeric_limits<T>::infinity();
        for (int64_t k = 0; k < view.length; ++k)
          max = maximumOf(max, static_cast<T>(input.getDouble(view(o, k, j))));
        T sum = 0;
        for (int64_t k = 0; k < view.length; ++k) {
          shifted[k] = static_cast<T>(input.getDouble(view(o, k, j))) - max;
          sum += std::exp(shifted[k]);
        }
        T logSum = std::log(sum);
        for (int64_t k = 0; k < view.length; ++k) {
          T y = log ? shifted[k] - logSum : std::exp(shifted[k]) / sum;
          result.setDouble(view(o, k, j), static_cast<double>(y));
        }
      }
    }
  });
  return result;
}

} // namespace

void mlir::tessera::registerReductionEvaluators(EvaluatorRegistry &registry) {
#define TESSERA_REDUCE(OP, KIND)                                               \
  registry.add<OP>([](OP op, Operands in) -> FailureOr<HostTensor> {           \
    return evalReduce(op, *in[0], Reduction::KIND);                            \
  })
  TESSERA_REDUCE(ReduceSumOp, Sum);
  TESSERA_REDUCE(ReduceMeanOp, Mean);
  TESSERA_REDUCE(ReduceMaxOp, Max);
  TESSERA_REDUCE(ReduceMinOp, Min);
  TESSERA_REDUCE(ReduceProdOp, Prod);
#undef TESSERA_REDUCE

  registry.add<ArgMaxOp>([](ArgMaxOp op, Operands in) {
    return evalArgReduce(op, *in[0], /*isMax=*/true);
  });
  registry.add<ArgMinOp>([](ArgMinOp op, Operands in) {
    return evalArgReduce(op, *in[0], /*isMax=*/false);
  });
  registry.add<CumSumOp>([](CumSumOp op, Operands in) -> FailureOr<HostTensor> {
    return evalCumSum(op, *in[0]);
  });
  registry.add<SoftmaxOp>(
      [](SoftmaxOp op, Operands in) -> FailureOr<HostTensor> {
        return evalSoftmax(op, *in[0], /*log=*/false);
      });
  registry.add<LogSoftmaxOp>(
      [](LogSoftmaxOp op, Operands in) -> FailureOr<HostTensor> {
        return evalSoftmax(op, *in[0], /*log=*/true);
      });
}
