//===- Emitter.cpp - The CUDA C++ emitter framework -----------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "codegen/Emitter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;

static Type elementTypeOf(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return shaped.getElementType();
  return type;
}

std::string codegen::storageType(Type type) {
  Type t = elementTypeOf(type);
  if (t.isF32())
    return "float";
  if (t.isF64())
    return "double";
  if (t.isF16())
    return "ts_half";
  if (t.isBF16())
    return "ts_bf16";
  if (t.isInteger(1))
    return "uint8_t";
  if (t.isInteger(8))
    return "int8_t";
  if (t.isInteger(32))
    return "int32_t";
  if (t.isInteger(64))
    return "int64_t";
  return "void";
}

std::string codegen::computeType(Type type) {
  Type t = elementTypeOf(type);
  if (t.isF16() || t.isBF16())
    return "float";
  if (t.isInteger(1))
    return "bool";
  return storageType(t);
}

static std::string printed(const char *format, double value) {
  char buffer[64];
  snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string codegen::literal(Type type, double value) {
  Type t = elementTypeOf(type);
  if (isa<FloatType>(t)) {
    bool isDouble = t.isF64();
    if (std::isnan(value))
      return isDouble ? "(0.0 / 0.0)" : "ts_uint_as_float(0x7fc00000u)";
    if (std::isinf(value)) {
      if (isDouble)
        return value > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)";
      return value > 0 ? "ts_uint_as_float(0x7f800000u)"
                       : "ts_uint_as_float(0xff800000u)";
    }
    if (isDouble)
      return printed("%.17g", value) +
             (value == std::floor(value) && std::fabs(value) < 1e15 ? ".0"
                                                                    : "");
    float f = static_cast<float>(value);
    std::string s = printed("%.9g", f);
    if (s.find_first_of(".e") == std::string::npos)
      s += ".0";
    return s + "f";
  }
  return intLiteral(type, static_cast<int64_t>(value));
}

std::string codegen::intLiteral(Type type, int64_t value) {
  Type t = elementTypeOf(type);
  if (t.isInteger(1))
    return value ? "true" : "false";
  if (isa<FloatType>(t))
    return literal(type, static_cast<double>(value));
  if (t.isInteger(64)) {
    if (value == INT64_MIN)
      return "(-9223372036854775807LL - 1)";
    return "(int64_t)" + std::to_string(value) + "LL";
  }
  if (t.isInteger(32) && value == INT32_MIN)
    return "(-2147483647 - 1)";
  return value < 0 ? "(" + std::to_string(value) + ")" : std::to_string(value);
}

std::string codegen::paren(StringRef expr) {
  bool simple = !expr.empty() && expr.front() != '-';
  for (size_t i = 0; simple && i < expr.size(); ++i) {
    char c = expr[i];
    bool exponentSign = (c == '-' || c == '+') && i > 0 &&
                        (expr[i - 1] == 'e' || expr[i - 1] == 'E') &&
                        llvm::isDigit(expr.front());
    simple = llvm::isAlnum(c) || c == '_' || c == '.' || c == '[' || c == ']' ||
             exponentSign;
  }
  if (simple || (expr.starts_with("ts_uint_as_float(") && expr.ends_with(")") &&
                 expr.count('(') == 1))
    return expr.str();
  return ("(" + expr + ")").str();
}

/// `a * s + b * t + c` without unit factors and zero terms.
std::string codegen::affine(std::vector<std::pair<std::string, int64_t>> terms,
                            int64_t constant) {
  std::string out;
  for (auto &[var, factor] : terms) {
    if (factor == 0 || var == "0")
      continue;
    int64_t magnitude = std::abs(factor);
    std::string term =
        magnitude == 1 ? var : var + " * " + std::to_string(magnitude);
    if (out.empty())
      out = factor < 0 ? "-" + term : term;
    else
      out += (factor < 0 ? " - " : " + ") + term;
  }
  if (constant != 0 || out.empty())
    out = out.empty() ? std::to_string(constant)
                      : out + (constant < 0 ? " - " : " + ") +
                            std::to_string(std::abs(constant));
  return out;
}

