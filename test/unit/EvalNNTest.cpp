// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reference evaluation of pooling and normalizations. Expected values are
// worked out by hand (1-d windows, integer cases) or computed with PyTorch
// 1.13 (float64 unless stated) by the lines quoted in each test, whose
// output is pasted; the operands are pattern tensors P(shape, mod, offset,
// scale) (EvalNNTestUtils.h). Asymmetric pads are applied with F.pad
// (order: w begin, w end, h begin, h end); f32 results of float64 scripts
// are rounded with .float(), f16/bf16 ones are computed by PyTorch in
// float32 from the rounded operands and rounded with .half()/.bfloat16().

#include "EvalNNTestUtils.h"

#include <cstdint>
#include <limits>

using namespace mlir;
using namespace mlir::tessera;
using namespace tessera_test::evalnn;

namespace {

/// The window attributes of a pooling test.
struct PoolAttrs {
  llvm::SmallVector<int64_t> kernel, strides, pads, dilations;
  bool ceilMode = false;
};

class EvalNNTest : public EvalTest {
protected:
  /// Evaluates tessera.max_pool of |input|.
  HostTensor maxPool(HostTensor input, const PoolAttrs &p) {
    return evaluate({std::move(input)}, [&](Args a) {
      return builder
          .create<MaxPoolOp>(loc, a[0], p.kernel, p.strides, p.pads,
                             p.dilations, p.ceilMode)
          .getResult();
    });
  }
  /// Evaluates tessera.avg_pool of |input|.
  HostTensor avgPool(HostTensor input, const PoolAttrs &p,
                     bool countIncludePad) {
    return evaluate({std::move(input)}, [&](Args a) {
      return builder
          .create<AvgPoolOp>(loc, a[0], p.kernel, p.strides, p.pads,
                             p.dilations, p.ceilMode, countIncludePad)
          .getResult();
    });
  }
  /// Evaluates tessera.layer_norm of |inputs| (input, scale[, bias]).
  HostTensor layerNorm(std::vector<HostTensor> inputs, uint64_t axis,
                       double epsilon) {
    return evaluate(std::move(inputs), [&](Args a) {
      Value bias = a.size() > 2 ? a[2] : Value();
      return builder
          .create<LayerNormOp>(loc, a[0], a[1], bias, axis, APFloat(epsilon))
          .getResult();
    });
  }
};

constexpr DType F32 = DType::F32;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

TEST_F(EvalNNTest, Pool1dCeilModeCountIncludePad) {
  // x = [1..6], kernel 3, stride 2, pads 1, ceil_mode: 4 windows over
  // [-1,1], [1,3], [3,5], [5,7]; the padded input is [-1, 7), so the last
  // window holds 6, one pad, and one position past the end that never
  // counts. By hand (and F.avg_pool1d / F.max_pool1d(..., ceil_mode=True)):
  // with count_include_pad [0+1+2, 2+3+4, 4+5+6, 6+0] / [3, 3, 3, 2]
  // = [1, 3, 5, 3]; without [1.5, 3, 5, 6]; max [2, 4, 6, 6].
  HostTensor x = hostTensor(F32, {1, 1, 6}, {1, 2, 3, 4, 5, 6});
  PoolAttrs p{{3}, {2}, {1, 1}, {1}, /*ceilMode=*/true};
  expectTensor(avgPool(x, p, /*countIncludePad=*/true), F32, {1, 1, 4},
               {1, 3, 5, 3});
  expectTensor(avgPool(x, p, /*countIncludePad=*/false), F32, {1, 1, 4},
               {1.5, 3, 5, 6});
  expectTensor(maxPool(x, p), F32, {1, 1, 4}, {2, 4, 6, 6});
}

TEST_F(EvalNNTest, Pool1dDilation) {
  // x = [1..5], kernel 2, dilation 2, pads [1, 0]: output o reads o-1, o+1.
  // By hand: max [2, 3, 4, 5]; average with count_include_pad
  // [(0+2)/2, (1+3)/2, (2+4)/2, (3+5)/2] = [1, 2, 3, 4], without [2, 2, 3, 4].
  HostTensor x = hostTensor(F32, {1, 1, 5}, {1, 2, 3, 4, 5});
  PoolAttrs p{{2}, {1}, {1, 0}, {2}};
  expectTensor(maxPool(x, p), F32, {1, 1, 4}, {2, 3, 4, 5});
  expectTensor(avgPool(x, p, /*countIncludePad=*/true), F32, {1, 1, 4},
               {1, 2, 3, 4});
  expectTensor(avgPool(x, p, /*countIncludePad=*/false), F32, {1, 1, 4},
               {2, 2, 3, 4});
}

TEST_F(EvalNNTest, PoolWindowOfOnlyPadding) {
  // x = [7], kernel 2, dilation 3, pads [2, 1]: the one window reads -2 and
  // 1, both outside the input but inside the padded input [-2, 2). The
  // documented conventions: max -inf, average over no element NaN (0 / 0),
  // with count_include_pad 0 / 2 = 0.
  HostTensor x = hostTensor(F32, {1, 1, 1}, {7});
  PoolAttrs p{{2}, {1}, {2, 1}, {3}};
  expectTensor(maxPool(x, p), F32, {1, 1, 1}, {-kInf});
  expectTensor(avgPool(x, p, /*countIncludePad=*/false), F32, {1, 1, 1},
               {kNaN});
  expectTensor(avgPool(x, p, /*countIncludePad=*/true), F32, {1, 1, 1}, {0});
}

TEST_F(EvalNNTest, Pool2dCeilMode) {
  // x = P([1,2,6,6],11,5); F.max_pool2d / F.avg_pool2d(x, 3, 2, 1,
  // ceil_mode=True[, count_include_pad=...]).
  HostTensor x = patternTensor(F32, {1, 2, 6, 6}, 11, 5);
  PoolAttrs p{{3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1}, /*ceilMode=*/true};
  expectTensor(maxPool(x, p), F32, {1, 2, 4, 4},
               {2, 4, 5, 0, 3, 5, 5, 1, 4, 5, 5, 2, 4,  5,  -3, -3,
                5, 5, 3, 3, 5, 5, 4, 4, 5, 3, 5, 5, -4, -2, 0,  0});
  expectTensor(avgPool(x, p, /*countIncludePad=*/true), F32, {1, 2, 4, 4},
               // clang-format off
               {
                -0.6666666666666666, 0, 0.1111111111111111, -0.8333333333333334,
                0.1111111111111111, 1.6666666666666667, 0, -1.3333333333333333,
                0.7777777777777778, 1.4444444444444444, -1.4444444444444444, -0.8333333333333334,
                1.1666666666666667, 0.6666666666666666, -2, -0.75,
                0.6666666666666666, -0.4444444444444444, -0.3333333333333333, 0.16666666666666666,
                0.8888888888888888, -1.4444444444444444, -0.6666666666666666, 0.16666666666666666,
                -0.8888888888888888, -1.6666666666666667, 0.3333333333333333, 0.6666666666666666,
                -1.5, -1.5, -0.5, 0},
               // clang-format on
               1e-6);
  expectTensor(avgPool(x, p, /*countIncludePad=*/false), F32, {1, 2, 4, 4},
               // clang-format off
               {
                -1.5, 0, 0.16666666666666666, -2.5,
                0.16666666666666666, 1.6666666666666667, 0, -2.6666666666666665,
                1.1666666666666667, 1.4444444444444444, -1.4444444444444444, -1.6666666666666667,
                3.5, 1.3333333333333333, -4, -3,
                1.5, -0.6666666666666666, -0.5, 0.5,
                1.3333333333333333, -1.4444444444444444, -0.6666666666666666, 0.3333333333333333,
                -1.3333333333333333, -1.6666666666666667, 0.3333333333333333, 1.3333333333333333,
                -4.5, -3, -1, 0},
               // clang-format on
               1e-6);
}

TEST_F(EvalNNTest, Pool2dAsymmetricPadsDilation) {
  // x = P([1,2,7,6],13,9) (mostly negative: a pad must never win a max),
  // pads [1, 0, 0, 1], i.e. pad = (0, 1, 1, 0) for F.pad.
  // max: F.max_pool2d(F.pad(x, pad, value=-inf), (2,3), (1,2), 0,
  // dilation=(2,1)).
  HostTensor x = patternTensor(F32, {1, 2, 7, 6}, 13, 9);
  expectTensor(maxPool(x, {{2, 3}, {1, 2}, {1, 0, 0, 1}, {2, 1}}), F32,
               {1, 2, 6, 3}, {-1, 1, 2, 3,  -5, -4, -1, 1, 2,  3,  -6, -5,
                              -2, 0, 1, 3,  3,  -6, 2,  3, -8, -4, -2, -1,
                              2,  3, 3, -5, -3, -2, 1,  3, 3,  -6, -4, -3});
  // average: s = F.avg_pool2d(F.pad(x, pad), (2,3), (2,2)) with
  // count_include_pad; without, s / F.avg_pool2d(F.pad(ones, pad), ...).
  PoolAttrs p{{2, 3}, {2, 2}, {1, 0, 0, 1}, {1, 1}};
  expectTensor(avgPool(x, p, /*countIncludePad=*/true), F32, {1, 2, 4, 3},
               // clang-format off
               {
                -4, -3, -1.5, -3.3333333333333335,
                -3.5, -1.3333333333333333, -2.1666666666666665, -4.5,
                -2, -1, -3.3333333333333335, -2.6666666666666665,
                -2.5, -1.5, -0.5, -2.5,
                -2.6666666666666665, -3.6666666666666665, -3.5, -1.5,
                -2.1666666666666665, -4.5, -2.5, -0.6666666666666666},
               // clang-format on
               1e-6);
  expectTensor(avgPool(x, p, /*countIncludePad=*/false), F32, {1, 2, 4, 3},
               // clang-format off
               {
                -8, -6, -4.5, -3.3333333333333335,
                -3.5, -2, -2.1666666666666665, -4.5,
                -3, -1, -3.3333333333333335, -4,
                -5, -3, -1.5, -2.5,
                -2.6666666666666665, -5.5, -3.5, -1.5,
                -3.25, -4.5, -2.5, -1},
               // clang-format on
               1e-6);
}

TEST_F(EvalNNTest, PoolIntegers) {
  // i64 max compares exactly: 2^60 + 1 > 2^60 (equal as doubles).
  HostTensor big(DType::I64, {1, 1, 2});
  big.setInt(0, int64_t(1) << 60);
  big.setInt(1, (int64_t(1) << 60) + 1);
  HostTensor max = maxPool(big, {{2}, {1}, {0, 0}, {1}});
  ASSERT_EQ(max.numElements(), 1);
  EXPECT_EQ(max.getInt(0), (int64_t(1) << 60) + 1);
  // i32 average truncates toward zero: [1, 2] -> 1.5 -> 1, [-1, -2] -> -1.
  HostTensor avg = avgPool(hostTensor(DType::I32, {1, 1, 4}, {1, 2, -1, -2}),
                           {{2}, {2}, {0, 0}, {1}}, /*countIncludePad=*/false);
  expectTensor(avg, DType::I32, {1, 1, 2}, {1, -1});
}

TEST_F(EvalNNTest, GlobalPools) {
  auto globalAvg = [&](Args a) {
    return builder.create<GlobalAvgPoolOp>(loc, a[0]).getResult();
  };
  auto globalMax = [&](Args a) {
    return builder.create<GlobalMaxPoolOp>(loc, a[0]).getResult();
  };
  // x = P([2,3,2,2],7,3,0.5); x.mean(dim=(2,3), keepdim=True).
  expectTensor(
      evaluate({patternTensor(F32, {2, 3, 2, 2}, 7, 3, 0.5)}, globalAvg), F32,
      {2, 3, 1, 1}, {-0.75, 0.375, -0.25, 0, 0.25, -0.375});
  // By hand: planes [5, -7, 3] and [-1, -2, -128] of i8.
  expectTensor(
      evaluate({hostTensor(DType::I8, {1, 2, 3}, {5, -7, 3, -1, -2, -128})},
               globalMax),
      DType::I8, {1, 2, 1}, {5, -1});
  // NaN propagates through a max (NumPy and PyTorch); 1-d spatial.
  expectTensor(evaluate({hostTensor(F32, {1, 2, 3}, {1, kNaN, 2, -3, -1, -2})},
                        globalMax),
               F32, {1, 2, 1}, {kNaN, -1});
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

TEST_F(EvalNNTest, LayerNormBroadcastsParameters) {
  // x = P([2,3,4],7,3,0.5), g = P([4],3,-1), b = P([3,4],5,2,0.25);
  // F.layer_norm(x, (3,4), g.expand(3,4), b, 1e-5).float().
  HostTensor r = layerNorm({patternTensor(F32, {2, 3, 4}, 7, 3, 0.5),
                            patternTensor(F32, {4}, 3, -1),
                            patternTensor(F32, {3, 4}, 5, 2, 0.25)},
                           /*axis=*/1, 1e-5);
  expectTensor(r, F32, {2, 3, 4},
               {-1.899002194404602,   -1.9649059772491455, -0.947711169719696,
                0.475645512342453,    1.2671947479248047,  2.117487907409668,
                5.300879955291748,    -1.399002194404602,  -0.6074529886245728,
                -0.13180744647979736, 0.1769365519285202,  0.5171947479248047,
                0.47385749220848083,  2.6326181888580322,  -4.090201377868652,
                -0.6459488868713379,  0.07150270789861679, -0.42209139466285706,
                1.269217610359192,    0.9738574624061584,  1.6913090944290161,
                -2.2268009185791016,  -3.1878466606140137, -0.678497314453125},
               1e-6);
}

TEST_F(EvalNNTest, LayerNormHalf) {
  // xh = P([2,5],9,4,0.375).half(), gh = P([5],4,-1,0.5).half(),
  // bh = P([5],3,1,0.125).half();
  // F.layer_norm(xh.float(), (5,), gh.float(), bh.float(), 1e-5).half().
  HostTensor r = layerNorm({patternTensor(DType::F16, {2, 5}, 9, 4, 0.375),
                            patternTensor(DType::F16, {5}, 4, -1, 0.5),
                            patternTensor(DType::F16, {5}, 3, 1, 0.125)},
                           /*axis=*/1, 1e-5);
  expectTensor(r, DType::F16, {2, 5},
               {-0.83203125, -0.70703125, 0.125, 1.2890625, 0.70703125,
                -0.160888671875, 0.287109375, 1.0947265625, 1.8857421875,
                -0.93310546875});
}

TEST_F(EvalNNTest, RmsNorm) {
  // x = P([2,4],5,2,0.75), g = P([4],3,-1);
  // (x / sqrt((x*x).mean(dim=1, keepdim=True) + 1e-6) * g).float(), and in
  // bf16 from x.bfloat16(), g.bfloat16() computed in float32.
  auto rmsNorm = [&](Args a) {
    return builder.create<RmsNormOp>(loc, a[0], a[1], /*axis=*/1, APFloat(1e-6))
        .getResult();
  };
  expectTensor(evaluate({patternTensor(F32, {2, 4}, 5, 2, 0.75),
                         patternTensor(F32, {4}, 3, -1)},
                        rmsNorm),
               F32, {2, 4},
               {-1.632992148399353, -1.632992148399353, 0, 0.8164960741996765,
                1.3333327770233154, -2.666665554046631, -1.9999991655349731, 0},
               1e-6);
  expectTensor(
      evaluate({patternTensor(DType::BF16, {2, 4}, 5, 2, 0.75),
                patternTensor(DType::BF16, {4}, 3, -1)},
               rmsNorm),
      DType::BF16, {2, 4},
      {-1.6328125, -1.6328125, 0, 0.81640625, 1.3359375, -2.671875, -2, 0});
}

TEST_F(EvalNNTest, BatchNorm) {
  // x = P([2,3,2],7,3,0.5), s = P([3],3,-1), b = P([3],4,2,0.5),
  // m = P([3],3,1,0.25), v = P([3],4,-1,0.5);
  // F.batch_norm(x, m, v, s, b, training=False, eps=1e-5).float(), and in
  // f16 from the .half() operands computed in float32.
  auto operands = [](DType dtype) {
    return std::vector<HostTensor>{patternTensor(dtype, {2, 3, 2}, 7, 3, 0.5),
                                   patternTensor(dtype, {3}, 3, -1),
                                   patternTensor(dtype, {3}, 4, 2, 0.5),
                                   patternTensor(dtype, {3}, 3, 1, 0.25),
                                   patternTensor(dtype, {3}, 4, -1, 0.5)};
  };
  auto batchNorm = [&](Args a) {
    return builder
        .create<BatchNormOp>(loc, a[0], a[1], a[2], a[3], a[4], APFloat(1e-5))
        .getResult();
  };
  expectTensor(evaluate(operands(F32), batchNorm), F32, {2, 3, 2},
               {-2.767749309539795, -2.0606496334075928, -1.4999949932098389,
                -0.5, 0.6123703718185425, 1.837111234664917, 1.474848985671997,
                -2.767749309539795, -2.4999899864196777, -1.4999949932098389,
                -0.6123703718185425, 0.6123703718185425},
               1e-6);
  expectTensor(evaluate(operands(DType::F16), batchNorm), DType::F16, {2, 3, 2},
               {-2.767578125, -2.060546875, -1.5, -0.5, 0.6123046875,
                1.8369140625, 1.474609375, -2.767578125, -2.5, -1.5,
                -0.6123046875, 0.6123046875});
}

} // namespace
