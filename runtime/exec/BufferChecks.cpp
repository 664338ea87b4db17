//===- BufferChecks.cpp - Check the buffers of a run ----------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// checkHostBuffers and checkDeviceBuffers (CudaSupport.h): pure functions,
// no CUDA; pointers are compared, never dereferenced.
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/CudaSupport.h"

#include "runtime/status.h"

#include <cinttypes>

namespace tessera::exec {

using bundle::TensorDesc;

std::string formatShape(const int64_t *shape, size_t rank) {
  std::string text = "[";
  for (size_t d = 0; d < rank; ++d)
    text += (d ? ", " : "") + std::to_string(shape[d]);
  return text + "]";
}

tessera_status_t checkHostBuffers(const std::vector<TensorDesc> &descs,
                                  const char *what, const void *const *pointers,
                                  const size_t *sizes, size_t count) {
  if (count != descs.size())
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "expected %zu %ss, got %zu", descs.size(), what,
                               count);
  if (count && (!pointers || !sizes))
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "the %s pointers and sizes must not be null",
                               what);
  for (size_t i = 0; i < count; ++i) {
    const TensorDesc &desc = descs[i];
    if (sizes[i] != desc.numBytes())
      return TESSERA_MAKE_STATUS(
          TESSERA_STATUS_INVALID_ARGUMENT,
          "%s %zu '%s': expected %llu bytes (%s), got %zu", what, i,
          desc.name.c_str(), static_cast<unsigned long long>(desc.numBytes()),
          bundle::dtypeName(desc.dtype), sizes[i]);
    if (!pointers[i] && sizes[i])
      return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                                 "%s %zu '%s' is null", what, i,
                                 desc.name.c_str());
  }
  return nullptr;
}

/// Checks the views of one side of the signature.
static tessera_status_t checkViews(const std::vector<TensorDesc> &descs,
                                   const char *what,
                                   const tessera_buffer_view_t *views,
                                   size_t count) {
  if (count != descs.size())
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "expected %zu %ss, got %zu", descs.size(), what,
                               count);
  if (count && !views)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "the %s views must not be null", what);
  for (size_t i = 0; i < count; ++i) {
    const TensorDesc &desc = descs[i];
    const tessera_buffer_view_t &view = views[i];
    const std::string expectedShape =
        formatShape(desc.shape.data(), desc.shape.size());
    if (static_cast<unsigned>(view.dtype) != static_cast<unsigned>(desc.dtype))
      return TESSERA_MAKE_STATUS(
          TESSERA_STATUS_INVALID_ARGUMENT,
          "%s %zu '%s': expected dtype %s, got %s", what, i, desc.name.c_str(),
          bundle::dtypeName(desc.dtype), tessera_dtype_name(view.dtype));
    if (view.rank && !view.shape)
      return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                                 "%s %zu '%s': rank %zu but the shape is null",
                                 what, i, desc.name.c_str(), view.rank);
    bool sameShape = view.rank == desc.shape.size();
    for (size_t d = 0; sameShape && d < view.rank; ++d)
      sameShape = view.shape[d] == desc.shape[d];
    if (!sameShape)
      return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                                 "%s %zu '%s': expected shape %s, got %s", what,
                                 i, desc.name.c_str(), expectedShape.c_str(),
                                 formatShape(view.shape, view.rank).c_str());
    if (view.byte_size != desc.numBytes())
      return TESSERA_MAKE_STATUS(
          TESSERA_STATUS_INVALID_ARGUMENT,
          "%s %zu '%s': expected %llu bytes (%s %s), got %llu", what, i,
          desc.name.c_str(), static_cast<unsigned long long>(desc.numBytes()),
          bundle::dtypeName(desc.dtype), expectedShape.c_str(),
          static_cast<unsigned long long>(view.byte_size));
    if (!view.data && view.byte_size)
      return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                                 "%s %zu '%s' is null", what, i,
                                 desc.name.c_str());
    auto address = reinterpret_cast<uintptr_t>(view.data);
    if (view.byte_size && address % kDeviceBufferAlignment)
      return TESSERA_MAKE_STATUS(
          TESSERA_STATUS_INVALID_ARGUMENT,
          "%s %zu '%s': device pointer 0x%" PRIxPTR " is not %llu-byte aligned",
          what, i, desc.name.c_str(), address,
          static_cast<unsigned long long>(kDeviceBufferAlignment));
  }
  return nullptr;
}

/// Whether the byte ranges of |a| and |b| intersect (empty ones never do).
static bool overlaps(const tessera_buffer_view_t &a,
                     const tessera_buffer_view_t &b) {
  if (!a.byte_size || !b.byte_size)
    return false;
  auto a0 = reinterpret_cast<uintptr_t>(a.data);
  auto b0 = reinterpret_cast<uintptr_t>(b.data);
  return a0 < b0 + b.byte_size && b0 < a0 + a.byte_size;
}

tessera_status_t checkDeviceBuffers(const bundle::Model &model,
                                    const tessera_buffer_view_t *inputs,
                                    size_t inputCount,
                                    const tessera_buffer_view_t *outputs,
                                    size_t outputCount) {
  TESSERA_RETURN_IF_ERROR(
      checkViews(model.inputs, "input", inputs, inputCount));
  TESSERA_RETURN_IF_ERROR(
      checkViews(model.outputs, "output", outputs, outputCount));
  // Outputs are written while inputs and other outputs are read: no output
  // may share bytes with another tensor of the run.
  for (size_t o = 0; o < outputCount; ++o) {
    for (size_t p = 0; p < o; ++p)
      if (overlaps(outputs[o], outputs[p]))
        return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                                   "output %zu '%s' overlaps output %zu '%s'",
                                   o, model.outputs[o].name.c_str(), p,
                                   model.outputs[p].name.c_str());
    for (size_t i = 0; i < inputCount; ++i)
      if (overlaps(outputs[o], inputs[i]))
        return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                                   "output %zu '%s' overlaps input %zu '%s'", o,
                                   model.outputs[o].name.c_str(), i,
                                   model.inputs[i].name.c_str());
  }
  return nullptr;
}

tessera_status_t checkPointerKind(const char *what, size_t index,
                                  const std::string &name, const void *pointer,
                                  PointerKind kind, int device, int ordinal) {
  auto address = reinterpret_cast<uintptr_t>(pointer);
  if (kind == PointerKind::Unregistered)
    return TESSERA_MAKE_STATUS(
        TESSERA_STATUS_INVALID_ARGUMENT,
        "%s %zu '%s': 0x%" PRIxPTR
        " is pageable host memory, not memory of CUDA device %d",
        what, index, name.c_str(), address, ordinal);
  if (kind == PointerKind::Device && device != ordinal)
    return TESSERA_MAKE_STATUS(
        TESSERA_STATUS_INVALID_ARGUMENT,
        "%s %zu '%s': 0x%" PRIxPTR
        " is memory of CUDA device %d, not of CUDA device %d",
        what, index, name.c_str(), address, device, ordinal);
  return nullptr;
}

} // namespace tessera::exec
