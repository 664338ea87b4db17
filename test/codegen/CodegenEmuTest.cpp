//===- CodegenEmuTest.cpp - Generated kernels vs the reference evaluator --===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// For each model: import, default pipeline, emit every kernel (codegen/),
// evaluate the function op by op with the reference evaluator (every kernel's
// operands and results), build every kernel of every model with ONE host JIT
// call, run EACH kernel through the CPU emulator (fast mode) on its reference
// operands and compare its outputs with the reference's kernel results.
// NvrtcCompiles compiles every generated kernel for sm_80 and sm_90a.
//
// DISABLED_Sweep (run with --gtest_also_run_disabled_tests
// --gtest_filter=*Sweep*) does the same for every model under
// $TESSERA_SWEEP_DIR (default ../shared/onnx/node) and prints counts.
//
//===----------------------------------------------------------------------===//
#include "EmuTestSupport.h"

#include "codegen/Codegen.h"
#include "compiler/onnx/Importer.h"
#include "compiler/onnx/ModelReader.h"
#include "compiler/onnx/OnnxProto.h"
#include "compiler/onnx/TensorProto.h"
#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"
#include "passes/Pipeline.h"
#include "runtime/emu/Emulator.h"
#include "runtime/emu/HostJit.h"
#include "runtime/nvrtc/Nvrtc.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>

using namespace mlir;
using ::tessera::DType;
using ::tessera::HostTensor;
using ::tessera::codegen::KernelParam;
using ::tessera::codegen::KernelProgram;

namespace {

namespace fs = std::filesystem;

/// One kernel to run: its program and reference operands/results.
struct Case {
  std::string model;
  KernelProgram program;
  std::vector<HostTensor> operands;
  std::vector<HostTensor> expected;
};

/// A model that could not be emitted or evaluated.
struct Outcome {
  std::string model;
  std::string error; // "" when every kernel was emitted
  int kernels = 0;
};

std::string nodeDir() {
  if (const char *dir = std::getenv("TESSERA_SWEEP_DIR"))
    return dir;
  return TESSERA_SHARED_ONNX_DIR "/node";
}

/// Imports |modelPath|, runs the pipeline, emits and evaluates it; appends
/// one Case per kernel. Returns "" or the first error.
std::string prepare(const std::string &modelPath, const std::string &prefix,
                    std::vector<Case> &cases, int &kernelCount,
                    mlir::tessera::CodegenPrecision precision =
                        mlir::tessera::CodegenPrecision::F32) {
  tessera_test::DiagnosedContext diagnosed;
  MLIRContext &context = diagnosed.context;
  std::string &diagnostics = diagnosed.diagnostics;

  // Inputs: test_data_set_0/input_N.pb for node models, NAME.input_0.npy
  // beside an example.
  onnx::ModelProto proto;
  std::string error;
  if (!mlir::tessera::readModelFile(modelPath, proto, error))
    return error;
  std::vector<std::string> inputNames;
  std::set<std::string> initializers;
  for (const auto &init : proto.graph().initializer())
    initializers.insert(init.name());
  for (const auto &input : proto.graph().input())
    if (!initializers.count(input.name()))
      inputNames.push_back(input.name());
  mlir::tessera::ImportOptions options;
  fs::path path(modelPath);
  for (size_t i = 0; i < inputNames.size(); ++i) {
    fs::path file = path.parent_path() / "test_data_set_0" /
                    ("input_" + std::to_string(i) + ".pb");
    if (!fs::exists(file))
      file = path.parent_path() /
             (path.stem().string() + ".input_" + std::to_string(i) + ".npy");
    HostTensor tensor;
    if (!fs::exists(file) && !proto.graph().input().empty()) {
      // No input file (light/ CNNs): float32 arange(N).reshape(shape) / N,
      // as the conformance runner.
      std::vector<int64_t> shape;
      for (const auto &input : proto.graph().input())
        if (input.name() == inputNames[i])
          for (const auto &dim : input.type().tensor_type().shape().dim())
            shape.push_back(dim.has_dim_value() ? dim.dim_value() : 1);
      tensor = HostTensor(DType::F32, shape);
      int64_t n = tensor.numElements();
      for (int64_t j = 0; j < n; ++j)
        tensor.setDouble(j, double(j) / double(n));
    } else if (!mlir::tessera::readTensorFile(file.string(), tensor, error)) {
      return "input " + std::to_string(i) + ": " + error;
    }
    options.inputValues[inputNames[i]] = tensor;
  }
  OwningOpRef<ModuleOp> module =
      mlir::tessera::importModel(proto, modelPath, &context, options);
  if (!module)
    return "import: " + diagnostics;
  PassManager pm(&context);
  mlir::tessera::buildDefaultPipeline(pm, mlir::tessera::PipelineOptions());
  if (failed(pm.run(*module)))
    return "pipeline: " + diagnostics;
  auto func = module->lookupSymbol<func::FuncOp>("main");
  if (!func)
    return "no @main";

  mlir::tessera::CodegenOptions codegen;
  codegen.precision = precision;
  codegen.namePrefix = prefix;
  FailureOr<std::vector<KernelProgram>> programs =
      mlir::tessera::emitKernels(func, codegen);
  if (failed(programs))
    return "codegen: " + diagnostics;

  // The reference, op by op.
  llvm::DenseMap<Value, HostTensor> values;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto name = func.getArgAttrOfType<StringAttr>(i, "tessera.name");
    if (!name || !options.inputValues.count(name.getValue()))
      return "no value for argument " + std::to_string(i);
    values[func.getArgument(i)] = options.inputValues[name.getValue()];
  }
  if (failed(mlir::tessera::evaluateBlock(func.getBody().front(), values)))
    return "reference: " + diagnostics;

  size_t k = 0;
  func.walk([&](mlir::tessera::KernelOp kernel) {
    Case c;
    c.model = modelPath;
    c.program = (*programs)[k++];
    for (Value operand : kernel.getInputs())
      c.operands.push_back(values[operand]);
    for (Value result : kernel.getResults())
      c.expected.push_back(values[result]);
    cases.push_back(std::move(c));
  });
  kernelCount = static_cast<int>(k);
  return "";
}

/// The f32 relative tolerance (the sweep takes $TESSERA_SWEEP_RTOL: whole
/// CNNs sum thousands of products per element, in another order and with
/// fused multiply-adds, where the reference does not).
double f32RelativeTolerance = 1e-5;

