//===- BundleBuilder.cpp - A bundle from a planned function ---------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every value the plan touches lives in one buffer:
//   - a function argument: the model input of that number;
//   - a tessera.constant: a range of the weights section (256-byte aligned;
//     splats only when a step needs their bytes: the emitters fold them);
//   - a kernel result: the arena at the kernel's `offsets` entry, or, for -1
//     (bound by the caller), the model output the function returns it as;
//   - a tessera.reshape outside kernels: its operand's buffer (row-major, the
//     same bytes).
// A model output that is not written by a kernel in place (an input, a
// constant, an arena value, or a value returned twice) gets a Copy step:
// right after its producer for an arena value (the arena is reused), at the
// end otherwise.
//
// Images: kernels whose sources are equal once comments are removed and the
// kernel's own name is replaced by a placeholder share the image of the first
// of them (compiled once per target, called by that kernel's name).
//
//===----------------------------------------------------------------------===//
#include "compiler/bundle/BundleBuilder.h"
#include "compiler/bundle/KernelSource.h"

#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"
#include "runtime/nvrtc/NvrtcCache.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <cstring>
#include <map>

using namespace mlir;
using namespace mlir::tessera;
namespace bundle = ::tessera::bundle;
namespace codegen = ::tessera::codegen;

namespace {

constexpr uint64_t kWeightAlignment = 256;

// codegen::LibraryGemm mirrors bundle::GemmParams's enums.
static_assert(static_cast<int>(codegen::LibraryGemm::Compute::F16) ==
              static_cast<int>(bundle::GemmCompute::F16));
static_assert(static_cast<int>(codegen::LibraryGemm::Epilogue::BiasGelu) ==
              static_cast<int>(bundle::GemmEpilogue::BiasGelu));
static_assert(static_cast<int>(codegen::LibraryGemm::Epilogue::Relu) ==
              static_cast<int>(bundle::GemmEpilogue::Relu));

std::optional<bundle::DType> toBundleDType(Type type) {
  if (type.isF32())
    return bundle::DType::F32;
  if (type.isF16())
    return bundle::DType::F16;
  if (type.isBF16())
    return bundle::DType::BF16;
  if (type.isF64())
    return bundle::DType::F64;
  if (type.isSignlessInteger(64))
    return bundle::DType::I64;
  if (type.isSignlessInteger(32))
    return bundle::DType::I32;
  if (type.isSignlessInteger(8))
    return bundle::DType::I8;
  if (type.isSignlessInteger(1))
    return bundle::DType::I1;
  return std::nullopt;
}

bundle::Precision toBundlePrecision(CodegenPrecision precision) {
  switch (precision) {
  case CodegenPrecision::F32:
    return bundle::Precision::F32;
  case CodegenPrecision::TF32:
    return bundle::Precision::TF32;
  case CodegenPrecision::BF16:
    return bundle::Precision::BF16;
  case CodegenPrecision::F16:
    return bundle::Precision::F16;
  }
  return bundle::Precision::F32;
}

/// "'a', 'b'" for the nodes of a kernel.
std::string quotedList(const std::vector<std::string> &names) {
  std::string text;
  for (const std::string &name : names)
    text += (text.empty() ? "'" : ", '") + name + "'";
  return text;
}

/// "kernel 'k' (ONNX nodes 'a', 'b')".
std::string describeKernel(const codegen::KernelProgram &program) {
  std::string text = "kernel '" + program.name + "'";
  if (!program.nodes.empty())
    text += std::string(program.nodes.size() == 1 ? " (ONNX node "
                                                  : " (ONNX nodes ") +
            quotedList(program.nodes) + ")";
  return text;
}

bool isIdentChar(char c) { return llvm::isAlnum(c) || c == '_'; }

} // namespace

