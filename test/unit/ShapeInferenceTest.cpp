// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests of the pure shape rules in ir/ShapeInference.h. Every expected shape
// is worked out by hand from the NumPy / ONNX / PyTorch definitions (the
// arithmetic is in the comments), never copied from the implementation.

#include "ir/ShapeInference.h"

#include "TestDiagnostics.h"

#include "mlir/IR/Location.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

using namespace mlir;
using namespace mlir::tessera;

namespace {

using tessera_test::Messages;
using Shape = std::vector<int64_t>;

Shape toShape(ArrayRef<int64_t> shape) { return Shape(shape.begin(), shape.end()); }

/// Runs the shape rules with an OpErrorEmitter for a fictitious op
/// "tessera.x" and captures what they report. Every test takes the
/// diagnostics it expects; none may be left over.
class ShapeInferenceTest : public tessera_test::DiagnosticTest {
protected:
  OpErrorEmitter emitter() { return {UnknownLoc::get(&context), "tessera.x"}; }

  std::optional<Shape> broadcast(const std::vector<Shape> &shapes) {
    SmallVector<ArrayRef<int64_t>> refs(shapes.begin(), shapes.end());
    SmallVector<int64_t> out;
    if (failed(broadcastShapes(refs, out, emitter())))
      return std::nullopt;
    return toShape(out);
  }

  std::optional<Shape> reduce(const Shape &input, const Shape &axes,
                              bool keepDims) {
    SmallVector<int64_t> out;
    if (failed(inferReduceShape(input, axes, keepDims, out, emitter())))
      return std::nullopt;
    return toShape(out);
  }

  std::optional<Shape> matmul(const Shape &lhs, const Shape &rhs,
                              bool transposeLhs = false,
                              bool transposeRhs = false) {
    SmallVector<int64_t> out;
    if (failed(inferMatmulShape(lhs, rhs, transposeLhs, transposeRhs, out,
                                emitter())))
      return std::nullopt;
    return toShape(out);
  }

  std::optional<Shape> conv(const Shape &input, const Shape &weight,
                            const Shape &strides, const Shape &pads,
                            const Shape &dilations, int64_t groups) {
    SmallVector<int64_t> out;
    if (failed(inferConvShape(input, weight, strides, pads, dilations, groups,
                              out, emitter())))
      return std::nullopt;
    return toShape(out);
  }

  std::optional<Shape> convTranspose(const Shape &input, const Shape &weight,
                                     const Shape &strides, const Shape &pads,
                                     const Shape &dilations,
                                     const Shape &outputPadding,
                                     int64_t groups) {
    SmallVector<int64_t> out;
    if (failed(inferConvTransposeShape(input, weight, strides, pads, dilations,
                                       outputPadding, groups, out, emitter())))
      return std::nullopt;
    return toShape(out);
  }

  std::optional<Shape> pool(const Shape &input, const Shape &kernel,
                            const Shape &strides, const Shape &pads,
                            const Shape &dilations, bool ceilMode) {
    SmallVector<int64_t> out;
    if (failed(inferPoolShape(input, kernel, strides, pads, dilations,
                              ceilMode, out, emitter())))
      return std::nullopt;
    return toShape(out);
  }

  std::optional<Shape> transpose(const Shape &input, const Shape &perm) {
    SmallVector<int64_t> out;
    if (failed(inferTransposeShape(input, perm, out, emitter())))
      return std::nullopt;
    return toShape(out);
  }

  std::optional<Shape> concat(const std::vector<Shape> &inputs, int64_t axis) {
    SmallVector<ArrayRef<int64_t>> refs(inputs.begin(), inputs.end());
    SmallVector<int64_t> out;
    if (failed(inferConcatShape(refs, axis, out, emitter())))
      return std::nullopt;
    return toShape(out);
  }

  bool slice(const Shape &input, const Shape &offsets, const Shape &sizes,
             const Shape &strides) {
    return succeeded(verifySlice(input, offsets, sizes, strides, emitter()));
  }

  /// Padding modes as inferPadShape sees them: constant reads no input;
  /// reflect, edge and wrap replicate it, reflect also excludes the edge.
  enum class PadMode { Constant, Reflect, Edge };
  std::optional<Shape> pad(const Shape &input, const Shape &pads,
                           PadMode mode) {
    SmallVector<int64_t> out;
    if (failed(inferPadShape(input, pads, mode == PadMode::Reflect,
                             mode != PadMode::Constant, out, emitter())))
      return std::nullopt;
    return toShape(out);
  }
};

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, FormatShapeAndNumElements) {
  EXPECT_EQ(formatShape({2, 3, 4}), "[2, 3, 4]");
  EXPECT_EQ(formatShape({}), "[]");
  EXPECT_EQ(getNumElements({2, 3, 4}), 24);
  EXPECT_EQ(getNumElements({}), 1); // A scalar has one element.
  EXPECT_EQ(getNumElements({5, 0, 7}), 0);
}

TEST_F(ShapeInferenceTest, EmitterWithoutLocationReportsNothing) {
  // An OpErrorEmitter without a location is the "probe only" emitter: the
  // rules still reject the shapes, but nothing reaches the context.
  const int64_t a[] = {2, 3}, b[] = {4};
  SmallVector<ArrayRef<int64_t>> shapes = {a, b};
  SmallVector<int64_t> out;
  OpErrorEmitter probe{std::nullopt, "tessera.x"};
  EXPECT_TRUE(failed(broadcastShapes(shapes, out, probe)));
  EXPECT_EQ(diagnostics.take(), Messages{});
  // Every rule fails when probing, whatever it checks.
  EXPECT_TRUE(failed(verifyAxes({1, 0}, 2, probe)));
  EXPECT_TRUE(failed(inferMatmulShape({3, 4}, {5, 6}, false, false, out, probe)));
  EXPECT_TRUE(failed(inferConvShape({1, 4, 5, 5}, {6, 3, 3, 3}, {1, 1},
                                    {0, 0, 0, 0}, {1, 1}, 2, out, probe)));
  EXPECT_TRUE(failed(inferTransposeShape({2, 3}, {0, 0}, out, probe)));
  EXPECT_EQ(diagnostics.take(), Messages{});
  // The same call with a location reports.
  EXPECT_TRUE(failed(broadcastShapes(shapes, out, emitter())));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op operand shapes [2, 3] and [4] are "
                     "not broadcast-compatible"});
}

