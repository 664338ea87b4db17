//===- BundleModel.cpp - Encode and decode what a bundle holds ------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The "meta" and "plan.<target>" sections are a compact little-endian binary
// encoding (docs/bundle.md): fixed-width integers, strings as a u32 length
// and the bytes, lists as a u32 count and the elements. Reading is bounds
// checked everywhere: a read past the end of a section, a count larger than
// the bytes left could hold, an unknown enum value or trailing bytes is an
// error naming the section and the offset. After parsing, the model is
// validated (kernel and image indices, input/output numbers, every arena and
// weight range) with messages naming the section, step and argument.
//
//===----------------------------------------------------------------------===//
#include "runtime/bundle/BundleModel.h"
#include "runtime/tensor/HostTensor.h"

#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <set>
#include <tuple>

namespace tessera::bundle {

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

namespace {
constexpr DType kDTypes[] = {DType::F32, DType::F16, DType::BF16, DType::F64,
                             DType::I64, DType::I32, DType::I8,   DType::I1};
constexpr Precision kPrecisions[] = {Precision::F32, Precision::TF32,
                                     Precision::BF16, Precision::F16};
} // namespace

// The names and sizes are HostTensor's (runtime/tensor): the two enums list
// the same types in the same order.
#define TESSERA_SAME_DTYPE(name)                                               \
  static_assert(static_cast<int>(DType::name) ==                               \
                static_cast<int>(::tessera::DType::name))
TESSERA_SAME_DTYPE(F32);
TESSERA_SAME_DTYPE(F16);
TESSERA_SAME_DTYPE(BF16);
TESSERA_SAME_DTYPE(F64);
TESSERA_SAME_DTYPE(I64);
TESSERA_SAME_DTYPE(I32);
TESSERA_SAME_DTYPE(I8);
TESSERA_SAME_DTYPE(I1);
#undef TESSERA_SAME_DTYPE

const char *dtypeName(DType type) {
  return ::tessera::dtypeName(static_cast<::tessera::DType>(type));
}

std::optional<DType> parseDType(std::string_view name) {
  if (std::optional<::tessera::DType> type = ::tessera::parseDType(name))
    return static_cast<DType>(*type);
  return std::nullopt;
}

size_t dtypeSize(DType type) {
  return ::tessera::dtypeSize(static_cast<::tessera::DType>(type));
}

uint64_t TensorDesc::numElements() const {
  uint64_t count = 1;
  for (int64_t dim : shape)
    count *= static_cast<uint64_t>(dim);
  return count;
}

const char *precisionName(Precision precision) {
  switch (precision) {
  case Precision::F32:
    return "f32";
  case Precision::TF32:
    return "tf32";
  case Precision::BF16:
    return "bf16";
  case Precision::F16:
    return "f16";
  }
  return "?";
}

std::optional<Precision> parsePrecision(std::string_view name) {
  for (Precision precision : kPrecisions)
    if (name == precisionName(precision))
      return precision;
  return std::nullopt;
}

const char *gemmComputeName(GemmCompute compute) {
  switch (compute) {
  case GemmCompute::F32:
    return "f32";
  case GemmCompute::TF32:
    return "tf32";
  case GemmCompute::BF16:
    return "bf16";
  case GemmCompute::F16:
    return "f16";
  }
  return "?";
}

const char *gemmEpilogueName(GemmEpilogue epilogue) {
  switch (epilogue) {
  case GemmEpilogue::None:
    return "none";
  case GemmEpilogue::Bias:
    return "bias";
  case GemmEpilogue::Relu:
    return "relu";
  case GemmEpilogue::BiasRelu:
    return "bias+relu";
  case GemmEpilogue::Gelu:
    return "gelu";
  case GemmEpilogue::BiasGelu:
    return "bias+gelu";
  }
  return "?";
}

namespace {

//===----------------------------------------------------------------------===//
// Byte encoding
//===----------------------------------------------------------------------===//

/// Version of the meta/plan encoding, the first u32 of "meta". Version 2 added
/// Gemm steps; version 1 (no Gemm steps, otherwise the same) is still read.
constexpr uint32_t kMetaVersion = 2;
constexpr uint32_t kOldestMetaVersion = 1;
/// TargetCode flags in "meta".
constexpr uint8_t kHasCubins = 1, kHasPtxs = 2;
/// Weights start on a page so that an mmap of the file serves them in place.
constexpr size_t kWeightsAlignment = 4096;

// Smallest encodings, to bound counts by the bytes left.
constexpr uint64_t kMinString = 4;
constexpr uint64_t kMinTensor = kMinString + 1 + 4;
constexpr uint64_t kMinKernel = 3 * kMinString + 4 + 4;
constexpr uint64_t kMinTarget = kMinString + 1;
constexpr uint64_t kMinStep = 1 + 4 + 12 + 12 + 4 + 4;
constexpr uint64_t kMinArg = 1 + 8 + 8;
/// Gemm step flags.
constexpr uint8_t kGemmTransA = 1, kGemmTransB = 2;

class ByteWriter {
public:
  void u8(uint8_t v) { bytes.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) { le(v, 4); }
  void u64(uint64_t v) { le(v, 8); }
  void i64(int64_t v) { le(static_cast<uint64_t>(v), 8); }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    bytes.append(s);
  }
  std::string bytes;

private:
  void le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
      bytes.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
};

/// Reads a section; the first failure sets |error| and every later read
/// fails too.
class ByteReader {
public:
  ByteReader(std::string_view section, std::string_view bytes,
             std::string &error)
      : section(section), data(bytes), error(error) {}

