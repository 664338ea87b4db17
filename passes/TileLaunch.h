//===- TileLaunch.h - Launch dictionaries of tessera-tile -------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The launch configurations of the simple kernel forms (elementwise, copy
// and pooling loops; row and column reductions and scans), the problem a
// kernel poses (KernelProblem, filled in by Tile.cpp's analysis), and the
// `launch` dictionary: built from a configuration after checking it against
// the target (buildLaunch), chosen by the cost model (chooseLaunch) or
// taken from a tuning-file entry (overrideLaunch). docs/tiling.md lists the
// fields of each form.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_TILELAUNCH_H
#define TESSERA_PASSES_TILELAUNCH_H

#include "passes/TileCostModel.h"
#include "passes/TuningFile.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::tessera {

//===----------------------------------------------------------------------===//
// Elementwise, copy and pooling: a grid-stride loop over output elements
//===----------------------------------------------------------------------===//

/// Checks a vector width against the widest the kernel's shapes allow.
inline std::string checkVector(int64_t vector, int64_t maxVector) {
  if (vector < 1 || !llvm::isPowerOf2_64(vector))
    return "vector " + std::to_string(vector) + " is not a power of two";
  if (vector > maxVector)
    return "vector " + std::to_string(vector) + " exceeds " +
           std::to_string(maxVector) + ", the widest the shapes allow";
  return "";
}

struct ElementwiseConfig {
  int64_t threads = 0, vector = 1, grid = 0;
};

/// Blocks that one wave of fully occupied SMs holds: the grid-stride cap.
inline int64_t residentBlocks(const TargetInfo &target, int64_t threads) {
  return target.numSMs *
         std::min(target.maxBlocksPerSM, target.maxThreadsPerSM / threads);
}

/// `elements` outputs, `vector` per thread per iteration: 256 threads (128
/// when there is less than one 256-thread block per SM), grid capped at one
/// wave of resident blocks.
/// The grid of `c` (threads and vector set) for `elements` outputs.
inline int64_t elementwiseGrid(const TargetInfo &target, int64_t elements,
                               const ElementwiseConfig &c) {
  int64_t threads = std::max<int64_t>(c.threads, 32);
  int64_t items =
      ceilDiv(std::max<int64_t>(elements, 1), std::max<int64_t>(c.vector, 1));
  return std::min(ceilDiv(items, threads), residentBlocks(target, threads));
}

inline ElementwiseConfig chooseElementwise(const TargetInfo &target,
                                           int64_t elements, int64_t vector) {
  int64_t items = ceilDiv(std::max<int64_t>(elements, 1), vector);
  ElementwiseConfig c;
  c.vector = vector;
  c.threads = items < 256 * target.numSMs ? 128 : 256;
  c.grid = elementwiseGrid(target, elements, c);
  return c;
}

/// Checks an elementwise configuration; `maxVector` is the widest vector
/// the kernel's shapes allow.
inline std::string planElementwise(const TargetInfo &target,
                                   const ElementwiseConfig &c,
                                   int64_t maxVector) {
  if (c.threads < 32 || c.threads % 32 || c.threads > target.maxThreadsPerBlock)
    return "threads " + std::to_string(c.threads) +
           " is not a multiple of 32 in [32, " +
           std::to_string(target.maxThreadsPerBlock) + "]";
  if (std::string error = checkVector(c.vector, maxVector); !error.empty())
    return error;
  if (c.grid < 1 || c.grid > 2147483647)
    return "grid " + std::to_string(c.grid) + " is not in [1, 2^31 - 1]";
  return "";
}

//===----------------------------------------------------------------------===//
// Reductions and scans over a row (contiguous) or a column (strided) axis
//===----------------------------------------------------------------------===//

/// `outer` x `length` x `inner` elements reduced (or scanned) over `length`;
/// inner == 1 is a row reduction. `rereadsRow`: the op reads the row again
/// after reducing it (softmax, layer-norm, RMS-norm, scans).
struct RowShape {
  int64_t outer = 1, length = 1, inner = 1, elemBytes = 4, maxVector = 1;
  bool rereadsRow = false;
};

