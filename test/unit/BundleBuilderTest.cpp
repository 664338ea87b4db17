//===- BundleBuilderTest.cpp - The plan, weights and images of a bundle ---===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// buildBundle() on small planned functions with hand-written programs: the
// signature, weights packing (256-byte aligned, splats folded), argument
// resolution (inputs, weights, arena, outputs), copies for outputs no kernel
// writes, images shared by structurally identical kernels, the NVRTC disk
// cache, and the NVRTC failure diagnostic.
//
//===----------------------------------------------------------------------===//
#include "compiler/bundle/BundleBuilder.h"
#include "compiler/bundle/KernelSource.h"
#include "ir/TesseraDialect.h"
#include "runtime/nvrtc/NvrtcCache.h"

#include "TestDiagnostics.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace mlir;
using ::tessera::bundle::BufferKind;
using ::tessera::bundle::BufferRef;
using ::tessera::bundle::Model;
using ::tessera::bundle::Step;
using ::tessera::codegen::KernelParam;
using ::tessera::codegen::KernelProgram;

constexpr auto kOperand = KernelParam::Kind::Operand;
constexpr auto kResult = KernelParam::Kind::Result;

/// Two elementwise kernels: %a = x + c0 (arena 512; the splat %s folded),
/// %b = a + c1 (bound by the caller). The function returns %b (written in
/// place), x (an input), c0 (a constant) and %a (an arena value).
constexpr const char *kTwoKernels = R"mlir(
func.func @main(%x: tensor<2x4xf32> {tessera.name = "x"}, %unused: tensor<3xi64> {tessera.name = "idx"})
    -> (tensor<2x4xf32> {tessera.name = "y"}, tensor<2x4xf32> {tessera.name = "x_copy"},
        tensor<4xf32> {tessera.name = "w"}, tensor<2x4xf32> {tessera.name = "t"})
    attributes {tessera.arena_bytes = 1024 : i64} {
  %c0 = tessera.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %c1 = tessera.constant dense<[5.0, 6.0, 7.0, 8.0]> : tensor<4xf32>
  %s = tessera.constant dense<2.0> : tensor<4xf32>
  %a = tessera.kernel "a" kind = elementwise (%x, %c0, %s) {offsets = array<i64: 512>} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32> {
  ^bb0(%p: tensor<2x4xf32>, %q: tensor<4xf32>, %r: tensor<4xf32>):
    %0 = tessera.add %p, %q : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
    %1 = tessera.mul %0, %r : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
    tessera.yield %1 : tensor<2x4xf32>
  }
  %b = tessera.kernel "b" kind = elementwise (%a, %c1) {offsets = array<i64: -1>} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32> {
  ^bb0(%p: tensor<2x4xf32>, %q: tensor<4xf32>):
    %0 = tessera.add %p, %q : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
    tessera.yield %0 : tensor<2x4xf32>
  }
  return %b, %x, %c0, %a : tensor<2x4xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x4xf32>
}
)mlir";

/// A kernel source as an emitter would write it.
std::string kernelSource(const std::string &name, const std::string &comment,
                         const std::string &body = "y[i] = x[i] * 2.0f;") {
  return "// " + comment + "\n#include \"tessera/core.cuh\"\n\nnamespace " +
         name +
         "_detail {\nTS_DEVICE int index() { return threadIdx.x; } /* "
         "the lane */\n} // namespace " +
         name + "_detail\n\nTS_KERNEL void " + name +
         "(const float *TS_RESTRICT x, float *TS_RESTRICT y) {\n  int i = " +
         name + "_detail::index();\n  " + body + "\n}\n";
}

KernelProgram program(const std::string &name, std::vector<KernelParam> params,
                      std::string source = "") {
  KernelProgram p;
  p.name = name;
  p.kind = "elementwise";
  p.nodes = {name + "_node"};
  p.source = source.empty() ? kernelSource(name, "fused: " + name) : source;
  p.grid = {2, 1, 1};
  p.block = {128, 1, 1};
  p.sharedBytes = 0;
  p.params = std::move(params);
  return p;
}

