//===- NodeImporter.h - The API op converters are written against -*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A converter lowers one ONNX node: it reads inputs and attributes through a
// NodeImporter, builds tessera ops with NodeImporter::create (which infers
// and checks result types, reports bad shapes as one diagnostic naming the
// node, folds, and evaluates ops on constants), and sets the node's outputs.
// Converters are registered by op type in a ConverterRegistry; each handles
// the opset differences of its op via opset().
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_ONNX_NODEIMPORTER_H
#define TESSERA_ONNX_NODEIMPORTER_H

#include "compiler/onnx/Importer.h"
#include "runtime/tensor/HostTensor.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"

#include <functional>
#include <optional>
#include <string>

namespace mlir::tessera {

class GraphImporter;

/// One node being lowered.
class NodeImporter {
public:
  NodeImporter(GraphImporter &graph, const onnx::NodeProto &node,
               int64_t opset, Location loc);

  //===--------------------------------------------------------------------===//
  // The node
  //===--------------------------------------------------------------------===//

  const onnx::NodeProto &proto() const { return node; }
  StringRef name() const;
  StringRef opType() const { return node.op_type(); }
  /// The version of the default ONNX domain the model imports.
  int64_t opset() const { return opsetVersion; }
  Location loc() const { return location; }
  OpBuilder &builder() { return b; }
  MLIRContext *context() { return b.getContext(); }
  const ImportOptions &options() const;

  //===--------------------------------------------------------------------===//
  // Inputs
  //===--------------------------------------------------------------------===//

  size_t numInputs() const { return node.input_size(); }
  /// True if input |i| is given (present and not the empty name).
  bool hasInput(size_t i) const;
  /// Input |i|, or null when absent.
  Value input(size_t i) const;
  /// The ranked tensor type of input |i| (null when absent).
  RankedTensorType inputType(size_t i) const;
  /// Input |i|, or an error "missing input i" when absent.
  FailureOr<Value> requiredInput(size_t i);
  /// The value of input |i| when it is a constant (after folding), else an
  /// error saying that input must be constant (e.g. a shape operand).
  FailureOr<::tessera::HostTensor> constantInput(size_t i);
  /// The integers of constant input |i| (e.g. axes, shape, pads).
  FailureOr<SmallVector<int64_t>> constantInts(size_t i);
  /// The value of |value| if it is defined by a constant or is a graph input
  /// with a known value (ImportOptions::inputValues), else nullopt.
  std::optional<::tessera::HostTensor> constantValue(Value value) const;

  //===--------------------------------------------------------------------===//
  // Attributes
  //===--------------------------------------------------------------------===//

  const onnx::AttributeProto *attr(StringRef name) const;
  bool hasAttr(StringRef name) const { return attr(name) != nullptr; }
  int64_t attrInt(StringRef name, int64_t defaultValue) const;
  double attrFloat(StringRef name, double defaultValue) const;
  std::string attrString(StringRef name, StringRef defaultValue) const;
  SmallVector<int64_t> attrInts(StringRef name,
                                ArrayRef<int64_t> defaultValue = {}) const;
  SmallVector<double> attrFloats(StringRef name) const;
  /// The tensor attribute |name| (e.g. Constant's value); an error if absent
  /// or unreadable.
  FailureOr<::tessera::HostTensor> attrTensor(StringRef name);

  //===--------------------------------------------------------------------===//
  // Outputs
  //===--------------------------------------------------------------------===//

  size_t numOutputs() const { return node.output_size(); }
  /// True if output |i| is requested (present and not the empty name).
  bool hasOutput(size_t i) const;
  void setOutput(size_t i, Value value);

  //===--------------------------------------------------------------------===//
  // Building
  //===--------------------------------------------------------------------===//

  /// Builds an OpT whose result type is inferred: OpT::build(builder, state,
  /// TypeRange(), args...). Invalid shapes give one error naming the node.
  /// The op is folded, and evaluated when all operands are constants and the
  /// result is small.
  template <typename OpT, typename... Args> FailureOr<Value> create(Args &&...args) {
    OperationState state(location, OpT::getOperationName());
    OpT::build(b, state, TypeRange(), std::forward<Args>(args)...);
    if (failed(inferTypes<OpT>(state)))
      return failure();
    return finish(b.create(state));
  }

  /// Builds an OpT with the given result type (reshape, broadcast_to, cast),
  /// verified, folded and evaluated like create().
  template <typename OpT, typename... Args>
  FailureOr<Value> createWithType(Type resultType, Args &&...args) {
    OperationState state(location, OpT::getOperationName());
    OpT::build(b, state, resultType, std::forward<Args>(args)...);
    return finish(b.create(state));
  }

  /// A constant holding |tensor| (a splat, dense or dense_resource).
  Value constant(const ::tessera::HostTensor &tensor);
  /// A splat constant of tensor<shape x elementType>.
  Value splat(ArrayRef<int64_t> shape, Type elementType, double value);

  //===--------------------------------------------------------------------===//
  // Diagnostics
  //===--------------------------------------------------------------------===//

  /// An error at the node: "node 'X' (op 'Y', opset N): ...".
  InFlightDiagnostic emitError();
  /// emitError() << "unsupported " << what; returns failure().
  LogicalResult unsupported(const Twine &what);

private:
  template <typename OpT> LogicalResult inferTypes(OperationState &state) {
    SmallVector<Type, 1> types;
    std::string message;
    LogicalResult inferred = captureDiagnostics(message, [&] {
      return OpT::inferReturnTypes(
          b.getContext(), location, state.operands,
          state.attributes.getDictionary(b.getContext()),
          state.getRawProperties(), state.regions, types);
    });
    if (failed(inferred)) {
      emitError() << (message.empty() ? "cannot infer the result type of '" +
                                            OpT::getOperationName().str() + "'"
                                      : message);
      return failure();
    }
    state.addTypes(types);
    return success();
  }

  /// Runs |fn| with diagnostics captured into |message| (the first error).
  LogicalResult captureDiagnostics(std::string &message,
                                   llvm::function_ref<LogicalResult()> fn);
  /// Verifies, folds and (on constants) evaluates a freshly built op.
  FailureOr<Value> finish(Operation *op);

  GraphImporter &graph;
  const onnx::NodeProto &node;
  int64_t opsetVersion;
  Location location;
  OpBuilder &b;
};

/// Lowers one node; the converter reports its own errors.
using ConvertFn = std::function<LogicalResult(NodeImporter &node)>;

/// Which converter lowers which op type (default ONNX domain).
class ConverterRegistry {
public:
  void add(StringRef opType, ConvertFn fn) { converters[opType] = fn; }
  const ConvertFn *lookup(StringRef opType) const;
  /// All converters, registered once.
  static const ConverterRegistry &get();

private:
  llvm::StringMap<ConvertFn> converters;
};

// One per op family (Convert*.cpp).
void registerElementwiseConverters(ConverterRegistry &registry);
void registerActivationConverters(ConverterRegistry &registry);
void registerNNConverters(ConverterRegistry &registry);
void registerNormalizationConverters(ConverterRegistry &registry);
void registerReductionConverters(ConverterRegistry &registry);
void registerShapeConverters(ConverterRegistry &registry);
void registerTensorConverters(ConverterRegistry &registry);
void registerRecurrentConverters(ConverterRegistry &registry);
void registerAttentionConverters(ConverterRegistry &registry);
void registerEinsumConverters(ConverterRegistry &registry);

} // namespace mlir::tessera

#endif // TESSERA_ONNX_NODEIMPORTER_H