/// `threadsPerRow` threads cooperate on a row (a sub-warp, a warp or the
/// whole block), `rowsPerBlock` rows per block; a column reduction has one
/// thread per `vector` adjacent columns.
struct RowConfig {
  int64_t threadsPerRow = 1, rowsPerBlock = 1, vector = 1, grid = 0;
};

/// Elements a thread may hold in registers for a one-pass row [assumed].
inline constexpr int64_t kRowRegisterElements = 64;

inline int64_t rowThreads(const RowConfig &c) {
  return c.threadsPerRow * c.rowsPerBlock;
}

/// Whether every element is read from global memory once: always for a
/// plain reduction, else when a thread's share of the row fits in
/// registers or the row fits in 48 KB of shared memory.
inline bool rowOnePass(const RowShape &s, const RowConfig &c) {
  return !s.rereadsRow ||
         ceilDiv(s.length, c.threadsPerRow) <= kRowRegisterElements ||
         (s.inner == 1 && s.length * s.elemBytes <= 48 * 1024);
}

/// The grid of `c` (all but the grid set): a block per `rowsPerBlock` rows
/// (columns), capped at one wave of resident blocks.
inline int64_t rowGrid(const TargetInfo &target, const RowShape &s,
                       const RowConfig &c) {
  int64_t rows = s.outer * ceilDiv(s.inner, std::max<int64_t>(c.vector, 1));
  return std::min(ceilDiv(rows, std::max<int64_t>(c.rowsPerBlock, 1)),
                  residentBlocks(target, std::max<int64_t>(rowThreads(c), 32)));
}

inline RowConfig chooseRow(const TargetInfo &target, const RowShape &s) {
  RowConfig c;
  c.vector = s.maxVector;
  int64_t rows = s.outer * ceilDiv(s.inner, c.vector);
  if (s.inner > 1) {
    // Column: one thread per `vector` columns, looping over the axis.
    int64_t threads = rows < 256 * target.numSMs ? 128 : 256;
    c.rowsPerBlock = threads;
  } else {
    int64_t vectors = ceilDiv(s.length, c.vector);
    if (vectors <= 32 * 8) {
      // A (sub-)warp per row, at most 8 vectors per lane.
      c.threadsPerRow = std::min<int64_t>(32, llvm::PowerOf2Ceil(vectors));
      int64_t threads =
          ceilDiv(rows * c.threadsPerRow, 256) < target.numSMs ? 128 : 256;
      c.rowsPerBlock =
          std::max<int64_t>(std::min<int64_t>(threads / c.threadsPerRow,
                                              llvm::PowerOf2Ceil(rows)),
                            32 / c.threadsPerRow);
    } else {
      // A block per row, about 8 vectors per thread.
      c.threadsPerRow =
          std::clamp<int64_t>(llvm::PowerOf2Ceil(ceilDiv(vectors, 8)), 128,
                              target.maxThreadsPerBlock);
    }
  }
  c.grid = rowGrid(target, s, c);
  return c;
}

inline std::string planRow(const TargetInfo &target, const RowShape &s,
                           const RowConfig &c) {
  if (c.threadsPerRow > target.maxThreadsPerBlock ||
      c.rowsPerBlock > target.maxThreadsPerBlock)
    return "threads_per_row and rows_per_block must be <= " +
           std::to_string(target.maxThreadsPerBlock);
  int64_t threads = rowThreads(c);
  if (c.threadsPerRow < 1 || !llvm::isPowerOf2_64(c.threadsPerRow) ||
      (s.inner > 1 && c.threadsPerRow != 1))
    return "threads_per_row " + std::to_string(c.threadsPerRow) +
           (s.inner > 1 ? " must be 1 for a column reduction"
                        : " is not a power of two");
  if (c.rowsPerBlock < 1 || threads < 32 || threads % 32 ||
      threads > target.maxThreadsPerBlock)
    return std::to_string(threads) +
           " threads per block (threads_per_row x rows_per_block) is not a "
           "multiple of 32 in [32, " +
           std::to_string(target.maxThreadsPerBlock) + "]";
  if (std::string error = checkVector(c.vector, s.maxVector); !error.empty())
    return error;
  if (c.grid < 1 || c.grid > 2147483647)
    return "grid " + std::to_string(c.grid) + " is not in [1, 2^31 - 1]";
  return "";
}

