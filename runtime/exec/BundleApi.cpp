//===- BundleApi.cpp - The C API of bundles and contexts ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/CudaSupport.h"
#include "runtime/exec/Executor.h"
#include "runtime/status.h"
#include "runtime/tessera_runtime.h"

#include <new>

using tessera::exec::Executor;
using tessera::exec::LoadedBundle;

struct tessera_bundle_t {
  std::shared_ptr<LoadedBundle> loaded;
};

struct tessera_context_t {
  std::unique_ptr<Executor> executor;
};

static tessera_status_t wrapBundle(std::shared_ptr<LoadedBundle> loaded,
                                   tessera_bundle_t **out_bundle) {
  auto *bundle = new (std::nothrow) tessera_bundle_t;
  if (!bundle)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_RESOURCE_EXHAUSTED,
                               "out of memory loading a bundle");
  bundle->loaded = std::move(loaded);
  *out_bundle = bundle;
  return nullptr;
}

const char *tessera_dtype_name(tessera_dtype_t dtype) {
  if (static_cast<unsigned>(dtype) > TESSERA_DTYPE_I1)
    return "?";
  return tessera::bundle::dtypeName(static_cast<tessera::bundle::DType>(dtype));
}

tessera_status_t tessera_bundle_load_file(const char *path,
                                          tessera_bundle_t **out_bundle) {
  if (!out_bundle)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "out_bundle must not be null");
  *out_bundle = nullptr;
  if (!path)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "path must not be null");
  std::shared_ptr<LoadedBundle> loaded;
  TESSERA_RETURN_IF_ERROR(LoadedBundle::loadFile(path, loaded));
  return wrapBundle(std::move(loaded), out_bundle);
}

tessera_status_t tessera_bundle_load_memory(const void *data, size_t size,
                                            tessera_bundle_t **out_bundle) {
  if (!out_bundle)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "out_bundle must not be null");
  *out_bundle = nullptr;
  if (!data && size)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "data must not be null");
  std::shared_ptr<LoadedBundle> loaded;
  TESSERA_RETURN_IF_ERROR(LoadedBundle::loadMemory(
      std::string_view(static_cast<const char *>(data), size), "<memory>",
      loaded));
  return wrapBundle(std::move(loaded), out_bundle);
}

void tessera_bundle_release(tessera_bundle_t *bundle) { delete bundle; }

const char *tessera_bundle_precision(const tessera_bundle_t *bundle) {
  return bundle
             ? tessera::bundle::precisionName(bundle->loaded->model().precision)
             : "";
}

uint64_t tessera_bundle_arena_size(const tessera_bundle_t *bundle) {
  return bundle ? bundle->loaded->model().arenaBytes : 0;
}

uint64_t tessera_bundle_weights_size(const tessera_bundle_t *bundle) {
  return bundle ? bundle->loaded->weights().size() : 0;
}

size_t tessera_bundle_input_count(const tessera_bundle_t *bundle) {
  return bundle ? bundle->loaded->model().inputs.size() : 0;
}

size_t tessera_bundle_output_count(const tessera_bundle_t *bundle) {
  return bundle ? bundle->loaded->model().outputs.size() : 0;
}

static tessera_status_t describe(const tessera_bundle_t *bundle, size_t index,
                                 bool input, tessera_tensor_desc_t *out_desc) {
  if (!out_desc)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "out_desc must not be null");
  *out_desc = tessera_tensor_desc_t{};
  if (!bundle)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "bundle must not be null");
  const auto &list =
      input ? bundle->loaded->model().inputs : bundle->loaded->model().outputs;
  if (index >= list.size())
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_OUT_OF_RANGE,
                               "%s %zu out of range: the bundle has %zu",
                               input ? "input" : "output", index, list.size());
  const tessera::bundle::TensorDesc &desc = list[index];
  out_desc->name = desc.name.c_str();
  out_desc->dtype = static_cast<tessera_dtype_t>(desc.dtype);
  out_desc->rank = desc.shape.size();
  out_desc->shape = desc.shape.data();
  out_desc->byte_size = desc.numBytes();
  return nullptr;
}

tessera_status_t tessera_bundle_input_desc(const tessera_bundle_t *bundle,
                                           size_t index,
                                           tessera_tensor_desc_t *out_desc) {
  return describe(bundle, index, true, out_desc);
}

