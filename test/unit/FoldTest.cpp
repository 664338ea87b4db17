// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Folds of the tessera ops through the C++ API (Operation::fold,
// OpBuilder::createOrFold and the greedy pattern driver). Expected values
// are computed by hand from the op semantics (NumPy broadcasting, C integer
// division, IEEE round-to-nearest-even), never copied from the folder.

#include "ir/ConstantFold.h"
#include "ir/TesseraOps.h"

#include "TestIR.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/APFloat.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

using namespace mlir;
using namespace mlir::tessera;

namespace {

using Doubles = std::vector<double>;
using Ints = std::vector<int64_t>;

/// The elements of a dense float attribute, as doubles.
Doubles floatsOf(DenseElementsAttr attr) {
  Doubles values;
  for (const APFloat &v : attr.getValues<APFloat>())
    values.push_back(v.convertToDouble());
  return values;
}

/// The elements of a dense integer attribute, sign-extended (i1 as 0 / 1).
Ints intsOf(DenseElementsAttr attr) {
  Ints values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getBitWidth() == 1 ? int64_t(v.getZExtValue())
                                          : v.getSExtValue());
  return values;
}

/// Folding must never report anything: no test takes a diagnostic, so the
/// fixture's TearDown fails on any.
class FoldTest : public tessera_test::IRTest {
protected:
  /// A dense float attribute; a single value makes a splat.
  DenseElementsAttr floatAttr(ArrayRef<int64_t> shape, Type elementType,
                              ArrayRef<double> values) {
    auto type = RankedTensorType::get(shape, elementType);
    SmallVector<APFloat> elements;
    for (double v : values) {
      APFloat f(v);
      bool losesInfo = false;
      f.convert(cast<FloatType>(elementType).getFloatSemantics(),
                APFloat::rmNearestTiesToEven, &losesInfo);
      elements.push_back(f);
    }
    return DenseElementsAttr::get(type, elements);
  }

  /// A dense integer attribute; a single value makes a splat.
  DenseElementsAttr intAttr(ArrayRef<int64_t> shape, Type elementType,
                            ArrayRef<int64_t> values) {
    auto type = RankedTensorType::get(shape, elementType);
    unsigned width = elementType.getIntOrFloatBitWidth();
    SmallVector<APInt> elements;
    for (int64_t v : values)
      elements.push_back(APInt(width, v, /*isSigned=*/width > 1));
    return DenseElementsAttr::get(type, elements);
  }

  Value constant(DenseElementsAttr value) {
    return builder.create<ConstantOp>(loc, cast<ElementsAttr>(value));
  }
  Value floats(ArrayRef<int64_t> shape, Type elementType,
               ArrayRef<double> values) {
    return constant(floatAttr(shape, elementType, values));
  }
  Value ints(ArrayRef<int64_t> shape, Type elementType,
             ArrayRef<int64_t> values) {
    return constant(intAttr(shape, elementType, values));
  }

  /// Folds |op| once; null if it does not fold. An in-place fold yields the
  /// op's own result.
  OpFoldResult foldOnce(Operation *op) {
    SmallVector<OpFoldResult> results;
    if (failed(op->fold(results)))
      return {};
    if (results.empty())
      return op->getResult(0);
    EXPECT_EQ(results.size(), 1u);
    return results.front();
  }

  /// True if folding |op| once replaces it (by a constant or another value);
  /// false if it does not fold or only updates itself in place (e.g. a
  /// commutative op moving a constant operand to the right).
  bool foldsAway(Operation *op) {
    OpFoldResult result = foldOnce(op);
    return result && dyn_cast_if_present<Value>(result) != op->getResult(0);
  }

  /// Folds |op| once and returns the dense constant it folds to, or null.
  DenseElementsAttr foldToDense(Operation *op) {
    return dyn_cast_if_present<DenseElementsAttr>(
        dyn_cast_if_present<Attribute>(foldOnce(op)));
  }

  /// The value of the tessera.constant defining |value|, or null.
  static DenseElementsAttr constantValue(Value value) {
    auto op = value.getDefiningOp<ConstantOp>();
    return op ? dyn_cast<DenseElementsAttr>(op.getValue()) : nullptr;
  }

