//===- ElementwiseOps.cpp - The elementwise op -> C expression table ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One entry per elementwise tessera op: the C expression of one element from
// its operands' elements, in compute types (f16/bf16 in float, through the
// prelude's math whitelist; f64 in double, its transcendental functions
// through the float whitelist; integers in their own width, wrapping; i1 as
// bool). The caller rounds f16/bf16 results back to their precision.
//
//===----------------------------------------------------------------------===//
#include "codegen/Emitter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;

namespace {

Type elementOf(Value v) {
  return cast<ShapedType>(v.getType()).getElementType();
}

/// Helpers some expressions need, added once to the kernel's namespace.
const char *kFloorModHelper =
    R"(template <typename T> TS_DEVICE T floorModInt(T a, T b) {
  if (b == 0)
    return 0;
  T r = a % b;
  return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
}
template <typename T> TS_DEVICE T floorModFloat(T a, T b) {
  T r = (T)ts_fmod((float)a, (float)b);
  return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
}
)";
const char *kIntPowHelper =
    R"(template <typename T> TS_DEVICE T intPow(T base, T exponent) {
  if (exponent < 0)
    return base == 1 ? 1 : base == -1 ? (exponent % 2 ? -1 : 1) : 0;
  T result = 1;
  for (; exponent > 0; exponent /= 2, base *= base)
    if (exponent % 2)
      result *= base;
  return result;
}
)";
const char *kSaturateHelper =
    R"(/// Float to integer: toward zero, saturating, NaN to 0 (the reference's cast).
template <typename T> TS_DEVICE T saturate(double x, double lo, double hi) {
  return x != x ? (T)0 : x <= lo ? (T)lo : x >= hi ? (T)hi : (T)x;
}
)";

void addHelper(KernelEmitter &e, const char *helper) {
  if (e.helpers.find(helper) == std::string::npos)
    e.helpers += helper;
}

} // namespace

bool codegen::isElementwise(Operation *op) {
  return isa<NegOp, AbsOp, SignOp, ReluOp, ExpOp, LogOp, SqrtOp, RsqrtOp,
             ReciprocalOp, TanhOp, ErfOp, SigmoidOp, SinOp, CosOp, TanOp,
             AsinOp, AcosOp, AtanOp, SinhOp, CoshOp, AsinhOp, AcoshOp, AtanhOp,
             FloorOp, CeilOp, RoundOp, NotOp, GeluOp, IsNanOp, IsInfOp, CastOp,
             AddOp, SubOp, MulOp, DivOp, PowOp, MaxOp, MinOp, AndOp, OrOp,
             XorOp, ModOp, CompareOp, SelectOp, ClampOp>(op);
}