//===----------------------------------------------------------------------===//
// broadcastShapes / isBroadcastableTo
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, BroadcastRanksDiffer) {
  // Align trailing dims: [2,1,3] vs [_,4,1] -> [2, max(1,4), max(3,1)].
  EXPECT_EQ(broadcast({{2, 1, 3}, {4, 1}}), Shape({2, 4, 3}));
  EXPECT_EQ(broadcast({{4, 1}, {2, 1, 3}}), Shape({2, 4, 3}));
  // NumPy docs example: 8x1x6x1 with 7x1x5 -> 8x7x6x5.
  EXPECT_EQ(broadcast({{8, 1, 6, 1}, {7, 1, 5}}), Shape({8, 7, 6, 5}));
  // [5,4] with [4] -> [5,4]; [5,4] with [1] -> [5,4].
  EXPECT_EQ(broadcast({{5, 4}, {4}}), Shape({5, 4}));
  EXPECT_EQ(broadcast({{5, 4}, {1}}), Shape({5, 4}));
}

TEST_F(ShapeInferenceTest, BroadcastUnitDims) {
  // [3,1] with [1,4] -> [3,4] (each side stretches the other's 1).
  EXPECT_EQ(broadcast({{3, 1}, {1, 4}}), Shape({3, 4}));
  // All ones stay ones.
  EXPECT_EQ(broadcast({{1, 1}, {1}}), Shape({1, 1}));
  // A zero-size dim broadcasts with 1 (NumPy: (0,) + (1,) -> (0,)).
  EXPECT_EQ(broadcast({{0}, {1}}), Shape({0}));
  EXPECT_EQ(broadcast({{1}, {0}}), Shape({0}));
}

TEST_F(ShapeInferenceTest, BroadcastRankZero) {
  EXPECT_EQ(broadcast({{}, {3, 2}}), Shape({3, 2}));
  EXPECT_EQ(broadcast({{3, 2}, {}}), Shape({3, 2}));
  EXPECT_EQ(broadcast({{}, {}}), Shape({}));
}

TEST_F(ShapeInferenceTest, BroadcastThreeShapes) {
  // [8,1,6,1], [7,1,5], [6,1] -> [8,7,6,5].
  EXPECT_EQ(broadcast({{8, 1, 6, 1}, {7, 1, 5}, {6, 1}}), Shape({8, 7, 6, 5}));
  // select-like: [4] cond, [2,4] true, [1] false -> [2,4].
  EXPECT_EQ(broadcast({{4}, {2, 4}, {1}}), Shape({2, 4}));
}

TEST_F(ShapeInferenceTest, BroadcastIncompatible) {
  // Trailing dims 3 and 4 differ and neither is 1.
  EXPECT_FALSE(broadcast({{2, 3}, {4}}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op operand shapes [2, 3] and [4] are "
                     "not broadcast-compatible"});

  // 0 only broadcasts with 1 and 0.
  EXPECT_FALSE(broadcast({{0}, {3}}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op operand shapes [0] and [3] are "
                     "not broadcast-compatible"});

  // With three shapes all of them are named; [2,1] and [3] give [2,3], which
  // clashes with [4].
  EXPECT_FALSE(broadcast({{2, 1}, {3}, {4}}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op operand shapes [2, 1], [3] and [4] "
                     "are not broadcast-compatible"});

  // A rank-0 shape is printed as [].
  EXPECT_FALSE(broadcast({{}, {2}, {3}}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op operand shapes [], [2] and [3] are "
                     "not broadcast-compatible"});
}

TEST_F(ShapeInferenceTest, IsBroadcastableTo) {
  EXPECT_TRUE(isBroadcastableTo({3, 1}, {2, 3, 4}));
  EXPECT_TRUE(isBroadcastableTo({}, {2, 3}));
  EXPECT_TRUE(isBroadcastableTo({4}, {3, 4}));
  EXPECT_TRUE(isBroadcastableTo({5}, {5}));
  EXPECT_TRUE(isBroadcastableTo({1, 1}, {1, 1}));
  // Unidirectional: |to| never stretches.
  EXPECT_FALSE(isBroadcastableTo({2, 1}, {1, 1}));
  EXPECT_FALSE(isBroadcastableTo({3}, {3, 4}));
  // |from| may not have a higher rank, even with unit dims.
  EXPECT_FALSE(isBroadcastableTo({1, 1}, {5}));
  EXPECT_FALSE(isBroadcastableTo({2, 3}, {3}));
}

//===----------------------------------------------------------------------===//
// verifyAxis / verifyAxes / inferReduceShape
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, VerifyAxis) {
  EXPECT_TRUE(succeeded(verifyAxis(0, 2, "axis", emitter())));
  EXPECT_TRUE(succeeded(verifyAxis(1, 2, "axis", emitter())));
  EXPECT_TRUE(failed(verifyAxis(2, 2, "axis", emitter())));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected axis in [0, 2), got 2"});
  EXPECT_TRUE(failed(verifyAxis(-1, 3, "dim", emitter())));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected dim in [0, 3), got -1"});
}