/// "Input 0 +32" etc., for readable comparisons.
std::string str(const BufferRef &ref) {
  const char *kinds[] = {"Arena", "Weight", "Input", "Output"};
  return std::string(kinds[static_cast<int>(ref.kind)]) + " " +
         std::to_string(ref.value) + " +" + std::to_string(ref.bytes);
}

std::vector<std::string> str(const Step &step) {
  std::vector<std::string> out;
  out.push_back(step.kind == Step::Kind::Launch
                    ? "launch " + std::to_string(step.kernel)
                    : std::string("copy"));
  for (const BufferRef &ref : step.args)
    out.push_back(str(ref));
  return out;
}

class BundleBuilderTest : public tessera_test::DiagnosticTest {
protected:
  BundleBuilderTest() {
    context.loadDialect<mlir::tessera::TesseraDialect, func::FuncDialect>();
    context.printOpOnDiagnostic(false);
  }

  func::FuncOp parse(const char *text) {
    module = parseSourceString<ModuleOp>(text, &context);
    EXPECT_TRUE(module);
    return module->lookupSymbol<func::FuncOp>("main");
  }

  /// The plan's default options: no NVRTC.
  mlir::tessera::BundleOptions noNvrtc(std::vector<std::string> targets = {
                                           "sm_90a"}) {
    mlir::tessera::BundleOptions options;
    options.targets = std::move(targets);
    options.compileKernels = false;
    return options;
  }

  OwningOpRef<ModuleOp> module;
};