//===----------------------------------------------------------------------===//
// Kernel problems
//===----------------------------------------------------------------------===//

/// What a kernel computes, as far as its launch configuration is concerned.
struct KernelProblem {
  enum class Form {
    Gemm,
    Attention,
    Row,
    Elementwise
  } form = Form::Elementwise;
  GemmShape gemm;
  AttentionShape attention;
  RowShape row;
  int64_t elements = 1;  ///< Elementwise: outputs of the loop.
  int64_t maxVector = 1; ///< Elementwise: widest vector allowed.
};

//===----------------------------------------------------------------------===//
// Launch dictionaries
//===----------------------------------------------------------------------===//

/// A launch configuration of any form.
struct LaunchConfig {
  GemmConfig gemm;
  AttentionConfig attention;
  ElementwiseConfig elementwise;
  RowConfig row;
};

/// The launch dictionary of `launch` for `problem`; `error` receives why
/// it is invalid for the target (then the result is null).
inline DictionaryAttr buildLaunch(Builder &b, const TargetInfo &target,
                                  const KernelProblem &problem,
                                  const LaunchConfig &launch,
                                  std::string &error) {
  auto ints = [&](ArrayRef<int64_t> values) {
    return b.getI64ArrayAttr(values);
  };
  // A grid [x, y, z] with y and z within CUDA's 65535 (folded into x).
  auto grid = [&](int64_t x, int64_t y, int64_t z) {
    if (y > 65535)
      x *= y, y = 1;
    return ints({x, y, z});
  };
  SmallVector<NamedAttribute> fields;
  auto add = [&](StringRef name, Attribute value) {
    fields.push_back(b.getNamedAttr(name, value));
  };
  switch (problem.form) {
  case KernelProblem::Form::Gemm: {
    const GemmConfig &c = launch.gemm;
    const GemmShape &s = problem.gemm;
    GemmPlan plan;
    if (!(error = planGemm(target, s, c, plan)).empty())
      return nullptr;
    add("block", ints({c.bm, c.bn, c.bk}));
    add("warp", ints({c.wm, c.wn}));
    add("warps", b.getI64IntegerAttr(c.warps));
    add("threads", b.getI64IntegerAttr(plan.threads));
    add("stages", b.getI64IntegerAttr(c.stages));
    add("split_k", b.getI64IntegerAttr(c.splitK));
    add("grid", grid(plan.tilesM * plan.tilesN, s.batch, c.splitK));
    add("smem", b.getI64IntegerAttr(plan.smem));
    add("mma", b.getStringAttr(mmaName(s.math, c.wn)));
    break;
  }
  case KernelProblem::Form::Attention: {
    const AttentionConfig &c = launch.attention;
    const AttentionShape &s = problem.attention;
    AttentionPlan plan;
    if (!(error = planAttention(target, s, c, plan)).empty())
      return nullptr;
    add("block", ints({c.bq, c.bkv}));
    add("head_dim", ints({s.d, s.dv}));
    add("warps", b.getI64IntegerAttr(c.warps));
    add("threads", b.getI64IntegerAttr(plan.threads));
    add("stages", b.getI64IntegerAttr(c.stages));
    add("grid", grid(ceilDiv(s.sq, c.bq), s.batch, 1));
    add("smem", b.getI64IntegerAttr(plan.smem));
    add("mma", b.getStringAttr(mmaName(s.math, c.bkv)));
    break;
  }
  case KernelProblem::Form::Row: {
    const RowConfig &c = launch.row;
    if (!(error = planRow(target, problem.row, c)).empty())
      return nullptr;
    add("strategy", b.getStringAttr(problem.row.inner > 1 ? "column" : "row"));
    add("threads", b.getI64IntegerAttr(rowThreads(c)));
    add("threads_per_row", b.getI64IntegerAttr(c.threadsPerRow));
    add("rows_per_block", b.getI64IntegerAttr(c.rowsPerBlock));
    add("vector", b.getI64IntegerAttr(c.vector));
    add("one_pass", b.getBoolAttr(rowOnePass(problem.row, c)));
    add("grid", grid(c.grid, 1, 1));
    break;
  }
  case KernelProblem::Form::Elementwise: {
    const ElementwiseConfig &c = launch.elementwise;
    if (!(error = planElementwise(target, c, problem.maxVector)).empty())
      return nullptr;
    add("threads", b.getI64IntegerAttr(c.threads));
    add("vector", b.getI64IntegerAttr(c.vector));
    add("grid", grid(c.grid, 1, 1));
    break;
  }
  }
  return b.getDictionaryAttr(fields);
}