  bool ok() const { return !failed; }
  uint64_t offset() const { return pos; }
  uint64_t left() const { return data.size() - pos; }

  bool u8(uint8_t &v, const char *what) {
    uint64_t x;
    if (!le(x, 1, what))
      return false;
    v = static_cast<uint8_t>(x);
    return true;
  }
  bool u32(uint32_t &v, const char *what) {
    uint64_t x;
    if (!le(x, 4, what))
      return false;
    v = static_cast<uint32_t>(x);
    return true;
  }
  bool u64(uint64_t &v, const char *what) { return le(v, 8, what); }
  bool i64(int64_t &v, const char *what) {
    uint64_t x;
    if (!le(x, 8, what))
      return false;
    v = static_cast<int64_t>(x);
    return true;
  }
  bool str(std::string &s, const char *what) {
    uint32_t size;
    uint64_t at = pos;
    if (!u32(size, what))
      return false;
    if (size > left())
      return fail(at, std::string(what) + ": string of " +
                          std::to_string(size) + " bytes, only " +
                          std::to_string(left()) + " left");
    s.assign(data.data() + pos, size);
    pos += size;
    return true;
  }
  /// A list count, refused when |count| elements of at least |minBytes| each
  /// cannot fit in the bytes left.
  bool count(uint32_t &n, uint64_t minBytes, const char *what) {
    uint64_t at = pos;
    if (!u32(n, what))
      return false;
    if (n * minBytes > left())
      return fail(at, std::string(what) + " count " + std::to_string(n) +
                          " needs at least " + std::to_string(n * minBytes) +
                          " bytes, only " + std::to_string(left()) + " left");
    return true;
  }
  /// Fails unless every byte was read.
  bool finish() {
    if (failed)
      return false;
    if (left() != 0)
      return fail(pos, std::to_string(left()) + " trailing bytes");
    return true;
  }
  bool fail(uint64_t at, const std::string &message) {
    if (!failed)
      error = section + ": offset " + std::to_string(at) + ": " + message;
    failed = true;
    return false;
  }

private:
  bool le(uint64_t &v, int n, const char *what) {
    if (failed)
      return false;
    if (left() < static_cast<uint64_t>(n))
      return fail(pos, std::string("truncated reading ") + what + " (" +
                           std::to_string(n) + " bytes, " +
                           std::to_string(left()) + " left)");
    v = 0;
    for (int i = n - 1; i >= 0; --i)
      v = (v << 8) | static_cast<uint8_t>(data[pos + i]);
    pos += n;
    return true;
  }