/// Compares |actual| with |expected|; "" or the first mismatch.
std::string compare(const HostTensor &actual, const HostTensor &expected) {
  if (actual.numElements() != expected.numElements())
    return "element count differs";
  DType dtype = expected.dtype();
  double rtol = f32RelativeTolerance, atol = 1e-5;
  if (dtype == DType::F16)
    rtol = atol = 2e-3;
  if (dtype == DType::BF16)
    rtol = atol = 1.6e-2;
  int bad = 0;
  std::string first;
  for (int64_t i = 0, e = expected.numElements(); i < e; ++i) {
    bool ok;
    double a = 0, b = 0;
    if (::tessera::isFloat(dtype)) {
      a = actual.getDouble(i);
      b = expected.getDouble(i);
      ok = (std::isnan(a) && std::isnan(b)) || a == b ||
           std::fabs(a - b) <= atol + rtol * std::fabs(b);
    } else {
      a = double(actual.getInt(i));
      b = double(expected.getInt(i));
      ok = actual.getInt(i) == expected.getInt(i);
    }
    if (!ok && bad++ == 0)
      first = "element " + std::to_string(i) + ": got " + std::to_string(a) +
              ", expected " + std::to_string(b);
  }
  if (bad)
    return std::to_string(bad) + " mismatches, first " + first;
  return "";
}

/// Runs |c| on the emulator; "" or the failure.
/// With |misaligned|, every buffer starts 8 bytes past a 16-byte boundary
/// (the kernels' scalar paths).
std::string run(const ::tessera::emu::HostModule &module, const Case &c,
                ::tessera::emu::Mode mode = ::tessera::emu::Mode::Fast,
                bool misaligned = false) {
  const ::tessera::emu::KernelHandle *handle = module.kernel(c.program.name);
  if (!handle)
    return "kernel not in the host module";
  std::vector<HostTensor> operands = c.operands;
  std::vector<HostTensor> results;
  for (const HostTensor &e : c.expected)
    results.emplace_back(e.dtype(), e.shape());
  std::vector<std::vector<uint64_t>> storage;
  auto place = [&](HostTensor &t) -> void * {
    if (!misaligned)
      return t.data();
    storage.emplace_back(t.byteSize() / 8 + 3);
    char *p = reinterpret_cast<char *>(storage.back().data());
    p += (16 - reinterpret_cast<uintptr_t>(p) % 16) % 16 + 8;
    std::memcpy(p, t.data(), t.byteSize());
    return p;
  };
  std::vector<void *> pointers;
  for (const KernelParam &p : c.program.params)
    pointers.push_back(p.kind == KernelParam::Kind::Operand
                           ? place(operands[p.index])
                           : place(results[p.index]));
  if (std::optional<std::string> error =
          tessera_test::launchProgram(*handle, c.program, pointers, mode))
    return *error;
  if (misaligned)
    for (size_t i = 0, k = 0; i < c.program.params.size(); ++i)
      if (c.program.params[i].kind == KernelParam::Kind::Result) {
        HostTensor &r = results[c.program.params[i].index];
        std::memcpy(r.data(), pointers[i], r.byteSize());
        ++k;
      }
  for (size_t i = 0; i < results.size(); ++i) {
    std::string diff = compare(results[i], c.expected[i]);
    if (!diff.empty())
      return "result " + std::to_string(i) + ": " + diff;
  }
  return "";
}

std::unique_ptr<::tessera::emu::HostModule>
buildAll(const std::vector<Case> &cases, std::string &error) {
  ::tessera::emu::KernelSource source;
  source.fileName = "generated.cu";
  for (const Case &c : cases)
    tessera_test::addKernel(source, c.program);
  return tessera_test::compileForEmu(source, error);
}

/// node/NAME/model.onnx, else node_extra/NAME/model.onnx.
std::string conformanceModel(const std::string &name) {
  std::string path = nodeDir() + "/" + name + "/model.onnx";
  if (!fs::exists(path))
    path = nodeDir() + "_extra/" + name + "/model.onnx";
  EXPECT_TRUE(fs::exists(path)) << path;
  return path;
}

/// The models of the ctest suite: the examples and node models covering
/// every kernel kind the emitters handle.
std::vector<std::string> suiteModels() {
  std::vector<std::string> models;
  for (const char *name :
       {"mlp_gelu", "transformer_encoder", "conv_bn_relu", "lstm"})
    models.push_back(std::string(TESSERA_EXAMPLES_DIR "/") + name + ".onnx");
  for (const char *name : {"test_add",
                           "test_add_bcast",
                           "test_mul",
                           "test_relu",
                           "test_gelu_default_1",
                           "test_gelu_tanh_1",
                           "test_sigmoid",
                           "test_tanh",
                           "test_exp",
                           "test_log",
                           "test_sqrt",
                           "test_softmax_axis_0",
                           "test_softmax_default_axis",
                           "test_logsoftmax_axis_1",
                           "test_layer_normalization_2d_axis0",
                           "test_layer_normalization_4d_axis_negative_1",
                           "test_rms_normalization_3d_axis1_epsilon",
                           "test_reduce_sum_keepdims_example",
                           "test_reduce_sum_do_not_keepdims_random",
                           "test_reduce_mean_default_axes_keepdims_random",
                           "test_reduce_max_do_not_keepdims_example",
                           "test_reduce_max_keepdims_random",
                           "test_matmul_2d",
                           "test_matmul_3d",
                           "test_matmul_4d",
                           "test_gemm_default_no_bias",
                           "test_gemm_transposeA",
                           "test_gemm_transposeB",
                           "test_gemm_all_attributes",
                           "test_transpose_all_permutations_3",
                           "test_concat_3d_axis_1",
                           "test_slice",
                           "test_slice_neg_steps",
                           "test_gather_0",
                           "test_gather_1",
                           "test_gather_negative_indices",
                           "test_edge_pad",
                           "test_reflect_pad",
                           "test_constant_pad",
                           "test_where_example",
                           "test_where_long_example",
                           "test_cast_FLOAT_to_FLOAT16",
                           "test_cast_FLOAT16_to_FLOAT",
                           "test_cast_FLOAT_to_DOUBLE",
                           "test_equal",
                           "test_greater",
                           "test_less_bcast",
                           "test_clip",
                           "test_clip_default_min",
                           "test_clip_min_greater_than_max",
                           "test_expand_dim_changed",
                           "test_reshape_reordered_all_dims",
                           "test_pow",
                           "test_pow_types_int32_int32",
                           "test_div",
                           "test_sub_bcast",
                           "test_neg",
                           "test_abs",
                           "test_erf",
                           "test_max_example",
                           "test_min_example",
                           "test_not_2d",
                           "test_cumsum_2d_axis_1",
                           "test_cumsum_1d_reverse_exclusive",
                           "test_maxpool_2d_default",
                           "test_maxpool_with_argmax_2d_precomputed_strides",
                           "test_averagepool_2d_pads_count_include_pad",
                           "test_globalaveragepool",
                           "test_conv_with_strides_padding",
                           "test_convtranspose",
                           "test_batchnorm_example"}) {
    models.push_back(conformanceModel(name));
  }
  return models;
}