  /// Returns |results| from the function and runs the greedy folder and the
  /// canonicalization patterns of the tessera ops over the module.
  void finishAndSimplify(ArrayRef<Value> results) {
    finish(results);
    RewritePatternSet patterns(&context);
    for (RegisteredOperationName name : context.getRegisteredOperations())
      if (name.getDialectNamespace() == "tessera")
        name.getCanonicalizationPatterns(patterns, &context);
    ASSERT_TRUE(succeeded(
        applyPatternsAndFoldGreedily(module->getOperation(),
                                     std::move(patterns))));
    EXPECT_TRUE(succeeded(verify(*module)));
  }

  /// The values the function returns.
  ValueRange returned() {
    return cast<func::ReturnOp>(func.getBody().front().getTerminator())
        .getOperands();
  }

  /// Names of the ops left in the function body, terminator excluded.
  std::vector<std::string> bodyOps() {
    std::vector<std::string> names;
    for (Operation &op : func.getBody().front().without_terminator())
      names.push_back(op.getName().getStringRef().str());
    return names;
  }
};

//===----------------------------------------------------------------------===//
// Binary arithmetic on constants
//===----------------------------------------------------------------------===//

TEST_F(FoldTest, AddOfTwoConstants) {
  // [[1,2],[3,4]] + [[10,20],[30,40]] = [[11,22],[33,44]].
  Value sum = builder.createOrFold<AddOp>(
      loc, floats({2, 2}, f32, {1, 2, 3, 4}),
      floats({2, 2}, f32, {10, 20, 30, 40}));
  DenseElementsAttr value = constantValue(sum);
  ASSERT_TRUE(value);
  EXPECT_EQ(str(value.getType()), "tensor<2x2xf32>");
  EXPECT_EQ(floatsOf(value), Doubles({11, 22, 33, 44}));
}

TEST_F(FoldTest, AddBroadcastsConstants) {
  Value m = floats({2, 2}, f32, {1, 2, 3, 4});
  Value row = floats({2}, f32, {100, 200});
  Value column = floats({2, 1}, f32, {1, 2});
  // Every case folds to a tensor<2x2xf32>, row-major.
  struct {
    Operation *op;
    Doubles expected;
  } cases[] = {
      // Each row gets [100, 200]: [[101, 202], [103, 204]].
      {builder.create<AddOp>(loc, m, row), {101, 202, 103, 204}},
      // Same with the smaller operand first.
      {builder.create<AddOp>(loc, row, m), {101, 202, 103, 204}},
      // [2,1] column + [2] row: out[i][j] = col[i] + row[j]
      // = [[1+10, 1+20], [2+10, 2+20]].
      {builder.create<AddOp>(loc, column, floats({2}, f32, {10, 20})),
       {11, 21, 12, 22}},
      // Operand order matters for sub: [100,200] - [[1,2],[3,4]].
      {builder.create<SubOp>(loc, row, m), {99, 198, 97, 196}},
  };
  for (size_t i = 0; i < std::size(cases); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    DenseElementsAttr value = foldToDense(cases[i].op);
    ASSERT_TRUE(value);
    EXPECT_EQ(str(value.getType()), "tensor<2x2xf32>");
    EXPECT_EQ(floatsOf(value), cases[i].expected);
  }
}

TEST_F(FoldTest, IntegerDivisionTruncatesTowardZero) {
  // C semantics: -7/2 = -3 (not floor's -4), 7/-2 = -3, -7/-2 = 3.
  DenseElementsAttr value = foldToDense(builder.create<DivOp>(
      loc, ints({6}, i32, {-7, 7, -7, 7, 0, 6}),
      ints({6}, i32, {2, 2, -2, -2, 5, 3})));
  ASSERT_TRUE(value);
  EXPECT_EQ(str(value.getType()), "tensor<6xi32>");
  EXPECT_EQ(intsOf(value), Ints({-3, 3, 3, -3, 0, 2}));
  // i8 too: -128 / 2 = -64, 127 / -1 = -127.
  value = foldToDense(builder.create<DivOp>(loc, ints({2}, i8, {-128, 127}),
                                            ints({2}, i8, {2, -1})));
  ASSERT_TRUE(value);
  EXPECT_EQ(intsOf(value), Ints({-64, -127}));
}