  std::string section;
  std::string_view data;
  std::string &error;
  uint64_t pos = 0;
  bool failed = false;
};

//===----------------------------------------------------------------------===//
// Validation (shared by encode and decode)
//===----------------------------------------------------------------------===//

/// "'name'" for messages.
std::string quoted(std::string_view name) {
  return "'" + std::string(name) + "'";
}

bool validTargetName(std::string_view target) {
  if (target.empty())
    return false;
  for (char c : target)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

bool validateTensor(const TensorDesc &tensor, const char *what, size_t index,
                    std::string &error) {
  std::string prefix = std::string("meta: ") + what + " " +
                       std::to_string(index) + " " + quoted(tensor.name) + ": ";
  uint64_t bytes = dtypeSize(tensor.dtype);
  for (int64_t dim : tensor.shape) {
    if (dim < 0) {
      error = prefix + "negative dimension " + std::to_string(dim);
      return false;
    }
    if (dim != 0 && bytes > std::numeric_limits<uint64_t>::max() /
                                static_cast<uint64_t>(dim)) {
      error = prefix + "shape too large";
      return false;
    }
    bytes *= static_cast<uint64_t>(dim);
  }
  return true;
}

bool validateMeta(const Model &model, std::string &error) {
  for (size_t i = 0; i < model.inputs.size(); ++i)
    if (!validateTensor(model.inputs[i], "input", i, error))
      return false;
  for (size_t i = 0; i < model.outputs.size(); ++i)
    if (!validateTensor(model.outputs[i], "output", i, error))
      return false;
  for (size_t k = 0; k < model.kernels.size(); ++k) {
    const KernelInfo &kernel = model.kernels[k];
    std::string prefix =
        "meta: kernel " + std::to_string(k) + " " + quoted(kernel.name) + ": ";
    if (kernel.name.empty() || kernel.entry.empty()) {
      error = prefix + "empty name or entry";
      return false;
    }
    if (kernel.image >= model.images.size()) {
      error = prefix + "image " + std::to_string(kernel.image) +
              " out of range (" + std::to_string(model.images.size()) +
              " images)";
      return false;
    }
  }
  std::set<std::string> seen;
  for (const TargetCode &target : model.targets) {
    if (!validTargetName(target.target) ||
        target.target.size() + 5 /* "plan." */ > 39) {
      error = "meta: bad target name " + quoted(target.target) +
              " (1 to 34 characters of [A-Za-z0-9_-])";
      return false;
    }
    if (!seen.insert(target.target).second) {
      error = "meta: duplicate target " + quoted(target.target);
      return false;
    }
    for (const auto *list : {&target.cubins, &target.ptxs})
      if (!list->empty() && list->size() != model.images.size()) {
        error = "meta: target " + quoted(target.target) + ": " +
                std::to_string(list->size()) + " " +
                (list == &target.cubins ? "cubins" : "PTX images") + " for " +
                std::to_string(model.images.size()) + " images";
        return false;
      }
  }
  return true;
}

/// Checks that [value, value + bytes) lies within |limit| bytes.
bool inRange(uint64_t value, uint64_t bytes, uint64_t limit) {
  return value <= limit && bytes <= limit - value;
}

bool validateArg(const Model &model, const BufferRef &arg,
                 uint64_t weightsBytes, const std::string &prefix,
                 std::string &error) {
  auto fail = [&](const std::string &message) {
    error = prefix + message;
    return false;
  };
  switch (arg.kind) {
  case BufferKind::Arena:
    if (!inRange(arg.value, arg.bytes, model.arenaBytes))
      return fail("arena offset " + std::to_string(arg.value) + " + " +
                  std::to_string(arg.bytes) + " bytes exceeds the arena (" +
                  std::to_string(model.arenaBytes) + " bytes)");
    return true;
  case BufferKind::Weight:
    if (!inRange(arg.value, arg.bytes, weightsBytes))
      return fail("weight offset " + std::to_string(arg.value) + " + " +
                  std::to_string(arg.bytes) + " bytes exceeds the weights (" +
                  std::to_string(weightsBytes) + " bytes)");
    return true;
  case BufferKind::Input:
  case BufferKind::Output: {
    bool input = arg.kind == BufferKind::Input;
    const std::vector<TensorDesc> &list = input ? model.inputs : model.outputs;
    const char *what = input ? "input" : "output";
    if (arg.value >= list.size())
      return fail(std::string(what) + " " + std::to_string(arg.value) +
                  " out of range (" + std::to_string(list.size()) + " " + what +
                  "s)");
    const TensorDesc &tensor = list[arg.value];
    if (arg.bytes > tensor.numBytes())
      return fail(std::string(what) + " " + std::to_string(arg.value) + " " +
                  quoted(tensor.name) + ": " + std::to_string(arg.bytes) +
                  " bytes exceed its " + std::to_string(tensor.numBytes()) +
                  " bytes");
    return true;
  }
  }
  return fail("bad buffer kind " +
              std::to_string(static_cast<unsigned>(arg.kind)));
}

/// a * b + c, or nullopt on overflow.
std::optional<uint64_t> mulAdd(uint64_t a, uint64_t b, uint64_t c) {
  if (b != 0 && a > (std::numeric_limits<uint64_t>::max() - c) / b)
    return std::nullopt;
  return a * b + c;
}

/// The elements a batched matrix of |rows| x |cols| with pitch |ld| and
/// batch stride |stride| spans: (batch-1)*stride + (rows-1)*ld + cols.
std::optional<uint64_t> matrixExtent(uint64_t batch, uint64_t stride,
                                     uint64_t rows, uint64_t ld,
                                     uint64_t cols) {
  std::optional<uint64_t> last = mulAdd(rows - 1, ld, cols);
  if (!last)
    return std::nullopt;
  return mulAdd(batch - 1, stride, *last);
}

/// The Gemm-specific checks of |step| (arguments count, shape, pitches and
/// each operand's extent against its argument's bytes).
bool validateGemm(const Step &step, const std::string &prefix,
                  std::string &error) {
  const GemmParams &g = step.gemm;
  auto fail = [&](const std::string &message) {
    error = prefix + "gemm: " + message;
    return false;
  };
  if (!std::isfinite(g.alpha))
    return fail("alpha " + std::to_string(g.alpha) + " is not finite");
  if (static_cast<uint8_t>(g.compute) > static_cast<uint8_t>(GemmCompute::F16))
    return fail("bad compute mode " +
                std::to_string(static_cast<unsigned>(g.compute)));
  if (static_cast<uint8_t>(g.epilogue) >
      static_cast<uint8_t>(GemmEpilogue::BiasGelu))
    return fail("bad epilogue " +
                std::to_string(static_cast<unsigned>(g.epilogue)));
  bool bias = gemmHasBias(g.epilogue);
  size_t expected = bias ? 4 : 3;
  if (step.args.size() != expected)
    return fail(std::string("epilogue ") + gemmEpilogueName(g.epilogue) +
                " needs " + std::to_string(expected) + " arguments (A, B, " +
                (bias ? "bias, " : "") + "D), got " +
                std::to_string(step.args.size()));
  if (g.m == 0 || g.n == 0 || g.k == 0 || g.batch == 0)
    return fail("empty shape m=" + std::to_string(g.m) +
                " n=" + std::to_string(g.n) + " k=" + std::to_string(g.k) +
                " batch=" + std::to_string(g.batch));
  // Rows and columns of each operand as stored.
  uint64_t rowsA = g.transA ? g.k : g.m, colsA = g.transA ? g.m : g.k;
  uint64_t rowsB = g.transB ? g.n : g.k, colsB = g.transB ? g.k : g.n;
  struct Operand {
    const char *name;
    uint64_t rows, cols, ld, stride;
    const char *ldName;
    size_t arg;
  };
  const Operand operands[] = {
      {"A", rowsA, colsA, g.lda, g.strideA, "lda", 0},
      {"B", rowsB, colsB, g.ldb, g.strideB, "ldb", 1},
      {"D", g.m, g.n, g.ldd, g.strideD, "ldd", bias ? 3u : 2u}};
  for (const Operand &op : operands) {
    if (op.ld < op.cols)
      return fail(std::string(op.ldName) + " " + std::to_string(op.ld) +
                  " is less than " + op.name + "'s " + std::to_string(op.cols) +
                  " columns");
    std::optional<uint64_t> elements =
        matrixExtent(g.batch, op.stride, op.rows, op.ld, op.cols);
    std::optional<uint64_t> bytes =
        elements ? mulAdd(*elements, 4, 0) : std::nullopt;
    const BufferRef &arg = step.args[op.arg];
    if (!bytes || *bytes > arg.bytes)
      return fail(
          std::string("argument ") + std::to_string(op.arg) + " (" + op.name +
          "): " + (bytes ? std::to_string(*bytes) : std::string("too many")) +
          " bytes needed, the argument has " + std::to_string(arg.bytes));
  }
  // Batches of D must not overlap (each element is written once): either
  // one block after another, or side by side within each row.
  bool blocks = g.strideD >= (g.m - 1) * g.ldd + g.n;
  std::optional<uint64_t> rowSpan = mulAdd(g.batch - 1, g.strideD, g.n);
  bool sideBySide = g.strideD >= g.n && rowSpan && g.ldd >= *rowSpan;
  if (g.batch > 1 && !blocks && !sideBySide)
    return fail("strideD " + std::to_string(g.strideD) +
                " makes the batches of D overlap");
  if (bias && step.args[2].bytes < g.n * 4)
    return fail("argument 2 (bias): " + std::to_string(g.n * 4) +
                " bytes needed, the argument has " +
                std::to_string(step.args[2].bytes));
  const BufferRef &d = step.args.back();
  if (d.kind == BufferKind::Weight || d.kind == BufferKind::Input)
    return fail("D may not be the weights or an input");
  return true;
}

bool validatePlan(const Model &model, const TargetCode &target,
                  uint64_t weightsBytes, std::string &error) {
  const std::string section = "plan." + target.target;
  for (size_t s = 0; s < target.plan.size(); ++s) {
    const Step &step = target.plan[s];
    std::string prefix = section + ": step " + std::to_string(s) + ": ";
    if (step.kind == Step::Kind::Launch) {
      if (step.kernel >= model.kernels.size()) {
        error = prefix + "kernel " + std::to_string(step.kernel) +
                " out of range (" + std::to_string(model.kernels.size()) +
                " kernels)";
        return false;
      }
      for (const auto *dims : {&step.grid, &step.block})
        if ((*dims)[0] == 0 || (*dims)[1] == 0 || (*dims)[2] == 0) {
          error = prefix + (dims == &step.grid ? "grid " : "block ") +
                  std::to_string((*dims)[0]) + "x" +
                  std::to_string((*dims)[1]) + "x" +
                  std::to_string((*dims)[2]) + " has a zero dimension";
          return false;
        }
    } else if (step.kind == Step::Kind::Gemm) {
      if (step.kernel >= model.kernels.size()) {
        error = prefix + "kernel " + std::to_string(step.kernel) +
                " out of range (" + std::to_string(model.kernels.size()) +
                " kernels)";
        return false;
      }
      // Arguments first, so that a message about an extent can trust them.
      for (size_t a = 0; a < step.args.size(); ++a)
        if (!validateArg(model, step.args[a], weightsBytes,
                         prefix + "argument " + std::to_string(a) + ": ",
                         error))
          return false;
      if (!validateGemm(step, prefix, error))
        return false;
    } else if (step.kind == Step::Kind::Copy) {
      if (step.args.size() != 2) {
        error = prefix + "a copy needs 2 arguments, got " +
                std::to_string(step.args.size());
        return false;
      }
      if (step.args[1].bytes < step.args[0].bytes) {
        error = prefix + "copy of " + std::to_string(step.args[0].bytes) +
                " bytes into a " + std::to_string(step.args[1].bytes) +
                "-byte destination";
        return false;
      }
      if (step.args[1].kind == BufferKind::Weight ||
          step.args[1].kind == BufferKind::Input) {
        error = prefix + "a copy may not write into the weights or an input";
        return false;
      }
    } else {
      error = prefix + "bad step kind " +
              std::to_string(static_cast<unsigned>(step.kind));
      return false;
    }
    for (size_t a = 0; a < step.args.size(); ++a)
      if (!validateArg(model, step.args[a], weightsBytes,
                       prefix + "argument " + std::to_string(a) + ": ", error))
        return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Encoding
//===----------------------------------------------------------------------===//

void writeTensor(ByteWriter &w, const TensorDesc &tensor) {
  w.str(tensor.name);
  w.u8(static_cast<uint8_t>(tensor.dtype));
  w.u32(static_cast<uint32_t>(tensor.shape.size()));
  for (int64_t dim : tensor.shape)
    w.i64(dim);
}

std::string encodeMeta(const Model &model) {
  ByteWriter w;
  w.u32(kMetaVersion);
  w.u8(static_cast<uint8_t>(model.precision));
  w.u32(static_cast<uint32_t>(model.inputs.size()));
  for (const TensorDesc &tensor : model.inputs)
    writeTensor(w, tensor);
  w.u32(static_cast<uint32_t>(model.outputs.size()));
  for (const TensorDesc &tensor : model.outputs)
    writeTensor(w, tensor);
  w.u64(model.arenaBytes);
  w.u32(static_cast<uint32_t>(model.images.size()));
  w.u32(static_cast<uint32_t>(model.kernels.size()));
  for (const KernelInfo &kernel : model.kernels) {
    w.str(kernel.name);
    w.str(kernel.kind);
    w.u32(static_cast<uint32_t>(kernel.nodes.size()));
    for (const std::string &node : kernel.nodes)
      w.str(node);
    w.u32(kernel.image);
    w.str(kernel.entry);
  }
  w.u32(static_cast<uint32_t>(model.targets.size()));
  for (const TargetCode &target : model.targets) {
    w.str(target.target);
    w.u8((target.cubins.empty() ? 0 : kHasCubins) |
         (target.ptxs.empty() ? 0 : kHasPtxs));
  }
  return w.bytes;
}

std::string encodePlan(const std::vector<Step> &plan) {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(plan.size()));
  for (const Step &step : plan) {
    w.u8(static_cast<uint8_t>(step.kind));
    w.u32(step.kernel);
    for (uint32_t v : step.grid)
      w.u32(v);
    for (uint32_t v : step.block)
      w.u32(v);
    w.u32(step.sharedBytes);
    w.u32(static_cast<uint32_t>(step.args.size()));
    for (const BufferRef &arg : step.args) {
      w.u8(static_cast<uint8_t>(arg.kind));
      w.u64(arg.value);
      w.u64(arg.bytes);
    }
    if (step.kind == Step::Kind::Gemm) {
      const GemmParams &g = step.gemm;
      for (uint64_t v : {g.m, g.n, g.k, g.batch})
        w.u64(v);
      w.u8((g.transA ? kGemmTransA : 0) | (g.transB ? kGemmTransB : 0));
      for (uint64_t v : {g.lda, g.ldb, g.ldd, g.strideA, g.strideB, g.strideD})
        w.u64(v);
      w.u8(static_cast<uint8_t>(g.compute));
      w.u8(static_cast<uint8_t>(g.epilogue));
      uint32_t alphaBits;
      std::memcpy(&alphaBits, &g.alpha, 4);
      w.u32(alphaBits);
    }
  }
  return w.bytes;
}

//===----------------------------------------------------------------------===//
// Decoding
//===----------------------------------------------------------------------===//

bool readTensor(ByteReader &r, TensorDesc &tensor, const char *what) {
  uint8_t dtype;
  uint32_t rank;
  uint64_t at;
  if (!r.str(tensor.name, what))
    return false;
  at = r.offset();
  if (!r.u8(dtype, what))
    return false;
  if (dtype >= std::size(kDTypes))
    return r.fail(at, std::string(what) + " " + quoted(tensor.name) +
                          ": bad dtype " + std::to_string(dtype));
  tensor.dtype = static_cast<DType>(dtype);
  if (!r.count(rank, 8, "rank"))
    return false;
  tensor.shape.resize(rank);
  for (int64_t &dim : tensor.shape)
    if (!r.i64(dim, "dimension"))
      return false;
  return true;
}

bool decodeMeta(std::string_view bytes, Model &model,
                std::vector<uint8_t> &targetFlags, uint32_t &metaVersion,
                std::string &error) {
  ByteReader r("meta", bytes, error);
  uint32_t version, n;
  uint8_t precision;
  if (!r.u32(version, "the meta version"))
    return false;
  if (version < kOldestMetaVersion || version > kMetaVersion)
    return r.fail(0, "unknown meta version " + std::to_string(version) +
                         " (this runtime reads " +
                         std::to_string(kOldestMetaVersion) + " to " +
                         std::to_string(kMetaVersion) + ")");
  metaVersion = version;
  if (!r.u8(precision, "the precision"))
    return false;
  if (precision >= std::size(kPrecisions))
    return r.fail(4, "bad precision " + std::to_string(precision));
  model.precision = static_cast<Precision>(precision);
  for (auto [list, what] : {std::pair{&model.inputs, "input"},
                            std::pair{&model.outputs, "output"}}) {
    if (!r.count(n, kMinTensor, what))
      return false;
    list->resize(n);
    for (TensorDesc &tensor : *list)
      if (!readTensor(r, tensor, what))
        return false;
  }
  if (!r.u64(model.arenaBytes, "the arena size"))
    return false;
  if (!r.u32(n, "the image count"))
    return false;
  // Each image has a "source.<i>" section (checked by the caller), so the
  // count is bounded by the container's section limit.
  if (n > 4096)
    return r.fail(r.offset() - 4,
                  "image count " + std::to_string(n) + " exceeds 4096");
  model.images.resize(n);
  if (!r.count(n, kMinKernel, "kernel"))
    return false;
  model.kernels.resize(n);
  for (KernelInfo &kernel : model.kernels) {
    uint32_t nodes;
    if (!r.str(kernel.name, "kernel name") ||
        !r.str(kernel.kind, "kernel kind") ||
        !r.count(nodes, kMinString, "node"))
      return false;
    kernel.nodes.resize(nodes);
    for (std::string &node : kernel.nodes)
      if (!r.str(node, "node name"))
        return false;
    if (!r.u32(kernel.image, "kernel image") ||
        !r.str(kernel.entry, "kernel entry"))
      return false;
  }
  if (!r.count(n, kMinTarget, "target"))
    return false;
  model.targets.resize(n);
  targetFlags.resize(n);
  for (size_t t = 0; t < n; ++t) {
    if (!r.str(model.targets[t].target, "target name"))
      return false;
    uint64_t at = r.offset();
    if (!r.u8(targetFlags[t], "target flags"))
      return false;
    if (targetFlags[t] & ~(kHasCubins | kHasPtxs))
      return r.fail(at, "target " + quoted(model.targets[t].target) +
                            ": bad flags " + std::to_string(targetFlags[t]));
  }
  return r.finish();
}

bool decodePlan(std::string_view section, std::string_view bytes,
                uint32_t metaVersion, std::vector<Step> &plan,
                std::string &error) {
  ByteReader r(section, bytes, error);
  uint32_t n;
  if (!r.count(n, kMinStep, "step"))
    return false;
  plan.resize(n);
  for (size_t s = 0; s < n; ++s) {
    Step &step = plan[s];
    uint8_t kind;
    uint64_t at = r.offset();
    if (!r.u8(kind, "step kind"))
      return false;
    uint8_t lastKind = static_cast<uint8_t>(
        metaVersion >= 2 ? Step::Kind::Gemm : Step::Kind::Copy);
    if (kind > lastKind)
      return r.fail(at, "step " + std::to_string(s) + ": bad step kind " +
                            std::to_string(kind));
    step.kind = static_cast<Step::Kind>(kind);
    if (!r.u32(step.kernel, "kernel index"))
      return false;
    for (uint32_t &v : step.grid)
      if (!r.u32(v, "grid"))
        return false;
    for (uint32_t &v : step.block)
      if (!r.u32(v, "block"))
        return false;
    uint32_t args;
    if (!r.u32(step.sharedBytes, "shared bytes") ||
        !r.count(args, kMinArg, "argument"))
      return false;
    step.args.resize(args);
    for (size_t a = 0; a < args; ++a) {
      BufferRef &arg = step.args[a];
      at = r.offset();
      if (!r.u8(kind, "buffer kind"))
        return false;
      if (kind > static_cast<uint8_t>(BufferKind::Output))
        return r.fail(at, "step " + std::to_string(s) + ": argument " +
                              std::to_string(a) + ": bad buffer kind " +
                              std::to_string(kind));
      arg.kind = static_cast<BufferKind>(kind);
      if (!r.u64(arg.value, "buffer offset") || !r.u64(arg.bytes, "byte count"))
        return false;
    }
    if (step.kind == Step::Kind::Gemm) {
      GemmParams &g = step.gemm;
      uint8_t flags, compute, epilogue;
      if (!r.u64(g.m, "gemm m") || !r.u64(g.n, "gemm n") ||
          !r.u64(g.k, "gemm k") || !r.u64(g.batch, "gemm batch"))
        return false;
      at = r.offset();
      if (!r.u8(flags, "gemm flags"))
        return false;
      if (flags & ~(kGemmTransA | kGemmTransB))
        return r.fail(at, "step " + std::to_string(s) + ": bad gemm flags " +
                              std::to_string(flags));
      g.transA = flags & kGemmTransA;
      g.transB = flags & kGemmTransB;
      if (!r.u64(g.lda, "gemm lda") || !r.u64(g.ldb, "gemm ldb") ||
          !r.u64(g.ldd, "gemm ldd") || !r.u64(g.strideA, "gemm strideA") ||
          !r.u64(g.strideB, "gemm strideB") ||
          !r.u64(g.strideD, "gemm strideD"))
        return false;
      at = r.offset();
      if (!r.u8(compute, "gemm compute mode"))
        return false;
      if (compute > static_cast<uint8_t>(GemmCompute::F16))
        return r.fail(at, "step " + std::to_string(s) +
                              ": bad gemm compute mode " +
                              std::to_string(compute));
      at = r.offset();
      if (!r.u8(epilogue, "gemm epilogue"))
        return false;
      if (epilogue > static_cast<uint8_t>(GemmEpilogue::BiasGelu))
        return r.fail(at, "step " + std::to_string(s) + ": bad gemm epilogue " +
                              std::to_string(epilogue));
      g.compute = static_cast<GemmCompute>(compute);
      g.epilogue = static_cast<GemmEpilogue>(epilogue);
      uint32_t alphaBits;
      if (!r.u32(alphaBits, "gemm alpha"))
        return false;
      std::memcpy(&g.alpha, &alphaBits, 4);
    }
  }
  return r.finish();
}

} // namespace

bool encodeBundle(const Model &model, BundleWriter &writer,
                  std::string &error) {
  if (!validateMeta(model, error))
    return false;
  for (const TargetCode &target : model.targets)
    if (!validatePlan(model, target, model.weights.size(), error))
      return false;
  if (!writer.addSection("meta", encodeMeta(model), error))
    return false;
  for (size_t i = 0; i < model.images.size(); ++i)
    if (!writer.addSection("source." + std::to_string(i),
                           model.images[i].source, error))
      return false;
  for (const TargetCode &target : model.targets) {
    if (!writer.addSection("plan." + target.target, encodePlan(target.plan),
                           error))
      return false;
    for (size_t i = 0; i < target.cubins.size(); ++i)
      if (!writer.addSection("cubin." + target.target + "." + std::to_string(i),
                             target.cubins[i], error))
        return false;
    for (size_t i = 0; i < target.ptxs.size(); ++i)
      if (!writer.addSection("ptx." + target.target + "." + std::to_string(i),
                             target.ptxs[i], error))
        return false;
  }
  return writer.addSection("weights", model.weights, kWeightsAlignment, error);
}

std::optional<Model> decodeBundle(const Bundle &bundle, std::string &error) {
  return decodeBundle(bundle, DecodeOptions(), error);
}

std::optional<Model> decodeBundle(const Bundle &bundle,
                                  const DecodeOptions &options,
                                  std::string &error) {
  auto section = [&](const std::string &name) -> const Section * {
    const Section *found = bundle.find(name);
    if (!found)
      error = "missing section '" + name + "'";
    return found;
  };
  Model model;
  std::vector<uint8_t> flags;
  uint32_t metaVersion = 0;
  const Section *meta = section("meta");
  if (!meta || !decodeMeta(meta->bytes, model, flags, metaVersion, error) ||
      !validateMeta(model, error))
    return std::nullopt;
  for (size_t i = 0; i < model.images.size(); ++i) {
    const Section *source = section("source." + std::to_string(i));
    if (!source)
      return std::nullopt;
    model.images[i].source = std::string(source->bytes);
  }
  const Section *weights = section("weights");
  if (!weights)
    return std::nullopt;
  if (options.copyWeights)
    model.weights = std::string(weights->bytes);
  for (size_t t = 0; t < model.targets.size(); ++t) {
    TargetCode &target = model.targets[t];
    const std::string name = "plan." + target.target;
    const Section *plan = section(name);
    if (!plan ||
        !decodePlan(name, plan->bytes, metaVersion, target.plan, error) ||
        !validatePlan(model, target, weights->bytes.size(), error))
      return std::nullopt;
    for (auto [list, bit, prefix] :
         {std::tuple{&target.cubins, kHasCubins, "cubin."},
          std::tuple{&target.ptxs, kHasPtxs, "ptx."}}) {
      if (!(flags[t] & bit))
        continue;
      for (size_t i = 0; i < model.images.size(); ++i) {
        const Section *image =
            section(prefix + target.target + "." + std::to_string(i));
        if (!image)
          return std::nullopt;
        list->emplace_back(image->bytes);
      }
    }
  }
  return model;
}

} // namespace tessera::bundle
