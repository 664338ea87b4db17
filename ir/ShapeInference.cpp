//===- ShapeInference.cpp - Shape rules of the tessera ops ----------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ir/ShapeInference.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessera;

ShapeError OpErrorEmitter::operator()() const {
  if (!loc)
    return ShapeError();
  InFlightDiagnostic diag = mlir::emitError(*loc);
  diag << "'" << opName << "' op ";
  return ShapeError(std::move(diag));
}

std::string mlir::tessera::formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(shape, os);
  os << ']';
  return text;
}

int64_t mlir::tessera::getNumElements(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

LogicalResult
mlir::tessera::broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes,
                               SmallVectorImpl<int64_t> &result,
                               EmitErrorFn emitError) {
  size_t rank = 0;
  for (ArrayRef<int64_t> shape : shapes)
    rank = std::max(rank, shape.size());
  result.assign(rank, 1);
  for (ArrayRef<int64_t> shape : shapes) {
    size_t offset = rank - shape.size();
    for (auto [i, dim] : llvm::enumerate(shape)) {
      int64_t &out = result[offset + i];
      if (dim == out || dim == 1)
        continue;
      if (out != 1) {
        std::string all;
        for (auto [k, s] : llvm::enumerate(shapes))
          all += (k == 0                   ? ""
                  : k + 1 == shapes.size() ? " and "
                                           : ", ") +
                 formatShape(s);
        return emitError() << "operand shapes " << all
                           << " are not broadcast-compatible";
      }
      out = dim;
    }
  }
  return success();
}

bool mlir::tessera::isBroadcastableTo(ArrayRef<int64_t> from,
                                      ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  size_t offset = to.size() - from.size();
  for (auto [i, dim] : llvm::enumerate(from))
    if (dim != 1 && dim != to[offset + i])
      return false;
  return true;
}

LogicalResult mlir::tessera::verifyAxis(int64_t axis, int64_t rank,
                                        StringRef what, EmitErrorFn emitError) {
  if (axis < 0 || axis >= rank)
    return emitError() << "expected " << what << " in [0, " << rank
                       << "), got " << axis;
  return success();
}

LogicalResult mlir::tessera::verifyAxes(ArrayRef<int64_t> axes, int64_t rank,
                                        EmitErrorFn emitError) {
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return emitError() << "expected axes in [0, " << rank << "), got "
                         << formatShape(axes);
    if (i > 0 && axes[i - 1] >= axis)
      return emitError() << "expected sorted, unique axes, got "
                         << formatShape(axes);
  }
  return success();
}

LogicalResult mlir::tessera::inferReduceShape(ArrayRef<int64_t> input,
                                              ArrayRef<int64_t> axes,
                                              bool keepDims,
                                              SmallVectorImpl<int64_t> &result,
                                              EmitErrorFn emitError) {
  if (failed(verifyAxes(axes, input.size(), emitError)))
    return failure();
  result.clear();
  for (auto [i, dim] : llvm::enumerate(input)) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(i)))
      result.push_back(dim);
    else if (keepDims)
      result.push_back(1);
  }
  return success();
}

LogicalResult mlir::tessera::inferMatmulShape(ArrayRef<int64_t> lhs,
                                              ArrayRef<int64_t> rhs,
                                              bool transposeLhs,
                                              bool transposeRhs,
                                              SmallVectorImpl<int64_t> &result,
                                              EmitErrorFn emitError) {
  if (lhs.empty() || rhs.empty())
    return emitError() << "expected operands of rank >= 1, got ranks "
                       << lhs.size() << " and " << rhs.size();
  if ((transposeLhs && lhs.size() < 2) || (transposeRhs && rhs.size() < 2))
    return emitError() << "transposed operand must have rank >= 2";
  // Promote vectors to matrices: lhs [K] -> [1, K], rhs [K] -> [K, 1].
  SmallVector<int64_t> a(lhs), b(rhs);
  if (a.size() == 1)
    a.insert(a.begin(), 1);
  if (b.size() == 1)
    b.push_back(1);
  if (transposeLhs)
    std::swap(a[a.size() - 1], a[a.size() - 2]);
  if (transposeRhs)
    std::swap(b[b.size() - 1], b[b.size() - 2]);
  int64_t m = a[a.size() - 2], k = a.back();
  int64_t kb = b[b.size() - 2], n = b.back();
  if (k != kb)
    return emitError() << "contracting dimensions differ: lhs " << formatShape(lhs)
                       << (transposeLhs ? " (transposed)" : "") << " has " << k
                       << ", rhs " << formatShape(rhs)
                       << (transposeRhs ? " (transposed)" : "") << " has " << kb;
  ArrayRef<int64_t> batchA = ArrayRef<int64_t>(a).drop_back(2);
  ArrayRef<int64_t> batchB = ArrayRef<int64_t>(b).drop_back(2);
  if (failed(broadcastShapes({batchA, batchB}, result,
                             [] { return ShapeError(); })))
    return emitError() << "batch dimensions " << formatShape(batchA)
                       << " and " << formatShape(batchB)
                       << " are not broadcast-compatible";
  if (lhs.size() != 1)
    result.push_back(m);
  if (rhs.size() != 1)
    result.push_back(n);
  return success();
}

