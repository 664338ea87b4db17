//===- BundleRun.cpp - tessera-run for bundles ----------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/tools/BundleRun.h"
#include "runtime/tensor/RunInputs.h"

#include "runtime/exec/Executor.h"
#include "runtime/tessera_runtime.h"
#include "runtime/tools/TensorFile.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>

namespace tessera::tools {
namespace {

using ::tessera::DType;

enum ExitCode { kExitSuccess = 0, kExitFailure = 1, kExitUsage = 2 };

constexpr const char *kUsage =
    "usage: tessera-run BUNDLE.tsrb [--device=cuda|emu] [--input "
    "NAME=FILE]...\n"
    "                   [--output-dir DIR] [--seed N] [--target TARGET]\n"
    "                   [--emu-mode=fast|check] [--runs N]\n"
    "\n"
    "Runs a Tessera bundle: --device=cuda on the GPU (the default when one is\n"
    "present), --device=emu on the CPU emulator (the bundled CUDA source\n"
    "compiled for the host). Inputs come from .npy or ONNX TensorProto .pb\n"
    "files; inputs not given are drawn at random (--seed). Outputs are "
    "written\n"
    "as DIR/<name>.npy, or summarized on stdout. --target picks the plan\n"
    "(default: the first target for emu, the best match for the GPU).\n"
    "--runs N runs the plan N times (on a GPU the later runs replay a CUDA\n"
    "graph); every run must give the first run's outputs bit for bit.\n"
    "Exit status: 0 on success, 1 on error, 2 on bad usage.\n";

int fail(const std::string &message) {
  std::fprintf(stderr, "tessera-run: error: %s\n", message.c_str());
  return kExitFailure;
}

int badUsage(const std::string &message) {
  std::fprintf(stderr, "tessera-run: %s\n", message.c_str());
  return kExitUsage;
}

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

/// Options whose value may come as the next argument.
bool takesValue(std::string_view option) {
  for (const char *name :
       {"--input", "--output-dir", "--seed", "--device", "--target",
        "--emu-mode", "--input-shape", "--precision", "--runs"})
    if (option == name || option == std::string_view(name).substr(1))
      return true;
  return false;
}

std::string describe(const std::vector<int64_t> &shape, DType dtype) {
  return formatDims(shape) + " " + dtypeName(dtype);
}

std::string sanitizeFileName(const std::string &name) {
  std::string result = name;
  for (char &c : result)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' &&
        c != '-')
      c = '_';
  return result;
}

/// Takes the message of |status| and frees it.
std::string takeMessage(tessera_status_t status) {
  std::string message = tessera_status_message(status);
  tessera_status_free(status);
  return message;
}

} // namespace

bool isBundleCommand(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.empty())
      continue;
    if (arg[0] == '-') {
      if (takesValue(arg))
        ++i; // its value is the next argument
      continue;
    }
    if (endsWith(arg, ".tsrb"))
      return true;
  }
  return false;
}

