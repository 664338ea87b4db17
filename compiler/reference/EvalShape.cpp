//===- EvalShape.cpp - Reference evaluation of constants and data movement ===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// constant, reshape, transpose, broadcast_to, concat, slice, gather and pad.
// Every op here only moves elements, so each one maps a result element to
// the operand element it copies (or to a pad value) and copies its bytes:
// no conversion through double, so i64 values and NaN payloads survive.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalUtils.h"
#include "ir/TesseraOps.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// Copies element |from| of |source| into element |to| of |result| (same
/// dtype).
void copyElement(HostTensor &result, int64_t to, const HostTensor &source,
                 int64_t from) {
  size_t size = ::tessera::dtypeSize(result.dtype());
  std::memcpy(static_cast<char *>(result.data()) + to * size,
              static_cast<const char *>(source.data()) + from * size, size);
}

/// Splits the row-major linear index |linear| of a tensor of |shape| into
/// coordinates.
void coordinatesOf(int64_t linear, ArrayRef<int64_t> shape,
                   SmallVectorImpl<int64_t> &coords) {
  coords.resize(shape.size());
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    coords[d] = linear % shape[d];
    linear /= shape[d];
  }
}

/// Fills every element of |result| from |source|: |sourceIndex| maps the
/// coordinates of a result element to the linear index of the source
/// element it copies.
template <typename Fn>
HostTensor mapElements(HostTensor result, const HostTensor &source,
                       Fn &&sourceIndex) {
  SmallVector<int64_t> coords;
  for (int64_t i = 0, e = result.numElements(); i < e; ++i) {
    coordinatesOf(i, result.shape(), coords);
    copyElement(result, i, source, sourceIndex(coords));
  }
  return result;
}

/// The index of |i| (possibly outside [0, |n|), n > 0) in the input after
/// padding with |mode|; -1 for constant padding outside the input.
int64_t padSourceIndex(int64_t i, int64_t n, PadMode mode) {
  if (i >= 0 && i < n)
    return i;
  switch (mode) {
  case PadMode::constant:
    return -1;
  case PadMode::edge:
    return i < 0 ? 0 : n - 1;
  case PadMode::wrap:
    // Periodic, also more than one period out. (np.pad differs when both
    // sides pad more than |n|: it wraps the partly padded array.)
    return ((i % n) + n) % n;
  case PadMode::reflect: {
    // Mirror without repeating the edge: period 2 * (n - 1).
    if (n == 1)
      return 0;
    int64_t period = 2 * (n - 1);
    int64_t j = ((i % period) + period) % period;
    return j < n ? j : period - j;
  }
  }
  return -1;
}

FailureOr<HostTensor> evalReshape(ReshapeOp op,
                                  ArrayRef<const HostTensor *> in) {
  HostTensor result = makeTensor(op.getResult());
  std::memcpy(result.data(), in[0]->data(), result.byteSize());
  return result;
}

FailureOr<HostTensor> evalTranspose(TransposeOp op,
                                    ArrayRef<const HostTensor *> in) {
  return transposeTensor(*in[0], op.getPerm());
}

FailureOr<HostTensor> evalBroadcastTo(BroadcastToOp op,
                                      ArrayRef<const HostTensor *> in) {
  HostTensor result = makeTensor(op.getResult());
  BroadcastIndexer indexer(in[0]->shape(), result.shape());
  for (int64_t i = 0, e = result.numElements(); i < e; ++i)
    copyElement(result, i, *in[0], indexer(i));
  return result;
}

FailureOr<HostTensor> evalConcat(ConcatOp op, ArrayRef<const HostTensor *> in) {
  HostTensor result = makeTensor(op.getResult());
  int64_t axis = op.getAxis();
  ArrayRef<int64_t> shape = result.shape();
  // Each input contributes, per outer index, one contiguous run of
  // |size along axis| * |inner| elements.
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  for (size_t d = axis + 1; d < shape.size(); ++d)
    inner *= shape[d];
  size_t elementSize = ::tessera::dtypeSize(result.dtype());
  int64_t resultRun = shape[axis] * inner;
  int64_t offset = 0;
  for (const HostTensor *input : in) {
    int64_t run = input->shape()[axis] * inner;
    for (int64_t o = 0; o < outer; ++o)
      std::memcpy(static_cast<char *>(result.data()) +
                      (o * resultRun + offset) * elementSize,
                  static_cast<const char *>(input->data()) +
                      o * run * elementSize,
                  run * elementSize);
    offset += run;
  }
  return result;
}