LogicalResult mlir::tessera::verifyWindowAttrs(int64_t spatialRank,
                                               ArrayRef<int64_t> strides,
                                               ArrayRef<int64_t> pads,
                                               ArrayRef<int64_t> dilations,
                                               EmitErrorFn emitError) {
  if (static_cast<int64_t>(strides.size()) != spatialRank)
    return emitError() << "expected " << spatialRank << " strides, got "
                       << strides.size();
  if (static_cast<int64_t>(dilations.size()) != spatialRank)
    return emitError() << "expected " << spatialRank << " dilations, got "
                       << dilations.size();
  if (static_cast<int64_t>(pads.size()) != 2 * spatialRank)
    return emitError() << "expected " << 2 * spatialRank << " pads, got "
                       << pads.size();
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }))
    return emitError() << "expected strides >= 1, got " << formatShape(strides);
  if (llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return emitError() << "expected dilations >= 1, got "
                       << formatShape(dilations);
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return emitError() << "expected pads >= 0, got " << formatShape(pads);
  return success();
}

/// Checks that every spatial kernel size is at least 1.
static LogicalResult verifyKernelSizes(ArrayRef<int64_t> kernel,
                                       EmitErrorFn emitError) {
  if (llvm::any_of(kernel, [](int64_t k) { return k < 1; }))
    return emitError() << "expected kernel sizes >= 1, got "
                       << formatShape(kernel);
  return success();
}

/// Checks what conv and conv_transpose share: ranks of |input| [N, C, D...]
/// and |weight| [*, *, K...], window attributes and kernel sizes.
static LogicalResult verifyConvOperands(ArrayRef<int64_t> input,
                                        ArrayRef<int64_t> weight,
                                        ArrayRef<int64_t> strides,
                                        ArrayRef<int64_t> pads,
                                        ArrayRef<int64_t> dilations,
                                        EmitErrorFn emitError) {
  if (input.size() < 3)
    return emitError() << "expected input of rank >= 3 [N, C, spatial...], "
                          "got rank "
                       << input.size();
  if (weight.size() != input.size())
    return emitError() << "expected weight of rank " << input.size()
                       << " like the input, got rank " << weight.size();
  int64_t spatialRank = input.size() - 2;
  if (failed(verifyWindowAttrs(spatialRank, strides, pads, dilations,
                               emitError)))
    return failure();
  return verifyKernelSizes(weight.drop_front(2), emitError);
}

/// Output size of one windowed dimension, or a negative value when the
/// (dilated) window does not fit into the padded input.
static int64_t windowOutputSize(int64_t in, int64_t window, int64_t stride,
                                int64_t padBegin, int64_t padEnd,
                                int64_t dilation, bool ceilMode) {
  int64_t span = dilation * (window - 1) + 1;
  int64_t room = in + padBegin + padEnd - span;
  if (room < 0)
    return -1;
  int64_t out = (ceilMode ? llvm::divideCeil(room, stride) : room / stride) + 1;
  // A ceil-mode window must start inside the input or the begin padding.
  if (ceilMode && (out - 1) * stride >= in + padBegin)
    --out;
  return out;
}

LogicalResult mlir::tessera::inferConvShape(
    ArrayRef<int64_t> input, ArrayRef<int64_t> weight,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
    ArrayRef<int64_t> dilations, int64_t groups,
    SmallVectorImpl<int64_t> &result, EmitErrorFn emitError) {
  if (failed(verifyConvOperands(input, weight, strides, pads, dilations,
                                emitError)))
    return failure();
  int64_t spatialRank = input.size() - 2;
  if (groups < 1)
    return emitError() << "expected groups >= 1, got " << groups;
  if (input[1] % groups != 0 || weight[0] % groups != 0)
    return emitError() << "input channels (" << input[1]
                       << ") and output channels (" << weight[0]
                       << ") must be divisible by groups (" << groups << ")";
  if (weight[1] * groups != input[1])
    return emitError() << "weight has " << weight[1]
                       << " input channels per group, expected "
                       << input[1] / groups << " (" << input[1]
                       << " channels / " << groups << " groups)";
  result.assign({input[0], weight[0]});
  for (int64_t i = 0; i < spatialRank; ++i) {
    int64_t out = windowOutputSize(input[i + 2], weight[i + 2], strides[i],
                                   pads[i], pads[i + spatialRank],
                                   dilations[i], /*ceilMode=*/false);
    if (out < 1)
      return emitError() << "kernel dimension " << i << " (size "
                         << weight[i + 2] << ", dilation " << dilations[i]
                         << ") does not fit the padded input (size "
                         << input[i + 2] + pads[i] + pads[i + spatialRank]
                         << ")";
    result.push_back(out);
  }
  return success();
}

