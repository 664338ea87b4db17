// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reference evaluation of the data-movement ops (reshape, transpose,
// broadcast_to, concat, slice, gather, pad). Expected values are written by
// hand from the op semantics (NumPy's transpose, broadcast_to, concatenate,
// strided slicing, take and pad), or computed by index formulas independent
// of the evaluator's stride arithmetic.

#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"

#include "TestIR.h"

#include "mlir/IR/Verifier.h"
#include "llvm/ADT/APFloat.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <vector>

using namespace mlir;
using namespace mlir::tessera;

namespace {

using Doubles = std::vector<double>;
using Ints = std::vector<int64_t>;
using Shape = std::vector<int64_t>;

class EvalShapeTest : public tessera_test::IRTest {
protected:
  /// A tensor of |dtype| holding |values| (exact for the values used here).
  static HostTensor tensor(DType dtype, Shape shape, const Doubles &values) {
    HostTensor t(dtype, std::move(shape));
    EXPECT_EQ(static_cast<int64_t>(values.size()), t.numElements());
    for (size_t i = 0; i < values.size(); ++i)
      t.setDouble(static_cast<int64_t>(i), values[i]);
    return t;
  }

  /// A function argument of |t|'s type.
  Value argOf(const HostTensor &t) {
    return arg(t.shape(), toElementType(t.dtype(), &context));
  }

  /// Verifies |op| and evaluates it on |inputs|.
  HostTensor eval(Operation *op, std::initializer_list<HostTensor> inputs) {
    EXPECT_TRUE(succeeded(verify(op)));
    SmallVector<const HostTensor *> operands;
    for (const HostTensor &input : inputs)
      operands.push_back(&input);
    SmallVector<HostTensor> results;
    EXPECT_TRUE(succeeded(evaluateOp(op, operands, results)));
    EXPECT_EQ(results.size(), 1u);
    return results.empty() ? HostTensor() : results.front();
  }

  static Doubles valuesOf(const HostTensor &t) {
    Doubles values;
    for (int64_t i = 0; i < t.numElements(); ++i)
      values.push_back(t.getDouble(i));
    return values;
  }

  /// Expects |t| to be exactly |dtype|, |shape|, |values|.
  static void expectTensor(const HostTensor &t, DType dtype, const Shape &shape,
                           const Doubles &values) {
    EXPECT_EQ(t.dtype(), dtype);
    EXPECT_EQ(t.shape(), shape);
    EXPECT_EQ(valuesOf(t), values);
  }

  /// A 1-D f32 pad of |input| with |pads| = {begin, end}.
  HostTensor pad1d(const Doubles &input, Ints pads, PadMode mode,
                   double value = 0) {
    HostTensor x =
        tensor(DType::F32, {static_cast<int64_t>(input.size())}, input);
    auto op = builder.create<PadOp>(loc, argOf(x), pads, mode, APFloat(value));
    return eval(op, {x});
  }
};

TEST_F(EvalShapeTest, ReshapeKeepsRowMajorOrder) {
  HostTensor x = tensor(DType::I64, {2, 3}, {0, 1, 2, 3, 4, 5});
  auto op =
      builder.create<ReshapeOp>(loc, argOf(x), ArrayRef<int64_t>{3, 1, 2});
  expectTensor(eval(op, {x}), DType::I64, {3, 1, 2}, {0, 1, 2, 3, 4, 5});
}

TEST_F(EvalShapeTest, Transpose2D) {
  HostTensor x = tensor(DType::F32, {2, 3}, {1, 2, 3, 4, 5, 6});
  auto op = builder.create<TransposeOp>(loc, argOf(x), ArrayRef<int64_t>{1, 0});
  expectTensor(eval(op, {x}), DType::F32, {3, 2}, {1, 4, 2, 5, 3, 6});
}

TEST_F(EvalShapeTest, Transpose3DByIndexFormula) {
  // x[i][j][k] = 100 i + 10 j + k; with perm [2, 0, 1] the result is
  // y[k][i][j] = x[i][j][k].
  Doubles values;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k)
        values.push_back(100 * i + 10 * j + k);
  HostTensor x = tensor(DType::F64, {2, 3, 4}, values);
  auto op =
      builder.create<TransposeOp>(loc, argOf(x), ArrayRef<int64_t>{2, 0, 1});
  Doubles expected;
  for (int k = 0; k < 4; ++k)
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j)
        expected.push_back(100 * i + 10 * j + k);
  expectTensor(eval(op, {x}), DType::F64, {4, 2, 3}, expected);
}

