//===- LayoutProbes.cpp - Inputs and PTX-ISA answers of the layout probes -===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The documented layouts (PTX ISA, "Matrix fragments for mma.m16n8k16" /
// "mma.m16n8k8" and "ldmatrix"), with g = lane / 4 and t = lane % 4:
//   ldmatrix: lanes 8i..8i+7 address the rows of matrix i; register i of
//     lane l holds row l / 4, columns 2 (l % 4) and 2 (l % 4) + 1 of matrix
//     i (low half first); .trans delivers the transpose.
//   C/D: d[r] = D[g + 8 (r / 2)][2t + r % 2].
// The kernels build A/B/C fragments by the same layouts, so a GPU that
// disagrees with these answers shows up as a wrong D.
//
//===----------------------------------------------------------------------===//
#include "LayoutProbes.h"

#include "runtime/emu/Emulator.h"
#include "tessera/half.cuh"

#include <cstdio>
#include <cstring>
#include <iterator>

// The kernels of layout_probes.cu compiled for the host (LayoutProbesHost.cpp)
// and the module's ts_emu_self slot (from the binary's TS_EMU_DEFINE_MODULE).
extern "C" {
void probe_ldmatrix__ts_emu_entry(void **args);
void probe_mma_bf16__ts_emu_entry(void **args);
void probe_mma_f16__ts_emu_entry(void **args);
void probe_mma_tf32__ts_emu_entry(void **args);
void probe_mma_tf32_raw__ts_emu_entry(void **args);
ts_emu_thread **ts_emu_self_slot();
}