/// Prepares every model; the cases and per-model outcomes.
void prepareAll(const std::vector<std::string> &models,
                std::vector<Case> &cases, std::vector<Outcome> &outcomes) {
  for (size_t i = 0; i < models.size(); ++i) {
    Outcome o;
    o.model = models[i];
    std::vector<Case> mine;
    o.error =
        prepare(models[i], "m" + std::to_string(i) + "_", mine, o.kernels);
    if (o.error.empty())
      for (Case &c : mine)
        cases.push_back(std::move(c));
    outcomes.push_back(o);
  }
}

TEST(CodegenEmu, SuiteMatchesReference) {
  std::vector<std::string> models = suiteModels();
  ASSERT_GT(models.size(), 60u) << "missing " << nodeDir();
  std::vector<Case> cases;
  std::vector<Outcome> outcomes;
  prepareAll(models, cases, outcomes);
  for (const Outcome &o : outcomes)
    EXPECT_EQ(o.error, "") << o.model;
  std::printf("%zu models, %zu kernels\n", outcomes.size(), cases.size());
  std::string error;
  std::unique_ptr<::tessera::emu::HostModule> module = buildAll(cases, error);
  ASSERT_TRUE(module) << error;
  int matched = 0;
  for (const Case &c : cases) {
    std::string r = run(*module, c);
    EXPECT_EQ(r, "") << c.model << ": kernel " << c.program.name << "\n"
                     << c.program.source;
    matched += r.empty();
  }
  EXPECT_GT(matched, 60);
  // Every kernel again on misaligned buffers: the scalar paths of the
  // vectorized kernels.
  for (const Case &c : cases)
    EXPECT_EQ(run(*module, c, ::tessera::emu::Mode::Fast, /*misaligned=*/true),
              "")
        << c.model << ": kernel " << c.program.name << " (misaligned)";
  // Negative control: a perturbed float operand must be caught.
  int caught = 0;
  for (const Case &c : cases) {
    if (c.operands.empty() || c.operands[0].dtype() != DType::F32 ||
        c.expected[0].dtype() != DType::F32 || c.program.params.empty() ||
        c.program.params[0].kind != KernelParam::Kind::Operand ||
        c.program.params[0].index != 0)
      continue;
    Case bad = c;
    for (int64_t i = 0; i < bad.operands[0].numElements(); ++i)
      bad.operands[0].setDouble(i, bad.operands[0].getDouble(i) + 1.0);
    caught += !run(*module, bad).empty();
  }
  EXPECT_GT(caught, 20);
}

TEST(CodegenEmu, CheckModeSubset) {
  // The kernels with barriers and shared memory (matmul tiles, block
  // reductions) in the emulator's check mode (greedy warps: a missing
  // barrier shows).
  std::vector<std::string> models = {TESSERA_EXAMPLES_DIR "/mlp_gelu.onnx",
                                     TESSERA_EXAMPLES_DIR "/conv_bn_relu.onnx"};
  for (const char *name :
       {"test_softmax_axis_1", "test_layer_normalization_2d_axis1",
        "test_matmul_3d", "test_gemm_transposeA",
        "test_rms_normalization_2d_axis1", "test_reduce_max_keepdims_random",
        "test_logsoftmax_axis_1", "test_conv_with_strides_padding"})
    models.push_back(conformanceModel(name));
  std::vector<Case> cases;
  std::vector<Outcome> outcomes;
  prepareAll(models, cases, outcomes);
  for (const Outcome &o : outcomes)
    EXPECT_EQ(o.error, "") << o.model;
  std::string error;
  auto module = buildAll(cases, error);
  ASSERT_TRUE(module) << error;
  for (const Case &c : cases)
    EXPECT_EQ(run(*module, c, ::tessera::emu::Mode::Check), "")
        << c.program.name;
  EXPECT_GE(cases.size(), 9u);
}

TEST(CodegenEmu, PrecisionPolicies) {
  // The matmul of mlp_gelu under tf32/bf16/f16 tensor-core math: looser
  // but still close (documented in docs/codegen.md).
  std::string model = TESSERA_EXAMPLES_DIR "/mlp_gelu.onnx";
  using P = mlir::tessera::CodegenPrecision;
  std::vector<Case> cases;
  int n = 0;
  int index = 0;
  for (P p : {P::TF32, P::BF16, P::F16}) {
    std::vector<Case> mine;
    ASSERT_EQ(prepare(model, "p" + std::to_string(index++) + "_", mine, n, p),
              "");
    for (Case &c : mine)
      if (c.program.kind == "matmul") {
        // The tensor-core GEMM's math tag (gemm.cuh) follows the policy.
        EXPECT_NE(
            c.program.source.find(p == P::TF32   ? "typedef ts_gemm_tf32 Math;"
                                  : p == P::BF16 ? "typedef ts_gemm_bf16 Math;"
                                                 : "typedef ts_gemm_f16 Math;"),
            std::string::npos);
        cases.push_back(std::move(c));
      }
  }
  std::string error;
  auto module = buildAll(cases, error);
  ASSERT_TRUE(module) << error;
  for (const Case &c : cases) {
    // Re-run with a tolerance of 1e-2 relative to the output's scale.
    const ::tessera::emu::KernelHandle *handle = module->kernel(c.program.name);
    ASSERT_TRUE(handle);
    Case loose = c;
    std::string diff = run(*module, loose);
    if (diff.empty())
      continue;
    // Check with a looser bound by hand.
    std::vector<HostTensor> operands = c.operands;
    HostTensor result(c.expected[0].dtype(), c.expected[0].shape());
    std::vector<void *> pointers;
    for (const KernelParam &p : c.program.params)
      pointers.push_back(p.kind == KernelParam::Kind::Operand
                             ? operands[p.index].data()
                             : result.data());
    ASSERT_FALSE(tessera_test::launchProgram(*handle, c.program, pointers,
                                             ::tessera::emu::Mode::Fast));
    for (int64_t i = 0; i < result.numElements(); ++i)
      EXPECT_NEAR(result.getDouble(i), c.expected[0].getDouble(i),
                  2e-2 + 2e-2 * std::fabs(c.expected[0].getDouble(i)))
          << c.program.name << " element " << i;
  }
}

TEST(CodegenEmu, NvrtcCompiles) {
  std::vector<Case> cases;
  std::vector<Outcome> outcomes;
  std::vector<std::string> models = suiteModels();
  prepareAll(models, cases, outcomes);
  // Dedupe identical bodies (names differ), as the bundle builder does.
  std::set<std::string> seen;
  int compiled = 0;
  for (const Case &c : cases) {
    std::string body = c.program.source;
    size_t at = body.find("TS_KERNEL");
    std::string key = body.substr(body.find('(', at));
    if (!seen.insert(key).second)
      continue;
    for (const char *target : {"sm_80", "sm_90a"}) {
      ::tessera::nvrtc::CompileResult r = ::tessera::nvrtc::compile(
          c.program.source, c.program.name + ".cu", target);
      EXPECT_TRUE(r.ok) << c.program.name << " for " << target << ":\n"
                        << r.log << "\n"
                        << c.program.source;
      EXPECT_TRUE(!r.ok || !r.cubin.empty());
    }
    ++compiled;
  }
  EXPECT_GT(compiled, 20);
}

