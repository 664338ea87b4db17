//===- Diagnostics.cpp - The emulator's error messages --------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/Diagnostics.h"

#include <cstdio>
#include <cstring>
#include <vector>

namespace tessera::emu {

const char *opName(Op op, int variant) {
  switch (op) {
  case Op::None:
    return "(none)";
  case Op::Syncthreads:
    return "ts_syncthreads";
  case Op::Syncwarp:
    return "ts_syncwarp";
  case Op::Shfl:
    switch (variant & 3) {
    case TS_SHFL_UP:
      return "ts_shfl_up_sync";
    case TS_SHFL_DOWN:
      return "ts_shfl_down_sync";
    case TS_SHFL_BFLY:
      return "ts_shfl_xor_sync";
    default:
      return "ts_shfl_sync";
    }
  case Op::Ballot:
    return "ts_ballot_sync";
  case Op::Ldmatrix: {
    // variant = num | trans << 3
    static const char *const names[2][5] = {
        {"ts_ldmatrix", "ts_ldmatrix_x1", "ts_ldmatrix_x2", "ts_ldmatrix",
         "ts_ldmatrix_x4"},
        {"ts_ldmatrix_trans", "ts_ldmatrix_x1_trans", "ts_ldmatrix_x2_trans",
         "ts_ldmatrix_trans", "ts_ldmatrix_x4_trans"}};
    int num = variant & 7;
    return names[(variant >> 3) & 1][num <= 4 ? num : 0];
  }
  case Op::Mma:
    switch (variant) {
    case TS_MMA_M16N8K16_F16:
      return "ts_mma_m16n8k16_f16";
    case TS_MMA_M16N8K16_BF16:
      return "ts_mma_m16n8k16_bf16";
    case TS_MMA_M16N8K8_TF32:
      return "ts_mma_m16n8k8_tf32";
    default:
      return "ts_mma";
    }
  }
  return "?";
}

std::string siteText(const char *name, const char *file, int line) {
  const char *base = file ? file : "?";
  if (const char *slash = std::strrchr(base, '/'))
    base = slash + 1;
  std::string s = name;
  s += " (";
  s += base;
  s += ':';
  s += std::to_string(line);
  s += ')';
  return s;
}

std::string maskText(unsigned mask) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "0x%08x", mask);
  return buffer;
}

namespace {
/// "0-15,32-47" for sorted |indices|.
std::string ranges(const std::vector<unsigned> &indices) {
  std::string s;
  for (size_t i = 0; i < indices.size();) {
    size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1)
      ++j;
    if (!s.empty())
      s += ',';
    s += std::to_string(indices[i]);
    if (j > i) {
      s += '-';
      s += std::to_string(indices[j]);
    }
    i = j + 1;
  }
  return s;
}

/// What a thread is doing, as grouped by describeThreads.
struct Key {
  bool exited;
  Op op;
  int variant;
  const char *file;
  int line;
  bool operator==(const Key &o) const {
    if (exited != o.exited)
      return false;
    if (exited)
      return true;
    return op == o.op && opName(op, variant) == opName(o.op, o.variant) &&
           line == o.line && (file == o.file || std::strcmp(file, o.file) == 0);
  }
};
} // namespace

std::string laneRanges(unsigned lanes) {
  std::vector<unsigned> v;
  for (unsigned l = 0; l < 32; ++l)
    if (lanes >> l & 1)
      v.push_back(l);
  return ranges(v);
}

std::string describeThreads(const Thread *threads, unsigned count,
                            const char *separator, bool repeatVerb) {
  std::vector<Key> keys;
  std::vector<std::vector<unsigned>> members;
  for (unsigned i = 0; i < count; ++i) {
    const Thread &t = threads[i];
    Key key{t.state == ThreadState::Exited, t.op, t.variant, t.file, t.line};
    size_t g = 0;
    while (g < keys.size() && !(keys[g] == key))
      ++g;
    if (g == keys.size()) {
      keys.push_back(key);
      members.emplace_back();
    }
    members[g].push_back(i);
  }
  std::string s;
  for (size_t g = 0; g < keys.size(); ++g) {
    bool plural = members[g].size() > 1;
    if (g)
      s += separator;
    s += plural ? "threads " : "thread ";
    s += ranges(members[g]);
    if (keys[g].exited) {
      s += " exited";
      continue;
    }
    if (g == 0 || repeatVerb)
      s += plural ? " wait" : " waits";
    s += " at ";
    s += siteText(opName(keys[g].op, keys[g].variant), keys[g].file,
                  keys[g].line);
  }
  return s;
}

} // namespace tessera::emu
