//===- tessera-run.cpp - Run a model on the reference evaluator -----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// tessera-run MODEL [--device=cpu|emu|cuda] [--optimize] [--input NAME=FILE]...
//             [--input-shape NAME=DIMS]... [--output-dir DIR] [--seed N]
//             [--precision f32|tf32|bf16|f16] [--emu-mode fast|check]
//             [--matmul generated|cublaslt|auto] [--conv-layout auto|nhwc|nchw]
// tessera-run BUNDLE.tsrb [--device=cuda|emu] [--input NAME=FILE]... (see
//             runtime/tools/BundleRun.h)
//
// Runs a model (.onnx, imported like tessera-compile does, or .mlir holding
// @main or a single func.func) on the CPU reference evaluator. --optimize
// first runs the default pipeline (passes/Pipeline.h, default target), so
// the evaluation goes through the fused kernels and, with a memory plan,
// through the simulated arena. Inputs come
// from .npy or ONNX TensorProto .pb files; inputs not given are drawn at
// random. Outputs are written as DIR/<name>.npy, or summarized on stdout one
// line each: "<name>: <dims> <dtype> min=<v> max=<v> mean=<v>".
// --device=emu and --device=cuda compile the model first (the default
// pipeline, the CUDA emitters, the bundle builder; NVRTC only for cuda) and
// run the bundle through the runtime like `tessera-run BUNDLE.tsrb` does:
// emu runs the generated kernels through the CPU emulator. Without --device,
// a model runs on the GPU when there is one, else on the CPU reference.
// Exit codes: 0 on success, 1 on any error (one diagnostic on stderr), 2 on
// bad usage.
//
//===----------------------------------------------------------------------===//

#include "codegen/Codegen.h"
#include "compiler/bundle/BundleBuilder.h"
#include "compiler/bundle/MatmulChoice.h"
#include "compiler/onnx/Importer.h"
#include "compiler/onnx/TensorProto.h"
#include "compiler/reference/Evaluator.h"
#include "compiler/support/ToolDiagnostics.h"
#include "passes/Pipeline.h"
#include "runtime/tensor/Npy.h"
#include "runtime/tensor/RunInputs.h"
#include "runtime/tessera_runtime.h"
#include "runtime/tools/BundleRun.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
#include <random>

using namespace mlir;
using ::tessera::DType;
using ::tessera::HostTensor;
namespace cl = llvm::cl;

namespace {

enum ExitCode { kExitSuccess = 0, kExitFailure = 1, kExitUsage = 2 };
enum class Device { Default, Cpu, Emu, Cuda };

/// Prints "tessera-run: error: <message>" and returns kExitFailure.
int fail(const llvm::Twine &message) {
  llvm::errs() << "tessera-run: error: " << message << "\n";
  return kExitFailure;
}

/// Prints "tessera-run: <message>" and returns kExitUsage.
int badUsage(const llvm::Twine &message) {
  llvm::errs() << "tessera-run: " << message << "\n";
  return kExitUsage;
}

/// Where a diagnostic comes from, as a message prefix: the ONNX node of an
/// imported op ("node 'n' (op 'Gather'): "), or the line of a .mlir file.
std::string locationPrefix(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    if (auto opType = dyn_cast<NameLoc>(name.getChildLoc()))
      return ("node '" + name.getName().getValue() + "' (op '" +
              opType.getName().getValue() + "'): ")
          .str();
    return ("'" + name.getName().getValue() + "': ").str();
  }
  if (auto file = dyn_cast<FileLineColLoc>(loc); file && file.getLine() != 0)
    return (file.getFilename().getValue() + ":" + llvm::Twine(file.getLine()) +
            ":" + llvm::Twine(file.getColumn()) + ": ")
        .str();
  return "";
}

/// While alive, prints diagnostics like ToolDiagnosticHandler, prefixed with
/// their location: for parsing .mlir files and evaluating, where messages do
/// not name the op or line themselves.
class LocatedDiagnosticHandler : public ScopedDiagnosticHandler {
public:
  explicit LocatedDiagnosticHandler(MLIRContext *context)
      : ScopedDiagnosticHandler(context) {
    setHandler([](Diagnostic &diag) {
      bool isNote = diag.getSeverity() == DiagnosticSeverity::Note;
      llvm::errs() << "tessera-run: " << (isNote ? "note: " : "error: ")
                   << locationPrefix(diag.getLocation()) << diag.str() << "\n";
      for (Diagnostic &note : diag.getNotes())
        llvm::errs() << "tessera-run: note: " << note.str() << "\n";
      return success();
    });
  }
};

