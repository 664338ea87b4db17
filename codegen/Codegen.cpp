//===- Codegen.cpp - CUDA C++ for the kernels of a planned function -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// emitKernels: names, parameters (splat constants folded), the kind
// emitter, and the file around the kernel (header comment, includes,
// namespace of helpers).
//
//===----------------------------------------------------------------------===//
#include "codegen/Codegen.h"
#include "codegen/Emitter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <climits>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;
using ::tessera::codegen::KernelParam;
using ::tessera::codegen::KernelProgram;

namespace {

std::string shapeText(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  std::string text;
  llvm::raw_string_ostream os(text);
  for (int64_t d : tensor.getShape())
    os << d << "x";
  os << tensor.getElementType();
  return text;
}

/// The prelude headers a source uses, from the identifiers in it.
std::vector<std::string> includesFor(StringRef text) {
  std::vector<std::string> out;
  auto uses = [&](std::initializer_list<const char *> names) {
    for (const char *name : names)
      if (text.contains(name))
        return true;
    return false;
  };
  if (uses({"ts_exp",   "ts_log",   "ts_sqrt",  "ts_rsqrt", "ts_tanh",
            "ts_erf",   "ts_sin",   "ts_cos",   "ts_tan",   "ts_asin",
            "ts_acos",  "ts_atan",  "ts_sinh",  "ts_cosh",  "ts_asinh",
            "ts_acosh", "ts_atanh", "ts_pow",   "ts_fabs",  "ts_fmin",
            "ts_fmax",  "ts_floor", "ts_ceil",  "ts_round", "ts_rint",
            "ts_fma",   "ts_fdiv",  "ts_isnan", "ts_isinf", "ts_sigmoid",
            "ts_gelu",  "ts_fmod",  "ts_trunc"}))
    out.push_back("tessera/math.cuh");
  else if (uses({"ts_half", "ts_bf16", "ts_float_to", "ts_uint_as_float"}))
    out.push_back("tessera/half.cuh");
  if (uses({"ts_gemm_"}))
    out.push_back("tessera/gemm.cuh");
  if (uses({"ts_attn_"}))
    out.push_back("tessera/attention.cuh");
  if (uses({"ts_block_reduce", "ts_warp_reduce"}))
    out.push_back("tessera/reduce.cuh");
  if (uses({"ts_vec", "ts_load_vec", "ts_store_vec"}))
    out.push_back("tessera/vector.cuh");
  else if (uses({"ts_shfl"}))
    out.push_back("tessera/warp.cuh");
  if (out.empty())
    out.push_back("tessera/core.cuh");
  return out;
}

bool hasLargeTensor(KernelOp kernel) {
  auto large = [](Type type) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    // Margin: a grid-stride step (up to 4096 x 256) past the last element
    // must not overflow either.
    return tensor && tensor.getNumElements() > INT32_MAX - (int64_t(1) << 21);
  };
  bool found = false;
  for (Type t : kernel->getOperandTypes())
    found |= large(t);
  for (Type t : kernel->getResultTypes())
    found |= large(t);
  kernel.getBody().walk([&](Operation *op) {
    for (Type t : op->getResultTypes())
      found |= large(t);
  });
  return found;
}

std::string kindName(KernelKind kind) {
  return stringifyKernelKind(kind).str();
}

} // namespace

