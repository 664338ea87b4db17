//===- TargetSelection.cpp - Pick a bundle's code for a device -----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// selectTarget, the source JIT (NVRTC through the disk cache) and the
// environment over the CUDA options (CudaSupport.h). No cudart here: all of
// it runs without a GPU.
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/CudaSupport.h"

#include "runtime/nvrtc/NvrtcCache.h"
#include "runtime/status.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

namespace tessera::exec {

using bundle::Model;
using bundle::TargetCode;

int targetCapability(std::string_view target, bool &specific) {
  specific = false;
  if (target.substr(0, 3) != "sm_")
    return -1;
  std::string_view digits = target.substr(3);
  if (!digits.empty() && (digits.back() == 'a' || digits.back() == 'f')) {
    specific = true;
    digits.remove_suffix(1);
  }
  if (digits.size() < 2 || digits.size() > 4 ||
      digits.find_first_not_of("0123456789") != std::string_view::npos)
    return -1;
  return std::stoi(std::string(digits));
}

const char *imageSourceName(ImageSource source) {
  switch (source) {
  case ImageSource::Cubin:
    return "cubin";
  case ImageSource::Ptx:
    return "PTX";
  case ImageSource::Jit:
    return "CUDA source (NVRTC)";
  }
  return "?";
}

static std::string smOf(int capability) {
  return "sm_" + std::to_string(capability / 10) +
         std::to_string(capability % 10);
}

/// "sm_90a (cubin, PTX), sm_80 (no images)".
static std::string listTargets(const Model &model) {
  std::string known;
  for (const TargetCode &target : model.targets) {
    std::string what;
    if (!target.cubins.empty())
      what = "cubin";
    if (!target.ptxs.empty())
      what += what.empty() ? "PTX" : ", PTX";
    known += (known.empty() ? "" : ", ") + target.target + " (" +
             (what.empty() ? "no images" : what) + ")";
  }
  return known.empty() ? "no targets" : known;
}

tessera_status_t selectTarget(const Model &model, std::string_view label,
                              std::string_view requested, int capability,
                              bool forceJit, TargetChoice &out) {
  out = TargetChoice();
  const std::string device = smOf(capability);
  std::vector<size_t> candidates;
  for (size_t t = 0; t < model.targets.size(); ++t)
    if (requested.empty() || model.targets[t].target == requested)
      candidates.push_back(t);
  if (model.targets.empty())
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_NOT_FOUND,
                               "%.*s: the bundle has no targets",
                               static_cast<int>(label.size()), label.data());
  if (candidates.empty())
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_NOT_FOUND,
                               "%.*s: no plan for target '%.*s' (the "
                               "bundle has %s)",
                               static_cast<int>(label.size()), label.data(),
                               static_cast<int>(requested.size()),
                               requested.data(), listTargets(model).c_str());

  if (!forceJit) {
    // 1. A cubin for exactly this device.
    for (size_t t : candidates) {
      bool specific;
      const TargetCode &target = model.targets[t];
      if (targetCapability(target.target, specific) == capability &&
          !target.cubins.empty()) {
        out.target = t;
        out.source = ImageSource::Cubin;
        return nullptr;
      }
    }
    // 2. The newest PTX the device can JIT.
    int bestCapability = -1;
    for (size_t t : candidates) {
      bool specific;
      const TargetCode &target = model.targets[t];
      int cc = targetCapability(target.target, specific);
      bool fits = cc > 0 && !target.ptxs.empty() &&
                  (specific ? cc == capability : cc <= capability);
      if (fits && cc > bestCapability) {
        bestCapability = cc;
        out.target = t;
        out.source = ImageSource::Ptx;
      }
    }
    if (bestCapability > 0)
      return nullptr;
  }

  // 3. The bundled source, compiled for this device.
  bool haveSources = true;
  for (const bundle::Image &image : model.images)
    haveSources = haveSources && !image.source.empty();
  if (!haveSources)
    return TESSERA_MAKE_STATUS(
        TESSERA_STATUS_NOT_FOUND,
        "%.*s: no cubin or PTX for %s and no CUDA source to compile (the "
        "bundle has %s)",
        static_cast<int>(label.size()), label.data(), device.c_str(),
        listTargets(model).c_str());
  // The plan of the newest target the device runs (an architecture-specific
  // one only on its own architecture), else of the oldest target.
  int best = -1, oldest = 1 << 30;
  size_t bestIndex = candidates[0], oldestIndex = candidates[0];
  bool bestSpecific = false;
  for (size_t t : candidates) {
    bool specific;
    int cc = targetCapability(model.targets[t].target, specific);
    if (cc < 0)
      continue;
    bool fits = specific ? cc == capability : cc <= capability;
    // Prefer the plain target over an "a" one of the same capability.
    if (fits && (cc > best || (cc == best && bestSpecific && !specific))) {
      best = cc;
      bestIndex = t;
      bestSpecific = specific;
    }
    if (cc < oldest) {
      oldest = cc;
      oldestIndex = t;
    }
  }
  out.target = best >= 0 ? bestIndex : oldestIndex;
  out.source = ImageSource::Jit;
  out.jitArch = best == capability && bestSpecific
                    ? model.targets[out.target].target
                    : device;
  return nullptr;
}

std::string imageFileName(const Model &model, size_t image) {
  for (const bundle::KernelInfo &kernel : model.kernels)
    if (kernel.image == image)
      return kernel.name + ".cu";
  return "image" + std::to_string(image) + ".cu";
}

tessera_status_t compileSourcesForDevice(const Model &model,
                                         std::string_view label,
                                         const std::string &arch,
                                         std::vector<std::string> &cubins,
                                         const std::string &cacheDir) {
  cubins.assign(model.images.size(), std::string());
  std::vector<nvrtc::CompileResult> results(model.images.size());
  nvrtc::CacheOptions cache;
  cache.dir = cacheDir;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < results.size(); i = next++)
      results[i] = nvrtc::compileCached(
          model.images[i].source, imageFileName(model, i), arch, {}, cache);
  };
  size_t workers = std::min<size_t>(
      results.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w)
    threads.emplace_back(work);
  work();
  for (std::thread &thread : threads)
    thread.join();
  for (size_t i = 0; i < results.size(); ++i) {
    nvrtc::CompileResult &result = results[i];
    if (result.ok && !result.cubin.empty()) {
      cubins[i].assign(result.cubin.begin(), result.cubin.end());
      continue;
    }
    std::string name = imageFileName(model, i);
    name.resize(name.size() - 3); // ".cu"
    bool noNvrtc = result.log.find("NVRTC not found") != std::string::npos ||
                   result.log.find("lacks an entry point") != std::string::npos;
    cubins.clear();
    return TESSERA_MAKE_STATUS(
        noNvrtc ? TESSERA_STATUS_UNAVAILABLE : TESSERA_STATUS_INTERNAL,
        "%.*s: compiling the CUDA source of kernel '%s' for %s failed: %s",
        static_cast<int>(label.size()), label.data(), name.c_str(),
        arch.c_str(),
        result.ok ? "NVRTC produced no cubin" : result.log.c_str());
  }
  return nullptr;
}

CudaRunOptions resolveCudaOptions(bool graphsOption, bool forceJitOption,
                                  const char *graphsEnv,
                                  const char *forceJitEnv) {
  CudaRunOptions options;
  options.graphs = graphsOption && !(graphsEnv && !std::strcmp(graphsEnv, "0"));
  options.forceJit = forceJitOption || (forceJitEnv && *forceJitEnv &&
                                        std::strcmp(forceJitEnv, "0") != 0);
  return options;
}

} // namespace tessera::exec