/// Parses a .mlir file (errors name the file and line).
OwningOpRef<ModuleOp> parseMlirFile(StringRef path, MLIRContext *context) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    fail(path + ": cannot read: " + buffer.getError().message());
    return nullptr;
  }
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  LocatedDiagnosticHandler handler(context);
  return parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(context));
}

/// The function to run: @main, else the only func.func.
func::FuncOp findEntry(ModuleOp module, StringRef path) {
  if (auto main = module.lookupSymbol<func::FuncOp>("main"))
    return main;
  auto funcs = llvm::to_vector(module.getOps<func::FuncOp>());
  if (funcs.size() == 1)
    return funcs.front();
  fail(path + ": " +
       (funcs.empty()
            ? "no func.func to run"
            : "no @main among " + llvm::Twine(funcs.size()) + " functions"));
  return nullptr;
}

/// The `tessera.name` of argument or result |index|, else |fallback|_index.
std::string nameOf(DictionaryAttr attrs, StringRef fallback, unsigned index) {
  if (attrs)
    if (auto name = attrs.getAs<StringAttr>("tessera.name"))
      return name.str();
  return (fallback + "_" + llvm::Twine(index)).str();
}

/// "3x4 f32".
std::string describe(ArrayRef<int64_t> shape, DType dtype) {
  return ::tessera::formatDims(
             std::vector<int64_t>(shape.begin(), shape.end())) +
         " " + ::tessera::dtypeName(dtype);
}

/// Reads input |name| from |path| (.pb or .npy) into |tensor|; prints the
/// error and returns false when the file is unreadable.
bool readInputFile(StringRef name, StringRef path, HostTensor &tensor) {
  std::string error;
  bool read = mlir::tessera::readTensorFile(path, tensor, error);
  if (!read)
    fail("input '" + name + "': " + error);
  return read;
}

/// Checks (and, for bf16, converts) input |name| read from |path| against
/// the argument |type|; prints the error (other dtype or shape) and returns
/// false on failure.
bool checkInput(StringRef name, StringRef path, RankedTensorType type,
                HostTensor &tensor) {
  DType dtype = *mlir::tessera::toDType(type.getElementType());
  // NumPy has no bfloat16: a bf16 input may come as an f32 .npy (the way
  // tessera-run writes bf16 outputs); it is rounded to bf16.
  if (dtype == DType::BF16 && tensor.dtype() == DType::F32 &&
      path.ends_with(".npy")) {
    HostTensor rounded(DType::BF16, tensor.shape());
    for (int64_t k = 0, n = tensor.numElements(); k < n; ++k)
      rounded.setDouble(k, tensor.getDouble(k));
    tensor = std::move(rounded);
  }
  if (tensor.dtype() != dtype ||
      !llvm::equal(tensor.shape(), type.getShape())) {
    fail("input '" + name + "' from " + path + ": expected " +
         describe(type.getShape(), dtype) + ", got " +
         describe(tensor.shape(), tensor.dtype()));
    return false;
  }
  return true;
}

/// |name| with every character outside [A-Za-z0-9._-] replaced by '_'.
std::string sanitizeFileName(StringRef name) {
  std::string result = name.str();
  for (char &c : result)
    if (!llvm::isAlnum(c) && c != '.' && c != '_' && c != '-')
      c = '_';
  return result;
}

/// Writes every output to |dir|/<name>.npy.
int writeOutputs(StringRef dir, ArrayRef<std::string> names,
                 ArrayRef<HostTensor> outputs) {
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return fail("cannot create output directory '" + dir +
                "': " + ec.message());
  llvm::StringMap<std::string> written;
  for (auto [name, tensor] : llvm::zip(names, outputs)) {
    llvm::SmallString<256> path(dir);
    llvm::sys::path::append(path, sanitizeFileName(name) + ".npy");
    auto [it, inserted] = written.try_emplace(path, name);
    if (!inserted)
      return fail("outputs '" + it->second + "' and '" + name +
                  "' would both be written to " + path);
    std::string error;
    if (!::tessera::writeNpyFile(path.str().str(), tensor, error))
      return fail(error);
  }
  return kExitSuccess;
}

