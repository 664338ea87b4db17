//===- LoadedBundle.cpp - Load and decode a bundle ------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/Executor.h"

#include "runtime/status.h"

#include <sys/stat.h>

namespace tessera::exec {

tessera_status_t LoadedBundle::loadFile(const std::string &path,
                                        std::shared_ptr<LoadedBundle> &out) {
  out.reset();
  struct stat info;
  if (::stat(path.c_str(), &info) != 0)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_NOT_FOUND,
                               "%s: no such bundle file", path.c_str());
  std::string error;
  std::unique_ptr<bundle::Bundle> container =
      bundle::Bundle::openFile(path, error);
  if (!container)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_DATA_LOSS, "%s", error.c_str());
  return finish(std::move(container), path, out);
}

tessera_status_t LoadedBundle::loadMemory(std::string_view bytes,
                                          std::string_view label,
                                          std::shared_ptr<LoadedBundle> &out) {
  out.reset();
  std::string error;
  std::unique_ptr<bundle::Bundle> container =
      bundle::Bundle::fromMemory(bytes, label, error);
  if (!container)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_DATA_LOSS, "%s", error.c_str());
  return finish(std::move(container), label, out);
}

tessera_status_t LoadedBundle::finish(std::unique_ptr<bundle::Bundle> container,
                                      std::string_view label,
                                      std::shared_ptr<LoadedBundle> &out) {
  std::string error;
  bundle::DecodeOptions options;
  options.copyWeights = false;
  std::optional<bundle::Model> model =
      bundle::decodeBundle(*container, options, error);
  if (!model)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_DATA_LOSS, "%.*s: %s",
                               static_cast<int>(label.size()), label.data(),
                               error.c_str());
  auto loaded = std::shared_ptr<LoadedBundle>(new LoadedBundle());
  loaded->decoded = std::move(*model);
  loaded->weightBytes = container->find("weights")->bytes;
  loaded->file = std::move(container);
  loaded->name = std::string(label);
  out = std::move(loaded);
  return nullptr;
}

const bundle::TargetCode *
LoadedBundle::findTarget(std::string_view target) const {
  for (const bundle::TargetCode &code : decoded.targets)
    if (code.target == target)
      return &code;
  return nullptr;
}

std::string describeStep(const bundle::Model &model, size_t index,
                         const bundle::Step &step) {
  std::string text = "step " + std::to_string(index);
  if (step.kind == bundle::Step::Kind::Copy)
    return text + " (copy)";
  const bundle::KernelInfo &kernel = model.kernels[step.kernel];
  text += ": kernel '" + kernel.name + "'";
  if (!kernel.nodes.empty()) {
    text += " (nodes ";
    for (size_t i = 0; i < kernel.nodes.size(); ++i)
      text += (i ? ", " : "") + kernel.nodes[i];
    text += ")";
  }
  return text;
}

tessera_status_t Executor::runDevice(void *stream, const void *const *inputs,
                                     void *const *outputs) {
  if (stream)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "%s: the emulator runs on no CUDA stream: pass "
                               "a null stream and host pointers",
                               loaded->label().c_str());
  return runHost(inputs, outputs);
}

std::string smName(int major, int minor) {
  return "sm_" + std::to_string(major) + std::to_string(minor);
}

} // namespace tessera::exec
