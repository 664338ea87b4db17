//===- LibraryGemm.cpp - Matmul kernels a library can compute -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// matchLibraryGemm recognizes the matmul kernels that cuBLASLt computes as
// one call (docs/codegen-bundle.md, "Library GEMMs"):
//
//   [reshape of an operand]*  tessera.matmul  [reshape]*
//   [add of a bias along the last dimension]  [relu | gelu approximate=tanh]
//   [reshape]*  yield
//
// with both matmul operands kernel operands seen through reshapes and
// transposes (a strided view: each matrix needs a unit stride along its rows
// or its columns, the batch one stride per operand or broadcast), f32
// tensors, rank >= 2, and batch dimensions that are either the result's or
// all ones (broadcast: batch stride 0). With a broadcast rhs and an
// untransposed lhs, a batch whose A rows are evenly spaced folds into M (one
// plain GEMM), and a batch larger than M swaps roles with M (a transposed
// [S, B, K] activation: B GEMMs of S rows, D's batches interleaved within
// its rows). A mul or div of the product by a splat constant before the bias
// is alpha. Anything else — a residual add, an erf GELU (cuBLASLt's
// GELU is the tanh approximation), a slice or any other computed operand —
// stays generated.
//
//===----------------------------------------------------------------------===//
#include "codegen/Codegen.h"

#include "ir/TesseraOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::tessera;
using ::tessera::codegen::LibraryGemm;

namespace {

/// Fails the match with a reason.
struct Matcher {
  std::string *whyNot;
  std::nullopt_t fail(const std::string &reason) {
    if (whyNot)
      *whyNot = reason;
    return std::nullopt;
  }
};

/// A kernel operand seen through reshapes and transposes: element |i| of
/// the view is element sum(i[d] * strides[d]) of the operand.
struct View {
  unsigned operand = 0;
  SmallVector<int64_t> shape, strides;

  static View contiguous(unsigned operand, ArrayRef<int64_t> shape) {
    View view;
    view.operand = operand;
    view.shape.assign(shape.begin(), shape.end());
    view.strides.resize(shape.size());
    int64_t stride = 1;
    for (size_t d = shape.size(); d-- > 0;) {
      view.strides[d] = stride;
      stride *= shape[d];
    }
    return view;
  }
  bool isContiguous() const {
    View row = contiguous(operand, shape);
    for (size_t d = 0; d < shape.size(); ++d)
      if (shape[d] != 1 && strides[d] != row.strides[d])
        return false;
    return true;
  }
  void swapLastTwo() {
    size_t r = shape.size();
    std::swap(shape[r - 1], shape[r - 2]);
    std::swap(strides[r - 1], strides[r - 2]);
  }
};

/// For a rows x cols matrix with these strides: (transposed, pitch) as a
/// GemmParams operand stores it — row-major (unit column stride, pitch the
/// row stride) or transposed (unit row stride) — or nullopt.
std::optional<std::pair<bool, uint64_t>>
pitch(int64_t rowStride, int64_t colStride, uint64_t rows, uint64_t cols) {
  if (colStride == 1 || cols == 1) {
    uint64_t ld = rows == 1 ? cols : static_cast<uint64_t>(rowStride);
    if (ld >= cols)
      return std::pair{false, ld};
  }
  if (rowStride == 1 || rows == 1) {
    uint64_t ld = cols == 1 ? rows : static_cast<uint64_t>(colStride);
    if (ld >= rows)
      return std::pair{true, ld};
  }
  return std::nullopt;
}

/// The stride between consecutive batches of |view| for the result's batch
/// dimensions |batchDims| (the view's own, right-aligned, are those or ones):
/// 0 when broadcast over all of them; nullopt when partly broadcast or when
/// its batches are not evenly spaced.
std::optional<uint64_t> batchStride(const View &view,
                                    ArrayRef<int64_t> batchDims) {
  ArrayRef<int64_t> shape = ArrayRef<int64_t>(view.shape).drop_back(2);
  ArrayRef<int64_t> strides = ArrayRef<int64_t>(view.strides).drop_back(2);
  size_t pad = batchDims.size() - shape.size();
  bool broadcast = llvm::all_of(shape, [](int64_t d) { return d == 1; });
  if (broadcast)
    return 0;
  // Every batch dimension of the result must be the view's, and the
  // non-unit ones must nest: stride[d] == stride[d+1] * size[d+1].
  std::optional<int64_t> inner; // the stride of one step of the flat index
  int64_t expected = 0;
  for (size_t i = batchDims.size(); i-- > 0;) {
    int64_t size = i < pad ? 1 : shape[i - pad];
    if (size != batchDims[i])
      return std::nullopt;
    if (size == 1)
      continue;
    int64_t stride = strides[i - pad];
    if (!inner) {
      inner = stride;
    } else if (stride != expected) {
      return std::nullopt;
    }
    expected = stride * size;
  }
  if (!inner || *inner < 0)
    return inner ? std::nullopt : std::optional<uint64_t>(0);
  return static_cast<uint64_t>(*inner);
}

bool isF32Tensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape() && tensor.getElementType().isF32();
}

} // namespace

