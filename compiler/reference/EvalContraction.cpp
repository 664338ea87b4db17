//===- EvalContraction.cpp - Reference evaluation of matmul and conv ------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// matmul, conv and conv_transpose as plain loops. Every result element is
// one sum, accumulated in the compute type (double for f32/f64, float for
// f16/bf16, wrapping 64-bit integers for integer types) in a fixed order and
// rounded to the result type once. Operands are converted to the compute
// type once, and the window geometry of a convolution is worked out once per
// output position and shared by every batch and channel.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalNNUtils.h"
#include "ir/ShapeInference.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

/// One operand of a matmul as a stack of matrices, packed so that the
/// vectors the product contracts are contiguous: |vectors| vectors of |k|
/// elements per matrix, the rows of the lhs or the columns of the rhs (after
/// the optional transposition).
template <typename T> struct PackedOperand {
  SmallVector<int64_t> batchShape;
  int64_t vectors, k;
  std::vector<T> data;

  /// Packs |tensor|, promoting a rank-1 operand to a matrix: a row vector
  /// [1, K] for the lhs, a column vector [K, 1] for the rhs.
  PackedOperand(const HostTensor &tensor, bool isLhs, bool transposed) {
    SmallVector<int64_t> shape(tensor.shape().begin(), tensor.shape().end());
    if (shape.size() == 1)
      shape.insert(isLhs ? shape.begin() : shape.end(), 1);
    batchShape.assign(shape.begin(), shape.end() - 2);
    int64_t rows = shape[shape.size() - 2], cols = shape.back();
    // The stored matrix is rows x cols. The lhs contracts over its columns
    // and the rhs over its rows, the other way round when transposed.
    bool contractsColumns = isLhs != transposed;
    vectors = contractsColumns ? rows : cols;
    k = contractsColumns ? cols : rows;
    std::vector<T> values = elementsAs<T>(tensor);
    if (contractsColumns) {
      data = std::move(values);
      return;
    }
    data.resize(values.size());
    int64_t size = rows * cols;
    for (int64_t base = 0, e = values.size(); base < e; base += size)
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c)
          data[base + c * rows + r] = values[base + r * cols + c];
  }

  /// Vector |index| of matrix |matrix|.
  const T *vector(int64_t matrix, int64_t index) const {
    return data.data() + (matrix * vectors + index) * k;
  }
};

template <typename T>
static HostTensor evalMatmul(MatmulOp op, const HostTensor &lhsTensor,
                             const HostTensor &rhsTensor) {
  HostTensor result = makeTensor(op.getResult());
  PackedOperand<T> lhs(lhsTensor, /*isLhs=*/true, op.getTransposeLhs());
  PackedOperand<T> rhs(rhsTensor, /*isLhs=*/false, op.getTransposeRhs());
  // Per batch element, [m, k] x [k, n]: result (i, j) is the dot product of
  // lhs row i and rhs column j.
  int64_t m = lhs.vectors, n = rhs.vectors, k = lhs.k;
  // The result is the broadcast batch shape, then m unless the lhs is a
  // vector, then n unless the rhs is a vector: row-major [batch, m, n].
  size_t matrixDims = (lhsTensor.rank() != 1) + (rhsTensor.rank() != 1);
  ArrayRef<int64_t> batchShape =
      ArrayRef<int64_t>(result.shape()).drop_back(matrixDims);
  BroadcastIndexer lhsBatch(lhs.batchShape, batchShape);
  BroadcastIndexer rhsBatch(rhs.batchShape, batchShape);
  for (int64_t batch = 0, e = productOf(batchShape); batch < e; ++batch) {
    int64_t lhsMatrix = lhsBatch(batch), rhsMatrix = rhsBatch(batch);
    for (int64_t i = 0; i < m; ++i) {
      const T *row = lhs.vector(lhsMatrix, i);
      for (int64_t j = 0; j < n; ++j) {
        const T *column = rhs.vector(rhsMatrix, j);
        T sum = 0;
        for (int64_t p = 0; p < k; ++p)
          sum += row[p] * column[p];
        storeAs(result, (batch * m + i) * n + j, sum);
      }
    }
  }
  return result;
}

//===----------------------------------------------------------------------===//
// conv, conv_transpose
//===----------------------------------------------------------------------===//

/// The channel layout of a grouped convolution: output channel |m| reads
/// input channels [group * inPerGroup, (group + 1) * inPerGroup) with
/// group = m / outPerGroup; the weight slice of (m, input channel c of the
/// group) starts at weightOffset(m, c) and holds the kernel's elements.
struct ChannelMap {
  int64_t inChannels, outChannels, groups;
  bool transposed;

  int64_t inPerGroup() const { return inChannels / groups; }
  int64_t outPerGroup() const { return outChannels / groups; }
  int64_t firstInput(int64_t m) const {
    return m / outPerGroup() * inPerGroup();
  }
  /// conv weights are [M, C/groups, K...]; conv_transpose weights are
  /// [C, M/groups, K...].
  int64_t weightOffset(int64_t m, int64_t c, int64_t kernelSize) const {
    if (!transposed)
      return (m * inPerGroup() + c) * kernelSize;
    return ((firstInput(m) + c) * outPerGroup() + m % outPerGroup()) *
           kernelSize;
  }
};