std::optional<std::string>
codegen::elementwiseExpr(KernelEmitter &e, Operation *op,
                         ArrayRef<std::string> args) {
  if (!isElementwise(op))
    return std::nullopt;
  Type rt = elementOf(op->getResult(0));
  Type in = elementOf(op->getOperand(0));
  std::string ct = computeType(rt);
  bool isFloat = isa<FloatType>(in);
  bool isDouble = in.isF64();
  bool isBool = in.isInteger(1);
  auto a = [&](unsigned i) { return paren(args[i]); };
  // A whitelist function on a float or double value.
  auto math = [&](StringRef fn, StringRef x) -> std::string {
    if (isDouble)
      return ("(double)" + fn + "((float)" + x + ")").str();
    return (fn + "(" + x + ")").str();
  };
  auto math2 = [&](StringRef fn, StringRef x, StringRef y) -> std::string {
    if (isDouble)
      return ("(double)" + fn + "((float)" + x + ", (float)" + y + ")").str();
    return (fn + "(" + x + ", " + y + ")").str();
  };
  auto wrap = [&](StringRef expr) {
    return "(" + ct + ")(" + expr.str() + ")";
  };
  std::string zero = literal(in, 0), one = literal(in, 1);

  auto unaryMath = [&](StringRef fn) { return math(fn, args[0]); };
  return llvm::TypeSwitch<Operation *, std::optional<std::string>>(op)
      .Case([&](NegOp) { return isFloat ? "-" + a(0) : wrap("-" + a(0)); })
      .Case([&](AbsOp) {
        if (isFloat)
          return isDouble ? a(0) + " < 0 ? -" + a(0) + " : " + a(0)
                          : "ts_fabs(" + args[0] + ")";
        return a(0) + " < 0 ? " + wrap("-" + a(0)) + " : " + a(0);
      })
      .Case([&](SignOp) {
        std::string m1 = isFloat ? "-" + one : intLiteral(in, -1);
        return a(0) + " > " + zero + " ? " + one + " : " + a(0) + " < " + zero +
               " ? " + m1 + " : " + a(0);
      })
      .Case([&](ReluOp) {
        return a(0) + " < " + zero + " ? " + zero + " : " + a(0);
      })
      .Case([&](ExpOp) { return unaryMath("ts_exp"); })
      .Case([&](LogOp) { return unaryMath("ts_log"); })
      .Case([&](SqrtOp) { return unaryMath("ts_sqrt"); })
      .Case([&](RsqrtOp) { return unaryMath("ts_rsqrt"); })
      .Case([&](ReciprocalOp) {
        return isDouble ? "1.0 / " + a(0) : "ts_fdiv(1.0f, " + args[0] + ")";
      })
      .Case([&](TanhOp) { return unaryMath("ts_tanh"); })
      .Case([&](ErfOp) { return unaryMath("ts_erf"); })
      .Case([&](SigmoidOp) { return unaryMath("ts_sigmoid"); })
      .Case([&](SinOp) { return unaryMath("ts_sin"); })
      .Case([&](CosOp) { return unaryMath("ts_cos"); })
      .Case([&](TanOp) { return unaryMath("ts_tan"); })
      .Case([&](AsinOp) { return unaryMath("ts_asin"); })
      .Case([&](AcosOp) { return unaryMath("ts_acos"); })
      .Case([&](AtanOp) { return unaryMath("ts_atan"); })
      .Case([&](SinhOp) { return unaryMath("ts_sinh"); })
      .Case([&](CoshOp) { return unaryMath("ts_cosh"); })
      .Case([&](AsinhOp) { return unaryMath("ts_asinh"); })
      .Case([&](AcoshOp) { return unaryMath("ts_acosh"); })
      .Case([&](AtanhOp) { return unaryMath("ts_atanh"); })
      .Case([&](FloorOp) { return unaryMath("ts_floor"); })
      .Case([&](CeilOp) { return unaryMath("ts_ceil"); })
      .Case([&](RoundOp) { return unaryMath("ts_rint"); })
      .Case([&](NotOp) { return isBool ? "!" + a(0) : wrap("~" + a(0)); })
      .Case([&](GeluOp g) {
        return unaryMath(g.getApproximate() == GeluApproximation::tanh
                             ? "ts_gelu_tanh"
                             : "ts_gelu_erf");
      })
      .Case([&](IsNanOp) {
        return isDouble ? a(0) + " != " + a(0) : "ts_isnan(" + args[0] + ")";
      })
      .Case([&](IsInfOp o) {
        std::string inf = isDouble ? "(" + a(0) + " - " + a(0) + " != " + a(0) +
                                         " - " + a(0) + " && " + a(0) +
                                         " == " + a(0) + ")"
                                   : "ts_isinf(" + args[0] + ")";
        if (o.getDetectPositive() && o.getDetectNegative())
          return inf;
        if (o.getDetectPositive())
          return "(" + inf + " && " + a(0) + " > 0)";
        if (o.getDetectNegative())
          return "(" + inf + " && " + a(0) + " < 0)";
        return std::string("false");
      })
      .Case([&](CastOp) -> std::string {
        if (rt.isInteger(1))
          return a(0) + " != " + zero;
        if (isa<FloatType>(rt))
          return "(" + ct + ")" + a(0);
        if (isFloat) {
          addHelper(e, kSaturateHelper);
          std::string st = storageType(rt);
          unsigned bits = rt.getIntOrFloatBitWidth();
          std::string lo = bits == 64   ? "-9223372036854775808.0"
                           : bits == 32 ? "-2147483648.0"
                                        : "-128.0";
          std::string hi = bits == 64   ? "9223372036854775807.0"
                           : bits == 32 ? "2147483647.0"
                                        : "127.0";
          return "saturate<" + st + ">((double)" + a(0) + ", " + lo + ", " +
                 hi + ")";
        }
        return "(" + ct + ")" + a(0);
      })
      .Case([&](AddOp) {
        return isFloat  ? a(0) + " + " + a(1)
               : isBool ? a(0) + " || " + a(1)
                        : wrap(a(0) + " + " + a(1));
      })
      .Case([&](SubOp) {
        return isFloat ? a(0) + " - " + a(1) : wrap(a(0) + " - " + a(1));
      })
      .Case([&](MulOp) {
        return isFloat  ? a(0) + " * " + a(1)
               : isBool ? a(0) + " && " + a(1)
                        : wrap(a(0) + " * " + a(1));
      })
      .Case([&](DivOp) {
        if (isFloat)
          return isDouble ? a(0) + " / " + a(1)
                          : "ts_fdiv(" + args[0] + ", " + args[1] + ")";
        return a(1) + " == 0 ? " + zero + " : " + wrap(a(0) + " / " + a(1));
      })
      .Case([&](PowOp) {
        if (isFloat)
          return math2("ts_pow", args[0], args[1]);
        addHelper(e, kIntPowHelper);
        return "intPow<" + ct + ">(" + args[0] + ", " + args[1] + ")";
      })
      .Case([&](MaxOp) {
        if (isFloat)
          return (isDouble ? a(0) + " != " + a(0)
                           : "ts_isnan(" + args[0] + ")") +
                 " || " + a(0) + " > " + a(1) + " ? " + a(0) + " : " + a(1);
        return a(0) + " > " + a(1) + " ? " + a(0) + " : " + a(1);
      })
      .Case([&](MinOp) {
        if (isFloat)
          return (isDouble ? a(0) + " != " + a(0)
                           : "ts_isnan(" + args[0] + ")") +
                 " || " + a(0) + " < " + a(1) + " ? " + a(0) + " : " + a(1);
        return a(0) + " < " + a(1) + " ? " + a(0) + " : " + a(1);
      })
      .Case([&](AndOp) {
        return isBool ? a(0) + " && " + a(1) : wrap(a(0) + " & " + a(1));
      })
      .Case([&](OrOp) {
        return isBool ? a(0) + " || " + a(1) : wrap(a(0) + " | " + a(1));
      })
      .Case([&](XorOp) {
        return isBool ? a(0) + " != " + a(1) : wrap(a(0) + " ^ " + a(1));
      })
      .Case([&](ModOp m) -> std::string {
        if (m.getFmod()) {
          if (isFloat)
            return math2("ts_fmod", args[0], args[1]);
          return a(1) + " == 0 ? " + zero + " : " + wrap(a(0) + " % " + a(1));
        }
        addHelper(e, kFloorModHelper);
        return std::string(isFloat ? "floorModFloat<" : "floorModInt<") + ct +
               ">(" + args[0] + ", " + args[1] + ")";
      })
      .Case([&](CompareOp c) {
        const char *ops[] = {" == ", " != ", " < ", " <= ", " > ", " >= "};
        return a(0) + ops[static_cast<unsigned>(c.getPredicate())] + a(1);
      })
      .Case([&](SelectOp) { return a(0) + " ? " + a(1) + " : " + a(2); })
      .Case([&](ClampOp) {
        // min(max(x, lo), hi): hi when lo > hi, as ONNX Clip.
        std::string low =
            "(" + a(0) + " < " + a(1) + " ? " + a(1) + " : " + a(0) + ")";
        return low + " > " + a(2) + " ? " + a(2) + " : " + low;
      })
      .Default([](Operation *) { return std::nullopt; });
}