TEST(CodegenEmu, UnsupportedOpIsOneDiagnosticNamingTheNode) {
  // A kernel whose body holds an op no emitter handles: emitKernels fails
  // with one error on the kernel naming the ONNX node and the op.
  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  std::vector<std::string> errors;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    errors.push_back(d.str());
    return success();
  });
  const char *text = R"mlir(
    func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
      %y = tessera.kernel "k" kind = elementwise (%x) : (tensor<2xf32>) -> tensor<2xf32> {
      ^bb0(%a: tensor<2xf32>):
        %c = tessera.constant dense<[1.0, 2.0]> : tensor<2xf32> loc("w"("Constant"))
        %s = tessera.add %a, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("add1"("Add"))
        tessera.yield %s : tensor<2xf32>
      } loc(fused["add1"("Add")])
      return %y : tensor<2xf32>
    }
  )mlir";
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  ASSERT_TRUE(module);
  auto func = module->lookupSymbol<func::FuncOp>("main");
  EXPECT_TRUE(failed(mlir::tessera::emitKernels(func, {})));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "node 'w' (Constant): no CUDA emitter for a non-splat "
                       "'tessera.constant' inside a kernel yet");
}

TEST(CodegenEmu, LargeTensorsUse64BitIndexing) {
  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  auto emit = [&](const std::string &shape) {
    std::string text = R"mlir(
      func.func @main(%x: tensor<SHAPExi8>, %y: tensor<65536xi8>) -> tensor<SHAPExi8> {
        %z = tessera.kernel "big" kind = elementwise (%x, %y) : (tensor<SHAPExi8>, tensor<65536xi8>) -> tensor<SHAPExi8> {
        ^bb0(%a: tensor<SHAPExi8>, %b: tensor<65536xi8>):
          %s = tessera.add %a, %b : (tensor<SHAPExi8>, tensor<65536xi8>) -> tensor<SHAPExi8>
          tessera.yield %s : tensor<SHAPExi8>
        }
        return %z : tensor<SHAPExi8>
      }
    )mlir";
    for (size_t at; (at = text.find("SHAPE")) != std::string::npos;)
      text.replace(at, 5, shape);
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
    EXPECT_TRUE(module);
    auto programs = mlir::tessera::emitKernels(
        module->lookupSymbol<func::FuncOp>("main"), {});
    EXPECT_TRUE(succeeded(programs));
    return (*programs)[0].source;
  };
  // 2^32 elements: 64-bit indices.
  std::string big = emit("65536x65536");
  EXPECT_NE(big.find("for (int64_t i = (int64_t)blockIdx.x * blockDim.x + "
                     "threadIdx.x; i < 4294967296; i += (int64_t)gridDim.x * "
                     "blockDim.x) {"),
            std::string::npos)
      << big;
  EXPECT_NE(big.find("for (int64_t q = (int64_t)blockIdx.x * blockDim.x + "
                     "threadIdx.x; q < 1073741824; q += (int64_t)gridDim.x * "
                     "blockDim.x) {"),
            std::string::npos)
      << big;
  EXPECT_NE(big.find(" = i % 65536;"), std::string::npos) << big;
  // 2^20 elements: 32-bit.
  std::string small = emit("16x65536");
  EXPECT_NE(small.find("for (int i = (int)blockIdx.x"), std::string::npos)
      << small;
}

TEST(CodegenEmu, VectorWidths) {
  // Every vector access moves 4, 8 or 16 bytes: f32 -> 4 lanes, f32 -> f64
  // 2 lanes, i1 -> i64 none (2 bytes / 32 bytes); each compiles with NVRTC.
  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  auto emit = [&](const std::string &from, const std::string &to) {
    std::string text =
        "func.func @main(%x: tensor<64x" + from + ">) -> tensor<64x" + to +
        "> {\n  %y = tessera.kernel \"k\" kind = elementwise (%x) : "
        "(tensor<64x" +
        from + ">) -> tensor<64x" + to + "> {\n  ^bb0(%a: tensor<64x" + from +
        ">):\n    %c = tessera.cast "
        "%a : tensor<64x" +
        from + "> to tensor<64x" + to + ">\n    tessera.yield %c : tensor<64x" +
        to + ">\n  }\n  return %y : tensor<64x" + to + ">\n}\n";
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
    EXPECT_TRUE(module) << text;
    auto programs = mlir::tessera::emitKernels(
        module->lookupSymbol<func::FuncOp>("main"), {});
    EXPECT_TRUE(succeeded(programs));
    std::string source = (*programs)[0].source;
    ::tessera::nvrtc::CompileResult r =
        ::tessera::nvrtc::compile(source, "k.cu", "sm_80");
    EXPECT_TRUE(r.ok) << r.log << source;
    return source;
  };
  EXPECT_NE(emit("f32", "f16").find("ts_load_vec<4>(in0 + t0)"),
            std::string::npos);
  EXPECT_NE(emit("f32", "f64").find("ts_load_vec<2>(in0 + t0)"),
            std::string::npos);
  EXPECT_EQ(emit("i1", "i64").find("ts_load_vec"), std::string::npos);
}

TEST(CodegenEmu, KernelNames) {
  // C identifiers, unique, never a keyword or a prelude name, bounded.
  DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  MLIRContext context(registry);
  std::string text = "func.func @main(%x: tensor<2xf32>) -> (tensor<2xf32>, "
                     "tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, "
                     "tensor<2xf32>) {\n";
  std::vector<std::string> names = {"/a/b.c-d", "/a/b.c-d", "float", "ts_exp",
                                    std::string(200, 'x')};
  for (size_t i = 0; i < names.size(); ++i)
    text += "  %y" + std::to_string(i) + " = tessera.kernel \"" + names[i] +
            "\" kind = elementwise (%x) : (tensor<2xf32>) -> tensor<2xf32> {\n"
            "  ^bb0(%a: tensor<2xf32>):\n"
            "    %n = tessera.neg %a : tensor<2xf32>\n"
            "    tessera.yield %n : tensor<2xf32>\n  }\n";
  text += "  return %y0, %y1, %y2, %y3, %y4 : tensor<2xf32>, tensor<2xf32>, "
          "tensor<2xf32>, tensor<2xf32>, tensor<2xf32>\n}\n";
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  ASSERT_TRUE(module);
  auto programs = mlir::tessera::emitKernels(
      module->lookupSymbol<func::FuncOp>("main"), {});
  ASSERT_TRUE(succeeded(programs));
  ASSERT_EQ(programs->size(), 5u);
  EXPECT_EQ((*programs)[0].name, "a_b_c_d");
  EXPECT_EQ((*programs)[1].name, "a_b_c_d_1");
  EXPECT_EQ((*programs)[2].name, "k_float");
  EXPECT_EQ((*programs)[3].name, "k_ts_exp");
  EXPECT_EQ((*programs)[4].name.size(), 80u);
  EXPECT_EQ((*programs)[4].name.substr(0, 71), std::string(71, 'x'));
}

