//===- EvalElementwise.cpp - Reference evaluation of elementwise ops ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The unary elementwise ops, gelu, is_nan, is_inf and cast (the binary and
// ternary ones are in EvalBinary.cpp). Float ops read each element exactly,
// compute in the accumulator type of the result (double for f32/f64, float
// for f16/bf16) and round once when storing. Integer ops compute in int64_t
// and wrap to the element width. Edge cases follow NumPy/ONNX: sign and relu
// keep NaN, round is half to even.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalElementwise.h"
#include "ir/TesseraOps.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"

#include <cstring>
#include <limits>

using namespace mlir;
using namespace mlir::tessera;

int64_t mlir::tessera::intMinOf(DType dtype) {
  switch (dtype) {
  case DType::I64:
    return std::numeric_limits<int64_t>::min();
  case DType::I32:
    return std::numeric_limits<int32_t>::min();
  case DType::I8:
    return std::numeric_limits<int8_t>::min();
  default:
    return 0;
  }
}

int64_t mlir::tessera::intMaxOf(DType dtype) {
  switch (dtype) {
  case DType::I64:
    return std::numeric_limits<int64_t>::max();
  case DType::I32:
    return std::numeric_limits<int32_t>::max();
  case DType::I8:
    return std::numeric_limits<int8_t>::max();
  default:
    return 1;
  }
}

std::string mlir::tessera::formatIndex(int64_t linear,
                                       ArrayRef<int64_t> shape) {
  SmallVector<int64_t> coords(shape.size());
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    coords[d] = linear % shape[d];
    linear /= shape[d];
  }
  std::string text = "[";
  for (size_t d = 0; d < coords.size(); ++d)
    text += (d ? ", " : "") + std::to_string(coords[d]);
  return text + "]";
}

namespace {

/// Applies |fn| to every element of a float tensor, in the accumulator type
/// of the result: |fn| is generic and called with float or double.
template <typename Fn>
HostTensor mapFloat(Operation *op, const HostTensor &input, Fn &&fn) {
  HostTensor result = makeTensor(op->getResult(0));
  withAccumulator(result.dtype(), [&](auto zero) {
    using T = decltype(zero);
    for (int64_t i = 0, e = result.numElements(); i < e; ++i)
      result.setDouble(
          i, static_cast<double>(fn(static_cast<T>(input.getDouble(i)))));
  });
  return result;
}

/// Applies |floatFn| to a float tensor or |intFn| (int64_t -> int64_t,
/// wrapped by the store) to an integer one.
template <typename FloatFn, typename IntFn>
HostTensor mapNumeric(Operation *op, const HostTensor &input, FloatFn &&floatFn,
                      IntFn &&intFn) {
  if (::tessera::isFloat(input.dtype()))
    return mapFloat(op, input, floatFn);
  HostTensor result = makeTensor(op->getResult(0));
  for (int64_t i = 0, e = result.numElements(); i < e; ++i)
    result.setInt(i, intFn(input.getInt(i)));
  return result;
}

/// Applies the i1 predicate |fn| of a double to every element.
template <typename Fn>
HostTensor mapPredicate(Operation *op, const HostTensor &input, Fn &&fn) {
  HostTensor result = makeTensor(op->getResult(0));
  for (int64_t i = 0, e = result.numElements(); i < e; ++i)
    result.setInt(i, fn(input.getDouble(i)) ? 1 : 0);
  return result;
}

/// sign: -1, 0 or 1; NaN stays NaN and both zeros give +0 (NumPy).
template <typename T> T signOf(T x) {
  if (std::isnan(x))
    return x;
  return x > 0 ? T(1) : x < 0 ? T(-1) : T(0);
}

/// relu: max(x, +0) in the IEEE 754-2019 sense (NaN stays NaN, -0 gives +0).
template <typename T> T reluOf(T x) { return maximumOf(x, T(0)); }

template <typename T> T sigmoidOf(T x) { return T(1) / (T(1) + std::exp(-x)); }
template <typename T> T rsqrtOf(T x) { return T(1) / std::sqrt(x); }
template <typename T> T reciprocalOf(T x) { return T(1) / x; }

/// gelu with Phi(x) = (1 + erf(x / sqrt(2))) / 2.
template <typename T> T geluErfOf(T x) {
  return T(0.5) * x * (T(1) + std::erf(x / std::sqrt(T(2))));
}

/// gelu with Phi(x) ~ (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2.
template <typename T> T geluTanhOf(T x) {
  T inner = std::sqrt(T(2) / T(M_PI)) * (x + T(0.044715) * x * x * x);
  return T(0.5) * x * (T(1) + std::tanh(inner));
}

/// Stores |value| into the float element |i| of |tensor| (same semantics as
/// the element type; an exact conversion of |value| was rounded once).
void storeFloat(HostTensor &tensor, int64_t i, const llvm::APFloat &value) {
  switch (tensor.dtype()) {
  case DType::F32:
    tensor.as<float>()[i] = value.convertToFloat();
    return;
  case DType::F64:
    tensor.as<double>()[i] = value.convertToDouble();
    return;
  default: // f16, bf16: store the bits.
    tensor.as<uint16_t>()[i] =
        static_cast<uint16_t>(value.bitcastToAPInt().getZExtValue());
    return;
  }
}

/// The APFloat semantics of a float dtype.
const llvm::fltSemantics &semanticsOf(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return llvm::APFloat::IEEEhalf();
  case DType::BF16:
    return llvm::APFloat::BFloat();
  case DType::F64:
    return llvm::APFloat::IEEEdouble();
  default:
    return llvm::APFloat::IEEEsingle();
  }
}

