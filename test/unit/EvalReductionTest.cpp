// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reference evaluation of reduce_*, argmax/argmin, cumsum, softmax and
// log_softmax. Expected values are worked out by hand (small integer-valued
// inputs whose sums are exact) or computed with NumPy in float64 and rounded
// to the result type, as each comment says.

#include "EvalOpTest.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;
using namespace tessera_test;

namespace {

using EvalReductionTest = EvalOpTest;
using I64s = llvm::SmallVector<int64_t>;

/// x = arange(12).reshape(2, 3, 2) * 0.5 - 1:
/// [[[-1, -0.5], [0, 0.5], [1, 1.5]], [[2, 2.5], [3, 3.5], [4, 4.5]]].
const Doubles kCube = {-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5};

//===----------------------------------------------------------------------===//
// reduce_*
//===----------------------------------------------------------------------===//

TEST_F(EvalReductionTest, SumOverSeveralAxesWithAndWithoutKeepDims) {
  HostTensor x = floats(DType::F32, {2, 3, 2}, kCube);
  // Over axes 0 and 2: j=0: -1 - 0.5 + 2 + 2.5 = 3; j=1: 7; j=2: 11.
  auto kept = builder.create<ReduceSumOp>(loc, arg(x), I64s{0, 2}, true);
  expectExact(eval(kept, {x}), DType::F32, {1, 3, 1}, {3, 7, 11});
  auto dropped = builder.create<ReduceSumOp>(loc, arg(x), I64s{0, 2}, false);
  expectExact(eval(dropped, {x}), DType::F32, {3}, {3, 7, 11});
  // Over every axis: 0.5 * (0 + ... + 11) - 12 = 21.
  auto all = builder.create<ReduceSumOp>(loc, arg(x), I64s{0, 1, 2}, false);
  expectExact(eval(all, {x}), DType::F32, {}, {21});
}

TEST_F(EvalReductionTest, MeanProdMaxMin) {
  HostTensor x = floats(DType::F64, {2, 3, 2}, kCube);
  // np.mean(x, axis=1): [[0, 0.5], [3, 3.5]].
  expectExact(
      eval(builder.create<ReduceMeanOp>(loc, arg(x), I64s{1}, false), {x}),
      DType::F64, {2, 2}, {0, 0.5, 3, 3.5});
  // np.max / np.min over axes (0, 1): [4, 4.5] and [-1, -0.5].
  expectExact(
      eval(builder.create<ReduceMaxOp>(loc, arg(x), I64s{0, 1}, true), {x}),
      DType::F64, {1, 1, 2}, {4, 4.5});
  expectExact(
      eval(builder.create<ReduceMinOp>(loc, arg(x), I64s{0, 1}, false), {x}),
      DType::F64, {2}, {-1, -0.5});
  // np.prod(x + 2, axis=(1, 2)): 1 * 1.5 * 2 * 2.5 * 3 * 3.5 = 78.75 and
  // 4 * 4.5 * 5 * 5.5 * 6 * 6.5 = 19305.
  Doubles shifted;
  for (double v : kCube)
    shifted.push_back(v + 2);
  HostTensor y = floats(DType::F64, {2, 3, 2}, shifted);
  expectExact(
      eval(builder.create<ReduceProdOp>(loc, arg(y), I64s{1, 2}, false), {y}),
      DType::F64, {2}, {78.75, 19305});
}

TEST_F(EvalReductionTest, MaxMinPropagateNaN) {
  // Rows: [1, NaN, 3], [-0, 0, -1]: max [NaN, +0], min [NaN, -1]; a row of
  // [-0, +0] gives max +0 and min -0 like the elementwise ops.
  HostTensor x =
      floats(DType::F32, {3, 3}, {1, kNaN, 3, -0.0, 0.0, -1, -0.0, 0.0, -0.0});
  expectExact(
      eval(builder.create<ReduceMaxOp>(loc, arg(x), I64s{1}, false), {x}),
      DType::F32, {3}, {kNaN, 0.0, 0.0});
  expectExact(
      eval(builder.create<ReduceMinOp>(loc, arg(x), I64s{1}, false), {x}),
      DType::F32, {3}, {kNaN, -1, -0.0});
}

TEST_F(EvalReductionTest, EmptyAxesCopyExactly) {
  // Reducing nothing keeps -0 (a sum from 0 would give +0) and NaN.
  HostTensor x = floats(DType::F32, {3}, {-0.0, kNaN, 2});
  expectExact(
      eval(builder.create<ReduceSumOp>(loc, arg(x), I64s{}, false), {x}),
      DType::F32, {3}, {-0.0, kNaN, 2});
  HostTensor n = ints(DType::I64, {2}, {(int64_t(1) << 53) + 1, -3});
  expectInts(eval(builder.create<ReduceProdOp>(loc, arg(n), I64s{}, true), {n}),
             DType::I64, {2}, {(int64_t(1) << 53) + 1, -3});
}

TEST_F(EvalReductionTest, EmptyDimensionGivesTheIdentity) {
  // Reducing a 2x0 tensor over axis 1: sum 0, prod 1, max -inf, min +inf,
  // mean 0/0 = NaN; integer max/min give the lowest/highest i8.
  HostTensor x = floats(DType::F32, {2, 0}, {});
  auto run = [&](Operation *op) { return eval(op, {x}); };
  Value v = arg(x);
  expectExact(run(builder.create<ReduceSumOp>(loc, v, I64s{1}, false)),
              DType::F32, {2}, {0, 0});
  expectExact(run(builder.create<ReduceProdOp>(loc, v, I64s{1}, false)),
              DType::F32, {2}, {1, 1});
  expectExact(run(builder.create<ReduceMaxOp>(loc, v, I64s{1}, false)),
              DType::F32, {2}, {-kInf, -kInf});
  expectExact(run(builder.create<ReduceMinOp>(loc, v, I64s{1}, true)),
              DType::F32, {2, 1}, {kInf, kInf});
  expectExact(run(builder.create<ReduceMeanOp>(loc, v, I64s{1}, false)),
              DType::F32, {2}, {kNaN, kNaN});
  HostTensor n = ints(DType::I8, {0, 2}, {});
  expectInts(
      eval(builder.create<ReduceMaxOp>(loc, arg(n), I64s{0}, false), {n}),
      DType::I8, {2}, {-128, -128});
  expectInts(
      eval(builder.create<ReduceMinOp>(loc, arg(n), I64s{0}, false), {n}),
      DType::I8, {2}, {127, 127});
}

TEST_F(EvalReductionTest, IntegerReductionsWrap) {
  // i8 sum 100 + 100 + 100 = 300 -> 44; prod 16 * 16 * 3 = 768 -> 0.
  HostTensor x = ints(DType::I8, {3}, {100, 100, 100});
  expectInts(
      eval(builder.create<ReduceSumOp>(loc, arg(x), I64s{0}, false), {x}),
      DType::I8, {}, {44});
  HostTensor y = ints(DType::I8, {3}, {16, 16, 3});
  expectInts(
      eval(builder.create<ReduceProdOp>(loc, arg(y), I64s{0}, false), {y}),
      DType::I8, {}, {0});
  // i64 sums stay exact above 2^53: (2^53 + 1) + 2 = 2^53 + 3.
  HostTensor z = ints(DType::I64, {2}, {(int64_t(1) << 53) + 1, 2});
  expectInts(
      eval(builder.create<ReduceSumOp>(loc, arg(z), I64s{0}, false), {z}),
      DType::I64, {}, {(int64_t(1) << 53) + 3});
}

TEST_F(EvalReductionTest, SumsAccumulateWiderThanTheElementType) {
  // f16: 2048 + 1 + 1 in float is 2050, which f16 holds; accumulating in
  // f16 would round 2049 back to 2048 at each step and give 2048.
  HostTensor h = floats(DType::F16, {3}, {2048, 1, 1});
  expectExact(
      eval(builder.create<ReduceSumOp>(loc, arg(h), I64s{0}, false), {h}),
      DType::F16, {}, {2050});
  // f32: 2^24 + 1 + 1 in double is 2^24 + 2 (an f32); in f32 it stays 2^24.
  HostTensor f = floats(DType::F32, {3}, {16777216, 1, 1});
  expectExact(
      eval(builder.create<ReduceSumOp>(loc, arg(f), I64s{0}, false), {f}),
      DType::F32, {}, {16777218});
  // bf16 mean of [256, 1, 1, 2] = 260 / 4 = 65 (bf16 holds 65 exactly;
  // accumulating in bf16, where 256 + 1 ties back to 256, would give
  // 258 / 4 = 64.5).
  HostTensor b = floats(DType::BF16, {4}, {256, 1, 1, 2});
  expectExact(
      eval(builder.create<ReduceMeanOp>(loc, arg(b), I64s{0}, false), {b}),
      DType::BF16, {}, {65});
}

//===----------------------------------------------------------------------===//
// argmax, argmin
//===----------------------------------------------------------------------===//

TEST_F(EvalReductionTest, ArgMaxArgMinTies) {
  // [1, 3, 3, 0, 0]: argmax first 1, last 2; argmin first 3, last 4.
  HostTensor x = floats(DType::F32, {5}, {1, 3, 3, 0, 0});
  auto run = [&](Operation *op) { return intsOf(eval(op, {x})); };
  Value v = arg(x);
  EXPECT_EQ(run(builder.create<ArgMaxOp>(loc, v, uint64_t(0))), Ints{1});
  EXPECT_EQ(run(builder.create<ArgMaxOp>(loc, v, uint64_t(0), false, true)),
            Ints{2});
  EXPECT_EQ(run(builder.create<ArgMinOp>(loc, v, uint64_t(0))), Ints{3});
  EXPECT_EQ(run(builder.create<ArgMinOp>(loc, v, uint64_t(0), false, true)),
            Ints{4});
  // -0 and +0 tie: argmax of [-0, +0] is 0 (first), 1 with last.
  HostTensor z = floats(DType::F64, {2}, {-0.0, 0.0});
  EXPECT_EQ(
      intsOf(eval(builder.create<ArgMaxOp>(loc, arg(z), uint64_t(0)), {z})),
      Ints{0});
  EXPECT_EQ(intsOf(eval(
                builder.create<ArgMaxOp>(loc, arg(z), uint64_t(0), false, true),
                {z})),
            Ints{1});
}

TEST_F(EvalReductionTest, ArgMaxAlongAnInnerAxisWithKeepDims) {
  // [[[5, 1], [7, 1], [6, 2]], [[0, 9], [0, 8], [1, 9]]] along axis 1:
  // argmax [[1, 2], [2, 0]], argmin [[0, 0], [0, 1]] (NumPy).
  HostTensor x =
      ints(DType::I32, {2, 3, 2}, {5, 1, 7, 1, 6, 2, 0, 9, 0, 8, 1, 9});
  expectInts(
      eval(builder.create<ArgMaxOp>(loc, arg(x), uint64_t(1), true), {x}),
      DType::I64, {2, 1, 2}, {1, 2, 2, 0});
  expectInts(eval(builder.create<ArgMinOp>(loc, arg(x), uint64_t(1)), {x}),
             DType::I64, {2, 2}, {0, 0, 0, 1});
}

TEST_F(EvalReductionTest, ArgMaxArgMinPickNaN) {
  // np.argmax([1, NaN, 3, NaN]) = 1 and np.argmin = 1: the first NaN wins;
  // with select_last_index the last NaN (3).
  HostTensor x = floats(DType::F16, {4}, {1, kNaN, 3, kNaN});
  auto run = [&](Operation *op) { return intsOf(eval(op, {x})); };
  Value v = arg(x);
  EXPECT_EQ(run(builder.create<ArgMaxOp>(loc, v, uint64_t(0))), Ints{1});
  EXPECT_EQ(run(builder.create<ArgMinOp>(loc, v, uint64_t(0))), Ints{1});
  EXPECT_EQ(run(builder.create<ArgMaxOp>(loc, v, uint64_t(0), false, true)),
            Ints{3});
}

TEST_F(EvalReductionTest, ArgMaxOfAnEmptyAxisIsAnError) {
  HostTensor x = floats(DType::F32, {2, 0}, {});
  auto op = builder.create<ArgMaxOp>(loc, arg(x), uint64_t(1));
  EXPECT_EQ(evalError(op, {x}),
            Messages{"error: cannot take 'tessera.argmax' over the empty axis "
                     "1 of a tensor of shape 2x0"});
}

//===----------------------------------------------------------------------===//
// cumsum
//===----------------------------------------------------------------------===//

TEST_F(EvalReductionTest, CumSumModes) {
  // [1, 2, 3, 4]: inclusive [1, 3, 6, 10], exclusive [0, 1, 3, 6], reverse
  // [10, 9, 7, 4], exclusive reverse [9, 7, 4, 0] (ONNX CumSum examples).
  HostTensor x = floats(DType::F32, {4}, {1, 2, 3, 4});
  Value v = arg(x);
  auto run = [&](bool exclusive, bool reverse) {
    return eval(
        builder.create<CumSumOp>(loc, v, uint64_t(0), exclusive, reverse), {x});
  };
  expectExact(run(false, false), DType::F32, {4}, {1, 3, 6, 10});
  expectExact(run(true, false), DType::F32, {4}, {0, 1, 3, 6});
  expectExact(run(false, true), DType::F32, {4}, {10, 9, 7, 4});
  expectExact(run(true, true), DType::F32, {4}, {9, 7, 4, 0});
}

TEST_F(EvalReductionTest, CumSumAlongTheFirstAxisOfIntegers) {
  // [[1, 2], [3, 4], [5, 6]] along axis 0: [[1, 2], [4, 6], [9, 12]].
  HostTensor x = ints(DType::I64, {3, 2}, {1, 2, 3, 4, 5, 6});
  expectInts(eval(builder.create<CumSumOp>(loc, arg(x), uint64_t(0)), {x}),
             DType::I64, {3, 2}, {1, 2, 4, 6, 9, 12});
  // i8 wraps: [100, 100, 100] -> [100, -56, 44].
  HostTensor y = ints(DType::I8, {3}, {100, 100, 100});
  expectInts(eval(builder.create<CumSumOp>(loc, arg(y), uint64_t(0)), {y}),
             DType::I8, {3}, {100, -56, 44});
}

TEST_F(EvalReductionTest, CumSumRoundsEachOutputOnly) {
  // f16 [2048, 1, 1]: running sums in float are 2048, 2049, 2050; each
  // output rounds to f16: 2048 (tie to even), 2048, 2050. Accumulating in
  // f16 would give 2048, 2048, 2048. An inclusive sum starts at the first
  // element, so -0 stays -0 (np.cumsum).
  HostTensor x = floats(DType::F16, {3}, {2048, 1, 1});
  expectExact(eval(builder.create<CumSumOp>(loc, arg(x), uint64_t(0)), {x}),
              DType::F16, {3}, {2048, 2048, 2050});
  HostTensor z = floats(DType::F32, {2}, {-0.0, -0.0});
  expectExact(eval(builder.create<CumSumOp>(loc, arg(z), uint64_t(0)), {z}),
              DType::F32, {2}, {-0.0, -0.0});
}

//===----------------------------------------------------------------------===//
// softmax, log_softmax
//===----------------------------------------------------------------------===//

TEST_F(EvalReductionTest, SoftmaxAndLogSoftmax) {
  // NumPy float64 of exp(x - 3) / sum and x - 3 - log(sum) for x = [1, 2, 3],
  // rounded to float32.
  HostTensor x = floats(DType::F32, {1, 3}, {1, 2, 3});
  HostTensor s = eval(builder.create<SoftmaxOp>(loc, arg(x), uint64_t(1)), {x});
  EXPECT_EQ(s.shape(), (std::vector<int64_t>{1, 3}));
  expectNearF32(s,
                {0.09003057330846786, 0.2447284758090973, 0.6652409434318542});
  expectNearF32(
      eval(builder.create<LogSoftmaxOp>(loc, arg(x), uint64_t(1)), {x}),
      {-2.4076058864593506, -1.4076060056686401, -0.40760597586631775});
}

TEST_F(EvalReductionTest, SoftmaxAlongTheFirstAxis) {
  // [[1, 2, 3], [4, 6, 8]] along axis 0, NumPy: column pairs
  // (e^-3, 1) / (1 + e^-3) and so on, rounded to float32.
  HostTensor x = floats(DType::F32, {2, 3}, {1, 2, 3, 4, 6, 8});
  expectNearF32(eval(builder.create<SoftmaxOp>(loc, arg(x), uint64_t(0)), {x}),
                {0.04742587357759476, 0.01798621006309986, 0.006692850962281227,
                 0.9525741338729858, 0.9820137619972229, 0.9933071732521057});
}

TEST_F(EvalReductionTest, SoftmaxIsStableAndHandlesInfinities) {
  // exp(1000) overflows, but 1000 - max = 0: [0.5, 0.5]. A -inf entry has
  // probability 0 and log-probability -inf.
  HostTensor x = floats(DType::F64, {2, 2}, {1000, 1000, -kInf, 0});
  expectExact(eval(builder.create<SoftmaxOp>(loc, arg(x), uint64_t(1)), {x}),
              DType::F64, {2, 2}, {0.5, 0.5, 0, 1});
  // log_softmax of [1000, 1000] is -log(2) each.
  expectExact(eval(builder.create<LogSoftmaxOp>(loc, arg(x), uint64_t(1)), {x}),
              DType::F64, {2, 2}, {-std::log(2.0), -std::log(2.0), -kInf, 0});
}

TEST_F(EvalReductionTest, HalfSoftmax) {
  // NumPy softmax([1, 2, 3]) rounded to f16: [0.09002685546875,
  // 0.2447509765625, 0.6650390625].
  HostTensor x = floats(DType::F16, {3}, {1, 2, 3});
  expectExact(eval(builder.create<SoftmaxOp>(loc, arg(x), uint64_t(0)), {x}),
              DType::F16, {3},
              {0.09002685546875, 0.2447509765625, 0.6650390625});
}

} // namespace
