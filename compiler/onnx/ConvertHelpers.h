//===- ConvertHelpers.h - Helpers shared by multi-op converters -*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Private to compiler/onnx: OpChain, which lets a converter that decomposes
// a node into several tessera ops check for failure once at the end, and
// small helpers for axes, element types and results.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_ONNX_CONVERTHELPERS_H
#define TESSERA_ONNX_CONVERTHELPERS_H

#include "compiler/onnx/NodeImporter.h"
#include "ir/ShapeInference.h"
#include "ir/TesseraOps.h"

namespace mlir::tessera {

/// The shape of a value of ranked tensor type.
inline ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

/// The element type of a value of ranked tensor type.
inline Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

/// Builds the ops of one node's decomposition through NodeImporter (so every
/// op is checked, folded and evaluated on constants). The first failure has
/// already been reported by the importer; from then on every call builds
/// nothing and returns a null Value, so a chain of steps is checked once, by
/// failed(), at the end.
class OpChain {
public:
  explicit OpChain(NodeImporter &node) : node(node) {}

  /// NodeImporter::create<OpT>(args...).
  template <typename OpT, typename... Args> Value create(Args &&...args) {
    if (hasFailed)
      return {};
    return check(node.create<OpT>(std::forward<Args>(args)...));
  }

  /// NodeImporter::createWithType<OpT>(type, args...).
  template <typename OpT, typename... Args>
  Value createWithType(Type type, Args &&...args) {
    if (hasFailed)
      return {};
    return check(node.createWithType<OpT>(type, std::forward<Args>(args)...));
  }

  /// |value| reshaped to |shape|; |value| itself when it has that shape.
  Value reshape(Value value, ArrayRef<int64_t> shape) {
    if (hasFailed || shapeOf(value) == shape)
      return value;
    return createWithType<ReshapeOp>(
        RankedTensorType::get(shape, elementTypeOf(value)), value);
  }

  /// |size| elements of dimension |axis| of |value| from |offset| by
  /// |stride|, the other dimensions whole. An empty slice starts at 0.
  Value slice(Value value, int64_t axis, int64_t offset, int64_t size,
              int64_t stride = 1) {
    if (hasFailed)
      return {};
    ArrayRef<int64_t> shape = shapeOf(value);
    SmallVector<int64_t> offsets(shape.size(), 0), sizes(shape),
        strides(shape.size(), 1);
    offsets[axis] = size == 0 ? 0 : offset;
    sizes[axis] = size;
    strides[axis] = stride;
    return create<SliceOp>(value, offsets, sizes, strides);
  }

  /// |value| with its dimensions permuted by |perm|.
  Value transpose(Value value, ArrayRef<int64_t> perm) {
    return create<TransposeOp>(value, perm);
  }

  /// |value| converted to |elementType|; |value| itself when it has it.
  Value castTo(Value value, Type elementType) {
    if (hasFailed || elementTypeOf(value) == elementType)
      return value;
    return createWithType<CastOp>(
        RankedTensorType::get(shapeOf(value), elementType), value);
  }

  /// A rank-0 constant of |elementType| holding |value|.
  Value scalar(Type elementType, double value) {
    return hasFailed ? Value() : node.splat({}, elementType, value);
  }

  /// True once a step has failed (and reported why).
  bool failed() const { return hasFailed; }

private:
  Value check(FailureOr<Value> value) {
    if (mlir::failed(value)) {
      hasFailed = true;
      return {};
    }
    return *value;
  }

  NodeImporter &node;
  bool hasFailed = false;
};

/// Maps an ONNX axis in [-rank, rank) to [0, rank), or reports "expected
/// |what| in [-rank, rank), got axis" at the node.
inline FailureOr<int64_t> normalizeAxis(NodeImporter &node, int64_t axis,
                                        int64_t rank, StringRef what = "axis") {
  if (axis < -rank || axis >= rank) {
    node.emitError() << "expected " << what << " in [" << -rank << ", " << rank
                     << "), got " << axis;
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

/// normalizeAxis for the shape and data-movement converters (Concat, Split,
/// Slice, Gather, Pad, Squeeze, Unsqueeze), whose message reads "axis A is
/// out of range [-rank, rank)".
inline FailureOr<int64_t> normalizeDataAxis(NodeImporter &node, int64_t axis,
                                            int64_t rank) {
  if (axis < -rank || axis >= rank) {
    node.emitError() << "axis " << axis << " is out of range [" << -rank << ", "
                     << rank << ")";
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

/// Sets output 0 of |node| to |value|; fails when |value| is null (a failed
/// OpChain step, already reported).
inline LogicalResult setResult(NodeImporter &node, Value value) {
  if (!value)
    return failure();
  node.setOutput(0, value);
  return success();
}

/// Sets output 0 of |node| to |result| unless building it failed (and
/// reported why).
inline LogicalResult setResult(NodeImporter &node, FailureOr<Value> result) {
  return setResult(node, succeeded(result) ? *result : Value());
}

} // namespace mlir::tessera

#endif // TESSERA_ONNX_CONVERTHELPERS_H