/// cast: every conversion rounds once (through APFloat, since going through
/// double or float would round twice for i64 -> f32, i32 -> bf16 or
/// f64 -> f16); float to integer truncates toward zero and saturates to the
/// width (NaN gives 0); to i1 is x != 0; integers sign-extend or wrap.
HostTensor evalCast(CastOp op, const HostTensor &input) {
  HostTensor result = makeTensor(op.getResult());
  DType from = input.dtype(), to = result.dtype();
  bool fromFloat = ::tessera::isFloat(from);
  for (int64_t i = 0, e = result.numElements(); i < e; ++i) {
    if (to == DType::I1) {
      result.setInt(i, fromFloat ? input.getDouble(i) != 0.0
                                 : input.getInt(i) != 0);
    } else if (::tessera::isFloat(to)) {
      llvm::APFloat value(semanticsOf(to));
      if (fromFloat) {
        value = llvm::APFloat(input.getDouble(i)); // Exact widening.
        bool losesInfo = false;
        value.convert(semanticsOf(to), llvm::APFloat::rmNearestTiesToEven,
                      &losesInfo);
      } else {
        value.convertFromAPInt(
            llvm::APInt(64, static_cast<uint64_t>(input.getInt(i)),
                        /*isSigned=*/true),
            /*IsSigned=*/true, llvm::APFloat::rmNearestTiesToEven);
      }
      storeFloat(result, i, value);
    } else if (fromFloat) {
      double v = input.getDouble(i);
      // intMaxOf converts to 2^63 for i64, so >= catches every overflow.
      double lo = static_cast<double>(intMinOf(to));
      double hi = static_cast<double>(intMaxOf(to));
      int64_t r = std::isnan(v) ? 0
                  : v <= lo     ? intMinOf(to)
                  : v >= hi     ? intMaxOf(to)
                                : static_cast<int64_t>(std::trunc(v));
      result.setInt(i, r);
    } else {
      result.setInt(i, input.getInt(i));
    }
  }
  return result;
}

} // namespace

