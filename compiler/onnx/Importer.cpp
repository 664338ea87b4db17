//===- Importer.cpp - ONNX model -> tessera dialect -----------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Lowers the graph in four steps: 1. the signature (graph inputs that are not
// initializers, with --input-shape overrides), 2. initializers as constants,
// 3. every node through its converter, in order (ONNX graphs are
// topologically sorted), 4. the outputs, checked against their declared
// types.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/Importer.h"
#include "compiler/onnx/GraphImporter.h"
#include "compiler/onnx/ModelReader.h"
#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/TensorProto.h"
#include "compiler/reference/Evaluator.h"
#include "ir/TesseraDialect.h"
#include "ir/TesseraOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::tessera;
using ::tessera::DType;
using ::tessera::HostTensor;

bool mlir::tessera::parseInputShape(StringRef text, std::string &name,
                                    std::vector<int64_t> &shape) {
  auto [namePart, dims] = text.rsplit('=');
  if (namePart.empty() || dims.empty() || !text.contains('='))
    return false;
  name = namePart.str();
  shape.clear();
  if (dims == "scalar")
    return true;
  SmallVector<StringRef> parts;
  dims.split(parts, 'x');
  for (StringRef part : parts) {
    int64_t dim;
    if (part.getAsInteger(10, dim) || dim < 0)
      return false;
    shape.push_back(dim);
  }
  return true;
}

void mlir::tessera::registerImportDialects(DialectRegistry &registry) {
  registry.insert<func::FuncDialect, TesseraDialect>();
}

namespace {
/// One import: the graph importer plus the model-level steps.
class ModelImporter {
public:
  ModelImporter(const onnx::ModelProto &model, StringRef modelPath,
                MLIRContext *context, const ImportOptions &options)
      : model(model), modelPath(modelPath.str()), context(context),
        graph(context, options, llvm::sys::path::parent_path(modelPath)) {}

  OwningOpRef<ModuleOp> run();

private:
  LogicalResult findOpset();
  FailureOr<RankedTensorType> inputType(const onnx::ValueInfoProto &info);
  LogicalResult importInitializers(Block &entry);
  LogicalResult importNodes();
  LogicalResult checkOutput(const onnx::ValueInfoProto &info, Value value);
  InFlightDiagnostic emitError() { return mlir::emitError(fileLoc()); }
  Location fileLoc() { return FileLineColLoc::get(context, modelPath, 0, 0); }

  const onnx::ModelProto &model;
  std::string modelPath;
  MLIRContext *context;
  GraphImporter graph;
  int64_t opset = 0;
  /// Nodes with an output that is not a constant after conversion: the
  /// nodes whose value depends on a model input (constant sub-graphs and
  /// Constant nodes are folded at import and do not count).
  int64_t numInputNodes = 0;
};
} // namespace

LogicalResult ModelImporter::findOpset() {
  for (const onnx::OperatorSetIdProto &id : model.opset_import())
    if (id.domain().empty() || id.domain() == "ai.onnx")
      opset = id.version();
  if (opset <= 0)
    return emitError() << "model imports no version of the default ONNX "
                          "operator set (opset_import)";
  return success();
}

FailureOr<RankedTensorType>
ModelImporter::inputType(const onnx::ValueInfoProto &info) {
  const std::string &name = info.name();
  if (!info.type().has_tensor_type())
    return emitError() << "input '" << name << "': only tensor inputs are "
                          "supported";
  const onnx::TypeProto::Tensor &tensor = info.type().tensor_type();
  std::optional<DType> dtype = dtypeFromOnnx(tensor.elem_type());
  if (!dtype)
    return emitError() << "input '" << name << "': unsupported element type "
                       << onnxTypeName(tensor.elem_type());
  Type elementType = toElementType(*dtype, context);
  auto override = graph.options.inputShapes.find(name);
  if (override != graph.options.inputShapes.end()) {
    const std::vector<int64_t> &shape = override->second;
    if (tensor.has_shape() &&
        tensor.shape().dim_size() != static_cast<int>(shape.size()))
      return emitError() << "--input-shape " << name << "="
                         << ::tessera::formatDims(shape) << " has rank "
                         << shape.size() << ", but the model declares rank "
                         << tensor.shape().dim_size();
    for (auto [i, dim] : llvm::enumerate(tensor.shape().dim()))
      if (dim.has_dim_value() && dim.dim_value() != shape[i])
        return emitError() << "--input-shape " << name << "="
                           << ::tessera::formatDims(shape)
                           << " conflicts with the declared dimension " << i
                           << " of size " << dim.dim_value();
    return RankedTensorType::get(shape, elementType);
  }
  if (!tensor.has_shape())
    return emitError() << "input '" << name << "' has no declared shape; "
                       << "give one with --input-shape " << name << "=DIMS";
  SmallVector<int64_t> shape;
  for (auto [i, dim] : llvm::enumerate(tensor.shape().dim())) {
    if (!dim.has_dim_value() || dim.dim_value() < 0)
      return emitError() << "input '" << name << "' has symbolic dimension "
                         << (dim.has_dim_param() ? "'" + dim.dim_param() + "'"
                                                 : std::string("?"))
                         << " (dimension " << i << "); fix it with "
                         << "--input-shape " << name << "=DIMS";
    shape.push_back(dim.dim_value());
  }
  return RankedTensorType::get(shape, elementType);
}

