// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera-devices: lists the CUDA devices the Tessera runtime can use, as
// tab-separated data on stdout (one header line, then one line per device).
// Exit status: 0 on success, 1 when no device is usable (the reason goes to
// stderr), 2 on bad usage.

#include "runtime/tessera_runtime.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace {

constexpr const char *kToolName = "tessera-devices";

constexpr int kExitSuccess = 0;
constexpr int kExitNoDevice = 1;
constexpr int kExitUsage = 2;

/// Prints the usage text to |stream|.
void printUsage(std::FILE *stream) {
  std::fprintf(
      stream,
      "usage: %s [--help] [--version]\n"
      "\n"
      "Lists the CUDA devices the Tessera runtime can use as tab-separated\n"
      "data: a header line, then one line per device with its ordinal, name,\n"
      "compute capability, memory in bytes and multiprocessor count.\n"
      "\n"
      "Exit status: 0 on success, 1 when no CUDA device is usable, 2 on bad\n"
      "usage.\n",
      kToolName);
}

/// Prints |status|'s message as "tessera-devices: <message>" to stderr and
/// frees it.
void reportAndFree(tessera_status_t status) {
  std::fprintf(stderr, "%s: %s\n", kToolName, tessera_status_message(status));
  tessera_status_free(status);
}

/// Prints one line of data for the device with |ordinal|.
tessera_status_t printDevice(int ordinal) {
  tessera_device_t *device = nullptr;
  if (tessera_status_t status = tessera_device_create(ordinal, &device))
    return status;
  int major = 0;
  int minor = 0;
  tessera_device_compute_capability(device, &major, &minor);
  std::printf("%d\t%s\t%d.%d\t%" PRIu64 "\t%d\n",
              tessera_device_ordinal(device), tessera_device_name(device),
              major, minor, tessera_device_total_memory(device),
              tessera_device_multiprocessor_count(device));
  tessera_device_release(device);
  return nullptr;
}

} // namespace

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      printUsage(stdout);
      return kExitSuccess;
    }
    if (!std::strcmp(argv[i], "--version")) {
      std::printf("%s %s\n", kToolName, tessera_runtime_version());
      return kExitSuccess;
    }
    std::fprintf(stderr, "%s: unknown argument '%s'\n", kToolName, argv[i]);
    printUsage(stderr);
    return kExitUsage;
  }

  int count = 0;
  if (tessera_status_t status = tessera_device_count(&count)) {
    reportAndFree(status);
    return kExitNoDevice;
  }
  std::printf("ordinal\tname\tcompute_capability\tmemory_bytes\t"
              "multiprocessors\n");
  for (int ordinal = 0; ordinal < count; ++ordinal) {
    if (tessera_status_t status = printDevice(ordinal)) {
      reportAndFree(status);
      return kExitNoDevice;
    }
  }
  return kExitSuccess;
}