std::optional<LibraryGemm>
mlir::tessera::matchLibraryGemm(Operation *op, CodegenPrecision precision,
                                std::string *whyNot) {
  Matcher m{whyNot};
  auto kernel = dyn_cast<KernelOp>(op);
  if (!kernel || kernel.getKind() != KernelKind::matmul)
    return m.fail("not a matmul kernel");
  if (kernel->getNumResults() != 1)
    return m.fail("more than one result");
  for (Type type : kernel->getOperandTypes())
    if (!isF32Tensor(type))
      return m.fail("an operand is not a static f32 tensor");
  if (!isF32Tensor(kernel->getResult(0).getType()))
    return m.fail("the result is not a static f32 tensor");
  // The memory plan lets a result overwrite an operand it reads pointwise
  // (a bias of one row); a library call reads and writes in its own order.
  if (kernel->hasAttr("tessera.in_place"))
    return m.fail("the result overwrites an operand in place");

  Block &body = kernel.getBody().front();
  // Values that are a kernel operand's elements seen through reshapes and
  // transposes: the operand and a strided view of it.
  llvm::DenseMap<Value, View> views;
  for (BlockArgument arg : body.getArguments())
    views[arg] = View::contiguous(
        arg.getArgNumber(), cast<RankedTensorType>(arg.getType()).getShape());

  LibraryGemm gemm;
  Value current; // the product, after the epilogue so far
  bool haveBias = false, haveActivation = false;
  for (Operation &inner : body.without_terminator()) {
    if (auto reshape = dyn_cast<ReshapeOp>(inner)) {
      auto found = views.find(reshape.getInput());
      if (found != views.end()) {
        if (!found->second.isContiguous())
          return m.fail("a reshape of a transposed operand");
        views[reshape.getResult()] = View::contiguous(
            found->second.operand,
            cast<RankedTensorType>(reshape.getType()).getShape());
        continue;
      }
      if (current && reshape.getInput() == current) {
        current = reshape.getResult();
        continue;
      }
      return m.fail("a reshape of a computed value");
    }
    if (auto transpose = dyn_cast<TransposeOp>(inner)) {
      auto found = views.find(transpose.getInput());
      if (found == views.end())
        return m.fail("a transpose of a computed value");
      View view = found->second;
      for (auto [i, from] : llvm::enumerate(transpose.getPerm())) {
        view.shape[i] = found->second.shape[from];
        view.strides[i] = found->second.strides[from];
      }
      views[transpose.getResult()] = view;
      continue;
    }
    if (auto matmul = dyn_cast<MatmulOp>(inner)) {
      if (current)
        return m.fail("more than one matmul");
      auto lhsView = views.find(matmul.getLhs());
      auto rhsView = views.find(matmul.getRhs());
      if (lhsView == views.end() || rhsView == views.end())
        return m.fail("a matmul operand is computed in the kernel (a fused "
                      "prologue)");
      View lhs = lhsView->second, rhs = rhsView->second;
      if (lhs.shape.size() < 2 || rhs.shape.size() < 2)
        return m.fail("a rank-1 matmul operand");
      // op(A) and op(B) as [batch..., rows, columns] views.
      if (matmul.getTransposeLhs())
        lhs.swapLastTwo();
      if (matmul.getTransposeRhs())
        rhs.swapLastTwo();
      auto result = cast<RankedTensorType>(matmul.getResult().getType());
      ArrayRef<int64_t> ds = result.getShape();
      size_t lr = lhs.shape.size(), rr = rhs.shape.size();
      gemm.m = lhs.shape[lr - 2];
      gemm.k = lhs.shape[lr - 1];
      gemm.n = rhs.shape[rr - 1];
      if (gemm.m == 0 || gemm.n == 0 || gemm.k == 0)
        return m.fail("an empty matrix");
      // Each matrix needs a unit stride along its rows or its columns.
      std::optional<std::pair<bool, uint64_t>> a =
          pitch(lhs.strides[lr - 2], lhs.strides[lr - 1], gemm.m, gemm.k);
      std::optional<std::pair<bool, uint64_t>> b =
          pitch(rhs.strides[rr - 2], rhs.strides[rr - 1], gemm.k, gemm.n);
      if (!a || !b)
        return m.fail("an operand with no unit stride in its last two "
                      "dimensions");
      std::tie(gemm.transA, gemm.lda) = *a;
      std::tie(gemm.transB, gemm.ldb) = *b;
      gemm.ldd = gemm.n;
      // The batch: the result's batch dimensions, one stride per operand
      // (0 where it is broadcast).
      ArrayRef<int64_t> batchDims = ds.drop_back(2);
      gemm.batch = 1;
      for (int64_t d : batchDims)
        gemm.batch *= static_cast<uint64_t>(d);
      std::optional<uint64_t> strideA = batchStride(lhs, batchDims);
      std::optional<uint64_t> strideB = batchStride(rhs, batchDims);
      if (!strideA || !strideB)
        return m.fail("a batch that is partly broadcast or not one stride");
      gemm.strideA = *strideA;
      gemm.strideB = *strideB;
      gemm.strideD = gemm.m * gemm.n;
      if (gemm.batch > 1 && gemm.strideB == 0 && !gemm.transA) {
        if (gemm.strideA == gemm.m * gemm.lda) {
          // Rows of A (and of D) are evenly spaced across the batch: one
          // GEMM of batch * m rows.
          gemm.m *= gemm.batch;
          gemm.batch = 1;
        } else if (gemm.batch > gemm.m && gemm.strideA >= gemm.k) {
          // Fewer, taller products: the batch index and the row index swap
          // roles (a transposed activation, [S, B, K] seen as B GEMMs of S
          // rows); D's batches then interleave within its rows.
          std::swap(gemm.batch, gemm.m);
          std::swap(gemm.strideA, gemm.lda);
          gemm.strideD = gemm.ldd;
          gemm.ldd = gemm.n * gemm.batch;
        }
      }
      if (gemm.batch == 1)
        gemm.strideA = gemm.strideB = gemm.strideD = 0;
      gemm.a = lhs.operand;
      gemm.b = rhs.operand;
      current = matmul.getResult();
      continue;
    }
    if (!current)
      return m.fail("an op before the matmul (a fused prologue)");
    if (auto add = dyn_cast<AddOp>(inner)) {
      Value other = add.getLhs() == current   ? add.getRhs()
                    : add.getRhs() == current ? add.getLhs()
                                              : Value();
      if (!other)
        return m.fail("an add that does not take the product");
      auto found = views.find(other);
      if (found == views.end() || !found->second.isContiguous())
        return m.fail("an add of a computed value");
      auto value = cast<RankedTensorType>(current.getType());
      auto bias = cast<RankedTensorType>(other.getType());
      bool alongN = value.getRank() >= 1 &&
                    value.getShape().back() == static_cast<int64_t>(gemm.n) &&
                    bias.getRank() >= 1 && bias.getRank() <= value.getRank() &&
                    bias.getShape().back() == static_cast<int64_t>(gemm.n) &&
                    llvm::all_of(bias.getShape().drop_back(),
                                 [](int64_t d) { return d == 1; }) &&
                    add.getResult().getType() == current.getType();
      if (!alongN)
        return m.fail("an add that is not a bias along N (a residual?)");
      if (haveBias || haveActivation)
        return m.fail("a second add, or an add after the activation");
      haveBias = true;
      gemm.bias = static_cast<int>(found->second.operand);
      current = add.getResult();
      continue;
    }
    if (isa<MulOp, DivOp>(inner)) {
      // A scale by a splat constant before the bias: alpha.
      bool isDiv = isa<DivOp>(inner);
      Value lhs = inner.getOperand(0), rhs = inner.getOperand(1);
      Value other = lhs == current             ? rhs
                    : !isDiv && rhs == current ? lhs
                                               : Value();
      if (!other)
        return m.fail("a mul or div that does not scale the product");
      if (haveBias || haveActivation)
        return m.fail("a scale after the bias or the activation");
      if (inner.getResult(0).getType() != current.getType())
        return m.fail("a scale that broadcasts the product");
      std::optional<double> scale;
      auto found = views.find(other);
      if (found != views.end()) {
        Value operand = kernel.getInputs()[found->second.operand];
        auto constant = operand.getDefiningOp<ConstantOp>();
        auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                              : DenseElementsAttr();
        if (dense && dense.isSplat() && dense.getElementType().isF32())
          scale = dense.getSplatValue<APFloat>().convertToDouble();
      }
      if (!scale || (isDiv && *scale == 0.0))
        return m.fail("a scale that is not a nonzero splat constant");
      gemm.alpha =
          static_cast<float>(isDiv ? gemm.alpha / *scale : gemm.alpha * *scale);
      current = inner.getResult(0);
      continue;
    }
    if (auto relu = dyn_cast<ReluOp>(inner)) {
      if (relu.getInput() != current || haveActivation)
        return m.fail("a relu that is not the epilogue's activation");
      haveActivation = true;
      gemm.epilogue = haveBias ? LibraryGemm::Epilogue::BiasRelu
                               : LibraryGemm::Epilogue::Relu;
      current = relu.getResult();
      continue;
    }
    if (auto gelu = dyn_cast<GeluOp>(inner)) {
      if (gelu.getInput() != current || haveActivation)
        return m.fail("a gelu that is not the epilogue's activation");
      if (gelu.getApproximate() != GeluApproximation::tanh)
        return m.fail("an erf GELU (cuBLASLt's GELU is the tanh "
                      "approximation)");
      haveActivation = true;
      gemm.epilogue = haveBias ? LibraryGemm::Epilogue::BiasGelu
                               : LibraryGemm::Epilogue::Gelu;
      current = gelu.getResult();
      continue;
    }
    return m.fail("'" + inner.getName().getStringRef().str() +
                  "' in the epilogue");
  }
  if (!current)
    return m.fail("no matmul");
  auto yield = cast<YieldOp>(body.getTerminator());
  if (yield->getNumOperands() != 1 || yield->getOperand(0) != current)
    return m.fail("the kernel does not return the product");
  if (haveBias && !haveActivation)
    gemm.epilogue = LibraryGemm::Epilogue::Bias;
  switch (precision) {
  case CodegenPrecision::F32:
    gemm.compute = LibraryGemm::Compute::F32;
    break;
  case CodegenPrecision::TF32:
    gemm.compute = LibraryGemm::Compute::TF32;
    break;
  case CodegenPrecision::BF16:
    gemm.compute = LibraryGemm::Compute::BF16;
    break;
  case CodegenPrecision::F16:
    gemm.compute = LibraryGemm::Compute::F16;
    break;
  }
  return gemm;
}

bool mlir::tessera::preferLibraryGemm(const LibraryGemm &gemm) {
  // Saturating: the product of four dimensions may overflow.
  double macs = static_cast<double>(gemm.batch) * gemm.m * gemm.n * gemm.k;
  return macs >= static_cast<double>(kAutoLibraryMacs);
}