TEST_F(FoldTest, IntegerDivisionByZeroIsNotFolded) {
  auto div = builder.create<DivOp>(loc, ints({2}, i32, {6, 1}),
                                   ints({2}, i32, {0, 1}));
  EXPECT_FALSE(foldsAway(div));
  // A splat zero divisor.
  auto splatZero =
      builder.create<DivOp>(loc, ints({3}, i64, {1, 2, 3}), ints({3}, i64, {0}));
  EXPECT_FALSE(foldsAway(splatZero));
  // INT_MIN / -1 overflows.
  auto overflow = builder.create<DivOp>(
      loc, ints({1}, i32, {std::numeric_limits<int32_t>::min()}),
      ints({1}, i32, {-1}));
  EXPECT_FALSE(foldsAway(overflow));
  // createOrFold keeps the op.
  Value kept = builder.createOrFold<DivOp>(loc, ints({2}, i32, {6, 1}),
                                           ints({2}, i32, {0, 1}));
  EXPECT_TRUE(kept.getDefiningOp<DivOp>());
}

TEST_F(FoldTest, FloatDivisionByZeroIsIEEE) {
  DenseElementsAttr value = foldToDense(builder.create<DivOp>(
      loc, floats({2}, f32, {1, -1}), floats({2}, f32, {0})));
  ASSERT_TRUE(value);
  double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(floatsOf(value), Doubles({inf, -inf}));
}

//===----------------------------------------------------------------------===//
// Casts
//===----------------------------------------------------------------------===//

TEST_F(FoldTest, CastFloatToIntTruncatesTowardZero) {
  Value x = floats({4}, f32, {2.9, -2.9, 0.5, -0.5});
  // Truncation toward zero: 2, -2, 0, 0 (rounding would give 3, -3;
  // floor would give -3 and -1 for the negative values).
  DenseElementsAttr value = foldToDense(builder.create<CastOp>(loc, x, i32));
  ASSERT_TRUE(value);
  EXPECT_EQ(str(value.getType()), "tensor<4xi32>");
  EXPECT_EQ(intsOf(value), Ints({2, -2, 0, 0}));
  // Saturating: 3e9 and -3e9 are outside i32.
  value = foldToDense(
      builder.create<CastOp>(loc, floats({2}, f32, {3e9, -3e9}), i32));
  ASSERT_TRUE(value);
  EXPECT_EQ(intsOf(value), Ints({2147483647, -2147483648LL}));
  // i8: 300.5 -> 127, -1000 -> -128, 99.99 -> 99.
  value = foldToDense(builder.create<CastOp>(
      loc, floats({3}, f32, {300.5, -1000, 99.990234375}), i8));
  ASSERT_TRUE(value);
  EXPECT_EQ(intsOf(value), Ints({127, -128, 99}));
}

TEST_F(FoldTest, CastToBoolIsNonZero) {
  // x != 0, not truncation to the low bit (2 and 256 would give 0).
  DenseElementsAttr value = foldToDense(builder.create<CastOp>(
      loc, ints({5}, i32, {0, 1, 2, -1, 256}), i1));
  ASSERT_TRUE(value);
  EXPECT_EQ(str(value.getType()), "tensor<5xi1>");
  EXPECT_EQ(intsOf(value), Ints({0, 1, 1, 1, 1}));
  // Floats: 0.25 and -0.0 -> 1 and 0.
  value = foldToDense(builder.create<CastOp>(
      loc, floats({3}, f32, {0.25, -0.0, 0.0}), i1));
  ASSERT_TRUE(value);
  EXPECT_EQ(intsOf(value), Ints({1, 0, 0}));
}

TEST_F(FoldTest, CastFromBool) {
  Value b = ints({2}, i1, {1, 0});
  // true is 1.0 (not -1.0 from a sign extension).
  DenseElementsAttr value = foldToDense(builder.create<CastOp>(loc, b, f32));
  ASSERT_TRUE(value);
  EXPECT_EQ(str(value.getType()), "tensor<2xf32>");
  EXPECT_EQ(floatsOf(value), Doubles({1.0, 0.0}));
  value = foldToDense(builder.create<CastOp>(loc, b, i32));
  ASSERT_TRUE(value);
  EXPECT_EQ(intsOf(value), Ints({1, 0}));
}

