//===- EmuExecutor.cpp - Run a bundle's plan on the CPU emulator ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// All images' sources are compiled by the host JIT in one call (one shared
// object, cached on disk); the arena is host memory poisoned with 0xFF bytes
// (NaN for every float type) so that reading a buffer nothing wrote shows;
// the weights are used in place from the bundle; inputs and outputs are the
// caller's buffers.
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/Executor.h"
#include "runtime/exec/LibraryGemm.h"

#include "runtime/status.h"

#include <cstdlib>
#include <cstring>
#include <set>

namespace tessera::exec {
namespace {

using bundle::BufferKind;
using bundle::BufferRef;
using bundle::Model;
using bundle::Step;

struct FreeDeleter {
  void operator()(void *p) const { std::free(p); }
};

class EmuExecutor final : public Executor {
public:
  tessera_status_t init(std::shared_ptr<LoadedBundle> bundle,
                        const ExecOptions &options);
  tessera_status_t runHost(const void *const *inputs,
                           void *const *outputs) override;

private:
  const bundle::TargetCode *code = nullptr;
  std::unique_ptr<emu::HostModule> module;
  /// Per kernel of the model, its host entry.
  std::vector<const emu::KernelHandle *> handles;
  std::unique_ptr<unsigned char, FreeDeleter> arena;
  emu::Mode mode = emu::Mode::Fast;
  unsigned workers = 0;
};

tessera_status_t EmuExecutor::init(std::shared_ptr<LoadedBundle> bundle,
                                   const ExecOptions &options) {
  loaded = std::move(bundle);
  const Model &model = loaded->model();
  mode = options.emuMode;
  workers = options.emuWorkers;
  if (model.targets.empty())
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_FAILED_PRECONDITION,
                               "%s: the bundle has no plan",
                               loaded->label().c_str());
  code = options.target.empty() ? &model.targets.front()
                                : loaded->findTarget(options.target);
  if (!code) {
    std::string known;
    for (const bundle::TargetCode &target : model.targets)
      known += (known.empty() ? "" : ", ") + target.target;
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_NOT_FOUND,
                               "%s: no plan for target '%s' (the bundle has "
                               "%s)",
                               loaded->label().c_str(), options.target.c_str(),
                               known.c_str());
  }
  targetName = code->target;

  // One KernelSource per image that a kernel uses, listing its entries.
  std::vector<std::set<std::string>> entries(model.images.size());
  for (const bundle::KernelInfo &kernel : model.kernels)
    entries[kernel.image].insert(kernel.entry);
  std::vector<emu::KernelSource> sources;
  for (size_t i = 0; i < model.images.size(); ++i) {
    if (entries[i].empty())
      continue;
    emu::KernelSource source;
    source.fileName = *entries[i].begin() + ".cu";
    source.code = model.images[i].source;
    source.kernels.assign(entries[i].begin(), entries[i].end());
    sources.push_back(std::move(source));
  }
  if (!sources.empty()) {
    std::string error;
    module = emu::compileHostModule(sources, options.jit, error);
    if (!module)
      return TESSERA_MAKE_STATUS(TESSERA_STATUS_INTERNAL,
                                 "%s: building the kernels for the emulator "
                                 "failed: %s",
                                 loaded->label().c_str(), error.c_str());
  }
  for (const bundle::KernelInfo &kernel : model.kernels) {
    const emu::KernelHandle *handle = module->kernel(kernel.entry);
    if (!handle)
      return TESSERA_MAKE_STATUS(TESSERA_STATUS_INTERNAL,
                                 "%s: kernel '%s': no entry '%s' in the host "
                                 "module of image %u",
                                 loaded->label().c_str(), kernel.name.c_str(),
                                 kernel.entry.c_str(), kernel.image);
    handles.push_back(handle);
  }
  if (model.arenaBytes) {
    size_t bytes = (model.arenaBytes + 4095) / 4096 * 4096;
    arena.reset(static_cast<unsigned char *>(std::aligned_alloc(4096, bytes)));
    if (!arena)
      return TESSERA_MAKE_STATUS(
          TESSERA_STATUS_RESOURCE_EXHAUSTED,
          "%s: out of memory allocating the arena "
          "(%llu bytes; weights %zu bytes)",
          loaded->label().c_str(),
          static_cast<unsigned long long>(model.arenaBytes),
          loaded->weights().size());
    std::memset(arena.get(), 0xff, bytes);
  }
  return nullptr;
}

tessera_status_t EmuExecutor::runHost(const void *const *inputs,
                                      void *const *outputs) {
  const Model &model = loaded->model();
  auto address = [&](const BufferRef &ref) -> void * {
    switch (ref.kind) {
    case BufferKind::Arena:
      return arena.get() + ref.value;
    case BufferKind::Weight:
      return const_cast<char *>(loaded->weights().data()) + ref.value;
    case BufferKind::Input:
      return const_cast<void *>(inputs[ref.value]);
    case BufferKind::Output:
      return outputs[ref.value];
    }
    return nullptr;
  };
  std::vector<void *> pointers;
  std::vector<void *> argv;
  for (size_t s = 0; s < code->plan.size(); ++s) {
    const Step &step = code->plan[s];
    if (step.kind == Step::Kind::Copy) {
      if (step.args[0].bytes)
        std::memmove(address(step.args[1]), address(step.args[0]),
                     step.args[0].bytes);
      continue;
    }
    if (step.kind == Step::Kind::Gemm) { // a library GEMM (LibraryGemm.h)
      bool bias = bundle::gemmHasBias(step.gemm.epilogue);
      runGemmOnHost(
          step.gemm, static_cast<const float *>(address(step.args[0])),
          static_cast<const float *>(address(step.args[1])),
          bias ? static_cast<const float *>(address(step.args[2])) : nullptr,
          static_cast<float *>(address(step.args.back())));
      continue;
    }
    bindArguments(step, address, pointers, argv);
    emu::LaunchParams params;
    params.grid = {step.grid[0], step.grid[1], step.grid[2]};
    params.block = {step.block[0], step.block[1], step.block[2]};
    params.dynamicSharedBytes = step.sharedBytes;
    params.mode = mode;
    params.workers = workers;
    std::optional<std::string> error =
        emu::launch(*handles[step.kernel], params, argv.data());
    if (error)
      return TESSERA_MAKE_STATUS(
          TESSERA_STATUS_INTERNAL, "%s: %s: %s", loaded->label().c_str(),
          describeStep(model, s, step).c_str(), error->c_str());
  }
  return nullptr;
}

} // namespace

tessera_status_t createEmuExecutor(std::shared_ptr<LoadedBundle> bundle,
                                   const ExecOptions &options,
                                   std::unique_ptr<Executor> &out) {
  out.reset();
  auto executor = std::make_unique<EmuExecutor>();
  TESSERA_RETURN_IF_ERROR(executor->init(std::move(bundle), options));
  out = std::move(executor);
  return nullptr;
}

} // namespace tessera::exec