namespace mlir::tessera::detail {

/// |source| without comments, with every identifier that starts with |name|
/// (followed by a non-alphanumeric character, so "conv_detail" but not
/// "convert") renamed to start with a placeholder. Strings and character
/// literals are kept as they are.
std::string normalizeKernelSource(StringRef source, StringRef name) {
  std::string out;
  out.reserve(source.size());
  size_t i = 0, n = source.size();
  while (i < n) {
    char c = source[i];
    if (c == '/' && i + 1 < n && source[i + 1] == '/') {
      while (i < n && source[i] != '\n')
        ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && source[i + 1] == '*') {
      size_t end = source.find("*/", i + 2);
      i = end == StringRef::npos ? n : end + 2;
      out.push_back(' ');
      continue;
    }
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < n && source[j] != c) {
        if (source[j] == '\\')
          ++j;
        ++j;
      }
      j = std::min(n, j + 1);
      out.append(source.data() + i, j - i);
      i = j;
      continue;
    }
    if (isIdentChar(c)) {
      size_t j = i;
      while (j < n && isIdentChar(source[j]))
        ++j;
      StringRef ident = source.slice(i, j);
      if (!name.empty() && ident.starts_with(name) &&
          (ident.size() == name.size() || !llvm::isAlnum(ident[name.size()]))) {
        out += "__TESSERA_KERNEL__";
        out += ident.drop_front(name.size()).str();
      } else {
        out += ident.str();
      }
      i = j;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  // Trailing blanks (left by removed comments) do not matter.
  std::string trimmed;
  trimmed.reserve(out.size());
  for (StringRef line : llvm::split(out, '\n')) {
    trimmed += line.rtrim(" \t").str();
    trimmed.push_back('\n');
  }
  return trimmed;
}

} // namespace mlir::tessera::detail

namespace {

/// Builds one Model; every failure is reported on |func| or the op at fault.
class ModelBuilder {
public:
  ModelBuilder(func::FuncOp func,
               const std::vector<codegen::KernelProgram> &programs,
               const BundleOptions &options)
      : func(func), programs(programs), options(options) {}

  FailureOr<bundle::Model> build();

private:
  /// The buffer of |value| with |bytes| (the value's size).
  FailureOr<bundle::BufferRef> bufferOf(Value value, Operation *user);
  /// The bytes of |value|'s tensor.
  static uint64_t byteSize(Value value);
  /// The weight offset of |constant| (packed on first use).
  FailureOr<uint64_t> weightOffset(ConstantOp constant);
  LogicalResult buildSignature();
  /// The Gemm step of a kernel that a library computes.
  FailureOr<bundle::Step> gemmStep(KernelOp kernel,
                                   const codegen::KernelProgram &program,
                                   size_t index);
  LogicalResult buildImages();
  LogicalResult compileImages();

