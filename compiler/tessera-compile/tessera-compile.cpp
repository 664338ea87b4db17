//===- tessera-compile.cpp - Compile an ONNX model ------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// tessera-compile MODEL.onnx [--emit=mlir|imported|bundle] [-o FILE] [--stats]
//                 [--target sm_80,...] [--precision f32|tf32|bf16|f16]
//                 [--tuning-file FILE] [--matmul generated|cublaslt|auto]
//                 [--input-shape NAME=DIMS]... [--input NAME=FILE]...
//                 [--mlir-print-ir-after-all] [--mlir-timing] ...
//
// Imports an ONNX model into the tessera dialect, runs the default pipeline
// (passes/Pipeline.h: simplify, fold, fuse, plan memory, tile) and prints the
// planned kernel IR; --emit=imported prints the import without the pipeline.
// With an output file ending in .tsrb (or --emit=bundle) it writes a bundle
// instead: the kernels' CUDA C++ (codegen/, for --precision), compiled by
// NVRTC for every target (cubin and PTX), the plan per target, the weights
// and the signature (compiler/bundle/). --matmul picks, per matmul kernel,
// Tessera's generated kernel or a cuBLASLt call (a Gemm step in the plan;
// compiler/bundle/MatmulChoice.h). --target takes a comma-separated list
// of targets; the pipeline tiles for the first one. --stats prints one line on
// stdout, a JSON object of figures about the compiled model (see printStats),
// and nothing else there (the IR goes to -o if given). Exit codes: 0 on
// success, 1 on any error (one diagnostic on stderr), 2 on bad usage.
//
//===----------------------------------------------------------------------===//

#include "compiler/bundle/BundleBuilder.h"
#include "compiler/bundle/MatmulChoice.h"
#include "compiler/onnx/Importer.h"
#include "compiler/onnx/TensorProto.h"
#include "compiler/support/ToolDiagnostics.h"
#include "ir/TesseraOps.h"
#include "passes/Pipeline.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <map>

using namespace mlir;
namespace cl = llvm::cl;

