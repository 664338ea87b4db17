//===- BundleRoundTripTest.cpp - Compile, encode, decode a bundle ---------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The example MLP (examples/models/mlp_gelu.onnx) through import, the default
// pipeline, the emitters and buildBundle (NVRTC for sm_80 and sm_90a), then
// encodeBundle, the container and decodeBundle: what comes back is what was
// built — signature, kernels, images, plans, cubins, PTX and weights — and
// the weights hold the model's initializers.
//
//===----------------------------------------------------------------------===//
#include "codegen/Codegen.h"
#include "compiler/bundle/BundleBuilder.h"
#include "compiler/onnx/Importer.h"
#include "ir/TesseraOps.h"
#include "passes/Pipeline.h"
#include "runtime/bundle/Bundle.h"
#include "runtime/bundle/BundleModel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace {

using namespace mlir;
namespace bundle = ::tessera::bundle;

bool sameRef(const bundle::BufferRef &a, const bundle::BufferRef &b) {
  return a.kind == b.kind && a.value == b.value && a.bytes == b.bytes;
}

TEST(BundleRoundTripTest, MlpGelu) {
  std::string cacheDir = (std::filesystem::temp_directory_path() /
                          ("tessera-roundtrip-" + std::to_string(::getpid())))
                             .string();
  const char *oldCacheDir = std::getenv("TESSERA_CACHE_DIR");
  std::string savedCacheDir = oldCacheDir ? oldCacheDir : "";
  ::setenv("TESSERA_CACHE_DIR", cacheDir.c_str(), 1);
  struct Restore {
    bool had;
    std::string value;
    ~Restore() {
      if (had)
        ::setenv("TESSERA_CACHE_DIR", value.c_str(), 1);
      else
        ::unsetenv("TESSERA_CACHE_DIR");
    }
  } restore{oldCacheDir != nullptr, savedCacheDir};

  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  OwningOpRef<ModuleOp> module = mlir::tessera::importModelFile(
      TESSERA_SOURCE_DIR "/examples/models/mlp_gelu.onnx", &context, {});
  ASSERT_TRUE(module);
  PassManager pm(&context);
  mlir::tessera::PipelineOptions pipeline;
  pipeline.target = "sm_80";
  mlir::tessera::buildDefaultPipeline(pm, pipeline);
  ASSERT_TRUE(succeeded(pm.run(*module)));
  auto func = module->lookupSymbol<func::FuncOp>("main");
  ASSERT_TRUE(func);

  FailureOr<std::vector<::tessera::codegen::KernelProgram>> programs =
      mlir::tessera::emitKernels(func, {});
  ASSERT_TRUE(succeeded(programs));
  mlir::tessera::BundleOptions options;
  options.targets = {"sm_80", "sm_90a"};
  FailureOr<bundle::Model> built =
      mlir::tessera::buildBundle(func, *programs, options);
  ASSERT_TRUE(succeeded(built));

  // The signature and plan the example has: fc1, fc2, softmax; one input,
  // one output; the softmax writes the output in place.
  ASSERT_EQ(built->inputs.size(), 1u);
  EXPECT_EQ(built->inputs[0].name, "input");
  EXPECT_EQ(built->inputs[0].shape, (std::vector<int64_t>{2, 16}));
  ASSERT_EQ(built->outputs.size(), 1u);
  EXPECT_EQ(built->outputs[0].name, "output");
  EXPECT_EQ(built->outputs[0].shape, (std::vector<int64_t>{2, 4}));
  ASSERT_EQ(built->kernels.size(), 3u);
  EXPECT_EQ(built->kernels[0].name, "fc1_Gemm");
  ASSERT_FALSE(built->kernels[0].nodes.empty());
  EXPECT_EQ(built->kernels[0].nodes[0], "/fc1/Gemm");
  ASSERT_EQ(built->targets.size(), 2u);
  const std::vector<bundle::Step> &plan = built->targets[0].plan;
  ASSERT_EQ(plan.size(), 3u);
  for (size_t i = 0; i < plan.size(); ++i) {
    EXPECT_EQ(plan[i].kind, bundle::Step::Kind::Launch);
    EXPECT_EQ(plan[i].kernel, i);
  }
  // fc1 reads the input and writes the arena at 0; the softmax writes
  // output 0.
  EXPECT_EQ(plan[0].args.front().kind, bundle::BufferKind::Input);
  EXPECT_EQ(plan[0].args.back().kind, bundle::BufferKind::Arena);
  EXPECT_EQ(plan[0].args.back().value, 0u);
  EXPECT_EQ(plan[2].args.back().kind, bundle::BufferKind::Output);
  EXPECT_EQ(plan[2].args.back().bytes, 2u * 4u * 4u);
  // fc1.weight (32x16) is the first weight: at offset 0.
  bool fc1Weight = false;
  for (const bundle::BufferRef &ref : plan[0].args)
    fc1Weight |= ref.kind == bundle::BufferKind::Weight && ref.value == 0 &&
                 ref.bytes == 32u * 16u * 4u;
  EXPECT_TRUE(fc1Weight);
  for (const bundle::TargetCode &code : built->targets) {
    EXPECT_EQ(code.cubins.size(), built->images.size());
    EXPECT_EQ(code.ptxs.size(), built->images.size());
  }

  bundle::BundleWriter writer;
  std::string error;
  ASSERT_TRUE(bundle::encodeBundle(*built, writer, error)) << error;
  std::unique_ptr<bundle::Bundle> container =
      bundle::Bundle::fromMemory(writer.serialize(), "mlp_gelu.tsrb", error);
  ASSERT_TRUE(container) << error;
  std::optional<bundle::Model> decoded =
      bundle::decodeBundle(*container, error);
  ASSERT_TRUE(decoded) << error;

  EXPECT_EQ(decoded->precision, built->precision);
  EXPECT_EQ(decoded->arenaBytes, built->arenaBytes);
  EXPECT_EQ(decoded->weights, built->weights);
  ASSERT_EQ(decoded->inputs.size(), built->inputs.size());
  EXPECT_EQ(decoded->inputs[0].name, built->inputs[0].name);
  EXPECT_EQ(decoded->inputs[0].shape, built->inputs[0].shape);
  EXPECT_EQ(decoded->outputs[0].name, built->outputs[0].name);
  ASSERT_EQ(decoded->kernels.size(), built->kernels.size());
  for (size_t i = 0; i < built->kernels.size(); ++i) {
    EXPECT_EQ(decoded->kernels[i].name, built->kernels[i].name);
    EXPECT_EQ(decoded->kernels[i].kind, built->kernels[i].kind);
    EXPECT_EQ(decoded->kernels[i].nodes, built->kernels[i].nodes);
    EXPECT_EQ(decoded->kernels[i].image, built->kernels[i].image);
    EXPECT_EQ(decoded->kernels[i].entry, built->kernels[i].entry);
  }
  ASSERT_EQ(decoded->images.size(), built->images.size());
  for (size_t i = 0; i < built->images.size(); ++i)
    EXPECT_EQ(decoded->images[i].source, built->images[i].source);
  ASSERT_EQ(decoded->targets.size(), built->targets.size());
  for (size_t t = 0; t < built->targets.size(); ++t) {
    const bundle::TargetCode &a = built->targets[t], &b = decoded->targets[t];
    EXPECT_EQ(b.target, a.target);
    EXPECT_EQ(b.cubins, a.cubins);
    EXPECT_EQ(b.ptxs, a.ptxs);
    ASSERT_EQ(b.plan.size(), a.plan.size());
    for (size_t s = 0; s < a.plan.size(); ++s) {
      EXPECT_EQ(b.plan[s].kind, a.plan[s].kind);
      EXPECT_EQ(b.plan[s].kernel, a.plan[s].kernel);
      EXPECT_EQ(b.plan[s].grid, a.plan[s].grid);
      EXPECT_EQ(b.plan[s].block, a.plan[s].block);
      EXPECT_EQ(b.plan[s].sharedBytes, a.plan[s].sharedBytes);
      ASSERT_EQ(b.plan[s].args.size(), a.plan[s].args.size());
      for (size_t i = 0; i < a.plan[s].args.size(); ++i)
        EXPECT_TRUE(sameRef(b.plan[s].args[i], a.plan[s].args[i]))
            << "step " << s << " arg " << i;
    }
  }
  std::filesystem::remove_all(cacheDir);
}