  func::FuncOp func;
  const std::vector<codegen::KernelProgram> &programs;
  const BundleOptions &options;
  bundle::Model model;
  /// Output number of each caller-bound kernel result.
  llvm::DenseMap<Value, unsigned> outputOf;
  llvm::DenseMap<Operation *, uint64_t> weightOffsets;
  /// Weight offsets by the XXH3 of their bytes.
  llvm::DenseMap<uint64_t, SmallVector<uint64_t, 1>> weightsByHash;
  /// The kernel that owns each image (its first user).
  std::vector<uint32_t> firstKernelOfImage;
};

uint64_t ModelBuilder::byteSize(Value value) {
  // One byte per i1, as the ABI stores bools.
  auto type = cast<RankedTensorType>(value.getType());
  return static_cast<uint64_t>(type.getNumElements()) *
         ((type.getElementType().getIntOrFloatBitWidth() + 7) / 8);
}

FailureOr<uint64_t> ModelBuilder::weightOffset(ConstantOp constant) {
  auto it = weightOffsets.find(constant);
  if (it != weightOffsets.end())
    return it->second;
  FailureOr<::tessera::HostTensor> tensor = toHostTensor(constant.getValue());
  if (failed(tensor))
    return constant.emitError("cannot read the value of this constant "
                              "(unsupported element type or missing data)");
  // Constants with the same bytes (e.g. one initializer imported twice)
  // share their range.
  StringRef bytes(static_cast<const char *>(tensor->data()),
                  tensor->byteSize());
  uint64_t hash = llvm::xxh3_64bits(bytes);
  for (uint64_t known : weightsByHash[hash])
    if (StringRef(model.weights).substr(known, bytes.size()) == bytes &&
        known + bytes.size() <= model.weights.size()) {
      weightOffsets[constant] = known;
      return known;
    }
  uint64_t offset = llvm::alignTo(model.weights.size(), kWeightAlignment);
  model.weights.resize(offset, '\0');
  model.weights.append(bytes.data(), bytes.size());
  weightOffsets[constant] = offset;
  weightsByHash[hash].push_back(offset);
  return offset;
}

FailureOr<bundle::BufferRef> ModelBuilder::bufferOf(Value value,
                                                    Operation *user) {
  bundle::BufferRef ref;
  ref.bytes = byteSize(value);
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    if (arg.getOwner()->getParentOp() != func)
      return user->emitError("an operand is not a value of the function");
    ref.kind = bundle::BufferKind::Input;
    ref.value = arg.getArgNumber();
    return ref;
  }
  Operation *def = value.getDefiningOp();
  if (auto constant = dyn_cast<ConstantOp>(def)) {
    FailureOr<uint64_t> offset = weightOffset(constant);
    if (failed(offset))
      return failure();
    ref.kind = bundle::BufferKind::Weight;
    ref.value = *offset;
    return ref;
  }
  if (auto reshape = dyn_cast<ReshapeOp>(def)) {
    FailureOr<bundle::BufferRef> source = bufferOf(reshape.getInput(), user);
    if (failed(source))
      return failure();
    source->bytes = ref.bytes;
    return source;
  }
  if (auto kernel = dyn_cast<KernelOp>(def)) {
    unsigned index = cast<OpResult>(value).getResultNumber();
    std::optional<ArrayRef<int64_t>> offsets = kernel.getOffsets();
    if (!offsets || offsets->size() != kernel.getNumResults())
      return kernel.emitError("kernel '")
             << kernel.getName()
             << "' has no memory plan (`offsets`); run the default pipeline";
    int64_t offset = (*offsets)[index];
    if (offset >= 0) {
      if (static_cast<uint64_t>(offset) + ref.bytes > model.arenaBytes)
        return kernel.emitError("kernel '")
               << kernel.getName() << "' result " << index
               << " at arena offset " << offset << " (+" << ref.bytes
               << " bytes) exceeds the arena (" << model.arenaBytes
               << " bytes)";
      ref.kind = bundle::BufferKind::Arena;
      ref.value = static_cast<uint64_t>(offset);
      return ref;
    }
    auto output = outputOf.find(value);
    if (output == outputOf.end())
      return kernel.emitError("kernel '")
             << kernel.getName() << "' result " << index
             << " is bound by the caller (offset -1) but is not a result of "
                "the function";
    ref.kind = bundle::BufferKind::Output;
    ref.value = output->second;
    return ref;
  }
  return def->emitError("op '")
         << def->getName()
         << "' outside any kernel cannot be run by a bundle (no kernel "
            "computes it)";
}