std::string codegen::sanitizeIdentifier(StringRef name) {
  std::string out;
  for (char c : name)
    out += llvm::isAlnum(c) || c == '_' ? c : '_';
  // Collapse runs of '_' and trim them at the ends.
  std::string collapsed;
  for (char c : out)
    if (!(c == '_' && !collapsed.empty() && collapsed.back() == '_'))
      collapsed += c;
  while (!collapsed.empty() && collapsed.front() == '_')
    collapsed.erase(collapsed.begin());
  while (!collapsed.empty() && collapsed.back() == '_')
    collapsed.pop_back();
  if (collapsed.empty())
    collapsed = "kernel";
  // Not a keyword, a prelude or reserved name, nor starting with a digit.
  static const char *const reserved[] = {
      "alignas",   "alignof",  "asm",      "auto",      "bool",     "break",
      "case",      "catch",    "char",     "class",     "const",    "constexpr",
      "continue",  "default",  "delete",   "do",        "double",   "else",
      "enum",      "explicit", "export",   "extern",    "false",    "float",
      "for",       "friend",   "goto",     "if",        "inline",   "int",
      "long",      "main",     "mutable",  "namespace", "new",      "noexcept",
      "nullptr",   "operator", "private",  "protected", "public",   "register",
      "return",    "short",    "signed",   "sizeof",    "static",   "struct",
      "switch",    "template", "this",     "throw",     "true",     "try",
      "typedef",   "typeid",   "typename", "union",     "unsigned", "using",
      "virtual",   "void",     "volatile", "while",     "blockIdx", "blockDim",
      "threadIdx", "gridDim",  "warpSize"};
  bool clash = llvm::isDigit(collapsed.front()) ||
               llvm::is_contained(reserved, StringRef(collapsed)) ||
               StringRef(collapsed).starts_with_insensitive("ts_") ||
               StringRef(collapsed).starts_with("__");
  if (clash)
    collapsed = "k_" + collapsed;
  // Bounded length (file names): a prefix and a hash of the whole name.
  constexpr size_t kMaxLength = 80;
  if (collapsed.size() > kMaxLength) {
    uint64_t hash = 1469598103934665603ull; // FNV-1a
    for (char c : name) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
    char suffix[20];
    snprintf(suffix, sizeof suffix, "_%08x", static_cast<unsigned>(hash));
    collapsed = collapsed.substr(0, kMaxLength - 9) + suffix;
  }
  return collapsed;
}

static void
collectNodes(Location loc,
             std::vector<std::pair<std::string, std::string>> &out) {
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location inner : fused.getLocations())
      collectNodes(inner, out);
    return;
  }
  if (auto name = dyn_cast<NameLoc>(loc)) {
    std::string type;
    if (auto opType = dyn_cast<NameLoc>(name.getChildLoc()))
      type = opType.getName().str();
    std::pair<std::string, std::string> node{name.getName().str(), type};
    if (llvm::find(out, node) == out.end())
      out.push_back(node);
  }
}

std::vector<std::pair<std::string, std::string>>
codegen::nodesOf(Location loc) {
  std::vector<std::pair<std::string, std::string>> out;
  collectNodes(loc, out);
  return out;
}

KernelEmitter::KernelEmitter(KernelOp kernel, std::string name,
                             const CodegenOptions &options)
    : kernel(kernel), name(std::move(name)), options(options) {
  body.indentIn();
  pushScope();
}

std::string KernelEmitter::let(StringRef type, const std::string &expr) {
  std::string var = fresh();
  body.put(("const " + type + " " + var + " = " + expr + ";").str());
  return var;
}

void KernelEmitter::fail(Operation *op, StringRef what) {
  if (failedOp || !failure.empty())
    return;
  failedOp = op;
  failure = what.str();
}

std::string KernelEmitter::roundTo(Type type, StringRef expr) {
  Type t = elementTypeOf(type);
  if (t.isF16())
    return ("ts_half_to_float(ts_float_to_half(" + expr + "))").str();
  if (t.isBF16())
    return ("ts_bf16_to_float(ts_float_to_bf16(" + expr + "))").str();
  return expr.str();
}

