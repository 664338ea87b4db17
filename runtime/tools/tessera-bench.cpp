//===- tessera-bench.cpp - Time bundles on a CUDA device ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera-bench [--samples N] [--warmup N] [--min-sample-ms T] [--seed S]
//               [--no-graphs] [--copy-bytes B] BUNDLE...
//
// Runtime only (no compiler): the timing tool of bench/run_gpu.sh. For each
// bundle: the CUDA executor, device buffers for the inputs (random values,
// never zeros: RunInputs' randomTensor) and outputs, warm-up runs (module
// load, cuBLASLt's heuristic, the CUDA graph capture stay out), then N
// samples, each a batch of back-to-back runs (runDevice: device pointers on
// one stream, the plan replayed as a CUDA graph unless --no-graphs) between
// two CUDA events, the batch sized to last at least --min-sample-ms. Bundles
// with the same signature get the same inputs, and each one's outputs are
// compared with the first one's (relative L2 error), so a generated and a
// cuBLASLt bundle of one model check each other. --copy-bytes times a
// device-to-device cudaMemcpyAsync of B bytes the same way (the bandwidth
// ceiling for memory-bound kernels, counting bytes read plus written).
//
// Prints one JSON object per line: {"device", "bundle", "median_us",
// "min_us", "max_us", "samples", "runs_per_sample", "rel_err_vs", "rel_err",
// "graphs"} or {"device", "copy_bytes", "median_us", "gbps"}. Exit 1 on any
// error (the runtime's message on stderr), 2 on bad usage.
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/Executor.h"
#include "runtime/tensor/RunInputs.h"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace tessera;

struct Options {
  int samples = 20;
  int warmup = 3;
  double minSampleMs = 2.0;
  uint64_t seed = 1;
  bool graphs = true;
  uint64_t copyBytes = 0;
  std::vector<std::string> bundles;
};

int usage(const char *message) {
  std::fprintf(stderr,
               "tessera-bench: %s\nusage: tessera-bench [--samples N] "
               "[--warmup N] [--min-sample-ms T] [--seed S] [--no-graphs] "
               "[--copy-bytes B] BUNDLE...\n",
               message);
  return 2;
}

bool check(cudaError_t error, const char *what) {
  if (error == cudaSuccess)
    return true;
  std::fprintf(stderr, "tessera-bench: error: %s: %s\n", what,
               cudaGetErrorString(error));
  return false;
}

bool check(tessera_status_t status) {
  if (!status)
    return true;
  std::fprintf(stderr, "tessera-bench: error: %s\n",
               tessera_status_message(status));
  tessera_status_free(status);
  return false;
}

struct Timing {
  double medianUs = 0, minUs = 0, maxUs = 0;
  int runsPerSample = 1;
};

/// Times |run| (enqueueing one run on |stream|) as the header says.
template <class Run>
bool timeRuns(const Options &options, cudaStream_t stream, Run &&run,
              Timing &timing) {
  cudaEvent_t start, stop;
  if (!check(cudaEventCreate(&start), "cudaEventCreate") ||
      !check(cudaEventCreate(&stop), "cudaEventCreate"))
    return false;
  auto batch = [&](int runs, float &ms) {
    if (!check(cudaEventRecord(start, stream), "cudaEventRecord"))
      return false;
    for (int i = 0; i < runs; ++i)
      if (!run())
        return false;
    return check(cudaEventRecord(stop, stream), "cudaEventRecord") &&
           check(cudaEventSynchronize(stop), "running") &&
           check(cudaEventElapsedTime(&ms, start, stop), "timing");
  };
  float ms = 0;
  for (int i = 0; i < options.warmup; ++i)
    if (!batch(1, ms))
      return false;
  if (!batch(1, ms))
    return false;
  int runs = 1;
  if (ms > 0 && ms < options.minSampleMs)
    runs = static_cast<int>(
        std::min(10000.0, std::ceil(options.minSampleMs / ms)));
  std::vector<double> perRun;
  for (int s = 0; s < options.samples; ++s) {
    if (!batch(runs, ms))
      return false;
    perRun.push_back(1000.0 * ms / runs);
  }
  std::sort(perRun.begin(), perRun.end());
  timing.medianUs = perRun[perRun.size() / 2];
  timing.minUs = perRun.front();
  timing.maxUs = perRun.back();
  timing.runsPerSample = runs;
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  return true;
}