LogicalResult ModelImporter::importInitializers(Block &entry) {
  graph.builder.setInsertionPointToEnd(&entry);
  for (const onnx::TensorProto &init : model.graph().initializer()) {
    HostTensor tensor;
    std::string error;
    if (!tensorFromProto(init, graph.modelDir, tensor, error))
      return emitError() << "initializer '" << init.name() << "': " << error;
    std::string resourceName = resourceNameFor(init.name());
    Location loc = NameLoc::get(StringAttr::get(context, init.name()));
    graph.values[init.name()] = graph.builder.create<ConstantOp>(
        loc, toElementsAttr(tensor, context, resourceName,
                            graph.options.resourceThreshold));
  }
  return success();
}

LogicalResult ModelImporter::importNodes() {
  const ConverterRegistry &registry = ConverterRegistry::get();
  for (auto [index, node] : llvm::enumerate(model.graph().node())) {
    std::string name = node.name().empty()
                           ? node.op_type() + "_" + std::to_string(index)
                           : node.name();
    Location loc =
        NameLoc::get(StringAttr::get(context, name),
                     NameLoc::get(StringAttr::get(context, node.op_type())));
    NodeImporter importer(graph, node, opset, loc);
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      return importer.unsupported("operator domain '" + node.domain() + "'");
    for (auto [i, input] : llvm::enumerate(node.input()))
      if (!input.empty() && !graph.values.count(input))
        return importer.emitError()
               << "input " << i << " ('" << input
               << "') is not defined by an earlier node, an initializer or "
                  "a graph input";
    const ConvertFn *convert = registry.lookup(node.op_type());
    if (!convert)
      return importer.unsupported("operator");
    if (failed((*convert)(importer)))
      return failure();
    bool dependsOnInput = false;
    for (auto [i, output] : llvm::enumerate(node.output())) {
      if (output.empty())
        continue;
      Value value = graph.values.lookup(output);
      if (!value)
        return importer.unsupported("output " + std::to_string(i) + " ('" +
                                    output + "')");
      dependsOnInput |= !value.getDefiningOp<ConstantOp>();
    }
    numInputNodes += dependsOnInput;
  }
  return success();
}

LogicalResult ModelImporter::checkOutput(const onnx::ValueInfoProto &info,
                                         Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!info.type().has_tensor_type())
    return success();
  const onnx::TypeProto::Tensor &declared = info.type().tensor_type();
  if (declared.elem_type() != 0) {
    std::optional<DType> dtype = dtypeFromOnnx(declared.elem_type());
    if (!dtype || toElementType(*dtype, context) != type.getElementType())
      return emitError() << "output '" << info.name() << "' is declared "
                         << onnxTypeName(declared.elem_type())
                         << " but computes " << type.getElementType();
  }
  if (!declared.has_shape())
    return success();
  bool matches = declared.shape().dim_size() == type.getRank();
  for (int i = 0; matches && i < declared.shape().dim_size(); ++i) {
    const onnx::TensorShapeProto::Dimension &dim = declared.shape().dim(i);
    matches = !dim.has_dim_value() || dim.dim_value() == type.getDimSize(i);
  }
  if (!matches) {
    std::string dims;
    for (auto [i, dim] : llvm::enumerate(declared.shape().dim()))
      dims += (i ? "x" : "") + (dim.has_dim_value()
                                    ? std::to_string(dim.dim_value())
                                    : (dim.dim_param().empty()
                                           ? std::string("?")
                                           : dim.dim_param()));
    return emitError() << "output '" << info.name()
                       << "' is declared with shape "
                       << (dims.empty() ? "scalar" : dims)
                       << " but computes shape "
                       << ::tessera::formatDims(std::vector<int64_t>(
                              type.getShape().begin(), type.getShape().end()));
  }
  return success();
}