/// The cost model's launch for `problem`.
inline LaunchConfig chooseLaunch(const TargetInfo &target,
                                 const KernelProblem &problem) {
  LaunchConfig launch;
  double micros = 0;
  switch (problem.form) {
  case KernelProblem::Form::Gemm:
    launch.gemm = chooseGemm(target, problem.gemm, micros);
    break;
  case KernelProblem::Form::Attention:
    launch.attention = chooseAttention(target, problem.attention, micros);
    break;
  case KernelProblem::Form::Row:
    launch.row = chooseRow(target, problem.row);
    break;
  case KernelProblem::Form::Elementwise:
    launch.elementwise =
        chooseElementwise(target, problem.elements, problem.maxVector);
    break;
  }
  return launch;
}

//===----------------------------------------------------------------------===//
// Tuning-file overrides
//===----------------------------------------------------------------------===//

/// The fields of a launch of `form`: required ones (set by the tuner),
/// optional ones (defaulting to the cost model's choice) and derived ones
/// (which, when present, must equal the value the pass computes).
inline void launchFields(KernelProblem::Form form,
                         SmallVectorImpl<StringRef> &req,
                         SmallVectorImpl<StringRef> &all) {
  switch (form) {
  case KernelProblem::Form::Gemm:
    req.assign({"block", "warp", "warps", "stages"});
    all.assign({"split_k", "threads", "grid", "smem", "mma"});
    break;
  case KernelProblem::Form::Attention:
    req.assign({"block", "warps", "stages"});
    all.assign({"head_dim", "threads", "grid", "smem", "mma"});
    break;
  case KernelProblem::Form::Row:
    req.assign({"threads_per_row", "rows_per_block"});
    all.assign({"vector", "grid", "threads", "strategy", "one_pass"});
    break;
  case KernelProblem::Form::Elementwise:
    req.assign({"threads"});
    all.assign({"vector", "grid"});
    break;
  }
  all.append(req.begin(), req.end());
}

/// The JSON value `value` of a launch field as an attribute.
inline Attribute jsonToAttr(Builder &b, const llvm::json::Value &value) {
  if (std::optional<int64_t> integer = value.getAsInteger())
    return b.getI64IntegerAttr(*integer);
  if (std::optional<bool> boolean = value.getAsBoolean())
    return b.getBoolAttr(*boolean);
  if (std::optional<StringRef> string = value.getAsString())
    return b.getStringAttr(*string);
  SmallVector<int64_t> ints;
  for (const llvm::json::Value &element : *value.getAsArray())
    ints.push_back(*element.getAsInteger());
  return b.getI64ArrayAttr(ints);
}