FailureOr<std::vector<KernelProgram>>
mlir::tessera::emitKernels(func::FuncOp func, const CodegenOptions &options) {
  std::vector<KernelProgram> programs;
  llvm::StringSet<> usedNames;
  bool failedAny = false;
  func.walk([&](KernelOp kernel) {
    KernelProgram program;
    std::string base =
        options.namePrefix + sanitizeIdentifier(kernel.getName());
    std::string name = base;
    for (int i = 1; usedNames.contains(name); ++i)
      name = base + "_" + std::to_string(i);
    usedNames.insert(name);
    program.name = name;
    program.kind = kindName(kernel.getKind());
    for (auto &[node, type] : nodesOf(kernel.getLoc()))
      program.nodes.push_back(node);

    KernelEmitter e(kernel, name, options);
    if (hasLargeTensor(kernel))
      e.indexType = "int64_t";
    bool inPlace = kernel->hasAttr("tessera.in_place");

    // Parameters: operands (splat constants folded), then results.
    std::vector<std::string> params;
    for (auto [i, operand] : llvm::enumerate(kernel.getInputs())) {
      auto constant = operand.getDefiningOp<ConstantOp>();
      auto dense =
          constant ? dyn_cast<DenseElementsAttr>(constant.getValue()) : nullptr;
      if (dense && dense.isSplat()) {
        std::string value =
            isa<FloatType>(dense.getElementType())
                ? literal(operand.getType(),
                          dense.getSplatValue<APFloat>().convertToDouble())
                : intLiteral(operand.getType(),
                             dense.getSplatValue<APInt>().getSExtValue());
        e.operandNames.push_back(value);
        e.operandFolded.push_back(true);
        continue;
      }
      std::string param = "in" + std::to_string(i);
      e.operandNames.push_back(param);
      e.operandFolded.push_back(false);
      program.params.push_back({KernelParam::Kind::Operand, unsigned(i)});
      params.push_back("const " + storageType(operand.getType()) + " *" +
                       (inPlace ? "" : "TS_RESTRICT ") + param + " /* " +
                       shapeText(operand.getType()) + " */");
    }
    for (auto [i, result] : llvm::enumerate(kernel.getResults())) {
      std::string param = "out" + std::to_string(i);
      e.resultNames.push_back(param);
      program.params.push_back({KernelParam::Kind::Result, unsigned(i)});
      params.push_back(storageType(result.getType()) + " *" +
                       (inPlace ? "" : "TS_RESTRICT ") + param + " /* " +
                       shapeText(result.getType()) + " */");
    }

    LogicalResult emitted = failure();
    switch (kernel.getKind()) {
    case KernelKind::elementwise:
    case KernelKind::copy:
      emitted = emitElementwiseKernel(e, program);
      break;
    case KernelKind::reduction:
      emitted = emitReductionKernel(e, program);
      break;
    case KernelKind::matmul:
      emitted = emitMatmulKernel(e, program);
      break;
    case KernelKind::conv:
      emitted = emitConvKernel(e, program);
      break;
    case KernelKind::attention:
      emitted = emitAttentionKernel(e, program);
      break;
    default: {
      // Pooling, scan: per-element loops (LoopOps.cpp); an op
      // without any emitter fails below, naming its node.
      emitted = emitElementwiseKernel(e, program);
      break;
    }
    }
    if (failed(emitted) || !e.failure.empty()) {
      Operation *op = e.failedOp ? e.failedOp : kernel.getOperation();
      auto nodes = nodesOf(op->getLoc());
      std::string where = nodes.empty()
                              ? "kernel '" + kernel.getName().str() + "'"
                              : "node '" + nodes.front().first + "' (" +
                                    nodes.front().second + ")";
      // At the kernel's location, kept fused so that a tool's handler does
      // not prefix the node of a one-op kernel a second time.
      Location loc = kernel.getLoc();
      if (!isa<FusedLoc>(loc))
        loc = FusedLoc::get(kernel.getContext(), {loc},
                            StringAttr::get(kernel.getContext(), "kernel"));
      emitError(loc) << where << ": "
                     << (e.failure.empty() ? "no CUDA emitter" : e.failure);
      failedAny = true;
      return;
    }

    // A library GEMM instead (--matmul, LibraryGemm.cpp)?
    if (kernel.getKind() == KernelKind::matmul &&
        options.matmul != MatmulMode::Generated)
      if (auto gemm = matchLibraryGemm(kernel, options.precision)) {
        std::optional<bool> chosen;
        if (options.matmul == MatmulMode::Auto && options.matmulChoice)
          chosen = options.matmulChoice(kernel);
        if (options.matmul == MatmulMode::Cublaslt ||
            chosen.value_or(preferLibraryGemm(*gemm)))
          program.library = *gemm;
      }

    // The file.
    std::string source;
    llvm::raw_string_ostream os(source);
    os << "// " << name << ": " << program.kind
       << " kernel, generated by Tessera.\n";
    if (program.library)
      os << "// Computed by cuBLASLt in the bundle's plan (--matmul); this "
            "source is what --matmul=generated launches.\n";
    os << "// Fused ops:\n";
    for (Operation &op : kernel.getBody().front().without_terminator()) {
      auto nodes = nodesOf(op.getLoc());
      os << "//   " << op.getName().getStringRef();
      if (!nodes.empty())
        os << "  <- " << nodes.front().first << " (" << nodes.front().second
           << ")";
      os << "\n";
    }
    os << llvm::formatv("// Launch: grid [{0}, {1}, {2}], block [{3}, {4}, "
                        "{5}], {6} bytes of dynamic shared memory.\n",
                        program.grid[0], program.grid[1], program.grid[2],
                        program.block[0], program.block[1], program.block[2],
                        program.sharedBytes);
    std::string kernelText = e.helpers + e.body.str();
    for (const std::string &include : includesFor(kernelText))
      os << "#include \"" << include << "\"\n";
    os << "\n";
    if (!e.helpers.empty()) {
      os << "namespace " << name << "_detail {\n"
         << e.helpers << "} // namespace " << name << "_detail\n\n";
    }
    os << "TS_KERNEL void " << name << "(";
    for (auto [i, param] : llvm::enumerate(params))
      os << (i ? ",\n    " : "") << param;
    os << ") {\n";
    if (!e.helpers.empty())
      os << "  using namespace " << name << "_detail;\n";
    os << e.body.str() << "}\n";
    program.source = std::move(source);
    programs.push_back(std::move(program));
  });
  if (failedAny)
    return failure();
  return programs;
}
