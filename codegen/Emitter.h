//===- Emitter.h - The CUDA C++ emitter framework ---------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The pieces every kernel emitter shares:
//   - CodeStream: text with indentation;
//   - KernelEmitter: one tessera.kernel being emitted: its parameters (splat
//     constants folded), fresh variable names (t0, t1, ...), prelude includes,
//     and the scalar expression generator: emitValue(v, index) emits the
//     statements computing element |index| of the body value |v| and returns
//     the variable (or literal) holding it, in v's compute type. Elementwise
//     ops go through the op table (ElementwiseOps.cpp); broadcasts,
//     transposes, reshapes, slices, concat, gather and pad become index
//     arithmetic; the ops a kind emitter owns (a reduction, a matmul) are
//     "anchors" that it resolves through a callback.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_CODEGEN_EMITTER_H
#define TESSERA_CODEGEN_EMITTER_H

#include "codegen/Codegen.h"
#include "ir/TesseraOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mlir::tessera::codegen {

/// Text with indentation: `os.line() << "x = 1;"`.
class CodeStream {
public:
  /// Starts a new line at the current indentation; returns the stream.
  llvm::raw_string_ostream &line() {
    os << std::string(2 * indent, ' ');
    pending = true;
    return os;
  }
  /// Ends the line begun by line().
  void end() { os << "\n"; }
  /// One full line.
  void put(llvm::StringRef text) {
    os << std::string(2 * indent, ' ') << text << "\n";
  }
  /// "{" then indent.
  void open(llvm::StringRef head) {
    put((head + " {").str());
    ++indent;
  }
  void close(llvm::StringRef tail = "}") {
    --indent;
    put(tail);
  }
  std::string &str() { return text; }
  void indentIn() { ++indent; }

private:
  std::string text;
  llvm::raw_string_ostream os{text};
  int indent = 0;
  bool pending = false;
};

/// A multi-index: one C expression per dimension.
using Index = std::vector<std::string>;

/// The C type of an element of |type| in memory ("float", "ts_half", ...).
std::string storageType(Type type);
/// The C type elements of |type| are computed in ("float" for f16/bf16,
/// "bool" for i1).
std::string computeType(Type type);
/// A literal of |value| in the compute type of |type|.
std::string literal(Type type, double value);
std::string intLiteral(Type type, int64_t value);
/// |expr| in parentheses unless it is a name or a plain number.
std::string paren(llvm::StringRef expr);
/// `a * s + b * t + c` from {a, s}, {b, t} and c, without unit factors and
/// zero terms.
std::string affine(std::vector<std::pair<std::string, int64_t>> terms,
                   int64_t constant);
/// |name| as a C identifier.
std::string sanitizeIdentifier(llvm::StringRef name);
/// The ONNX nodes of |loc| ("node (OpType)"), in order.
std::vector<std::pair<std::string, std::string>> nodesOf(Location loc);

class KernelEmitter {
public:
  KernelEmitter(KernelOp kernel, std::string name,
                const CodegenOptions &options);

  KernelOp kernel;
  std::string name;
  CodegenOptions options;
  CodeStream body;
  /// "int" or "int64_t": wide enough for every tensor of the kernel.
  std::string indexType = "int";
  std::set<std::string> includes{"tessera/core.cuh"};
  /// Per block argument: the parameter name, or the folded splat literal.
  std::vector<std::string> operandNames;
  std::vector<bool> operandFolded;
  std::vector<std::string> resultNames;
  /// Helpers put into the kernel's namespace.
  std::string helpers;

  /// Operand elements already loaded as lanes of a vector: (block argument,
  /// joined index) -> "v0[1]".
  std::map<std::pair<unsigned, std::string>, std::string> vectorLanes;

  /// Resolves an anchor op (the reduction / matmul of the kind emitter) at
  /// an index; nullopt when |v| is not an anchor.
  std::function<std::optional<std::string>(Value v, const Index &index)> anchor;

  /// A fresh variable name (t0, t1, ...).
  std::string fresh() { return "t" + std::to_string(counter++); }
  /// Declares `const <type> <fresh> = <expr>;` and returns the name.
  std::string let(llvm::StringRef type, const std::string &expr);
  /// An index-typed temporary.
  std::string letIndex(const std::string &expr) { return let(indexType, expr); }