namespace {

enum ExitCode { kExitSuccess = 0, kExitFailure = 1, kExitUsage = 2 };
enum class Emit { Mlir, Imported, Bundle, Cuda };

/// The --precision values, as codegen's policy.
std::optional<mlir::tessera::CodegenPrecision> parsePrecision(StringRef text) {
  return llvm::StringSwitch<std::optional<mlir::tessera::CodegenPrecision>>(
             text)
      .Case("f32", mlir::tessera::CodegenPrecision::F32)
      .Case("tf32", mlir::tessera::CodegenPrecision::TF32)
      .Case("bf16", mlir::tessera::CodegenPrecision::BF16)
      .Case("f16", mlir::tessera::CodegenPrecision::F16)
      .Default(std::nullopt);
}

/// While alive, prints diagnostics like ToolDiagnosticHandler, prefixed with
/// the ONNX node of the op they are about ("node 'fc1' (op 'Gemm'): "): pass
/// diagnostics name values, not nodes.
class PipelineDiagnosticHandler : public ScopedDiagnosticHandler {
public:
  explicit PipelineDiagnosticHandler(MLIRContext *context)
      : ScopedDiagnosticHandler(context) {
    setHandler([](Diagnostic &diag) {
      bool isNote = diag.getSeverity() == DiagnosticSeverity::Note;
      llvm::errs() << "tessera-compile: " << (isNote ? "note: " : "error: ")
                   << nodePrefix(diag.getLocation()) << diag.str() << "\n";
      for (Diagnostic &note : diag.getNotes())
        llvm::errs() << "tessera-compile: note: " << note.str() << "\n";
      return success();
    });
  }

private:
  /// "node 'n' (op 'T'): " for an imported op's location, else "".
  static std::string nodePrefix(Location loc) {
    auto name = dyn_cast<NameLoc>(loc);
    if (!name)
      return "";
    if (auto opType = dyn_cast<NameLoc>(name.getChildLoc()))
      return ("node '" + name.getName().getValue() + "' (op '" +
              opType.getName().getValue() + "'): ")
          .str();
    return ("'" + name.getName().getValue() + "': ").str();
  }
};

/// Splits the --target list; prints the problem and returns failure on an
/// empty or unknown target.
FailureOr<SmallVector<std::string>> parseTargets(StringRef text) {
  SmallVector<StringRef> parts;
  text.split(parts, ',');
  SmallVector<std::string> targets;
  for (StringRef part : parts) {
    part = part.trim();
    if (part.empty()) {
      llvm::errs() << "tessera-compile: empty target in --target '" << text
                   << "', expected targets separated by commas such as "
                      "sm_80,sm_90a\n";
      return failure();
    }
    if (!mlir::tessera::isKnownTarget(part)) {
      llvm::errs() << "tessera-compile: unknown target '" << part
                   << "' in --target '" << text << "', expected one of "
                   << llvm::join(mlir::tessera::knownTargets(), ", ") << "\n";
      return failure();
    }
    if (!llvm::is_contained(targets, part))
      targets.push_back(part.str());
  }
  return targets;
}

/// The bytes of one element of |type| (i1 as one byte).
int64_t elementBytes(RankedTensorType type) {
  return (type.getElementType().getIntOrFloatBitWidth() + 7) / 8;
}

/// The bytes a bundle stores for |constant|: a splat one element, any other
/// constant every element.
int64_t storedBytes(mlir::tessera::ConstantOp constant) {
  auto type = cast<RankedTensorType>(constant.getType());
  auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
  return elementBytes(type) *
         (dense && dense.isSplat() ? 1 : type.getNumElements());
}

/// An i64 attribute of |func|, 0 when absent.
int64_t intAttr(func::FuncOp func, StringRef name) {
  auto attr = func->getAttrOfType<IntegerAttr>(name);
  return attr ? attr.getInt() : 0;
}

/// Prints the --stats line for |func|, keys in this order:
///   onnx_nodes        ONNX nodes whose value depends on a model input (the
///                     importer's `tessera.onnx_nodes`)
///   kernels           device launches: tessera.kernel ops (library calls:
///                     none yet)
///   kernels_by_kind   {kind: count}, the kinds present, in enum order
///   unfused_ops       tessera ops outside kernels other than constants (0
///                     once fusion has run: each would be a launch too)
///   arena_bytes, arena_lower_bound_bytes, arena_no_reuse_bytes
///                     the memory plan's `tessera.arena_*` attributes (0
///                     without a plan)
///   weights_bytes     bytes of every tessera.constant, inside kernels or
///                     not, as a bundle stores them (storedBytes)
///   weights_logical_bytes
///                     the same constants at their full size (splats too):
///                     what the weights would take with real values
///   compile_seconds   wall time of import and pipeline, in milliseconds'
///                     precision
void printStats(func::FuncOp func, double seconds, llvm::raw_ostream &os) {
  int64_t kernels = 0, unfused = 0, weights = 0, logicalWeights = 0;
  std::map<mlir::tessera::KernelKind, int64_t> byKind;
  func.walk([&](Operation *op) {
    if (auto kernel = dyn_cast<mlir::tessera::KernelOp>(op)) {
      ++kernels;
      ++byKind[kernel.getKind()];
    } else if (auto constant = dyn_cast<mlir::tessera::ConstantOp>(op)) {
      weights += storedBytes(constant);
      auto type = cast<RankedTensorType>(constant.getType());
      logicalWeights += elementBytes(type) * type.getNumElements();
    } else if (isa<mlir::tessera::TesseraDialect>(op->getDialect()) &&
               op->getParentOp() == func && !isa<mlir::tessera::YieldOp>(op)) {
      ++unfused;
    }
  });

  llvm::json::OStream json(os);
  json.object([&] {
    json.attribute("onnx_nodes", intAttr(func, "tessera.onnx_nodes"));
    json.attribute("kernels", kernels);
    json.attributeObject("kernels_by_kind", [&] {
      for (auto [kind, count] : byKind)
        json.attribute(mlir::tessera::stringifyKernelKind(kind), count);
    });
    json.attribute("unfused_ops", unfused);
    json.attribute("arena_bytes", intAttr(func, "tessera.arena_bytes"));
    json.attribute("arena_lower_bound_bytes",
                   intAttr(func, "tessera.arena_lower_bound_bytes"));
    json.attribute("arena_no_reuse_bytes",
                   intAttr(func, "tessera.arena_no_reuse_bytes"));
    json.attribute("weights_bytes", weights);
    json.attribute("weights_logical_bytes", logicalWeights);
    json.attributeBegin("compile_seconds");
    json.rawValue(llvm::formatv("{0:f3}", seconds).str());
    json.attributeEnd();
  });
  os << "\n";
}

} // namespace

