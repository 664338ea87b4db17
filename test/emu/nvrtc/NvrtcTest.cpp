//===- NvrtcTest.cpp - The prelude and the kernels through NVRTC ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// emu.nvrtc: every prelude header on its own, a translation unit using every
// primitive (prelude_primitives.cu), and every kernel file of test/emu/kernels
// (and its planted/ folder, found when the test runs) compile with NVRTC for
// sm_80 and sm_90a, and the PTX holds the instructions of the primitives each
// file calls. Failures name the file. Needs no GPU.
//
//===----------------------------------------------------------------------===//
#include "runtime/nvrtc/Nvrtc.h"

#include "codegen/prelude/Prelude.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using tessera::nvrtc::CompileResult;

const char *const kTargets[] = {"sm_80", "sm_90a"};

std::string readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// |source| without // and /* */ comments (string literals are kept as
/// they are; kernels have none that look like comments).
std::string stripComments(const std::string &source) {
  std::string out;
  for (size_t i = 0; i < source.size(); ++i) {
    if (source.compare(i, 2, "//") == 0) {
      i = source.find('\n', i);
      if (i == std::string::npos)
        break;
      out += '\n';
    } else if (source.compare(i, 2, "/*") == 0) {
      i = source.find("*/", i + 2);
      if (i == std::string::npos)
        break;
      ++i;
      out += ' ';
    } else {
      out += source[i];
    }
  }
  return out;
}

bool isIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// Whether |code| calls |name|: the identifier followed by '(' or '<'.
bool calls(const std::string &code, const std::string &name) {
  for (size_t at = code.find(name); at != std::string::npos;
       at = code.find(name, at + 1)) {
    if (at > 0 && isIdentifierChar(code[at - 1]))
      continue;
    size_t next = at + name.size();
    while (next < code.size() &&
           std::isspace(static_cast<unsigned char>(code[next])))
      ++next;
    if (next < code.size() && (code[next] == '(' || code[next] == '<'))
      return true;
  }
  return false;
}

/// How often |needle| occurs in |text|.
size_t countOf(const std::string &text, const std::string &needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1))
    ++count;
  return count;
}

/// A prelude function and an instruction its GPU branch must emit (one of
/// several, separated by '|').
struct Expectation {
  const char *function;
  const char *instruction;
};

/// How often any alternative of |instruction| ("a|b") occurs in |ptx|.
size_t countInstruction(const std::string &ptx,
                        const std::string &instruction) {
  size_t count = 0, begin = 0;
  for (;;) {
    size_t end = instruction.find('|', begin);
    count += countOf(ptx, instruction.substr(begin, end - begin));
    if (end == std::string::npos)
      return count;
    begin = end + 1;
  }
}

const Expectation kExpectations[] = {
    {"ts_mma_m16n8k16_bf16",
     "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32"},
    {"ts_mma_m16n8k16_f16",
     "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32"},
    {"ts_mma_m16n8k8_tf32",
     "mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32"},
    {"ts_ldmatrix_x1", "ldmatrix.sync.aligned.m8n8.x1.shared.b16"},
    {"ts_ldmatrix_x2", "ldmatrix.sync.aligned.m8n8.x2.shared.b16"},
    {"ts_ldmatrix_x4", "ldmatrix.sync.aligned.m8n8.x4.shared.b16"},
    {"ts_ldmatrix_x1_trans", "ldmatrix.sync.aligned.m8n8.x1.trans.shared.b16"},
    {"ts_ldmatrix_x2_trans", "ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16"},
    {"ts_ldmatrix_x4_trans", "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16"},
    {"ts_cp_async16", "cp.async.cg.shared.global"},
    {"ts_cp_async_commit", "cp.async.commit_group"},
    {"ts_cp_async_wait", "cp.async.wait_group"},
    {"ts_cp_async_wait_all", "cp.async.wait_all"},
    {"ts_shfl_xor_sync", "shfl.sync.bfly.b32"},
    {"ts_shfl_down_sync", "shfl.sync.down.b32"},
    {"ts_shfl_up_sync", "shfl.sync.up.b32"},
    {"ts_shfl_sync", "shfl.sync.idx.b32"},
    {"ts_ballot_sync", "vote.sync.ballot.b32"},
    {"ts_warp_reduce_sum", "shfl.sync.bfly.b32"},
    {"ts_warp_reduce_max", "shfl.sync.bfly.b32"},
    {"ts_block_reduce_sum", "shfl.sync.bfly.b32"},
    {"ts_block_reduce_max", "shfl.sync.bfly.b32"},
    {"ts_syncthreads", "bar.sync"},
    {"ts_float_to_half", "cvt.rn.f16.f32"},
    {"ts_half_to_float", "cvt.f32.f16"},
    {"ts_float_to_bf16", "cvt.rn.bf16.f32"},
    {"ts_float2_to_bf16x2", "cvt.rn.bf16x2.f32"},
    {"ts_float2_to_half2", "cvt.rn.f16x2.f32"},
    {"ts_float_to_tf32", "cvt.rna.tf32.f32"},
    {"ts_load_global_nc", "ld.global.nc"},
    {"ts_threadfence", "membar.gl"},
    {"ts_atomic_add", "atom.global.add|red.global.add|atom.add|red.add|"
                      "atom.shared.add|red.shared.add"},
    {"ts_exp", "ex2.approx"},
};