TEST_F(EvalShapeTest, BroadcastTo) {
  // [3, 1] -> [2, 3, 4]: y[a][b][c] = x[b][0].
  HostTensor x = tensor(DType::I32, {3, 1}, {7, -8, 9});
  auto op =
      builder.create<BroadcastToOp>(loc, argOf(x), ArrayRef<int64_t>{2, 3, 4});
  Doubles expected;
  for (int a = 0; a < 2; ++a)
    for (double v : {7.0, -8.0, 9.0})
      expected.insert(expected.end(), 4, v);
  expectTensor(eval(op, {x}), DType::I32, {2, 3, 4}, expected);
}

TEST_F(EvalShapeTest, BroadcastToBool) {
  HostTensor x = tensor(DType::I1, {2}, {1, 0});
  auto op =
      builder.create<BroadcastToOp>(loc, argOf(x), ArrayRef<int64_t>{3, 2});
  expectTensor(eval(op, {x}), DType::I1, {3, 2}, {1, 0, 1, 0, 1, 0});
}

TEST_F(EvalShapeTest, ConcatInnerAxis) {
  HostTensor a = tensor(DType::F32, {2, 1}, {1, 2});
  HostTensor b = tensor(DType::F32, {2, 2}, {10, 11, 20, 21});
  auto op = builder.create<ConcatOp>(loc, ValueRange{argOf(a), argOf(b)},
                                     uint64_t{1});
  expectTensor(eval(op, {a, b}), DType::F32, {2, 3}, {1, 10, 11, 2, 20, 21});
}

TEST_F(EvalShapeTest, ConcatOuterAxisOfThree) {
  HostTensor a = tensor(DType::I8, {1, 2}, {1, 2});
  HostTensor b = tensor(DType::I8, {2, 2}, {3, 4, 5, 6});
  HostTensor c = tensor(DType::I8, {1, 2}, {-7, -8});
  auto op = builder.create<ConcatOp>(
      loc, ValueRange{argOf(a), argOf(b), argOf(c)}, uint64_t{0});
  expectTensor(eval(op, {a, b, c}), DType::I8, {4, 2},
               {1, 2, 3, 4, 5, 6, -7, -8});
}

TEST_F(EvalShapeTest, SliceWithNegativeStride) {
  // x[i][j] = 10 i + j, x[:, 9::-2] keeps columns 9, 7, 5, 3, 1.
  Doubles values;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 10; ++j)
      values.push_back(10 * i + j);
  HostTensor x = tensor(DType::F32, {4, 10}, values);
  auto op = builder.create<SliceOp>(loc, argOf(x), ArrayRef<int64_t>{0, 9},
                                    ArrayRef<int64_t>{4, 5},
                                    ArrayRef<int64_t>{1, -2});
  expectTensor(eval(op, {x}), DType::F32, {4, 5},
               {9,  7,  5,  3,  1,  19, 17, 15, 13, 11,
                29, 27, 25, 23, 21, 39, 37, 35, 33, 31});
}