LogicalResult mlir::tessera::inferConvTransposeShape(
    ArrayRef<int64_t> input, ArrayRef<int64_t> weight,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
    ArrayRef<int64_t> dilations, ArrayRef<int64_t> outputPadding,
    int64_t groups, SmallVectorImpl<int64_t> &result, EmitErrorFn emitError) {
  if (failed(verifyConvOperands(input, weight, strides, pads, dilations,
                                emitError)))
    return failure();
  int64_t spatialRank = input.size() - 2;
  if (static_cast<int64_t>(outputPadding.size()) != spatialRank)
    return emitError() << "expected " << spatialRank
                       << " output_padding values, got "
                       << outputPadding.size();
  if (groups < 1)
    return emitError() << "expected groups >= 1, got " << groups;
  if (weight[0] != input[1])
    return emitError() << "weight has " << weight[0]
                       << " input channels, expected " << input[1];
  if (input[1] % groups != 0)
    return emitError() << "input channels (" << input[1]
                       << ") must be divisible by groups (" << groups << ")";
  result.assign({input[0], weight[1] * groups});
  for (int64_t i = 0; i < spatialRank; ++i) {
    int64_t pad = outputPadding[i];
    if (pad < 0 || (pad >= strides[i] && pad >= dilations[i]))
      return emitError() << "output_padding " << formatShape(outputPadding)
                         << " must be >= 0 and smaller than the stride or "
                            "the dilation in dimension "
                         << i;
    int64_t out = strides[i] * (input[i + 2] - 1) + pad +
                  dilations[i] * (weight[i + 2] - 1) + 1 - pads[i] -
                  pads[i + spatialRank];
    if (out < 1)
      return emitError() << "pads " << formatShape(pads)
                         << " leave no output in dimension " << i;
    result.push_back(out);
  }
  return success();
}

LogicalResult mlir::tessera::inferPoolShape(
    ArrayRef<int64_t> input, ArrayRef<int64_t> kernel,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
    ArrayRef<int64_t> dilations, bool ceilMode,
    SmallVectorImpl<int64_t> &result, EmitErrorFn emitError) {
  if (input.size() < 3)
    return emitError() << "expected input of rank >= 3 [N, C, spatial...], "
                          "got rank "
                       << input.size();
  int64_t spatialRank = input.size() - 2;
  if (static_cast<int64_t>(kernel.size()) != spatialRank)
    return emitError() << "expected " << spatialRank
                       << " kernel sizes, got " << kernel.size();
  if (failed(verifyKernelSizes(kernel, emitError)))
    return failure();
  if (failed(verifyWindowAttrs(spatialRank, strides, pads, dilations,
                               emitError)))
    return failure();
  result.assign({input[0], input[1]});
  for (int64_t i = 0; i < spatialRank; ++i) {
    int64_t span = dilations[i] * (kernel[i] - 1) + 1;
    if (pads[i] >= span || pads[i + spatialRank] >= span)
      return emitError() << "pads " << formatShape(pads)
                         << " must be smaller than the window (" << span
                         << ") in dimension " << i;
    int64_t out = windowOutputSize(input[i + 2], kernel[i], strides[i],
                                   pads[i], pads[i + spatialRank],
                                   dilations[i], ceilMode);
    if (out < 1)
      return emitError() << "window dimension " << i << " (size " << span
                         << ") does not fit the padded input (size "
                         << input[i + 2] + pads[i] + pads[i + spatialRank]
                         << ")";
    result.push_back(out);
  }
  return success();
}