/// Checks that |result| succeeded and that its PTX has the instructions of
/// every prelude function |code| calls.
void expectCompiledWithInstructions(const CompileResult &result,
                                    const std::string &code,
                                    const std::string &what,
                                    const std::string &target) {
  ASSERT_TRUE(result.ok) << what << " for " << target << ":\n" << result.log;
  EXPECT_NE(result.ptx.find(".target " + target), std::string::npos) << what;
  ASSERT_GE(result.cubin.size(), 4u) << what;
  EXPECT_EQ(std::string(result.cubin.data(), 4), "\x7f"
                                                 "ELF")
      << what;
  std::string calling = stripComments(code);
  std::string checked;
  for (const Expectation &e : kExpectations) {
    if (!calls(calling, e.function) ||
        checked.find(e.instruction) != std::string::npos)
      continue;
    size_t count = countInstruction(result.ptx, e.instruction);
    EXPECT_GT(count, 0u) << what << " calls " << e.function
                         << " but its PTX for " << target << " has no "
                         << e.instruction;
    checked += "\n  " + std::to_string(count) + " x " + e.instruction;
  }
  std::printf("%s for %s: %zu bytes of PTX, %zu of cubin%s\n", what.c_str(),
              target.c_str(), result.ptx.size(), result.cubin.size(),
              checked.c_str());
}

std::string testName(std::string text) {
  for (char &c : text)
    if (!isIdentifierChar(c))
      c = '_';
  return text;
}

//===----------------------------------------------------------------------===//
// The wrapper
//===----------------------------------------------------------------------===//

TEST(Nvrtc, VersionIsMajorDotMinor) {
  std::string v = tessera::nvrtc::version();
  size_t dot = v.find('.');
  ASSERT_NE(dot, std::string::npos) << v;
  EXPECT_GE(std::stoi(v.substr(0, dot)), 12) << v;
  EXPECT_TRUE(std::all_of(v.begin() + dot + 1, v.end(), ::isdigit)) << v;
}

TEST(Nvrtc, SyntaxErrorFailsWithALogNamingTheFile) {
  const char *source = "#include \"tessera/core.cuh\"\n"
                       "TS_KERNEL void broken(float *x) {\n"
                       "  x[0] = ;\n"
                       "}\n";
  CompileResult result =
      tessera::nvrtc::compile(source, "broken_kernel.cu", "sm_80");
  EXPECT_FALSE(result.ok);
  EXPECT_TRUE(result.ptx.empty());
  EXPECT_TRUE(result.cubin.empty());
  EXPECT_EQ(result.log.rfind("nvrtc: compiling 'broken_kernel.cu' for sm_80 "
                             "failed: NVRTC_ERROR_COMPILATION\n",
                             0),
            0u)
      << result.log;
  EXPECT_NE(result.log.find("broken_kernel.cu(3): error"), std::string::npos)
      << result.log;
}