namespace tessera::test::probes {

namespace {

constexpr int kLanes = 32;

uint32_t bitsOf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

//===----------------------------------------------------------------------===//
// ldmatrix
//===----------------------------------------------------------------------===//

/// Tile element (row, col): never 0, so unwritten registers stand out.
uint32_t tileElement(int row, int col) {
  return 0x4000u | static_cast<uint32_t>(row * 8 + col);
}

ProbeCase ldmatrixCase() {
  ProbeCase probe;
  probe.name = "ldmatrix/x1_x2_x4_trans";
  probe.kernel = "probe_ldmatrix";
  std::vector<uint32_t> &tile = probe.inputs[0];
  for (int row = 0; row < 32; ++row)
    for (int w = 0; w < 4; ++w)
      tile.push_back(tileElement(row, 2 * w) | tileElement(row, 2 * w + 1)
                                                   << 16);
  // Lane l addresses tile row (13 l + 5) % 32: a permutation, so that a
  // lane-to-row mix-up cannot go unnoticed.
  std::vector<uint32_t> &rowOfLane = probe.inputs[1];
  for (int lane = 0; lane < kLanes; ++lane)
    rowOfLane.push_back(static_cast<uint32_t>((13 * lane + 5) % 32));
  probe.inputs[2] = {0};

  const int counts[6] = {1, 2, 4, 1, 2, 4};
  probe.documented.assign(6 * kLanes * 4, 0);
  for (int variant = 0; variant < 6; ++variant) {
    bool trans = variant >= 3;
    for (int lane = 0; lane < kLanes; ++lane)
      for (int i = 0; i < counts[variant]; ++i) {
        uint32_t lo, hi;
        if (!trans) {
          uint32_t row = rowOfLane[8 * i + lane / 4];
          lo = tileElement(row, 2 * (lane % 4));
          hi = tileElement(row, 2 * (lane % 4) + 1);
        } else {
          lo = tileElement(rowOfLane[8 * i + 2 * (lane % 4)], lane / 4);
          hi = tileElement(rowOfLane[8 * i + 2 * (lane % 4) + 1], lane / 4);
        }
        probe.documented[(variant * kLanes + lane) * 4 + i] = lo | hi << 16;
      }
  }
  return probe;
}

//===----------------------------------------------------------------------===//
// mma
//===----------------------------------------------------------------------===//

enum class Type { Bf16, F16, Tf32, Tf32Raw };

/// A case's matrices, as functions of the coordinates: A is M x K, B is
/// K x N (B[k][n]), C is M x N, all small integers (or halves) so that every
/// product and sum is exact in f32 and in the input type.
struct Matrices {
  const char *name;
  double (*a)(int i, int k);
  double (*b)(int k, int n);
  double (*c)(int i, int n);
};

double zero(int, int) { return 0.0; }

const Matrices k16Cases[] = {
    // D[i][n] = A[i][n]: A's columns 0..7 arrive through an identity B.
    {"a_cols_0_7", [](int i, int k) { return i * 16.0 + k; },
     [](int k, int n) { return k == n ? 1.0 : 0.0; }, zero},
    // D[i][n] = A[i][n + 8].
    {"a_cols_8_15", [](int i, int k) { return i * 16.0 + k; },
     [](int k, int n) { return k == n + 8 ? 1.0 : 0.0; }, zero},
    // D[i][n] = B[i][n]: A = I16.
    {"b_rows", [](int i, int k) { return i == k ? 1.0 : 0.0; },
     [](int k, int n) { return k * 8.0 + n + 1; }, zero},
    // D = C.
    {"c", zero, zero, [](int i, int n) { return i * 8.0 + n + 0.5; }},
    {"mixed", [](int i, int k) { return (i * 7 + k * 3) % 9 - 4.0; },
     [](int k, int n) { return (k * 5 + n * 11) % 7 - 3.0; },
     [](int i, int n) { return (i + n) % 5 - 2.0; }},
};

const Matrices k8Cases[] = {
    // D = A: B = I8.
    {"a", [](int i, int k) { return i * 8.0 + k; },
     [](int k, int n) { return k == n ? 1.0 : 0.0; }, zero},
    // D[i][n] = B[i % 8][n].
    {"b_rows", [](int i, int k) { return i % 8 == k ? 1.0 : 0.0; },
     [](int k, int n) { return k * 8.0 + n + 1; }, zero},
    {"c", zero, zero, [](int i, int n) { return i * 8.0 + n + 0.5; }},
    {"mixed", [](int i, int k) { return (i * 7 + k * 3) % 9 - 4.0; },
     [](int k, int n) { return (k * 5 + n * 11) % 7 - 3.0; },
     [](int i, int n) { return (i + n) % 5 - 2.0; }},
    // A below tf32 precision: 1 + j 2^-13, rounded by cvt.rna on the GPU
    // and by the host's ts_float_to_tf32 in the emulator; B = I8.
    {"a_below_tf32", [](int i, int k) { return 1.0 + (i * 8 + k) * 0x1p-13; },
     [](int k, int n) { return k == n ? 1.0 : 0.0; }, zero},
};

uint16_t toB16(double v, Type type) {
  float f = static_cast<float>(v);
  return type == Type::Bf16 ? ts_float_to_bf16(f).bits
                            : ts_float_to_half(f).bits;
}

/// The value the kernel feeds the tensor core for |v|.
double asFed(double v, Type type) {
  float f = static_cast<float>(v);
  switch (type) {
  case Type::Bf16:
    return ts_bf16_to_float(ts_float_to_bf16(f));
  case Type::F16:
    return ts_half_to_float(ts_float_to_half(f));
  case Type::Tf32: {
    uint32_t bits = ts_float_to_tf32(f);
    float rounded;
    std::memcpy(&rounded, &bits, sizeof rounded);
    return rounded;
  }
  default: { // unrounded f32 bits: the low 13 are ignored
    uint32_t bits = bitsOf(f) & 0xffffe000u;
    float truncated;
    std::memcpy(&truncated, &bits, sizeof truncated);
    return truncated;
  }
  }
}

ProbeCase mmaCase(const Matrices &m, Type type) {
  const bool tf32 = type == Type::Tf32 || type == Type::Tf32Raw;
  const int M = 16, N = 8, K = tf32 ? 8 : 16;
  const char *typeNames[] = {"bf16", "f16", "tf32", "tf32_raw"};
  const char *typeName = typeNames[static_cast<int>(type)];
  ProbeCase probe;
  probe.name = std::string("mma_") + typeName + "/" + m.name;
  probe.kernel = std::string("probe_mma_") + typeName;
  if (tf32) {
    for (int i = 0; i < M; ++i)
      for (int k = 0; k < K; ++k)
        probe.inputs[0].push_back(bitsOf(static_cast<float>(m.a(i, k))));
    for (int k = 0; k < K; ++k)
      for (int n = 0; n < N; ++n)
        probe.inputs[1].push_back(bitsOf(static_cast<float>(m.b(k, n))));
  } else {
    // Two b16 elements to a word, the lower index in the low half.
    for (int e = 0; e < M * K; e += 2)
      probe.inputs[0].push_back(toB16(m.a(e / K, e % K), type) |
                                toB16(m.a(e / K, e % K + 1), type) << 16);
    for (int e = 0; e < K * N; e += 2)
      probe.inputs[1].push_back(toB16(m.b(e / N, e % N), type) |
                                toB16(m.b(e / N, e % N + 1), type) << 16);
  }
  for (int i = 0; i < M; ++i)
    for (int n = 0; n < N; ++n)
      probe.inputs[2].push_back(bitsOf(static_cast<float>(m.c(i, n))));

  for (int lane = 0; lane < kLanes; ++lane)
    for (int r = 0; r < 4; ++r) {
      int i = lane / 4 + 8 * (r / 2), n = 2 * (lane % 4) + r % 2;
      double d = m.c(i, n);
      for (int k = 0; k < K; ++k)
        d += asFed(m.a(i, k), type) * asFed(m.b(k, n), type);
      probe.documented.push_back(bitsOf(static_cast<float>(d)));
    }
  return probe;
}

ts_emu_entry_fn entryOf(const std::string &kernel) {
  if (kernel == "probe_ldmatrix")
    return probe_ldmatrix__ts_emu_entry;
  if (kernel == "probe_mma_bf16")
    return probe_mma_bf16__ts_emu_entry;
  if (kernel == "probe_mma_f16")
    return probe_mma_f16__ts_emu_entry;
  if (kernel == "probe_mma_tf32")
    return probe_mma_tf32__ts_emu_entry;
  if (kernel == "probe_mma_tf32_raw")
    return probe_mma_tf32_raw__ts_emu_entry;
  return nullptr;
}

bool sameWord(uint32_t a, uint32_t b) {
  return a == b || ((a | b) & 0x7fffffffu) == 0; // +0 == -0
}

} // namespace

std::vector<ProbeCase> probeCases() {
  std::vector<ProbeCase> cases = {ldmatrixCase()};
  for (Type type : {Type::Bf16, Type::F16})
    for (const Matrices &m : k16Cases)
      cases.push_back(mmaCase(m, type));
  for (const Matrices &m : k8Cases)
    cases.push_back(mmaCase(m, Type::Tf32));
  // The a_below_tf32 inputs again, unrounded (the last case).
  cases.push_back(mmaCase(k8Cases[std::size(k8Cases) - 1], Type::Tf32Raw));
  return cases;
}

std::optional<std::string> runOnEmulator(const ProbeCase &probe,
                                         std::vector<uint32_t> &out) {
  ts_emu_entry_fn entry = entryOf(probe.kernel);
  if (!entry)
    return "no host entry for kernel '" + probe.kernel + "'";
  out.assign(probe.documented.size(), 0xdeadbeefu);
  const uint32_t *in0 = probe.inputs[0].data(), *in1 = probe.inputs[1].data(),
                 *in2 = probe.inputs[2].data();
  uint32_t *outPointer = out.data();
  void *args[4] = {&in0, &in1, &in2, &outPointer};
  emu::KernelHandle kernel{probe.kernel, entry, &ts_emu_self_slot};
  emu::LaunchParams params;
  params.block = {32, 1, 1};
  params.mode = emu::Mode::Check;
  return emu::launch(kernel, params, args);
}

std::string describeDifferences(const ProbeCase &probe,
                                const std::vector<uint32_t> &got,
                                const char *gotName,
                                const std::vector<uint32_t> &want,
                                const char *wantName, size_t limit) {
  if (got.size() != want.size())
    return probe.name + ": " + gotName + " has " + std::to_string(got.size()) +
           " words, " + wantName + " " + std::to_string(want.size());
  std::string text;
  size_t differences = 0;
  bool isLdmatrix = probe.kernel == "probe_ldmatrix";
  const char *variants[6] = {"x1",       "x2",       "x4",
                             "x1.trans", "x2.trans", "x4.trans"};
  for (size_t w = 0; w < got.size(); ++w) {
    if (sameWord(got[w], want[w]))
      continue;
    if (++differences > limit)
      continue;
    size_t lane = (w / 4) % kLanes, reg = w % 4;
    char line[192];
    std::snprintf(line, sizeof line,
                  "%s%s lane %zu %s[%zu]: %s 0x%08x, %s 0x%08x (ptx isa "
                  "0x%08x)\n",
                  probe.name.c_str(),
                  isLdmatrix ? (std::string(" ") + variants[w / 128]).c_str()
                             : "",
                  lane, isLdmatrix ? "r" : "d", reg, gotName, got[w], wantName,
                  want[w], probe.documented[w]);
    text += line;
  }
  if (differences > limit)
    text += "... " + std::to_string(differences - limit) + " more\n";
  return text;
}

const char *probeSourcePath() { return TESSERA_LAYOUT_PROBES_SOURCE; }

} // namespace tessera::test::probes