/// Evaluates conv (or conv_transpose) of |in| = input, weight[, bias] into
/// |result|: for every output element, the sum over the input channels of
/// its group and the kernel positions that read a real input element, plus
/// the bias, rounded once.
template <typename T>
static HostTensor
evalConvolution(HostTensor result, ArrayRef<const HostTensor *> in,
                const Window &window, const ChannelMap &channels) {
  std::vector<T> x = elementsAs<T>(*in[0]), w = elementsAs<T>(*in[1]);
  bool hasBias = in.size() > 2;
  std::vector<T> bias;
  if (hasBias)
    bias = elementsAs<T>(*in[2]);
  int64_t batches = result.shape()[0];
  int64_t inSize = window.inputSize(), outSize = window.outputSize();
  int64_t kernelSize = window.kernelSize();
  SmallVector<Tap> taps;
  for (int64_t o = 0; o < outSize; ++o) {
    window.taps(o, taps);
    for (int64_t n = 0; n < batches; ++n) {
      for (int64_t m = 0; m < channels.outChannels; ++m) {
        T sum = 0;
        for (int64_t c = 0; c < channels.inPerGroup(); ++c) {
          const T *xc =
              x.data() +
              (n * channels.inChannels + channels.firstInput(m) + c) * inSize;
          const T *wc = w.data() + channels.weightOffset(m, c, kernelSize);
          for (const Tap &tap : taps)
            sum += xc[tap.input] * wc[tap.kernel];
        }
        if (hasBias)
          sum += bias[m];
        storeAs(result, (n * channels.outChannels + m) * outSize + o, sum);
      }
    }
  }
  return result;
}

static FailureOr<HostTensor> evalConvFirst(ConvOp op, HostTensor result,
                                           ArrayRef<const HostTensor *> in) {
  const std::vector<int64_t> &weight = in[1]->shape();
  Window window(in[0]->shape(), result.shape(),
                ArrayRef<int64_t>(weight).drop_front(2), op.getStrides(),
                op.getPads(), op.getDilations());
  ChannelMap channels{in[0]->shape()[1], weight[0],
                      static_cast<int64_t>(op.getGroups()),
                      /*transposed=*/false};
  return withWrappingAccumulator(result.dtype(), [&](auto zero) {
    return evalConvolution<decltype(zero)>(std::move(result), in, window,
                                           channels);
  });
}

static FailureOr<HostTensor> evalConv(ConvOp op,
                                      ArrayRef<const HostTensor *> in) {
  if (op.getChannelsLast()) {
    // Channels-last: the same sums on channels-first copies.
    int64_t rank = in[0]->shape().size();
    SmallVector<int64_t> toFirst = channelsLastPerm(rank, false);
    HostTensor x = transposeTensor(*in[0], toFirst);
    HostTensor w = transposeTensor(*in[1], toFirst);
    SmallVector<const HostTensor *> first{&x, &w};
    if (in.size() > 2)
      first.push_back(in[2]);
    HostTensor result = makeTensor(op.getResult());
    std::vector<int64_t> shape;
    for (int64_t d : toFirst)
      shape.push_back(result.shape()[d]);
    FailureOr<HostTensor> y =
        evalConvFirst(op, HostTensor(result.dtype(), shape), first);
    if (failed(y))
      return failure();
    return transposeTensor(*y, channelsLastPerm(rank, true));
  }
  return evalConvFirst(op, makeTensor(op.getResult()), in);
}

static FailureOr<HostTensor>
evalConvTranspose(ConvTransposeOp op, ArrayRef<const HostTensor *> in) {
  HostTensor result = makeTensor(op.getResult());
  const std::vector<int64_t> &weight = in[1]->shape();
  // output_padding only extends the end of the output (already in its
  // shape): the extra positions receive what the window maps there.
  Window window(in[0]->shape(), result.shape(),
                ArrayRef<int64_t>(weight).drop_front(2), op.getStrides(),
                op.getPads(), op.getDilations(), /*transposed=*/true);
  ChannelMap channels{in[0]->shape()[1], result.shape()[1],
                      static_cast<int64_t>(op.getGroups()),
                      /*transposed=*/true};
  return withWrappingAccumulator(result.dtype(), [&](auto zero) {
    return evalConvolution<decltype(zero)>(std::move(result), in, window,
                                           channels);
  });
}

void mlir::tessera::registerContractionEvaluators(EvaluatorRegistry &registry) {
  registry.add<MatmulOp>(
      [](MatmulOp op,
         ArrayRef<const HostTensor *> in) -> FailureOr<HostTensor> {
        auto type = cast<ShapedType>(op.getResult().getType());
        return withWrappingAccumulator(
            *toDType(type.getElementType()), [&](auto zero) {
              return evalMatmul<decltype(zero)>(op, *in[0], *in[1]);
            });
      });
  registry.add<ConvOp>(evalConv);
  registry.add<ConvTransposeOp>(evalConvTranspose);
}
