// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reference evaluation of the unary elementwise ops, gelu, is_nan, is_inf
// and cast. Expected values are worked out by hand from the op semantics
// (IEEE round to nearest even, two's-complement wraparound, C99 Annex F
// special values) or computed with NumPy in float64 and rounded to the
// result type, as each comment says; none is copied from the evaluator's
// output.

#include "EvalOpTest.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;
using namespace tessera_test;

namespace {

using EvalUnaryTest = EvalOpTest;

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

TEST_F(EvalUnaryTest, NegAbsSignReluFloatEdgeCases) {
  // Inputs: -2.5, -0, +0, inf, NaN.
  HostTensor x = floats(DType::F32, {5}, {-2.5, -0.0, 0.0, kInf, kNaN});
  expectExact(eval(builder.create<NegOp>(loc, arg(x)), {x}), DType::F32, {5},
              {2.5, 0.0, -0.0, -kInf, kNaN});
  expectExact(eval(builder.create<AbsOp>(loc, arg(x)), {x}), DType::F32, {5},
              {2.5, 0.0, 0.0, kInf, kNaN});
  // np.sign: -1, 0, 0, 1, NaN (both zeros give +0).
  expectExact(eval(builder.create<SignOp>(loc, arg(x)), {x}), DType::F32, {5},
              {-1, 0.0, 0.0, 1, kNaN});
  // relu = max(x, +0): 0, +0, +0, inf, NaN.
  expectExact(eval(builder.create<ReluOp>(loc, arg(x)), {x}), DType::F32, {5},
              {0.0, 0.0, 0.0, kInf, kNaN});
}

TEST_F(EvalUnaryTest, NegAbsSignReluIntegers) {
  // i8: neg/abs of -128 wrap to -128; sign is -1/0/1; relu clamps at 0.
  HostTensor x = ints(DType::I8, {4}, {-128, -3, 0, 7});
  expectInts(eval(builder.create<NegOp>(loc, arg(x)), {x}), DType::I8, {4},
             {-128, 3, 0, -7});
  expectInts(eval(builder.create<AbsOp>(loc, arg(x)), {x}), DType::I8, {4},
             {-128, 3, 0, 7});
  expectInts(eval(builder.create<SignOp>(loc, arg(x)), {x}), DType::I8, {4},
             {-1, -1, 0, 1});
  expectInts(eval(builder.create<ReluOp>(loc, arg(x)), {x}), DType::I8, {4},
             {0, 0, 0, 7});
  // i64 INT64_MIN negates to itself.
  HostTensor y = ints(DType::I64, {2}, {kI64Min, kI64Max});
  expectInts(eval(builder.create<NegOp>(loc, arg(y)), {y}), DType::I64, {2},
             {kI64Min, -kI64Max});
}

TEST_F(EvalUnaryTest, TranscendentalF32) {
  // Expected: NumPy in float64, rounded to float32, on x = [-1.5, 0.25, 2].
  HostTensor x = floats(DType::F32, {3}, {-1.5, 0.25, 2.0});
  auto check = [&](Operation *op, const Doubles &expected) {
    HostTensor r = eval(op, {x});
    EXPECT_EQ(r.dtype(), DType::F32);
    expectNearF32(r, expected);
  };
  Value v = arg(x);
  check(builder.create<ExpOp>(loc, v),
        {0.22313016653060913, 1.2840254306793213, 7.389056205749512});
  check(builder.create<TanhOp>(loc, v),
        {-0.9051482677459717, 0.24491865932941437, 0.9640275835990906});
  check(builder.create<SigmoidOp>(loc, v),
        {0.18242552876472473, 0.562176525592804, 0.8807970881462097});
  check(builder.create<ErfOp>(loc, v),
        {-0.9661051630973816, 0.27632638812065125, 0.9953222870826721});
  check(builder.create<SinOp>(loc, v),
        {-0.9974949955940247, 0.24740396440029144, 0.9092974066734314});
  check(builder.create<AtanOp>(loc, v),
        {-0.9827937483787537, 0.244978666305542, 1.1071487665176392});
  check(builder.create<SinhOp>(loc, v),
        {-2.129279375076294, 0.25261232256889343, 3.6268603801727295});
  check(builder.create<AsinhOp>(loc, v),
        {-1.19476318359375, 0.24746645987033844, 1.4436354637145996});
  // gelu (erf) and its tanh approximation, NumPy formulas of the ODS.
  check(builder.create<GeluOp>(loc, v),
        {-0.10021080076694489, 0.14967657625675201, 1.9544997215270996});
  check(builder.create<GeluOp>(loc, v, GeluApproximation::tanh),
        {-0.10042842477560043, 0.14967535436153412, 1.9545977115631104});
}

TEST_F(EvalUnaryTest, TranscendentalF32PositiveDomain) {
  // NumPy in float64 rounded to float32, on y = [0.25, 1, 4] (acosh on
  // y + 1 = [1.25, 2, 5]; asin, acos, atanh on z = [-0.5, 0, 0.75]).
  HostTensor y = floats(DType::F32, {3}, {0.25, 1.0, 4.0});
  HostTensor y1 = floats(DType::F32, {3}, {1.25, 2.0, 5.0});
  HostTensor z = floats(DType::F32, {3}, {-0.5, 0.0, 0.75});
  Value vy = arg(y), vy1 = arg(y1), vz = arg(z);
  auto check = [&](Operation *op, const HostTensor &in,
                   const Doubles &expected) {
    expectNearF32(eval(op, {in}), expected);
  };
  check(builder.create<LogOp>(loc, vy), y,
        {-1.3862943649291992, 0.0, 1.3862943649291992});
  check(builder.create<SqrtOp>(loc, vy), y, {0.5, 1.0, 2.0});
  check(builder.create<RsqrtOp>(loc, vy), y, {2.0, 1.0, 0.5});
  check(builder.create<ReciprocalOp>(loc, vy), y, {4.0, 1.0, 0.25});
  check(builder.create<CosOp>(loc, vy), y,
        {0.9689124226570129, 0.5403022766113281, -0.6536436080932617});
  check(builder.create<TanOp>(loc, vy), y,
        {0.25534191727638245, 1.5574077367782593, 1.1578212976455688});
  check(builder.create<CoshOp>(loc, vy), y,
        {1.0314130783081055, 1.5430806875228882, 27.3082332611084});
  check(builder.create<AcoshOp>(loc, vy1), y1,
        {0.6931471824645996, 1.316957950592041, 2.292431592941284});
  check(builder.create<AsinOp>(loc, vz), z,
        {-0.5235987901687622, 0.0, 0.8480620980262756});
  check(builder.create<AcosOp>(loc, vz), z,
        {2.094395160675049, 1.5707963705062866, 0.722734272480011});
  check(builder.create<AtanhOp>(loc, vz), z,
        {-0.5493061542510986, 0.0, 0.972955048084259});
}

TEST_F(EvalUnaryTest, DomainEdgesGiveInfAndNaN) {
  // log(0) = -inf, log(-1) = NaN, sqrt(-1) = NaN, rsqrt(0) = inf,
  // reciprocal(-0) = -inf, exp(-inf) = 0, sigmoid(-inf) = 0, tanh(inf) = 1
  // (C99 Annex F).
  HostTensor a = floats(DType::F64, {2}, {0.0, -1.0});
  expectExact(eval(builder.create<LogOp>(loc, arg(a)), {a}), DType::F64, {2},
              {-kInf, kNaN});
  expectExact(eval(builder.create<SqrtOp>(loc, arg(a)), {a}), DType::F64, {2},
              {0.0, kNaN});
  expectExact(eval(builder.create<RsqrtOp>(loc, arg(a)), {a}), DType::F64, {2},
              {kInf, kNaN});
  HostTensor b = floats(DType::F64, {1}, {-0.0});
  expectExact(eval(builder.create<ReciprocalOp>(loc, arg(b)), {b}), DType::F64,
              {1}, {-kInf});
  HostTensor c = floats(DType::F32, {2}, {-kInf, kInf});
  expectExact(eval(builder.create<ExpOp>(loc, arg(c)), {c}), DType::F32, {2},
              {0.0, kInf});
  expectExact(eval(builder.create<SigmoidOp>(loc, arg(c)), {c}), DType::F32,
              {2}, {0.0, 1.0});
  expectExact(eval(builder.create<TanhOp>(loc, arg(c)), {c}), DType::F32, {2},
              {-1.0, 1.0});
}

TEST_F(EvalUnaryTest, HalfTranscendentalRoundsToHalf) {
  // exp on f16 [0.5, -2, 3]: NumPy float16(exp(x)) = [1.6484375,
  // 0.1353759765625, 20.078125] (e^0.5 = 1.64872 lies between the f16
  // neighbours 1.6474609375 and 1.6484375).
  HostTensor x = floats(DType::F16, {3}, {0.5, -2.0, 3.0});
  expectExact(eval(builder.create<ExpOp>(loc, arg(x)), {x}), DType::F16, {3},
              {1.6484375, 0.1353759765625, 20.078125});
  // bf16 sqrt(2) = 1.4142135 -> 1.4140625 (8 significant bits: neighbours
  // 1.4140625 and 1.421875).
  HostTensor y = floats(DType::BF16, {1}, {2.0});
  expectExact(eval(builder.create<SqrtOp>(loc, arg(y)), {y}), DType::BF16, {1},
              {1.4140625});
}

TEST_F(EvalUnaryTest, FloorCeilRoundHalfToEven) {
  HostTensor x =
      floats(DType::F32, {8}, {0.5, 1.5, 2.5, -0.5, -2.5, 2.4, -2.6, kNaN});
  // np.round: half to even, and -0.5 rounds to -0.
  expectExact(eval(builder.create<RoundOp>(loc, arg(x)), {x}), DType::F32, {8},
              {0.0, 2, 2, -0.0, -2, 2, -3, kNaN});
  expectExact(eval(builder.create<FloorOp>(loc, arg(x)), {x}), DType::F32, {8},
              {0, 1, 2, -1, -3, 2, -3, kNaN});
  // ceil(-0.5) = -0.
  expectExact(eval(builder.create<CeilOp>(loc, arg(x)), {x}), DType::F32, {8},
              {1, 2, 3, -0.0, -2, 3, -2, kNaN});
}

TEST_F(EvalUnaryTest, IsNanAndIsInf) {
  HostTensor x = floats(DType::BF16, {4}, {1, kNaN, kInf, -kInf});
  expectInts(eval(builder.create<IsNanOp>(loc, arg(x)), {x}), DType::I1, {4},
             {0, 1, 0, 0});
  expectInts(eval(builder.create<IsInfOp>(loc, arg(x)), {x}), DType::I1, {4},
             {0, 0, 1, 1});
  expectInts(eval(builder.create<IsInfOp>(loc, arg(x), /*detect_positive=*/true,
                                          /*detect_negative=*/false),
                  {x}),
             DType::I1, {4}, {0, 0, 1, 0});
  expectInts(
      eval(builder.create<IsInfOp>(loc, arg(x), /*detect_positive=*/false,
                                   /*detect_negative=*/true),
           {x}),
      DType::I1, {4}, {0, 0, 0, 1});
}

//===----------------------------------------------------------------------===//
// cast
//===----------------------------------------------------------------------===//

TEST_F(EvalUnaryTest, CastFloatToIntTruncatesAndSaturates) {
  // Toward zero, saturating at the width, NaN -> 0; inf saturates too.
  HostTensor x =
      floats(DType::F32, {7}, {2.7, -2.7, kNaN, 3e9, -3e9, kInf, -0.5});
  expectInts(eval(builder.create<CastOp>(loc, arg(x), i32), {x}), DType::I32,
             {7}, {2, -2, 0, kI32Max, kI32Min, kI32Max, 0});
  HostTensor y = floats(DType::F64, {4}, {300, -300, 127.9, -128.9});
  expectInts(eval(builder.create<CastOp>(loc, arg(y), i8), {y}), DType::I8, {4},
             {127, -128, 127, -128});
  // 1e19 > 2^63 and -1e19 < -2^63 saturate; 2^62 is exact.
  HostTensor z = floats(DType::F64, {3}, {1e19, -1e19, std::ldexp(1.0, 62)});
  expectInts(eval(builder.create<CastOp>(loc, arg(z), i64), {z}), DType::I64,
             {3}, {kI64Max, kI64Min, int64_t(1) << 62});
}

TEST_F(EvalUnaryTest, CastToAndFromBool) {
  // To i1 is x != 0: 0 and -0 are false, 0.5 and NaN true.
  HostTensor x = floats(DType::F32, {4}, {0.0, -0.0, 0.5, kNaN});
  expectInts(eval(builder.create<CastOp>(loc, arg(x), i1), {x}), DType::I1, {4},
             {0, 0, 1, 1});
  HostTensor n = ints(DType::I32, {3}, {0, -7, 256});
  expectInts(eval(builder.create<CastOp>(loc, arg(n), i1), {n}), DType::I1, {3},
             {0, 1, 1});
  // From i1: 0 / 1 (not -1).
  HostTensor b = ints(DType::I1, {2}, {1, 0});
  expectExact(eval(builder.create<CastOp>(loc, arg(b), f16), {b}), DType::F16,
              {2}, {1, 0});
  expectInts(eval(builder.create<CastOp>(loc, arg(b), i8), {b}), DType::I8, {2},
             {1, 0});
}

TEST_F(EvalUnaryTest, CastBetweenIntegersWrapsOrExtends) {
  // i64 -> i8 keeps the low byte: 300 = 0x12c -> 0x2c = 44; -129 -> 127;
  // 2^32 + 5 -> i32 5. i8 -> i64 sign-extends -5.
  HostTensor a = ints(DType::I64, {2}, {300, -129});
  expectInts(eval(builder.create<CastOp>(loc, arg(a), i8), {a}), DType::I8, {2},
             {44, 127});
  HostTensor b = ints(DType::I64, {1}, {(int64_t(1) << 32) + 5});
  expectInts(eval(builder.create<CastOp>(loc, arg(b), i32), {b}), DType::I32,
             {1}, {5});
  HostTensor c = ints(DType::I8, {1}, {-5});
  expectInts(eval(builder.create<CastOp>(loc, arg(c), i64), {c}), DType::I64,
             {1}, {-5});
}

TEST_F(EvalUnaryTest, CastToFloatRoundsOnce) {
  // i64 2^60 + 2^36 + 1 -> f32: the f32 neighbours are 2^60 and 2^60 + 2^37;
  // the value is just above the midpoint, so it rounds up to
  // 1152921642045800448. Through double it would first lose the +1, tie,
  // and round to even 2^60.
  int64_t v = (int64_t(1) << 60) + (int64_t(1) << 36) + 1;
  HostTensor a = ints(DType::I64, {1}, {v});
  expectExact(eval(builder.create<CastOp>(loc, arg(a), f32), {a}), DType::F32,
              {1}, {1152921642045800448.0});
  // i32 2^24 + 2^16 + 1 -> bf16: neighbours 2^24 and 2^24 + 2^17, just
  // above the midpoint -> 16908288 (via float: tie -> 2^24).
  HostTensor b = ints(DType::I32, {1}, {(1 << 24) + (1 << 16) + 1});
  expectExact(eval(builder.create<CastOp>(loc, arg(b), bf16), {b}), DType::BF16,
              {1}, {16908288.0});
  // f64 1 + 2^-11 + 2^-40 -> f16: neighbours 1 and 1 + 2^-10, above the
  // midpoint -> 1.0009765625 (via float: tie -> 1).
  HostTensor c = floats(DType::F64, {1},
                        {1 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40)});
  expectExact(eval(builder.create<CastOp>(loc, arg(c), f16), {c}), DType::F16,
              {1}, {1.0009765625});
  // f32 -> f16 overflow: 65519 -> 65504 (below the midpoint 65520), 65520
  // -> inf; NaN stays NaN; -0 stays -0. i64 2^53 + 1 -> f64 ties to 2^53.
  HostTensor d = floats(DType::F32, {4}, {65519, 65520, kNaN, -0.0});
  expectExact(eval(builder.create<CastOp>(loc, arg(d), f16), {d}), DType::F16,
              {4}, {65504, kInf, kNaN, -0.0});
  HostTensor e = ints(DType::I64, {1}, {(int64_t(1) << 53) + 1});
  expectExact(eval(builder.create<CastOp>(loc, arg(e), f64), {e}), DType::F64,
              {1}, {std::ldexp(1.0, 53)});
  // f16 -> f32 is exact: 0.1 in f16 is 0.0999755859375.
  HostTensor h = floats(DType::F16, {1}, {0.1});
  expectExact(eval(builder.create<CastOp>(loc, arg(h), f32), {h}), DType::F32,
              {1}, {0.0999755859375});
}

} // namespace
