// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera_device_t: enumeration, creation and properties of CUDA devices.
// Without a driver or device every entry point returns an UNAVAILABLE status;
// none of them crashes.

#include "runtime/device.h"

#include "runtime/cuda_status.h"

#include <cstring>
#include <new>

/// The context of every status that reports a missing driver or device.
static constexpr const char *kNoDeviceContext = "no CUDA device";

tessera_status_t tessera_device_count(int *out_count) {
  if (!out_count)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "out_count must not be null");
  *out_count = 0;
  int count = 0;
  TESSERA_CUDA_RETURN_IF_ERROR(cudaGetDeviceCount(&count), "%s",
                               kNoDeviceContext);
  // cudart reports cudaErrorNoDevice rather than 0 devices; keep one answer.
  if (count <= 0)
    return tessera::makeCudaStatus(cudaErrorNoDevice, __FILE__, __LINE__, "%s",
                                   kNoDeviceContext);
  *out_count = count;
  return nullptr;
}

tessera_status_t tessera_device_create(int ordinal,
                                       tessera_device_t **out_device) {
  if (!out_device)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "out_device must not be null");
  *out_device = nullptr;
  if (ordinal < 0)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_INVALID_ARGUMENT,
                               "expected device ordinal >= 0, got %d", ordinal);
  int count = 0;
  TESSERA_RETURN_IF_ERROR(tessera_device_count(&count));
  if (ordinal >= count)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_OUT_OF_RANGE,
                               "device ordinal %d out of range: %d CUDA "
                               "device(s) present",
                               ordinal, count);

  cudaDeviceProp properties;
  TESSERA_CUDA_RETURN_IF_ERROR(cudaGetDeviceProperties(&properties, ordinal),
                               "cannot read the properties of CUDA device %d",
                               ordinal);
  auto *device = new (std::nothrow) tessera_device_t;
  if (!device)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_RESOURCE_EXHAUSTED,
                               "out of memory creating device %d", ordinal);
  device->ordinal = ordinal;
  static_assert(sizeof(device->name) == sizeof(properties.name),
                "device name buffer must match cudaDeviceProp::name");
  std::memcpy(device->name, properties.name, sizeof(device->name));
  device->name[sizeof(device->name) - 1] = '\0';
  device->computeCapabilityMajor = properties.major;
  device->computeCapabilityMinor = properties.minor;
  device->totalMemory = properties.totalGlobalMem;
  device->multiprocessorCount = properties.multiProcessorCount;
  *out_device = device;
  return nullptr;
}

void tessera_device_release(tessera_device_t *device) { delete device; }

int tessera_device_ordinal(const tessera_device_t *device) {
  return device ? device->ordinal : -1;
}

const char *tessera_device_name(const tessera_device_t *device) {
  return device ? device->name : "";
}

void tessera_device_compute_capability(const tessera_device_t *device,
                                       int *out_major, int *out_minor) {
  if (out_major)
    *out_major = device ? device->computeCapabilityMajor : 0;
  if (out_minor)
    *out_minor = device ? device->computeCapabilityMinor : 0;
}

uint64_t tessera_device_total_memory(const tessera_device_t *device) {
  return device ? device->totalMemory : 0;
}

int tessera_device_multiprocessor_count(const tessera_device_t *device) {
  return device ? device->multiprocessorCount : 0;
}
