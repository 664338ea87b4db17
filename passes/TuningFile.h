//===- TuningFile.h - Launch-configuration overrides ------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads the tuning file of tessera-tile (the format the autotuner writes):
//
//   {"version": 1, "entries": [
//     {"target": "sm_90a", "signature": "<kernelSignature>",
//      "launch": {"block": [128, 256, 64], "warp": [64, 256], ...}}]}
//
// Loading checks the JSON, the entry fields and the type of every launch
// field; whether a launch suits its kernel and fits the target is checked
// when it is applied (Tile.cpp). Extra entry fields (timings, notes) are
// allowed; unknown launch fields are not.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_TUNINGFILE_H
#define TESSERA_PASSES_TUNINGFILE_H

#include "passes/TargetInfo.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <string>

namespace mlir::tessera {

class KernelOp;

/// The key of `kernel` in a tuning file (defined in Tile.cpp, documented in
/// docs/tiling.md): `<kind>:<input types>-><result types>:<ops>`, e.g.
/// `matmul:f16[1x128x768],f16[768x3072],f16[3072]->f16[1x128x3072]:`
/// `matmul+add+gelu`.
std::string kernelSignature(KernelOp kernel);

/// One entry: its index in "entries" and its launch object.
struct TuningEntry {
  size_t index = 0;
  llvm::json::Object launch;
};

/// The entries of one tuning file, keyed by tuningKey(target, signature).
struct TuningTable {
  std::string path;
  llvm::StringMap<TuningEntry> entries;
};

inline std::string tuningKey(llvm::StringRef target,
                             llvm::StringRef signature) {
  return (target + "|" + signature).str();
}

/// The JSON type of each launch field.
enum class LaunchFieldType { Int, IntArray, String, Bool };

/// Every launch field any kernel kind uses, with its type.
inline std::optional<LaunchFieldType> launchFieldType(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<LaunchFieldType>>(name)
      .Cases("warps", "stages", "split_k", "threads", "smem", "vector",
             LaunchFieldType::Int)
      .Cases("threads_per_row", "rows_per_block", LaunchFieldType::Int)
      .Cases("block", "warp", "grid", "head_dim", LaunchFieldType::IntArray)
      .Cases("mma", "strategy", LaunchFieldType::String)
      .Case("one_pass", LaunchFieldType::Bool)
      .Default(std::nullopt);
}

/// Whether `value` has the JSON type `type`.
inline bool hasLaunchFieldType(const llvm::json::Value &value,
                               LaunchFieldType type) {
  switch (type) {
  case LaunchFieldType::Int:
    return value.getAsInteger().has_value();
  case LaunchFieldType::IntArray: {
    const llvm::json::Array *array = value.getAsArray();
    return array && llvm::all_of(*array, [](const llvm::json::Value &v) {
             return v.getAsInteger().has_value();
           });
  }
  case LaunchFieldType::String:
    return value.getAsString().has_value();
  case LaunchFieldType::Bool:
    return value.getAsBoolean().has_value();
  }
  return false;
}

/// How messages name the tuning file `path`.
inline std::string tuningFileName(llvm::StringRef path) {
  return "tuning file '" + path.str() + "'";
}

/// Reads and parses the tuning file `path` into `json`; returns "" or the
/// error message, which names the file.
inline std::string readTuningJson(llvm::StringRef path,
                                  llvm::json::Value &json) {
  std::string where = tuningFileName(path);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return "cannot read " + where + ": " + buffer.getError().message();
  llvm::Expected<llvm::json::Value> parsed =
      llvm::json::parse((*buffer)->getBuffer());
  if (!parsed)
    return where + ": invalid JSON: " + llvm::toString(parsed.takeError());
  json = std::move(*parsed);
  return "";
}

/// Reads `path` into `table`; returns "" or the one error message, which
/// names the file and, for an entry, its index.
inline std::string loadTuningFile(llvm::StringRef path, TuningTable &table) {
  table.path = path.str();
  std::string where = tuningFileName(path);
  llvm::json::Value json = nullptr;
  if (std::string error = readTuningJson(path, json); !error.empty())
    return error;
  const llvm::json::Object *root = json.getAsObject();
  const llvm::json::Array *entries = root ? root->getArray("entries") : nullptr;
  if (!root || root->getInteger("version") != 1 || !entries)
    return where + ": expected an object with \"version\": 1 and an "
                   "\"entries\" array";
  for (auto [index, value] : llvm::enumerate(*entries)) {
    std::string at = where + ": entry " + std::to_string(index);
    const llvm::json::Object *entry = value.getAsObject();
    if (!entry)
      return at + ": expected an object";
    std::optional<llvm::StringRef> target = entry->getString("target");
    std::optional<llvm::StringRef> signature = entry->getString("signature");
    const llvm::json::Object *launch = entry->getObject("launch");
    if (!target)
      return at + ": expected a string field 'target'";
    if (!signature)
      return at + ": expected a string field 'signature'";
    if (!launch)
      return at + ": expected an object field 'launch'";
    if (!lookupTarget(*target))
      return at + ": unknown target '" + target->str() +
             "'; valid targets: " + validTargetNames();
    for (const auto &[key, field] : *launch) {
      std::optional<LaunchFieldType> type = launchFieldType(key);
      if (!type)
        return at + ": unknown launch field '" + key.str() + "'";
      if (!hasLaunchFieldType(field, *type))
        return at + ": launch field '" + key.str() + "' must be " +
               (*type == LaunchFieldType::Int        ? "an integer"
                : *type == LaunchFieldType::IntArray ? "an array of integers"
                : *type == LaunchFieldType::String   ? "a string"
                                                     : "a boolean");
    }
    auto [it, inserted] = table.entries.try_emplace(
        tuningKey(*target, *signature), TuningEntry{index, *launch});
    if (!inserted)
      return at + ": same target and signature as entry " +
             std::to_string(it->second.index);
  }
  return "";
}

} // namespace mlir::tessera

#endif // TESSERA_PASSES_TUNINGFILE_H