TEST_F(ShapeInferenceTest, VerifyAxes) {
  EXPECT_TRUE(succeeded(verifyAxes({}, 0, emitter())));
  EXPECT_TRUE(succeeded(verifyAxes({}, 3, emitter())));
  EXPECT_TRUE(succeeded(verifyAxes({0, 2}, 3, emitter())));
  EXPECT_TRUE(succeeded(verifyAxes({0, 1, 2}, 3, emitter())));

  EXPECT_TRUE(failed(verifyAxes({2, 0}, 3, emitter())));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected sorted, unique axes, got "
                     "[2, 0]"});
  EXPECT_TRUE(failed(verifyAxes({1, 1}, 3, emitter())));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected sorted, unique axes, got "
                     "[1, 1]"});
  EXPECT_TRUE(failed(verifyAxes({0, 3}, 3, emitter())));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected axes in [0, 3), got "
                     "[0, 3]"});
  EXPECT_TRUE(failed(verifyAxes({-1}, 3, emitter())));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected axes in [0, 3), got [-1]"});
  // A scalar has no axis at all.
  EXPECT_TRUE(failed(verifyAxes({0}, 0, emitter())));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected axes in [0, 0), got [0]"});
}

TEST_F(ShapeInferenceTest, ReduceShape) {
  // Reducing axis 1 of [2,3,4]: drop it -> [2,4]; keep it as 1 -> [2,1,4].
  EXPECT_EQ(reduce({2, 3, 4}, {1}, false), Shape({2, 4}));
  EXPECT_EQ(reduce({2, 3, 4}, {1}, true), Shape({2, 1, 4}));
  // Axes 0 and 2 -> [3] or [1,3,1].
  EXPECT_EQ(reduce({2, 3, 4}, {0, 2}, false), Shape({3}));
  EXPECT_EQ(reduce({2, 3, 4}, {0, 2}, true), Shape({1, 3, 1}));
  // All axes -> a scalar, or all ones.
  EXPECT_EQ(reduce({2, 3, 4}, {0, 1, 2}, false), Shape({}));
  EXPECT_EQ(reduce({2, 3, 4}, {0, 1, 2}, true), Shape({1, 1, 1}));
  // No axes reduce nothing.
  EXPECT_EQ(reduce({2, 3, 4}, {}, false), Shape({2, 3, 4}));
  EXPECT_EQ(reduce({}, {}, true), Shape({}));
}

TEST_F(ShapeInferenceTest, ReduceShapeInvalidAxes) {
  EXPECT_FALSE(reduce({2, 3}, {1, 0}, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected sorted, unique axes, got "
                     "[1, 0]"});
  EXPECT_FALSE(reduce({2, 3}, {2}, true));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected axes in [0, 2), got [2]"});
}

//===----------------------------------------------------------------------===//
// inferMatmulShape (NumPy matmul)
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, MatmulMatrices) {
  // [3,4] @ [4,5] -> [3,5].
  EXPECT_EQ(matmul({3, 4}, {4, 5}), Shape({3, 5}));
  // K = 1 (outer product): [3,1] @ [1,5] -> [3,5].
  EXPECT_EQ(matmul({3, 1}, {1, 5}), Shape({3, 5}));
}

TEST_F(ShapeInferenceTest, MatmulVectors) {
  // vector . vector -> scalar.
  EXPECT_EQ(matmul({4}, {4}), Shape({}));
  // [4] @ [4,5]: lhs promoted to [1,4], the 1 is dropped -> [5].
  EXPECT_EQ(matmul({4}, {4, 5}), Shape({5}));
  // [3,4] @ [4]: rhs promoted to [4,1], the 1 is dropped -> [3].
  EXPECT_EQ(matmul({3, 4}, {4}), Shape({3}));
  // Batched matrix times vector: [2,3,4] @ [4] -> [2,3].
  EXPECT_EQ(matmul({2, 3, 4}, {4}), Shape({2, 3}));
  // Vector times batched matrix: [4] @ [2,4,5] -> [2,5].
  EXPECT_EQ(matmul({4}, {2, 4, 5}), Shape({2, 5}));
  // Vectors of different lengths do not contract.
  EXPECT_FALSE(matmul({4}, {3}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op contracting dimensions differ: lhs "
                     "[4] has 4, rhs [3] has 3"});
}

TEST_F(ShapeInferenceTest, MatmulTransposes) {
  // transpose_lhs: [4,3]^T = [3,4]; @ [4,5] -> [3,5].
  EXPECT_EQ(matmul({4, 3}, {4, 5}, true, false), Shape({3, 5}));
  // transpose_rhs (ODS example): [8,16,32] @ [64,32]^T = [32,64] -> [8,16,64].
  EXPECT_EQ(matmul({8, 16, 32}, {64, 32}, false, true), Shape({8, 16, 64}));
  // Both: [4,3]^T @ [5,4]^T = [3,4] @ [4,5] -> [3,5].
  EXPECT_EQ(matmul({4, 3}, {5, 4}, true, true), Shape({3, 5}));
  // Only the last two dims swap: [2,4,3]^T = [2,3,4]; @ [4,6] -> [2,3,6].
  EXPECT_EQ(matmul({2, 4, 3}, {4, 6}, true, false), Shape({2, 3, 6}));

  // [3,4]^T = [4,3] has K = 3, but [4,5] has K = 4.
  EXPECT_FALSE(matmul({3, 4}, {4, 5}, true, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op contracting dimensions differ: lhs "
                     "[3, 4] (transposed) has 3, rhs [4, 5] has 4"});
  EXPECT_FALSE(matmul({3, 4}, {4, 5}, false, true));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op contracting dimensions differ: lhs "
                     "[3, 4] has 4, rhs [4, 5] (transposed) has 5"});
}

