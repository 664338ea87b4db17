//===- LayoutProbeEmuTest.cpp - The layout probes on the emulator ---------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The GPU layout probes (test/gpu/probes) run on the CPU emulator and
// compared with the PTX ISA's fragment layouts, lane by lane: the half of
// the GPU comparison that needs no GPU. It checks the probe kernels and
// their expected answers as much as the emulator, so that a GPU run only
// has to compare.
//
//===----------------------------------------------------------------------===//
#include "probes/LayoutProbes.h"

#include <gtest/gtest.h>

namespace {

namespace probes = tessera::test::probes;

class LayoutProbe : public ::testing::TestWithParam<probes::ProbeCase> {};

TEST_P(LayoutProbe, EmulatorFollowsThePtxIsa) {
  const probes::ProbeCase &probe = GetParam();
  std::vector<uint32_t> out;
  std::optional<std::string> error = probes::runOnEmulator(probe, out);
  ASSERT_FALSE(error.has_value()) << *error;
  std::string differences = probes::describeDifferences(
      probe, out, "emulator", probe.documented, "ptx isa");
  EXPECT_TRUE(differences.empty()) << differences;
}

INSTANTIATE_TEST_SUITE_P(
    Probes, LayoutProbe, ::testing::ValuesIn(probes::probeCases()),
    [](const ::testing::TestParamInfo<probes::ProbeCase> &info) {
      std::string name = info.param.name;
      for (char &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
          c = '_';
      return name;
    });

TEST(LayoutProbes, CoverEveryShapeAndVariant) {
  std::vector<probes::ProbeCase> cases = probes::probeCases();
  int ldmatrix = 0, bf16 = 0, f16 = 0, tf32 = 0, tf32Raw = 0;
  for (const probes::ProbeCase &probe : cases) {
    ldmatrix += probe.kernel == "probe_ldmatrix";
    bf16 += probe.kernel == "probe_mma_bf16";
    f16 += probe.kernel == "probe_mma_f16";
    tf32 += probe.kernel == "probe_mma_tf32";
    tf32Raw += probe.kernel == "probe_mma_tf32_raw";
  }
  EXPECT_EQ(ldmatrix, 1); // x1, x2, x4 and .trans in one launch
  EXPECT_EQ(bf16, 5);
  EXPECT_EQ(f16, 5);
  EXPECT_EQ(tf32, 5);
  EXPECT_EQ(tf32Raw, 1);
}

} // namespace