TEST_F(EvalShapeTest, SliceWithOffsetAndStride) {
  // x[1::3][:3] of [0..9] is [1, 4, 7]; rows 1..2 of a 3x2 reversed.
  HostTensor x = tensor(DType::I64, {10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  auto op = builder.create<SliceOp>(loc, argOf(x), ArrayRef<int64_t>{1},
                                    ArrayRef<int64_t>{3}, ArrayRef<int64_t>{3});
  expectTensor(eval(op, {x}), DType::I64, {3}, {1, 4, 7});
  HostTensor y = tensor(DType::F16, {3, 2}, {1, 2, 3, 4, 5, 6});
  auto rev = builder.create<SliceOp>(loc, argOf(y), ArrayRef<int64_t>{2, 1},
                                     ArrayRef<int64_t>{2, 2},
                                     ArrayRef<int64_t>{-1, -1});
  expectTensor(eval(rev, {y}), DType::F16, {2, 2}, {6, 5, 4, 3});
}

TEST_F(EvalShapeTest, GatherAxis0WithNegativeIndices) {
  // np.take(x, [[0, -1], [1, 2]], axis=0).
  HostTensor x = tensor(DType::F32, {3, 2}, {1, 2, 3, 4, 5, 6});
  HostTensor idx = tensor(DType::I64, {2, 2}, {0, -1, 1, 2});
  auto op = builder.create<GatherOp>(loc, argOf(x), argOf(idx), uint64_t{0});
  expectTensor(eval(op, {x, idx}), DType::F32, {2, 2, 2},
               {1, 2, 5, 6, 3, 4, 5, 6});
}

TEST_F(EvalShapeTest, GatherInnerAxisWithI32Indices) {
  // np.take(x, [2, -3], axis=1) of [[1, 2, 3], [4, 5, 6]].
  HostTensor x = tensor(DType::I64, {2, 3}, {1, 2, 3, 4, 5, 6});
  HostTensor idx = tensor(DType::I32, {2}, {2, -3});
  auto op = builder.create<GatherOp>(loc, argOf(x), argOf(idx), uint64_t{1});
  expectTensor(eval(op, {x, idx}), DType::I64, {2, 2}, {3, 1, 6, 4});
}

TEST_F(EvalShapeTest, GatherCopiesI64Exactly) {
  // 2^53 + 1 has no double: the value must be copied, not converted.
  HostTensor x(DType::I64, {2});
  x.setInt(0, (int64_t{1} << 53) + 1);
  x.setInt(1, -1);
  HostTensor idx = tensor(DType::I64, {3}, {0, 1, 0});
  auto op = builder.create<GatherOp>(loc, argOf(x), argOf(idx), uint64_t{0});
  HostTensor y = eval(op, {x, idx});
  ASSERT_EQ(y.shape(), Shape{3});
  EXPECT_EQ(y.getInt(0), (int64_t{1} << 53) + 1);
  EXPECT_EQ(y.getInt(1), -1);
  EXPECT_EQ(y.getInt(2), (int64_t{1} << 53) + 1);
}

TEST_F(EvalShapeTest, GatherOutOfRangeIsAnError) {
  HostTensor x = tensor(DType::F32, {3, 2}, {1, 2, 3, 4, 5, 6});
  for (auto [index, text] : {std::pair{3.0, "3"}, std::pair{-4.0, "-4"}}) {
    HostTensor idx = tensor(DType::I64, {2}, {0, index});
    auto op = builder.create<GatherOp>(loc, argOf(x), argOf(idx), uint64_t{0});
    EXPECT_TRUE(succeeded(verify(op)));
    SmallVector<HostTensor> results;
    EXPECT_TRUE(failed(evaluateOp(op, {&x, &idx}, results)));
    EXPECT_EQ(diagnostics.take(),
              tessera_test::Messages{std::string("error: index ") + text +
                                     " (element 1 of the indices) is out of "
                                     "range [-3, 3) of dimension 0 of the "
                                     "data"});
  }
}

TEST_F(EvalShapeTest, PadConstant2D) {
  HostTensor x = tensor(DType::F32, {2, 3}, {1, 2, 3, 4, 5, 6});
  auto op = builder.create<PadOp>(loc, argOf(x), ArrayRef<int64_t>{0, 1, 0, 2},
                                  PadMode::constant, APFloat(7.5));
  expectTensor(eval(op, {x}), DType::F32, {2, 6},
               {7.5, 1, 2, 3, 7.5, 7.5, 7.5, 4, 5, 6, 7.5, 7.5});
}

TEST_F(EvalShapeTest, PadConstantInteger) {
  HostTensor x = tensor(DType::I32, {2}, {5, 6});
  auto op = builder.create<PadOp>(loc, argOf(x), ArrayRef<int64_t>{1, 2},
                                  PadMode::constant, APFloat(-3.0));
  expectTensor(eval(op, {x}), DType::I32, {5}, {-3, 5, 6, -3, -3});
}

TEST_F(EvalShapeTest, PadModes1D) {
  // np.pad([1, 2, 3, 4], (2, 3), 'reflect') and friends.
  expectTensor(pad1d({1, 2, 3, 4}, {2, 3}, PadMode::reflect), DType::F32, {9},
               {3, 2, 1, 2, 3, 4, 3, 2, 1});
  expectTensor(pad1d({1, 2, 3}, {2, 1}, PadMode::edge), DType::F32, {6},
               {1, 1, 1, 2, 3, 3});
  expectTensor(pad1d({1, 2, 3}, {2, 2}, PadMode::wrap), DType::F32, {7},
               {2, 3, 1, 2, 3, 1, 2});
  // Wrap is periodic, also past one period (np.pad agrees when only one
  // side pads more than the dimension).
  expectTensor(pad1d({1, 2, 3}, {5, 0}, PadMode::wrap), DType::F32, {8},
               {2, 3, 1, 2, 3, 1, 2, 3});
}

TEST_F(EvalShapeTest, NegativePadsCrop) {
  expectTensor(pad1d({1, 2, 3, 4, 5}, {-1, -2}, PadMode::constant, 9),
               DType::F32, {2}, {2, 3});
  expectTensor(pad1d({1, 2, 3, 4, 5}, {-2, 1}, PadMode::edge), DType::F32, {4},
               {3, 4, 5, 5});
  // Reflect and wrap index the whole input: the cropped end does not move
  // the mirror or the period.
  expectTensor(pad1d({1, 2, 3, 4, 5}, {2, -2}, PadMode::reflect), DType::F32,
               {5}, {3, 2, 1, 2, 3});
  expectTensor(pad1d({1, 2, 3, 4, 5}, {1, -1}, PadMode::wrap), DType::F32, {5},
               {5, 1, 2, 3, 4});
  expectTensor(pad1d({1, 2, 3}, {-3, 0}, PadMode::constant), DType::F32, {0},
               {});
}

TEST_F(EvalShapeTest, PadEdge2D) {
  HostTensor x = tensor(DType::BF16, {2, 3}, {1, 2, 3, 4, 5, 6});
  auto op = builder.create<PadOp>(loc, argOf(x), ArrayRef<int64_t>{1, 1, 1, 1},
                                  PadMode::edge, APFloat(0.0));
  expectTensor(eval(op, {x}), DType::BF16, {4, 5},
               {1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 4, 4, 5, 6, 6, 4, 4, 5, 6, 6});
}

TEST_F(EvalShapeTest, FunctionChainsShapeOps) {
  // transpose(concat(x, x, axis 0)) of x = [[1, 2]] is [[1, 1], [2, 2]];
  // a slice [::-1, :] of that is [[2, 2], [1, 1]].
  HostTensor x = tensor(DType::F32, {1, 2}, {1, 2});
  Value in = argOf(x);
  auto cat = builder.create<ConcatOp>(loc, ValueRange{in, in}, uint64_t{0});
  auto tr = builder.create<TransposeOp>(loc, cat, ArrayRef<int64_t>{1, 0});
  auto sl = builder.create<SliceOp>(loc, tr, ArrayRef<int64_t>{1, 0},
                                    ArrayRef<int64_t>{2, 2},
                                    ArrayRef<int64_t>{-1, 1});
  finish({sl});
  ASSERT_TRUE(succeeded(verify(*module)));
  FailureOr<SmallVector<HostTensor>> out = evaluateFunction(func, {x});
  ASSERT_TRUE(succeeded(out));
  ASSERT_EQ(out->size(), 1u);
  expectTensor(out->front(), DType::F32, {2, 2}, {2, 2, 1, 1});
}

} // namespace