TEST_F(FoldTest, CastBetweenIntegers) {
  // Truncation keeps the low 8 bits: 300 = 0x12C -> 0x2C = 44;
  // -129 = 0x...FF7F -> 0x7F = 127.
  DenseElementsAttr value = foldToDense(builder.create<CastOp>(
      loc, ints({3}, i32, {300, -129, 127}), i8));
  ASSERT_TRUE(value);
  EXPECT_EQ(intsOf(value), Ints({44, 127, 127}));
  // Sign extension: -5 stays -5.
  value = foldToDense(
      builder.create<CastOp>(loc, ints({2}, i8, {-5, 100}), i64));
  ASSERT_TRUE(value);
  EXPECT_EQ(str(value.getType()), "tensor<2xi64>");
  EXPECT_EQ(intsOf(value), Ints({-5, 100}));
}

TEST_F(FoldTest, CastInt64ToF32RoundsOnce) {
  // 2^60 + 2^36 + 1: f32 keeps 24 significant bits, so near 2^60 its spacing
  // is 2^37, and 2^36 + 1 is just above half of it: the correctly rounded
  // value is 2^60 + 2^37. (Rounding to double first would drop the +1 and
  // then round the tie 2^60 + 2^36 to even, 2^60.)
  int64_t big = (int64_t(1) << 60) + (int64_t(1) << 36) + 1;
  DenseElementsAttr value =
      foldToDense(builder.create<CastOp>(loc, ints({1}, i64, {big}), f32));
  ASSERT_TRUE(value);
  EXPECT_EQ(floatsOf(value),
            Doubles({std::ldexp(1.0, 60) + std::ldexp(1.0, 37)}));
}

TEST_F(FoldTest, CastToF16RoundsToNearestEven) {
  // f16 has 10 fraction bits: near 1.0 its spacing is 2^-10.
  // 1 + 2^-11 is a tie between 1 and 1 + 2^-10: even mantissa -> 1.0.
  // 1 + 3 * 2^-11 is a tie between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
  DenseElementsAttr value = foldToDense(builder.create<CastOp>(
      loc,
      floats({3}, f32,
             {1 + std::ldexp(1.0, -11), 1 + 3 * std::ldexp(1.0, -11),
              1 + std::ldexp(1.0, -10)}),
      f16));
  ASSERT_TRUE(value);
  EXPECT_EQ(floatsOf(value),
            Doubles({1.0, 1 + std::ldexp(1.0, -9), 1 + std::ldexp(1.0, -10)}));
}

TEST_F(FoldTest, CastToTheSameTypeFoldsToTheInput) {
  Value x = arg({3}, f32);
  auto cast = builder.create<CastOp>(loc, x, f32);
  OpFoldResult result = foldOnce(cast);
  EXPECT_TRUE(dyn_cast_if_present<Value>(result) == x);
}

//===----------------------------------------------------------------------===//
// Rounding of narrow float results
//===----------------------------------------------------------------------===//

TEST_F(FoldTest, F16AdditionRoundsTiesToEven) {
  // 1 + 2^-11 = halfway between 1.0 and the next f16 (1 + 2^-10): ties go to
  // the even mantissa, 1.0. 1 + 3*2^-11 is halfway between 1 + 2^-10 (odd)
  // and 1 + 2^-9 (even): 1 + 2^-9. 1 + 2^-10 is exact.
  Value ones = floats({3}, f16, {1.0});
  Value deltas = floats({3}, f16,
                        {std::ldexp(1.0, -11), 3 * std::ldexp(1.0, -11),
                         std::ldexp(1.0, -10)});
  DenseElementsAttr value =
      foldToDense(builder.create<AddOp>(loc, ones, deltas));
  ASSERT_TRUE(value);
  EXPECT_EQ(str(value.getType()), "tensor<3xf16>");
  EXPECT_EQ(floatsOf(value),
            Doubles({1.0, 1 + std::ldexp(1.0, -9), 1 + std::ldexp(1.0, -10)}));
}

TEST_F(FoldTest, BF16AdditionRoundsTiesToEven) {
  // bf16 has 7 fraction bits: spacing 2^-7 near 1. 1 + 2^-8 -> 1.0;
  // 1 + 3*2^-8 -> 1 + 2^-6.
  DenseElementsAttr value = foldToDense(builder.create<AddOp>(
      loc, floats({2}, bf16, {1.0}),
      floats({2}, bf16, {std::ldexp(1.0, -8), 3 * std::ldexp(1.0, -8)})));
  ASSERT_TRUE(value);
  EXPECT_EQ(floatsOf(value), Doubles({1.0, 1 + std::ldexp(1.0, -6)}));
}