TEST_F(ShapeInferenceTest, MatmulBatchBroadcast) {
  // Batch dims [2,1] and [5] broadcast to [2,5]; [3,4] @ [4,6] -> [3,6].
  EXPECT_EQ(matmul({2, 1, 3, 4}, {5, 4, 6}), Shape({2, 5, 3, 6}));
  // Batch [] (plain matrix) with [7]: [3,4] @ [7,4,2] -> [7,3,2].
  EXPECT_EQ(matmul({3, 4}, {7, 4, 2}), Shape({7, 3, 2}));
  // Equal batches.
  EXPECT_EQ(matmul({6, 3, 4}, {6, 4, 2}), Shape({6, 3, 2}));

  // Batch 2 vs 3 do not broadcast: exactly one diagnostic, naming the batch
  // dims (the inner broadcast failure is only probed, not reported).
  EXPECT_FALSE(matmul({2, 3, 4}, {3, 4, 5}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op batch dimensions [2] and [3] are "
                     "not broadcast-compatible"});
  EXPECT_FALSE(matmul({2, 1, 3, 4}, {3, 5, 4, 6}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op batch dimensions [2, 1] and [3, 5] "
                     "are not broadcast-compatible"});
}

TEST_F(ShapeInferenceTest, MatmulInvalidRanks) {
  EXPECT_FALSE(matmul({}, {3}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected operands of rank >= 1, got "
                     "ranks 0 and 1"});
  EXPECT_FALSE(matmul({4}, {4, 5}, true, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op transposed operand must have rank "
                     ">= 2"});
  EXPECT_FALSE(matmul({3, 4}, {4}, false, true));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op transposed operand must have rank "
                     ">= 2"});
}

//===----------------------------------------------------------------------===//
// inferConvShape: O = floor((D + pb + pe - dil*(K-1) - 1) / s) + 1
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, ConvResNetStem) {
  // 224 + 3 + 3 - 1*(7-1) - 1 = 223; floor(223 / 2) + 1 = 111 + 1 = 112.
  EXPECT_EQ(conv({1, 3, 224, 224}, {64, 3, 7, 7}, {2, 2}, {3, 3, 3, 3}, {1, 1},
                 1),
            Shape({1, 64, 112, 112}));
}

TEST_F(ShapeInferenceTest, ConvDepthwiseMobileNet) {
  // Depthwise 3x3, groups = C = 32, weight [32, 32/32 = 1, 3, 3], stride 1,
  // pad 1: 112 + 2 - 2 - 1 = 111; 111 / 1 + 1 = 112.
  EXPECT_EQ(conv({1, 32, 112, 112}, {32, 1, 3, 3}, {1, 1}, {1, 1, 1, 1},
                 {1, 1}, 32),
            Shape({1, 32, 112, 112}));
  // Stride-2 depthwise with TF "SAME" padding (0 before, 1 after):
  // 112 + 0 + 1 - 2 - 1 = 110; 110 / 2 + 1 = 56.
  EXPECT_EQ(conv({1, 96, 112, 112}, {96, 1, 3, 3}, {2, 2}, {0, 0, 1, 1},
                 {1, 1}, 96),
            Shape({1, 96, 56, 56}));
  // Depthwise with channel multiplier 2: M = 64 = 2 * 32, weight [64, 1, ..].
  EXPECT_EQ(conv({1, 32, 10, 10}, {64, 1, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1},
                 32),
            Shape({1, 64, 8, 8}));
}

TEST_F(ShapeInferenceTest, ConvPadsAreBeginsThenEnds) {
  // pads = [H_begin, W_begin, H_end, W_end] = [0, 2, 0, 0]:
  // H: 10 + 0 + 0 - 2 - 1 = 7 -> 8;  W: 7 + 2 + 0 - 2 - 1 = 6 -> 7.
  // (Read as [H_begin, H_end, W_begin, W_end] it would be [1,8,10,5].)
  EXPECT_EQ(conv({1, 8, 10, 7}, {8, 1, 3, 3}, {1, 1}, {0, 2, 0, 0}, {1, 1}, 8),
            Shape({1, 8, 8, 7}));
}

TEST_F(ShapeInferenceTest, Conv1dAnd3d) {
  // 1-d: 100 + 2 + 2 - 4 - 1 = 99; 99 / 3 + 1 = 34.
  EXPECT_EQ(conv({4, 16, 100}, {32, 16, 5}, {3}, {2, 2}, {1}, 1),
            Shape({4, 32, 34}));
  // 3-d, kernel 3, pad 1, strides [1,2,2]:
  // D: 16 + 2 - 2 - 1 = 15 -> 15 / 1 + 1 = 16;
  // H, W: 32 + 2 - 2 - 1 = 31 -> 31 / 2 + 1 = 16.
  EXPECT_EQ(conv({2, 3, 16, 32, 32}, {8, 3, 3, 3, 3}, {1, 2, 2},
                 {1, 1, 1, 1, 1, 1}, {1, 1, 1}, 1),
            Shape({2, 8, 16, 16, 16}));
}

TEST_F(ShapeInferenceTest, ConvDilation) {
  // Dilation 2 makes a 3-tap kernel span 2*(3-1)+1 = 5: 10 - 5 = 5 -> 6.
  EXPECT_EQ(conv({1, 1, 10, 10}, {1, 1, 3, 3}, {1, 1}, {0, 0, 0, 0}, {2, 2},
                 1),
            Shape({1, 1, 6, 6}));
  // H: span 3*2+1 = 7, (15 - 7) / 2 + 1 = 5; W: span 3, (15 - 3) / 2 + 1 = 7.
  EXPECT_EQ(conv({1, 1, 15, 15}, {1, 1, 3, 3}, {2, 2}, {0, 0, 0, 0}, {3, 1},
                 1),
            Shape({1, 1, 5, 7}));
  // DeepLab-style atrous 3x3, dilation 6, pad 6 keeps 65: 65 + 12 - 12 - 1
  // = 64 -> 65.
  EXPECT_EQ(conv({1, 256, 65, 65}, {256, 256, 3, 3}, {1, 1}, {6, 6, 6, 6},
                 {6, 6}, 1),
            Shape({1, 256, 65, 65}));
}