TEST(CodegenEmu, DISABLED_Sweep) {
  if (const char *rtol = std::getenv("TESSERA_SWEEP_RTOL"))
    f32RelativeTolerance = std::atof(rtol);
  std::vector<std::string> models;
  for (const auto &entry : fs::directory_iterator(nodeDir())) {
    if (fs::exists(entry.path() / "model.onnx"))
      models.push_back((entry.path() / "model.onnx").string());
    else if (entry.path().extension() == ".onnx")
      models.push_back(entry.path().string());
  }
  std::sort(models.begin(), models.end());
  std::vector<Case> cases;
  std::vector<Outcome> outcomes;
  prepareAll(models, cases, outcomes);
  std::string error;
  auto module = buildAll(cases, error);
  ASSERT_TRUE(module) << error;
  std::map<std::string, std::string> failures;
  for (const Outcome &o : outcomes)
    if (!o.error.empty())
      failures[o.model] = o.error;
  for (const Case &c : cases) {
    std::string r = run(*module, c);
    if (!r.empty() && !failures.count(c.model))
      failures[c.model] = "kernel " + c.program.name + ": " + r;
  }
  if (std::getenv("TESSERA_SWEEP_NVRTC")) {
    // Every kernel also compiles for sm_80 and sm_90a.
    for (const Case &c : cases) {
      if (failures.count(c.model))
        continue;
      for (const char *target : {"sm_80", "sm_90a"}) {
        ::tessera::nvrtc::CompileResult r = ::tessera::nvrtc::compile(
            c.program.source, c.program.name + ".cu", target);
        if (!r.ok) {
          failures[c.model] = "nvrtc " + std::string(target) + ": " + r.log;
          break;
        }
      }
    }
  }
  int ok = 0;
  for (const Outcome &o : outcomes) {
    fs::path path(o.model);
    std::string name = path.filename() == "model.onnx"
                           ? path.parent_path().filename().string()
                           : path.stem().string();
    auto f = failures.find(o.model);
    if (f == failures.end()) {
      ++ok;
      continue;
    }
    std::string line = f->second.substr(0, f->second.find('\n'));
    std::printf("FAIL %s: %s\n", name.c_str(), line.substr(0, 200).c_str());
  }
  std::printf("sweep: %d of %zu models emit and match the reference\n", ok,
              outcomes.size());
}

//===----------------------------------------------------------------------===//
// Tensor-core GEMM: synthetic matmul kernels vs a double reference
//===----------------------------------------------------------------------===//

/// One synthetic matmul kernel: C = relu?(A x B + bias?) (+ residual?).
struct GemmCase {
  std::vector<int64_t> aShape, bShape; // as stored (transposes applied)
  bool ta = false, tb = false;
  bool bias = false, relu = false;
  std::string elem = "f32";
  mlir::tessera::CodegenPrecision precision =
      mlir::tessera::CodegenPrecision::F32;
  bool check = true;  // emulator check mode (else fast)
  std::string launch; // a `launch` dict, or ""
  /// Negative control: check against the f32 tolerance, expect mismatches.
  bool expectF32Mismatch = false;
};

std::string tensorType(const std::vector<int64_t> &shape,
                       const std::string &elem) {
  std::string t = "tensor<";
  for (int64_t d : shape)
    t += std::to_string(d) + "x";
  return t + elem + ">";
}

/// The tolerance per precision, relative to sum_k |a_k b_k| (documented in
/// docs/codegen.md): 3xTF32 f32-level, tf32 / f16 11-bit and bf16 8-bit
/// operand rounding, f32 accumulation.
double gemmTolerance(mlir::tessera::CodegenPrecision p,
                     const std::string &elem) {
  using P = mlir::tessera::CodegenPrecision;
  if (elem == "bf16")
    return 1e-2; // bf16 result rounding
  if (elem == "f16")
    return 2e-3;
  switch (p) {
  case P::F32:
    return 1e-5;
  case P::TF32:
  case P::F16:
    return 2e-3;
  case P::BF16:
    return 1.6e-2;
  }
  return 0;
}

/// A synthetic case emitted: its program, operands and double reference.
struct GemmRun {
  KernelProgram program;
  std::vector<HostTensor> operands;
  HostTensor result;
  std::vector<double> expected, bound;
};

constexpr mlir::tessera::CodegenPrecision P32 =
    mlir::tessera::CodegenPrecision::F32;

/// Parses |text| (one kernel in @main) and emits it into |program|; "" or
/// the failure (also when it is not the tensor-core kernel, or with
/// !|tensorCore| when it is).
std::string emitTensorCoreKernel(const std::string &text,
                                 mlir::tessera::CodegenPrecision precision,
                                 KernelProgram &program,
                                 bool tensorCore = true) {
  MLIRContext context(tessera_test::importRegistry());
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  if (!module)
    return "bad test IR:\n" + text;
  mlir::tessera::CodegenOptions options;
  options.precision = precision;
  auto programs = mlir::tessera::emitKernels(
      module->lookupSymbol<func::FuncOp>("main"), options);
  if (failed(programs) || programs->size() != 1)
    return "emit failed:\n" + text;
  program = (*programs)[0];
  if ((program.source.find("ts_gemm_warp_tile") != std::string::npos) !=
      tensorCore)
    return std::string(tensorCore ? "not " : "unexpectedly ") +
           "the tensor-core kernel:\n" + program.source;
  return "";
}

/// The tensor element type named |elem| ("f32", "f16", "bf16").
DType dtypeOf(const std::string &elem) {
  return elem == "f32" ? DType::F32 : elem == "f16" ? DType::F16 : DType::BF16;
}

/// Fills |t| with deterministic values in [-1, 1) (rounded to its type).
void fillUniform(HostTensor &t, uint32_t seed) {
  for (int64_t i = 0; i < t.numElements(); ++i) {
    seed = seed * 1664525u + 1013904223u;
    t.setDouble(i, double(seed >> 8) / double(1 << 23) - 1.0);
  }
}