/// Whether a CUDA device is usable (the runtime says so; no driver = no);
/// if not, |why| says why.
bool haveCudaDevice(std::string *why = nullptr) {
  int count = 0;
  tessera_status_t status = tessera_device_count(&count);
  bool ok = TESSERA_STATUS_IS_OK(status) && count > 0;
  if (!ok && why)
    *why = TESSERA_STATUS_IS_OK(status) ? "no CUDA device"
                                        : tessera_status_message(status);
  tessera_status_free(status);
  return ok;
}

/// --device=emu|cuda on a model: compiles @main of |module| (already through
/// the default pipeline) into a temporary bundle and runs it with the
/// bundle runner, passing on the run options.
int compileAndRunBundle(ModuleOp module, StringRef modelPath, Device device,
                        mlir::tessera::CodegenPrecision precision,
                        mlir::tessera::MatmulMode matmul,
                        ArrayRef<std::string> runArgs) {
  func::FuncOp func = findEntry(module, modelPath);
  if (!func)
    return kExitFailure;
  mlir::tessera::CodegenOptions codegen;
  codegen.precision = precision;
  codegen.matmul = matmul;
  mlir::tessera::BundleOptions options;
  options.precision = precision;
  // The emulator builds the kernels from their source; a GPU loads a cubin
  // (or the PTX) for its architecture.
  options.compileKernels = device == Device::Cuda;
  options.targets = {"sm_80", "sm_90a"};
  FailureOr<::tessera::bundle::Model> model;
  {
    LocatedDiagnosticHandler located(module.getContext());
    FailureOr<std::vector<::tessera::codegen::KernelProgram>> programs =
        mlir::tessera::emitKernels(func, codegen);
    if (failed(programs))
      return kExitFailure;
    model = mlir::tessera::buildBundle(func, *programs, options);
    if (failed(model))
      return kExitFailure;
  }
  std::string error;
  ::tessera::bundle::BundleWriter writer;
  SmallString<128> path;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("tessera-run", "tsrb", path))
    return fail("cannot create a temporary bundle: " + ec.message());
  llvm::FileRemover remover(path);
  if (!::tessera::bundle::encodeBundle(*model, writer, error) ||
      !writer.writeFile(path.str().str(), error))
    return fail(error);
  std::vector<std::string> args = {"tessera-run", path.str().str(),
                                   device == Device::Cuda ? "--device=cuda"
                                                          : "--device=emu"};
  args.insert(args.end(), runArgs.begin(), runArgs.end());
  std::vector<char *> argv;
  for (std::string &arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  return ::tessera::tools::runBundleCommand(static_cast<int>(args.size()),
                                            argv.data());
}

} // namespace

