//===- EvalBinary.cpp - Reference evaluation of binary/ternary ops --------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// add, sub, mul, div, pow, max, min, and, or, xor, mod, compare, select and
// clamp, all broadcasting like NumPy. Floats compute in the accumulator type
// of the result and round once; integers compute in int64_t and wrap to the
// element width. Integer division by zero, INT_MIN / -1 and negative integer
// exponents have no value: they are errors at the op, naming the operands
// and the result element.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalElementwise.h"
#include "ir/TesseraOps.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tessera;

namespace {

using Operands = ArrayRef<const HostTensor *>;

/// The value of an integer kernel, or why it has none.
struct Checked {
  Checked(int64_t value) : value(value) {}
  static Checked error(const char *message) {
    Checked checked(0);
    checked.message = message;
    return checked;
  }
  int64_t value;
  /// Non-null when the operation is undefined ("integer division by zero").
  const char *message = nullptr;
};

/// Evaluates a binary op with broadcasting. Float results call
/// |floatFn(T, T)| with T the accumulator type; integer results call
/// |intFn(a, b, dtype)|, which returns a Checked: its error is emitted at |op|
/// as "<message> in '<op>': <a> <symbol> <b> at result index [...]".
template <typename FloatFn, typename IntFn>
FailureOr<HostTensor> mapBinary(Operation *op, Operands in, FloatFn &&floatFn,
                                IntFn &&intFn, StringRef symbol) {
  HostTensor result = makeTensor(op->getResult(0));
  const HostTensor &a = *in[0], &b = *in[1];
  BroadcastIndexer lhs(a.shape(), result.shape());
  BroadcastIndexer rhs(b.shape(), result.shape());
  int64_t count = result.numElements();
  if (::tessera::isFloat(result.dtype())) {
    withAccumulator(result.dtype(), [&](auto zero) {
      using T = decltype(zero);
      for (int64_t i = 0; i < count; ++i)
        result.setDouble(i, static_cast<double>(
                                floatFn(static_cast<T>(a.getDouble(lhs(i))),
                                        static_cast<T>(b.getDouble(rhs(i))))));
    });
    return result;
  }
  for (int64_t i = 0; i < count; ++i) {
    int64_t x = a.getInt(lhs(i)), y = b.getInt(rhs(i));
    Checked r = intFn(x, y, result.dtype());
    if (r.message)
      return op->emitError()
             << r.message << " in '" << op->getName() << "': " << x << " "
             << symbol << " " << y << " at result index "
             << formatIndex(i, result.shape());
    result.setInt(i, r.value);
  }
  return result;
}

/// Integer kernels of ops that are always defined.
Checked addInt(int64_t a, int64_t b, DType) { return wrapAdd(a, b); }
Checked subInt(int64_t a, int64_t b, DType) { return wrapSub(a, b); }
Checked mulInt(int64_t a, int64_t b, DType) { return wrapMul(a, b); }
Checked maxInt(int64_t a, int64_t b, DType) { return std::max(a, b); }
Checked minInt(int64_t a, int64_t b, DType) { return std::min(a, b); }
Checked andInt(int64_t a, int64_t b, DType) { return a & b; }
Checked orInt(int64_t a, int64_t b, DType) { return a | b; }
Checked xorInt(int64_t a, int64_t b, DType) { return a ^ b; }

/// Division truncating toward zero.
Checked divInt(int64_t a, int64_t b, DType dtype) {
  if (b == 0)
    return Checked::error("integer division by zero");
  if (b == -1 && a == intMinOf(dtype))
    return Checked::error("integer division overflow");
  return a / b;
}

/// Remainder with the sign of the dividend (C %, fmod).
Checked truncatedModInt(int64_t a, int64_t b, DType) {
  if (b == 0)
    return Checked::error("integer division by zero");
  if (b == -1) // INT_MIN % -1 is 0, but undefined in C++.
    return int64_t(0);
  return a % b;
}

/// Remainder with the sign of the divisor (Python %).
Checked flooredModInt(int64_t a, int64_t b, DType dtype) {
  Checked r = truncatedModInt(a, b, dtype);
  if (!r.message && r.value != 0 && (r.value < 0) != (b < 0))
    r.value += b;
  return r;
}

/// a^b by repeated squaring, wrapping like repeated multiplication.
Checked powInt(int64_t a, int64_t b, DType) {
  if (b < 0)
    return Checked::error("negative integer exponent");
  int64_t result = 1;
  for (int64_t base = a; b; b >>= 1, base = wrapMul(base, base))
    if (b & 1)
      result = wrapMul(result, base);
  return result;
}

template <typename T> T flooredMod(T a, T b) {
  T r = std::fmod(a, b);
  if (r != 0 && (r < 0) != (b < 0))
    return r + b;
  return r == 0 ? std::copysign(T(0), b) : r;
}

/// The value of |predicate| on |a| and |b|; false with NaN except ne.
template <typename T> bool compare(ComparePredicate predicate, T a, T b) {
  switch (predicate) {
  case ComparePredicate::eq:
    return a == b;
  case ComparePredicate::ne:
    return a != b;
  case ComparePredicate::lt:
    return a < b;
  case ComparePredicate::le:
    return a <= b;
  case ComparePredicate::gt:
    return a > b;
  case ComparePredicate::ge:
    return a >= b;
  }
  return false;
}

HostTensor evalCompare(CompareOp op, Operands in) {
  HostTensor result = makeTensor(op.getResult());
  const HostTensor &a = *in[0], &b = *in[1];
  BroadcastIndexer lhs(a.shape(), result.shape());
  BroadcastIndexer rhs(b.shape(), result.shape());
  ComparePredicate predicate = op.getPredicate();
  bool floats = ::tessera::isFloat(a.dtype());
  for (int64_t i = 0, e = result.numElements(); i < e; ++i) {
    // Both reads are exact: floats widen to double, integers stay int64_t.
    bool value =
        floats ? compare(predicate, a.getDouble(lhs(i)), b.getDouble(rhs(i)))
               : compare(predicate, a.getInt(lhs(i)), b.getInt(rhs(i)));
    result.setInt(i, value);
  }
  return result;
}

/// select copies the bytes of the chosen element (NaN payloads, -0 and i64
/// values survive unchanged).
HostTensor evalSelect(SelectOp op, Operands in) {
  HostTensor result = makeTensor(op.getResult());
  BroadcastIndexer condition(in[0]->shape(), result.shape());
  BroadcastIndexer onTrue(in[1]->shape(), result.shape());
  BroadcastIndexer onFalse(in[2]->shape(), result.shape());
  size_t size = ::tessera::dtypeSize(result.dtype());
  for (int64_t i = 0, e = result.numElements(); i < e; ++i) {
    bool pick = in[0]->getInt(condition(i)) != 0;
    const HostTensor &source = pick ? *in[1] : *in[2];
    int64_t from = pick ? onTrue(i) : onFalse(i);
    std::memcpy(static_cast<char *>(result.data()) + i * size,
                static_cast<const char *>(source.data()) + from * size, size);
  }
  return result;
}

/// clamp = min(max(x, lo), hi) with the NaN-propagating max and min; every
/// value is an input value, so it needs no rounding.
HostTensor evalClamp(ClampOp op, Operands in) {
  HostTensor result = makeTensor(op.getResult());
  BroadcastIndexer lo(in[1]->shape(), result.shape());
  BroadcastIndexer hi(in[2]->shape(), result.shape());
  bool floats = ::tessera::isFloat(result.dtype());
  for (int64_t i = 0, e = result.numElements(); i < e; ++i) {
    if (floats)
      result.setDouble(
          i, minimumOf(maximumOf(in[0]->getDouble(i), in[1]->getDouble(lo(i))),
                       in[2]->getDouble(hi(i))));
    else
      result.setInt(i,
                    std::min(std::max(in[0]->getInt(i), in[1]->getInt(lo(i))),
                             in[2]->getInt(hi(i))));
  }
  return result;
}

} // namespace

