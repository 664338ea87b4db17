// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Builds tessera IR through the C++ builder API: ops whose result types are
// inferred are created with the type-less builders, and the inferred types
// are compared with types worked out by hand; the module must then verify.
// Also checks the traits and interfaces the ops declare.

#include "ir/TesseraOps.h"

#include "TestIR.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/APFloat.h"

#include <gtest/gtest.h>

#include <optional>

using namespace mlir;
using namespace mlir::tessera;

namespace {

using tessera_test::Messages;

class OpBuilderTest : public tessera_test::IRTest {
protected:
  /// Terminates the function and verifies the module; no diagnostics may
  /// have been reported by then.
  void expectVerifies() {
    finish();
    EXPECT_TRUE(succeeded(verify(*module)));
    EXPECT_EQ(diagnostics.take(), Messages{});
    // Every tessera op built is free of side effects.
    module->walk([](Operation *op) {
      if (op->getDialect() && op->getDialect()->getNamespace() == "tessera")
        EXPECT_TRUE(isPure(op)) << op->getName().getStringRef().str();
    });
  }

  /// Terminates the function and returns the diagnostics of verification.
  Messages verifyErrors() {
    finish();
    EXPECT_TRUE(failed(verify(*module)));
    return diagnostics.take();
  }

  /// Runs the static result type inference of OpTy (what its type-less
  /// builders call) on |operands|, without attributes, into |inferred|.
  /// Diagnostics are reported at |location|; without one it only probes.
  template <typename OpTy>
  LogicalResult inferReturnTypes(std::optional<Location> location,
                                 ValueRange operands,
                                 SmallVectorImpl<Type> &inferred) {
    inferred.clear();
    return OpTy::inferReturnTypes(
        &context, location, operands, DictionaryAttr::get(&context),
        /*properties=*/nullptr, /*regions=*/{}, inferred);
  }
};

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

TEST_F(OpBuilderTest, BinaryOpsBroadcast) {
  // [2,1,3] + [4,1] -> [2,4,3].
  auto add = builder.create<AddOp>(loc, arg({2, 1, 3}, f32), arg({4, 1}, f32));
  EXPECT_EQ(str(add.getType()), "tensor<2x4x3xf32>");
  // Scalar rhs: [3] - [] -> [3], the element type is kept.
  auto sub = builder.create<SubOp>(loc, arg({3}, i32), arg({}, i32));
  EXPECT_EQ(str(sub.getType()), "tensor<3xi32>");
  Value a = arg({2, 3}, f16), b = arg({3}, f16);
  EXPECT_EQ(str(builder.create<MulOp>(loc, a, b).getType()), "tensor<2x3xf16>");
  EXPECT_EQ(str(builder.create<DivOp>(loc, b, a).getType()), "tensor<2x3xf16>");
  EXPECT_EQ(str(builder.create<PowOp>(loc, a, b).getType()), "tensor<2x3xf16>");
  EXPECT_EQ(str(builder.create<MaxOp>(loc, a, b).getType()), "tensor<2x3xf16>");
  EXPECT_EQ(str(builder.create<MinOp>(loc, a, b).getType()), "tensor<2x3xf16>");
  // [4,1] and [1,5] stretch each other -> [4,5].
  Value p = arg({4, 1}, i1), q = arg({1, 5}, i1);
  EXPECT_EQ(str(builder.create<AndOp>(loc, p, q).getType()), "tensor<4x5xi1>");
  EXPECT_EQ(str(builder.create<OrOp>(loc, p, q).getType()), "tensor<4x5xi1>");
  EXPECT_EQ(str(builder.create<XorOp>(loc, p, q).getType()), "tensor<4x5xi1>");
  auto mod = builder.create<ModOp>(loc, arg({4}, f32), arg({1}, f32),
                                   /*fmod=*/true);
  EXPECT_EQ(str(mod.getType()), "tensor<4xf32>");
  EXPECT_TRUE(mod.getFmod());
  expectVerifies();
}

TEST_F(OpBuilderTest, CompareSelectClamp) {
  // Compare broadcasts and yields i1.
  auto lt = builder.create<CompareOp>(loc, ComparePredicate::lt,
                                      arg({2, 3}, f32), arg({3}, f32));
  EXPECT_EQ(str(lt.getType()), "tensor<2x3xi1>");
  auto eq = builder.create<CompareOp>(loc, ComparePredicate::eq, arg({}, i64),
                                      arg({5, 1}, i64));
  EXPECT_EQ(str(eq.getType()), "tensor<5x1xi1>");
  // Select: cond [4], true [2,4], false [1] -> [2,4] with the values' type.
  auto select = builder.create<SelectOp>(loc, arg({4}, i1), arg({2, 4}, bf16),
                                         arg({1}, bf16));
  EXPECT_EQ(str(select.getType()), "tensor<2x4xbf16>");
  // Clamp keeps the input's type; scalar and [3] bounds broadcast into it.
  auto clamp = builder.create<ClampOp>(loc, arg({2, 3}, i8), arg({}, i8),
                                       arg({3}, i8));
  EXPECT_EQ(str(clamp.getType()), "tensor<2x3xi8>");
  expectVerifies();
}

TEST_F(OpBuilderTest, UnaryAndPredicates) {
  Value x = arg({2, 3}, f32);
  EXPECT_EQ(str(builder.create<ExpOp>(loc, x).getType()), "tensor<2x3xf32>");
  EXPECT_EQ(str(builder.create<TanhOp>(loc, x).getType()), "tensor<2x3xf32>");
  EXPECT_EQ(str(builder.create<NegOp>(loc, arg({4}, i8)).getType()),
            "tensor<4xi8>");
  EXPECT_EQ(str(builder.create<NotOp>(loc, arg({4}, i1)).getType()),
            "tensor<4xi1>");
  auto gelu = builder.create<GeluOp>(loc, x, GeluApproximation::tanh);
  EXPECT_EQ(str(gelu.getType()), "tensor<2x3xf32>");
  EXPECT_EQ(gelu.getApproximate(), GeluApproximation::tanh);
  EXPECT_EQ(builder.create<GeluOp>(loc, x).getApproximate(),
            GeluApproximation::none);
  // is_nan / is_inf keep the shape and yield i1.
  EXPECT_EQ(str(builder.create<IsNanOp>(loc, arg({4}, bf16)).getType()),
            "tensor<4xi1>");
  auto isInf = builder.create<IsInfOp>(loc, arg({2, 2}, f64));
  EXPECT_EQ(str(isInf.getType()), "tensor<2x2xi1>");
  EXPECT_TRUE(isInf.getDetectPositive());
  EXPECT_TRUE(isInf.getDetectNegative());
  expectVerifies();
}

TEST_F(OpBuilderTest, CastWithElementTypeBuilder) {
  Value x = arg({4, 2}, f32);
  EXPECT_EQ(str(builder.create<CastOp>(loc, x, f16).getType()),
            "tensor<4x2xf16>");
  EXPECT_EQ(str(builder.create<CastOp>(loc, x, i1).getType()),
            "tensor<4x2xi1>");
  EXPECT_EQ(str(builder.create<CastOp>(loc, arg({}, i8), f64).getType()),
            "tensor<f64>");
  expectVerifies();
}

//===----------------------------------------------------------------------===//
// Contractions, reductions, normalizations, pooling
//===----------------------------------------------------------------------===//

TEST_F(OpBuilderTest, Matmul) {
  // [8,16,32] @ [64,32]^T -> [8,16,64].
  auto batched = builder.create<MatmulOp>(loc, arg({8, 16, 32}, f16),
                                          arg({64, 32}, f16),
                                          /*transpose_lhs=*/false,
                                          /*transpose_rhs=*/true);
  EXPECT_EQ(str(batched.getType()), "tensor<8x16x64xf16>");
  // Batch [2,1] with [5] -> [2,5]; [3,4] @ [4,6] -> [3,6].
  auto broadcast = builder.create<MatmulOp>(loc, arg({2, 1, 3, 4}, f32),
                                            arg({5, 4, 6}, f32));
  EXPECT_EQ(str(broadcast.getType()), "tensor<2x5x3x6xf32>");
  // Dot product of two vectors is a scalar.
  auto dot = builder.create<MatmulOp>(loc, arg({7}, i32), arg({7}, i32));
  EXPECT_EQ(str(dot.getType()), "tensor<i32>");
  expectVerifies();
}

TEST_F(OpBuilderTest, ConvAndConvTranspose) {
  // ResNet stem: (224 + 6 - 7) / 2 + 1 = 112.
  auto stem = builder.create<ConvOp>(
      loc, arg({1, 3, 224, 224}, f32), arg({64, 3, 7, 7}, f32), arg({64}, f32),
      I64{2, 2}, I64{3, 3, 3, 3}, I64{1, 1}, /*groups=*/1);
  EXPECT_EQ(str(stem.getType()), "tensor<1x64x112x112xf32>");
  // Depthwise without bias: (56 + 2 - 3) / 1 + 1 = 56.
  auto depthwise = builder.create<ConvOp>(
      loc, arg({1, 32, 56, 56}, f16), arg({32, 1, 3, 3}, f16), Value(),
      I64{1, 1}, I64{1, 1, 1, 1}, I64{1, 1}, /*groups=*/32);
  EXPECT_EQ(str(depthwise.getType()), "tensor<1x32x56x56xf16>");
  // Transposed: 2 * (3 - 1) + 1 + (3 - 1) + 1 = 8 with M = 2.
  auto up = builder.create<ConvTransposeOp>(
      loc, arg({1, 1, 3, 3}, f32), arg({1, 2, 3, 3}, f32), arg({2}, f32),
      I64{2, 2}, I64{0, 0, 0, 0}, I64{1, 1}, I64{1, 1}, /*groups=*/1);
  EXPECT_EQ(str(up.getType()), "tensor<1x2x8x8xf32>");
  expectVerifies();
}

TEST_F(OpBuilderTest, Reductions) {
  Value x = arg({2, 3, 4}, f32);
  auto sum = builder.create<ReduceSumOp>(loc, x, I64{1}, /*keep_dims=*/true);
  EXPECT_EQ(str(sum.getType()), "tensor<2x1x4xf32>");
  auto mean = builder.create<ReduceMeanOp>(loc, x, I64{0, 2});
  EXPECT_EQ(str(mean.getType()), "tensor<3xf32>");
  Value y = arg({2, 3}, i32);
  EXPECT_EQ(str(builder.create<ReduceMaxOp>(loc, y, I64{0, 1}).getType()),
            "tensor<i32>");
  EXPECT_EQ(str(builder.create<ReduceMinOp>(loc, y, I64{}).getType()),
            "tensor<2x3xi32>");
  EXPECT_EQ(
      str(builder.create<ReduceProdOp>(loc, y, I64{0}, true).getType()),
      "tensor<1x3xi32>");
  // argmax/argmin yield i64 indices.
  auto argmax = builder.create<ArgMaxOp>(loc, arg({2, 3}, f32), /*axis=*/1);
  EXPECT_EQ(str(argmax.getType()), "tensor<2xi64>");
  auto argmin = builder.create<ArgMinOp>(loc, arg({2, 3}, i8), /*axis=*/0,
                                         /*keep_dims=*/true);
  EXPECT_EQ(str(argmin.getType()), "tensor<1x3xi64>");
  // cumsum keeps the type.
  auto cumsum = builder.create<CumSumOp>(loc, arg({2, 5}, f32), /*axis=*/1,
                                         /*exclusive=*/true);
  EXPECT_EQ(str(cumsum.getType()), "tensor<2x5xf32>");
  expectVerifies();
}

TEST_F(OpBuilderTest, Normalizations) {
  Value x = arg({1, 128, 768}, f32);
  auto layerNorm = builder.create<LayerNormOp>(
      loc, x, arg({768}, f32), arg({768}, f32), /*axis=*/2,
      llvm::APFloat(1e-5));
  EXPECT_EQ(str(layerNorm.getType()), "tensor<1x128x768xf32>");
  // Without bias, normalizing [128, 768] with a [768] scale.
  auto noBias = builder.create<LayerNormOp>(loc, x, arg({768}, f32), Value(),
                                            /*axis=*/1, llvm::APFloat(1e-5));
  EXPECT_EQ(str(noBias.getType()), "tensor<1x128x768xf32>");
  auto rms = builder.create<RmsNormOp>(loc, arg({4, 64}, bf16),
                                       arg({64}, bf16), /*axis=*/1,
                                       llvm::APFloat(1e-6));
  EXPECT_EQ(str(rms.getType()), "tensor<4x64xbf16>");
  Value c = arg({64}, f32);
  auto batchNorm = builder.create<BatchNormOp>(
      loc, arg({1, 64, 56, 56}, f32), c, c, c, c, llvm::APFloat(1e-5));
  EXPECT_EQ(str(batchNorm.getType()), "tensor<1x64x56x56xf32>");
  auto softmax = builder.create<SoftmaxOp>(loc, arg({2, 10}, f32), 1);
  EXPECT_EQ(str(softmax.getType()), "tensor<2x10xf32>");
  auto logSoftmax = builder.create<LogSoftmaxOp>(loc, arg({2, 10}, f16), 0);
  EXPECT_EQ(str(logSoftmax.getType()), "tensor<2x10xf16>");
  expectVerifies();
}

TEST_F(OpBuilderTest, Pooling) {
  // (112 + 2 - 3) / 2 + 1 = 56.
  auto maxPool = builder.create<MaxPoolOp>(loc, arg({1, 64, 112, 112}, f32),
                                           I64{3, 3}, I64{2, 2},
                                           I64{1, 1, 1, 1}, I64{1, 1});
  EXPECT_EQ(str(maxPool.getType()), "tensor<1x64x56x56xf32>");
  // ceil_mode: ceil((7 - 2) / 2) + 1 = 4 (floor mode would give 3).
  auto avgPool = builder.create<AvgPoolOp>(loc, arg({1, 1, 7}, f32), I64{2},
                                           I64{2}, I64{0, 0}, I64{1},
                                           /*ceil_mode=*/true);
  EXPECT_EQ(str(avgPool.getType()), "tensor<1x1x4xf32>");
  auto gap = builder.create<GlobalAvgPoolOp>(loc, arg({1, 512, 7, 7}, f32));
  EXPECT_EQ(str(gap.getType()), "tensor<1x512x1x1xf32>");
  auto gmp = builder.create<GlobalMaxPoolOp>(loc, arg({2, 8, 5}, i32));
  EXPECT_EQ(str(gmp.getType()), "tensor<2x8x1xi32>");
  expectVerifies();
}

//===----------------------------------------------------------------------===//
// Constants and data movement
//===----------------------------------------------------------------------===//

TEST_F(OpBuilderTest, ConstantTakesTheAttributeType) {
  auto type = RankedTensorType::get({2}, f32);
  auto value = DenseElementsAttr::get(type, ArrayRef<float>{1.0f, 2.0f});
  auto constant = builder.create<ConstantOp>(loc, cast<ElementsAttr>(value));
  EXPECT_EQ(str(constant.getType()), "tensor<2xf32>");
  EXPECT_EQ(constant.getValue(), cast<ElementsAttr>(value));
  expectVerifies();
}

TEST_F(OpBuilderTest, ShapeBuilders) {
  Value x = arg({2, 3, 4}, f32);
  EXPECT_EQ(str(builder.create<ReshapeOp>(loc, x, I64{6, 4}).getType()),
            "tensor<6x4xf32>");
  EXPECT_EQ(str(builder.create<ReshapeOp>(loc, arg({1, 1}, i64), I64{})
                    .getType()),
            "tensor<i64>");
  EXPECT_EQ(str(builder.create<BroadcastToOp>(loc, arg({3, 1}, f16),
                                              I64{2, 3, 4})
                    .getType()),
            "tensor<2x3x4xf16>");
  expectVerifies();
}

TEST_F(OpBuilderTest, DataMovement) {
  // result[i] = input[perm[i]]: [2,3,4] perm [2,0,1] -> [4,2,3].
  auto transpose = builder.create<TransposeOp>(loc, arg({2, 3, 4}, f32),
                                               I64{2, 0, 1});
  EXPECT_EQ(str(transpose.getType()), "tensor<4x2x3xf32>");
  SmallVector<Value> inputs = {arg({2, 3}, f32), arg({2, 5}, f32)};
  auto concat = builder.create<ConcatOp>(loc, inputs, /*axis=*/1);
  EXPECT_EQ(str(concat.getType()), "tensor<2x8xf32>");
  // The result shape is |sizes|.
  auto slice = builder.create<SliceOp>(loc, arg({4, 10}, f32), I64{0, 9},
                                       I64{4, 5}, I64{1, -2});
  EXPECT_EQ(str(slice.getType()), "tensor<4x5xf32>");
  // data[:axis] + indices + data[axis+1:].
  auto embedding = builder.create<GatherOp>(loc, arg({30522, 768}, f32),
                                            arg({1, 128}, i64), /*axis=*/0);
  EXPECT_EQ(str(embedding.getType()), "tensor<1x128x768xf32>");
  auto middle = builder.create<GatherOp>(loc, arg({2, 3, 4}, f16),
                                         arg({5}, i32), /*axis=*/1);
  EXPECT_EQ(str(middle.getType()), "tensor<2x5x4xf16>");
  // A scalar index removes the axis.
  auto scalar = builder.create<GatherOp>(loc, arg({10, 3}, i8), arg({}, i64),
                                         /*axis=*/0);
  EXPECT_EQ(str(scalar.getType()), "tensor<3xi8>");
  // pads [0, 1, 0, 2]: dim 1 = 3 + 1 + 2.
  auto pad = builder.create<PadOp>(loc, arg({2, 3}, f32), I64{0, 1, 0, 2},
                                   PadMode::constant, llvm::APFloat(0.0));
  EXPECT_EQ(str(pad.getType()), "tensor<2x6xf32>");
  auto reflect = builder.create<PadOp>(loc, arg({3, 4}, f32), I64{2, 3, 2, 3},
                                       PadMode::reflect, llvm::APFloat(0.0));
  EXPECT_EQ(str(reflect.getType()), "tensor<7x10xf32>");
  expectVerifies();
}

//===----------------------------------------------------------------------===//
// Verification of explicitly typed ops
//===----------------------------------------------------------------------===//

TEST_F(OpBuilderTest, VerifierRejectsAWrongResultType) {
  // [2,1,3] + [4,1] is [2,4,3], not [2,3].
  builder.create<AddOp>(loc, RankedTensorType::get({2, 3}, f32),
                        arg({2, 1, 3}, f32), arg({4, 1}, f32));
  EXPECT_EQ(verifyErrors(),
            Messages{"error: 'tessera.add' op result type 'tensor<2x3xf32>' "
                     "does not match the inferred type 'tensor<2x4x3xf32>'"});
}

TEST_F(OpBuilderTest, VerifierReportsInvalidOperandsOnce) {
  // Invalid operands are reported once, by the shape rules.
  builder.create<AddOp>(loc, RankedTensorType::get({2, 3}, f32),
                        arg({2, 3}, f32), arg({4}, f32));
  EXPECT_EQ(verifyErrors(),
            Messages{"error: 'tessera.add' op operand shapes [2, 3] and [4] "
                     "are not broadcast-compatible"});
}

TEST_F(OpBuilderTest, VerifierReportsMixedElementTypesOnce) {
  // Same shapes, different element types: one error naming both.
  builder.create<AddOp>(loc, RankedTensorType::get({2}, f32), arg({2}, f32),
                        arg({2}, i32));
  EXPECT_EQ(verifyErrors(),
            Messages{"error: 'tessera.add' op expected operands of one element "
                     "type, got 'f32' and 'i32'"});
}

TEST_F(OpBuilderTest, VerifierRejectsInvalidReshape) {
  builder.create<ReshapeOp>(loc, arg({2, 3}, f32), I64{4, 2});
  EXPECT_EQ(verifyErrors(),
            Messages{"error: 'tessera.reshape' op cannot reshape [2, 3] (6 "
                     "elements) to [4, 2] (8 elements)"});
}

TEST_F(OpBuilderTest, VerifierRejectsInvalidBroadcastTo) {
  builder.create<BroadcastToOp>(loc, arg({3, 2}, f32), I64{3, 4});
  EXPECT_EQ(verifyErrors(),
            Messages{"error: 'tessera.broadcast_to' op cannot broadcast [3, 2] "
                     "to [3, 4]"});
}

TEST_F(OpBuilderTest, VerifierRejectsMatmulBatchMismatch) {
  // Batch dims [2] and [3] do not broadcast; no result type is right.
  builder.create<MatmulOp>(loc, RankedTensorType::get({2, 3, 5}, f32),
                           arg({2, 3, 4}, f32), arg({3, 4, 5}, f32),
                           /*transpose_lhs=*/false, /*transpose_rhs=*/false);
  EXPECT_EQ(verifyErrors(),
            Messages{"error: 'tessera.matmul' op batch dimensions [2] and [3] "
                     "are not broadcast-compatible"});
}

TEST_F(OpBuilderTest, InferReturnTypesReportsAtTheGivenLocation) {
  // The static inference entry point used by the builders, called directly
  // with a location: it fails and names the op.
  Value a = arg({2, 3}, f32), b = arg({4}, f32);
  SmallVector<Type> inferred;
  EXPECT_TRUE(failed(inferReturnTypes<AddOp>(loc, {a, b}, inferred)));
  EXPECT_TRUE(inferred.empty());
  EXPECT_EQ(diagnostics.take(),
            Messages{"error: 'tessera.add' op operand shapes [2, 3] and [4] "
                     "are not broadcast-compatible"});
}

TEST_F(OpBuilderTest, InferReturnTypesWithoutLocationFailsSilently) {
  // Without a location, inference only probes: it must still fail.
  Value a = arg({2, 3}, f32), b = arg({4}, f32);
  SmallVector<Type> inferred;
  EXPECT_TRUE(failed(inferReturnTypes<AddOp>(std::nullopt, {a, b}, inferred)));
  Value x = arg({2, 3, 4}, f32), y = arg({3, 4, 5}, f32);
  EXPECT_TRUE(
      failed(inferReturnTypes<MatmulOp>(std::nullopt, {x, y}, inferred)));
  EXPECT_EQ(diagnostics.take(), Messages{});
  // And still succeed on valid operands.
  EXPECT_TRUE(succeeded(
      inferReturnTypes<AddOp>(std::nullopt, {a, arg({3}, f32)}, inferred)));
  ASSERT_EQ(inferred.size(), 1u);
  EXPECT_EQ(str(inferred[0]), "tensor<2x3xf32>");
}

//===----------------------------------------------------------------------===//
// Traits and interfaces
//===----------------------------------------------------------------------===//

TEST_F(OpBuilderTest, ElementwiseTrait) {
  Value x = arg({2, 3}, f32), y = arg({3}, f32);
  Operation *elementwise[] = {
      builder.create<AddOp>(loc, x, y),
      builder.create<ExpOp>(loc, x),
      builder.create<CastOp>(loc, x, i32),
      builder.create<CompareOp>(loc, ComparePredicate::ge, x, y),
      builder.create<SelectOp>(loc, arg({3}, i1), x, y),
      builder.create<IsNanOp>(loc, x),
      builder.create<GeluOp>(loc, x),
      builder.create<ClampOp>(loc, x, y, y),
      builder.create<ModOp>(loc, x, y, true),
  };
  for (Operation *op : elementwise)
    EXPECT_TRUE(op->hasTrait<TesseraElementwise>())
        << op->getName().getStringRef().str();

  Operation *other[] = {
      builder.create<MatmulOp>(loc, x, arg({3, 5}, f32)),
      builder.create<ReduceSumOp>(loc, x, I64{1}),
      builder.create<TransposeOp>(loc, x, I64{1, 0}),
      builder.create<ReshapeOp>(loc, x, I64{6}),
      builder.create<BroadcastToOp>(loc, y, I64{4, 3}),
      builder.create<SoftmaxOp>(loc, x, 1),
      builder.create<LayerNormOp>(loc, x, y, Value(), 1, llvm::APFloat(1e-5)),
      builder.create<ConcatOp>(loc, ValueRange{x, x}, 0),
      builder.create<ConstantOp>(
          loc, cast<ElementsAttr>(DenseElementsAttr::get(
                   RankedTensorType::get({}, f32), 1.0f))),
  };
  for (Operation *op : other)
    EXPECT_FALSE(op->hasTrait<TesseraElementwise>())
        << op->getName().getStringRef().str();
  expectVerifies();
}

TEST_F(OpBuilderTest, CommutativeConstantLikeAndInferTypeInterface) {
  Value x = arg({4}, i32);
  Operation *commutative[] = {
      builder.create<AddOp>(loc, x, x), builder.create<MulOp>(loc, x, x),
      builder.create<MaxOp>(loc, x, x), builder.create<MinOp>(loc, x, x),
      builder.create<AndOp>(loc, x, x), builder.create<OrOp>(loc, x, x),
      builder.create<XorOp>(loc, x, x)};
  for (Operation *op : commutative)
    EXPECT_TRUE(op->hasTrait<OpTrait::IsCommutative>())
        << op->getName().getStringRef().str();
  Operation *notCommutative[] = {
      builder.create<SubOp>(loc, x, x), builder.create<DivOp>(loc, x, x),
      builder.create<PowOp>(loc, x, x), builder.create<ModOp>(loc, x, x)};
  for (Operation *op : notCommutative)
    EXPECT_FALSE(op->hasTrait<OpTrait::IsCommutative>())
        << op->getName().getStringRef().str();

  auto constant = builder.create<ConstantOp>(
      loc, cast<ElementsAttr>(
               DenseElementsAttr::get(RankedTensorType::get({}, i32), 7)));
  EXPECT_TRUE(constant->hasTrait<OpTrait::ConstantLike>());
  EXPECT_FALSE(commutative[0]->hasTrait<OpTrait::ConstantLike>());

  // Inferred result types vs. spelled-out ones.
  EXPECT_TRUE(isa<InferTypeOpInterface>(commutative[0]));
  EXPECT_TRUE(isa<InferTypeOpInterface>(constant.getOperation()));
  Operation *spelled[] = {builder.create<CastOp>(loc, x, f32),
                          builder.create<ReshapeOp>(loc, x, I64{2, 2}),
                          builder.create<BroadcastToOp>(loc, x, I64{3, 4})};
  for (Operation *op : spelled)
    EXPECT_FALSE(isa<InferTypeOpInterface>(op))
        << op->getName().getStringRef().str();
  expectVerifies();
}

TEST_F(OpBuilderTest, EveryRegisteredOpIsPure) {
  // Checks the op definitions rather than instances, so that ops added later
  // are covered too: a bare instance of each (no operands, never verified)
  // is enough to query its side-effect interfaces.
  int count = 0;
  for (RegisteredOperationName name : context.getRegisteredOperations()) {
    if (name.getDialectNamespace() != "tessera")
      continue;
    ++count;
    Operation *op = Operation::create(loc, name, /*resultTypes=*/{},
                                      /*operands=*/{}, NamedAttrList(),
                                      /*properties=*/nullptr,
                                      /*successors=*/{}, /*numRegions=*/0);
    EXPECT_TRUE(isPure(op)) << name.getStringRef().str();
    EXPECT_TRUE(isMemoryEffectFree(op)) << name.getStringRef().str();
    op->destroy();
  }
  // At least the ops this file builds (the dialect has grown past 70).
  EXPECT_GE(count, 70);
}

} // namespace