TEST_F(FoldTest, F16OverflowBecomesInfinity) {
  // 65504 is the largest f16; 65504 + 65504 overflows to +inf.
  DenseElementsAttr value = foldToDense(builder.create<AddOp>(
      loc, floats({1}, f16, {65504}), floats({1}, f16, {65504})));
  ASSERT_TRUE(value);
  EXPECT_EQ(floatsOf(value), Doubles({std::numeric_limits<double>::infinity()}));
}

//===----------------------------------------------------------------------===//
// Identities
//===----------------------------------------------------------------------===//

TEST_F(FoldTest, MulBySplatOneReturnsTheOtherOperand) {
  Value x = arg({2, 3}, f32);
  // Same shape, on either side.
  auto right = builder.create<MulOp>(loc, x, floats({2, 3}, f32, {1.0}));
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(right)) == x);
  auto left = builder.create<MulOp>(loc, floats({2, 3}, f32, {1.0}), x);
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(left)) == x);
  // A smaller splat 1 that broadcasts into x's shape does not change x.
  auto smaller = builder.create<MulOp>(loc, x, floats({3}, f32, {1.0}));
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(smaller)) == x);
  // Integers.
  Value n = arg({4}, i32);
  auto intMul = builder.create<MulOp>(loc, ints({4}, i32, {1}), n);
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(intMul)) == n);
  // createOrFold replaces the op by x itself.
  EXPECT_TRUE(builder.createOrFold<MulOp>(loc, x, floats({}, f32, {1.0})) == x);
  // A splat 2 is no identity; a non-splat of ones neither needs to be.
  auto two = builder.create<MulOp>(loc, x, floats({2, 3}, f32, {2.0}));
  EXPECT_FALSE(foldsAway(two));
}

TEST_F(FoldTest, IdentityThatWouldBroadcastIsNotFolded) {
  // n + 0 is n only when 0 does not broadcast n to a larger shape: with n: [3]
  // and 0: [2,3] the sum is [2,3].
  Value n = arg({3}, i32);
  auto add = builder.create<AddOp>(loc, n, ints({2, 3}, i32, {0}));
  EXPECT_EQ(str(add.getType()), "tensor<2x3xi32>");
  EXPECT_FALSE(foldsAway(add));
  auto addLeft = builder.create<AddOp>(loc, ints({2, 3}, i32, {0}), n);
  EXPECT_FALSE(foldsAway(addLeft));
  // The same-shape (or smaller) n + 0 does fold, on either side.
  auto same = builder.create<AddOp>(loc, n, ints({3}, i32, {0}));
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(same)) == n);
  auto scalarLeft = builder.create<AddOp>(loc, ints({}, i32, {0}), n);
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(scalarLeft)) == n);
  // Same for x * 1.
  Value x = arg({3}, f32);
  auto mul = builder.create<MulOp>(loc, x, floats({4, 1}, f32, {1.0}));
  EXPECT_FALSE(foldsAway(mul));
}

TEST_F(FoldTest, FloatAdditiveIdentityIsNegativeZero) {
  // IEEE: x + (-0.0) == x for every x, but -0.0 + (+0.0) == +0.0, so only
  // -0.0 may be dropped.
  Value x = arg({3}, f32);
  auto minusZero = builder.create<AddOp>(loc, x, floats({3}, f32, {-0.0}));
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(minusZero)) == x);
  auto minusZeroLeft =
      builder.create<AddOp>(loc, floats({}, f32, {-0.0}), x);
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(minusZeroLeft)) == x);
  auto plusZero = builder.create<AddOp>(loc, x, floats({3}, f32, {0.0}));
  EXPECT_FALSE(foldsAway(plusZero));
  // A -0.0 that broadcasts x is no identity either.
  auto wider = builder.create<AddOp>(loc, x, floats({2, 3}, f32, {-0.0}));
  EXPECT_FALSE(foldsAway(wider));
  // x - (+0.0) == x for every x; x - (-0.0) is not (-0.0 - -0.0 = +0.0).
  auto minusPlusZero =
      builder.create<SubOp>(loc, x, floats({3}, f32, {0.0}));
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(minusPlusZero)) == x);
  auto minusMinusZero =
      builder.create<SubOp>(loc, x, floats({3}, f32, {-0.0}));
  EXPECT_FALSE(foldsAway(minusMinusZero));
}