std::string KernelEmitter::toStorage(Type type, StringRef expr) {
  Type t = elementTypeOf(type);
  if (t.isF16())
    return ("ts_float_to_half(" + expr + ")").str();
  if (t.isBF16())
    return ("ts_float_to_bf16(" + expr + ")").str();
  if (t.isInteger(1))
    return ("(uint8_t)(" + expr + ")").str();
  return expr.str();
}

std::string KernelEmitter::fromStorage(Type type, StringRef expr) {
  Type t = elementTypeOf(type);
  if (t.isF16())
    return ("ts_half_to_float(" + expr + ")").str();
  if (t.isBF16())
    return ("ts_bf16_to_float(" + expr + ")").str();
  if (t.isInteger(1))
    return ("(" + expr + " != 0)").str();
  return expr.str();
}

std::string KernelEmitter::shapeKey(ArrayRef<int64_t> shape,
                                    const Index &index) {
  std::string key;
  for (int64_t d : shape)
    key += std::to_string(d) + "x";
  return key + ":" + llvm::join(index, ",");
}

std::string KernelEmitter::linearize(ArrayRef<int64_t> shape,
                                     const Index &index) {
  auto known = linearOf.find(shapeKey(shape, index));
  if (known != linearOf.end())
    return known->second;
  std::string out;
  int64_t stride = 1;
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    if (shape[d] != 1 && index[d] != "0") {
      std::string term =
          stride == 1 ? index[d] : index[d] + " * " + std::to_string(stride);
      out = out.empty() ? term : term + " + " + out;
    }
    stride *= shape[d];
  }
  return out.empty() ? "0" : out;
}

Index KernelEmitter::delinearize(ArrayRef<int64_t> shape, StringRef expr) {
  Index index(shape.size(), "0");
  int64_t inner = 1;
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    if (shape[d] == 1) {
      continue;
    }
    std::string q =
        inner == 1 ? expr.str() : paren(expr) + " / " + std::to_string(inner);
    // The outermost non-unit dimension needs no modulo.
    bool outermost = true;
    for (int64_t o = 0; o < d; ++o)
      outermost &= shape[o] == 1;
    if (outermost && q == expr.str()) {
      index[d] = q; // A plain variable needs no copy.
    } else {
      index[d] =
          letIndex(outermost ? q : paren(q) + " % " + std::to_string(shape[d]));
    }
    inner *= shape[d];
  }
  linearOf[shapeKey(shape, index)] = expr.str();
  return index;
}

Index KernelEmitter::broadcastIndex(ArrayRef<int64_t> shape,
                                    const Index &index) {
  Index out(shape.size(), "0");
  size_t offset = index.size() - shape.size();
  for (size_t d = 0; d < shape.size(); ++d)
    out[d] = shape[d] == 1 ? "0" : index[d + offset];
  return out;
}

std::string KernelEmitter::load(unsigned argNumber, const Index &index) {
  BlockArgument arg = kernel.getBody().front().getArgument(argNumber);
  if (operandFolded[argNumber])
    return operandNames[argNumber];
  auto type = cast<RankedTensorType>(arg.getType());
  auto lane = vectorLanes.find({argNumber, llvm::join(index, ",")});
  if (lane != vectorLanes.end())
    return let(computeType(type), fromStorage(type, lane->second));
  std::string offset = linearize(type.getShape(), index);
  std::string ref = operandNames[argNumber] + "[" + offset + "]";
  return let(computeType(type), fromStorage(type, ref));
}

std::string KernelEmitter::emitValue(Value v, const Index &index) {
  std::string key = llvm::join(index, ",");
  std::pair<void *, std::string> memoKey{v.getAsOpaquePointer(), key};
  for (auto it = memo.rbegin(); it != memo.rend(); ++it) {
    auto found = it->find(memoKey);
    if (found != it->end())
      return found->second;
  }
  std::string result;
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    result = load(arg.getArgNumber(), index);
  } else if (std::optional<std::string> a =
                 anchor ? anchor(v, index) : std::nullopt) {
    result = *a;
  } else {
    result =
        emitOp(v.getDefiningOp(), cast<OpResult>(v).getResultNumber(), index);
  }
  memo.back()[memoKey] = result;
  return result;
}

static std::string opName(Operation *op) {
  return op->getName().getStringRef().str();
}