/// Emits the kernels of @main (|func| is set to it); prints the problem and
/// fails when there is no @main or a kernel cannot be emitted.
FailureOr<std::vector<::tessera::codegen::KernelProgram>>
emitMain(ModuleOp module, const mlir::tessera::CodegenOptions &codegen,
         func::FuncOp &func) {
  func = module.lookupSymbol<func::FuncOp>("main");
  if (!func) {
    llvm::errs() << "tessera-compile: error: no @main after import\n";
    return failure();
  }
  PipelineDiagnosticHandler located(module.getContext());
  return mlir::tessera::emitKernels(func, codegen);
}

/// --emit=cuda: emits the kernels of @main and writes one <kernel>.cu per
/// kernel and kernels.json (name, kind, nodes, grid, block, sharedBytes,
/// params; "library": "cublaslt" for a kernel --matmul gave to cuBLASLt)
/// into the directory |path|; "-" prints every source on stdout,
/// each after a "// ===== <name>.cu =====" line.
int writeCuda(ModuleOp module, const std::string &path,
              const mlir::tessera::CodegenOptions &codegen) {
  func::FuncOp func;
  FailureOr<std::vector<::tessera::codegen::KernelProgram>> programs =
      emitMain(module, codegen, func);
  if (failed(programs))
    return kExitFailure;
  if (path == "-") {
    for (const auto &program : *programs)
      llvm::outs() << "// ===== " << program.name << ".cu =====\n"
                   << program.source;
    return kExitSuccess;
  }
  if (std::error_code ec = llvm::sys::fs::create_directories(path)) {
    llvm::errs() << "tessera-compile: error: cannot create '" << path
                 << "': " << ec.message() << "\n";
    return kExitFailure;
  }
  auto write = [&](const std::string &name, StringRef text) {
    SmallString<256> file(path);
    llvm::sys::path::append(file, name);
    std::error_code ec;
    llvm::raw_fd_ostream os(file, ec);
    if (ec) {
      llvm::errs() << "tessera-compile: error: cannot write '" << file
                   << "': " << ec.message() << "\n";
      return false;
    }
    os << text;
    return true;
  };
  llvm::json::Array kernels;
  for (const auto &program : *programs) {
    if (!write(program.name + ".cu", program.source))
      return kExitFailure;
    llvm::json::Array params;
    for (const auto &param : program.params)
      params.push_back(llvm::json::Object{
          {"kind", param.kind == ::tessera::codegen::KernelParam::Kind::Operand
                       ? "operand"
                       : "result"},
          {"index", param.index}});
    llvm::json::Object kernel{{"name", program.name},
                              {"kind", program.kind},
                              {"nodes", llvm::json::Array(program.nodes)},
                              {"grid", llvm::json::Array(program.grid)},
                              {"block", llvm::json::Array(program.block)},
                              {"sharedBytes", program.sharedBytes},
                              {"params", std::move(params)}};
    // A kernel that a bundle computes with cuBLASLt (--matmul).
    if (program.library)
      kernel["library"] = "cublaslt";
    kernels.push_back(std::move(kernel));
  }
  std::string json;
  llvm::raw_string_ostream os(json);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(kernels))) << "\n";
  return write("kernels.json", json) ? kExitSuccess : kExitFailure;
}