/// The plan of |path|'s model (through the default pipeline) with stand-in
/// programs (a parameter per non-splat operand and per result, as the
/// emitters make), encoded and decoded: decodeBundle checks every argument
/// against the arena, the weights and the signature. Returns false when the
/// model does not import or compile (not this test's business). With
/// |gemmsOut|, every kernel cuBLASLt can compute is a library GEMM
/// (--matmul=cublaslt; the decoder checks each operand's extent) and the
/// count of gemm steps is added to it.
bool checkPlan(const std::string &path, size_t *kernelsOut = nullptr,
               size_t *gemmsOut = nullptr) {
  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  std::string diagnostics;
  ScopedDiagnosticHandler quiet(&context, [&](Diagnostic &diag) {
    diagnostics += diag.str() + "\n";
    return success();
  });
  OwningOpRef<ModuleOp> module =
      mlir::tessera::importModelFile(path, &context, {});
  if (!module)
    return false;
  PassManager pm(&context);
  mlir::tessera::buildDefaultPipeline(pm, {});
  if (failed(pm.run(*module)))
    return false;
  auto func = module->lookupSymbol<func::FuncOp>("main");
  std::vector<::tessera::codegen::KernelProgram> programs;
  func.walk([&](mlir::tessera::KernelOp kernel) {
    ::tessera::codegen::KernelProgram program;
    program.name = kernel.getName().str();
    program.kind = mlir::tessera::stringifyKernelKind(kernel.getKind()).str();
    program.source = "// " + program.name + "\n";
    for (auto [index, operand] : llvm::enumerate(kernel.getInputs())) {
      auto constant = operand.getDefiningOp<mlir::tessera::ConstantOp>();
      auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                            : DenseElementsAttr();
      if (!dense || !dense.isSplat())
        program.params.push_back(
            {::tessera::codegen::KernelParam::Kind::Operand,
             static_cast<unsigned>(index)});
    }
    for (unsigned i = 0; i < kernel.getNumResults(); ++i)
      program.params.push_back(
          {::tessera::codegen::KernelParam::Kind::Result, i});
    if (gemmsOut)
      program.library = mlir::tessera::matchLibraryGemm(
          kernel, mlir::tessera::CodegenPrecision::BF16);
    programs.push_back(std::move(program));
  });
  if (kernelsOut)
    *kernelsOut = programs.size();
  mlir::tessera::BundleOptions options;
  options.targets = {"sm_80", "sm_90a"};
  options.compileKernels = false;
  FailureOr<bundle::Model> built =
      mlir::tessera::buildBundle(func, programs, options);
  EXPECT_TRUE(succeeded(built)) << diagnostics;
  if (failed(built))
    return true;
  EXPECT_EQ(built->targets[0].plan.size() >= programs.size(), true);
  // Identical sources up to the name: at most one image.
  EXPECT_EQ(built->images.size(), programs.empty() ? 0u : 1u);

  bundle::BundleWriter writer;
  std::string error;
  EXPECT_TRUE(bundle::encodeBundle(*built, writer, error)) << error;
  std::unique_ptr<bundle::Bundle> container =
      bundle::Bundle::fromMemory(writer.serialize(), path, error);
  EXPECT_TRUE(container) << error;
  if (!container)
    return true;
  std::optional<bundle::Model> decoded =
      bundle::decodeBundle(*container, error);
  EXPECT_TRUE(decoded) << error;
  if (decoded)
    EXPECT_EQ(decoded->weights, built->weights);
  if (gemmsOut && decoded)
    for (const bundle::Step &step : decoded->targets[0].plan)
      if (step.kind == bundle::Step::Kind::Gemm) {
        ++*gemmsOut;
        EXPECT_EQ(step.gemm.compute, bundle::GemmCompute::BF16);
      }
  return true;
}