void mlir::tessera::registerElementwiseEvaluators(EvaluatorRegistry &registry) {
  using Operands = ArrayRef<const HostTensor *>;

  // Ops on float and integer tensors.
  registry.add<NegOp>([](NegOp op, Operands in) -> FailureOr<HostTensor> {
    return mapNumeric(
        op, *in[0], [](auto x) { return -x; },
        [](int64_t x) { return wrapSub(0, x); });
  });
  registry.add<AbsOp>([](AbsOp op, Operands in) -> FailureOr<HostTensor> {
    return mapNumeric(
        op, *in[0], [](auto x) { return std::fabs(x); },
        [](int64_t x) { return x < 0 ? wrapSub(0, x) : x; });
  });
  registry.add<SignOp>([](SignOp op, Operands in) -> FailureOr<HostTensor> {
    return mapNumeric(
        op, *in[0], [](auto x) { return signOf(x); },
        [](int64_t x) -> int64_t { return (x > 0) - (x < 0); });
  });
  registry.add<ReluOp>([](ReluOp op, Operands in) -> FailureOr<HostTensor> {
    return mapNumeric(
        op, *in[0], [](auto x) { return reluOf(x); },
        [](int64_t x) -> int64_t { return x < 0 ? 0 : x; });
  });

  // Float-only ops that are one function of the element.
#define TESSERA_FLOAT_UNARY(OP, EXPR)                                          \
  registry.add<OP>([](OP op, Operands in) -> FailureOr<HostTensor> {           \
    return mapFloat(op, *in[0], [](auto x) { return EXPR; });                  \
  })
  TESSERA_FLOAT_UNARY(ExpOp, std::exp(x));
  TESSERA_FLOAT_UNARY(LogOp, std::log(x));
  TESSERA_FLOAT_UNARY(SqrtOp, std::sqrt(x));
  TESSERA_FLOAT_UNARY(RsqrtOp, rsqrtOf(x));
  TESSERA_FLOAT_UNARY(ReciprocalOp, reciprocalOf(x));
  TESSERA_FLOAT_UNARY(TanhOp, std::tanh(x));
  TESSERA_FLOAT_UNARY(ErfOp, std::erf(x));
  TESSERA_FLOAT_UNARY(SigmoidOp, sigmoidOf(x));
  TESSERA_FLOAT_UNARY(SinOp, std::sin(x));
  TESSERA_FLOAT_UNARY(CosOp, std::cos(x));
  TESSERA_FLOAT_UNARY(TanOp, std::tan(x));
  TESSERA_FLOAT_UNARY(AsinOp, std::asin(x));
  TESSERA_FLOAT_UNARY(AcosOp, std::acos(x));
  TESSERA_FLOAT_UNARY(AtanOp, std::atan(x));
  TESSERA_FLOAT_UNARY(SinhOp, std::sinh(x));
  TESSERA_FLOAT_UNARY(CoshOp, std::cosh(x));
  TESSERA_FLOAT_UNARY(AsinhOp, std::asinh(x));
  TESSERA_FLOAT_UNARY(AcoshOp, std::acosh(x));
  TESSERA_FLOAT_UNARY(AtanhOp, std::atanh(x));
  TESSERA_FLOAT_UNARY(FloorOp, std::floor(x));
  TESSERA_FLOAT_UNARY(CeilOp, std::ceil(x));
  // The default rounding mode is to nearest, ties to even.
  TESSERA_FLOAT_UNARY(RoundOp, std::nearbyint(x));
#undef TESSERA_FLOAT_UNARY

  registry.add<GeluOp>([](GeluOp op, Operands in) -> FailureOr<HostTensor> {
    if (op.getApproximate() == GeluApproximation::tanh)
      return mapFloat(op, *in[0], [](auto x) { return geluTanhOf(x); });
    return mapFloat(op, *in[0], [](auto x) { return geluErfOf(x); });
  });

  // not: logical on i1 (where ~x wraps to !x), bitwise on integers.
  registry.add<NotOp>([](NotOp op, Operands in) -> FailureOr<HostTensor> {
    HostTensor result = makeTensor(op.getResult());
    bool isBool = result.dtype() == DType::I1;
    for (int64_t i = 0, e = result.numElements(); i < e; ++i)
      result.setInt(i, isBool ? !in[0]->getInt(i) : ~in[0]->getInt(i));
    return result;
  });

  registry.add<IsNanOp>([](IsNanOp op, Operands in) -> FailureOr<HostTensor> {
    return mapPredicate(op, *in[0], [](double x) { return std::isnan(x); });
  });
  registry.add<IsInfOp>([](IsInfOp op, Operands in) -> FailureOr<HostTensor> {
    bool positive = op.getDetectPositive(), negative = op.getDetectNegative();
    return mapPredicate(op, *in[0], [=](double x) {
      return std::isinf(x) && (x > 0 ? positive : negative);
    });
  });

  registry.add<CastOp>([](CastOp op, Operands in) -> FailureOr<HostTensor> {
    return evalCast(op, *in[0]);
  });

  registerBinaryEvaluators(registry);
}