int main(int argc, char **argv) {
  // A bundle (.tsrb) runs through the runtime (runtime/tools/BundleRun.h).
  if (::tessera::tools::isBundleCommand(argc, argv))
    return ::tessera::tools::runBundleCommand(argc, argv);
  llvm::InitLLVM init(argc, argv);
  // Only these options in --help, not the many that libLLVM registers.
  cl::OptionCategory category("tessera-run options");
  cl::opt<std::string> modelPath(cl::Positional,
                                 cl::desc("<model.onnx|model.mlir>"),
                                 cl::Required, cl::cat(category));
  cl::opt<Device> device(
      "device", cl::desc("Where to run"),
      cl::values(clEnumValN(Device::Cpu, "cpu", "the CPU reference evaluator"),
                 clEnumValN(Device::Emu, "emu",
                            "the generated CUDA kernels on the CPU emulator"),
                 clEnumValN(Device::Cuda, "cuda", "a CUDA GPU")),
      cl::init(Device::Default), cl::cat(category));
  cl::opt<std::string> precisionName(
      "precision",
      cl::desc("Numeric policy of the generated kernels with --device=emu or "
               "cuda: f32 (default), tf32, bf16, f16"),
      cl::value_desc("f32|tf32|bf16|f16"), cl::init("f32"), cl::cat(category));
  // cl::desc keeps a reference: the text must outlive the option.
  static const std::string matmulHelp =
      std::string(mlir::tessera::kMatmulHelp) +
      "; with --device=emu or cuda (auto: the size heuristic)";
  cl::opt<std::string> matmulName(
      "matmul", cl::desc(matmulHelp),
      cl::value_desc("generated|cublaslt|auto"), cl::init("generated"),
      cl::cat(category));
  cl::opt<std::string> convLayout(
      "conv-layout",
      cl::desc("Layout of convolutions when the pipeline runs: auto "
               "(default), nhwc or nchw"),
      cl::value_desc("auto|nhwc|nchw"), cl::init("auto"), cl::cat(category));
  cl::opt<std::string> emuMode(
      "emu-mode", cl::desc("Emulator mode with --device=emu: fast or check"),
      cl::value_desc("fast|check"), cl::init("fast"), cl::cat(category));
  cl::opt<bool> optimize("optimize",
                         cl::desc("Run the default pipeline (fuse, plan "
                                  "memory, tile) before running"),
                         cl::cat(category));
  cl::list<std::string> inputSpecs(
      "input", cl::desc("Read a model input from a .npy or .pb file"),
      cl::value_desc("NAME=FILE"), cl::cat(category));
  cl::list<std::string> inputShapes(
      "input-shape", cl::desc("Fix the shape of an ONNX model input"),
      cl::value_desc("NAME=DIMS (e.g. x=1x3x224x224)"), cl::cat(category));
  cl::opt<std::string> outputDir(
      "output-dir", cl::desc("Write each output to DIR/<name>.npy"),
      cl::value_desc("DIR"), cl::cat(category));
  cl::opt<uint64_t> seed("seed", cl::desc("Seed of the random inputs"),
                         cl::value_desc("N"), cl::init(0), cl::cat(category));
  cl::HideUnrelatedOptions(category);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "Tessera model runner (reference "
                                   "evaluator)\n",
                                   &llvm::errs()))
    return kExitUsage;

  // Usage checks first: nothing is read before the command line is valid.
  bool isMlir = StringRef(modelPath).ends_with(".mlir");
  mlir::tessera::ImportOptions options;
  for (const std::string &text : inputShapes) {
    std::string name;
    std::vector<int64_t> shape;
    if (!mlir::tessera::parseInputShape(text, name, shape))
      return badUsage("bad --input-shape '" + text +
                      "', expected NAME=DIMS such as x=1x3x224x224");
    if (isMlir)
      return badUsage("--input-shape applies to .onnx models only; a .mlir "
                      "model has static shapes");
    options.inputShapes[name] = shape;
  }
  llvm::StringMap<std::string> inputFiles;
  for (const std::string &text : inputSpecs) {
    auto [name, path] = StringRef(text).split('=');
    if (name.empty() || path.empty() || !StringRef(text).contains('='))
      return badUsage("bad --input '" + text +
                      "', expected NAME=FILE such as x=x.npy");
    if (!path.ends_with(".npy") && !path.ends_with(".pb"))
      return badUsage("bad --input '" + text +
                      "': the file must be a .npy or an ONNX TensorProto .pb");
    if (!inputFiles.try_emplace(name, path.str()).second)
      return badUsage("--input '" + name + "' given twice");
  }
  std::optional<mlir::tessera::CodegenPrecision> precision =
      llvm::StringSwitch<std::optional<mlir::tessera::CodegenPrecision>>(
          precisionName)
          .Case("f32", mlir::tessera::CodegenPrecision::F32)
          .Case("tf32", mlir::tessera::CodegenPrecision::TF32)
          .Case("bf16", mlir::tessera::CodegenPrecision::BF16)
          .Case("f16", mlir::tessera::CodegenPrecision::F16)
          .Default(std::nullopt);
  std::optional<mlir::tessera::MatmulMode> matmul =
      mlir::tessera::parseMatmulMode(matmulName);
  if (!matmul)
    return badUsage("bad --matmul '" + matmulName +
                    "', expected generated, cublaslt or auto");
  if (!precision)
    return badUsage("bad --precision '" + precisionName +
                    "', expected f32, tf32, bf16 or f16");
  if (!mlir::tessera::isKnownConvLayout(convLayout))
    return badUsage("bad --conv-layout '" + convLayout +
                    "', expected auto, nhwc or nchw");
  if (emuMode != "fast" && emuMode != "check")
    return badUsage("bad --emu-mode '" + emuMode + "', expected fast or check");
  if (device == Device::Default)
    device = haveCudaDevice() ? Device::Cuda : Device::Cpu;
  // Without a GPU, say so before compiling anything.
  if (std::string why; device == Device::Cuda && !haveCudaDevice(&why))
    return fail(why + "; run the model on the CPU emulator with --device=emu "
                      "or on the reference evaluator with --device=cpu");

  // Given inputs are read before the import: an ONNX model is specialized
  // on the values of inputs that must be constant (e.g. a Reshape shape).
  llvm::StringMap<HostTensor> given;
  for (const auto &file : inputFiles)
    if (!readInputFile(file.getKey(), file.getValue(), given[file.getKey()]))
      return kExitFailure;
  if (!isMlir)
    options.inputValues = given;

  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  context.printOpOnDiagnostic(false);
  mlir::tessera::ToolDiagnosticHandler diagnostics(&context, "tessera-run");
  OwningOpRef<ModuleOp> module =
      isMlir ? parseMlirFile(modelPath, &context)
             : mlir::tessera::importModelFile(modelPath, &context, options);
  if (!module)
    return kExitFailure;
  bool compiles = device == Device::Emu || device == Device::Cuda;
  if (optimize || compiles) {
    LocatedDiagnosticHandler located(&context);
    PassManager pm(&context);
    pm.enableVerifier(mlir::tessera::kVerifyEachPass);
    mlir::tessera::PipelineOptions pipeline;
    pipeline.convLayout = convLayout;
    mlir::tessera::buildDefaultPipeline(pm, pipeline);
    if (failed(pm.run(*module)))
      return kExitFailure;
    if (!mlir::tessera::kVerifyEachPass && failed(verify(*module)))
      return kExitFailure;
  }
  if (compiles) {
    std::vector<std::string> runArgs;
    for (const std::string &spec : inputSpecs)
      runArgs.push_back("--input=" + spec);
    if (!outputDir.empty())
      runArgs.push_back("--output-dir=" + outputDir);
    runArgs.push_back("--seed=" + std::to_string(seed));
    if (device == Device::Emu)
      runArgs.push_back("--emu-mode=" + emuMode);
    return compileAndRunBundle(*module, modelPath, device, *precision, *matmul,
                               runArgs);
  }
  func::FuncOp func = findEntry(*module, modelPath);
  if (!func)
    return kExitFailure;

  // Inputs: from the given files, else random. Every --input must name an
  // input of the model.
  SmallVector<std::string> argNames;
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    argNames.push_back(nameOf(func.getArgAttrDict(i), "input", i));
  for (const std::string &text : inputSpecs) {
    auto [name, path] = StringRef(text).split('=');
    if (!llvm::is_contained(argNames, name))
      return fail("--input " + text + ": the model has no input '" + name +
                  "' (its inputs: " +
                  (argNames.empty() ? "none" : llvm::join(argNames, ", ")) +
                  ")");
  }
  // Given inputs first, so that a bad file is the only message; then the
  // random ones.
  SmallVector<HostTensor> inputs(argNames.size());
  SmallVector<RankedTensorType> types;
  for (auto [i, name] : llvm::enumerate(argNames)) {
    auto type = dyn_cast<RankedTensorType>(func.getArgumentTypes()[i]);
    if (!type || !type.hasStaticShape() ||
        !mlir::tessera::toDType(type.getElementType())) {
      std::string text;
      llvm::raw_string_ostream(text) << func.getArgumentTypes()[i];
      return fail("input '" + name + "' has type " + text +
                  ", expected a static tensor of f32, f16, bf16, f64, i64, "
                  "i32, i8 or i1");
    }
    types.push_back(type);
    auto file = inputFiles.find(name);
    if (file == inputFiles.end())
      continue;
    inputs[i] = std::move(given[name]);
    if (!checkInput(name, file->second, type, inputs[i]))
      return kExitFailure;
  }
  for (auto [i, name] : llvm::enumerate(argNames)) {
    if (inputFiles.count(name))
      continue;
    DType dtype = *mlir::tessera::toDType(types[i].getElementType());
    inputs[i] = ::tessera::randomTensor(
        dtype,
        std::vector<int64_t>(types[i].getShape().begin(),
                             types[i].getShape().end()),
        seed, i);
    llvm::errs() << "tessera-run: note: input '" << name
                 << "' not given: using random " << ::tessera::dtypeName(dtype)
                 << " values " << ::tessera::randomRange(dtype) << " (seed "
                 << seed << ")\n";
  }

  FailureOr<SmallVector<HostTensor>> outputs;
  {
    LocatedDiagnosticHandler located(&context);
    outputs = mlir::tessera::evaluateFunction(func, inputs);
  }
  if (failed(outputs))
    return kExitFailure;

  SmallVector<std::string> names;
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
    names.push_back(nameOf(func.getResultAttrDict(i), "output", i));
  if (!outputDir.empty())
    return writeOutputs(outputDir, names, *outputs);
  for (auto [name, tensor] : llvm::zip(names, *outputs))
    llvm::outs() << ::tessera::summarize(name, tensor) << "\n";
  return kExitSuccess;
}
