//===- ElementwiseEmitter.cpp - Elementwise and injective kernels ---------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One thread per output element in a grid-stride loop: the linear index is
// split into the output's multi-index, and every yielded value is computed
// from it (broadcasts, transposes, slices, concat, gather and pad are index
// arithmetic on the way to the operands' loads).
//
//===----------------------------------------------------------------------===//
#include "codegen/Emitter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::codegen;
using ::tessera::codegen::KernelProgram;

namespace {

int64_t storageBytes(Type type) {
  Type t = cast<ShapedType>(type).getElementType();
  return (t.getIntOrFloatBitWidth() + 7) / 8;
}

/// The vector width of a kernel whose results all have |shape|: every
/// operand of that shape and every result moves |width| elements per
/// access; 1 when not worth it or not possible.
int64_t vectorWidth(KernelEmitter &e, ArrayRef<int64_t> shape, int64_t count) {
  std::vector<int64_t> sizes;
  for (Value v : e.kernel.getYield().getValues())
    sizes.push_back(storageBytes(v.getType()));
  for (BlockArgument arg : e.kernel.getBody().front().getArguments())
    if (!e.operandFolded[arg.getArgNumber()] &&
        cast<RankedTensorType>(arg.getType()).getShape() == shape)
      sizes.push_back(storageBytes(arg.getType()));
  // Every access moves 4, 8 or 16 bytes (the prelude's vector accesses).
  for (int64_t width : {4, 2}) {
    bool fits = llvm::all_of(sizes, [&](int64_t bytes) {
      int64_t total = width * bytes;
      return total == 4 || total == 8 || total == 16;
    });
    if (fits && count >= 4 * width && count % width == 0)
      return width;
  }
  return 1;
}

/// The vector path: each thread takes |width| consecutive elements: one
/// vector load per same-shape operand, the elements computed lane by lane,
/// one vector store per result.
void emitVectorLoop(KernelEmitter &e, ArrayRef<int64_t> shape, int64_t count,
                    int64_t width) {
  YieldOp yield = e.kernel.getYield();
  std::string it = e.indexType;
  e.body.open(llvm::formatv("for ({0} q = ({0})blockIdx.x * blockDim.x + "
                            "threadIdx.x; q < {1}; q += ({0})gridDim.x * "
                            "blockDim.x)",
                            it, count / width)
                  .str());
  e.pushScope();
  std::string base = e.letIndex("q * " + std::to_string(width));
  std::vector<std::pair<unsigned, std::string>> vectors;
  for (BlockArgument arg : e.kernel.getBody().front().getArguments()) {
    unsigned n = arg.getArgNumber();
    if (e.operandFolded[n] ||
        cast<RankedTensorType>(arg.getType()).getShape() != shape)
      continue;
    std::string v = e.fresh();
    e.body.put(
        llvm::formatv("const ts_vec<{0}, {1}> {2} = ts_load_vec<{1}>({3} "
                      "+ {4});",
                      storageType(arg.getType()), width, v, e.operandNames[n],
                      base)
            .str());
    vectors.push_back({n, v});
  }
  std::vector<std::string> results;
  for (Value value : yield.getValues()) {
    std::string r = e.fresh();
    e.body.put(llvm::formatv("ts_vec<{0}, {1}> {2};",
                             storageType(value.getType()), width, r)
                   .str());
    results.push_back(r);
  }
  for (int64_t lane = 0; lane < width; ++lane) {
    e.body.put("{");
    e.body.indentIn();
    e.pushScope();
    std::string linear = lane == 0 ? base : base + " + " + std::to_string(lane);
    Index index = e.delinearize(shape, linear);
    e.vectorLanes.clear();
    for (auto &[n, v] : vectors)
      e.vectorLanes[{n, llvm::join(index, ",")}] =
          v + "[" + std::to_string(lane) + "]";
    for (auto [r, value] : llvm::enumerate(yield.getValues())) {
      std::string x = e.emitValue(value, index);
      e.body.put(results[r] + "[" + std::to_string(lane) +
                 "] = " + e.toStorage(value.getType(), x) + ";");
    }
    e.vectorLanes.clear();
    e.popScope();
    e.body.close("}");
  }
  for (auto [r, value] : llvm::enumerate(yield.getValues()))
    e.body.put("ts_store_vec(" + e.resultNames[r] + " + " + base + ", " +
               results[r] + ");");
  e.popScope();
  e.body.close();
}

} // namespace

LogicalResult codegen::emitElementwiseKernel(KernelEmitter &e,
                                             KernelProgram &program) {
  YieldOp yield = e.kernel.getYield();
  program.block = {uint32_t(kThreads), 1, 1};
  // One grid-stride loop per distinct result shape.
  std::vector<ArrayRef<int64_t>> shapes;
  int64_t largest = 0;
  for (Value v : yield.getValues()) {
    auto type = cast<RankedTensorType>(v.getType());
    if (!llvm::is_contained(shapes, type.getShape()))
      shapes.push_back(type.getShape());
    largest = std::max(largest, type.getNumElements());
  }
  int64_t blocks = std::max<int64_t>(
      1, std::min<int64_t>((largest + kThreads - 1) / kThreads, 4096));
  program.grid = {uint32_t(blocks), 1, 1};
  // Elementwise kernels whose operands and results line up: vector
  // accesses when every pointer is aligned to the vector (else the scalar
  // loop below).
  if (shapes.size() == 1 && e.kernel.getKind() == KernelKind::elementwise) {
    int64_t count = 1;
    for (int64_t d : shapes[0])
      count *= d;
    int64_t width = vectorWidth(e, shapes[0], count);
    if (width > 1) {
      program.grid[0] = uint32_t(std::max<int64_t>(
          1,
          std::min<int64_t>((count / width + kThreads - 1) / kThreads, 4096)));
      // Every vector-accessed pointer aligned to the widest access.
      std::vector<std::string> pointers;
      int64_t bytes = 0;
      for (BlockArgument arg : e.kernel.getBody().front().getArguments())
        if (!e.operandFolded[arg.getArgNumber()] &&
            cast<RankedTensorType>(arg.getType()).getShape() == shapes[0]) {
          pointers.push_back("(uintptr_t)" +
                             e.operandNames[arg.getArgNumber()]);
          bytes = std::max(bytes, width * storageBytes(arg.getType()));
        }
      for (const std::string &r : e.resultNames)
        pointers.push_back("(uintptr_t)" + r);
      for (Value v : yield.getValues())
        bytes = std::max(bytes, width * storageBytes(v.getType()));
      e.body.put(llvm::formatv("const bool aligned = (({0}) % {1}) == 0;",
                               llvm::join(pointers, " | "), bytes)
                     .str());
      e.body.open("if (aligned)");
      emitVectorLoop(e, shapes[0], count, width);
      e.body.put("return;");
      e.body.close();
    }
  }
  for (ArrayRef<int64_t> shape : shapes) {
    int64_t count = 1;
    for (int64_t d : shape)
      count *= d;
    if (count == 0)
      continue;
    openGridStrideLoop(e, "i", count);
    e.pushScope();
    Index index = e.delinearize(shape, "i");
    for (auto [r, value] : llvm::enumerate(yield.getValues())) {
      auto type = cast<RankedTensorType>(value.getType());
      if (type.getShape() != shape)
        continue;
      std::string v = e.emitValue(value, index);
      e.body.put(e.resultNames[r] + "[i] = " + e.toStorage(type, v) + ";");
    }
    e.popScope();
    e.body.close();
  }
  return success(e.failure.empty());
}
