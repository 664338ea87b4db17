//===- ConvertTensor.cpp - ONNX data-movement ops -> tessera --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Ops that select or arrange elements: Concat, Split and Slice (tessera.concat
// and tessera.slice with in-bounds offsets/sizes/strides computed from the
// ONNX clamping rules), Gather, Tile (reshape + broadcast_to + reshape), Pad
// and Trilu (a constant mask and tessera.select). Every index operand that
// shapes the result (split sizes, starts/ends, repeats, pads, k) must be a
// constant at import.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"
#include "compiler/reference/Evaluator.h"

using namespace mlir;
using namespace mlir::tessera;
using ::tessera::DType;
using ::tessera::HostTensor;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The `axis` attribute (|defaultValue| when absent) as a dimension of
/// input 0.
static FailureOr<int64_t> axisAttr(NodeImporter &node, int64_t defaultValue) {
  return normalizeDataAxis(node, node.attrInt("axis", defaultValue),
                           node.inputType(0).getRank());
}

//===----------------------------------------------------------------------===//
// Concat and Split
//===----------------------------------------------------------------------===//

/// Concat: 'axis' (default 1 before opset 4, required after; negative from
/// opset 11).
static LogicalResult convertConcat(NodeImporter &node) {
  SmallVector<Value> inputs;
  for (size_t i = 0; i < node.numInputs(); ++i) {
    FailureOr<Value> input = node.requiredInput(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  if (inputs.empty())
    return node.emitError() << "expected at least one input";
  if (node.opset() >= 4 && !node.hasAttr("axis"))
    return node.emitError() << "missing attribute 'axis'";
  FailureOr<int64_t> axis = axisAttr(node, 1);
  if (failed(axis))
    return failure();
  return setResult(node, node.create<ConcatOp>(inputs, *axis));
}

/// Split along 'axis' into the node's outputs. Sizes come from the 'split'
/// attribute (before opset 13) or input 1 (from 13); without them the parts
/// are equal, and from opset 18 ('num_outputs') the last part may be smaller:
/// each part has ceil(dim / n) elements.
static LogicalResult convertSplit(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  FailureOr<int64_t> axis = axisAttr(node, 0);
  if (failed(axis))
    return failure();
  int64_t dim = node.inputType(0).getDimSize(*axis);
  int64_t parts = node.numOutputs();

  SmallVector<int64_t> sizes;
  bool given = false;
  if (node.opset() < 13 && node.hasAttr("split")) {
    sizes = node.attrInts("split");
    given = true;
  } else if (node.hasInput(1)) {
    // Opset 1 allowed the sizes as input 1 too.
    FailureOr<SmallVector<int64_t>> split = node.constantInts(1);
    if (failed(split))
      return failure();
    sizes = std::move(*split);
    given = true;
  }
  if (given) {
    if (static_cast<int64_t>(sizes.size()) != parts)
      return node.emitError()
             << "split " << formatShape(sizes) << " has " << sizes.size()
             << " sizes for " << parts << " outputs";
    int64_t total = 0;
    for (int64_t size : sizes) {
      if (size < 0)
        return node.emitError()
               << "split " << formatShape(sizes) << " has a negative size";
      total += size;
    }
    if (total != dim)
      return node.emitError()
             << "split " << formatShape(sizes) << " sums to " << total
             << ", but dimension " << *axis << " has size " << dim;
  } else {
    if (node.opset() >= 18 && node.hasAttr("num_outputs")) {
      int64_t n = node.attrInt("num_outputs", parts);
      if (n != parts)
        return node.emitError() << "num_outputs is " << n
                                << ", but the node has " << parts << " outputs";
    }
    if (parts <= 0)
      return node.emitError() << "expected at least one output";
    if (node.opset() >= 18) {
      // Parts of ceil(dim / n); the last one takes what is left.
      int64_t chunk = (dim + parts - 1) / parts;
      for (int64_t i = 0, left = dim; i < parts; ++i) {
        sizes.push_back(std::min(chunk, left));
        left -= sizes.back();
      }
    } else {
      if (dim % parts != 0)
        return node.emitError()
               << "cannot split dimension " << *axis << " of size " << dim
               << " into " << parts << " equal parts";
      sizes.assign(parts, dim / parts);
    }
  }

  OpChain chain(node);
  int64_t offset = 0;
  for (auto [i, size] : llvm::enumerate(sizes)) {
    if (node.hasOutput(i)) {
      Value part = chain.slice(*input, *axis, offset, size);
      if (chain.failed())
        return failure();
      node.setOutput(i, part);
    }
    offset += size;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Slice
//===----------------------------------------------------------------------===//

/// One ONNX slice of a dimension of size |dim| as an in-bounds
/// (offset, size, stride), following the ONNX rules: negative starts/ends
/// count from the back, then for step > 0 both clamp to [0, dim], for step <
/// 0 start clamps to [0, dim - 1] and end to [-1, dim - 1]; the size is
/// max(0, ceil((end - start) / step)).
static void sliceDim(int64_t dim, int64_t start, int64_t end, int64_t step,
                     int64_t &offset, int64_t &size, int64_t &stride) {
  if (start < 0)
    start += dim;
  if (end < 0)
    end += dim;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
  } else {
    start = std::clamp<int64_t>(start, 0, std::max<int64_t>(dim - 1, 0));
    end = std::clamp<int64_t>(end, -1, dim - 1);
  }
  // |step| without overflow for INT64_MIN; a step longer than the span
  // takes one element.
  int64_t span = step > 0 ? end - start : start - end;
  int64_t magnitude = step > 0 ? step : (step == INT64_MIN ? INT64_MAX : -step);
  size = dim == 0 || span <= 0 ? 0 : 1 + (span - 1) / magnitude;
  // Normalized: empty slices start at 0, single elements have stride 1.
  offset = size == 0 ? 0 : start;
  stride = size <= 1 ? 1 : step;
}

/// Slice: starts/ends/axes attributes before opset 10; from 10 the inputs
/// starts, ends, axes (default all, negative from the back) and steps
/// (default 1), all constant.
static LogicalResult convertSlice(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  ArrayRef<int64_t> shape = node.inputType(0).getShape();
  int64_t rank = shape.size();
  SmallVector<int64_t> starts, ends, axes, steps;
  if (node.opset() < 10) {
    if (!node.hasAttr("starts") || !node.hasAttr("ends"))
      return node.emitError() << "missing attribute 'starts' or 'ends'";
    starts = node.attrInts("starts");
    ends = node.attrInts("ends");
    axes = node.attrInts("axes");
  } else {
    for (auto [index, values] : {std::pair(1, &starts), std::pair(2, &ends),
                                 std::pair(3, &axes), std::pair(4, &steps)}) {
      if (index > 2 && !node.hasInput(index))
        continue;
      FailureOr<SmallVector<int64_t>> ints = node.constantInts(index);
      if (failed(ints))
        return failure();
      *values = std::move(*ints);
    }
  }
  if (axes.empty() && !(node.opset() >= 10 && node.hasInput(3)))
    axes = llvm::to_vector(llvm::seq<int64_t>(0, starts.size()));
  if (steps.empty() && !(node.opset() >= 10 && node.hasInput(4)))
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return node.emitError() << "expected as many starts, ends, axes and steps, "
                               "got "
                            << starts.size() << ", " << ends.size() << ", "
                            << axes.size() << " and " << steps.size();

  SmallVector<int64_t> offsets(rank, 0), sizes(shape), strides(rank, 1);
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < starts.size(); ++i) {
    FailureOr<int64_t> axis = normalizeDataAxis(node, axes[i], rank);
    if (failed(axis))
      return failure();
    if (seen[*axis])
      return node.emitError()
             << "axes " << formatShape(axes) << " repeat axis " << *axis;
    seen[*axis] = true;
    if (steps[i] == 0)
      return node.emitError()
             << "expected non-zero steps, got " << formatShape(steps);
    sliceDim(shape[*axis], starts[i], ends[i], steps[i], offsets[*axis],
             sizes[*axis], strides[*axis]);
  }
  return setResult(node, node.create<SliceOp>(*input, offsets, sizes, strides));
}

//===----------------------------------------------------------------------===//
// Gather and Tile
//===----------------------------------------------------------------------===//

/// Gather along 'axis'. Indices defined by a constant are checked and made
/// non-negative here; other negative indices (graph inputs too, even with a
/// known value: indices need not be constant, so the model is not
/// specialized on them) are handled by tessera.gather at run time.
static LogicalResult convertGather(NodeImporter &node) {
  FailureOr<Value> data = node.requiredInput(0),
                   indices = node.requiredInput(1);
  if (failed(data) || failed(indices))
    return failure();
  FailureOr<int64_t> axis = axisAttr(node, 0);
  if (failed(axis))
    return failure();
  std::optional<HostTensor> constant;
  if (indices->getDefiningOp<ConstantOp>())
    constant = node.constantValue(*indices);
  if (constant) {
    int64_t n = node.inputType(0).getDimSize(*axis);
    bool negative = false;
    for (int64_t i = 0, e = constant->numElements(); i < e; ++i) {
      int64_t index = constant->getInt(i);
      if (index < -n || index >= n)
        return node.emitError() << "index " << index << " (element " << i
                                << " of the indices) is out of range [" << -n
                                << ", " << n << ") of dimension " << *axis;
      negative |= index < 0;
    }
    if (negative) {
      for (int64_t i = 0, e = constant->numElements(); i < e; ++i)
        if (int64_t index = constant->getInt(i); index < 0)
          constant->setInt(i, index + n);
      indices = node.constant(*constant);
    }
  }
  return setResult(node, node.create<GatherOp>(*data, *indices, *axis));
}

/// Tile: each dimension d repeated repeats[d] times, as a reshape that puts
/// a size-1 dimension before each repeated one, a broadcast of it to the
/// repeat count, and a reshape merging the pairs.
static LogicalResult convertTile(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  if (node.opset() < 6)
    return node.unsupported("Tile before opset 6 (tiles and axis inputs)");
  FailureOr<SmallVector<int64_t>> repeats = node.constantInts(1);
  if (failed(repeats))
    return failure();
  RankedTensorType type = node.inputType(0);
  ArrayRef<int64_t> shape = type.getShape();
  if (repeats->size() != shape.size())
    return node.emitError() << "expected " << shape.size()
                            << " repeats (one per input dimension), got "
                            << formatShape(*repeats);
  if (llvm::any_of(*repeats, [](int64_t r) { return r < 0; }))
    return node.emitError()
           << "repeats " << formatShape(*repeats) << " has a negative value";
  SmallVector<int64_t> expanded, broadcast, result;
  for (auto [dim, repeat] : llvm::zip_equal(shape, *repeats)) {
    result.push_back(dim * repeat);
    if (repeat != 1) {
      expanded.push_back(1);
      broadcast.push_back(repeat);
    }
    expanded.push_back(dim);
    broadcast.push_back(dim);
  }
  if (result == SmallVector<int64_t>(shape)) {
    node.setOutput(0, *input);
    return success();
  }
  FailureOr<Value> value =
      node.createWithType<ReshapeOp>(type.clone(expanded), *input);
  if (succeeded(value))
    value = node.createWithType<BroadcastToOp>(type.clone(broadcast), *value);
  if (succeeded(value))
    value = node.createWithType<ReshapeOp>(type.clone(result), *value);
  return setResult(node, value);
}

//===----------------------------------------------------------------------===//
// Pad and Trilu
//===----------------------------------------------------------------------===//

/// Pad: pads (begin pads, then end pads), the constant value and the mode.
/// Attributes before opset 11 ('paddings' in opset 1); from 11 the constant
/// inputs pads and constant_value, and from 18 axes naming the padded
/// dimensions.
static LogicalResult convertPad(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  int64_t rank = node.inputType(0).getRank();
  SmallVector<int64_t> pads;
  double value = 0;
  if (node.opset() < 11) {
    StringRef name = node.opset() < 2 ? "paddings" : "pads";
    if (!node.hasAttr(name))
      return node.emitError() << "missing attribute '" << name << "'";
    pads = node.attrInts(name);
    value = node.attrFloat("value", 0);
  } else {
    FailureOr<SmallVector<int64_t>> given = node.constantInts(1);
    if (failed(given))
      return failure();
    pads = std::move(*given);
    if (node.hasInput(2)) {
      FailureOr<HostTensor> constant = node.constantInput(2);
      if (failed(constant))
        return failure();
      if (constant->numElements() != 1)
        return node.emitError() << "expected a scalar constant_value, got "
                                << constant->numElements() << " elements";
      value = constant->getDouble(0);
    }
  }
  if (node.opset() >= 18 && node.hasInput(3)) {
    FailureOr<SmallVector<int64_t>> axes = node.constantInts(3);
    if (failed(axes))
      return failure();
    if (pads.size() != 2 * axes->size())
      return node.emitError()
             << "expected " << 2 * axes->size() << " pads for axes "
             << formatShape(*axes) << ", got " << pads.size();
    SmallVector<int64_t> full(2 * rank, 0);
    SmallVector<bool> seen(rank, false);
    for (auto [i, axis] : llvm::enumerate(*axes)) {
      FailureOr<int64_t> d = normalizeDataAxis(node, axis, rank);
      if (failed(d))
        return failure();
      if (seen[*d])
        return node.emitError()
               << "axes " << formatShape(*axes) << " repeat axis " << *d;
      seen[*d] = true;
      full[*d] = pads[i];
      full[rank + *d] = pads[axes->size() + i];
    }
    pads = std::move(full);
  }
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return node.emitError()
           << "expected " << 2 * rank << " pads, got " << formatShape(pads);
  std::string modeName = node.attrString("mode", "constant");
  std::optional<PadMode> mode = symbolizePadMode(modeName);
  if (!mode)
    return node.unsupported("mode '" + modeName + "'");
  return setResult(node,
                   node.create<PadOp>(*input, pads, *mode, APFloat(value)));
}

/// Trilu: keeps the elements of the last two dimensions on and above
/// (upper = 1) or on and below (upper = 0) the k-th diagonal and zeroes the
/// rest, as tessera.select with a constant i1 mask of shape [N, M].
static LogicalResult convertTrilu(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  RankedTensorType type = node.inputType(0);
  if (type.getRank() < 2)
    return node.emitError() << "expected an input of rank >= 2, got "
                            << formatShape(type.getShape());
  int64_t k = 0;
  if (node.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> given = node.constantInts(1);
    if (failed(given))
      return failure();
    if (given->size() != 1)
      return node.emitError()
             << "expected a scalar k, got " << given->size() << " values";
    k = given->front();
  }
  bool upper = node.attrInt("upper", 1) != 0;
  int64_t rows = type.getShape().drop_back().back();
  int64_t cols = type.getShape().back();
  HostTensor mask(DType::I1, {rows, cols});
  int64_t kept = 0;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) {
      // j - i is small, so comparing it with any k cannot overflow.
      bool keep = upper ? j - i >= k : j - i <= k;
      mask.setInt(i * cols + j, keep);
      kept += keep;
    }
  // A diagonal outside the matrix keeps everything or nothing.
  if (kept == rows * cols) {
    node.setOutput(0, *input);
    return success();
  }
  if (kept == 0) {
    node.setOutput(0, node.splat(type.getShape(), type.getElementType(), 0.0));
    return success();
  }
  Value zero = node.splat({}, type.getElementType(), 0.0);
  return setResult(node,
                   node.create<SelectOp>(node.constant(mask), *input, zero));
}

void mlir::tessera::registerTensorConverters(ConverterRegistry &registry) {
  registry.add("Concat", convertConcat);
  registry.add("Split", convertSplit);
  registry.add("Slice", convertSlice);
  registry.add("Gather", convertGather);
  registry.add("Tile", convertTile);
  registry.add("Pad", convertPad);
  registry.add("Trilu", convertTrilu);
}