TEST(BundleRoundTripTest, PlansOfEveryExample) {
  for (const char *name :
       {"mlp_gelu", "transformer_encoder", "conv_bn_relu", "lstm"}) {
    SCOPED_TRACE(name);
    size_t kernels = 0;
    EXPECT_TRUE(checkPlan(std::string(TESSERA_SOURCE_DIR "/examples/models/") +
                              name + ".onnx",
                          &kernels));
    EXPECT_GT(kernels, 0u);
  }
}

/// ../shared/onnx/node, or $TESSERA_ONNX_DATA/node.
std::filesystem::path conformanceNodeDir() {
  const char *env = std::getenv("TESSERA_ONNX_DATA");
  return std::filesystem::path(
             env && *env ? env : TESSERA_SOURCE_DIR "/../shared/onnx") /
         "node";
}

/// The same for every conformance model that compiles without --input
/// (../shared/onnx/node, or $TESSERA_ONNX_DATA/node; skipped when absent).
TEST(BundleRoundTripTest, PlansOfConformanceModels) {
  std::filesystem::path root = conformanceNodeDir();
  if (!std::filesystem::is_directory(root))
    GTEST_SKIP() << root << " not found";
  size_t checked = 0;
  for (const auto &entry : std::filesystem::directory_iterator(root)) {
    std::filesystem::path model = entry.path() / "model.onnx";
    if (!std::filesystem::exists(model))
      continue;
    SCOPED_TRACE(model.string());
    checked += checkPlan(model.string());
  }
  std::printf("plans checked for %zu conformance models\n", checked);
  EXPECT_GT(checked, 250u);
}

/// The same with every kernel cuBLASLt can compute as a gemm step.
TEST(BundleRoundTripTest, LibraryGemmPlans) {
  size_t gemms = 0;
  for (const char *name : {"mlp_gelu", "transformer_encoder"})
    EXPECT_TRUE(checkPlan(std::string(TESSERA_SOURCE_DIR "/examples/models/") +
                              name + ".onnx",
                          nullptr, &gemms));
  // fc2 of the MLP; the QKV projection and linear1 of the transformer.
  EXPECT_EQ(gemms, 3u);
  std::filesystem::path root = conformanceNodeDir();
  if (!std::filesystem::is_directory(root))
    GTEST_SKIP() << root << " not found";
  for (const auto &entry : std::filesystem::directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    std::filesystem::path model = entry.path() / "model.onnx";
    if (!std::filesystem::exists(model) ||
        (name.find("gemm") == std::string::npos &&
         name.find("matmul") == std::string::npos))
      continue;
    SCOPED_TRACE(model.string());
    checkPlan(model.string(), nullptr, &gemms);
  }
  std::printf("%zu gemm steps\n", gemms);
  EXPECT_GE(gemms, 3u + 9u);
}

} // namespace
