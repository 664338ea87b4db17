//===- HostJit.cpp - Build kernel sources into a host module --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One translation unit per call: the prelude's core header, every source
// (each behind a #line directive naming its file, so that the compiler's
// messages and the emulator's diagnostics name the kernel's own lines), then
// TS_EMU_DEFINE_MODULE() and one TS_EMU_ENTRY per kernel. The unit is
// compiled by the system C++ compiler into <cache>/<key>.so, where the key is
// an XXH3-128 of everything that decides the object: the ABI version, the
// embedded prelude, the compiler and its version, the flags and the unit's
// text. The prelude is written once per prelude hash to
// <cache>/prelude-<hash>/tessera/. Objects are written under a temporary name
// and renamed, so concurrent builds of one key are safe.
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/HostJit.h"
#include "runtime/emu/Subprocess.h"
#include "runtime/support/CacheFiles.h"

#include "codegen/prelude/Prelude.h"

#include <xxhash.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fstream>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera::emu {

/// Fills a HostModule (whose members are private).
struct HostJitAccess {
  static std::unique_ptr<HostModule> make() {
    return std::unique_ptr<HostModule>(new HostModule());
  }
  static void *&handle(HostModule &m) { return m.handle; }
  static std::string &path(HostModule &m) { return m.soPath; }
  static bool &cached(HostModule &m) { return m.cached; }
  static std::vector<KernelHandle> &kernels(HostModule &m) { return m.kernels; }
};

HostModule::~HostModule() {
  if (handle)
    dlclose(handle);
}

const KernelHandle *HostModule::kernel(std::string_view name) const {
  for (const KernelHandle &k : kernels)
    if (k.name == name)
      return &k;
  return nullptr;
}