FailureOr<bundle::Step>
ModelBuilder::gemmStep(KernelOp kernel, const codegen::KernelProgram &program,
                       size_t index) {
  const codegen::LibraryGemm &g = *program.library;
  bundle::Step step;
  step.kind = bundle::Step::Kind::Gemm;
  step.kernel = static_cast<uint32_t>(index);
  bundle::GemmParams &p = step.gemm;
  p.m = g.m;
  p.n = g.n;
  p.k = g.k;
  p.batch = g.batch;
  p.transA = g.transA;
  p.transB = g.transB;
  p.lda = g.lda;
  p.ldb = g.ldb;
  p.ldd = g.ldd;
  p.strideA = g.strideA;
  p.strideB = g.strideB;
  p.strideD = g.strideD;
  // The enums list the same cases in the same order.
  p.compute = static_cast<bundle::GemmCompute>(g.compute);
  p.epilogue = static_cast<bundle::GemmEpilogue>(g.epilogue);
  p.alpha = g.alpha;
  SmallVector<Value> values = {kernel->getOperand(g.a),
                               kernel->getOperand(g.b)};
  if (g.bias >= 0)
    values.push_back(kernel->getOperand(static_cast<unsigned>(g.bias)));
  values.push_back(kernel->getResult(0));
  for (Value value : values) {
    FailureOr<bundle::BufferRef> ref = bufferOf(value, kernel);
    if (failed(ref))
      return failure();
    step.args.push_back(*ref);
  }
  return step;
}

LogicalResult ModelBuilder::buildSignature() {
  auto describe = [&](Type type, StringAttr name, std::string fallback,
                      bundle::TensorDesc &desc) -> LogicalResult {
    auto tensor = dyn_cast<RankedTensorType>(type);
    std::optional<bundle::DType> dtype =
        tensor ? toBundleDType(tensor.getElementType()) : std::nullopt;
    if (!tensor || !tensor.hasStaticShape() || !dtype)
      return func.emitError("the bundle cannot describe ")
             << fallback << " of type " << type
             << " (expected a static tensor of f32, f16, bf16, f64, i64, i32, "
                "i8 or i1)";
    desc.name = name ? name.getValue().str() : fallback;
    desc.dtype = *dtype;
    desc.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
    return success();
  };
  FunctionType type = func.getFunctionType();
  for (unsigned i = 0; i < type.getNumInputs(); ++i) {
    bundle::TensorDesc desc;
    if (failed(describe(type.getInput(i),
                        func.getArgAttrOfType<StringAttr>(i, "tessera.name"),
                        "input " + std::to_string(i), desc)))
      return failure();
    model.inputs.push_back(std::move(desc));
  }
  for (unsigned i = 0; i < type.getNumResults(); ++i) {
    bundle::TensorDesc desc;
    if (failed(describe(type.getResult(i),
                        func.getResultAttrOfType<StringAttr>(i, "tessera.name"),
                        "output " + std::to_string(i), desc)))
      return failure();
    model.outputs.push_back(std::move(desc));
  }
  return success();
}

LogicalResult ModelBuilder::buildImages() {
  // Normalized source -> image number.
  std::map<std::pair<uint64_t, std::string>, uint32_t> images;
  for (const codegen::KernelProgram &program : programs) {
    bundle::KernelInfo info;
    info.name = program.name;
    info.kind = program.kind;
    info.nodes = program.nodes;
    std::string normal = mlir::tessera::detail::normalizeKernelSource(
        program.source, program.name);
    uint64_t hash = llvm::xxh3_64bits(normal);
    auto [it, inserted] = images.try_emplace(
        {hash, std::move(normal)}, static_cast<uint32_t>(model.images.size()));
    if (inserted) {
      model.images.push_back({program.source});
      info.image = it->second;
      info.entry = program.name;
    } else {
      info.image = it->second;
      info.entry = model.kernels[firstKernelOfImage[it->second]].entry;
    }
    if (inserted)
      firstKernelOfImage.push_back(static_cast<uint32_t>(model.kernels.size()));
    model.kernels.push_back(std::move(info));
  }
  return success();
}