void mlir::tessera::registerBinaryEvaluators(EvaluatorRegistry &registry) {
#define TESSERA_BINARY(OP, FLOAT_EXPR, INT_FN, SYMBOL)                         \
  registry.add<OP>([](OP op, Operands in) -> FailureOr<HostTensor> {           \
    return mapBinary(                                                          \
        op, in, [](auto a, auto b) { return FLOAT_EXPR; }, INT_FN, SYMBOL);    \
  })
  TESSERA_BINARY(AddOp, a + b, addInt, "+");
  TESSERA_BINARY(SubOp, a - b, subInt, "-");
  TESSERA_BINARY(MulOp, a * b, mulInt, "*");
  TESSERA_BINARY(DivOp, a / b, divInt, "/");
  TESSERA_BINARY(PowOp, std::pow(a, b), powInt, "^");
  TESSERA_BINARY(MaxOp, maximumOf(a, b), maxInt, "max");
  TESSERA_BINARY(MinOp, minimumOf(a, b), minInt, "min");
  // Integer and i1 only: on i1 (0 or 1) the bitwise ops are the logical ones.
  TESSERA_BINARY(AndOp, a, andInt, "&");
  TESSERA_BINARY(OrOp, a, orInt, "|");
  TESSERA_BINARY(XorOp, a, xorInt, "^");
#undef TESSERA_BINARY

  registry.add<ModOp>([](ModOp op, Operands in) -> FailureOr<HostTensor> {
    if (op.getFmod())
      return mapBinary(
          op, in, [](auto a, auto b) { return std::fmod(a, b); },
          truncatedModInt, "%");
    return mapBinary(
        op, in, [](auto a, auto b) { return flooredMod(a, b); }, flooredModInt,
        "%");
  });
  registry.add<CompareOp>(
      [](CompareOp op, Operands in) -> FailureOr<HostTensor> {
        return evalCompare(op, in);
      });
  registry.add<SelectOp>([](SelectOp op, Operands in) -> FailureOr<HostTensor> {
    return evalSelect(op, in);
  });
  registry.add<ClampOp>([](ClampOp op, Operands in) -> FailureOr<HostTensor> {
    return evalClamp(op, in);
  });
}
