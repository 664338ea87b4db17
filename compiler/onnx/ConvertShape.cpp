//===- ConvertShape.cpp - ONNX constants and shape ops -> tessera ---------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Constants (Constant, ConstantOfShape, Range), shape queries (Shape, Size),
// ops that only reinterpret the shape (Reshape, Flatten, Squeeze, Unsqueeze:
// all tessera.reshape), Transpose, Expand, and the ops that are the identity
// at inference (Identity, Dropout). Shapes are static, so Shape and Size
// become constants, and the shape sub-graphs exporters emit (Shape -> Gather
// -> Unsqueeze -> Concat -> Reshape) fold to constants as they are built.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"
#include "compiler/reference/Evaluator.h"

#include <cmath>
#include <type_traits>

using namespace mlir;
using namespace mlir::tessera;
using ::tessera::DType;
using ::tessera::HostTensor;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Sets output 0 to |value| reshaped to |shape| (itself when it has that
/// shape).
static LogicalResult setReshaped(NodeImporter &node, Value value,
                                 ArrayRef<int64_t> shape) {
  return setResult(node, OpChain(node).reshape(value, shape));
}

/// Sets output 0 to a constant of |dtype| holding |values|: rank 0 for a
/// single-value attribute (|scalar|), else 1-D.
template <typename T>
static LogicalResult setListConstant(NodeImporter &node, DType dtype,
                                     ArrayRef<T> values, bool scalar) {
  HostTensor tensor(dtype, scalar ? std::vector<int64_t>{}
                                  : std::vector<int64_t>{
                                        static_cast<int64_t>(values.size())});
  for (auto [i, v] : llvm::enumerate(values)) {
    if constexpr (std::is_integral_v<T>)
      tensor.setInt(i, v);
    else
      tensor.setDouble(i, v);
  }
  node.setOutput(0, node.constant(tensor));
  return success();
}

/// A splat constant of |shape| holding element 0 of |element|, built from
/// its bytes: every value (i64 beyond 2^53, f16 bit patterns) stays exact and
/// no buffer of |shape| is ever materialized.
static Value splatOf(NodeImporter &node, ArrayRef<int64_t> shape,
                     const HostTensor &element) {
  auto type = RankedTensorType::get(
      shape, toElementType(element.dtype(), node.context()));
  DenseElementsAttr attr =
      element.dtype() == DType::I1
          ? DenseElementsAttr::get(type, ArrayRef<bool>(element.getInt(0) != 0))
          : DenseElementsAttr::getFromRawBuffer(
                type, ArrayRef<char>(static_cast<const char *>(element.data()),
                                     ::tessera::dtypeSize(element.dtype())));
  return node.builder().create<ConstantOp>(node.loc(),
                                           cast<ElementsAttr>(attr));
}

/// |axes| made non-negative and sorted; an error if one is out of range or
/// repeated.
static FailureOr<SmallVector<int64_t>>
normalizeAxes(NodeImporter &node, ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    FailureOr<int64_t> normalized = normalizeDataAxis(node, axis, rank);
    if (failed(normalized))
      return failure();
    result.push_back(*normalized);
  }
  llvm::sort(result);
  if (std::adjacent_find(result.begin(), result.end()) != result.end()) {
    node.emitError() << "axes " << formatShape(axes) << " repeat an axis";
    return failure();
  }
  return result;
}