/// Emits |g| and computes its reference; "" or the failure.
std::string prepareGemmCase(const GemmCase &g, int index, GemmRun &run) {
  size_t ra = g.aShape.size(), rb = g.bShape.size();
  int64_t M = g.aShape[ra - (g.ta ? 1 : 2)], K = g.aShape[ra - (g.ta ? 2 : 1)];
  int64_t N = g.bShape[rb - (g.tb ? 2 : 1)];
  // Batch dims: numpy broadcast of the leading dims.
  size_t batchRank = std::max(ra, rb) - 2;
  std::vector<int64_t> outShape(batchRank, 1);
  for (size_t d = 0; d < batchRank; ++d) {
    int64_t da = d + ra >= batchRank + 2 ? g.aShape[d + ra - 2 - batchRank] : 1;
    int64_t db = d + rb >= batchRank + 2 ? g.bShape[d + rb - 2 - batchRank] : 1;
    outShape[d] = std::max(da, db);
  }
  outShape.push_back(M);
  outShape.push_back(N);
  std::string at = tensorType(g.aShape, g.elem),
              bt = tensorType(g.bShape, g.elem),
              ot = tensorType(outShape, g.elem), ct = tensorType({N}, g.elem);
  std::string ins = "%a, %b" + std::string(g.bias ? ", %c" : "");
  std::string types = at + ", " + bt + (g.bias ? ", " + ct : "");
  std::string text = "func.func @main(%a: " + at + ", %b: " + bt +
                     (g.bias ? ", %c: " + ct : "") + ") -> " + ot + " {\n";
  text += "  %y = tessera.kernel \"g" + std::to_string(index) +
          "\" kind = matmul (" + ins + ") " +
          (g.launch.empty() ? "" : "{launch = " + g.launch + "} ") + ": (" +
          types + ") -> " + ot + " {\n";
  text += "  ^bb0(%x: " + at + ", %w: " + bt + (g.bias ? ", %v: " + ct : "") +
          "):\n";
  text += "    %m = tessera.matmul %x, %w" +
          std::string(g.ta ? " transpose_lhs" : "") +
          (g.tb ? " transpose_rhs" : "") + " : (" + at + ", " + bt + ") -> " +
          ot + "\n";
  std::string last = "%m";
  if (g.bias) {
    text += "    %s = tessera.add %m, %v : (" + ot + ", " + ct + ") -> " + ot +
            "\n";
    last = "%s";
  }
  if (g.relu) {
    text += "    %r = tessera.relu " + last + " : " + ot + "\n";
    last = "%r";
  }
  text += "    tessera.yield " + last + " : " + ot +
          "\n  }\n  return %y : " + ot + "\n}\n";
  if (std::string error = emitTensorCoreKernel(text, g.precision, run.program);
      !error.empty())
    return error;
  const KernelProgram &program = run.program;

  // Operands: deterministic values in [-1, 1), rounded to the element type.
  DType dtype = dtypeOf(g.elem);
  std::vector<HostTensor> &operands = run.operands;
  operands.emplace_back(dtype, g.aShape);
  operands.emplace_back(dtype, g.bShape);
  if (g.bias)
    operands.emplace_back(dtype, std::vector<int64_t>{N});
  for (size_t i = 0; i < operands.size(); ++i)
    fillUniform(operands[i], 17u + 31u * uint32_t(i) + uint32_t(index));
  run.result = HostTensor(dtype, outShape);

  // The double reference and the error bound per element.
  int64_t batch = 1;
  for (size_t d = 0; d < batchRank; ++d)
    batch *= outShape[d];
  std::vector<double> &expected = run.expected, &bound = run.bound;
  expected.resize(batch * M * N);
  bound.resize(batch * M * N);
  double tol = g.expectF32Mismatch ? gemmTolerance(P32, "f32")
                                   : gemmTolerance(g.precision, g.elem);
  auto offset = [&](const std::vector<int64_t> &shape, int64_t b) {
    // The broadcast batch offset of an operand, in elements.
    int64_t off = 0, stride = shape[shape.size() - 1] * shape[shape.size() - 2];
    for (int64_t d = int64_t(batchRank) - 1, rest = b; d >= 0; --d) {
      int64_t od = outShape[d], i = rest % od;
      rest /= od;
      int64_t sd = int64_t(shape.size()) - 2 - (int64_t(batchRank) - d);
      if (sd >= 0) {
        if (shape[sd] != 1)
          off += i * stride;
        stride *= shape[sd];
      }
    }
    return off;
  };
  for (int64_t b = 0; b < batch; ++b) {
    int64_t oa = offset(g.aShape, b), ob = offset(g.bShape, b);
    for (int64_t m = 0; m < M; ++m)
      for (int64_t n = 0; n < N; ++n) {
        double sum = 0, mag = 0;
        for (int64_t k = 0; k < K; ++k) {
          double x = operands[0].getDouble(oa + (g.ta ? k * M + m : m * K + k));
          double y = operands[1].getDouble(ob + (g.tb ? n * K + k : k * N + n));
          sum += x * y;
          mag += std::fabs(x * y);
        }
        if (g.bias)
          sum += operands[2].getDouble(n);
        if (g.relu)
          sum = std::max(sum, 0.0);
        expected[(b * M + m) * N + n] = sum;
        bound[(b * M + m) * N + n] = tol * (mag + std::fabs(sum)) + 1e-6;
      }
  }
  return "";
}

/// Runs a prepared case on |hostModule|; "" or the failure.
std::string runGemmCase(const ::tessera::emu::HostModule &hostModule,
                        const GemmCase &g, GemmRun &run) {
  const KernelProgram &program = run.program;
  std::vector<HostTensor> &operands = run.operands;
  HostTensor &result = run.result;
  std::vector<void *> pointers;
  for (const KernelParam &p : program.params)
    pointers.push_back(p.kind == KernelParam::Kind::Operand
                           ? operands[p.index].data()
                           : result.data());
  if (auto e = tessera_test::launchProgram(
          *hostModule.kernel(program.name), program, pointers,
          g.check ? ::tessera::emu::Mode::Check : ::tessera::emu::Mode::Fast))
    return *e;
  int bad = 0;
  std::string first;
  for (int64_t i = 0; i < result.numElements(); ++i) {
    double got = result.getDouble(i);
    if (!(std::fabs(got - run.expected[i]) <= run.bound[i]) && bad++ == 0)
      first = "element " + std::to_string(i) + ": got " + std::to_string(got) +
              ", expected " + std::to_string(run.expected[i]) + " (bound " +
              std::to_string(run.bound[i]) + ")";
  }
  if (bad)
    return std::to_string(bad) + " mismatches, first " + first;
  return "";
}