TEST_F(FoldTest, SubAndDivIdentitiesAreOneSided) {
  Value x = arg({3}, i32);
  Value zero = ints({3}, i32, {0}), one = ints({3}, i32, {1});
  EXPECT_TRUE(dyn_cast_if_present<Value>(
                  foldOnce(builder.create<SubOp>(loc, x, zero))) == x);
  // 0 - x is -x, not x.
  EXPECT_FALSE(foldsAway(builder.create<SubOp>(loc, zero, x)));
  EXPECT_TRUE(dyn_cast_if_present<Value>(
                  foldOnce(builder.create<DivOp>(loc, x, one))) == x);
  // 1 / x is not x.
  EXPECT_FALSE(foldsAway(builder.create<DivOp>(loc, one, x)));
}

TEST_F(FoldTest, Involutions) {
  Value x = arg({3}, f32);
  auto inner = builder.create<NegOp>(loc, x);
  auto outer = builder.create<NegOp>(loc, inner);
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(outer)) == x);
  Value b = arg({3}, i1);
  auto notNot = builder.create<NotOp>(loc, builder.create<NotOp>(loc, b));
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(notNot)) == b);
  // A single neg does not fold.
  EXPECT_FALSE(foldsAway(inner));
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

TEST_F(FoldTest, TransposeOfTransposeComposes) {
  // t1 = transpose(x, [1,0,2]) : [3,2,4], t1[a,b,c] = x[b,a,c];
  // t2 = transpose(t1, [0,2,1]) : [3,4,2], t2[i,j,k] = t1[i,k,j] = x[k,i,j],
  // i.e. result dims (x1, x2, x0): transpose(x, [1,2,0]).
  Value x = arg({2, 3, 4}, f32);
  auto t1 = builder.create<TransposeOp>(loc, x, I64{1, 0, 2});
  auto t2 = builder.create<TransposeOp>(loc, t1, I64{0, 2, 1});
  EXPECT_EQ(str(t2.getType()), "tensor<3x4x2xf32>");
  // Folds in place.
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(t2)) == t2.getResult());
  EXPECT_TRUE(t2.getInput() == x);
  EXPECT_EQ(I64(t2.getPerm()), I64({1, 2, 0}));
  EXPECT_EQ(str(t2.getType()), "tensor<3x4x2xf32>");
}

TEST_F(FoldTest, TransposeThenInverseDisappears) {
  // [1,2,0] then its inverse [2,0,1] is the identity.
  Value x = arg({2, 3, 4}, f32);
  auto t1 = builder.create<TransposeOp>(loc, x, I64{1, 2, 0});
  auto t2 = builder.create<TransposeOp>(loc, t1, I64{2, 0, 1});
  finishAndSimplify({t2.getResult()});
  EXPECT_TRUE(returned()[0] == x);
  EXPECT_EQ(bodyOps(), std::vector<std::string>{});
}

TEST_F(FoldTest, ShapeChainsAndIdentities) {
  Value x = arg({2, 3, 4}, f32);
  // reshape(reshape(x)) reads x directly, in place.
  auto r1 = builder.create<ReshapeOp>(loc, x, I64{6, 4});
  auto r2 = builder.create<ReshapeOp>(loc, r1, I64{4, 6});
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(r2)) == r2.getResult());
  EXPECT_TRUE(r2.getInput() == x);
  EXPECT_EQ(str(r2.getType()), "tensor<4x6xf32>");
  // A reshape back to x's shape folds to x in the same step (the importer
  // folds each op once).
  auto flat = builder.create<ReshapeOp>(loc, x, I64{24});
  auto back = builder.create<ReshapeOp>(loc, flat, I64{2, 3, 4});
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(back)) == x);
  // broadcast_to(broadcast_to(y)) likewise: [3,1] -> [2,3,1] -> [5,2,3,4].
  Value y = arg({3, 1}, f32);
  auto b1 = builder.create<BroadcastToOp>(loc, y, I64{2, 3, 1});
  auto b2 = builder.create<BroadcastToOp>(loc, b1, I64{5, 2, 3, 4});
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(b2)) == b2.getResult());
  EXPECT_TRUE(b2.getInput() == y);
  // Identities.
  auto sameShape = builder.create<ReshapeOp>(loc, x, I64{2, 3, 4});
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(sameShape)) == x);
  auto identityPerm = builder.create<TransposeOp>(loc, x, I64{0, 1, 2});
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(identityPerm)) == x);
  auto fullSlice = builder.create<SliceOp>(loc, x, I64{0, 0, 0}, I64{2, 3, 4},
                                           I64{1, 1, 1});
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(fullSlice)) == x);
  auto zeroPad = builder.create<PadOp>(loc, x, I64{0, 0, 0, 0, 0, 0},
                                       PadMode::constant, APFloat(1.0));
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(zeroPad)) == x);
  auto single = builder.create<ConcatOp>(loc, ValueRange{x}, 2);
  EXPECT_TRUE(dyn_cast_if_present<Value>(foldOnce(single)) == x);
  // Not identities: a reversing slice of the full shape, a real pad.
  auto reversed = builder.create<SliceOp>(loc, x, I64{1, 0, 0}, I64{2, 3, 4},
                                          I64{-1, 1, 1});
  EXPECT_FALSE(foldsAway(reversed));
  auto padded = builder.create<PadOp>(loc, x, I64{0, 0, 1, 0, 0, 0},
                                      PadMode::constant, APFloat(0.0));
  EXPECT_FALSE(foldsAway(padded));
}

