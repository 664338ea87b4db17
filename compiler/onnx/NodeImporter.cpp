//===- NodeImporter.cpp - The API op converters are written against -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/GraphImporter.h"
#include "compiler/onnx/TensorProto.h"
#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"

#include "mlir/IR/Verifier.h"

using namespace mlir;
using namespace mlir::tessera;
using ::tessera::HostTensor;

NodeImporter::NodeImporter(GraphImporter &graph, const onnx::NodeProto &node,
                           int64_t opset, Location loc)
    : graph(graph), node(node), opsetVersion(opset), location(loc),
      b(graph.builder) {}

StringRef NodeImporter::name() const {
  return cast<NameLoc>(location).getName().getValue();
}

const ImportOptions &NodeImporter::options() const { return graph.options; }

//===----------------------------------------------------------------------===//
// Inputs
//===----------------------------------------------------------------------===//

bool NodeImporter::hasInput(size_t i) const {
  return i < numInputs() && !node.input(i).empty();
}

Value NodeImporter::input(size_t i) const {
  return hasInput(i) ? graph.values.lookup(node.input(i)) : Value();
}

RankedTensorType NodeImporter::inputType(size_t i) const {
  Value value = input(i);
  return value ? cast<RankedTensorType>(value.getType()) : RankedTensorType();
}

FailureOr<Value> NodeImporter::requiredInput(size_t i) {
  if (Value value = input(i))
    return value;
  emitError() << "missing input " << i;
  return failure();
}

std::optional<HostTensor> NodeImporter::constantValue(Value value) const {
  if (const HostTensor *known = graph.knownValues.lookup(value))
    return *known;
  return constantValueOf(value);
}

FailureOr<HostTensor> NodeImporter::constantInput(size_t i) {
  FailureOr<Value> value = requiredInput(i);
  if (failed(value))
    return failure();
  std::optional<HostTensor> tensor = constantValue(*value);
  if (!tensor) {
    emitError() << "input " << i << " ('" << node.input(i)
                << "') must be a constant (or computable from constants and "
                   "static shapes)";
    return failure();
  }
  return std::move(*tensor);
}

FailureOr<SmallVector<int64_t>> NodeImporter::constantInts(size_t i) {
  FailureOr<HostTensor> tensor = constantInput(i);
  if (failed(tensor))
    return failure();
  if (::tessera::isFloat(tensor->dtype())) {
    emitError() << "input " << i << " ('" << node.input(i)
                << "') must hold integers, got "
                << ::tessera::dtypeName(tensor->dtype());
    return failure();
  }
  SmallVector<int64_t> ints;
  for (int64_t k = 0; k < tensor->numElements(); ++k)
    ints.push_back(tensor->getInt(k));
  return ints;
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

const onnx::AttributeProto *NodeImporter::attr(StringRef name) const {
  for (const onnx::AttributeProto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

int64_t NodeImporter::attrInt(StringRef name, int64_t defaultValue) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->i() : defaultValue;
}

double NodeImporter::attrFloat(StringRef name, double defaultValue) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->f() : defaultValue;
}

std::string NodeImporter::attrString(StringRef name,
                                     StringRef defaultValue) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->s() : defaultValue.str();
}