TEST_F(BundleBuilderTest, SignatureWeightsAndPlan) {
  func::FuncOp func = parse(kTwoKernels);
  std::vector<KernelProgram> programs = {
      program("a", {{kOperand, 0}, {kOperand, 1}, {kResult, 0}}),
      program("b", {{kOperand, 0}, {kOperand, 1}, {kResult, 0}})};
  mlir::tessera::BundleOptions options = noNvrtc({"sm_80", "sm_90a"});
  options.precision = mlir::tessera::CodegenPrecision::BF16;
  FailureOr<Model> model = mlir::tessera::buildBundle(func, programs, options);
  ASSERT_TRUE(succeeded(model));

  EXPECT_EQ(model->precision, ::tessera::bundle::Precision::BF16);
  EXPECT_EQ(model->arenaBytes, 1024u);
  ASSERT_EQ(model->inputs.size(), 2u);
  EXPECT_EQ(model->inputs[0].name, "x");
  EXPECT_EQ(model->inputs[0].dtype, ::tessera::bundle::DType::F32);
  EXPECT_EQ(model->inputs[0].shape, (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(model->inputs[1].name, "idx");
  EXPECT_EQ(model->inputs[1].dtype, ::tessera::bundle::DType::I64);
  ASSERT_EQ(model->outputs.size(), 4u);
  EXPECT_EQ(model->outputs[2].name, "w");
  EXPECT_EQ(model->outputs[2].shape, (std::vector<int64_t>{4}));

  // c0 at 0, c1 at 256 (aligned); the splat is not stored.
  ASSERT_EQ(model->weights.size(), 256u + 16u);
  float c0[4], c1[4];
  std::memcpy(c0, model->weights.data(), 16);
  std::memcpy(c1, model->weights.data() + 256, 16);
  EXPECT_EQ(c0[0], 1.0f);
  EXPECT_EQ(c0[3], 4.0f);
  EXPECT_EQ(c1[0], 5.0f);
  EXPECT_EQ(c1[3], 8.0f);

  ASSERT_EQ(model->targets.size(), 2u);
  EXPECT_EQ(model->targets[0].target, "sm_80");
  EXPECT_EQ(model->targets[1].target, "sm_90a");
  EXPECT_TRUE(model->targets[0].cubins.empty());
  EXPECT_TRUE(model->targets[0].ptxs.empty());
  const std::vector<Step> &plan = model->targets[1].plan;
  ASSERT_EQ(plan.size(), 5u);
  using Strings = std::vector<std::string>;
  EXPECT_EQ(str(plan[0]), (Strings{"launch 0", "Input 0 +32", "Weight 0 +16",
                                   "Arena 512 +32"}));
  // The arena value is copied out before the arena can be reused.
  EXPECT_EQ(str(plan[1]), (Strings{"copy", "Arena 512 +32", "Output 3 +32"}));
  EXPECT_EQ(str(plan[2]), (Strings{"launch 1", "Arena 512 +32",
                                   "Weight 256 +16", "Output 0 +32"}));
  EXPECT_EQ(str(plan[3]), (Strings{"copy", "Input 0 +32", "Output 1 +32"}));
  EXPECT_EQ(str(plan[4]), (Strings{"copy", "Weight 0 +16", "Output 2 +16"}));
  EXPECT_EQ(plan[0].grid, (std::array<uint32_t, 3>{2, 1, 1}));
  EXPECT_EQ(plan[0].block, (std::array<uint32_t, 3>{128, 1, 1}));
  EXPECT_EQ(model->targets[0].plan.size(), plan.size());

  // a and b differ only in their names and comments: one image.
  ASSERT_EQ(model->images.size(), 1u);
  EXPECT_EQ(model->images[0].source, programs[0].source);
  ASSERT_EQ(model->kernels.size(), 2u);
  EXPECT_EQ(model->kernels[1].name, "b");
  EXPECT_EQ(model->kernels[1].nodes, (Strings{"b_node"}));
  EXPECT_EQ(model->kernels[1].image, 0u);
  EXPECT_EQ(model->kernels[1].entry, "a");
  EXPECT_EQ(model->kernels[0].entry, "a");
}

TEST_F(BundleBuilderTest, DifferentBodiesKeepTheirImages) {
  func::FuncOp func = parse(kTwoKernels);
  std::vector<KernelProgram> programs = {
      program("a", {{kOperand, 0}, {kOperand, 1}, {kResult, 0}}),
      program("b", {{kOperand, 0}, {kOperand, 1}, {kResult, 0}},
              kernelSource("b", "fused: b", "y[i] = x[i] * 3.0f;"))};
  FailureOr<Model> model =
      mlir::tessera::buildBundle(func, programs, noNvrtc());
  ASSERT_TRUE(succeeded(model));
  ASSERT_EQ(model->images.size(), 2u);
  EXPECT_EQ(model->kernels[1].image, 1u);
  EXPECT_EQ(model->kernels[1].entry, "b");
}

TEST_F(BundleBuilderTest, NormalizeKernelSource) {
  using mlir::tessera::detail::normalizeKernelSource;
  EXPECT_EQ(normalizeKernelSource(kernelSource("conv", "x"), "conv"),
            normalizeKernelSource(kernelSource("conv_1", "y"), "conv_1"));
  // "convert" is another identifier, not the kernel's name.
  EXPECT_EQ(normalizeKernelSource("int convert = conv_detail::f(conv); "
                                  "// conv\nchar *s = \"/* conv */\";",
                                  "conv"),
            "int convert = __TESSERA_KERNEL___detail::f(__TESSERA_KERNEL__);\n"
            "char *s = \"/* conv */\";\n");
}

TEST_F(BundleBuilderTest, OutputReturnedTwiceAndReshapeAlias) {
  func::FuncOp func = parse(R"mlir(
func.func @main(%x: tensor<2x4xf32> {tessera.name = "x"})
    -> (tensor<8xf32> {tessera.name = "y"}, tensor<2x4xf32> {tessera.name = "y2"})
    attributes {tessera.arena_bytes = 0 : i64} {
  %a = tessera.kernel "a" kind = elementwise (%x) {offsets = array<i64: -1>} : (tensor<2x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%p: tensor<2x4xf32>):
    %0 = tessera.neg %p : tensor<2x4xf32>
    tessera.yield %0 : tensor<2x4xf32>
  }
  %r = tessera.reshape %a : tensor<2x4xf32> to tensor<8xf32>
  return %r, %a : tensor<8xf32>, tensor<2x4xf32>
}
)mlir");
  std::vector<KernelProgram> programs = {
      program("a", {{kOperand, 0}, {kResult, 0}})};
  FailureOr<Model> model =
      mlir::tessera::buildBundle(func, programs, noNvrtc());
  ASSERT_TRUE(succeeded(model));
  const std::vector<Step> &plan = model->targets[0].plan;
  ASSERT_EQ(plan.size(), 2u);
  using Strings = std::vector<std::string>;
  EXPECT_EQ(str(plan[0]), (Strings{"launch 0", "Input 0 +32", "Output 0 +32"}));
  EXPECT_EQ(str(plan[1]), (Strings{"copy", "Output 0 +32", "Output 1 +32"}));
}

TEST_F(BundleBuilderTest, EqualConstantsShareTheirBytes) {
  func::FuncOp func = parse(R"mlir(
func.func @main(%x: tensor<2x4xf32> {tessera.name = "x"})
    -> (tensor<4xf32> {tessera.name = "w1"}, tensor<4xf32> {tessera.name = "w2"}, tensor<4xi32> {tessera.name = "w3"}) {
  %c0 = tessera.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %c1 = tessera.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %c2 = tessera.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
  return %c0, %c1, %c2 : tensor<4xf32>, tensor<4xf32>, tensor<4xi32>
}
)mlir");
  FailureOr<Model> model = mlir::tessera::buildBundle(func, {}, noNvrtc());
  ASSERT_TRUE(succeeded(model));
  EXPECT_EQ(model->weights.size(), 256u + 16u);
  using Strings = std::vector<std::string>;
  const std::vector<Step> &plan = model->targets[0].plan;
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(str(plan[0]), (Strings{"copy", "Weight 0 +16", "Output 0 +16"}));
  EXPECT_EQ(str(plan[1]), (Strings{"copy", "Weight 0 +16", "Output 1 +16"}));
  EXPECT_EQ(str(plan[2]), (Strings{"copy", "Weight 256 +16", "Output 2 +16"}));
}

TEST_F(BundleBuilderTest, SplatOutputIsExpanded) {
  func::FuncOp func = parse(R"mlir(
func.func @main(%x: tensor<2xf32> {tessera.name = "x"}) -> (tensor<3xi1> {tessera.name = "mask"}) {
  %c = tessera.constant dense<true> : tensor<3xi1>
  return %c : tensor<3xi1>
}
)mlir");
  FailureOr<Model> model = mlir::tessera::buildBundle(func, {}, noNvrtc());
  ASSERT_TRUE(succeeded(model));
  EXPECT_EQ(model->weights, std::string("\1\1\1", 3));
  using Strings = std::vector<std::string>;
  ASSERT_EQ(model->targets[0].plan.size(), 1u);
  EXPECT_EQ(str(model->targets[0].plan[0]),
            (Strings{"copy", "Weight 0 +3", "Output 0 +3"}));
  EXPECT_TRUE(model->kernels.empty());
  EXPECT_TRUE(model->images.empty());
}

TEST_F(BundleBuilderTest, OpOutsideKernelsIsAnError) {
  func::FuncOp func = parse(R"mlir(
func.func @main(%x: tensor<2xf32> {tessera.name = "x"}) -> (tensor<2xf32> {tessera.name = "y"}) {
  %y = tessera.neg %x : tensor<2xf32>
  return %y : tensor<2xf32>
}
)mlir");
  EXPECT_TRUE(failed(mlir::tessera::buildBundle(func, {}, noNvrtc())));
  EXPECT_EQ(diagnostics.take(),
            tessera_test::Messages{
                "error: op 'tessera.neg' outside any kernel cannot be run by "
                "a bundle (no kernel computes it)"});
}

TEST_F(BundleBuilderTest, ArenaOverflowAndProgramCount) {
  func::FuncOp func = parse(R"mlir(
func.func @main(%x: tensor<2x4xf32> {tessera.name = "x"}) -> (tensor<2x4xf32> {tessera.name = "y"})
    attributes {tessera.arena_bytes = 16 : i64} {
  %a = tessera.kernel "a" kind = elementwise (%x) {offsets = array<i64: 0>} : (tensor<2x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%p: tensor<2x4xf32>):
    %0 = tessera.neg %p : tensor<2x4xf32>
    tessera.yield %0 : tensor<2x4xf32>
  }
  %b = tessera.kernel "b" kind = elementwise (%a) {offsets = array<i64: -1>} : (tensor<2x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%p: tensor<2x4xf32>):
    %0 = tessera.neg %p : tensor<2x4xf32>
    tessera.yield %0 : tensor<2x4xf32>
  }
  return %b : tensor<2x4xf32>
}
)mlir");
  std::vector<KernelProgram> programs = {
      program("a", {{kOperand, 0}, {kResult, 0}})};
  EXPECT_TRUE(failed(mlir::tessera::buildBundle(func, programs, noNvrtc())));
  EXPECT_EQ(diagnostics.take(),
            tessera_test::Messages{
                "error: the function has 2 kernels but 1 programs were "
                "emitted"});
  programs.push_back(program("b", {{kOperand, 0}, {kResult, 0}}));
  EXPECT_TRUE(failed(mlir::tessera::buildBundle(func, programs, noNvrtc())));
  EXPECT_EQ(diagnostics.take(),
            tessera_test::Messages{"error: kernel 'a' result 0 at arena "
                                   "offset 0 (+32 bytes) exceeds the arena "
                                   "(16 bytes)"});
}