TEST_F(ShapeInferenceTest, ConvGroups) {
  // Grouped conv: C = 4, groups = 2 -> 2 channels per group.
  EXPECT_EQ(conv({1, 4, 5, 5}, {6, 2, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 2),
            Shape({1, 6, 3, 3}));

  EXPECT_FALSE(
      conv({1, 4, 5, 5}, {6, 3, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 2));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op weight has 3 input channels per "
                     "group, expected 2 (4 channels / 2 groups)"});
  EXPECT_FALSE(
      conv({1, 4, 5, 5}, {5, 2, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 2));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op input channels (4) and output "
                     "channels (5) must be divisible by groups (2)"});
  EXPECT_FALSE(
      conv({1, 4, 5, 5}, {6, 4, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 0));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected groups >= 1, got 0"});
}

TEST_F(ShapeInferenceTest, ConvKernelFit) {
  // A kernel exactly as large as the input gives one output.
  EXPECT_EQ(conv({1, 1, 5}, {1, 1, 5}, {1}, {0, 0}, {1}, 1), Shape({1, 1, 1}));
  // Padding can make a too-large kernel fit: 4 + 1 + 1 - 4 - 1 = 1 -> 2.
  EXPECT_EQ(conv({1, 1, 4}, {1, 1, 5}, {1}, {1, 1}, {1}, 1), Shape({1, 1, 2}));

  EXPECT_FALSE(conv({1, 1, 4, 4}, {1, 1, 5, 5}, {1, 1}, {0, 0, 0, 0}, {1, 1},
                    1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op kernel dimension 0 (size 5, "
                     "dilation 1) does not fit the padded input (size 4)"});
  // Dilation 2 spans 5 > 4 + 0 in dimension 1 only.
  EXPECT_FALSE(conv({1, 1, 9, 4}, {1, 1, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 2},
                    1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op kernel dimension 1 (size 3, "
                     "dilation 2) does not fit the padded input (size 4)"});
}

TEST_F(ShapeInferenceTest, ConvInvalidAttributes) {
  EXPECT_FALSE(conv({3, 224}, {64, 3}, {}, {}, {}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected input of rank >= 3 [N, C, "
                     "spatial...], got rank 2"});
  EXPECT_FALSE(conv({1, 3, 8, 8}, {4, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected weight of rank 4 like the "
                     "input, got rank 3"});
  EXPECT_FALSE(conv({1, 3, 8, 8}, {4, 3, 3, 3}, {1}, {0, 0, 0, 0}, {1, 1}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected 2 strides, got 1"});
  EXPECT_FALSE(conv({1, 3, 8, 8}, {4, 3, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected 2 dilations, got 1"});
  EXPECT_FALSE(conv({1, 3, 8, 8}, {4, 3, 3, 3}, {1, 1}, {0, 0}, {1, 1}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected 4 pads, got 2"});
  EXPECT_FALSE(
      conv({1, 3, 8, 8}, {4, 3, 3, 3}, {0, 1}, {0, 0, 0, 0}, {1, 1}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected strides >= 1, got [0, 1]"});
  EXPECT_FALSE(
      conv({1, 3, 8, 8}, {4, 3, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 0}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected dilations >= 1, got "
                     "[1, 0]"});
  EXPECT_FALSE(
      conv({1, 3, 8, 8}, {4, 3, 3, 3}, {1, 1}, {-1, 0, 0, 0}, {1, 1}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected pads >= 0, got "
                     "[-1, 0, 0, 0]"});
}

//===----------------------------------------------------------------------===//
// inferConvTransposeShape (PyTorch ConvTranspose / ONNX ConvTranspose):
//   O = s*(D-1) + output_padding + dil*(K-1) + 1 - pb - pe
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, ConvTransposeShape) {
  // ODS example: 2*(3-1) + 1 + 1*(3-1) + 1 - 0 = 8; M = 2 * 1 group.
  EXPECT_EQ(convTranspose({1, 1, 3, 3}, {1, 2, 3, 3}, {2, 2}, {0, 0, 0, 0},
                          {1, 1}, {1, 1}, 1),
            Shape({1, 2, 8, 8}));
  // DCGAN generator: 1x1 noise to 4x4: 1*0 + 0 + 3 + 1 = 4.
  EXPECT_EQ(convTranspose({1, 100, 1, 1}, {100, 512, 4, 4}, {1, 1},
                          {0, 0, 0, 0}, {1, 1}, {0, 0}, 1),
            Shape({1, 512, 4, 4}));
  // Then 4x4 to 8x8 with stride 2, pad 1: 2*3 + 0 + 3 + 1 - 2 = 8.
  EXPECT_EQ(convTranspose({1, 512, 4, 4}, {512, 256, 4, 4}, {2, 2},
                          {1, 1, 1, 1}, {1, 1}, {0, 0}, 1),
            Shape({1, 256, 8, 8}));
  // U-Net 2x2 up-convolution: 2*27 + 0 + 1 + 1 = 56.
  EXPECT_EQ(convTranspose({1, 64, 28, 28}, {64, 32, 2, 2}, {2, 2},
                          {0, 0, 0, 0}, {1, 1}, {0, 0}, 1),
            Shape({1, 32, 56, 56}));
  // Groups: weight [C=4, M/groups=3, K], M = 3 * 2 = 6; 1*4 + 2 + 1 = 7.
  EXPECT_EQ(convTranspose({1, 4, 5}, {4, 3, 3}, {1}, {0, 0}, {1}, {0}, 2),
            Shape({1, 6, 7}));
  // Dilation 2: 1*3 + 0 + 2*2 + 1 = 8; output_padding 1 < dilation 2 is
  // allowed even with stride 1: 9.
  EXPECT_EQ(convTranspose({1, 1, 4}, {1, 1, 3}, {1}, {0, 0}, {2}, {0}, 1),
            Shape({1, 1, 8}));
  EXPECT_EQ(convTranspose({1, 1, 4}, {1, 1, 3}, {1}, {0, 0}, {2}, {1}, 1),
            Shape({1, 1, 9}));
  // Asymmetric pads [H_begin=1, W_begin=0, H_end=0, W_end=0], 1x1 kernel,
  // stride 1: H = 3 - 1 = 2, W = 3.
  EXPECT_EQ(convTranspose({1, 1, 3, 3}, {1, 1, 1, 1}, {1, 1}, {1, 0, 0, 0},
                          {1, 1}, {0, 0}, 1),
            Shape({1, 1, 2, 3}));
}

TEST_F(ShapeInferenceTest, ConvTransposeInvalid) {
  // output_padding 2 is neither < stride 2 nor < dilation 1.
  EXPECT_FALSE(
      convTranspose({1, 1, 3}, {1, 1, 3}, {2}, {0, 0}, {1}, {2}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op output_padding [2] must be >= 0 "
                     "and smaller than the stride or the dilation in "
                     "dimension 0"});
  EXPECT_FALSE(
      convTranspose({1, 1, 3}, {1, 1, 3}, {2}, {0, 0}, {1}, {-1}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op output_padding [-1] must be >= 0 "
                     "and smaller than the stride or the dilation in "
                     "dimension 0"});
  EXPECT_FALSE(convTranspose({1, 1, 3}, {1, 1, 3}, {2}, {0, 0}, {1}, {}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected 1 output_padding values, "
                     "got 0"});
  // The weight's first dim is the input channels.
  EXPECT_FALSE(
      convTranspose({1, 4, 3}, {3, 4, 3}, {1}, {0, 0}, {1}, {0}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op weight has 3 input channels, "
                     "expected 4"});
  EXPECT_FALSE(
      convTranspose({1, 3, 3}, {3, 1, 3}, {1}, {0, 0}, {1}, {0}, 2));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op input channels (3) must be "
                     "divisible by groups (2)"});
  // 1*0 + 0 + 0 + 1 - 1 - 0 = 0 outputs.
  EXPECT_FALSE(
      convTranspose({1, 1, 1}, {1, 1, 1}, {1}, {1, 0}, {1}, {0}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op pads [1, 0] leave no output in "
                     "dimension 0"});
}

//===----------------------------------------------------------------------===//
// inferPoolShape. PyTorch (aten pooling_output_shape), per dimension:
//   O = floor((D + pb + pe - dil*(K-1) - 1 + (ceil ? s-1 : 0)) / s) + 1
//   if ceil and (O-1)*s >= D + pb: O = O - 1
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, PoolResNetMaxPool) {
  // 112 + 1 + 1 - 2 - 1 = 111; floor(111 / 2) + 1 = 56.
  EXPECT_EQ(pool({1, 64, 112, 112}, {3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1},
                 false),
            Shape({1, 64, 56, 56}));
}

TEST_F(ShapeInferenceTest, PoolCeilMode) {
  // D=6, K=2, s=2, p=1: floor((6+2-1-1+1)/2)+1 = floor(7/2)+1 = 4;
  // (4-1)*2 = 6 < 6+1 = 7 keeps 4. Floor mode: floor(6/2)+1 = 4.
  EXPECT_EQ(pool({1, 1, 6}, {2}, {2}, {1, 1}, {1}, true), Shape({1, 1, 4}));
  EXPECT_EQ(pool({1, 1, 6}, {2}, {2}, {1, 1}, {1}, false), Shape({1, 1, 4}));

  // D=7, K=2, s=2, p=0: ceil floor((7-1-1+1)/2)+1 = 3+1 = 4; (4-1)*2 = 6 < 7
  // keeps 4. Floor mode: floor(5/2)+1 = 3.
  EXPECT_EQ(pool({1, 1, 7}, {2}, {2}, {0, 0}, {1}, true), Shape({1, 1, 4}));
  EXPECT_EQ(pool({1, 1, 7}, {2}, {2}, {0, 0}, {1}, false), Shape({1, 1, 3}));

  // GoogLeNet: D=112, K=3, s=2, p=0: ceil floor((112-2-1+1)/2)+1 = 56,
  // 55*2 = 110 < 112 keeps 56. Floor: floor(109/2)+1 = 55.
  EXPECT_EQ(pool({1, 64, 112, 112}, {3, 3}, {2, 2}, {0, 0, 0, 0}, {1, 1},
                 true),
            Shape({1, 64, 56, 56}));
  EXPECT_EQ(pool({1, 64, 112, 112}, {3, 3}, {2, 2}, {0, 0, 0, 0}, {1, 1},
                 false),
            Shape({1, 64, 55, 55}));

  // Ceil mode with dilation: D=10, K=3, dil=2 (span 5), s=3, p=0:
  // floor((10-4-1+2)/3)+1 = 2+1 = 3; 2*3 = 6 < 10 keeps 3. Floor:
  // floor(5/3)+1 = 2.
  EXPECT_EQ(pool({1, 1, 10}, {3}, {3}, {0, 0}, {2}, true), Shape({1, 1, 3}));
  EXPECT_EQ(pool({1, 1, 10}, {3}, {3}, {0, 0}, {2}, false), Shape({1, 1, 2}));
}

TEST_F(ShapeInferenceTest, PoolCeilModeWindowMustStartInsideInput) {
  // D=5, K=2, s=2, p=1: ceil floor((5+2-1-1+1)/2)+1 = 3+1 = 4, but the 4th
  // window would start at (4-1)*2 = 6 >= 5+1 = 6, i.e. entirely in the end
  // padding, so it is dropped: 3.
  EXPECT_EQ(pool({1, 1, 5}, {2}, {2}, {1, 1}, {1}, true), Shape({1, 1, 3}));
  // Same rule in 2-d, per dimension: H = 5 (as above: 3), W = 7 (p=1:
  // floor((7+2-1-1+1)/2)+1 = 5; 4*2 = 8 >= 7+1 = 8 -> 4).
  EXPECT_EQ(pool({2, 3, 5, 7}, {2, 2}, {2, 2}, {1, 1, 1, 1}, {1, 1}, true),
            Shape({2, 3, 3, 4}));
}

TEST_F(ShapeInferenceTest, Pool3dAndAsymmetricPads) {
  // Non-overlapping 2x2x2 windows halve every spatial dim.
  EXPECT_EQ(pool({1, 2, 4, 6, 8}, {2, 2, 2}, {2, 2, 2}, {0, 0, 0, 0, 0, 0},
                 {1, 1, 1}, false),
            Shape({1, 2, 2, 3, 4}));
  // pads [H_begin=1, W_begin=0, H_end=1, W_end=0], K=2, s=1, D=[4,4]:
  // H: 4 + 1 + 1 - 1 - 1 = 4 -> 5;  W: 4 - 1 - 1 = 2 -> 3.
  EXPECT_EQ(pool({1, 1, 4, 4}, {2, 2}, {1, 1}, {1, 0, 1, 0}, {1, 1}, false),
            Shape({1, 1, 5, 3}));
  // pads [H_begin=0, W_begin=0, H_end=1, W_end=0], K=2, s=2, D=[5,5]:
  // H: floor((5+1-1-1)/2)+1 = 3; W: floor((5-1-1)/2)+1 = 2.
  EXPECT_EQ(pool({1, 1, 5, 5}, {2, 2}, {2, 2}, {0, 0, 1, 0}, {1, 1}, false),
            Shape({1, 1, 3, 2}));
}

TEST_F(ShapeInferenceTest, PoolInvalid) {
  // A pad as large as the (dilated) window would create all-padding windows.
  EXPECT_FALSE(pool({1, 1, 8}, {2}, {2}, {2, 0}, {1}, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op pads [2, 0] must be smaller than "
                     "the window (2) in dimension 0"});
  EXPECT_FALSE(pool({1, 1, 8}, {3}, {1}, {0, 1}, {}, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected 1 dilations, got 0"});
  EXPECT_FALSE(pool({1, 1, 8, 8}, {3}, {1, 1}, {0, 0, 0, 0}, {1, 1}, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected 2 kernel sizes, got 1"});
  EXPECT_FALSE(pool({1, 1, 8, 8}, {0, 2}, {1, 1}, {0, 0, 0, 0}, {1, 1}, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected kernel sizes >= 1, got "
                     "[0, 2]"});
  EXPECT_FALSE(pool({1, 1, 2}, {3}, {1}, {0, 0}, {1}, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op window dimension 0 (size 3) does "
                     "not fit the padded input (size 2)"});
  EXPECT_FALSE(pool({1, 8}, {2}, {1}, {0, 0}, {1}, false));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected input of rank >= 3 [N, C, "
                     "spatial...], got rank 2"});
}

//===----------------------------------------------------------------------===//
// inferTransposeShape: result[i] = input[perm[i]]
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, TransposeShape) {
  EXPECT_EQ(transpose({2, 3, 4}, {0, 2, 1}), Shape({2, 4, 3}));
  // perm [2,0,1]: [input[2], input[0], input[1]] = [4,2,3].
  EXPECT_EQ(transpose({2, 3, 4}, {2, 0, 1}), Shape({4, 2, 3}));
  // perm [1,2,0]: [3,4,2] (the inverse of [2,0,1], not the same shape).
  EXPECT_EQ(transpose({2, 3, 4}, {1, 2, 0}), Shape({3, 4, 2}));
  EXPECT_EQ(transpose({2, 3, 4}, {0, 1, 2}), Shape({2, 3, 4}));
  EXPECT_EQ(transpose({}, {}), Shape({}));
}

TEST_F(ShapeInferenceTest, TransposeInvalidPerm) {
  EXPECT_FALSE(transpose({2, 3, 4}, {0, 1}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected a permutation of 3 "
                     "dimensions, got [0, 1]"});
  EXPECT_FALSE(transpose({2, 3, 4}, {0, 0, 1}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected a permutation of [0, 3), "
                     "got [0, 0, 1]"});
  EXPECT_FALSE(transpose({2, 3, 4}, {0, 1, 3}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected a permutation of [0, 3), "
                     "got [0, 1, 3]"});
  EXPECT_FALSE(transpose({2, 3}, {-1, 0}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected a permutation of [0, 2), "
                     "got [-1, 0]"});
}

//===----------------------------------------------------------------------===//
// inferConcatShape
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, ConcatShape) {
  // 3 + 5 = 8 along axis 1.
  EXPECT_EQ(concat({{2, 3}, {2, 5}}, 1), Shape({2, 8}));
  // 1 + 2 + 3 = 6 along axis 0.
  EXPECT_EQ(concat({{1, 4}, {2, 4}, {3, 4}}, 0), Shape({6, 4}));
  EXPECT_EQ(concat({{2, 3}}, 1), Shape({2, 3}));
  // Empty inputs contribute 0.
  EXPECT_EQ(concat({{0, 3}, {2, 3}}, 0), Shape({2, 3}));
}

TEST_F(ShapeInferenceTest, ConcatInvalid) {
  EXPECT_FALSE(concat({}, 0));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected at least one input"});
  EXPECT_FALSE(concat({{2, 3}, {2, 3}}, 2));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected axis in [0, 2), got 2"});
  EXPECT_FALSE(concat({{}, {}}, 0));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected axis in [0, 0), got 0"});
  EXPECT_FALSE(concat({{2, 3}, {3, 5}}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op input 1 has shape [3, 5], which "
                     "does not match input 0 [2, 3] outside axis 1"});
  EXPECT_FALSE(concat({{2, 3}, {2, 3, 1}}, 0));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op input 1 has shape [2, 3, 1], which "
                     "does not match input 0 [2, 3] outside axis 0"});
  // The third input (index 2) is the culprit.
  EXPECT_FALSE(concat({{2, 3}, {2, 3}, {4, 3}}, 1));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op input 2 has shape [4, 3], which "
                     "does not match input 0 [2, 3] outside axis 1"});
}

//===----------------------------------------------------------------------===//
// verifySlice: element i of dim d reads offsets[d] + i * strides[d]
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, SliceValid) {
  // ODS example: dim 1 reads 9, 7, 5, 3, 1 of [0, 10).
  EXPECT_TRUE(slice({4, 10}, {0, 9}, {4, 5}, {1, -2}));
  // Reads 2, 5, 8 of [0, 10).
  EXPECT_TRUE(slice({10}, {2}, {3}, {3}));
  // Full reversal: 9, 8, ..., 0.
  EXPECT_TRUE(slice({10}, {9}, {10}, {-1}));
  // An empty slice reads nothing, so its offset is irrelevant.
  EXPECT_TRUE(slice({10}, {10}, {0}, {1}));
  EXPECT_TRUE(slice({0}, {0}, {0}, {1}));
  EXPECT_TRUE(slice({}, {}, {}, {}));
}

TEST_F(ShapeInferenceTest, SliceOutOfBounds) {
  // Dim 1 would read 9, 7, 5, 3, 1, -1.
  EXPECT_FALSE(slice({4, 10}, {0, 9}, {4, 6}, {1, -2}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op slice of dimension 1 (offset 9, "
                     "size 6, stride -2) is out of bounds [0, 10)"});
  // Reads 2, 5, 8, 11.
  EXPECT_FALSE(slice({10}, {2}, {4}, {3}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op slice of dimension 0 (offset 2, "
                     "size 4, stride 3) is out of bounds [0, 10)"});
  EXPECT_FALSE(slice({10}, {10}, {1}, {1}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op slice of dimension 0 (offset 10, "
                     "size 1, stride 1) is out of bounds [0, 10)"});
  EXPECT_FALSE(slice({10}, {-1}, {2}, {1}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op slice of dimension 0 (offset -1, "
                     "size 2, stride 1) is out of bounds [0, 10)"});
}

TEST_F(ShapeInferenceTest, SliceInvalidAttributes) {
  EXPECT_FALSE(slice({10}, {0}, {1}, {0}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected non-zero strides, got [0]"});
  EXPECT_FALSE(slice({10}, {0}, {-1}, {1}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected sizes >= 0, got [-1]"});
  EXPECT_FALSE(slice({4, 10}, {0, 0}, {4}, {1, 1}));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected 2 offsets, sizes and "
                     "strides, got 2, 1 and 2"});
}

//===----------------------------------------------------------------------===//
// inferPadShape: D + begin + end
//===----------------------------------------------------------------------===//

TEST_F(ShapeInferenceTest, PadShape) {
  // ODS example: pads [0, 1, 0, 2] on [2, 3]: dim 1 = 3 + 1 + 2 = 6.
  EXPECT_EQ(pad({2, 3}, {0, 1, 0, 2}, PadMode::Constant), Shape({2, 6}));
  // pads = [b0, b1, e0, e1] = [1, 0, 0, 3]: [2+1+0, 3+0+3] = [3, 6].
  EXPECT_EQ(pad({2, 3}, {1, 0, 0, 3}, PadMode::Constant), Shape({3, 6}));
  // Negative pads crop: 5 - 1 - 2 = 2; cropping to exactly 0 is allowed.
  EXPECT_EQ(pad({5}, {-1, -2}, PadMode::Constant), Shape({2}));
  EXPECT_EQ(pad({3}, {-1, -2}, PadMode::Constant), Shape({0}));
  EXPECT_EQ(pad({}, {}, PadMode::Constant), Shape({}));
  // Reflect pads must be < the dimension: [3+2+2, 4+3+3] = [7, 10].
  EXPECT_EQ(pad({3, 4}, {2, 3, 2, 3}, PadMode::Reflect), Shape({7, 10}));
  // A constant pad may exceed the dimension, and so may an edge pad (it
  // repeats the edge element): 3 + 5 + 5 = 13.
  EXPECT_EQ(pad({3}, {3, 0}, PadMode::Constant), Shape({6}));
  EXPECT_EQ(pad({3}, {5, 5}, PadMode::Edge), Shape({13}));
  // An empty dimension can be filled with the constant, and cropped by 0.
  EXPECT_EQ(pad({0, 2}, {1, 0, 1, 0}, PadMode::Constant), Shape({2, 2}));
  EXPECT_EQ(pad({0, 2}, {0, 1, 0, 1}, PadMode::Edge), Shape({0, 4}));
}

TEST_F(ShapeInferenceTest, PadInvalid) {
  EXPECT_FALSE(pad({3}, {3, 0}, PadMode::Reflect));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op reflect pads must be smaller than "
                     "the dimension: dimension 0 has size 3, pads [3, 0]"});
  EXPECT_FALSE(pad({5, 3}, {0, 0, 1, 3}, PadMode::Reflect));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op reflect pads must be smaller than "
                     "the dimension: dimension 1 has size 3, pads [0, 0, 1, 3]"});
  EXPECT_FALSE(pad({3}, {-2, -2}, PadMode::Constant));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op pads [-2, -2] crop dimension 0 "
                     "(size 3) below zero"});
  // Edge, reflect and wrap read the input, which an empty dimension lacks.
  EXPECT_FALSE(pad({0, 2}, {1, 0, 0, 0}, PadMode::Edge));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op cannot pad empty dimension 0 by "
                     "reflecting, repeating or wrapping it"});
  // Cropping 4 from a dimension of 3 is invalid even if the other side pads
  // it back to a non-negative size (3 - 4 + 2 = 1).
  EXPECT_FALSE(pad({3}, {-4, 2}, PadMode::Constant));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op pads [-4, 2] crop more than "
                     "dimension 0 (size 3) holds"});
  EXPECT_FALSE(pad({2, 3}, {0, 1}, PadMode::Constant));
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.x' op expected 4 pads, got 2"});
}

} // namespace