OwningOpRef<ModuleOp> ModelImporter::run() {
  context->loadDialect<func::FuncDialect, TesseraDialect>();
  if (failed(findOpset()))
    return {};
  const onnx::GraphProto &g = model.graph();

  // 1. The signature: graph inputs that are not initializers (IR version 3
  //    models list initializers among the inputs; they are weights).
  llvm::StringSet<> initializers;
  for (const onnx::TensorProto &init : g.initializer())
    initializers.insert(init.name());
  for (const auto &entry : graph.options.inputShapes)
    if (initializers.contains(entry.getKey()) ||
        llvm::none_of(g.input(), [&](const onnx::ValueInfoProto &info) {
          return info.name() == entry.getKey();
        })) {
      emitError() << "--input-shape names '" << entry.getKey()
                  << "', which is not an input of the model";
      return {};
    }
  SmallVector<Type> argTypes;
  SmallVector<const onnx::ValueInfoProto *> inputs;
  for (const onnx::ValueInfoProto &info : g.input()) {
    if (initializers.contains(info.name()))
      continue;
    FailureOr<RankedTensorType> type = inputType(info);
    if (failed(type))
      return {};
    argTypes.push_back(*type);
    inputs.push_back(&info);
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
  OpBuilder &b = graph.builder;
  b.setInsertionPointToEnd(module->getBody());
  auto func = b.create<func::FuncOp>(fileLoc(), "main",
                                     b.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  for (auto [i, info] : llvm::enumerate(inputs)) {
    BlockArgument arg = entry->getArgument(i);
    graph.values[info->name()] = arg;
    func.setArgAttr(i, "tessera.name", b.getStringAttr(info->name()));
    auto known = graph.options.inputValues.find(info->name());
    if (known != graph.options.inputValues.end() &&
        toTensorType(known->second, context) == arg.getType())
      graph.knownValues[arg] = &known->second;
  }

  // 2. Weights.
  if (failed(importInitializers(*entry)))
    return {};

  // 3. Nodes.
  b.setInsertionPointToEnd(entry);
  if (failed(importNodes()))
    return {};

  // 4. Outputs.
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &info : g.output()) {
    Value value = graph.values.lookup(info.name());
    if (!value) {
      emitError() << "output '" << info.name() << "' is not computed by any "
                  << "node, initializer or input";
      return {};
    }
    if (failed(checkOutput(info, value)))
      return {};
    results.push_back(value);
  }
  b.create<func::ReturnOp>(fileLoc(), results);
  // Folding at import leaves constants (shapes, replaced weights) and other
  // pure ops without uses; drop them, last first.
  for (Operation &op :
       llvm::make_early_inc_range(llvm::reverse(entry->getOperations())))
    if (isOpTriviallyDead(&op))
      op.erase();
  func.setFunctionType(
      b.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, info] : llvm::enumerate(g.output()))
    func.setResultAttr(i, "tessera.name", b.getStringAttr(info.name()));
  // For tessera-compile --stats: what the kernel count compares with.
  func->setAttr("tessera.onnx_nodes", b.getI64IntegerAttr(numInputNodes));
  if (failed(verify(*module)))
    return {};
  return module;
}

OwningOpRef<ModuleOp> mlir::tessera::importModel(const onnx::ModelProto &model,
                                                 StringRef modelPath,
                                                 MLIRContext *context,
                                                 const ImportOptions &options) {
  return ModelImporter(model, modelPath, context, options).run();
}

OwningOpRef<ModuleOp> mlir::tessera::importModelFile(StringRef path,
                                                     MLIRContext *context,
                                                     const ImportOptions &options) {
  onnx::ModelProto model;
  std::string error;
  if (!readModelFile(path, model, error)) {
    mlir::emitError(FileLineColLoc::get(context, path, 0, 0)) << error;
    return {};
  }
  return importModel(model, path, context, options);
}