/// Points TESSERA_CACHE_DIR at a fresh folder while alive.
class ScopedCacheDir {
public:
  ScopedCacheDir() {
    dir = fs::temp_directory_path() /
          ("tessera-bundle-test-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter++));
    fs::remove_all(dir);
    const char *old = std::getenv("TESSERA_CACHE_DIR");
    if (old)
      saved = old;
    hadOld = old != nullptr;
    ::setenv("TESSERA_CACHE_DIR", dir.c_str(), 1);
  }
  ~ScopedCacheDir() {
    if (hadOld)
      ::setenv("TESSERA_CACHE_DIR", saved.c_str(), 1);
    else
      ::unsetenv("TESSERA_CACHE_DIR");
    fs::remove_all(dir);
  }
  fs::path dir;

private:
  static inline int counter = 0;
  std::string saved;
  bool hadOld = false;
};

TEST(NvrtcCacheTest, SecondCompileIsAHit) {
  ScopedCacheDir cache;
  EXPECT_EQ(::tessera::nvrtc::defaultCacheDir(),
            (cache.dir / "nvrtc").string());
  std::string source = kernelSource("k", "cached");
  bool hit = true;
  auto start = std::chrono::steady_clock::now();
  ::tessera::nvrtc::CompileResult first =
      ::tessera::nvrtc::compileCached(source, "k.cu", "sm_80", {}, {}, &hit);
  double cold =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ASSERT_TRUE(first.ok) << first.log;
  EXPECT_FALSE(hit);
  EXPECT_FALSE(first.cubin.empty());
  EXPECT_NE(first.ptx.find(".entry k("), std::string::npos);

  start = std::chrono::steady_clock::now();
  ::tessera::nvrtc::CompileResult second =
      ::tessera::nvrtc::compileCached(source, "k.cu", "sm_80", {}, {}, &hit);
  double warm =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  EXPECT_TRUE(hit);
  ASSERT_TRUE(second.ok);
  EXPECT_EQ(second.ptx, first.ptx);
  EXPECT_EQ(second.cubin, first.cubin);
  std::printf("nvrtc: cold %.3f s, cache hit %.4f s\n", cold, warm);

  // Another target, other options, other source: misses.
  ::tessera::nvrtc::compileCached(source, "k.cu", "sm_90a", {}, {}, &hit);
  EXPECT_FALSE(hit);
  ::tessera::nvrtc::compileCached(source, "k.cu", "sm_80", {"-lineinfo"}, {},
                                  &hit);
  EXPECT_FALSE(hit);
  ::tessera::nvrtc::compileCached(kernelSource("k", "other comment"), "k.cu",
                                  "sm_80", {}, {}, &hit);
  EXPECT_FALSE(hit);
  ::tessera::nvrtc::compileCached(source, "k.cu", "sm_90a", {}, {}, &hit);
  EXPECT_TRUE(hit);

  // A corrupted entry is a miss, and is rewritten.
  std::string key = ::tessera::nvrtc::cacheKey(source, "k.cu", "sm_80", {});
  fs::path entry = cache.dir / "nvrtc" / (key + ".nvrtc");
  ASSERT_TRUE(fs::exists(entry));
  {
    std::fstream file(entry, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(100);
    file.put('\x5a');
  }
  ::tessera::nvrtc::CompileResult again =
      ::tessera::nvrtc::compileCached(source, "k.cu", "sm_80", {}, {}, &hit);
  EXPECT_FALSE(hit);
  EXPECT_EQ(again.cubin, first.cubin);
  ::tessera::nvrtc::compileCached(source, "k.cu", "sm_80", {}, {}, &hit);
  EXPECT_TRUE(hit);

  // Failures are not cached.
  std::string bad = "TS_KERNEL void k() { nope; }\n";
  EXPECT_FALSE(
      ::tessera::nvrtc::compileCached(bad, "k.cu", "sm_80", {}, {}, &hit).ok);
  EXPECT_FALSE(
      ::tessera::nvrtc::compileCached(bad, "k.cu", "sm_80", {}, {}, &hit).ok);
  EXPECT_FALSE(hit);
}

TEST_F(BundleBuilderTest, CompilesEveryImageForEveryTarget) {
  ScopedCacheDir cache;
  func::FuncOp func = parse(kTwoKernels);
  std::vector<KernelProgram> programs = {
      program("a", {{kOperand, 0}, {kOperand, 1}, {kResult, 0}}),
      program("b", {{kOperand, 0}, {kOperand, 1}, {kResult, 0}},
              kernelSource("b", "fused: b", "y[i] = x[i] * 3.0f;"))};
  mlir::tessera::BundleOptions options;
  options.targets = {"sm_80", "sm_90a"};
  FailureOr<Model> model = mlir::tessera::buildBundle(func, programs, options);
  ASSERT_TRUE(succeeded(model));
  for (const ::tessera::bundle::TargetCode &code : model->targets) {
    ASSERT_EQ(code.cubins.size(), 2u) << code.target;
    ASSERT_EQ(code.ptxs.size(), 2u) << code.target;
    EXPECT_EQ(code.cubins[0].substr(0, 4), "\x7f"
                                           "ELF");
    EXPECT_NE(code.ptxs[0].find(".entry a("), std::string::npos);
    EXPECT_NE(code.ptxs[1].find(".entry b("), std::string::npos);
    EXPECT_NE(code.ptxs[1].find(".target " + code.target), std::string::npos);
  }
  // Four entries in the cache (2 images x 2 targets).
  size_t entries = 0;
  for (const auto &entry : fs::directory_iterator(cache.dir / "nvrtc"))
    entries += entry.path().extension() == ".nvrtc";
  EXPECT_EQ(entries, 4u);
}

TEST_F(BundleBuilderTest, NvrtcFailureNamesKernelNodesAndSource) {
  ScopedCacheDir cache;
  func::FuncOp func = parse(kTwoKernels);
  std::string bad = "#include \"tessera/core.cuh\"\nTS_KERNEL void b(const "
                    "float *x, float *y) {\n  y[0] = undeclared;\n}\n";
  std::vector<KernelProgram> programs = {
      program("a", {{kOperand, 0}, {kOperand, 1}, {kResult, 0}}),
      program("b", {{kOperand, 0}, {kOperand, 1}, {kResult, 0}}, bad)};
  programs[1].nodes = {"Add_1", "Add_2"};
  mlir::tessera::BundleOptions options;
  options.targets = {"sm_80"};
  EXPECT_TRUE(failed(mlir::tessera::buildBundle(func, programs, options)));
  tessera_test::Messages messages = diagnostics.take();
  ASSERT_EQ(messages.size(), 1u);
  const std::string &message = messages[0];
  std::string head = "error: kernel 'b' (ONNX nodes 'Add_1', 'Add_2'): NVRTC "
                     "failed for sm_80; source written to ";
  ASSERT_EQ(message.substr(0, head.size()), head) << message;
  size_t newline = message.find('\n');
  ASSERT_NE(newline, std::string::npos);
  std::string path = message.substr(head.size(), newline - head.size());
  EXPECT_EQ(fs::path(path).extension(), ".cu");
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), bad);
  EXPECT_EQ(message.substr(newline + 1,
                           std::string("nvrtc: compiling 'b.cu' for sm_80 "
                                       "failed: NVRTC_ERROR_COMPILATION\n")
                               .size()),
            "nvrtc: compiling 'b.cu' for sm_80 failed: "
            "NVRTC_ERROR_COMPILATION\n");
  EXPECT_NE(message.find("b.cu(3): error: identifier \"undeclared\" is "
                         "undefined"),
            std::string::npos)
      << message;
  fs::remove(path);
}

} // namespace