int runBundleCommand(int argc, char **argv) {
  std::string bundlePath, device, outputDir, target, emuMode = "fast";
  uint64_t seed = 0;
  unsigned long long runs = 1;
  std::vector<std::string> inputSpecs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return kExitSuccess;
    }
    if (arg.empty() || arg[0] != '-') {
      if (!bundlePath.empty())
        return badUsage("more than one bundle given: '" + bundlePath +
                        "' and '" + arg + "'");
      bundlePath = arg;
      continue;
    }
    // "--name=value" or "--name value" (also with a single dash).
    std::string name = arg, value;
    bool hasValue = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      hasValue = true;
    }
    if (name.size() > 1 && name[1] != '-')
      name = "-" + name;
    if (name == "--optimize" || name == "--input-shape" ||
        name == "--precision")
      return badUsage(name + " applies to models only; a bundle is already "
                             "compiled");
    if (!takesValue(name))
      return badUsage("unknown argument '" + arg + "'\n" + kUsage);
    if (!hasValue) {
      if (i + 1 >= argc)
        return badUsage(name + " needs a value");
      value = argv[++i];
    }
    if (name == "--input")
      inputSpecs.push_back(value);
    else if (name == "--output-dir")
      outputDir = value;
    else if (name == "--device")
      device = value;
    else if (name == "--target")
      target = value;
    else if (name == "--emu-mode")
      emuMode = value;
    else if (name == "--seed") {
      char *end = nullptr;
      errno = 0;
      seed = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end || errno || value[0] == '-')
        return badUsage("bad --seed '" + value + "', expected an integer");
    } else if (name == "--runs") {
      char *end = nullptr;
      errno = 0;
      runs = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end || errno || value[0] == '-' || runs < 1)
        return badUsage("bad --runs '" + value +
                        "', expected a positive integer");
    }
  }
  if (bundlePath.empty())
    return badUsage(std::string("no bundle given\n") + kUsage);
  if (device == "cpu")
    return badUsage("--device=cpu runs a model on the reference evaluator; "
                    "run a bundle with --device=emu (the CPU emulator) or "
                    "--device=cuda");
  if (!device.empty() && device != "cuda" && device != "emu")
    return badUsage("bad --device '" + device + "', expected cuda or emu");
  std::optional<emu::Mode> mode = emu::parseMode(emuMode);
  if (!mode)
    return badUsage("bad --emu-mode '" + emuMode + "', expected fast or check");
  std::map<std::string, std::string> inputFiles;
  for (const std::string &text : inputSpecs) {
    size_t eq = text.find('=');
    std::string name = eq == std::string::npos ? "" : text.substr(0, eq);
    std::string path = eq == std::string::npos ? "" : text.substr(eq + 1);
    if (name.empty() || path.empty())
      return badUsage("bad --input '" + text +
                      "', expected NAME=FILE such as x=x.npy");
    if (!endsWith(path, ".npy") && !endsWith(path, ".pb"))
      return badUsage("bad --input '" + text +
                      "': the file must be a .npy or an ONNX TensorProto .pb");
    if (!inputFiles.emplace(name, path).second)
      return badUsage("--input '" + name + "' given twice");
  }

  // The device: cuda when a GPU is present; else an error saying why.
  if (device.empty()) {
    int count = 0;
    tessera_status_t status = tessera_device_count(&count);
    if (status)
      return fail("cannot run bundle " + bundlePath +
                  " on a GPU: " + takeMessage(status) +
                  "; run it on the CPU emulator with --device=emu");
    device = "cuda";
  }

  std::shared_ptr<exec::LoadedBundle> loaded;
  if (tessera_status_t status =
          exec::LoadedBundle::loadFile(bundlePath, loaded))
    return fail(takeMessage(status));
  const bundle::Model &model = loaded->model();

  // Inputs: given files (checked against the signature), else random.
  std::vector<std::string> names;
  for (const bundle::TensorDesc &desc : model.inputs)
    names.push_back(desc.name);
  for (const auto &[name, path] : inputFiles)
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::string list;
      for (const std::string &n : names)
        list += (list.empty() ? "" : ", ") + n;
      return fail("--input " + name + "=" + path +
                  ": the model has no input '" + name +
                  "' (its inputs: " + (list.empty() ? "none" : list) + ")");
    }
  std::vector<Tensor> inputs(model.inputs.size());
  for (size_t i = 0; i < model.inputs.size(); ++i) {
    const bundle::TensorDesc &desc = model.inputs[i];
    auto file = inputFiles.find(desc.name);
    if (file == inputFiles.end())
      continue;
    std::string error;
    Tensor tensor;
    if (!readTensorFile(file->second, tensor, error))
      return fail("input '" + desc.name + "': " + error);
    // NumPy has no bfloat16: an f32 .npy is rounded to bf16.
    DType dtype = hostDType(desc.dtype);
    if (dtype == DType::BF16 && tensor.dtype() == DType::F32 &&
        endsWith(file->second, ".npy")) {
      Tensor rounded(DType::BF16, tensor.shape());
      for (uint64_t k = 0, n = tensor.numElements(); k < n; ++k)
        rounded.setDouble(k, tensor.getDouble(k));
      tensor = std::move(rounded);
    }
    if (tensor.dtype() != dtype || tensor.shape() != desc.shape)
      return fail("input '" + desc.name + "' from " + file->second +
                  ": expected " + describe(desc.shape, dtype) + ", got " +
                  describe(tensor.shape(), tensor.dtype()));
    inputs[i] = std::move(tensor);
  }
  exec::ExecOptions options;
  options.target = target;
  options.emuMode = *mode;
  std::unique_ptr<exec::Executor> executor;
  tessera_status_t status =
      device == "emu" ? exec::createEmuExecutor(loaded, options, executor)
                      : exec::createCudaExecutor(loaded, options, executor);
  if (status) {
    bool noDevice = tessera_status_code(status) == TESSERA_STATUS_UNAVAILABLE;
    std::string message = takeMessage(status);
    if (noDevice)
      message += "; run the bundle on the CPU emulator with --device=emu";
    return fail(message);
  }
  for (size_t i = 0; i < model.inputs.size(); ++i) {
    const bundle::TensorDesc &desc = model.inputs[i];
    if (inputFiles.count(desc.name))
      continue;
    inputs[i] = ::tessera::randomTensor(hostDType(desc.dtype), desc.shape, seed,
                                        static_cast<unsigned>(i));
    std::fprintf(stderr,
                 "tessera-run: note: input '%s' not given: using random %s "
                 "values %s (seed %llu)\n",
                 desc.name.c_str(), bundle::dtypeName(desc.dtype),
                 randomRange(hostDType(desc.dtype)),
                 static_cast<unsigned long long>(seed));
  }

  std::vector<const void *> inputPointers;
  for (const Tensor &tensor : inputs)
    inputPointers.push_back(tensor.data());
  std::vector<Tensor> outputs;
  std::vector<void *> outputPointers;
  for (const bundle::TensorDesc &desc : model.outputs)
    outputs.emplace_back(hostDType(desc.dtype), desc.shape);
  for (Tensor &tensor : outputs)
    outputPointers.push_back(tensor.data());
  if (tessera_status_t status =
          executor->runHost(inputPointers.data(), outputPointers.data()))
    return fail(takeMessage(status));
  // --runs: the later runs (CUDA-graph replays on a GPU) must reproduce the
  // first run's outputs exactly.
  std::vector<Tensor> first;
  if (runs > 1)
    first = outputs;
  for (unsigned long long r = 1; r < runs; ++r) {
    if (tessera_status_t status =
            executor->runHost(inputPointers.data(), outputPointers.data()))
      return fail("run " + std::to_string(r + 1) + ": " + takeMessage(status));
    for (size_t i = 0; i < outputs.size(); ++i)
      if (std::memcmp(outputs[i].data(), first[i].data(),
                      outputs[i].byteSize()) != 0)
        return fail("run " + std::to_string(r + 1) + ": output '" +
                    model.outputs[i].name +
                    "' differs from the first run's");
  }

  if (outputDir.empty()) {
    for (size_t i = 0; i < outputs.size(); ++i)
      std::printf("%s\n", summarize(model.outputs[i].name, outputs[i]).c_str());
    return kExitSuccess;
  }
  std::error_code ec;
  std::filesystem::create_directories(outputDir, ec);
  if (ec)
    return fail("cannot create output directory '" + outputDir +
                "': " + ec.message());
  std::map<std::string, std::string> written;
  for (size_t i = 0; i < outputs.size(); ++i) {
    const std::string &name = model.outputs[i].name;
    std::string path =
        (std::filesystem::path(outputDir) / (sanitizeFileName(name) + ".npy"))
            .string();
    auto [it, inserted] = written.emplace(path, name);
    if (!inserted)
      return fail("outputs '" + it->second + "' and '" + name +
                  "' would both be written to " + path);
    std::string error;
    if (!writeNpyFile(path, outputs[i], error))
      return fail(error);
  }
  return kExitSuccess;
}

} // namespace tessera::tools