FailureOr<HostTensor> evalSlice(SliceOp op, ArrayRef<const HostTensor *> in) {
  SmallVector<int64_t> inStrides = stridesOf(in[0]->shape());
  ArrayRef<int64_t> offsets = op.getOffsets(), strides = op.getStrides();
  return mapElements(
      makeTensor(op.getResult()), *in[0], [&](ArrayRef<int64_t> coords) {
        int64_t index = 0;
        for (size_t d = 0; d < coords.size(); ++d)
          index += (offsets[d] + coords[d] * strides[d]) * inStrides[d];
        return index;
      });
}

FailureOr<HostTensor> evalGather(GatherOp op, ArrayRef<const HostTensor *> in) {
  const HostTensor &data = *in[0], &indices = *in[1];
  int64_t axis = op.getAxis();
  int64_t n = data.shape()[axis];
  // Normalize and check every index first, so that an out-of-range index is
  // reported even when the result is empty.
  std::vector<int64_t> normalized(indices.numElements());
  for (int64_t i = 0, e = indices.numElements(); i < e; ++i) {
    int64_t index = indices.getInt(i);
    if (index < -n || index >= n)
      return op.emitError()
             << "index " << index << " (element " << i
             << " of the indices) is out of range [" << -n << ", " << n
             << ") of dimension " << axis << " of the data";
    normalized[i] = index < 0 ? index + n : index;
  }
  // result[pre, idx..., post] = data[pre, indices[idx...], post].
  int64_t inner = 1;
  for (size_t d = axis + 1; d < data.shape().size(); ++d)
    inner *= data.shape()[d];
  int64_t count = indices.numElements();
  HostTensor result = makeTensor(op.getResult());
  for (int64_t i = 0, e = result.numElements(); i < e; ++i) {
    int64_t post = i % inner;
    int64_t k = (i / inner) % count;
    int64_t pre = i / inner / count;
    copyElement(result, i, data, (pre * n + normalized[k]) * inner + post);
  }
  return result;
}

/// Negative pads crop; reflect/edge/wrap indices are taken relative to the
/// whole input (before cropping), which is what the shape rule checks.
FailureOr<HostTensor> evalPad(PadOp op, ArrayRef<const HostTensor *> in) {
  const HostTensor &input = *in[0];
  HostTensor result = makeTensor(op.getResult());
  ArrayRef<int64_t> pads = op.getPads();
  PadMode mode = op.getMode();
  double value = op.getValue().convertToDouble();
  SmallVector<int64_t> inStrides = stridesOf(input.shape());
  SmallVector<int64_t> coords;
  for (int64_t i = 0, e = result.numElements(); i < e; ++i) {
    coordinatesOf(i, result.shape(), coords);
    int64_t index = 0;
    for (size_t d = 0; d < coords.size() && index >= 0; ++d) {
      int64_t source =
          padSourceIndex(coords[d] - pads[d], input.shape()[d], mode);
      index = source < 0 ? -1 : index + source * inStrides[d];
    }
    if (index < 0)
      result.setDouble(i, value);
    else
      copyElement(result, i, input, index);
  }
  return result;
}

} // namespace

HostTensor mlir::tessera::transposeTensor(const HostTensor &tensor,
                                          ArrayRef<int64_t> perm) {
  SmallVector<int64_t> inStrides = stridesOf(tensor.shape());
  std::vector<int64_t> shape;
  for (int64_t d : perm)
    shape.push_back(tensor.shape()[d]);
  return mapElements(HostTensor(tensor.dtype(), shape), tensor,
                     [&](ArrayRef<int64_t> coords) {
                       int64_t index = 0;
                       for (size_t d = 0; d < perm.size(); ++d)
                         index += coords[d] * inStrides[perm[d]];
                       return index;
                     });
}

void mlir::tessera::registerShapeEvaluators(EvaluatorRegistry &registry) {
  registry.add<ConstantOp>(
      [](ConstantOp op, ArrayRef<const HostTensor *>) -> FailureOr<HostTensor> {
        FailureOr<HostTensor> value = toHostTensor(op.getValue());
        if (failed(value))
          return op.emitError("cannot read the value of this constant (an "
                              "elided or mistyped resource?)");
        return value;
      });
  registry.add<ReshapeOp>(evalReshape);
  registry.add<TransposeOp>(evalTranspose);
  registry.add<BroadcastToOp>(evalBroadcastTo);
  registry.add<ConcatOp>(evalConcat);
  registry.add<SliceOp>(evalSlice);
  registry.add<GatherOp>(evalGather);
  registry.add<PadOp>(evalPad);
}