std::string KernelEmitter::emitOp(Operation *op, unsigned resultNumber,
                                  const Index &index) {
  auto resultType =
      cast<RankedTensorType>(op->getResult(resultNumber).getType());
  auto shapeOf = [](Value v) {
    return cast<RankedTensorType>(v.getType()).getShape();
  };

  // Constants inside a body: splats only.
  if (auto constant = dyn_cast<ConstantOp>(op)) {
    auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
    if (!dense || !dense.isSplat()) {
      fail(op, "no CUDA emitter for a non-splat 'tessera.constant' inside a "
               "kernel yet");
      return "0";
    }
    if (isa<FloatType>(dense.getElementType()))
      return literal(resultType,
                     dense.getSplatValue<APFloat>().convertToDouble());
    return intLiteral(resultType, dense.getSplatValue<APInt>().getSExtValue());
  }

  // Injective ops: index arithmetic.
  if (isa<ReshapeOp>(op)) {
    Value input = op->getOperand(0);
    std::string linear = letIndex(linearize(resultType.getShape(), index));
    return emitValue(input, delinearize(shapeOf(input), linear));
  }
  if (isa<BroadcastToOp>(op)) {
    Value input = op->getOperand(0);
    return emitValue(input, broadcastIndex(shapeOf(input), index));
  }
  if (auto transpose = dyn_cast<TransposeOp>(op)) {
    ArrayRef<int64_t> perm = transpose.getPerm();
    Index in(perm.size(), "0");
    for (size_t d = 0; d < perm.size(); ++d)
      in[perm[d]] = index[d];
    return emitValue(transpose.getInput(), in);
  }
  if (auto slice = dyn_cast<SliceOp>(op)) {
    Index in(index.size());
    for (size_t d = 0; d < index.size(); ++d) {
      int64_t offset = slice.getOffsets()[d], stride = slice.getStrides()[d];
      std::string e = index[d];
      if (stride != 1)
        e = e + " * " +
            (stride < 0 ? "(" + std::to_string(stride) + ")"
                        : std::to_string(stride));
      if (offset != 0)
        e = e + " + " + std::to_string(offset);
      in[d] = e == index[d] ? e : letIndex(e);
    }
    return emitValue(slice.getInput(), in);
  }
  if (auto concat = dyn_cast<ConcatOp>(op)) {
    int64_t axis = concat.getAxis();
    std::vector<std::pair<int64_t, std::string>> parts;
    int64_t offset = 0;
    for (Value input : concat.getInputs()) {
      int64_t size = shapeOf(input)[axis];
      if (size == 0)
        continue;
      Index in = index;
      std::string shifted = offset == 0
                                ? index[axis]
                                : index[axis] + " - " + std::to_string(offset);
      in[axis] =
          offset == 0 && size == 1
              ? std::string("0")
              : letIndex(llvm::formatv("{0} < 0 ? 0 : {0} > {1} ? {1} : {0}",
                                       paren(shifted), size - 1)
                             .str());
      parts.push_back({offset, emitValue(input, in)});
      offset += size;
    }
    std::string expr = parts.back().second;
    for (int64_t i = static_cast<int64_t>(parts.size()) - 2; i >= 0; --i)
      expr = index[axis] + " < " + std::to_string(parts[i + 1].first) + " ? " +
             parts[i].second + " : " + expr;
    return let(computeType(resultType), expr);
  }
  if (auto gather = dyn_cast<GatherOp>(op)) {
    int64_t axis = gather.getAxis();
    ArrayRef<int64_t> dataShape = shapeOf(gather.getData());
    ArrayRef<int64_t> indicesShape = shapeOf(gather.getIndices());
    Index indicesIndex(index.begin() + axis,
                       index.begin() + axis + indicesShape.size());
    std::string raw = emitValue(gather.getIndices(), indicesIndex);
    int64_t dim = dataShape[axis];
    std::string wrapped = letIndex(llvm::formatv(
        "{0} < 0 ? {0} + {1} : {0}", "(" + indexType + ")" + raw, dim));
    // Out-of-range indices are an error in ONNX; clamp to stay in bounds.
    std::string clamped = letIndex(
        llvm::formatv("{0} < 0 ? 0 : {0} > {1} ? {1} : {0}", wrapped, dim - 1));
    Index in;
    for (int64_t d = 0; d < axis; ++d)
      in.push_back(index[d]);
    in.push_back(clamped);
    for (size_t d = axis + indicesShape.size(); d < index.size(); ++d)
      in.push_back(index[d]);
    return emitValue(gather.getData(), in);
  }
  if (auto pad = dyn_cast<PadOp>(op)) {
    ArrayRef<int64_t> inShape = shapeOf(pad.getInput());
    ArrayRef<int64_t> pads = pad.getPads();
    size_t rank = inShape.size();
    Index in(rank);
    std::vector<std::string> inside;
    for (size_t d = 0; d < rank; ++d) {
      int64_t begin = pads[d], n = inShape[d];
      std::string j =
          begin == 0
              ? index[d]
              : letIndex(index[d] + " - (" + std::to_string(begin) + ")");
      if (begin == 0 && pads[d + rank] == 0) {
        in[d] = j;
        continue;
      }
      switch (pad.getMode()) {
      case PadMode::constant:
        inside.push_back("(" + j + " >= 0 && " + j + " < " + std::to_string(n) +
                         ")");
        in[d] = letIndex(
            llvm::formatv("{0} < 0 ? 0 : {0} > {1} ? {1} : {0}", j, n - 1));
        break;
      case PadMode::edge:
        in[d] = letIndex(
            llvm::formatv("{0} < 0 ? 0 : {0} > {1} ? {1} : {0}", j, n - 1));
        break;
      case PadMode::reflect: {
        if (n == 1) {
          in[d] = "0";
          break;
        }
        std::string r =
            letIndex(llvm::formatv("{0} < 0 ? -{0} : {0}", j).str());
        in[d] = letIndex(
            llvm::formatv("{0} > {1} ? 2 * {1} - {0} : {0}", r, n - 1).str());
        break;
      }
      case PadMode::wrap:
        in[d] =
            letIndex(llvm::formatv("(({0}) % {1} + {1}) % {1}", j, n).str());
        break;
      }
    }
    std::string value = emitValue(pad.getInput(), in);
    if (inside.empty())
      return value;
    return let(computeType(resultType),
               llvm::join(inside, " && ") + " ? " + value + " : " +
                   literal(resultType, pad.getValue().convertToDouble()));
  }

  // Elementwise ops: operands broadcast to the result's index.
  if (isElementwise(op)) {
    std::vector<std::string> args;
    for (Value operand : op->getOperands())
      args.push_back(
          emitValue(operand, broadcastIndex(shapeOf(operand), index)));
    if (!failure.empty())
      return "0";
    if (std::optional<std::string> expr = elementwiseExpr(*this, op, args))
      return let(computeType(resultType), roundTo(resultType, *expr));
  }
  if (std::optional<std::string> looped = emitLoopOp(*this, op, index))
    return *looped;
  fail(op, "no CUDA emitter for '" + opName(op) + "' yet");
  return "0";
}

