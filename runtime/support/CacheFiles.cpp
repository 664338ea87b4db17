//===- CacheFiles.cpp - Cache folders and atomic file writes --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/support/CacheFiles.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera::support {

std::string cacheDir(std::string_view kind) {
  std::string name(kind);
  if (const char *dir = std::getenv("TESSERA_CACHE_DIR"); dir && *dir)
    return std::string(dir) + "/" + name;
  if (const char *dir = std::getenv("XDG_CACHE_HOME"); dir && *dir)
    return std::string(dir) + "/tessera/" + name;
  if (const char *home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/tessera/" + name;
  return "/tmp/tessera-cache/" + name;
}

bool makeDirs(const std::string &path, std::string &error) {
  std::string prefix;
  std::stringstream parts(path);
  std::string part;
  if (!path.empty() && path[0] == '/')
    prefix = "/";
  while (std::getline(parts, part, '/')) {
    if (part.empty())
      continue;
    prefix += part;
    if (mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) {
      error = "cannot create folder '" + prefix + "': " + std::strerror(errno);
      return false;
    }
    prefix += "/";
  }
  return true;
}

bool writeFileAtomically(const std::string &path, std::string_view bytes,
                         std::string &error) {
  static std::atomic<unsigned> counter{0};
  std::string tmp = path + ".tmp." + std::to_string(getpid()) + "." +
                    std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      error = "cannot write '" + tmp + "'";
      out.close();
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = "cannot write '" + path + "': " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

} // namespace tessera::support