/// The signature of |model| as a key ("f32[4096,4096];f32[4096,4096]->…").
std::string signatureKey(const bundle::Model &model) {
  std::string key;
  for (const auto *list : {&model.inputs, &model.outputs}) {
    for (const bundle::TensorDesc &desc : *list) {
      key += std::string(bundle::dtypeName(desc.dtype)) + "[";
      for (int64_t d : desc.shape)
        key += std::to_string(d) + ",";
      key += "];";
    }
    key += "->";
  }
  return key;
}

/// Relative L2 error of the float outputs |got| against |want|.
double relativeError(const std::vector<HostTensor> &got,
                     const std::vector<HostTensor> &want) {
  double diff = 0, norm = 0;
  for (size_t i = 0; i < got.size() && i < want.size(); ++i) {
    if (got[i].dtype() != DType::F32)
      continue;
    const float *a = got[i].as<float>(), *b = want[i].as<float>();
    for (size_t j = 0; j < got[i].byteSize() / 4; ++j) {
      double d = double(a[j]) - double(b[j]);
      diff += d * d;
      norm += double(b[j]) * double(b[j]);
    }
  }
  return norm > 0 ? std::sqrt(diff / norm) : std::sqrt(diff);
}

std::string jsonString(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char *name) -> const char * {
      std::string prefix = std::string(name) + "=";
      if (arg.rfind(prefix, 0) == 0)
        return argv[i] + prefix.size();
      if (arg == name && i + 1 < argc)
        return argv[++i];
      return nullptr;
    };
    if (const char *v = value("--samples"))
      options.samples = std::max(1, std::atoi(v));
    else if (const char *v = value("--warmup"))
      options.warmup = std::max(0, std::atoi(v));
    else if (const char *v = value("--min-sample-ms"))
      options.minSampleMs = std::atof(v);
    else if (const char *v = value("--seed"))
      options.seed = std::strtoull(v, nullptr, 10);
    else if (const char *v = value("--copy-bytes"))
      options.copyBytes = std::strtoull(v, nullptr, 10);
    else if (arg == "--no-graphs")
      options.graphs = false;
    else if (!arg.empty() && arg[0] == '-')
      return usage(("unknown option '" + arg + "'").c_str());
    else
      options.bundles.push_back(arg);
  }
  if (options.bundles.empty() && !options.copyBytes)
    return usage("no bundle given");

  cudaDeviceProp prop;
  if (!check(cudaGetDeviceProperties(&prop, 0), "no CUDA device"))
    return 1;
  const std::string device = jsonString(prop.name);
  cudaStream_t stream;
  if (!check(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking),
             "cudaStreamCreate"))
    return 1;

  if (options.copyBytes) {
    void *from = nullptr, *to = nullptr;
    if (!check(cudaMalloc(&from, options.copyBytes), "cudaMalloc") ||
        !check(cudaMalloc(&to, options.copyBytes), "cudaMalloc") ||
        !check(cudaMemset(from, 0x3c, options.copyBytes), "cudaMemset"))
      return 1;
    Timing timing;
    if (!timeRuns(
            options, stream,
            [&] {
              return check(cudaMemcpyAsync(to, from, options.copyBytes,
                                           cudaMemcpyDeviceToDevice, stream),
                           "cudaMemcpyAsync");
            },
            timing))
      return 1;
    std::printf(
        "{\"device\": %s, \"copy_bytes\": %llu, \"median_us\": %.3f, "
        "\"gbps\": %.1f}\n",
        device.c_str(), static_cast<unsigned long long>(options.copyBytes),
        timing.medianUs, 2.0 * options.copyBytes / (timing.medianUs * 1e3));
    std::fflush(stdout);
    cudaFree(from);
    cudaFree(to);
  }

  // Per signature: the inputs, and the first bundle's outputs.
  struct Reference {
    std::vector<HostTensor> inputs, outputs;
    std::string bundle;
  };
  std::map<std::string, Reference> references;
  for (const std::string &path : options.bundles) {
    std::shared_ptr<exec::LoadedBundle> loaded;
    if (!check(exec::LoadedBundle::loadFile(path, loaded)))
      return 1;
    const bundle::Model &model = loaded->model();
    exec::ExecOptions execOptions;
    execOptions.cudaGraphs = options.graphs;
    std::unique_ptr<exec::Executor> executor;
    if (!check(exec::createCudaExecutor(loaded, execOptions, executor)))
      return 1;
    Reference &reference = references[signatureKey(model)];
    bool first = reference.bundle.empty();
    if (first) {
      reference.bundle = path;
      for (size_t i = 0; i < model.inputs.size(); ++i)
        reference.inputs.push_back(randomTensor(
            static_cast<DType>(model.inputs[i].dtype), model.inputs[i].shape,
            options.seed, static_cast<unsigned>(i)));
    }
    std::vector<void *> inputs, outputs;
    for (size_t i = 0; i < model.inputs.size(); ++i) {
      void *buffer = nullptr;
      size_t bytes = reference.inputs[i].byteSize();
      if (!check(cudaMalloc(&buffer, std::max<size_t>(bytes, 16)),
                 "cudaMalloc") ||
          !check(cudaMemcpy(buffer, reference.inputs[i].data(), bytes,
                            cudaMemcpyHostToDevice),
                 "copying an input"))
        return 1;
      inputs.push_back(buffer);
    }
    for (const bundle::TensorDesc &desc : model.outputs) {
      void *buffer = nullptr;
      if (!check(cudaMalloc(&buffer, std::max<uint64_t>(desc.numBytes(), 16)),
                 "cudaMalloc") ||
          !check(cudaMemset(buffer, 0xff, desc.numBytes()), "cudaMemset"))
        return 1;
      outputs.push_back(buffer);
    }
    Timing timing;
    if (!timeRuns(
            options, stream,
            [&] {
              return check(
                  executor->runDevice(stream, inputs.data(), outputs.data()));
            },
            timing))
      return 1;
    std::vector<HostTensor> results;
    for (size_t i = 0; i < model.outputs.size(); ++i) {
      const bundle::TensorDesc &desc = model.outputs[i];
      HostTensor tensor(static_cast<DType>(desc.dtype), desc.shape);
      if (!check(cudaMemcpy(tensor.data(), outputs[i], tensor.byteSize(),
                            cudaMemcpyDeviceToHost),
                 "copying an output"))
        return 1;
      results.push_back(std::move(tensor));
    }
    std::string error = "null";
    if (first) {
      reference.outputs = std::move(results);
    } else {
      double e = relativeError(results, reference.outputs);
      char text[32];
      std::snprintf(text, sizeof text, "%.3g", e);
      error = std::isfinite(e) ? text : "\"nan\"";
    }
    std::printf("{\"device\": %s, \"bundle\": %s, \"median_us\": %.3f, "
                "\"min_us\": %.3f, \"max_us\": %.3f, \"samples\": %d, "
                "\"runs_per_sample\": %d, \"rel_err_vs\": %s, \"rel_err\": "
                "%s, \"graphs\": %s}\n",
                device.c_str(), jsonString(path).c_str(), timing.medianUs,
                timing.minUs, timing.maxUs, options.samples,
                timing.runsPerSample,
                first ? "null" : jsonString(reference.bundle).c_str(),
                error.c_str(), options.graphs ? "true" : "false");
    std::fflush(stdout);
    executor.reset();
    for (void *p : inputs)
      cudaFree(p);
    for (void *p : outputs)
      cudaFree(p);
  }
  cudaStreamDestroy(stream);
  return 0;
}
