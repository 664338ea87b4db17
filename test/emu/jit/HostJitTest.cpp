//===- HostJitTest.cpp - The emulator's host JIT and its cache ------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/HostJit.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace tessera::emu;

namespace {

/// A fresh cache folder per test, removed afterwards.
class HostJitTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/tessera-jit-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    cacheDir = pattern;
    options.cacheDir = cacheDir;
  }
  void TearDown() override { std::filesystem::remove_all(cacheDir); }

  std::string cacheDir;
  HostJitOptions options;
};

const char *kScaleSource = R"(#include "tessera/core.cuh"
// scale: y = x * s, one element per thread.
TS_KERNEL void scale(const float *TS_RESTRICT x, float *TS_RESTRICT y,
                     float s, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = x[i] * s;
}
)";

const char *kAddSource = R"(#include "tessera/core.cuh"
TS_KERNEL void add_one(int *p) { p[threadIdx.x] += 1; }
)";

std::string readFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(HostJitTest, CompilesManyKernelsIntoOneModuleAndCachesIt) {
  std::vector<KernelSource> sources = {{"scale.cu", kScaleSource, {"scale"}},
                                       {"add_one.cu", kAddSource, {"add_one"}}};
  std::string error;
  auto first = compileHostModule(sources, options, error);
  ASSERT_TRUE(first) << error;
  EXPECT_FALSE(first->fromCache());
  ASSERT_NE(first->kernel("scale"), nullptr);
  ASSERT_NE(first->kernel("add_one"), nullptr);
  EXPECT_EQ(first->kernel("missing"), nullptr);
  EXPECT_EQ(first->kernel("scale")->selfSlot,
            first->kernel("add_one")->selfSlot);
  EXPECT_NE(first->kernel("scale")->entry, first->kernel("add_one")->entry);
  // One shared object, and its unit names each source file.
  std::string unit =
      readFile(first->path().substr(0, first->path().size() - 3) + ".cpp");
  EXPECT_NE(unit.find("#line 1 \"scale.cu\""), std::string::npos);
  EXPECT_NE(unit.find("TS_EMU_ENTRY(add_one)"), std::string::npos);

  auto second = compileHostModule(sources, options, error);
  ASSERT_TRUE(second) << error;
  EXPECT_TRUE(second->fromCache());
  EXPECT_EQ(second->path(), first->path());

  // Anything that changes the object changes the key.
  HostJitOptions other = options;
  other.extraFlags = {"-DSOMETHING=1"};
  auto third = compileHostModule(sources, other, error);
  ASSERT_TRUE(third) << error;
  EXPECT_FALSE(third->fromCache());
  EXPECT_NE(third->path(), first->path());
  sources[0].code += "// a comment\n";
  auto fourth = compileHostModule(sources, options, error);
  ASSERT_TRUE(fourth) << error;
  EXPECT_FALSE(fourth->fromCache());

  // useCache = false rebuilds.
  HostJitOptions noCache = options;
  noCache.useCache = false;
  auto fifth = compileHostModule({{"scale.cu", kScaleSource, {"scale"}}},
                                 noCache, error);
  ASSERT_TRUE(fifth) << error;
  EXPECT_FALSE(fifth->fromCache());
}

TEST_F(HostJitTest, ALoadedKernelRunsThroughTheEmulator) {
  std::string error;
  auto module = compileHostModule({{"scale.cu", kScaleSource, {"scale"}}},
                                  options, error);
  ASSERT_TRUE(module) << error;
  const int n = 1000;
  std::vector<float> x(n), y(n, -1.0f);
  for (int i = 0; i < n; ++i)
    x[i] = 0.5f * i - 7.0f;
  const float *xp = x.data();
  float *yp = y.data();
  float s = -3.0f;
  int count = n;
  void *args[] = {&xp, &yp, &s, &count};
  LaunchParams params;
  params.grid = {(n + 127) / 128, 1, 1};
  params.block = {128, 1, 1};
  auto failure = launch(*module->kernel("scale"), params, args);
  ASSERT_FALSE(failure) << *failure;
  for (int i = 0; i < n; ++i)
    ASSERT_EQ(y[i], x[i] * s) << "element " << i;
}

TEST_F(HostJitTest, CompilerErrorsNameTheKernelsTheFileAndTheLine) {
  const char *bad = "#include \"tessera/core.cuh\"\n"
                    "TS_KERNEL void broken(float *p) {\n"
                    "  p[0] = undefined_name;\n"
                    "}\n";
  std::string error;
  auto module =
      compileHostModule({{"broken.cu", bad, {"broken"}}}, options, error);
  ASSERT_FALSE(module);
  EXPECT_EQ(error.rfind("host compilation of kernels 'broken' failed (", 0), 0u)
      << error;
  EXPECT_NE(error.find("broken.cu:3"), std::string::npos) << error;
  EXPECT_NE(error.find("undefined_name"), std::string::npos) << error;
  // The unit is kept for inspection, at the path the message names.
  size_t at = error.find("source: ");
  ASSERT_NE(at, std::string::npos);
  std::string path = error.substr(at + 8, error.find(')', at) - at - 8);
  EXPECT_TRUE(std::filesystem::exists(path)) << path;
}

TEST_F(HostJitTest, AMissingCompilerIsReported) {
  options.compiler = "/nonexistent/c++";
  std::string error;
  auto module = compileHostModule({{"scale.cu", kScaleSource, {"scale"}}},
                                  options, error);
  ASSERT_FALSE(module);
  EXPECT_EQ(error, "cannot run the host C++ compiler '/nonexistent/c++': No "
                   "such file or directory; set TESSERA_HOST_CXX");
}

TEST_F(HostJitTest, AKernelNamedButNotDefinedFailsToCompile) {
  std::string error;
  auto module = compileHostModule(
      {{"scale.cu", kScaleSource, {"scale", "not_there"}}}, options, error);
  ASSERT_FALSE(module);
  EXPECT_EQ(error.rfind("host compilation of kernels 'scale', 'not_there' "
                        "failed",
                        0),
            0u)
      << error;
  // The compiler's log points at the generated entry of the missing kernel.
  EXPECT_NE(error.find("<tessera-emu-entries>"), std::string::npos) << error;
}

TEST_F(HostJitTest, ThePreludeIsWrittenOncePerPreludeVersion) {
  std::string error;
  ASSERT_TRUE(compileHostModule({{"scale.cu", kScaleSource, {"scale"}}},
                                options, error))
      << error;
  int preludeDirs = 0;
  for (auto &entry : std::filesystem::directory_iterator(cacheDir))
    if (entry.path().filename().string().rfind("prelude-", 0) == 0) {
      ++preludeDirs;
      EXPECT_TRUE(
          std::filesystem::exists(entry.path() / "tessera" / "core.cuh"));
      EXPECT_TRUE(
          std::filesystem::exists(entry.path() / "tessera" / "emu_abi.h"));
    }
  EXPECT_EQ(preludeDirs, 1);
}

} // namespace