namespace {

/// Flags every kernel unit is compiled with: C++17 as NVRTC's default, no
/// type-based aliasing assumptions (kernels reinterpret shared memory), no
/// FMA contraction (results independent of the host's -march) and a fixed
/// instruction set so cached objects do not depend on the build machine.
std::vector<std::string> fixedFlags() {
  std::vector<std::string> flags = {"-std=c++17",
                                    "-O2",
                                    "-fPIC",
                                    "-shared",
                                    "-fno-strict-aliasing",
                                    "-ffp-contract=off",
                                    "-fvisibility=hidden",
                                    "-w"};
#if defined(__x86_64__)
  flags.push_back("-march=x86-64-v2");
#endif
#if defined(TESSERA_EMU_SANITIZER)
  // The emulator library was built with this sanitizer; kernels must be too.
  flags.push_back("-fsanitize=" TESSERA_EMU_SANITIZER);
  flags.push_back("-fno-omit-frame-pointer");
  flags.push_back("-g");
#endif
  return flags;
}

std::string envOr(const char *name, const std::string &fallback) {
  const char *value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

bool fileExists(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

/// "<compiler path> | <first line of --version>", once per compiler.
bool compilerIdentity(const std::string &compiler, std::string &identity,
                      std::string &error) {
  static std::mutex mutex;
  static std::vector<std::pair<std::string, std::string>> known;
  std::lock_guard<std::mutex> lock(mutex);
  for (auto &[name, id] : known)
    if (name == compiler) {
      identity = id;
      return true;
    }
  std::string output;
  int rc = runCapturing({compiler, "--version"}, output);
  if (rc != 0) {
    error = "cannot run the host C++ compiler '" + compiler + "'" +
            (rc < 0 ? ": " + output : " (exit " + std::to_string(rc) + ")") +
            "; set TESSERA_HOST_CXX";
    return false;
  }
  identity = compiler + " | " + output.substr(0, output.find('\n'));
  known.emplace_back(compiler, identity);
  return true;
}

std::string hex128(XXH128_hash_t hash) {
  char text[33];
  std::snprintf(text, sizeof(text), "%016llx%016llx",
                static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return text;
}

/// The prelude's headers under <cache>/prelude-<hash>; returns that folder.
bool materializePrelude(const std::string &cacheDir, std::string &includeDir,
                        std::string &error) {
  char name[32];
  std::snprintf(name, sizeof(name), "prelude-%016llx", prelude::hash());
  includeDir = cacheDir + "/" + name;
  if (!support::makeDirs(includeDir + "/tessera", error))
    return false;
  for (size_t i = 0; i < prelude::kNumFiles; ++i) {
    const prelude::File &file = prelude::kFiles[i];
    std::string path = includeDir + "/" + file.name;
    if (!fileExists(path) &&
        !support::writeFileAtomically(
            path, std::string_view(file.contents, file.size), error))
      return false;
  }
  return true;
}

/// The translation unit for |sources|.
std::string buildUnit(const std::vector<KernelSource> &sources) {
  std::string unit = "// Generated by the Tessera host JIT for the CPU "
                     "emulator.\n#include \"tessera/core.cuh\"\n";
  for (const KernelSource &source : sources) {
    unit += "#line 1 \"" + source.fileName + "\"\n";
    unit += source.code;
    if (!source.code.empty() && source.code.back() != '\n')
      unit += '\n';
  }
  unit += "#line 1 \"<tessera-emu-entries>\"\nTS_EMU_DEFINE_MODULE()\n";
  for (const KernelSource &source : sources)
    for (const std::string &kernel : source.kernels)
      unit += "TS_EMU_ENTRY(" + kernel + ")\n";
  return unit;
}

std::string kernelList(const std::vector<KernelSource> &sources) {
  std::string list;
  for (const KernelSource &source : sources)
    for (const std::string &kernel : source.kernels)
      list += (list.empty() ? "'" : ", '") + kernel + "'";
  return list.empty() ? "(none)" : list;
}

} // namespace

std::unique_ptr<HostModule>
compileHostModule(const std::vector<KernelSource> &sources,
                  const HostJitOptions &options, std::string &error) {
  std::string cacheDir =
      options.cacheDir.empty() ? support::cacheDir("emu") : options.cacheDir;
  std::string compiler = options.compiler.empty()
                             ? envOr("TESSERA_HOST_CXX", "c++")
                             : options.compiler;
  std::string identity, includeDir;
  if (!support::makeDirs(cacheDir, error) ||
      !compilerIdentity(compiler, identity, error) ||
      !materializePrelude(cacheDir, includeDir, error))
    return nullptr;

  std::vector<std::string> flags = fixedFlags();
  flags.insert(flags.end(), options.extraFlags.begin(),
               options.extraFlags.end());
  std::string unit = buildUnit(sources);

  // The key: everything that decides the shared object.
  std::string keyText = "abi " + std::to_string(TS_EMU_ABI_VERSION) +
                        "\nprelude " + std::to_string(prelude::hash()) +
                        "\ncompiler " + identity + "\nflags";
  for (const std::string &flag : flags)
    keyText += " " + flag;
  keyText += "\n" + unit;
  std::string key = hex128(XXH3_128bits(keyText.data(), keyText.size()));
  std::string base = cacheDir + "/" + key;
  std::string soPath = base + ".so", cppPath = base + ".cpp";

  bool cached = options.useCache && fileExists(soPath);
  if (!cached) {
    if (!support::writeFileAtomically(cppPath, unit, error))
      return nullptr;
    static std::atomic<unsigned> counter{0};
    std::string tmpSo = base + ".so.tmp." + std::to_string(getpid()) + "." +
                        std::to_string(counter++);
    std::vector<std::string> argv = {compiler};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.insert(argv.end(), {"-I" + includeDir, "-o", tmpSo, cppPath});
    std::string log;
    int rc = runCapturing(argv, log);
    if (rc != 0) {
      std::remove(tmpSo.c_str());
      constexpr size_t kMaxLog = 64 * 1024;
      if (log.size() > kMaxLog)
        log = log.substr(0, kMaxLog) + "\n[log truncated]";
      error = "host compilation of kernels " + kernelList(sources) +
              " failed (" +
              (rc < 0 ? "cannot run '" + compiler + "': " + log
                      : compiler + " exited with " + std::to_string(rc)) +
              "; source: " + cppPath + ")" + (rc < 0 ? "" : ":\n" + log);
      return nullptr;
    }
    if (std::rename(tmpSo.c_str(), soPath.c_str()) != 0) {
      error = "cannot rename '" + tmpSo + "' to '" + soPath +
              "': " + std::strerror(errno);
      std::remove(tmpSo.c_str());
      return nullptr;
    }
  }

  std::unique_ptr<HostModule> module = HostJitAccess::make();
  void *handle = dlopen(soPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    error = "cannot load host kernel module '" + soPath + "': " + dlerror();
    return nullptr;
  }
  HostJitAccess::handle(*module) = handle;
  HostJitAccess::path(*module) = soPath;
  HostJitAccess::cached(*module) = cached;
  auto selfSlot = reinterpret_cast<ts_emu_self_slot_fn>(
      dlsym(handle, TS_EMU_SELF_SLOT_SYMBOL));
  if (!selfSlot) {
    error =
        "host kernel module '" + soPath + "' has no " + TS_EMU_SELF_SLOT_SYMBOL;
    return nullptr;
  }
  for (const KernelSource &source : sources)
    for (const std::string &name : source.kernels) {
      std::string symbol = name + TS_EMU_ENTRY_SUFFIX;
      auto entry =
          reinterpret_cast<ts_emu_entry_fn>(dlsym(handle, symbol.c_str()));
      if (!entry) {
        error =
            "host kernel module '" + soPath + "' has no kernel '" + name + "'";
        return nullptr;
      }
      HostJitAccess::kernels(*module).push_back({name, entry, selfSlot});
    }
  return module;
}

} // namespace tessera::emu