TEST(Nvrtc, ErrorInsideAPreludeHeaderNamesTheHeader) {
  // ts_load_vec<3> of float is 12 bytes: vector.cuh's static_assert fires.
  const char *source = "#include \"tessera/vector.cuh\"\n"
                       "TS_KERNEL void bad(const float *x, float *y) {\n"
                       "  y[0] = ts_load_vec<3>(x)[0];\n"
                       "}\n";
  CompileResult result = tessera::nvrtc::compile(source, "bad_vec.cu", "sm_80");
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.log.find("tessera/vector.cuh"), std::string::npos)
      << result.log;
  EXPECT_NE(result.log.find("ts_vec accesses move 4, 8 or 16 bytes"),
            std::string::npos)
      << result.log;
}

TEST(Nvrtc, UnknownTargetFails) {
  CompileResult result =
      tessera::nvrtc::compile("TS_KERNEL void k() {}", "k.cu", "sm80", {});
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.log, "nvrtc: compiling 'k.cu' for sm80 failed: unknown "
                        "target (expected sm_<NN>[a|f] or compute_<NN>[a|f])");
}

TEST(Nvrtc, VirtualTargetGivesPtxOnly) {
  CompileResult result = tessera::nvrtc::compile(
      "#include \"tessera/core.cuh\"\n"
      "TS_KERNEL void k(float *x) { x[threadIdx.x] = 1.0f; }\n",
      "k.cu", "compute_80");
  ASSERT_TRUE(result.ok) << result.log;
  EXPECT_NE(result.ptx.find(".target sm_80"), std::string::npos);
  EXPECT_NE(result.ptx.find(".entry k("), std::string::npos);
  EXPECT_TRUE(result.cubin.empty());
}

TEST(Nvrtc, ExtraOptionsReachTheCompiler) {
  const char *source = "#include \"tessera/core.cuh\"\n"
                       "#if TS_TEST_VALUE != 3\n"
                       "#error TS_TEST_VALUE must be 3\n"
                       "#endif\n"
                       "TS_KERNEL void k(float *x) { x[0] = TS_TEST_VALUE; }\n";
  EXPECT_TRUE(
      tessera::nvrtc::compile(source, "opt.cu", "sm_80", {"-DTS_TEST_VALUE=3"})
          .ok);
  CompileResult without = tessera::nvrtc::compile(source, "opt.cu", "sm_80");
  EXPECT_FALSE(without.ok);
  EXPECT_NE(without.log.find("TS_TEST_VALUE must be 3"), std::string::npos)
      << without.log;
}

TEST(Nvrtc, FastMathIsOff) {
  // Under -use_fast_math a float division becomes div.approx/div.full.
  CompileResult result = tessera::nvrtc::compile(
      "#include \"tessera/core.cuh\"\n"
      "TS_KERNEL void k(float *x) { x[0] = x[1] / x[2]; x[3] = expf(x[4]); }\n",
      "k.cu", "sm_80");
  ASSERT_TRUE(result.ok) << result.log;
  EXPECT_NE(result.ptx.find("div.rn.f32"), std::string::npos) << result.ptx;
  EXPECT_EQ(result.ptx.find("div.approx"), std::string::npos) << result.ptx;
  EXPECT_EQ(result.ptx.find("div.full"), std::string::npos) << result.ptx;
}

//===----------------------------------------------------------------------===//
// The prelude
//===----------------------------------------------------------------------===//

class PreludeTarget : public ::testing::TestWithParam<const char *> {};

TEST_P(PreludeTarget, EveryHeaderCompilesOnItsOwn) {
  const std::string target = GetParam();
  int headers = 0;
  for (size_t i = 0; i < tessera::prelude::kNumFiles; ++i) {
    std::string name = tessera::prelude::kFiles[i].name;
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".cuh") != 0)
      continue;
    ++headers;
    std::string source = "#include \"" + name + "\"\n#include \"" + name +
                         "\"\n"
                         "TS_KERNEL void only_header(float *x) {\n"
                         "  x[threadIdx.x] = 0.0f;\n"
                         "}\n";
    CompileResult result = tessera::nvrtc::compile(
        source, "include_" + testName(name) + ".cu", target);
    EXPECT_TRUE(result.ok) << name << " for " << target << ":\n" << result.log;
  }
  // core, warp, half, math, vector, atomic, reduce, mma, prelude.
  EXPECT_GE(headers, 9);
}

