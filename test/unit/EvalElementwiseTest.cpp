// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reference evaluation of the binary and ternary elementwise ops (and one
// function evaluated end to end). Expected values are worked out by hand
// from the op semantics (NumPy broadcasting, IEEE round to nearest even,
// two's-complement wraparound) or computed with NumPy in float64 and
// rounded to the result type, as each comment says; none is copied from
// the evaluator's output.

#include "EvalOpTest.h"

#include <cmath>
#include <tuple>

using namespace mlir;
using namespace mlir::tessera;
using namespace tessera_test;

namespace {

using EvalElementwiseTest = EvalOpTest;

//===----------------------------------------------------------------------===//
// Broadcasting and precision
//===----------------------------------------------------------------------===//

TEST_F(EvalElementwiseTest, AddBroadcastsBothOperands) {
  // [[1], [2]] + [10, 20, 30] = [[11, 21, 31], [12, 22, 32]].
  HostTensor a = floats(DType::F32, {2, 1}, {1, 2});
  HostTensor b = floats(DType::F32, {3}, {10, 20, 30});
  auto op = builder.create<AddOp>(loc, arg(a), arg(b));
  expectExact(eval(op, {a, b}), DType::F32, {2, 3}, {11, 21, 31, 12, 22, 32});

  // A scalar broadcasts to anything: [1, 2] * 3 = [3, 6] (f64).
  HostTensor c = floats(DType::F64, {2}, {1, 2});
  HostTensor s = floats(DType::F64, {}, {3});
  auto mul = builder.create<MulOp>(loc, arg(c), arg(s));
  expectExact(eval(mul, {c, s}), DType::F64, {2}, {3, 6});
}

TEST_F(EvalElementwiseTest, HalfResultsRoundToNearestEven) {
  // f16 has 11 significant bits: between 2048 and 4096 only even integers
  // exist. 2048 + 1 = 2049 is a tie between 2048 and 2050 -> 2048 (even
  // significand); 2048 + 3 = 2051 ties between 2050 and 2052 -> 2052.
  HostTensor a = floats(DType::F16, {2}, {2048, 2048});
  HostTensor b = floats(DType::F16, {2}, {1, 3});
  auto op = builder.create<AddOp>(loc, arg(a), arg(b));
  expectExact(eval(op, {a, b}), DType::F16, {2}, {2048, 2052});

  // bf16 has 8 significant bits: 256 + 1 -> 256, 256 + 3 -> 260.
  HostTensor c = floats(DType::BF16, {2}, {256, 256});
  HostTensor d = floats(DType::BF16, {2}, {1, 3});
  auto bop = builder.create<AddOp>(loc, arg(c), arg(d));
  expectExact(eval(bop, {c, d}), DType::BF16, {2}, {256, 260});
}

TEST_F(EvalElementwiseTest, FunctionRoundsHalfAtEveryOpBoundary) {
  // (x + y) - x with x = 1, y = 2^-12: in f16 (ulp 2^-10 at 1) the sum
  // rounds back to 1, so the result is 0; in f32 the sum is exact and the
  // result is 2^-12. Evaluated through evaluateFunction.
  for (auto [type, dtype, expected] :
       {std::tuple{f16, DType::F16, 0.0},
        std::tuple{f32, DType::F32, std::ldexp(1.0, -12)}}) {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(module->getBody());
    auto tensorType = RankedTensorType::get({1}, type);
    auto f = builder.create<func::FuncOp>(
        loc, "round_trip_" + str(type),
        builder.getFunctionType({tensorType, tensorType}, {tensorType}));
    Block *block = f.addEntryBlock();
    builder.setInsertionPointToStart(block);
    Value x = block->getArgument(0), y = block->getArgument(1);
    Value sum = builder.create<AddOp>(loc, x, y);
    Value diff = builder.create<SubOp>(loc, sum, x);
    builder.create<func::ReturnOp>(loc, diff);
    ASSERT_TRUE(succeeded(verify(f)));
    FailureOr<SmallVector<HostTensor>> results =
        evaluateFunction(f, {floats(dtype, {1}, {1.0}),
                             floats(dtype, {1}, {std::ldexp(1.0, -12)})});
    ASSERT_TRUE(succeeded(results));
    expectExact((*results)[0], dtype, {1}, {expected});
  }
}

//===----------------------------------------------------------------------===//
// Integer arithmetic
//===----------------------------------------------------------------------===//

TEST_F(EvalElementwiseTest, IntegerArithmeticWraps) {
  // i8: 100 + 100 = 200 - 256 = -56; 100 + 27 = 127 (no wrap).
  HostTensor a = ints(DType::I8, {2}, {100, 100});
  HostTensor b = ints(DType::I8, {2}, {100, 27});
  expectInts(eval(builder.create<AddOp>(loc, arg(a), arg(b)), {a, b}),
             DType::I8, {2}, {-56, 127});
  // i8: 16 * 16 = 256 -> 0; -128 * -1 = 128 -> -128.
  HostTensor c = ints(DType::I8, {2}, {16, -128});
  HostTensor d = ints(DType::I8, {2}, {16, -1});
  expectInts(eval(builder.create<MulOp>(loc, arg(c), arg(d)), {c, d}),
             DType::I8, {2}, {0, -128});
  // i32: INT32_MAX + 1 = INT32_MIN; INT32_MIN - 1 = INT32_MAX.
  HostTensor e = ints(DType::I32, {2}, {kI32Max, kI32Min});
  HostTensor one = ints(DType::I32, {}, {1});
  expectInts(eval(builder.create<AddOp>(loc, arg(e), arg(one)), {e, one}),
             DType::I32, {2}, {kI32Min, kI32Min + 1});
  expectInts(eval(builder.create<SubOp>(loc, arg(e), arg(one)), {e, one}),
             DType::I32, {2}, {kI32Max - 1, kI32Max});
  // i64: INT64_MAX + 1 wraps to INT64_MIN; 2^62 * 4 = 2^64 -> 0; and values
  // above 2^53 stay exact: (2^53 + 1) + 2 = 2^53 + 3.
  int64_t big = (int64_t(1) << 53) + 1;
  HostTensor f = ints(DType::I64, {3}, {kI64Max, int64_t(1) << 62, big});
  HostTensor g = ints(DType::I64, {3}, {1, 4, 2});
  expectInts(eval(builder.create<AddOp>(loc, arg(f), arg(g)), {f, g}),
             DType::I64, {3}, {kI64Min, (int64_t(1) << 62) + 4, big + 2});
  expectInts(eval(builder.create<MulOp>(loc, arg(f), arg(g)), {f, g}),
             DType::I64, {3}, {kI64Max, 0, 2 * big});
}

TEST_F(EvalElementwiseTest, IntegerDivisionTruncatesTowardZero) {
  // C division: 7/2 = 3, -7/2 = -3, 7/-2 = -3, -7/-2 = 3; the i64 operands
  // broadcast from [4] and [4].
  HostTensor a = ints(DType::I64, {4}, {7, -7, 7, -7});
  HostTensor b = ints(DType::I64, {4}, {2, 2, -2, -2});
  expectInts(eval(builder.create<DivOp>(loc, arg(a), arg(b)), {a, b}),
             DType::I64, {4}, {3, -3, -3, 3});
}

TEST_F(EvalElementwiseTest, IntegerDivisionByZeroIsAnError) {
  HostTensor a = ints(DType::I32, {2, 2}, {7, 8, 9, 10});
  HostTensor b = ints(DType::I32, {2}, {1, 0});
  auto op = builder.create<DivOp>(loc, arg(a), arg(b));
  // The first zero divisor is at result index [0, 1] (8 / 0).
  EXPECT_EQ(evalError(op, {a, b}),
            Messages{"error: integer division by zero in 'tessera.div': "
                     "8 / 0 at result index [0, 1]"});
}

TEST_F(EvalElementwiseTest, IntegerDivisionOverflowIsAnError) {
  // -128 / -1 = 128 does not fit i8; neither does INT32_MIN / -1 in i32.
  HostTensor a = ints(DType::I8, {2}, {6, -128});
  HostTensor b = ints(DType::I8, {2}, {-1, -1});
  EXPECT_EQ(evalError(builder.create<DivOp>(loc, arg(a), arg(b)), {a, b}),
            Messages{"error: integer division overflow in 'tessera.div': "
                     "-128 / -1 at result index [1]"});
  HostTensor c = ints(DType::I32, {}, {kI32Min});
  HostTensor d = ints(DType::I32, {}, {-1});
  EXPECT_EQ(evalError(builder.create<DivOp>(loc, arg(c), arg(d)), {c, d}),
            Messages{"error: integer division overflow in 'tessera.div': "
                     "-2147483648 / -1 at result index []"});
  // INT32_MIN / 1 and / -2 are fine: -2147483648 and 1073741824.
  HostTensor e = ints(DType::I32, {2}, {1, -2});
  expectInts(eval(builder.create<DivOp>(loc, arg(c), arg(e)), {c, e}),
             DType::I32, {2}, {kI32Min, 1073741824});
}

TEST_F(EvalElementwiseTest, FloatDivisionFollowsIeee) {
  // 1/0 = inf, -1/0 = -inf, 0/0 = NaN, 1/-0 = -inf, 1/3 rounded to f32
  // (NumPy: float32(1/3) = 0.3333333432674408).
  HostTensor a = floats(DType::F32, {5}, {1, -1, 0, 1, 1});
  HostTensor b = floats(DType::F32, {5}, {0, 0, 0, -0.0, 3});
  expectExact(eval(builder.create<DivOp>(loc, arg(a), arg(b)), {a, b}),
              DType::F32, {5}, {kInf, -kInf, kNaN, -kInf, 0.3333333432674408});
}

TEST_F(EvalElementwiseTest, Pow) {
  // Integers multiply repeatedly and wrap: 2^10 = 1024, 3^0 = 1,
  // (-2)^3 = -8, 0^0 = 1 (i64); i8 2^7 = 128 -> -128; i32 3^21 =
  // 10460353203 -> 10460353203 - 2 * 2^32 = 1870418611 (NumPy int32 power).
  HostTensor a = ints(DType::I64, {4}, {2, 3, -2, 0});
  HostTensor b = ints(DType::I64, {4}, {10, 0, 3, 0});
  expectInts(eval(builder.create<PowOp>(loc, arg(a), arg(b)), {a, b}),
             DType::I64, {4}, {1024, 1, -8, 1});
  HostTensor c = ints(DType::I8, {1}, {2}), d = ints(DType::I8, {1}, {7});
  expectInts(eval(builder.create<PowOp>(loc, arg(c), arg(d)), {c, d}),
             DType::I8, {1}, {-128});
  HostTensor e = ints(DType::I32, {1}, {3}), g = ints(DType::I32, {1}, {21});
  expectInts(eval(builder.create<PowOp>(loc, arg(e), arg(g)), {e, g}),
             DType::I32, {1}, {1870418611});
  // Floats: 2^0.5 = float32(sqrt(2)) = 1.4142135381698608; (-8)^(1/3) is
  // NaN (negative base, non-integer exponent); 0^0 = 1; (-2)^3 = -8.
  HostTensor x = floats(DType::F32, {4}, {2, -8, 0, -2});
  HostTensor y = floats(DType::F32, {4}, {0.5, 1.0 / 3.0, 0, 3});
  expectExact(eval(builder.create<PowOp>(loc, arg(x), arg(y)), {x, y}),
              DType::F32, {4}, {1.4142135381698608, kNaN, 1, -8});
}

TEST_F(EvalElementwiseTest, IntegerPowWithNegativeExponentIsAnError) {
  HostTensor a = ints(DType::I32, {2}, {2, 2});
  HostTensor b = ints(DType::I32, {2}, {1, -1});
  EXPECT_EQ(evalError(builder.create<PowOp>(loc, arg(a), arg(b)), {a, b}),
            Messages{"error: negative integer exponent in 'tessera.pow': "
                     "2 ^ -1 at result index [1]"});
}

TEST_F(EvalElementwiseTest, MaxMinPropagateNaNAndOrderZeros) {
  // NaN on either side wins; max(-0, +0) = +0 and min(-0, +0) = -0 in both
  // operand orders (IEEE 754-2019 maximum/minimum).
  HostTensor a = floats(DType::F32, {5}, {kNaN, 1, -0.0, 0.0, -3});
  HostTensor b = floats(DType::F32, {5}, {1, kNaN, 0.0, -0.0, 2});
  expectExact(eval(builder.create<MaxOp>(loc, arg(a), arg(b)), {a, b}),
              DType::F32, {5}, {kNaN, kNaN, 0.0, 0.0, 2});
  expectExact(eval(builder.create<MinOp>(loc, arg(a), arg(b)), {a, b}),
              DType::F32, {5}, {kNaN, kNaN, -0.0, -0.0, -3});
  // Integers compare signed: max(-5, 3) = 3, min(-128, 127) = -128.
  HostTensor c = ints(DType::I8, {2}, {-5, -128});
  HostTensor d = ints(DType::I8, {2}, {3, 127});
  expectInts(eval(builder.create<MaxOp>(loc, arg(c), arg(d)), {c, d}),
             DType::I8, {2}, {3, 127});
  expectInts(eval(builder.create<MinOp>(loc, arg(c), arg(d)), {c, d}),
             DType::I8, {2}, {-5, -128});
}

TEST_F(EvalElementwiseTest, Mod) {
  // Python %: 5%3 = 2, -5%3 = 1, 5%-3 = -1, -5%-3 = -2 (NumPy np.mod);
  // fmod (C %): 2, -2, 2, -2 (np.fmod).
  HostTensor a = ints(DType::I32, {4}, {5, -5, 5, -5});
  HostTensor b = ints(DType::I32, {4}, {3, 3, -3, -3});
  expectInts(eval(builder.create<ModOp>(loc, arg(a), arg(b)), {a, b}),
             DType::I32, {4}, {2, 1, -1, -2});
  expectInts(
      eval(builder.create<ModOp>(loc, arg(a), arg(b), /*fmod=*/true), {a, b}),
      DType::I32, {4}, {2, -2, 2, -2});
  // INT64_MIN % -1 is 0 (not an overflow).
  HostTensor c = ints(DType::I64, {1}, {kI64Min});
  HostTensor d = ints(DType::I64, {1}, {-1});
  expectInts(eval(builder.create<ModOp>(loc, arg(c), arg(d)), {c, d}),
             DType::I64, {1}, {0});
  // Floats need fmod: fmod(5.5, 2) = 1.5, fmod(-5.5, 2) = -1.5,
  // fmod(5.5, -2) = 1.5, fmod(-5.5, -2) = -1.5 (np.fmod); x % 0 is NaN.
  HostTensor x = floats(DType::F64, {5}, {5.5, -5.5, 5.5, -5.5, 1});
  HostTensor y = floats(DType::F64, {5}, {2, 2, -2, -2, 0});
  expectExact(
      eval(builder.create<ModOp>(loc, arg(x), arg(y), /*fmod=*/true), {x, y}),
      DType::F64, {5}, {1.5, -1.5, 1.5, -1.5, kNaN});
}

TEST_F(EvalElementwiseTest, IntegerModByZeroIsAnError) {
  HostTensor a = ints(DType::I8, {2}, {7, 9});
  HostTensor b = ints(DType::I8, {}, {0});
  EXPECT_EQ(evalError(builder.create<ModOp>(loc, arg(a), arg(b)), {a, b}),
            Messages{"error: integer division by zero in 'tessera.mod': "
                     "7 % 0 at result index [0]"});
}

TEST_F(EvalElementwiseTest, BitwiseAndLogicalOps) {
  // i1: and/or/xor are logical; the truth table over (a, b) = (0,0), (0,1),
  // (1,0), (1,1).
  HostTensor p = ints(DType::I1, {4}, {0, 0, 1, 1});
  HostTensor q = ints(DType::I1, {4}, {0, 1, 0, 1});
  expectInts(eval(builder.create<AndOp>(loc, arg(p), arg(q)), {p, q}),
             DType::I1, {4}, {0, 0, 0, 1});
  expectInts(eval(builder.create<OrOp>(loc, arg(p), arg(q)), {p, q}), DType::I1,
             {4}, {0, 1, 1, 1});
  expectInts(eval(builder.create<XorOp>(loc, arg(p), arg(q)), {p, q}),
             DType::I1, {4}, {0, 1, 1, 0});
  expectInts(eval(builder.create<NotOp>(loc, arg(p)), {p}), DType::I1, {4},
             {1, 1, 0, 0});
  // i32 bitwise: 12 & 10 = 8, 12 | 10 = 14, 12 ^ 10 = 6; -1 & 5 = 5.
  HostTensor a = ints(DType::I32, {2}, {12, -1});
  HostTensor b = ints(DType::I32, {2}, {10, 5});
  expectInts(eval(builder.create<AndOp>(loc, arg(a), arg(b)), {a, b}),
             DType::I32, {2}, {8, 5});
  expectInts(eval(builder.create<OrOp>(loc, arg(a), arg(b)), {a, b}),
             DType::I32, {2}, {14, -1});
  expectInts(eval(builder.create<XorOp>(loc, arg(a), arg(b)), {a, b}),
             DType::I32, {2}, {6, -6});
  // i8 not: ~0 = -1, ~5 = -6, ~-1 = 0, ~127 = -128 (np.bitwise_not).
  HostTensor c = ints(DType::I8, {4}, {0, 5, -1, 127});
  expectInts(eval(builder.create<NotOp>(loc, arg(c)), {c}), DType::I8, {4},
             {-1, -6, 0, -128});
}

//===----------------------------------------------------------------------===//
// compare, select, clamp
//===----------------------------------------------------------------------===//

TEST_F(EvalElementwiseTest, CompareIsFalseWithNaNExceptNe) {
  // Columns: (1, 2), (2, 2), (NaN, 1), (NaN, NaN).
  HostTensor a = floats(DType::F32, {4}, {1, 2, kNaN, kNaN});
  HostTensor b = floats(DType::F32, {4}, {2, 2, 1, kNaN});
  auto run = [&](ComparePredicate predicate) {
    return intsOf(eval(
        builder.create<CompareOp>(loc, predicate, arg(a), arg(b)), {a, b}));
  };
  EXPECT_EQ(run(ComparePredicate::eq), (Ints{0, 1, 0, 0}));
  EXPECT_EQ(run(ComparePredicate::ne), (Ints{1, 0, 1, 1}));
  EXPECT_EQ(run(ComparePredicate::lt), (Ints{1, 0, 0, 0}));
  EXPECT_EQ(run(ComparePredicate::le), (Ints{1, 1, 0, 0}));
  EXPECT_EQ(run(ComparePredicate::gt), (Ints{0, 0, 0, 0}));
  EXPECT_EQ(run(ComparePredicate::ge), (Ints{0, 1, 0, 0}));
}

TEST_F(EvalElementwiseTest, CompareBroadcastsAndIsExactOnI64) {
  // 2^53 and 2^53 + 1 are the same double but different i64: lt is true.
  // [[2^53], [5]] < [2^53 + 1, 5] -> [[1, 0], [1, 0]]... element by element:
  // 2^53 < 2^53+1 = 1, 2^53 < 5 = 0, 5 < 2^53+1 = 1, 5 < 5 = 0.
  int64_t p53 = int64_t(1) << 53;
  HostTensor a = ints(DType::I64, {2, 1}, {p53, 5});
  HostTensor b = ints(DType::I64, {2}, {p53 + 1, 5});
  auto op =
      builder.create<CompareOp>(loc, ComparePredicate::lt, arg(a), arg(b));
  expectInts(eval(op, {a, b}), DType::I1, {2, 2}, {1, 0, 1, 0});
  // -0 == +0 for floats.
  HostTensor z = floats(DType::F16, {1}, {-0.0});
  HostTensor w = floats(DType::F16, {1}, {0.0});
  expectInts(
      eval(builder.create<CompareOp>(loc, ComparePredicate::eq, arg(z), arg(w)),
           {z, w}),
      DType::I1, {1}, {1});
}

TEST_F(EvalElementwiseTest, SelectBroadcastsAndCopiesExactly) {
  // condition [[1], [0]] (2x1), true [-0.0, NaN, 7] (3), false scalar 9:
  // row 0 takes the true values, row 1 the false value.
  HostTensor c = ints(DType::I1, {2, 1}, {1, 0});
  HostTensor t = floats(DType::F32, {3}, {-0.0, kNaN, 7});
  HostTensor f = floats(DType::F32, {}, {9});
  auto op = builder.create<SelectOp>(loc, arg(c), arg(t), arg(f));
  expectExact(eval(op, {c, t, f}), DType::F32, {2, 3},
              {-0.0, kNaN, 7, 9, 9, 9});
  // i64 values above 2^53 are copied, not converted.
  int64_t big = (int64_t(1) << 53) + 1;
  HostTensor c2 = ints(DType::I1, {2}, {0, 1});
  HostTensor t2 = ints(DType::I64, {2}, {big, big});
  HostTensor f2 = ints(DType::I64, {2}, {-big, -big});
  expectInts(eval(builder.create<SelectOp>(loc, arg(c2), arg(t2), arg(f2)),
                  {c2, t2, f2}),
             DType::I64, {2}, {-big, big});
}

TEST_F(EvalElementwiseTest, Clamp) {
  // clamp to [-1, 2]: -5 -> -1, 0.5 -> 0.5, 3 -> 2, NaN -> NaN.
  HostTensor x = floats(DType::F32, {2, 2}, {-5, 0.5, 3, kNaN});
  HostTensor lo = floats(DType::F32, {}, {-1});
  HostTensor hi = floats(DType::F32, {}, {2});
  auto op = builder.create<ClampOp>(loc, arg(x), arg(lo), arg(hi));
  expectExact(eval(op, {x, lo, hi}), DType::F32, {2, 2}, {-1, 0.5, 2, kNaN});
  // Per-column i8 bounds [0, -10] .. [5, 10]: [[-3, 20], [7, -20]] ->
  // [[0, 10], [5, -10]].
  HostTensor y = ints(DType::I8, {2, 2}, {-3, 20, 7, -20});
  HostTensor ylo = ints(DType::I8, {2}, {0, -10});
  HostTensor yhi = ints(DType::I8, {2}, {5, 10});
  expectInts(eval(builder.create<ClampOp>(loc, arg(y), arg(ylo), arg(yhi)),
                  {y, ylo, yhi}),
             DType::I8, {2, 2}, {0, 10, 5, -10});
}

} // namespace
