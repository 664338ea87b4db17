//===- Bundle.h - Write and read the .tsrb container ------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The container of a bundle (BundleFormat.h): named, aligned, checksummed
// sections. The writer lays them out; the reader checks everything before it
// hands out a byte — magic, version, header and table checksums, the file
// size, every section's bounds, name and checksum — and says which check
// failed. What the sections contain (kernels, plan, weights, signature) is
// the business of the layers above.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_BUNDLE_BUNDLE_H
#define TESSERA_RUNTIME_BUNDLE_BUNDLE_H

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::bundle {

/// Collects sections and writes the bundle.
class BundleWriter {
public:
  /// Adds section |name| (1..39 bytes, unique) holding |bytes|, starting on
  /// an |alignment| boundary (a power of two; at least 64). Returns false and
  /// sets |error| for a bad name or alignment.
  bool addSection(std::string_view name, std::string_view bytes,
                  size_t alignment, std::string &error);
  bool addSection(std::string_view name, std::string_view bytes,
                  std::string &error);
  /// The bundle's bytes.
  std::string serialize() const;
  /// Writes the bundle to |path| (through a temporary file and a rename).
  bool writeFile(const std::string &path, std::string &error) const;

private:
  struct Pending {
    std::string name;
    std::string bytes;
    size_t alignment;
  };
  std::vector<Pending> sections;
};

/// One section of a loaded bundle: a view into the bundle's bytes.
struct Section {
  std::string name;
  uint64_t offset = 0;
  std::string_view bytes;
};

/// A loaded, verified bundle. Its sections view memory it owns: a read-only
/// mmap of the file (so weights are used in place) or a copy.
class Bundle {
public:
  ~Bundle();
  Bundle(const Bundle &) = delete;
  Bundle &operator=(const Bundle &) = delete;

  /// Maps and verifies the bundle in |path|. On failure returns null and
  /// sets |error| to "<path>: <which check failed>".
  static std::unique_ptr<Bundle> openFile(const std::string &path,
                                          std::string &error);
  /// Verifies a copy of |bytes|; |label| names it in messages.
  static std::unique_ptr<Bundle> fromMemory(std::string_view bytes,
                                            std::string_view label,
                                            std::string &error);

  uint16_t versionMajor() const { return major; }
  uint16_t versionMinor() const { return minor; }
  uint64_t size() const { return length; }
  const std::vector<Section> &sections() const { return table; }
  /// The section named |name|, or null.
  const Section *find(std::string_view name) const;

private:
  Bundle() = default;
  /// Checks the bytes at |base| and fills the table.
  bool verify(std::string_view label, std::string &error);

  std::string copy;        // fromMemory
  void *mapping = nullptr; // openFile
  const char *base = nullptr;
  uint64_t length = 0;
  uint16_t major = 0, minor = 0;
  std::vector<Section> table;
};

} // namespace tessera::bundle

#endif // TESSERA_RUNTIME_BUNDLE_BUNDLE_H
