// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reference evaluation of matmul, conv and conv_transpose. Expected values
// are worked out by hand (small cases, precision and wrapping) or computed
// with PyTorch 1.13 in float64 by the script below, whose output is pasted;
// the operands are pattern tensors P(shape, mod, offset) (EvalNNTestUtils.h).
// Asymmetric pads are applied with F.pad, conv_transpose pads by cropping
// the unpadded result (ONNX semantics):
//
//   def conv(x, w, b, s, pads, d, g):
//       n = x.dim() - 2; fp = []
//       for i in reversed(range(n)): fp += [pads[i], pads[i + n]]
//       f = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[n]
//       return f(F.pad(x, fp), w, b, stride=s, dilation=d, groups=g)
//   def convT(x, w, b, s, pads, d, op, g):
//       n = x.dim() - 2
//       f = {1: F.conv_transpose1d, 2: F.conv_transpose2d}[n]
//       y = f(x, w, b, stride=s, dilation=d, output_padding=op, groups=g)
//       return y[(slice(None),) * 2 + tuple(
//           slice(pads[i], y.shape[i + 2] - pads[i + n]) for i in range(n))]

#include "EvalNNTestUtils.h"

#include <chrono>
#include <cstdint>

using namespace mlir;
using namespace mlir::tessera;
using namespace tessera_test::evalnn;

namespace {

class EvalContractionTest : public EvalTest {
protected:
  /// Evaluates tessera.matmul of |inputs| (lhs, rhs).
  HostTensor matmul(std::vector<HostTensor> inputs, bool transposeLhs = false,
                    bool transposeRhs = false) {
    return evaluate(std::move(inputs), [&](Args a) {
      return builder
          .create<MatmulOp>(loc, a[0], a[1], transposeLhs, transposeRhs)
          .getResult();
    });
  }

  /// Evaluates tessera.conv of |inputs| (input, weight[, bias]).
  HostTensor conv(std::vector<HostTensor> inputs, I64 strides, I64 pads,
                  I64 dilations, int64_t groups) {
    return evaluate(std::move(inputs), [&](Args a) {
      Value bias = a.size() > 2 ? a[2] : Value();
      return builder
          .create<ConvOp>(loc, a[0], a[1], bias, strides, pads, dilations,
                          groups)
          .getResult();
    });
  }