std::optional<std::string> KernelEmitter::lookupMemo(void *key,
                                                     const std::string &index) {
  for (auto it = memo.rbegin(); it != memo.rend(); ++it) {
    auto found = it->find({key, index});
    if (found != it->end())
      return found->second;
  }
  return std::nullopt;
}

void KernelEmitter::storeMemo(void *key, const std::string &index,
                              const std::string &value) {
  memo.back()[{key, index}] = value;
}

void codegen::openGridStrideLoop(KernelEmitter &e, StringRef var,
                                 int64_t count) {
  std::string t = e.indexType;
  e.body.open(llvm::formatv("for ({0} {1} = ({0})blockIdx.x * blockDim.x + "
                            "threadIdx.x; {1} < {2}; {1} += ({0})gridDim.x * "
                            "blockDim.x)",
                            t, var, count)
                  .str());
}

void codegen::storeResults(KernelEmitter &e, const Index &index,
                           StringRef linear) {
  YieldOp yield = e.kernel.getYield();
  for (auto [i, value] : llvm::enumerate(yield.getValues())) {
    auto type = cast<RankedTensorType>(value.getType());
    std::string v = e.emitValue(value, index);
    e.body.put(e.resultNames[i] + "[" + linear.str() +
               "] = " + e.toStorage(type, v) + ";");
  }
}