  /// Element |index| of |v| in v's compute type.
  std::string emitValue(Value v, const Index &index);
  /// Loads element |index| of operand |argNumber| (compute type).
  std::string load(unsigned argNumber, const Index &index);
  /// Converts |expr| from compute type to the storage type of |type|.
  std::string toStorage(Type type, llvm::StringRef expr);
  /// Converts a stored element to its compute type.
  std::string fromStorage(Type type, llvm::StringRef expr);
  /// The linear offset of |index| in a row-major tensor of |shape|.
  std::string linearize(llvm::ArrayRef<int64_t> shape, const Index &index);
  /// Splits linear |expr| into a multi-index of |shape| (temporaries).
  Index delinearize(llvm::ArrayRef<int64_t> shape, llvm::StringRef expr);
  /// Maps a result index to the index of an operand of shape |shape|
  /// (numpy broadcasting).
  Index broadcastIndex(llvm::ArrayRef<int64_t> shape, const Index &index);

  /// Memo entries of other kinds (row statistics), scoped like values.
  std::optional<std::string> lookupMemo(void *key, const std::string &index);
  void storeMemo(void *key, const std::string &index, const std::string &value);

  /// Memo scopes: values computed in the current C scope.
  void pushScope() { memo.emplace_back(); }
  void popScope() { memo.pop_back(); }

  /// Records the first unsupported op (reported by emitKernels).
  void fail(Operation *op, llvm::StringRef what);
  Operation *failedOp = nullptr;
  std::string failure;

  /// Rounds a float compute value to the precision of |type| (f16/bf16).
  std::string roundTo(Type type, llvm::StringRef expr);

private:
  /// Multi-indices that delinearize() split from a linear expression, so
  /// that linearize() over the same shape gives the expression back.
  std::map<std::string, std::string> linearOf;
  static std::string shapeKey(llvm::ArrayRef<int64_t> shape,
                              const Index &index);
  std::string emitOp(Operation *op, unsigned resultNumber, const Index &index);
  int counter = 0;
  std::vector<std::map<std::pair<void *, std::string>, std::string>> memo;
};

/// Whether the op table has |op|.
bool isElementwise(Operation *op);
/// The expression of elementwise op |op| on operand values |args| (compute
/// types), or nullopt when |op| is not elementwise. Adds includes.
std::optional<std::string> elementwiseExpr(KernelEmitter &e, Operation *op,
                                           llvm::ArrayRef<std::string> args);

/// Element |index| of a result of |op| computed by loops (matmul,
/// reductions, normalizations, cumsum, pooling, conv), or nullopt.
std::optional<std::string> emitLoopOp(KernelEmitter &e, Operation *op,
                                      const Index &index);

/// Kind emitters: fill e.body with the kernel function's body, set the
/// launch configuration; failure after e.fail().
LogicalResult emitElementwiseKernel(KernelEmitter &e,
                                    ::tessera::codegen::KernelProgram &program);
LogicalResult emitReductionKernel(KernelEmitter &e,
                                  ::tessera::codegen::KernelProgram &program);
LogicalResult emitMatmulKernel(KernelEmitter &e,
                               ::tessera::codegen::KernelProgram &program);
LogicalResult emitConvKernel(KernelEmitter &e,
                             ::tessera::codegen::KernelProgram &program);
/// The attention kind as one flash-attention kernel (AttentionEmitter.cpp);
/// patterns it cannot take go to emitElementwiseKernel.
LogicalResult emitAttentionKernel(KernelEmitter &e,
                                  ::tessera::codegen::KernelProgram &program);

/// Shared by kind emitters: a grid-stride loop over |count| elements.
void openGridStrideLoop(KernelEmitter &e, llvm::StringRef var, int64_t count);
/// Writes every yielded value at |index| (linear offset |linear|).
void storeResults(KernelEmitter &e, const Index &index, llvm::StringRef linear);
/// Threads per block of the 1-D kernels.
constexpr int64_t kThreads = 256;

} // namespace mlir::tessera::codegen

#endif // TESSERA_CODEGEN_EMITTER_H