/// Emits the kernels of @main, builds its bundle and writes it to |path|.
int writeBundle(ModuleOp module, const std::string &path,
                const mlir::tessera::CodegenOptions &codegen,
                const mlir::tessera::BundleOptions &options) {
  func::FuncOp func;
  FailureOr<std::vector<::tessera::codegen::KernelProgram>> programs =
      emitMain(module, codegen, func);
  if (failed(programs))
    return kExitFailure;
  PipelineDiagnosticHandler located(module.getContext());
  FailureOr<::tessera::bundle::Model> model =
      mlir::tessera::buildBundle(func, *programs, options);
  if (failed(model))
    return kExitFailure;
  std::string error;
  ::tessera::bundle::BundleWriter writer;
  if (!::tessera::bundle::encodeBundle(*model, writer, error) ||
      !writer.writeFile(path, error)) {
    llvm::errs() << "tessera-compile: error: " << error << "\n";
    return kExitFailure;
  }
  return kExitSuccess;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // libLLVM registers -stats (its statistics) on first use of the option
  // registry; rename it so that --stats is ours.
  if (cl::Option *llvmStats = cl::getRegisteredOptions().lookup("stats"))
    llvmStats->setArgStr("llvm-stats");
  // Only these options and MLIR's own (--mlir-*) in --help, not the many
  // that libLLVM registers.
  cl::OptionCategory category("tessera-compile options");
  cl::OptionCategory mlirCategory("MLIR options");
  cl::opt<std::string> modelPath(cl::Positional, cl::desc("<model.onnx>"),
                                 cl::Required, cl::cat(category));
  cl::opt<Emit> emit(
      "emit", cl::desc("What to produce"),
      cl::values(clEnumValN(Emit::Mlir, "mlir",
                            "the tessera IR after the default pipeline"),
                 clEnumValN(Emit::Imported, "imported",
                            "the imported tessera IR, no pass run"),
                 clEnumValN(Emit::Bundle, "bundle",
                            "a bundle (.tsrb; the default for -o X.tsrb)"),
                 clEnumValN(Emit::Cuda, "cuda",
                            "the kernels' CUDA C++: one <kernel>.cu per "
                            "kernel and kernels.json in the directory -o "
                            "(-o - prints the sources)")),
      cl::init(Emit::Mlir), cl::cat(category));
  cl::opt<std::string> outputPath(
      "o", cl::desc("Output file (default: stdout)"), cl::value_desc("file"),
      cl::init("-"), cl::cat(category));
  cl::list<std::string> inputShapes(
      "input-shape", cl::desc("Fix the shape of a model input"),
      cl::value_desc("NAME=DIMS (e.g. x=1x3x224x224)"), cl::cat(category));
  cl::list<std::string> inputValues(
      "input",
      cl::desc("Specialize on the value of a model input (.npy or ONNX .pb): "
               "operands that must be constant, such as a Reshape shape or "
               "reduction axes, may come from it"),
      cl::value_desc("NAME=FILE"), cl::cat(category));
  cl::opt<std::string> targetList(
      "target",
      cl::desc("GPU targets, comma-separated (sm_80, sm_86, sm_89, sm_90, "
               "sm_90a); kernels are tiled for the first"),
      cl::value_desc("sm_XX[,sm_YY...]"), cl::init("sm_90a"),
      cl::cat(category));
  cl::opt<std::string> precisionName(
      "precision",
      cl::desc("Numeric policy of the generated kernels (f32, tf32, bf16, "
               "f16), recorded in the bundle"),
      cl::value_desc("f32|tf32|bf16|f16"), cl::init("f32"), cl::cat(category));
  cl::opt<bool> noNvrtc(
      "no-nvrtc", cl::Hidden,
      cl::desc("Write bundles with the CUDA source only, no NVRTC (testing)"),
      cl::cat(category));
  cl::opt<std::string> tuningFile(
      "tuning-file",
      cl::desc("JSON tuning file overriding the tiling's launch "
               "configurations"),
      cl::value_desc("file"), cl::cat(category));
  cl::opt<std::string> convLayout(
      "conv-layout",
      cl::desc("Layout of convolutions: auto (channels-last where the "
               "tensor-core GEMM gains from it), nhwc (every conv) or nchw "
               "(as imported)"),
      cl::value_desc("auto|nhwc|nchw"), cl::init("auto"), cl::cat(category));
  cl::opt<std::string> matmulName("matmul",
                                  cl::desc(mlir::tessera::kMatmulHelp),
                                  cl::value_desc("generated|cublaslt|auto"),
                                  cl::init("generated"), cl::cat(category));
  cl::opt<bool> stats(
      "stats",
      cl::desc("Print one line of JSON figures on stdout (kernels, "
               "arena, weights, compile time) instead of the IR"),
      cl::cat(category));
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  for (auto &entry : cl::getRegisteredOptions())
    if (entry.first().starts_with("mlir-"))
      entry.second->addCategory(mlirCategory);
  cl::HideUnrelatedOptions({&category, &mlirCategory});
  if (!cl::ParseCommandLineOptions(argc, argv, "Tessera model compiler\n",
                                   &llvm::errs()))
    return kExitUsage;

  FailureOr<SmallVector<std::string>> targets = parseTargets(targetList);
  if (failed(targets))
    return kExitUsage;
  std::optional<mlir::tessera::CodegenPrecision> precision =
      parsePrecision(precisionName);
  if (!precision) {
    llvm::errs() << "tessera-compile: unknown precision '" << precisionName
                 << "' in --precision, expected one of f32, tf32, bf16, f16\n";
    return kExitUsage;
  }
  std::optional<mlir::tessera::MatmulMode> matmul =
      mlir::tessera::parseMatmulMode(matmulName);
  if (!matmul) {
    llvm::errs() << "tessera-compile: unknown value '" << matmulName
                 << "' in --matmul, expected one of generated, cublaslt, "
                    "auto\n";
    return kExitUsage;
  }
  mlir::tessera::CodegenOptions codegen;
  codegen.precision = *precision;
  codegen.matmul = *matmul;
  if (*matmul == mlir::tessera::MatmulMode::Auto) {
    std::string error =
        mlir::tessera::loadMatmulChoices(tuningFile, targets->front(), codegen);
    if (!error.empty()) {
      llvm::errs() << "tessera-compile: error: " << error << "\n";
      return kExitFailure;
    }
  }
  bool bundleOutput =
      emit == Emit::Bundle ||
      (emit == Emit::Mlir && StringRef(outputPath).ends_with(".tsrb"));
  if (bundleOutput && outputPath == "-") {
    llvm::errs() << "tessera-compile: --emit=bundle needs -o FILE (a bundle "
                    "is not written to stdout)\n";
    return kExitUsage;
  }
  if (!mlir::tessera::isKnownConvLayout(convLayout)) {
    llvm::errs() << "tessera-compile: unknown value '" << convLayout
                 << "' in --conv-layout, expected one of auto, nhwc, nchw\n";
    return kExitUsage;
  }
  mlir::tessera::PipelineOptions pipeline;
  pipeline.target = targets->front();
  pipeline.tuningFile = tuningFile;
  pipeline.convLayout = convLayout;

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
    std::string error;
    if (!mlir::tessera::readTensorFile(path, options.inputValues[name],
                                       error)) {
      llvm::errs() << "tessera-compile: error: input '" << name
                   << "': " << error << "\n";
      return kExitFailure;
    }
  }

  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  // Diagnostics name their node; the op only with the explicit option.
  cl::Option *printOp =
      cl::getRegisteredOptions().lookup("mlir-print-op-on-diagnostic");
  if (!printOp || !printOp->getNumOccurrences())
    context.printOpOnDiagnostic(false);
  mlir::tessera::ToolDiagnosticHandler diagnostics(&context, "tessera-compile");
  // --mlir-timing reports the import, every pass and the printing.
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope rootTimer = timing.getRootScope();
  auto start = std::chrono::steady_clock::now();
  TimingScope importTimer = rootTimer.nest("import");
  OwningOpRef<ModuleOp> module =
      mlir::tessera::importModelFile(modelPath, &context, options);
  importTimer.stop();
  if (!module)
    return kExitFailure;

  if (emit != Emit::Imported) {
    PipelineDiagnosticHandler located(&context);
    PassManager pm(&context);
    pm.enableVerifier(mlir::tessera::kVerifyEachPass);
    if (failed(applyPassManagerCLOptions(pm)))
      return kExitUsage;
    TimingScope pipelineTimer = rootTimer.nest("pipeline");
    pm.enableTiming(pipelineTimer);
    mlir::tessera::buildDefaultPipeline(pm, pipeline);
    if (failed(pm.run(*module)))
      return kExitFailure;
    if (!mlir::tessera::kVerifyEachPass && failed(verify(*module)))
      return kExitFailure;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  TimingScope printTimer = rootTimer.nest("print");
  if (stats) {
    auto func = module->lookupSymbol<func::FuncOp>("main");
    if (!func) {
      llvm::errs() << "tessera-compile: error: no @main after import\n";
      return kExitFailure;
    }
    printStats(func, seconds, llvm::outs());
    if (outputPath == "-")
      return kExitSuccess;
  }

  if (emit == Emit::Cuda)
    return writeCuda(*module, outputPath, codegen);

  if (bundleOutput) {
    TimingScope bundleTimer = printTimer.nest("bundle");
    mlir::tessera::BundleOptions bundle;
    bundle.targets.assign(targets->begin(), targets->end());
    bundle.precision = *precision;
    bundle.compileKernels = !noNvrtc;
    return writeBundle(*module, outputPath, codegen, bundle);
  }

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