  /// Evaluates tessera.conv_transpose of |inputs| (input, weight[, bias]).
  HostTensor convTranspose(std::vector<HostTensor> inputs, I64 strides,
                           I64 pads, I64 dilations, I64 outputPadding,
                           int64_t groups) {
    return evaluate(std::move(inputs), [&](Args a) {
      Value bias = a.size() > 2 ? a[2] : Value();
      return builder
          .create<ConvTransposeOp>(loc, a[0], a[1], bias, strides, pads,
                                   dilations, outputPadding, groups)
          .getResult();
    });
  }
};

constexpr DType F32 = DType::F32;

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

TEST_F(EvalContractionTest, MatmulVectorDotVector) {
  // 1*4 + 2*5 + 3*6 = 32; both unit dimensions are dropped.
  HostTensor r = matmul(
      {hostTensor(F32, {3}, {1, 2, 3}), hostTensor(F32, {3}, {4, 5, 6})});
  expectTensor(r, F32, {}, {32});
}

TEST_F(EvalContractionTest, MatmulMatrices) {
  // [[1,2,3],[4,5,6]] x [[1,0],[0,1],[1,1]] = [[4,5],[10,11]] by hand.
  HostTensor r = matmul({hostTensor(F32, {2, 3}, {1, 2, 3, 4, 5, 6}),
                         hostTensor(F32, {3, 2}, {1, 0, 0, 1, 1, 1})});
  expectTensor(r, F32, {2, 2}, {4, 5, 10, 11});
}

TEST_F(EvalContractionTest, MatmulVectorOperands) {
  // Row vector [1,2,3] x [[1,0],[0,1],[1,1]] = [4, 5];
  // [[1,2,3],[4,5,6]] x column vector [1,0,2] = [7, 16].
  HostTensor row = matmul({hostTensor(F32, {3}, {1, 2, 3}),
                           hostTensor(F32, {3, 2}, {1, 0, 0, 1, 1, 1})});
  expectTensor(row, F32, {2}, {4, 5});
  HostTensor column = matmul({hostTensor(F32, {2, 3}, {1, 2, 3, 4, 5, 6}),
                              hostTensor(F32, {3}, {1, 0, 2})});
  expectTensor(column, F32, {2}, {7, 16});
}

TEST_F(EvalContractionTest, MatmulBatchedVectors) {
  // torch.matmul(P([3],7,3), P([2,3,4],5,2)) and
  // torch.matmul(P([2,2,3],7,3), P([3],5,2)).
  HostTensor lhsVector = matmul(
      {patternTensor(F32, {3}, 7, 3), patternTensor(F32, {2, 3, 4}, 5, 2)});
  expectTensor(lhsVector, F32, {2, 4}, {1, 5, 4, -2, 4, -2, -8, 1});
  HostTensor rhsVector = matmul(
      {patternTensor(F32, {2, 2, 3}, 7, 3), patternTensor(F32, {3}, 5, 2)});
  expectTensor(rhsVector, F32, {2, 2}, {8, -1, -3, 2});
}

TEST_F(EvalContractionTest, MatmulBroadcastsBatchDimensions) {
  // torch.matmul(P([2,1,2,3],7,3), P([3,3,2],5,2)): batch [2,1] x [3].
  HostTensor r = matmul({patternTensor(F32, {2, 1, 2, 3}, 7, 3),
                         patternTensor(F32, {3, 3, 2}, 5, 2)});
  expectTensor(r, F32, {2, 3, 2, 2},
               {4,   3,  4, -3, 3,  -3, -3, 0,  -3, 1, 0,  -2,
                -10, -2, 4, -1, -2, -4, -1, -1, -4, 9, -1, -1});
}

TEST_F(EvalContractionTest, MatmulTransposesOperands) {
  // torch.matmul(P([2,3,2],7,3).transpose(-1,-2),
  // P([4,3],5,2).transpose(-1,-2)).
  HostTensor r = matmul(
      {patternTensor(F32, {2, 3, 2}, 7, 3), patternTensor(F32, {4, 3}, 5, 2)},
      /*transposeLhs=*/true, /*transposeRhs=*/true);
  expectTensor(r, F32, {2, 2, 4},
               {7, -7, 4, -5, 4, -6, 4, -6, -4, -1, -3, 10, 7, -7, 4, -5});
}

TEST_F(EvalContractionTest, MatmulF32AccumulatesInDouble) {
  // 1e8 + 1 - 1e8: 1 in double; 0 if summed in float (1e8 + 1 rounds to 1e8).
  HostTensor r = matmul(
      {hostTensor(F32, {3}, {1e8, 1, -1e8}), hostTensor(F32, {3}, {1, 1, 1})});
  expectTensor(r, F32, {}, {1});
}

TEST_F(EvalContractionTest, MatmulHalfAccumulatesInFloat) {
  // f16: 2048 + 1 + 1 = 2050 (representable, spacing 2 above 2048) in float;
  // rounding every step to f16 would give 2048 (2049 ties to even 2048).
  HostTensor half = matmul({hostTensor(DType::F16, {3}, {2048, 1, 1}),
                            hostTensor(DType::F16, {3}, {1, 1, 1})});
  expectTensor(half, DType::F16, {}, {2050});
  // bf16 (8 significant bits): 256 + 1 + 1 = 258 in float, 256 stepwise.
  HostTensor bf16 = matmul({hostTensor(DType::BF16, {1, 3}, {256, 1, 1}),
                            hostTensor(DType::BF16, {3, 1}, {1, 1, 1})});
  expectTensor(bf16, DType::BF16, {1, 1}, {258});
}

TEST_F(EvalContractionTest, MatmulIntegersWrap) {
  // i8: 100 + 100 = 200 wraps to 200 - 256 = -56.
  HostTensor i8 = matmul({hostTensor(DType::I8, {2}, {100, 100}),
                          hostTensor(DType::I8, {2}, {1, 1})});
  expectTensor(i8, DType::I8, {}, {-56});
  // i32: 65536 * 65536 + 65536 = 2^32 + 65536 wraps to 65536.
  HostTensor i32 = matmul({hostTensor(DType::I32, {2}, {65536, 65536}),
                           hostTensor(DType::I32, {2}, {65536, 1})});
  expectTensor(i32, DType::I32, {}, {65536});
  // i64: 2^62 * 2 + 2^62 * 2 = 2^64 wraps to 0.
  HostTensor i64 = matmul({hostTensor(DType::I64, {2}, {0x1p62, 0x1p62}),
                           hostTensor(DType::I64, {2}, {2, 2})});
  expectTensor(i64, DType::I64, {}, {0});
}

TEST_F(EvalContractionTest, MatmulI64IsExact) {
  // (2^53 + 1) + 1 = 2^53 + 2; in double the sum would be 2^53.
  HostTensor lhs(DType::I64, {2}), rhs(DType::I64, {2});
  lhs.setInt(0, (int64_t(1) << 53) + 1);
  lhs.setInt(1, 1);
  rhs.setInt(0, 1);
  rhs.setInt(1, 1);
  HostTensor r = matmul({lhs, rhs});
  ASSERT_EQ(r.numElements(), 1);
  EXPECT_EQ(r.getInt(0), (int64_t(1) << 53) + 2);
}

//===----------------------------------------------------------------------===//
// conv
//===----------------------------------------------------------------------===//

TEST_F(EvalContractionTest, Conv1dStridePadsDilationBias) {
  // conv(P([1,2,7],7,3), P([3,2,3],5,2), P([3],3,1), [2], [1,2], [2], 1).
  HostTensor r =
      conv({patternTensor(F32, {1, 2, 7}, 7, 3),
            patternTensor(F32, {3, 2, 3}, 5, 2), patternTensor(F32, {3}, 3, 1)},
           {2}, {1, 2}, {2}, 1);
  expectTensor(r, F32, {1, 3, 3}, {-3, -3, 1, 4, -2, -4, 1, 9, 1});
}

TEST_F(EvalContractionTest, Conv2dGroupsAsymmetricPads) {
  // conv(P([2,4,5,5],7,3), P([6,2,3,3],5,2), None, [2,1], [1,0,1,2], [1,2], 2).
  HostTensor r = conv({patternTensor(F32, {2, 4, 5, 5}, 7, 3),
                       patternTensor(F32, {6, 2, 3, 3}, 5, 2)},
                      {2, 1}, {1, 0, 1, 2}, {1, 2}, 2);
  expectTensor(r, F32, {2, 6, 3, 3},
               {-10, -10, -3,  6,   -4,  7,   10,  9,   -11, 5,   15,  0,
                1,   -1,  -12, -16, -3,  4,   5,   -10, -7,  -9,  -13, 14,
                23,  0,   -1,  -4,  1,   19,  34,  -5,  -19, -10, -11, -8,
                10,  9,   -11, -23, -4,  -3,  9,   19,  16,  -16, -3,  4,
                10,  7,   18,  3,   -11, -10, -8,  4,   4,   14,  18,  8,
                -18, -10, -2,  6,   -1,  -2,  -18, -16, 8,   14,  4,   4,
                -10, -11, -8,  5,   20,  -2,  -4,  -2,  -10, 15,  16,  -8,
                -24, -12, -19, -4,  16,  19,  -18, -10, -2,  11,  -2,  20,
                14,  -8,  -11, 14,  4,   4,   11,  8,   -16, -18, -2,  -1});
}

TEST_F(EvalContractionTest, Conv2dDepthwiseBias) {
  // conv(P([1,3,4,4],7,3), P([3,1,2,2],5,2), P([3],4,1), [2,2], [0]*4,
  // [1,1], 3).
  HostTensor r = conv({patternTensor(F32, {1, 3, 4, 4}, 7, 3),
                       patternTensor(F32, {3, 1, 2, 2}, 5, 2),
                       patternTensor(F32, {3}, 4, 1)},
                      {2, 2}, {0, 0, 0, 0}, {1, 1}, 3);
  expectTensor(r, F32, {1, 3, 2, 2},
               {9, -2, 7, -4, -5, 0, 1, -1, 11, -3, 11, -10});
}

TEST_F(EvalContractionTest, Conv3d) {
  // conv(P([1,2,3,4,4],7,3), P([2,2,2,3,3],5,2), None, [1,2,1],
  // [0,1,1,1,0,1], [1,1,1], 1).
  HostTensor r = conv({patternTensor(F32, {1, 2, 3, 4, 4}, 7, 3),
                       patternTensor(F32, {2, 2, 2, 3, 3}, 5, 2)},
                      {1, 2, 1}, {0, 1, 1, 1, 0, 1}, {1, 1, 1}, 1);
  expectTensor(r, F32, {1, 2, 3, 2, 4},
               {-8,  6,  4,   -5,  15, 9,  -14, 16, -8, 2,   7,  -7,
                -8,  12, -11, -5,  6,  2,  16,  -7, 5,  16,  -7, -15,
                -3,  -6, 3,   -8,  -6, 12, -17, -8, -1, -16, 7,  -1,
                -17, 3,  16,  -10, -3, 7,  16,  18, 6,  17,  18, -6});
}

TEST_F(EvalContractionTest, ConvHalfAccumulatesInFloatAndIntegersWrap) {
  // f16: 2048 + 1 + 1 = 2050 in float (2048 if rounded stepwise).
  HostTensor half = conv({hostTensor(DType::F16, {1, 1, 3}, {2048, 1, 1}),
                          hostTensor(DType::F16, {1, 1, 3}, {1, 1, 1})},
                         {1}, {0, 0}, {1}, 1);
  expectTensor(half, DType::F16, {1, 1, 1}, {2050});
  // i8: 100 + 100 = 200 wraps to -56, plus bias 27 gives -29.
  HostTensor i8 = conv({hostTensor(DType::I8, {1, 1, 2}, {100, 100}),
                        hostTensor(DType::I8, {1, 1, 2}, {1, 1}),
                        hostTensor(DType::I8, {1}, {27})},
                       {1}, {0, 0}, {1}, 1);
  expectTensor(i8, DType::I8, {1, 1, 1}, {-29});
}

TEST_F(EvalContractionTest, ConvResNetLayerSize) {
  // A 3x3, 64 -> 64 channel conv on 56x56 (ResNet-50 stage 1). Spot checks
  // against sums written out here: with x = P(..., 7, 3) and w = 1, output
  // (0, m, 0, 0) sums the 2x2 real corner of every input channel (pads 1):
  // the corner of channel c holds elements c*3136 + {0, 1, 56, 57}.
  HostTensor x = patternTensor(F32, {1, 64, 56, 56}, 7, 3);
  HostTensor w = hostTensor(F32, {64, 64, 3, 3}, Doubles(64 * 64 * 9, 1.0));
  auto start = std::chrono::steady_clock::now();
  HostTensor r = conv({x, w}, {1, 1}, {1, 1, 1, 1}, {1, 1}, 1);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  RecordProperty("seconds", std::to_string(seconds));
  std::printf("[          ] 1x64x56x56 3x3 conv, 64 channels: %.3f s\n",
              seconds);
  EXPECT_LT(seconds, 60.0);
  ASSERT_EQ(r.shape(), (std::vector<int64_t>{1, 64, 56, 56}));
  double corner = 0;
  for (int64_t c = 0; c < 64; ++c)
    for (int64_t i : {0, 1, 56, 57})
      corner += static_cast<double>((c * 3136 + i) % 7 - 3);
  EXPECT_EQ(r.getDouble(0), corner);
  EXPECT_EQ(r.getDouble(63 * 3136), corner);
}

//===----------------------------------------------------------------------===//
// conv_transpose
//===----------------------------------------------------------------------===//

TEST_F(EvalContractionTest, ConvTransposeScatters) {
  // By hand: input [1, 2], kernel [1, 10], stride 2: element 0 writes 1, 10
  // at 0, 1, element 1 writes 2, 20 at 2, 3.
  HostTensor r = convTranspose(
      {hostTensor(F32, {1, 1, 2}, {1, 2}), hostTensor(F32, {1, 1, 2}, {1, 10})},
      {2}, {0, 0}, {1}, {0}, 1);
  expectTensor(r, F32, {1, 1, 4}, {1, 10, 2, 20});
}

TEST_F(EvalContractionTest, ConvTranspose1dOutputPaddingBias) {
  // convT(P([1,2,3],7,3), P([2,2,3],5,2), P([2],3,1), [2], [1,0], [1], [1],
  // 1): the output_padding position holds only the bias.
  HostTensor r = convTranspose({patternTensor(F32, {1, 2, 3}, 7, 3),
                                patternTensor(F32, {2, 2, 3}, 5, 2),
                                patternTensor(F32, {2}, 3, 1)},
                               {2}, {1, 0}, {1}, {1}, 1);
  expectTensor(r, F32, {1, 2, 7},
               {2, 2, 1, 0, 0, 1, -1, -6, 6, -6, 6, -6, 0, 0});
}

TEST_F(EvalContractionTest, ConvTranspose2dGroupsDilation) {
  // convT(P([1,4,2,3],7,3), P([4,2,2,2],5,2), P([4],3,1), [2,1],
  // [1,0,0,1], [1,2], [1,0], 2).
  HostTensor r = convTranspose({patternTensor(F32, {1, 4, 2, 3}, 7, 3),
                                patternTensor(F32, {4, 2, 2, 2}, 5, 2),
                                patternTensor(F32, {4}, 3, 1)},
                               {2, 1}, {1, 0, 0, 1}, {1, 2}, {1, 0}, 2);
  expectTensor(r, F32, {1, 4, 4, 4},
               {-7, 5,  -3, 0, -2, -3, -6, -2, 1,  -1, -2, 0,  -1, -1, -1, -1,
                9,  -4, -9, 6, 0,  2,  3,  -2, -2, -1, 2,  0,  0,  0,  0,  0,
                2,  2,  -1, 7, -3, -2, 5,  5,  2,  2,  -2, -1, 1,  1,  1,  1,
                -3, -5, -6, 0, 0,  -1, -6, -4, 5,  3,  2,  0,  -1, -1, -1, -1});
}

TEST_F(EvalContractionTest, ConvTranspose2dStrideOutputPadding) {
  // The ODS example's attributes on smaller operands:
  // convT(P([1,1,2,2],7,3), P([1,2,3,3],5,2), None, [2,2], [0]*4, [1,1],
  // [1,1], 1).
  HostTensor r = convTranspose({patternTensor(F32, {1, 1, 2, 2}, 7, 3),
                                patternTensor(F32, {1, 2, 3, 3}, 5, 2)},
                               {2, 2}, {0, 0, 0, 0}, {1, 1}, {1, 1}, 1);
  expectTensor(r, F32, {1, 2, 6, 6},
               {6,  3,  4, 2,  0,  0, -3, -6, 4,  -4, 4,  0,  5, 1,  -1,
                0,  -2, 0, -1, -2, 2, 0,  0,  0,  1,  0,  -1, 0, 0,  0,
                0,  0,  0, 0,  0,  0, -6, 6,  -1, 4,  2,  0,  0, -3, -6,
                -2, -4, 0, 4,  5,  5, 2,  0,  0,  0,  -1, -2, 0, 0,  0,
                2,  1,  0, 0,  0,  0, 0,  0,  0,  0,  0,  0});
}

} // namespace