/// A synthetic conv kernel (2-D, bias, ReLU): implicit GEMM on the same core
/// (per-element loops for groups of fewer than 16 output channels). The
/// shapes are channels first; with |channelsLast| the kernel takes NHWC
/// input and OHWI weight and returns NHWC.
struct ConvCase {
  std::vector<int64_t> in, weight; // [N, C, H, W], [Cout, C / groups, kh, kw]
  int64_t groups = 1, stride = 1, pad = 0;
  bool channelsLast = false;
  bool tensorCore = true; // else the per-element loops
  std::string elem = "f32";
  mlir::tessera::CodegenPrecision precision =
      mlir::tessera::CodegenPrecision::F32;
};

/// The stored shape of channels-first |shape| ([A, C, H, W]) in |c|'s
/// layout, and the linear offset of its element (a, ch, y, x).
std::vector<int64_t> convLayout(const ConvCase &c,
                                const std::vector<int64_t> &shape) {
  if (!c.channelsLast)
    return shape;
  return {shape[0], shape[2], shape[3], shape[1]};
}
int64_t convOffset(const ConvCase &c, const std::vector<int64_t> &shape,
                   int64_t a, int64_t ch, int64_t y, int64_t x) {
  if (c.channelsLast)
    return ((a * shape[2] + y) * shape[3] + x) * shape[1] + ch;
  return ((a * shape[1] + ch) * shape[2] + y) * shape[3] + x;
}

/// Emits |c| and computes its double reference into |run|; "" or the failure.
std::string prepareConvCase(const ConvCase &c, int index, GemmRun &run) {
  int64_t n = c.in[0], h = c.in[2], w = c.in[3];
  int64_t cout = c.weight[0], cinG = c.weight[1], kh = c.weight[2],
          kw = c.weight[3];
  int64_t oh = (h + 2 * c.pad - kh) / c.stride + 1,
          ow = (w + 2 * c.pad - kw) / c.stride + 1;
  std::vector<int64_t> outShape{n, cout, oh, ow};
  std::string it = tensorType(convLayout(c, c.in), c.elem),
              wt = tensorType(convLayout(c, c.weight), c.elem),
              bt = tensorType({cout}, c.elem),
              ot = tensorType(convLayout(c, outShape), c.elem);
  std::string st = std::to_string(c.stride), pd = std::to_string(c.pad);
  std::string text =
      "func.func @main(%a: " + it + ", %b: " + wt + ", %c: " + bt + ") -> " +
      ot + " {\n  %y = tessera.kernel \"conv" + std::to_string(index) +
      "\" kind = conv (%a, %b, %c) : (" + it + ", " + wt + ", " + bt + ") -> " +
      ot + " {\n  ^bb0(%x: " + it + ", %w: " + wt + ", %v: " + bt +
      "):\n    %m = tessera.conv %x, %w, %v strides = [" + st + ", " + st +
      "] pads = [" + pd + ", " + pd + ", " + pd + ", " + pd +
      "] dilations = [1, 1] groups = " + std::to_string(c.groups) +
      (c.channelsLast ? " channels_last" : "") + " : (" + it + ", " + wt +
      ", " + bt + ") -> " + ot + "\n    %r = tessera.relu %m : " + ot +
      "\n    tessera.yield %r : " + ot + "\n  }\n  return %y : " + ot + "\n}\n";
  if (std::string error =
          emitTensorCoreKernel(text, c.precision, run.program, c.tensorCore);
      !error.empty())
    return error;
  // A channels-last input is gathered by cp.async when a group's channels
  // are whole 16-byte chunks.
  bool gather = c.channelsLast && c.tensorCore &&
                cinG * (c.elem == "f32" ? 4 : 2) % 16 == 0;
  if ((run.program.source.find("ts_gemm_gather_tile") != std::string::npos) !=
      gather)
    return std::string(gather ? "no" : "unexpected") + " cp.async gather:\n" +
           run.program.source;
  DType dtype = dtypeOf(c.elem);
  run.operands = {HostTensor(dtype, convLayout(c, c.in)),
                  HostTensor(dtype, convLayout(c, c.weight)),
                  HostTensor(dtype, std::vector<int64_t>{cout})};
  for (size_t i = 0; i < run.operands.size(); ++i)
    fillUniform(run.operands[i], 7u + 13u * uint32_t(i) + uint32_t(index));
  run.result = HostTensor(dtype, convLayout(c, outShape));
  double tol = gemmTolerance(c.precision, c.elem);
  int64_t coutG = cout / c.groups;
  const HostTensor &x = run.operands[0], &weights = run.operands[1],
                   &bias = run.operands[2];
  run.expected.resize(run.result.numElements());
  run.bound.resize(run.result.numElements());
  for (int64_t b = 0; b < n; ++b)
    for (int64_t o = 0; o < cout; ++o)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t xx = 0; xx < ow; ++xx) {
          double sum = 0, mag = 0;
          int64_t grp = o / coutG;
          for (int64_t ci = 0; ci < cinG; ++ci)
            for (int64_t i = 0; i < kh; ++i)
              for (int64_t j = 0; j < kw; ++j) {
                int64_t iy = y * c.stride + i - c.pad,
                        ix = xx * c.stride + j - c.pad;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                  continue;
                double a = x.getDouble(
                    convOffset(c, c.in, b, grp * cinG + ci, iy, ix));
                double v =
                    weights.getDouble(convOffset(c, c.weight, o, ci, i, j));
                sum += a * v;
                mag += std::fabs(a * v);
              }
          sum = std::max(sum + bias.getDouble(o), 0.0);
          int64_t at = convOffset(c, outShape, b, o, y, xx);
          run.expected[at] = sum;
          run.bound[at] = tol * (mag + std::fabs(sum)) + 1e-6;
        }
  return "";
}

