//===- Nvrtc.cpp - Compile prelude-based CUDA C++ with NVRTC --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/nvrtc/Nvrtc.h"

#include "codegen/prelude/Prelude.h"

#include "runtime/nvrtc/NvrtcLibrary.h"

#include <cctype>

namespace tessera::nvrtc {

namespace {

/// Whether |target| is "<prefix><digits>[a|f]", e.g. "sm_90a".
bool matchesTarget(std::string_view target, std::string_view prefix) {
  if (target.substr(0, prefix.size()) != prefix)
    return false;
  std::string_view rest = target.substr(prefix.size());
  if (!rest.empty() && (rest.back() == 'a' || rest.back() == 'f'))
    rest.remove_suffix(1);
  if (rest.size() < 2 || rest.size() > 3)
    return false;
  for (char c : rest)
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  return true;
}

/// Owns an nvrtcProgram.
class Program {
public:
  explicit Program(const NvrtcApi &api) : api(api) {}
  ~Program() {
    if (handle)
      api.destroyProgram(&handle);
  }
  const NvrtcApi &api;
  nvrtcProgram handle = nullptr;
};

/// Fails |result| with "nvrtc: compiling '<file>' for <target> failed:
/// <what>: <NVRTC error>", keeping any log already there after that line.
CompileResult fail(CompileResult result, std::string_view fileName,
                   std::string_view target, std::string_view what) {
  std::string head = "nvrtc: compiling '" + std::string(fileName) + "' for " +
                     std::string(target) + " failed: " + std::string(what);
  result.ok = false;
  result.log = result.log.empty() ? head : head + "\n" + result.log;
  result.ptx.clear();
  result.cubin.clear();
  return result;
}

std::string errorText(const NvrtcApi &api, std::string_view call,
                      nvrtcResult error) {
  return std::string(call) + ": " + api.getErrorString(error);
}

} // namespace

CompileResult compile(std::string_view source, std::string_view fileName,
                      std::string_view target,
                      const std::vector<std::string> &extraOptions) {
  CompileResult result;
  bool real = matchesTarget(target, "sm_");
  if (!real && !matchesTarget(target, "compute_"))
    return fail(result, fileName, target,
                "unknown target (expected sm_<NN>[a|f] or "
                "compute_<NN>[a|f])");

  std::string loadError;
  const NvrtcApi *api = nvrtcApi(loadError);
  if (!api)
    return fail(result, fileName, target, loadError);

  std::vector<const char *> headers, includeNames;
  for (size_t i = 0; i < prelude::kNumFiles; ++i) {
    headers.push_back(prelude::kFiles[i].contents);
    includeNames.push_back(prelude::kFiles[i].name);
  }
  std::string sourceText(source), name(fileName);
  Program program(*api);
  nvrtcResult status = api->createProgram(
      &program.handle, sourceText.c_str(), name.c_str(),
      static_cast<int>(headers.size()), headers.data(), includeNames.data());
  if (status != NVRTC_SUCCESS)
    return fail(result, fileName, target,
                errorText(*api, "nvrtcCreateProgram", status));

  std::vector<std::string> options = {"-arch=" + std::string(target),
                                      "-std=c++17"};
  options.insert(options.end(), extraOptions.begin(), extraOptions.end());
  std::vector<const char *> optionPointers;
  for (const std::string &option : options)
    optionPointers.push_back(option.c_str());
  nvrtcResult compiled = api->compileProgram(
      program.handle, static_cast<int>(options.size()), optionPointers.data());

  size_t logSize = 0;
  if (api->getProgramLogSize(program.handle, &logSize) == NVRTC_SUCCESS &&
      logSize > 1) {
    result.log.resize(logSize);
    if (api->getProgramLog(program.handle, result.log.data()) != NVRTC_SUCCESS)
      result.log.clear();
    while (!result.log.empty() &&
           (result.log.back() == '\0' || result.log.back() == '\n'))
      result.log.pop_back();
  }
  if (compiled != NVRTC_SUCCESS)
    return fail(result, fileName, target, api->getErrorString(compiled));

  size_t ptxSize = 0;
  status = api->getPTXSize(program.handle, &ptxSize);
  if (status == NVRTC_SUCCESS) {
    result.ptx.resize(ptxSize);
    status = api->getPTX(program.handle, result.ptx.data());
  }
  if (status != NVRTC_SUCCESS)
    return fail(result, fileName, target,
                errorText(*api, "nvrtcGetPTX", status));
  while (!result.ptx.empty() && result.ptx.back() == '\0')
    result.ptx.pop_back();

  if (real) {
    size_t cubinSize = 0;
    status = api->getCUBINSize(program.handle, &cubinSize);
    if (status == NVRTC_SUCCESS) {
      result.cubin.resize(cubinSize);
      status = api->getCUBIN(program.handle, result.cubin.data());
    }
    if (status != NVRTC_SUCCESS)
      return fail(result, fileName, target,
                  errorText(*api, "nvrtcGetCUBIN", status));
  }
  result.ok = true;
  return result;
}

std::string version() {
  std::string error;
  const NvrtcApi *api = nvrtcApi(error);
  int major = 0, minor = 0;
  if (!api || api->version(&major, &minor) != NVRTC_SUCCESS)
    return "unknown";
  return std::to_string(major) + "." + std::to_string(minor);
}

} // namespace tessera::nvrtc