SmallVector<int64_t> NodeImporter::attrInts(StringRef name,
                                            ArrayRef<int64_t> defaultValue) const {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return SmallVector<int64_t>(defaultValue);
  return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

SmallVector<double> NodeImporter::attrFloats(StringRef name) const {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return {};
  return SmallVector<double>(a->floats().begin(), a->floats().end());
}

FailureOr<HostTensor> NodeImporter::attrTensor(StringRef name) {
  const onnx::AttributeProto *a = attr(name);
  if (!a || !a->has_t()) {
    emitError() << "missing tensor attribute '" << name << "'";
    return failure();
  }
  HostTensor tensor;
  std::string error;
  if (!tensorFromProto(a->t(), graph.modelDir, tensor, error)) {
    emitError() << "attribute '" << name << "': " << error;
    return failure();
  }
  return tensor;
}

//===----------------------------------------------------------------------===//
// Outputs
//===----------------------------------------------------------------------===//

bool NodeImporter::hasOutput(size_t i) const {
  return i < numOutputs() && !node.output(i).empty();
}

void NodeImporter::setOutput(size_t i, Value value) {
  if (hasOutput(i))
    graph.values[node.output(i)] = value;
}

//===----------------------------------------------------------------------===//
// Building
//===----------------------------------------------------------------------===//

Value NodeImporter::constant(const HostTensor &tensor) {
  std::string resourceName = resourceNameFor(name());
  return b.create<ConstantOp>(
      location, toElementsAttr(tensor, b.getContext(), resourceName,
                               graph.options.resourceThreshold));
}

Value NodeImporter::splat(ArrayRef<int64_t> shape, Type elementType,
                          double value) {
  auto type = RankedTensorType::get(shape, elementType);
  Attribute element =
      isa<FloatType>(elementType)
          ? Attribute(b.getFloatAttr(elementType, value))
          : Attribute(b.getIntegerAttr(elementType,
                                       static_cast<int64_t>(value)));
  return b.create<ConstantOp>(
      location, cast<ElementsAttr>(DenseElementsAttr::get(type, element)));
}

LogicalResult
NodeImporter::captureDiagnostics(std::string &message,
                                 llvm::function_ref<LogicalResult()> fn) {
  ScopedDiagnosticHandler handler(b.getContext(), [&](Diagnostic &diag) {
    if (message.empty() && diag.getSeverity() == DiagnosticSeverity::Error)
      message = diag.str();
    return success();
  });
  return fn();
}

/// Evaluates |op| with the reference evaluator when all its operands are
/// constants and its result has at most |limit| elements; returns the
/// constant that replaces it, or null.
static Value evaluateOnConstants(Operation *op, OpBuilder &b, int64_t limit,
                                 size_t resourceThreshold) {
  if (op->getNumResults() != 1 || isa<ConstantOp>(op))
    return {};
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if (type.getNumElements() > limit)
    return {};
  SmallVector<HostTensor> operands;
  for (Value operand : op->getOperands()) {
    std::optional<HostTensor> tensor = constantValueOf(operand);
    if (!tensor)
      return {};
    operands.push_back(std::move(*tensor));
  }
  // An op the evaluator cannot handle simply stays an op.
  FailureOr<SmallVector<HostTensor>> results = evaluateOpQuietly(op, operands);
  if (failed(results))
    return {};
  return b.create<ConstantOp>(
      op->getLoc(), toElementsAttr(results->front(), b.getContext(), "folded",
                                   resourceThreshold));
}

FailureOr<Value> NodeImporter::finish(Operation *op) {
  std::string message;
  if (failed(captureDiagnostics(
          message, [&] { return verify(op, /*verifyRecursively=*/false); }))) {
    emitError() << message;
    op->erase();
    return failure();
  }
  SmallVector<Value, 1> folded;
  if (succeeded(b.tryFold(op, folded)) && !folded.empty()) {
    op->erase();
    // A fold may return a value defined by an op on constants (e.g. an
    // operand); only fresh results are evaluated further.
    return folded.front();
  }
  if (Value constant = evaluateOnConstants(op, b, graph.options.foldElementLimit,
                                           graph.options.resourceThreshold)) {
    op->erase();
    return constant;
  }
  return op->getResult(0);
}

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

InFlightDiagnostic NodeImporter::emitError() {
  InFlightDiagnostic diag = mlir::emitError(location);
  diag << "node '" << name() << "' (op '" << opType() << "', opset "
       << opsetVersion << "): ";
  return diag;
}

LogicalResult NodeImporter::unsupported(const Twine &what) {
  emitError() << "unsupported " << what;
  return failure();
}

//===----------------------------------------------------------------------===//
// ConverterRegistry
//===----------------------------------------------------------------------===//

const ConvertFn *ConverterRegistry::lookup(StringRef opType) const {
  auto it = converters.find(opType);
  return it == converters.end() ? nullptr : &it->second;
}

const ConverterRegistry &ConverterRegistry::get() {
  static const ConverterRegistry registry = [] {
    ConverterRegistry r;
    registerElementwiseConverters(r);
    registerActivationConverters(r);
    registerNNConverters(r);
    registerNormalizationConverters(r);
    registerReductionConverters(r);
    registerShapeConverters(r);
    registerTensorConverters(r);
    registerRecurrentConverters(r);
    registerAttentionConverters(r);
    registerEinsumConverters(r);
    return r;
  }();
  return registry;
}