TEST_F(FoldTest, ReshapeOfConstant) {
  // Row-major: [[1,2,3],[4,5,6]] as 3x2 is [[1,2],[3,4],[5,6]].
  Value c = floats({2, 3}, f32, {1, 2, 3, 4, 5, 6});
  DenseElementsAttr value =
      foldToDense(builder.create<ReshapeOp>(loc, c, I64{3, 2}));
  ASSERT_TRUE(value);
  EXPECT_EQ(str(value.getType()), "tensor<3x2xf32>");
  EXPECT_EQ(floatsOf(value), Doubles({1, 2, 3, 4, 5, 6}));
  // Through createOrFold, into a new tessera.constant.
  Value folded = builder.createOrFold<ReshapeOp>(
      loc, ints({6}, i32, {1, 2, 3, 4, 5, 6}), I64{2, 1, 3});
  DenseElementsAttr intValue = constantValue(folded);
  ASSERT_TRUE(intValue);
  EXPECT_EQ(str(intValue.getType()), "tensor<2x1x3xi32>");
  EXPECT_EQ(intsOf(intValue), Ints({1, 2, 3, 4, 5, 6}));
}

//===----------------------------------------------------------------------===//
// Size limits
//===----------------------------------------------------------------------===//

TEST_F(FoldTest, SplatResultsStaySplats) {
  // 1.5 + 2.25 = 3.75 for all 1024 * 1024 elements, stored once.
  Value a = floats({1024, 1024}, f32, {1.5});
  Value b = floats({1024, 1024}, f32, {2.25});
  DenseElementsAttr value = foldToDense(builder.create<AddOp>(loc, a, b));
  ASSERT_TRUE(value);
  EXPECT_TRUE(value.isSplat());
  EXPECT_EQ(str(value.getType()), "tensor<1024x1024xf32>");
  EXPECT_EQ(value.getSplatValue<APFloat>().convertToDouble(), 3.75);
  // Splats of different shapes broadcast into a splat: [1024,1] * [1024].
  value = foldToDense(builder.create<MulOp>(
      loc, floats({1024, 1}, f32, {3.0}), floats({1024}, f32, {0.5})));
  ASSERT_TRUE(value);
  EXPECT_TRUE(value.isSplat());
  EXPECT_EQ(str(value.getType()), "tensor<1024x1024xf32>");
  EXPECT_EQ(value.getSplatValue<APFloat>().convertToDouble(), 1.5);
  // Unary: exp(0) = 1.
  value = foldToDense(
      builder.create<ExpOp>(loc, floats({1024, 1024}, f32, {0.0})));
  ASSERT_TRUE(value);
  EXPECT_TRUE(value.isSplat());
  EXPECT_EQ(value.getSplatValue<APFloat>().convertToDouble(), 1.0);
  // Cast: trunc(-2.5) = -2.
  value = foldToDense(
      builder.create<CastOp>(loc, floats({1024, 1024}, f32, {-2.5}), i32));
  ASSERT_TRUE(value);
  EXPECT_TRUE(value.isSplat());
  EXPECT_EQ(value.getSplatValue<APInt>().getSExtValue(), -2);
  // Data movement of a splat: transpose and broadcast_to.
  value = foldToDense(builder.create<TransposeOp>(
      loc, floats({1024, 512}, f32, {7.0}), I64{1, 0}));
  ASSERT_TRUE(value);
  EXPECT_TRUE(value.isSplat());
  EXPECT_EQ(str(value.getType()), "tensor<512x1024xf32>");
  value = foldToDense(builder.create<BroadcastToOp>(
      loc, floats({1, 1024}, f32, {7.0}), I64{1024, 1024}));
  ASSERT_TRUE(value);
  EXPECT_TRUE(value.isSplat());
  EXPECT_EQ(str(value.getType()), "tensor<1024x1024xf32>");
}