LogicalResult ModelBuilder::compileImages() {
  size_t numTargets = model.targets.size(), numImages = model.images.size();
  std::vector<::tessera::nvrtc::CompileResult> results(numTargets * numImages);
  {
    llvm::DefaultThreadPool pool;
    for (size_t t = 0; t < numTargets; ++t)
      for (size_t i = 0; i < numImages; ++i)
        pool.async([&, t, i] {
          const bundle::KernelInfo &owner =
              model.kernels[firstKernelOfImage[i]];
          results[t * numImages + i] = ::tessera::nvrtc::compileCached(
              model.images[i].source, owner.name + ".cu",
              model.targets[t].target, {});
        });
    pool.wait();
  }
  for (size_t t = 0; t < numTargets; ++t) {
    bundle::TargetCode &code = model.targets[t];
    for (size_t i = 0; i < numImages; ++i) {
      ::tessera::nvrtc::CompileResult &result = results[t * numImages + i];
      if (!result.ok) {
        const codegen::KernelProgram &program = programs[firstKernelOfImage[i]];
        // The source, for the user to look at.
        SmallString<128> dir;
        llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, dir);
        llvm::sys::path::append(dir, "tessera-nvrtc");
        std::string where;
        if (!llvm::sys::fs::create_directories(dir)) {
          SmallString<128> path(dir);
          llvm::sys::path::append(
              path, program.name + "-" +
                        llvm::utohexstr(llvm::xxh3_64bits(program.source)) +
                        ".cu");
          std::error_code ec;
          llvm::raw_fd_ostream file(path, ec);
          if (!ec) {
            file << program.source;
            file.close();
            if (!file.has_error())
              where = path.str().str();
          }
        }
        std::string message = describeKernel(program) + ": NVRTC failed for " +
                              code.target + "; ";
        message += where.empty() ? std::string("the source could not be saved")
                                 : "source written to " + where;
        return func.emitError(message + "\n" + result.log);
      }
      code.cubins.emplace_back(result.cubin.begin(), result.cubin.end());
      code.ptxs.push_back(std::move(result.ptx));
    }
  }
  return success();
}

