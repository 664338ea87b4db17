//===- Bundle.cpp - Write and read the .tsrb container --------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/bundle/Bundle.h"

#include "runtime/bundle/BundleFormat.h"
#include "runtime/support/CacheFiles.h"

#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera::bundle {

namespace {

void put16(std::string &out, size_t at, uint16_t v) {
  for (int i = 0; i < 2; ++i)
    out[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
void put32(std::string &out, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
void put64(std::string &out, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    out[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
uint64_t get(const char *p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

uint64_t checksum(const char *data, size_t size) {
  return XXH3_64bits(data, size);
}

std::string hex(uint64_t value) {
  char text[19];
  std::snprintf(text, sizeof(text), "0x%016llx",
                static_cast<unsigned long long>(value));
  return text;
}

} // namespace

//===----------------------------------------------------------------------===//
// Writer
//===----------------------------------------------------------------------===//

bool BundleWriter::addSection(std::string_view name, std::string_view bytes,
                              std::string &error) {
  return addSection(name, bytes, kDefaultAlignment, error);
}

bool BundleWriter::addSection(std::string_view name, std::string_view bytes,
                              size_t alignment, std::string &error) {
  if (name.empty() || name.size() >= kSectionNameSize ||
      name.find('\0') != std::string_view::npos) {
    error = "bad section name '" + std::string(name) + "' (1 to " +
            std::to_string(kSectionNameSize - 1) + " bytes, no NUL)";
    return false;
  }
  for (const Pending &section : sections)
    if (section.name == name) {
      error = "duplicate section '" + std::string(name) + "'";
      return false;
    }
  if (alignment < kDefaultAlignment || (alignment & (alignment - 1)) != 0) {
    error = "bad alignment " + std::to_string(alignment) + " for section '" +
            std::string(name) +
            "' (a power of two >= " + std::to_string(kDefaultAlignment) + ")";
    return false;
  }
  sections.push_back({std::string(name), std::string(bytes), alignment});
  return true;
}

std::string BundleWriter::serialize() const {
  uint64_t tableBytes = sections.size() * kSectionEntrySize;
  std::vector<uint64_t> offsets;
  uint64_t end = kHeaderSize + tableBytes;
  for (const Pending &section : sections) {
    end = alignUp(end, section.alignment);
    offsets.push_back(end);
    end += section.bytes.size();
  }
  std::string out(end, '\0');
  for (size_t i = 0; i < sections.size(); ++i) {
    const Pending &section = sections[i];
    size_t entry = kHeaderSize + i * kSectionEntrySize;
    std::memcpy(&out[entry], section.name.data(), section.name.size());
    put64(out, entry + 40, offsets[i]);
    put64(out, entry + 48, section.bytes.size());
    put64(out, entry + 56,
          checksum(section.bytes.data(), section.bytes.size()));
    if (!section.bytes.empty())
      std::memcpy(&out[offsets[i]], section.bytes.data(), section.bytes.size());
  }
  std::memcpy(&out[0], kMagic, sizeof(kMagic));
  put16(out, 8, kVersionMajor);
  put16(out, 10, kVersionMinor);
  put32(out, 12, static_cast<uint32_t>(sections.size()));
  put64(out, 16, end);
  put64(out, 24, kHeaderSize);
  put64(out, 32, checksum(out.data() + kHeaderSize, tableBytes));
  put64(out, 40, checksum(out.data(), 40));
  return out;
}

bool BundleWriter::writeFile(const std::string &path,
                             std::string &error) const {
  return support::writeFileAtomically(path, serialize(), error);
}

//===----------------------------------------------------------------------===//
// Reader
//===----------------------------------------------------------------------===//

Bundle::~Bundle() {
  if (mapping)
    munmap(mapping, length);
}

const Section *Bundle::find(std::string_view name) const {
  for (const Section &section : table)
    if (section.name == name)
      return &section;
  return nullptr;
}

std::unique_ptr<Bundle> Bundle::openFile(const std::string &path,
                                         std::string &error) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = path + ": cannot open: " + std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = path + ": not a regular file";
    close(fd);
    return nullptr;
  }
  std::unique_ptr<Bundle> bundle(new Bundle());
  bundle->length = static_cast<uint64_t>(st.st_size);
  if (bundle->length > 0) {
    void *map = mmap(nullptr, bundle->length, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      error = path + ": cannot map: " + std::strerror(errno);
      close(fd);
      return nullptr;
    }
    bundle->mapping = map;
    bundle->base = static_cast<const char *>(map);
  }
  close(fd);
  if (!bundle->verify(path, error))
    return nullptr;
  return bundle;
}

std::unique_ptr<Bundle> Bundle::fromMemory(std::string_view bytes,
                                           std::string_view label,
                                           std::string &error) {
  std::unique_ptr<Bundle> bundle(new Bundle());
  bundle->copy.assign(bytes.data(), bytes.size());
  bundle->base = bundle->copy.data();
  bundle->length = bytes.size();
  if (!bundle->verify(label, error))
    return nullptr;
  return bundle;
}

bool Bundle::verify(std::string_view label, std::string &error) {
  auto fail = [&](const std::string &what) {
    error = std::string(label) + ": " + what;
    return false;
  };
  if (length < kHeaderSize)
    return fail("truncated: " + std::to_string(length) +
                " bytes, shorter than the " + std::to_string(kHeaderSize) +
                "-byte header");
  if (std::memcmp(base, kMagic, sizeof(kMagic)) != 0)
    return fail("not a tessera bundle (bad magic)");
  major = static_cast<uint16_t>(get(base + 8, 2));
  minor = static_cast<uint16_t>(get(base + 10, 2));
  if (major != kVersionMajor)
    return fail("bad version " + std::to_string(major) + "." +
                std::to_string(minor) + " (this runtime reads version " +
                std::to_string(kVersionMajor) + ".x)");
  if (get(base + 40, 8) != checksum(base, 40))
    return fail("header checksum mismatch");
  uint32_t count = static_cast<uint32_t>(get(base + 12, 4));
  uint64_t fileSize = get(base + 16, 8);
  uint64_t tableOffset = get(base + 24, 8);
  if (fileSize != length)
    return fail(fileSize > length
                    ? "truncated: the header says " + std::to_string(fileSize) +
                          " bytes, the file has " + std::to_string(length)
                    : "file size mismatch: the header says " +
                          std::to_string(fileSize) + " bytes, the file has " +
                          std::to_string(length));
  if (count > kMaxSections)
    return fail("section count " + std::to_string(count) + " exceeds " +
                std::to_string(kMaxSections));
  uint64_t tableBytes = uint64_t(count) * kSectionEntrySize;
  if (tableOffset < kHeaderSize || tableOffset > length ||
      tableBytes > length - tableOffset)
    return fail("section table offset " + std::to_string(tableOffset) + " (+" +
                std::to_string(tableBytes) + " bytes) out of range (file is " +
                std::to_string(length) + " bytes)");
  if (get(base + 32, 8) != checksum(base + tableOffset, tableBytes))
    return fail("section table checksum mismatch");
  table.clear();
  for (uint32_t i = 0; i < count; ++i) {
    const char *entry = base + tableOffset + i * kSectionEntrySize;
    size_t nameLength = strnlen(entry, kSectionNameSize);
    if (nameLength == 0 || nameLength == kSectionNameSize)
      return fail("section " + std::to_string(i) + " has a bad name");
    Section section;
    section.name.assign(entry, nameLength);
    uint64_t offset = get(entry + 40, 8), size = get(entry + 48, 8);
    if (offset < tableOffset + tableBytes || offset > length ||
        size > length - offset)
      return fail("section '" + section.name + "' offset " +
                  std::to_string(offset) + " size " + std::to_string(size) +
                  " out of range (file is " + std::to_string(length) +
                  " bytes)");
    if (find(section.name))
      return fail("duplicate section '" + section.name + "'");
    uint64_t expected = get(entry + 56, 8);
    uint64_t actual = checksum(base + offset, size);
    if (expected != actual)
      return fail("checksum mismatch in section '" + section.name +
                  "' (stored " + hex(expected) + ", computed " + hex(actual) +
                  ")");
    section.offset = offset;
    section.bytes = std::string_view(base + offset, size);
    table.push_back(std::move(section));
  }
  return true;
}

} // namespace tessera::bundle
