//===- MatmulChoice.cpp - --matmul and the tuning file's choices ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "compiler/bundle/MatmulChoice.h"

#include "ir/TesseraOps.h"
#include "passes/TuningFile.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"

#include <memory>

using namespace mlir;
using namespace mlir::tessera;

const char *const mlir::tessera::kMatmulHelp =
    "Who computes the matmul kernels: generated (every kernel is Tessera's "
    "CUDA), cublaslt (a cuBLASLt call for every matmul kernel cuBLASLt can "
    "compute: operands straight from the kernel's inputs, uniform or "
    "broadcast batch, epilogue none, bias along N, ReLU or tanh-GELU; kernels "
    "with a residual add, a fused prologue or another epilogue stay "
    "generated), auto (per kernel: the tuning file's \"matmul\" choice, else "
    "cuBLASLt for GEMMs of at least 2^26 multiply-adds)";

std::optional<MatmulMode> mlir::tessera::parseMatmulMode(StringRef text) {
  return llvm::StringSwitch<std::optional<MatmulMode>>(text)
      .Case("generated", MatmulMode::Generated)
      .Case("cublaslt", MatmulMode::Cublaslt)
      .Case("auto", MatmulMode::Auto)
      .Default(std::nullopt);
}

std::string mlir::tessera::loadMatmulChoices(StringRef path, StringRef target,
                                             CodegenOptions &options) {
  options.matmulChoice = nullptr;
  if (path.empty())
    return "";
  std::string where = tuningFileName(path);
  llvm::json::Value json = nullptr;
  if (std::string error = readTuningJson(path, json); !error.empty())
    return error;
  const llvm::json::Object *root = json.getAsObject();
  const llvm::json::Array *entries = root ? root->getArray("entries") : nullptr;
  if (!entries)
    return where + ": expected an object with an \"entries\" array";
  auto choices = std::make_shared<llvm::StringMap<bool>>();
  // Entries of "entries" (next to a launch) and of "matmul" (a choice
  // alone, which the tiler does not read).
  const llvm::json::Array *alone = root->getArray("matmul");
  if (root->get("matmul") && !alone)
    return where + ": \"matmul\" must be an array";
  for (auto [list, name] :
       {std::pair{entries, "entry"}, std::pair{alone, "matmul entry"}}) {
    if (!list)
      continue;
    for (auto [index, value] : llvm::enumerate(*list)) {
      const llvm::json::Object *entry = value.getAsObject();
      bool required = list == alone;
      if (!required && (!entry || !entry->get("matmul")))
        continue; // the tiler (loadTuningFile) checks the rest
      std::string at = where + ": " + name + " " + std::to_string(index);
      if (!entry)
        return at + ": expected an object";
      std::optional<StringRef> choice = entry->getString("matmul");
      if (!choice || (*choice != "generated" && *choice != "cublaslt"))
        return at + ": field 'matmul' must be \"generated\" or \"cublaslt\"";
      std::optional<StringRef> entryTarget = entry->getString("target");
      std::optional<StringRef> signature = entry->getString("signature");
      if (!entryTarget || !signature)
        return at + ": expected string fields 'target' and 'signature'";
      if (*entryTarget == target)
        (*choices)[*signature] = *choice == "cublaslt";
    }
  }
  if (choices->empty())
    return "";
  options.matmulChoice = [choices](Operation *op) -> std::optional<bool> {
    auto kernel = dyn_cast<KernelOp>(op);
    if (!kernel)
      return std::nullopt;
    auto found = choices->find(kernelSignature(kernel));
    if (found == choices->end())
      return std::nullopt;
    return found->second;
  };
  return "";
}