FailureOr<bundle::Model> ModelBuilder::build() {
  model.precision = toBundlePrecision(options.precision);
  if (auto arena = func->getAttrOfType<IntegerAttr>("tessera.arena_bytes"))
    model.arenaBytes = static_cast<uint64_t>(arena.getInt());
  if (options.targets.empty())
    return func.emitError("no target to build the bundle for");
  if (failed(buildSignature()))
    return failure();

  // The ops of the function, in schedule order.
  SmallVector<KernelOp> kernels;
  for (Operation &op : func.getBody().front()) {
    if (auto kernel = dyn_cast<KernelOp>(op))
      kernels.push_back(kernel);
    else if (!isa<ConstantOp, ReshapeOp, func::ReturnOp>(op))
      return op.emitError("op '")
             << op.getName()
             << "' outside any kernel cannot be run by a bundle (no kernel "
                "computes it)";
  }
  if (kernels.size() != programs.size())
    return func.emitError("the function has ")
           << kernels.size() << " kernels but " << programs.size()
           << " programs were emitted";

  // Outputs: a caller-bound kernel result is written in place by its kernel
  // (the first time the function returns it); anything else is copied.
  auto returnOp = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  struct PendingCopy {
    Value value;
    unsigned output;
  };
  SmallVector<PendingCopy> copies;
  auto rootOf = [](Value value) {
    while (auto reshape = value.getDefiningOp<ReshapeOp>())
      value = reshape.getInput();
    return value;
  };
  for (auto [index, value] : llvm::enumerate(returnOp.getOperands())) {
    Value root = rootOf(value);
    if (auto kernel = root.getDefiningOp<KernelOp>()) {
      std::optional<ArrayRef<int64_t>> offsets = kernel.getOffsets();
      unsigned result = cast<OpResult>(root).getResultNumber();
      if (offsets && result < offsets->size() && (*offsets)[result] < 0 &&
          outputOf.try_emplace(root, index).second)
        continue;
    }
    copies.push_back({value, static_cast<unsigned>(index)});
  }

  // The plan (the same for every target: the tiling is the first target's).
  std::vector<bundle::Step> plan;
  auto copyStep = [&](const PendingCopy &copy) -> LogicalResult {
    FailureOr<bundle::BufferRef> from = bufferOf(copy.value, returnOp);
    if (failed(from))
      return failure();
    bundle::Step step;
    step.kind = bundle::Step::Kind::Copy;
    bundle::BufferRef to;
    to.kind = bundle::BufferKind::Output;
    to.value = copy.output;
    to.bytes = from->bytes;
    step.args = {*from, to};
    plan.push_back(std::move(step));
    return success();
  };
  auto producedBy = [&](const PendingCopy &copy) -> Operation * {
    Value root = rootOf(copy.value);
    auto kernel = root.getDefiningOp<KernelOp>();
    if (!kernel)
      return nullptr;
    std::optional<ArrayRef<int64_t>> offsets = kernel.getOffsets();
    unsigned result = cast<OpResult>(root).getResultNumber();
    if (offsets && result < offsets->size() && (*offsets)[result] >= 0)
      return kernel;
    return nullptr;
  };

  for (auto [index, kernel] : llvm::enumerate(kernels)) {
    const codegen::KernelProgram &program = programs[index];
    if (program.library) {
      FailureOr<bundle::Step> step = gemmStep(kernel, program, index);
      if (failed(step))
        return failure();
      plan.push_back(std::move(*step));
      for (const PendingCopy &copy : copies)
        if (producedBy(copy) == kernel.getOperation() && failed(copyStep(copy)))
          return failure();
      continue;
    }
    bundle::Step step;
    step.kind = bundle::Step::Kind::Launch;
    step.kernel = static_cast<uint32_t>(index);
    step.grid = program.grid;
    step.block = program.block;
    step.sharedBytes = program.sharedBytes;
    for (const codegen::KernelParam &param : program.params) {
      bool operand = param.kind == codegen::KernelParam::Kind::Operand;
      unsigned count =
          operand ? kernel->getNumOperands() : kernel->getNumResults();
      if (param.index >= count)
        return kernel.emitError(describeKernel(program))
               << ": parameter refers to " << (operand ? "operand " : "result ")
               << param.index << " but the kernel has " << count;
      Value value = operand ? kernel->getOperand(param.index)
                            : kernel->getResult(param.index);
      FailureOr<bundle::BufferRef> ref = bufferOf(value, kernel);
      if (failed(ref))
        return failure();
      step.args.push_back(*ref);
    }
    plan.push_back(std::move(step));
    // Arena values returned: copy them out before the arena is reused.
    for (const PendingCopy &copy : copies)
      if (producedBy(copy) == kernel.getOperation() && failed(copyStep(copy)))
        return failure();
  }
  // Every caller-bound result must have become an output.
  for (KernelOp kernel : kernels) {
    std::optional<ArrayRef<int64_t>> offsets = kernel.getOffsets();
    for (OpResult result : kernel->getResults())
      if (offsets && result.getResultNumber() < offsets->size() &&
          (*offsets)[result.getResultNumber()] < 0 && !outputOf.count(result))
        return kernel.emitError("kernel '")
               << kernel.getName() << "' result " << result.getResultNumber()
               << " is bound by the caller (offset -1) but is not a result of "
                  "the function";
  }
  for (const PendingCopy &copy : copies)
    if (!producedBy(copy) && failed(copyStep(copy)))
      return failure();

  if (failed(buildImages()))
    return failure();
  for (const std::string &target : options.targets) {
    bundle::TargetCode code;
    code.target = target;
    code.plan = plan;
    model.targets.push_back(std::move(code));
  }
  if (options.compileKernels && failed(compileImages()))
    return failure();
  return std::move(model);
}

} // namespace

FailureOr<bundle::Model>
mlir::tessera::buildBundle(func::FuncOp func,
                           const std::vector<codegen::KernelProgram> &programs,
                           const BundleOptions &options) {
  return ModelBuilder(func, programs, options).build();
}
