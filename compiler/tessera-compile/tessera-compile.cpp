//===- tessera-compile.cpp - Compile an ONNX model ------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// tessera-compile MODEL.onnx --emit=mlir [-o FILE] [--input-shape NAME=DIMS]...
//                 [--input NAME=FILE]...
//
// Imports an ONNX model into the tessera dialect and prints it (later issues
// add the optimization pipeline, CUDA code generation and bundles). Exit
// codes: 0 on success, 1 on any error (one diagnostic on stderr), 2 on bad
// usage.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/Importer.h"
#include "compiler/onnx/TensorProto.h"
#include "compiler/reference/Npy.h"
#include "compiler/support/ToolDiagnostics.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace {
enum ExitCode { kExitSuccess = 0, kExitFailure = 1, kExitUsage = 2 };
enum class Emit { Mlir };
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::opt<std::string> modelPath(cl::Positional, cl::desc("<model.onnx>"),
                                 cl::Required);
  cl::opt<Emit> emit("emit", cl::desc("What to produce"),
                     cl::values(clEnumValN(Emit::Mlir, "mlir",
                                           "the imported tessera IR")),
                     cl::init(Emit::Mlir));
  cl::opt<std::string> outputPath("o", cl::desc("Output file (default: stdout)"),
                                  cl::value_desc("file"), cl::init("-"));
  cl::list<std::string> inputShapes(
      "input-shape", cl::desc("Fix the shape of a model input"),
      cl::value_desc("NAME=DIMS (e.g. x=1x3x224x224)"));
  cl::list<std::string> inputValues(
      "input",
      cl::desc("Specialize on the value of a model input (.npy or ONNX .pb): "
               "operands that must be constant, such as a Reshape shape or "
               "reduction axes, may come from it"),
      cl::value_desc("NAME=FILE"));
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerDefaultTimingManagerCLOptions();
  if (!cl::ParseCommandLineOptions(argc, argv, "Tessera model compiler\n",
                                   &llvm::errs()))
    return kExitUsage;

  mlir::tessera::ImportOptions options;
  for (const std::string &text : inputShapes) {
    std::string name;
    std::vector<int64_t> shape;
    if (!mlir::tessera::parseInputShape(text, name, shape)) {
      llvm::errs() << "tessera-compile: bad --input-shape '" << text
                   << "', expected NAME=DIMS such as x=1x3x224x224\n";
      return kExitUsage;
    }
    options.inputShapes[name] = shape;
  }

  for (const std::string &text : inputValues) {
    auto [name, path] = StringRef(text).split('=');
    if (name.empty() || path.empty() ||
        !(path.ends_with(".npy") || path.ends_with(".pb"))) {
      llvm::errs() << "tessera-compile: bad --input '" << text
                   << "', expected NAME=FILE with a .npy or .pb file\n";
      return kExitUsage;
    }
    std::string error, protoName;
    ::tessera::HostTensor &value = options.inputValues[name];
    bool read =
        path.ends_with(".pb")
            ? mlir::tessera::readTensorProtoFile(path, value, protoName, error)
            : ::tessera::readNpyFile(path.str(), value, error);
    if (!read) {
      llvm::errs() << "tessera-compile: error: input '" << name
                   << "': " << error << "\n";
      return kExitFailure;
    }
  }

  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  mlir::tessera::ToolDiagnosticHandler diagnostics(&context, "tessera-compile");
  // --mlir-timing reports the time of each step.
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope rootTimer = timing.getRootScope();
  TimingScope importTimer = rootTimer.nest("import");
  OwningOpRef<ModuleOp> module =
      mlir::tessera::importModelFile(modelPath, &context, options);
  importTimer.stop();
  if (!module)
    return kExitFailure;
  TimingScope printTimer = rootTimer.nest("print");

  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputPath, &error);
  if (!output) {
    llvm::errs() << "tessera-compile: " << error << "\n";
    return kExitFailure;
  }
  module->print(output->os());
  output->os() << "\n";
  output->keep();
  return kExitSuccess;
}