tessera_status_t tessera_bundle_output_desc(const tessera_bundle_t *bundle,
                                            size_t index,
                                            tessera_tensor_desc_t *out_desc) {
  return describe(bundle, index, false, out_desc);
}

void tessera_context_options_init(tessera_context_options_t *options) {
  if (!options)
    return;
  options->device_kind = TESSERA_DEVICE_KIND_EMU;
  options->device_ordinal = 0;
  options->target = nullptr;
  options->emu_check = 0;
  options->disable_cuda_graphs = 0;
  options->force_jit = 0;
}

tessera_status_t
tessera_context_create(tessera_bundle_t *bundle,
                       const tessera_context_options_t *options,
                       tessera_context_t **out_context) {
  if (!out_context)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "out_context must not be null");
  *out_context = nullptr;
  if (!bundle)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "bundle must not be null");
  tessera_context_options_t defaults;
  tessera_context_options_init(&defaults);
  if (!options)
    options = &defaults;
  tessera::exec::ExecOptions exec;
  exec.target = options->target ? options->target : "";
  exec.deviceOrdinal = options->device_ordinal;
  exec.emuMode =
      options->emu_check ? tessera::emu::Mode::Check : tessera::emu::Mode::Fast;
  exec.cudaGraphs = options->disable_cuda_graphs == 0;
  exec.forceJit = options->force_jit != 0;
  std::unique_ptr<Executor> executor;
  switch (options->device_kind) {
  case TESSERA_DEVICE_KIND_EMU:
    TESSERA_RETURN_IF_ERROR(
        tessera::exec::createEmuExecutor(bundle->loaded, exec, executor));
    break;
  case TESSERA_DEVICE_KIND_CUDA:
    if (options->device_ordinal < 0)
      return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                                 "expected device ordinal >= 0, got %d",
                                 options->device_ordinal);
    TESSERA_RETURN_IF_ERROR(
        tessera::exec::createCudaExecutor(bundle->loaded, exec, executor));
    break;
  default:
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "unknown device kind %d",
                               static_cast<int>(options->device_kind));
  }
  auto *context = new (std::nothrow) tessera_context_t;
  if (!context)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_RESOURCE_EXHAUSTED,
                               "out of memory creating a context");
  context->executor = std::move(executor);
  *out_context = context;
  return nullptr;
}

void tessera_context_release(tessera_context_t *context) { delete context; }

const char *tessera_context_target(const tessera_context_t *context) {
  return context ? context->executor->target().c_str() : "";
}

tessera_status_t
tessera_context_run_host(tessera_context_t *context, const void *const *inputs,
                         const size_t *input_sizes, size_t input_count,
                         void *const *outputs, const size_t *output_sizes,
                         size_t output_count) {
  if (!context)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "context must not be null");
  const tessera::bundle::Model &model = context->executor->bundle().model();
  TESSERA_RETURN_IF_ERROR(tessera::exec::checkHostBuffers(
      model.inputs, "input", inputs, input_sizes, input_count));
  TESSERA_RETURN_IF_ERROR(tessera::exec::checkHostBuffers(
      model.outputs, "output", const_cast<const void *const *>(outputs),
      output_sizes, output_count));
  return context->executor->runHost(inputs, outputs);
}

tessera_status_t tessera_context_run_device(
    tessera_context_t *context, void *stream,
    const tessera_buffer_view_t *inputs, size_t input_count,
    const tessera_buffer_view_t *outputs, size_t output_count) {
  if (!context)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "context must not be null");
  const tessera::bundle::Model &model = context->executor->bundle().model();
  TESSERA_RETURN_IF_ERROR(tessera::exec::checkDeviceBuffers(
      model, inputs, input_count, outputs, output_count));
  std::vector<const void *> inputPointers(input_count);
  std::vector<void *> outputPointers(output_count);
  for (size_t i = 0; i < input_count; ++i)
    inputPointers[i] = inputs[i].data;
  for (size_t o = 0; o < output_count; ++o)
    outputPointers[o] = outputs[o].data;
  return context->executor->runDevice(stream, inputPointers.data(),
                                      outputPointers.data());
}