/// The axes of Squeeze/Unsqueeze: attribute 'axes' before opset 13, input 1
/// from then on; nullopt when not given.
static FailureOr<std::optional<SmallVector<int64_t>>>
squeezeAxes(NodeImporter &node) {
  if (node.opset() < 13) {
    if (!node.hasAttr("axes"))
      return std::optional<SmallVector<int64_t>>();
    return std::optional(node.attrInts("axes"));
  }
  if (!node.hasInput(1))
    return std::optional<SmallVector<int64_t>>();
  FailureOr<SmallVector<int64_t>> axes = node.constantInts(1);
  if (failed(axes))
    return failure();
  return std::optional(std::move(*axes));
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

/// Constant: one of value (a tensor), value_float(s) (f32) or value_int(s)
/// (i64); sparse and string constants are not supported.
static LogicalResult convertConstant(NodeImporter &node) {
  if (node.hasAttr("value")) {
    FailureOr<HostTensor> value = node.attrTensor("value");
    if (failed(value))
      return failure();
    node.setOutput(0, node.constant(*value));
    return success();
  }
  if (node.hasAttr("value_float"))
    return setListConstant<double>(
        node, DType::F32, {node.attrFloat("value_float", 0)}, /*scalar=*/true);
  if (node.hasAttr("value_floats"))
    return setListConstant<double>(node, DType::F32,
                                   node.attrFloats("value_floats"), false);
  if (node.hasAttr("value_int"))
    return setListConstant<int64_t>(
        node, DType::I64, {node.attrInt("value_int", 0)}, /*scalar=*/true);
  if (node.hasAttr("value_ints"))
    return setListConstant<int64_t>(node, DType::I64,
                                    node.attrInts("value_ints"), false);
  if (node.hasAttr("sparse_value"))
    return node.unsupported("sparse constant ('sparse_value')");
  if (node.hasAttr("value_string") || node.hasAttr("value_strings"))
    return node.unsupported("string constant");
  return node.unsupported("Constant without a value attribute");
}

/// ConstantOfShape: a splat of the one-element 'value' attribute (default
/// f32 0) with the shape given by the constant input.
static LogicalResult convertConstantOfShape(NodeImporter &node) {
  FailureOr<SmallVector<int64_t>> shape = node.constantInts(0);
  if (failed(shape))
    return failure();
  if (llvm::any_of(*shape, [](int64_t d) { return d < 0; }))
    return node.emitError()
           << "expected a shape of sizes >= 0, got " << formatShape(*shape);
  HostTensor element(DType::F32, {1});
  if (node.hasAttr("value")) {
    FailureOr<HostTensor> value = node.attrTensor("value");
    if (failed(value))
      return failure();
    if (value->numElements() != 1)
      return node.emitError() << "expected a one-element 'value', got "
                              << value->numElements() << " elements";
    element = std::move(*value);
  }
  node.setOutput(0, splatOf(node, *shape, element));
  return success();
}

/// Range: start, limit and delta must be constant scalars; the result has
/// max(ceil((limit - start) / delta), 0) elements start + i * delta.
static LogicalResult convertRange(NodeImporter &node) {
  SmallVector<HostTensor, 3> operands;
  for (size_t i = 0; i < 3; ++i) {
    if (!node.hasInput(i))
      return node.emitError() << "missing input " << i;
    std::optional<HostTensor> value = node.constantValue(node.input(i));
    if (!value)
      return node.unsupported("Range with a non-constant input " +
                              std::to_string(i) + " ('" +
                              node.proto().input(i) + "')");
    if (value->numElements() != 1)
      return node.emitError() << "expected scalar inputs, input " << i
                              << " has " << value->numElements() << " elements";
    operands.push_back(std::move(*value));
  }
  DType dtype = operands[0].dtype();
  if (operands[1].dtype() != dtype || operands[2].dtype() != dtype)
    return node.emitError()
           << "expected inputs of one type, got " << ::tessera::dtypeName(dtype)
           << ", " << ::tessera::dtypeName(operands[1].dtype()) << " and "
           << ::tessera::dtypeName(operands[2].dtype());
  int64_t count = 0;
  HostTensor result;
  if (::tessera::isFloat(dtype)) {
    double start = operands[0].getDouble(0), limit = operands[1].getDouble(0),
           delta = operands[2].getDouble(0);
    double steps = std::ceil((limit - start) / delta);
    if (delta == 0 || !std::isfinite(steps) || steps > INT32_MAX)
      return node.emitError() << "cannot build a range from " << start << " to "
                              << limit << " by " << delta;
    count = std::max<int64_t>(steps, 0);
    result = HostTensor(dtype, {count});
    for (int64_t i = 0; i < count; ++i)
      result.setDouble(i, start + i * delta);
  } else {
    int64_t start = operands[0].getInt(0), limit = operands[1].getInt(0),
            delta = operands[2].getInt(0);
    // ceil((limit - start) / delta), in 128 bits so that no span overflows.
    __int128 span = static_cast<__int128>(limit) - start, step = delta;
    __int128 n = delta > 0   ? (span + step - 1) / step
                 : delta < 0 ? (-span - step - 1) / -step
                             : 0;
    if (delta == 0 || n > INT32_MAX)
      return node.emitError() << "cannot build a range from " << start << " to "
                              << limit << " by " << delta;
    count = n > 0 ? static_cast<int64_t>(n) : 0;
    result = HostTensor(dtype, {count});
    for (int64_t i = 0; i < count; ++i)
      result.setInt(i, start + i * delta);
  }
  node.setOutput(0, node.constant(result));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape queries
//===----------------------------------------------------------------------===//

/// Shape: the static shape as an i64 constant; from opset 15 the dimensions
/// [start, end) (negative counts from the back, both clamped to [0, rank]).
static LogicalResult convertShape(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  ArrayRef<int64_t> shape = node.inputType(0).getShape();
  int64_t rank = shape.size();
  int64_t start = 0, end = rank;
  if (node.opset() >= 15) {
    auto clampDim = [&](int64_t d) {
      return std::clamp<int64_t>(d < 0 ? d + rank : d, 0, rank);
    };
    start = clampDim(node.attrInt("start", 0));
    end = clampDim(node.attrInt("end", rank));
  }
  int64_t count = std::max<int64_t>(end - start, 0);
  HostTensor result(DType::I64, {count});
  for (int64_t i = 0; i < count; ++i)
    result.setInt(i, shape[start + i]);
  node.setOutput(0, node.constant(result));
  return success();
}

/// Size: the element count as an i64 scalar constant.
static LogicalResult convertSize(NodeImporter &node) {
  if (failed(node.requiredInput(0)))
    return failure();
  HostTensor result(DType::I64, {});
  result.setInt(0, node.inputType(0).getNumElements());
  node.setOutput(0, node.constant(result));
  return success();
}

//===----------------------------------------------------------------------===//
// Identities at inference
//===----------------------------------------------------------------------===//

static LogicalResult convertIdentity(NodeImporter &node) {
  return setResult(node, node.requiredInput(0));
}

/// Dropout at inference: the output is the input and the optional mask is
/// all true (all ones of the input type before opset 10). Training mode
/// (is_test = 0 before opset 7, a true training_mode input from opset 12)
/// is not supported.
static LogicalResult convertDropout(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  if (node.opset() < 7 && node.attrInt("is_test", 0) == 0)
    return node.unsupported("Dropout in training mode (is_test = 0)");
  if (node.opset() >= 12 && node.hasInput(2)) {
    std::optional<HostTensor> training = node.constantValue(node.input(2));
    if (!training)
      return node.unsupported("Dropout with a non-constant training_mode");
    if (training->numElements() != 1)
      return node.emitError() << "expected a scalar training_mode, got "
                              << training->numElements() << " elements";
    if (training->getInt(0) != 0)
      return node.unsupported("Dropout in training mode");
  }
  node.setOutput(0, *input);
  if (node.hasOutput(1)) {
    RankedTensorType type = node.inputType(0);
    Type maskType =
        node.opset() >= 10 ? node.builder().getI1Type() : type.getElementType();
    node.setOutput(1, node.splat(type.getShape(), maskType, 1.0));
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

/// Reshape: the target comes from the 'shape' attribute before opset 5 and
/// from the constant input 1 after. A 0 copies the input dimension at the
/// same index (unless allowzero = 1, opset 14), one -1 is inferred.
static LogicalResult convertReshape(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  SmallVector<int64_t> requested;
  if (node.opset() < 5) {
    if (!node.hasAttr("shape"))
      return node.emitError() << "missing attribute 'shape'";
    requested = node.attrInts("shape");
  } else {
    FailureOr<SmallVector<int64_t>> shape = node.constantInts(1);
    if (failed(shape))
      return failure();
    requested = std::move(*shape);
  }
  ArrayRef<int64_t> inShape = node.inputType(0).getShape();
  int64_t count = node.inputType(0).getNumElements();
  bool allowZero = node.opset() >= 14 && node.attrInt("allowzero", 0) != 0;

  SmallVector<int64_t> shape(requested);
  std::optional<size_t> inferred;
  for (auto [i, dim] : llvm::enumerate(shape)) {
    if (dim == -1) {
      if (inferred)
        return node.emitError()
               << "shape " << formatShape(requested) << " has more than one -1";
      inferred = i;
    } else if (dim == 0 && !allowZero) {
      if (i >= inShape.size())
        return node.emitError()
               << "shape " << formatShape(requested) << " copies dimension "
               << i << " (a 0), but the input " << formatShape(inShape)
               << " has rank " << inShape.size();
      dim = inShape[i];
    } else if (dim < 0) {
      return node.emitError() << "shape " << formatShape(requested)
                              << " has the invalid size " << dim;
    }
  }
  if (allowZero && inferred && llvm::is_contained(requested, 0))
    return node.emitError() << "shape " << formatShape(requested)
                            << " has both a -1 and a 0 with allowzero = 1";
  int64_t known = 1;
  for (auto [i, dim] : llvm::enumerate(shape))
    if (!inferred || i != *inferred)
      known *= dim;
  if (inferred) {
    if (known == 0 || count % known != 0)
      return node.emitError()
             << "cannot reshape " << formatShape(inShape) << " (" << count
             << " elements) to " << formatShape(requested);
    shape[*inferred] = count / known;
  } else if (known != count) {
    return node.emitError()
           << "cannot reshape " << formatShape(inShape) << " (" << count
           << " elements) to " << formatShape(requested) << " (" << known
           << " elements)";
  }
  return setReshaped(node, *input, shape);
}

/// Flatten: a 2-D reshape [prod(dims[:axis]), prod(dims[axis:])]; axis in
/// [-rank, rank], default 1.
static LogicalResult convertFlatten(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  ArrayRef<int64_t> inShape = node.inputType(0).getShape();
  int64_t rank = inShape.size();
  int64_t axis = node.attrInt("axis", 1);
  if (axis < -rank || axis > rank)
    return node.emitError() << "axis " << axis << " is out of range [" << -rank
                            << ", " << rank << "]";
  if (axis < 0)
    axis += rank;
  int64_t outer = getNumElements(inShape.take_front(axis));
  int64_t inner = getNumElements(inShape.drop_front(axis));
  return setReshaped(node, *input, {outer, inner});
}

/// Squeeze: drops the given size-1 dimensions, or all of them without axes.
static LogicalResult convertSqueeze(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  ArrayRef<int64_t> inShape = node.inputType(0).getShape();
  FailureOr<std::optional<SmallVector<int64_t>>> axes = squeezeAxes(node);
  if (failed(axes))
    return failure();
  SmallVector<bool> drop(inShape.size(), false);
  if (*axes && !(*axes)->empty()) {
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(node, **axes, inShape.size());
    if (failed(normalized))
      return failure();
    for (int64_t axis : *normalized) {
      if (inShape[axis] != 1)
        return node.emitError()
               << "cannot squeeze dimension " << axis << " of size "
               << inShape[axis] << " of " << formatShape(inShape);
      drop[axis] = true;
    }
  } else {
    for (auto [d, dim] : llvm::enumerate(inShape))
      drop[d] = dim == 1;
  }
  SmallVector<int64_t> shape;
  for (auto [d, dim] : llvm::enumerate(inShape))
    if (!drop[d])
      shape.push_back(dim);
  return setReshaped(node, *input, shape);
}

/// Unsqueeze: inserts size-1 dimensions at the given axes of the result.
static LogicalResult convertUnsqueeze(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  ArrayRef<int64_t> inShape = node.inputType(0).getShape();
  FailureOr<std::optional<SmallVector<int64_t>>> axes = squeezeAxes(node);
  if (failed(axes))
    return failure();
  if (!*axes)
    return node.emitError()
           << "missing axes ("
           << (node.opset() < 13 ? "attribute 'axes'" : "input 1") << ")";
  int64_t rank = inShape.size() + (*axes)->size();
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(node, **axes, rank);
  if (failed(normalized))
    return failure();
  SmallVector<int64_t> shape;
  const int64_t *next = inShape.begin();
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(llvm::is_contained(*normalized, d) ? 1 : *next++);
  return setReshaped(node, *input, shape);
}

//===----------------------------------------------------------------------===//
// Transpose and Expand
//===----------------------------------------------------------------------===//

/// Transpose: 'perm' defaults to the reversed dimensions.
static LogicalResult convertTranspose(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  int64_t rank = node.inputType(0).getRank();
  SmallVector<int64_t> perm = node.attrInts("perm");
  if (!node.hasAttr("perm"))
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  return setResult(node, node.create<TransposeOp>(*input, perm));
}

/// Expand: broadcasts the input and the constant shape against each other
/// (the result is broadcast(input.shape, shape), which may be larger than
/// either).
static LogicalResult convertExpand(NodeImporter &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  FailureOr<SmallVector<int64_t>> shape = node.constantInts(1);
  if (failed(shape))
    return failure();
  if (llvm::any_of(*shape, [](int64_t d) { return d < 0; }))
    return node.emitError()
           << "expected a shape of sizes >= 0, got " << formatShape(*shape);
  SmallVector<int64_t> result;
  if (failed(broadcastShapes({node.inputType(0).getShape(), *shape}, result,
                             [&] { return ShapeError(node.emitError()); })))
    return failure();
  auto type = node.inputType(0).clone(result);
  return setResult(node, node.createWithType<BroadcastToOp>(type, *input));
}

void mlir::tessera::registerShapeConverters(ConverterRegistry &registry) {
  registry.add("Constant", convertConstant);
  registry.add("ConstantOfShape", convertConstantOfShape);
  registry.add("Range", convertRange);
  registry.add("Shape", convertShape);
  registry.add("Size", convertSize);
  registry.add("Identity", convertIdentity);
  registry.add("Dropout", convertDropout);
  registry.add("Reshape", convertReshape);
  registry.add("Flatten", convertFlatten);
  registry.add("Squeeze", convertSqueeze);
  registry.add("Unsqueeze", convertUnsqueeze);
  registry.add("Transpose", convertTranspose);
  registry.add("Expand", convertExpand);
}