LogicalResult mlir::tessera::inferTransposeShape(ArrayRef<int64_t> input,
                                                 ArrayRef<int64_t> perm,
                                                 SmallVectorImpl<int64_t> &result,
                                                 EmitErrorFn emitError) {
  if (perm.size() != input.size())
    return emitError() << "expected a permutation of " << input.size()
                       << " dimensions, got " << formatShape(perm);
  SmallVector<bool> seen(input.size(), false);
  result.clear();
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(input.size()) || seen[p])
      return emitError() << "expected a permutation of [0, " << input.size()
                         << "), got " << formatShape(perm);
    seen[p] = true;
    result.push_back(input[p]);
  }
  return success();
}

LogicalResult
mlir::tessera::inferConcatShape(ArrayRef<ArrayRef<int64_t>> inputs,
                                int64_t axis, SmallVectorImpl<int64_t> &result,
                                EmitErrorFn emitError) {
  if (inputs.empty())
    return emitError() << "expected at least one input";
  ArrayRef<int64_t> first = inputs.front();
  if (failed(verifyAxis(axis, first.size(), "axis", emitError)))
    return failure();
  result.assign(first.begin(), first.end());
  for (auto [i, shape] : llvm::enumerate(inputs.drop_front())) {
    bool compatible = shape.size() == first.size();
    for (size_t d = 0; compatible && d < shape.size(); ++d)
      compatible = static_cast<int64_t>(d) == axis || shape[d] == first[d];
    if (!compatible)
      return emitError() << "input " << i + 1 << " has shape "
                         << formatShape(shape)
                         << ", which does not match input 0 "
                         << formatShape(first) << " outside axis " << axis;
    result[axis] += shape[axis];
  }
  return success();
}

LogicalResult mlir::tessera::verifySlice(ArrayRef<int64_t> input,
                                         ArrayRef<int64_t> offsets,
                                         ArrayRef<int64_t> sizes,
                                         ArrayRef<int64_t> strides,
                                         EmitErrorFn emitError) {
  size_t rank = input.size();
  if (offsets.size() != rank || sizes.size() != rank || strides.size() != rank)
    return emitError() << "expected " << rank
                       << " offsets, sizes and strides, got "
                       << offsets.size() << ", " << sizes.size() << " and "
                       << strides.size();
  for (size_t d = 0; d < rank; ++d) {
    if (strides[d] == 0)
      return emitError() << "expected non-zero strides, got "
                         << formatShape(strides);
    if (sizes[d] < 0)
      return emitError() << "expected sizes >= 0, got " << formatShape(sizes);
    if (sizes[d] == 0)
      continue;
    int64_t last = offsets[d] + (sizes[d] - 1) * strides[d];
    if (offsets[d] < 0 || offsets[d] >= input[d] || last < 0 ||
        last >= input[d])
      return emitError() << "slice of dimension " << d << " (offset "
                         << offsets[d] << ", size " << sizes[d] << ", stride "
                         << strides[d] << ") is out of bounds [0, " << input[d]
                         << ")";
  }
  return success();
}

LogicalResult mlir::tessera::inferPadShape(ArrayRef<int64_t> input,
                                           ArrayRef<int64_t> pads,
                                           bool reflect, bool replicate,
                                           SmallVectorImpl<int64_t> &result,
                                           EmitErrorFn emitError) {
  size_t rank = input.size();
  if (pads.size() != 2 * rank)
    return emitError() << "expected " << 2 * rank << " pads, got "
                       << pads.size();
  result.clear();
  for (size_t d = 0; d < rank; ++d) {
    int64_t begin = pads[d], end = pads[d + rank];
    if (-begin > input[d] || -end > input[d])
      return emitError() << "pads " << formatShape(pads) << " crop more than "
                         << "dimension " << d << " (size " << input[d]
                         << ") holds";
    if (replicate && input[d] == 0 && (begin > 0 || end > 0))
      return emitError() << "cannot pad empty dimension " << d
                         << " by reflecting, repeating or wrapping it";
    if (reflect && (begin >= input[d] || end >= input[d]))
      return emitError() << "reflect pads must be smaller than the dimension: "
                         << "dimension " << d << " has size " << input[d]
                         << ", pads " << formatShape(pads);
    int64_t dim = input[d] + begin + end;
    if (dim < 0)
      return emitError() << "pads " << formatShape(pads)
                         << " crop dimension " << d << " (size " << input[d]
                         << ") below zero";
    result.push_back(dim);
  }
  return success();
}

SmallVector<int64_t> mlir::tessera::channelsLastPerm(int64_t rank,
                                                     bool toLast) {
  SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  if (rank < 3)
    return perm;
  if (toLast)
    std::rotate(perm.begin() + 1, perm.begin() + 2, perm.end());
  else
    std::rotate(perm.begin() + 1, perm.end() - 1, perm.end());
  return perm;
}