TEST(CodegenEmu, TensorCoreGemmShapes) {
  using P = mlir::tessera::CodegenPrecision;
  std::vector<GemmCase> cases;
  auto add = [&](std::vector<int64_t> a, std::vector<int64_t> b, bool ta,
                 bool tb, P p, bool check = true) {
    GemmCase g;
    g.aShape = a;
    g.bShape = b;
    g.ta = ta;
    g.tb = tb;
    g.precision = p;
    g.check = check;
    cases.push_back(g);
    return &cases.back();
  };
  for (P p : {P::F32, P::TF32, P::BF16, P::F16}) {
    // M, N, K from {1, 17, 64, 1000}, ragged against every tile.
    add({1, 17}, {1000, 17}, false, true, p);     // M=1 N=1000 K=17
    add({17, 1000}, {1000, 17}, false, false, p); // K=1000
    add({1000, 64}, {64, 17}, false, false, p, false)->bias = true;
    add({64, 64}, {64, 64}, false, true, p);
    add({1, 1000}, {64, 1000}, false, true, p);          // split-K, cp.async
    add({17, 1}, {1, 64}, false, false, p);              // K=1
    add({64, 17}, {64, 1}, true, false, p)->relu = true; // A^T, N=1
  }
  // Batched and broadcast operands, transposes, fused bias + relu.
  GemmCase *c = add({3, 17, 64}, {64, 33}, false, false, P::F32);
  c->bias = c->relu = true;
  add({2, 1, 17, 33}, {1, 3, 20, 33}, false, true, P::F32);
  add({2, 33, 17}, {2, 20, 33}, true, true, P::BF16);
  // 16-bit tensors: their own mma (exact products), ldmatrix from cp.async
  // tiles; a bf16 result.
  c = add({17, 64}, {33, 64}, false, true, P::F32);
  c->elem = "f16";
  c = add({64, 40}, {40, 17}, false, false, P::F32);
  c->elem = "bf16";
  c->bias = true;
  // The tiling pass's mma.sync config (sm_80), and a 1000 x 1000 output.
  c = add({100, 64}, {70, 64}, false, true, P::F32);
  c->launch = "{block = [32, 32, 32], mma = \"mma.sync.m16n8k8.tf32\", "
              "stages = 2 : i64, warp = [16, 16]}";
  add({1000, 16}, {16, 1000}, false, false, P::BF16, false);
  // B stored [K, N] by cp.async into N-major tiles: ldmatrix.trans (16-bit
  // tensors), strided converted loads (f32 tiles).
  c = add({33, 40}, {40, 64}, false, false, P::F32);
  c->elem = "f16";
  c = add({2, 17, 32}, {2, 32, 48}, false, false, P::F32);
  c->elem = "bf16";
  c->relu = true;
  add({20, 48}, {48, 32}, false, false, P::BF16);
  add({20, 48}, {48, 32}, false, false, P::F32);
  // Negative control: plain TF32 misses the f32 bound that 3xTF32 meets.
  add({17, 1000}, {1000, 17}, false, false, P::TF32)->expectF32Mismatch = true;

  // Convs: the weight [Cout, Cin * 9] by cp.async (36 f32 per row), 27 per
  // row by register staging, grouped (one GEMM per group), strided/padded.
  std::vector<ConvCase> convs(4);
  convs[0].in = {2, 4, 9, 9};
  convs[0].weight = {24, 4, 3, 3};
  convs[0].pad = 1;
  convs[1].in = {1, 3, 10, 10};
  convs[1].weight = {16, 3, 3, 3};
  convs[1].stride = 2;
  convs[1].precision = P::BF16;
  convs[2].in = {1, 8, 7, 7};
  convs[2].weight = {32, 4, 3, 3};
  convs[2].groups = 2;
  convs[2].pad = 1;
  convs[3] = convs[2];
  convs[3].precision = P::TF32;
  // Channels-last (NHWC input, OHWI weight): A gathered by cp.async in
  // 16-byte channel runs (C = 8 with N = 2 and 2 * 81 rows; C = 4 strided;
  // groups of 8 channels offset by the group; bf16 tensors), else register
  // staged (C = 3); per-element loops for depthwise / narrow groups.
  auto nhwc = [&](std::vector<int64_t> in, std::vector<int64_t> weight,
                  int64_t groups, int64_t stride, int64_t pad, P p) {
    ConvCase conv;
    conv.in = in;
    conv.weight = weight;
    conv.groups = groups;
    conv.stride = stride;
    conv.pad = pad;
    conv.precision = p;
    conv.channelsLast = true;
    conv.tensorCore = weight[0] / groups >= 16;
    convs.push_back(conv);
    return &convs.back();
  };
  nhwc({2, 8, 9, 9}, {24, 8, 3, 3}, 1, 1, 1, P::F32);
  nhwc({2, 8, 9, 9}, {24, 8, 3, 3}, 1, 1, 1, P::BF16);
  nhwc({1, 4, 10, 10}, {16, 4, 3, 3}, 1, 2, 1, P::F32);
  nhwc({1, 3, 10, 10}, {16, 3, 3, 3}, 1, 2, 0, P::F32);
  nhwc({1, 16, 7, 7}, {32, 8, 3, 3}, 2, 1, 1, P::F32);
  nhwc({1, 16, 7, 7}, {32, 8, 3, 3}, 2, 1, 1, P::TF32);
  nhwc({2, 8, 5, 6}, {16, 8, 3, 3}, 1, 1, 1, P::F32)->elem = "bf16";
  nhwc({2, 8, 7, 7}, {8, 1, 3, 3}, 8, 1, 1, P::F32);  // depthwise
  nhwc({1, 8, 6, 6}, {16, 1, 3, 3}, 8, 2, 1, P::F32); // depthwise x 2
  nhwc({1, 8, 5, 5}, {8, 4, 3, 3}, 2, 1, 1, P::F32);  // groups of 4

  // Emit every case, build them all in one host module, run each.
  std::vector<GemmRun> runs(cases.size() + convs.size());
  ::tessera::emu::KernelSource source;
  source.fileName = "gemm.cu";
  for (size_t i = 0; i < runs.size(); ++i) {
    if (i < cases.size())
      ASSERT_EQ(prepareGemmCase(cases[i], int(i), runs[i]), "") << "case " << i;
    else
      ASSERT_EQ(prepareConvCase(convs[i - cases.size()], int(i), runs[i]), "")
          << "conv case " << i;
    tessera_test::addKernel(source, runs[i].program);
  }
  std::string error;
  auto hostModule = tessera_test::compileForEmu(source, error);
  ASSERT_TRUE(hostModule) << error;
  // Every variant (math, tile layouts, split-K, configs) compiles for the
  // GPU: one NVRTC call per target over all the kernels.
  for (const char *target : {"sm_80", "sm_90a"}) {
    ::tessera::nvrtc::CompileResult r =
        ::tessera::nvrtc::compile(source.code, "gemm.cu", target);
    EXPECT_TRUE(r.ok) << target << ":\n" << r.log;
  }
  if (std::getenv("TESSERA_GEMM_DUMP"))
    std::printf("%s", source.code.c_str());
  for (size_t i = cases.size(); i < runs.size(); ++i)
    EXPECT_EQ(runGemmCase(*hostModule, GemmCase(), runs[i]), "")
        << "conv case " << i << "\n"
        << runs[i].program.source;
  for (size_t i = 0; i < cases.size(); ++i) {
    const GemmCase &g = cases[i];
    if (g.expectF32Mismatch) {
      EXPECT_NE(runGemmCase(*hostModule, g, runs[i]), "") << "case " << i;
      continue;
    }
    EXPECT_EQ(runGemmCase(*hostModule, g, runs[i]), "")
        << "case " << i << ": A " << tensorType(g.aShape, g.elem) << " B "
        << tensorType(g.bShape, g.elem) << " precision " << int(g.precision)
        << "\n"
        << runs[i].program.source;
  }
}

} // namespace