/// Prints a launch field value as the tuning file spells it.
inline void printLaunchValue(llvm::raw_ostream &os, Attribute value) {
  if (auto boolean = dyn_cast<BoolAttr>(value))
    os << (boolean.getValue() ? "true" : "false");
  else if (auto integer = dyn_cast<IntegerAttr>(value))
    os << integer.getInt();
  else if (auto string = dyn_cast<StringAttr>(value))
    os << '"' << string.getValue() << '"';
  else if (auto array = dyn_cast<ArrayAttr>(value)) {
    os << '[';
    llvm::interleaveComma(array, os,
                          [&](Attribute a) { printLaunchValue(os, a); });
    os << ']';
  }
}

/// The launch of tuning entry `entry` for `problem`, checked against the
/// target; `error` receives the first problem.
inline DictionaryAttr overrideLaunch(Builder &b, const TargetInfo &target,
                                     const KernelProblem &problem,
                                     const TuningEntry &entry,
                                     std::string &error) {
  const llvm::json::Object &json = entry.launch;
  SmallVector<StringRef> required, allowed;
  launchFields(problem.form, required, allowed);
  static const char *formNames[] = {"matmul", "attention", "reduction",
                                    "elementwise"};
  StringRef formName = formNames[int(problem.form)];
  for (StringRef name : required)
    if (!json.get(name)) {
      error = ("a " + formName + " launch needs '" + name + "'").str();
      return nullptr;
    }
  for (const auto &field : json)
    if (!llvm::is_contained(allowed, StringRef(field.first))) {
      error = ("launch field '" + field.first.str() + "' does not apply to a " +
               formName + " launch")
                  .str();
      return nullptr;
    }
  auto get = [&](StringRef name, int64_t fallback) {
    return json.getInteger(name).value_or(fallback);
  };
  auto list = [&](StringRef name, size_t size) {
    SmallVector<int64_t> values;
    if (const llvm::json::Array *array = json.getArray(name))
      for (const llvm::json::Value &v : *array)
        values.push_back(*v.getAsInteger());
    if (values.size() != size) {
      error =
          ("launch field '" + name + "' must have " + Twine(size) + " elements")
              .str();
      values.assign(size, 0);
    }
    return values;
  };
  // An optional grid [x, 1, 1] of a grid-stride kernel.
  auto gridX = [&](int64_t fallback) {
    return json.get("grid") ? list("grid", 3)[0] : fallback;
  };
  LaunchConfig launch;
  switch (problem.form) {
  case KernelProblem::Form::Gemm: {
    SmallVector<int64_t> block = list("block", 3), warp = list("warp", 2);
    launch.gemm = {block[0],         block[1],         block[2],
                   warp[0],          warp[1],          get("warps", 0),
                   get("stages", 0), get("split_k", 1)};
    break;
  }
  case KernelProblem::Form::Attention: {
    SmallVector<int64_t> block = list("block", 2);
    launch.attention = {block[0], block[1], get("warps", 0), get("stages", 0)};
    break;
  }
  case KernelProblem::Form::Row: {
    RowConfig &c = launch.row;
    c = {get("threads_per_row", 0), get("rows_per_block", 0),
         get("vector", problem.row.maxVector), 0};
    c.grid = gridX(rowGrid(target, problem.row, c));
    break;
  }
  case KernelProblem::Form::Elementwise: {
    ElementwiseConfig &c = launch.elementwise;
    c.threads = get("threads", 0);
    c.vector = get("vector", problem.maxVector);
    c.grid = gridX(elementwiseGrid(target, problem.elements, c));
    break;
  }
  }
  if (!error.empty())
    return nullptr;
  DictionaryAttr dict = buildLaunch(b, target, problem, launch, error);
  if (!dict)
    return nullptr;
  for (const auto &field : json) {
    Attribute given = jsonToAttr(b, field.second);
    Attribute needed = dict.get(field.first.str());
    if (given != needed) {
      std::string text;
      llvm::raw_string_ostream os(text);
      os << "'" << field.first.str() << "' is ";
      printLaunchValue(os, given);
      os << ", but the configuration needs ";
      printLaunchValue(os, needed);
      error = text;
      return nullptr;
    }
  }
  return dict;
}

} // namespace mlir::tessera

#endif // TESSERA_PASSES_TILELAUNCH_H