TEST_P(PreludeTarget, EveryPrimitiveCompilesToItsInstructions) {
  const std::string target = GetParam();
  const fs::path path =
      fs::path(TESSERA_NVRTC_TEST_DIR) / "prelude_primitives.cu";
  std::string source = readFile(path);
  ASSERT_FALSE(source.empty()) << path;
  CompileResult result =
      tessera::nvrtc::compile(source, "prelude_primitives.cu", target);
  expectCompiledWithInstructions(result, source, "prelude_primitives.cu",
                                 target);
  // The file calls every function of the table, so each instruction there
  // was checked; also a few that no prelude function maps to one-to-one.
  std::string calling = stripComments(source);
  for (const Expectation &e : kExpectations)
    EXPECT_TRUE(calls(calling, e.function))
        << "prelude_primitives.cu does not call " << e.function;
  for (const char *instruction :
       {"ld.global.v4.u32", "st.global.v4.u32", "atom.global.add.f32",
        "atom.global.add.f64", "atom.global.cas.b32", "cp.async.wait_group 1",
        "cp.async.wait_group 0", "div.rn.f32", "rsqrt.approx.f32"})
    EXPECT_NE(result.ptx.find(instruction), std::string::npos)
        << "prelude_primitives.cu for " << target << ": no " << instruction;
}

TEST_P(PreludeTarget, GpuLayoutProbesCompile) {
  // test/gpu's probes: built here too, so that machines without a GPU check
  // the source the GPU test hands to NVRTC.
  const std::string target = GetParam();
  const fs::path path = TESSERA_LAYOUT_PROBES_SOURCE;
  std::string source = readFile(path);
  ASSERT_FALSE(source.empty()) << path;
  CompileResult result =
      tessera::nvrtc::compile(source, "layout_probes.cu", target);
  expectCompiledWithInstructions(result, source, "layout_probes.cu", target);
  for (const char *kernel :
       {"probe_ldmatrix", "probe_mma_bf16", "probe_mma_f16", "probe_mma_tf32",
        "probe_mma_tf32_raw"})
    EXPECT_NE(result.ptx.find(std::string(".entry ") + kernel + "("),
              std::string::npos)
        << kernel;
}

INSTANTIATE_TEST_SUITE_P(Targets, PreludeTarget, ::testing::ValuesIn(kTargets),
                         [](const auto &info) {
                           return std::string(info.param);
                         });

//===----------------------------------------------------------------------===//
// The hand-written kernels (test/emu/kernels, found when the test runs)
//===----------------------------------------------------------------------===//

struct KernelCase {
  fs::path path;
  std::string target;
};

std::vector<fs::path> kernelFiles() {
  std::vector<fs::path> files;
  for (const fs::path &dir : {fs::path(TESSERA_EMU_KERNELS_DIR),
                              fs::path(TESSERA_EMU_KERNELS_DIR) / "planted"}) {
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(dir, error))
      if (entry.is_regular_file() && entry.path().extension() == ".cu")
        files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<KernelCase> kernelCases() {
  std::vector<KernelCase> cases;
  for (const fs::path &file : kernelFiles())
    for (const char *target : kTargets)
      cases.push_back({file, target});
  return cases;
}

class KernelFile : public ::testing::TestWithParam<KernelCase> {};

TEST_P(KernelFile, CompilesWithTheExpectedInstructions) {
  const KernelCase &c = GetParam();
  std::string source = readFile(c.path);
  ASSERT_FALSE(source.empty()) << c.path;
  std::string name = c.path.filename().string();
  CompileResult result = tessera::nvrtc::compile(source, name, c.target);
  expectCompiledWithInstructions(result, source, c.path.string(), c.target);
}

INSTANTIATE_TEST_SUITE_P(
    Kernels, KernelFile, ::testing::ValuesIn(kernelCases()),
    [](const ::testing::TestParamInfo<KernelCase> &info) {
      fs::path relative =
          fs::relative(info.param.path, fs::path(TESSERA_EMU_KERNELS_DIR));
      return testName(relative.replace_extension().string() + "_" +
                      info.param.target);
    });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(KernelFile);

TEST(KernelFiles, AreThere) {
  EXPECT_FALSE(kernelFiles().empty())
      << "no *.cu files under " << TESSERA_EMU_KERNELS_DIR;
}

} // namespace