TEST_F(FoldTest, LargeNonSplatResultsAreNotFolded) {
  // kMaxFoldedElements is the largest non-splat result a fold may create.
  std::vector<double> ramp;
  for (int64_t i = 0; i <= kMaxFoldedElements; ++i)
    ramp.push_back(double(i));
  int64_t n = kMaxFoldedElements;

  // Exactly at the limit: folds, element i is i + 1.
  Value atLimit = floats({n}, f32, ArrayRef<double>(ramp).take_front(n));
  DenseElementsAttr value = foldToDense(
      builder.create<AddOp>(loc, atLimit, floats({n}, f32, {1.0})));
  ASSERT_TRUE(value);
  EXPECT_FALSE(value.isSplat());
  Doubles values = floatsOf(value);
  ASSERT_EQ(values.size(), size_t(n));
  EXPECT_EQ(values.front(), 1.0);
  EXPECT_EQ(values.back(), double(n));

  // One past the limit: not folded (binary, unary, cast).
  Value overLimit = floats({n + 1}, f32, ramp);
  EXPECT_FALSE(foldsAway(
      builder.create<AddOp>(loc, overLimit, floats({n + 1}, f32, {1.0}))));
  EXPECT_FALSE(foldsAway(builder.create<NegOp>(loc, overLimit)));
  EXPECT_FALSE(foldsAway(builder.create<CastOp>(loc, overLimit, i32)));
  // A small non-splat that broadcasts to a large result: [2,1] + [1,4096]
  // is a 2 x 4096 = 8192-element non-splat.
  EXPECT_FALSE(foldsAway(builder.create<AddOp>(
      loc, floats({2, 1}, f32, {1, 2}), floats({1, n}, f32, {1.0}))));
}

//===----------------------------------------------------------------------===//
// The greedy driver
//===----------------------------------------------------------------------===//

TEST_F(FoldTest, GreedyFoldingMaterializesConstants) {
  // (c1 + c2) * x * 1 with c1 + c2 = [4, 6]: one constant, one mul remain.
  Value x = arg({2}, f32);
  Value sum = builder.create<AddOp>(loc, floats({2}, f32, {1, 2}),
                                    floats({2}, f32, {3, 4}));
  Value product = builder.create<MulOp>(loc, sum, x);
  Value result =
      builder.create<MulOp>(loc, product, floats({2}, f32, {1.0}));
  finishAndSimplify({result});
  EXPECT_EQ(bodyOps(),
            (std::vector<std::string>{"tessera.constant", "tessera.mul"}));
  auto mul = returned()[0].getDefiningOp<MulOp>();
  ASSERT_TRUE(mul);
  DenseElementsAttr value = constantValue(mul.getLhs());
  if (!value)
    value = constantValue(mul.getRhs());
  ASSERT_TRUE(value);
  EXPECT_EQ(floatsOf(value), Doubles({4, 6}));
}

TEST_F(FoldTest, GlobalAvgPoolCanonicalizesToReduceMean) {
  Value x = arg({1, 512, 7, 7}, f32);
  Value pooled = builder.create<GlobalAvgPoolOp>(loc, x);
  finishAndSimplify({pooled});
  auto mean = returned()[0].getDefiningOp<ReduceMeanOp>();
  ASSERT_TRUE(mean);
  EXPECT_TRUE(mean.getInput() == x);
  EXPECT_EQ(I64(mean.getAxes()), I64({2, 3}));
  EXPECT_TRUE(mean.getKeepDims());
  EXPECT_EQ(str(mean.getType()), "tensor<1x512x1x1xf32>");
}

} // namespace
