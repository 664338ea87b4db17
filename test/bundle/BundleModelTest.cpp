//===- BundleModelTest.cpp - meta/plan encoding: round trip, validation ---===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/bundle/BundleModel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <tuple>

using namespace tessera::bundle;

namespace {

BufferRef ref(BufferKind kind, uint64_t value, uint64_t bytes) {
  BufferRef r;
  r.kind = kind;
  r.value = value;
  r.bytes = bytes;
  return r;
}

/// Two inputs, one output, three kernels (two sharing image 0), a plan with
/// launches and a copy for two targets (one with cubins and PTX, one
/// without images), 5000 bytes of weights.
Model sampleModel() {
  Model model;
  model.precision = Precision::BF16;
  model.inputs = {{"x", DType::F32, {2, 3}}, {"mask", DType::I1, {3}}};
  model.outputs = {{"y", DType::F16, {2, 3}}};
  model.arenaBytes = 4096;
  model.images = {{"// image 0\n"}, {"// image 1\n"}};
  model.kernels = {{"fc1_Gemm", "matmul", {"fc1", "act1"}, 0, "fc1_Gemm"},
                   {"fc2_Gemm", "matmul", {"fc2"}, 0, "fc1_Gemm"},
                   {"out_Cast", "elementwise", {"out"}, 1, "out_Cast"}};
  Step launch;
  launch.kernel = 0;
  launch.grid = {4, 2, 1};
  launch.block = {128, 1, 1};
  launch.sharedBytes = 8192;
  launch.args = {ref(BufferKind::Input, 0, 24), ref(BufferKind::Weight, 0, 36),
                 ref(BufferKind::Arena, 0, 24)};
  Step second = launch;
  second.kernel = 1;
  second.args = {ref(BufferKind::Arena, 0, 24),
                 ref(BufferKind::Weight, 4096, 904),
                 ref(BufferKind::Arena, 512, 24)};
  Step copy;
  copy.kind = Step::Kind::Copy;
  copy.args = {ref(BufferKind::Arena, 512, 24),
               ref(BufferKind::Arena, 1024, 24)};
  Step last;
  last.kernel = 2;
  last.grid = {1, 1, 1};
  last.block = {32, 1, 1};
  last.args = {ref(BufferKind::Arena, 1024, 24), ref(BufferKind::Input, 1, 3),
               ref(BufferKind::Output, 0, 12)};
  TargetCode sm90;
  sm90.target = "sm_90a";
  sm90.plan = {launch, second, copy, last};
  sm90.cubins = {std::string("\x7f"
                             "ELF\0\1",
                             6),
                 "cubin1"};
  sm90.ptxs = {".version 8.0 // 0", ".version 8.0 // 1"};
  TargetCode sm80 = sm90;
  sm80.target = "sm_80";
  sm80.cubins.clear();
  sm80.ptxs.clear();
  model.targets = {sm90, sm80};
  model.weights.resize(5000);
  for (size_t i = 0; i < model.weights.size(); ++i)
    model.weights[i] = static_cast<char>(i * 13);
  return model;
}

std::string encode(const Model &model) {
  BundleWriter writer;
  std::string error;
  EXPECT_TRUE(encodeBundle(model, writer, error)) << error;
  return writer.serialize();
}

/// The error of encoding |model| ("" when it encodes).
std::string encodeError(const Model &model) {
  BundleWriter writer;
  std::string error;
  return encodeBundle(model, writer, error) ? "" : error;
}

/// The error of decoding |bytes| ("" when it decodes).
std::string decodeError(std::string_view bytes) {
  std::string error;
  auto bundle = Bundle::fromMemory(bytes, "m.tsrb", error);
  if (!bundle)
    return "container: " + error;
  return decodeBundle(*bundle, error) ? "" : error;
}

/// |bytes| with section |name| replaced by |replacement| (or dropped when
/// |drop|), re-serialized so that the container's checksums hold.
std::string withSection(std::string_view bytes, std::string_view name,
                        std::string_view replacement, bool drop = false) {
  std::string error;
  auto bundle = Bundle::fromMemory(bytes, "m.tsrb", error);
  EXPECT_TRUE(bundle) << error;
  BundleWriter writer;
  for (const Section &section : bundle->sections()) {
    if (section.name == name && drop)
      continue;
    std::string_view content =
        section.name == name ? replacement : section.bytes;
    EXPECT_TRUE(writer.addSection(section.name, content,
                                  section.name == "weights" ? 4096 : 64, error))
        << error;
  }
  return writer.serialize();
}

std::string sectionOf(std::string_view bytes, std::string_view name) {
  std::string error;
  auto bundle = Bundle::fromMemory(bytes, "m.tsrb", error);
  return std::string(bundle->find(name)->bytes);
}

void expectEqual(const TensorDesc &a, const TensorDesc &b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.dtype, b.dtype);
  EXPECT_EQ(a.shape, b.shape);
}

void expectEqual(const Step &a, const Step &b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.kernel, b.kernel);
  EXPECT_EQ(a.grid, b.grid);
  EXPECT_EQ(a.block, b.block);
  EXPECT_EQ(a.sharedBytes, b.sharedBytes);
  const GemmParams &ga = a.gemm, &gb = b.gemm;
  EXPECT_EQ(std::tie(ga.m, ga.n, ga.k, ga.batch, ga.transA, ga.transB, ga.lda,
                     ga.ldb, ga.ldd, ga.strideA, ga.strideB, ga.strideD,
                     ga.compute, ga.epilogue, ga.alpha),
            std::tie(gb.m, gb.n, gb.k, gb.batch, gb.transA, gb.transB, gb.lda,
                     gb.ldb, gb.ldd, gb.strideA, gb.strideB, gb.strideD,
                     gb.compute, gb.epilogue, gb.alpha));
  ASSERT_EQ(a.args.size(), b.args.size());
  for (size_t i = 0; i < a.args.size(); ++i) {
    EXPECT_EQ(a.args[i].kind, b.args[i].kind);
    EXPECT_EQ(a.args[i].value, b.args[i].value);
    EXPECT_EQ(a.args[i].bytes, b.args[i].bytes);
  }
}

TEST(BundleModel, EnumNames) {
  for (auto [type, name, size] :
       {std::tuple{DType::F32, "f32", 4}, std::tuple{DType::F16, "f16", 2},
        std::tuple{DType::BF16, "bf16", 2}, std::tuple{DType::F64, "f64", 8},
        std::tuple{DType::I64, "i64", 8}, std::tuple{DType::I32, "i32", 4},
        std::tuple{DType::I8, "i8", 1}, std::tuple{DType::I1, "i1", 1}}) {
    EXPECT_STREQ(dtypeName(type), name);
    EXPECT_EQ(parseDType(name), type);
    EXPECT_EQ(dtypeSize(type), static_cast<size_t>(size));
  }
  EXPECT_EQ(parseDType("f8"), std::nullopt);
  for (auto [precision, name] :
       {std::pair{Precision::F32, "f32"}, std::pair{Precision::TF32, "tf32"},
        std::pair{Precision::BF16, "bf16"}, std::pair{Precision::F16, "f16"}}) {
    EXPECT_STREQ(precisionName(precision), name);
    EXPECT_EQ(parsePrecision(name), precision);
  }
  EXPECT_EQ(parsePrecision("fp8"), std::nullopt);
  TensorDesc scalar{"s", DType::F64, {}};
  EXPECT_EQ(scalar.numElements(), 1u);
  EXPECT_EQ(scalar.numBytes(), 8u);
  TensorDesc empty{"e", DType::F32, {3, 0}};
  EXPECT_EQ(empty.numBytes(), 0u);
}

TEST(BundleModel, RoundTrip) {
  Model model = sampleModel();
  std::string bytes = encode(model);
  std::string error;
  auto bundle = Bundle::fromMemory(bytes, "m.tsrb", error);
  ASSERT_TRUE(bundle) << error;
  // The sections BundleModel.h lists, weights page aligned.
  for (const char *name : {"meta", "source.0", "source.1", "plan.sm_90a",
                           "plan.sm_80", "cubin.sm_90a.0", "cubin.sm_90a.1",
                           "ptx.sm_90a.0", "ptx.sm_90a.1", "weights"})
    EXPECT_NE(bundle->find(name), nullptr) << name;
  EXPECT_EQ(bundle->find("cubin.sm_80.0"), nullptr);
  EXPECT_EQ(bundle->sections().size(), 10u);
  EXPECT_EQ(bundle->find("weights")->offset % 4096, 0u);

  std::optional<Model> decoded = decodeBundle(*bundle, error);
  ASSERT_TRUE(decoded) << error;
  EXPECT_EQ(decoded->precision, Precision::BF16);
  ASSERT_EQ(decoded->inputs.size(), 2u);
  expectEqual(decoded->inputs[0], model.inputs[0]);
  expectEqual(decoded->inputs[1], model.inputs[1]);
  ASSERT_EQ(decoded->outputs.size(), 1u);
  expectEqual(decoded->outputs[0], model.outputs[0]);
  EXPECT_EQ(decoded->arenaBytes, 4096u);
  ASSERT_EQ(decoded->kernels.size(), 3u);
  for (size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(decoded->kernels[k].name, model.kernels[k].name);
    EXPECT_EQ(decoded->kernels[k].kind, model.kernels[k].kind);
    EXPECT_EQ(decoded->kernels[k].nodes, model.kernels[k].nodes);
    EXPECT_EQ(decoded->kernels[k].image, model.kernels[k].image);
    EXPECT_EQ(decoded->kernels[k].entry, model.kernels[k].entry);
  }
  ASSERT_EQ(decoded->images.size(), 2u);
  EXPECT_EQ(decoded->images[1].source, "// image 1\n");
  ASSERT_EQ(decoded->targets.size(), 2u);
  for (size_t t = 0; t < 2; ++t) {
    const TargetCode &a = decoded->targets[t], &b = model.targets[t];
    EXPECT_EQ(a.target, b.target);
    EXPECT_EQ(a.cubins, b.cubins);
    EXPECT_EQ(a.ptxs, b.ptxs);
    ASSERT_EQ(a.plan.size(), b.plan.size());
    for (size_t s = 0; s < a.plan.size(); ++s)
      expectEqual(a.plan[s], b.plan[s]);
  }
  EXPECT_EQ(decoded->weights, model.weights);

  // Without copying, the weights stay in the section.
  DecodeOptions options;
  options.copyWeights = false;
  decoded = decodeBundle(*bundle, options, error);
  ASSERT_TRUE(decoded) << error;
  EXPECT_TRUE(decoded->weights.empty());
  EXPECT_EQ(bundle->find("weights")->bytes, model.weights);
}

TEST(BundleModel, EmptyModelRoundTrips) {
  Model model;
  std::string bytes = encode(model);
  EXPECT_EQ(decodeError(bytes), "");
}

/// Each check of the validation, on encode (the same checks run on decode).
TEST(BundleModel, ValidationMessages) {
  using Edit = std::function<void(Model &)>;
  std::vector<std::pair<Edit, std::string>> cases = {
      {[](Model &m) { m.targets[0].plan[3].args[0].value = 4080; },
       "plan.sm_90a: step 3: argument 0: arena offset 4080 + 24 bytes exceeds "
       "the arena (4096 bytes)"},
      {[](Model &m) {
         m.targets[0].plan[0].args[2] = ref(BufferKind::Arena, 4096, 512);
       },
       "plan.sm_90a: step 0: argument 2: arena offset 4096 + 512 bytes exceeds "
       "the arena (4096 bytes)"},
      {[](Model &m) { m.targets[1].plan[1].args[1].value = ~uint64_t(0) - 10; },
       "plan.sm_80: step 1: argument 1: weight offset 18446744073709551605 + "
       "904 bytes exceeds the weights (5000 bytes)"},
      {[](Model &m) { m.targets[0].plan[1].args[1].bytes = 905; },
       "plan.sm_90a: step 1: argument 1: weight offset 4096 + 905 bytes "
       "exceeds the weights (5000 bytes)"},
      {[](Model &m) { m.targets[0].plan[0].args[0].value = 2; },
       "plan.sm_90a: step 0: argument 0: input 2 out of range (2 inputs)"},
      {[](Model &m) { m.targets[0].plan[3].args[1].bytes = 4; },
       "plan.sm_90a: step 3: argument 1: input 1 'mask': 4 bytes exceed its 3 "
       "bytes"},
      {[](Model &m) { m.targets[0].plan[3].args[2].value = 1; },
       "plan.sm_90a: step 3: argument 2: output 1 out of range (1 outputs)"},
      {[](Model &m) { m.targets[0].plan[3].args[2].bytes = 13; },
       "plan.sm_90a: step 3: argument 2: output 0 'y': 13 bytes exceed its 12 "
       "bytes"},
      {[](Model &m) { m.targets[0].plan[1].kernel = 3; },
       "plan.sm_90a: step 1: kernel 3 out of range (3 kernels)"},
      {[](Model &m) { m.targets[0].plan[0].grid[1] = 0; },
       "plan.sm_90a: step 0: grid 4x0x1 has a zero dimension"},
      {[](Model &m) {
         m.targets[0].plan[3].block = {32, 1, 0};
       },
       "plan.sm_90a: step 3: block 32x1x0 has a zero dimension"},
      {[](Model &m) { m.targets[0].plan[2].args.pop_back(); },
       "plan.sm_90a: step 2: a copy needs 2 arguments, got 1"},
      {[](Model &m) { m.targets[0].plan[2].args[1].bytes = 16; },
       "plan.sm_90a: step 2: copy of 24 bytes into a 16-byte destination"},
      {[](Model &m) {
         m.targets[0].plan[2].args[1] = ref(BufferKind::Weight, 0, 24);
       },
       "plan.sm_90a: step 2: a copy may not write into the weights or an "
       "input"},
      {[](Model &m) { m.kernels[2].image = 2; },
       "meta: kernel 2 'out_Cast': image 2 out of range (2 images)"},
      {[](Model &m) { m.kernels[1].entry.clear(); },
       "meta: kernel 1 'fc2_Gemm': empty name or entry"},
      {[](Model &m) { m.inputs[0].shape[1] = -3; },
       "meta: input 0 'x': negative dimension -3"},
      {[](Model &m) {
         m.outputs[0].shape = {1 << 30, 1 << 30, 1 << 30};
       },
       "meta: output 0 'y': shape too large"},
      {[](Model &m) { m.targets[1].target = "sm 80"; },
       "meta: bad target name 'sm 80' (1 to 34 characters of [A-Za-z0-9_-])"},
      {[](Model &m) { m.targets[1].target = std::string(35, 'a'); },
       "meta: bad target name '" + std::string(35, 'a') +
           "' (1 to 34 characters of [A-Za-z0-9_-])"},
      {[](Model &m) { m.targets[1].target = "sm_90a"; },
       "meta: duplicate target 'sm_90a'"},
      {[](Model &m) { m.targets[0].cubins.pop_back(); },
       "meta: target 'sm_90a': 1 cubins for 2 images"},
      {[](Model &m) { m.targets[0].ptxs.push_back("x"); },
       "meta: target 'sm_90a': 3 PTX images for 2 images"},
  };
  for (auto &[edit, message] : cases) {
    Model model = sampleModel();
    edit(model);
    EXPECT_EQ(encodeError(model), message);
  }
}

/// A plan that refers past the arena is refused on decode too: sm_90a's
/// plan of a model with a larger arena in a bundle whose arena is 4096.
TEST(BundleModel, DecodeValidatesThePlan) {
  Model big = sampleModel();
  big.arenaBytes = 8192;
  big.targets[0].plan[3].args[0] = ref(BufferKind::Arena, 4096, 512);
  std::string bytes = withSection(encode(sampleModel()), "plan.sm_90a",
                                  sectionOf(encode(big), "plan.sm_90a"));
  EXPECT_EQ(decodeError(bytes),
            "plan.sm_90a: step 3: argument 0: arena offset 4096 + 512 bytes "
            "exceeds the arena (4096 bytes)");
  // Weights shorter than the plan needs.
  bytes = withSection(encode(sampleModel()), "weights", std::string(4999, 'w'));
  EXPECT_EQ(decodeError(bytes),
            "plan.sm_90a: step 1: argument 1: weight offset 4096 + 904 bytes "
            "exceeds the weights (4999 bytes)");
}

TEST(BundleModel, MissingSections) {
  std::string bytes = encode(sampleModel());
  for (const char *name : {"meta", "source.1", "weights", "plan.sm_80",
                           "cubin.sm_90a.1", "ptx.sm_90a.0"})
    EXPECT_EQ(decodeError(withSection(bytes, name, "", /*drop=*/true)),
              std::string("missing section '") + name + "'");
}

TEST(BundleModel, EveryTruncatedMetaIsRefused) {
  std::string bytes = encode(sampleModel());
  std::string meta = sectionOf(bytes, "meta");
  for (size_t size = 0; size < meta.size(); ++size) {
    std::string error =
        decodeError(withSection(bytes, "meta", meta.substr(0, size)));
    EXPECT_EQ(error.rfind("meta: offset ", 0), 0u) << size << ": " << error;
  }
  EXPECT_EQ(decodeError(withSection(bytes, "meta", "")),
            "meta: offset 0: truncated reading the meta version (4 bytes, 0 "
            "left)");
  EXPECT_EQ(decodeError(withSection(bytes, "meta", meta + "xy")),
            "meta: offset " + std::to_string(meta.size()) +
                ": 2 trailing bytes");
}

/// Every proper prefix of |section| of |bytes| fails to decode with a
/// message naming the section and an offset.
void expectEveryTruncationRefused(const std::string &bytes,
                                  const std::string &section) {
  std::string content = sectionOf(bytes, section);
  for (size_t size = 0; size < content.size(); ++size) {
    std::string error =
        decodeError(withSection(bytes, section, content.substr(0, size)));
    EXPECT_EQ(error.rfind(section + ": offset ", 0), 0u)
        << size << ": " << error;
  }
}

TEST(BundleModel, EveryTruncatedPlanIsRefused) {
  std::string bytes = encode(sampleModel());
  std::string plan = sectionOf(bytes, "plan.sm_80");
  expectEveryTruncationRefused(bytes, "plan.sm_80");
  EXPECT_EQ(decodeError(withSection(bytes, "plan.sm_80",
                                    plan.substr(0, 4 + 37 + 17 + 5))),
            "plan.sm_80: offset 0: step count 4 needs at least 148 bytes, only "
            "59 left");
}

/// Byte offsets in the sample's meta: version 0-3, precision 4, input count
/// 5-8, input 0: name length 9-12, "x" 13, dtype 14, rank 15-18.
TEST(BundleModel, CorruptedMetaIsRefused) {
  std::string bytes = encode(sampleModel());
  std::string meta = sectionOf(bytes, "meta");
  auto patched = [&](size_t at, std::string_view value) {
    std::string copy = meta;
    copy.replace(at, value.size(), value);
    return decodeError(withSection(bytes, "meta", copy));
  };
  EXPECT_EQ(patched(0, std::string("\3\0\0\0", 4)),
            "meta: offset 0: unknown meta version 3 (this runtime reads 1 to "
            "2)");
  EXPECT_EQ(patched(0, std::string("\0\0\0\0", 4)),
            "meta: offset 0: unknown meta version 0 (this runtime reads 1 to "
            "2)");
  // Version 1 (before Gemm steps) is read the same way.
  EXPECT_EQ(patched(0, std::string("\1\0\0\0", 4)), "");
  EXPECT_EQ(patched(4, "\7"), "meta: offset 4: bad precision 7");
  EXPECT_EQ(patched(5, "\xff\xff\xff\xff"),
            "meta: offset 5: input count 4294967295 needs at least "
            "38654705655 bytes, only " +
                std::to_string(meta.size() - 9) + " left");
  EXPECT_EQ(patched(9, std::string("\0\0\0\x0f", 4)),
            "meta: offset 9: input: string of 251658240 bytes, only " +
                std::to_string(meta.size() - 13) + " left");
  EXPECT_EQ(patched(14, "\x08"), "meta: offset 14: input 'x': bad dtype 8");
  EXPECT_EQ(patched(15, std::string("\0\0\0\x10", 4)),
            "meta: offset 15: rank count 268435456 needs at least 2147483648 "
            "bytes, only " +
                std::to_string(meta.size() - 19) + " left");
  // The last byte: sm_80's flags.
  EXPECT_EQ(patched(meta.size() - 1, "\x04"),
            "meta: offset " + std::to_string(meta.size() - 1) +
                ": target 'sm_80': bad flags 4");
}

TEST(BundleModel, CorruptedPlanIsRefused) {
  std::string bytes = encode(sampleModel());
  std::string plan = sectionOf(bytes, "plan.sm_80");
  auto patched = [&](size_t at, std::string_view value) {
    std::string copy = plan;
    copy.replace(at, value.size(), value);
    return decodeError(withSection(bytes, "plan.sm_80", copy));
  };
  EXPECT_EQ(patched(4, "\x03"),
            "plan.sm_80: offset 4: step 0: bad step kind 3");
  EXPECT_EQ(patched(4 + 37, "\x09"),
            "plan.sm_80: offset 41: step 0: argument 0: bad buffer kind 9");
  EXPECT_EQ(patched(0, std::string("\0\0\1\0", 4)),
            "plan.sm_80: offset 0: step count 65536 needs at least 2424832 "
            "bytes, only " +
                std::to_string(plan.size() - 4) + " left");
}

//===----------------------------------------------------------------------===//
// Gemm steps (library GEMMs, meta version 2)
//===----------------------------------------------------------------------===//

/// The sample with a Gemm step appended to both plans: D (arena+2048, 2x3) =
/// relu(A (arena+0, 2x3) · Bᵀ (weight+0, 3x3 stored transposed) + bias
/// (weight+4096, 3)), bf16 compute.
Model gemmModel() {
  Model model = sampleModel();
  Step gemm;
  gemm.kind = Step::Kind::Gemm;
  gemm.kernel = 1;
  gemm.gemm.m = 2;
  gemm.gemm.n = 3;
  gemm.gemm.k = 3;
  gemm.gemm.transB = true;
  gemm.gemm.lda = 3;
  gemm.gemm.ldb = 3;
  gemm.gemm.ldd = 3;
  gemm.gemm.compute = GemmCompute::BF16;
  gemm.gemm.epilogue = GemmEpilogue::BiasRelu;
  gemm.args = {ref(BufferKind::Arena, 0, 24), ref(BufferKind::Weight, 0, 36),
               ref(BufferKind::Weight, 4096, 12),
               ref(BufferKind::Arena, 2048, 24)};
  for (TargetCode &target : model.targets)
    target.plan.push_back(gemm);
  return model;
}

TEST(BundleModel, GemmNames) {
  EXPECT_STREQ(gemmComputeName(GemmCompute::TF32), "tf32");
  EXPECT_STREQ(gemmComputeName(GemmCompute::F16), "f16");
  EXPECT_STREQ(gemmEpilogueName(GemmEpilogue::None), "none");
  EXPECT_STREQ(gemmEpilogueName(GemmEpilogue::BiasGelu), "bias+gelu");
  EXPECT_TRUE(gemmHasBias(GemmEpilogue::Bias));
  EXPECT_FALSE(gemmHasBias(GemmEpilogue::Gelu));
}

TEST(BundleModel, GemmStepRoundTrips) {
  Model model = gemmModel();
  // A batched one too: 2 batches, broadcast A (stride 0).
  Step batched = model.targets[1].plan.back();
  batched.gemm.batch = 2;
  batched.gemm.m = 1;
  batched.gemm.strideA = 0;
  batched.gemm.strideB = 0;
  batched.gemm.strideD = 3;
  batched.gemm.transA = true;
  batched.gemm.transB = false;
  batched.gemm.lda = 1;
  batched.gemm.compute = GemmCompute::TF32;
  batched.gemm.epilogue = GemmEpilogue::Gelu;
  batched.gemm.alpha = -0.125f;
  batched.args.erase(batched.args.begin() + 2);
  model.targets[1].plan.push_back(batched);
  // Batches of D side by side within its rows (a swapped batch: ldd 6,
  // strideD 3), the bias+gelu epilogue, f16.
  Step interleaved = model.targets[0].plan.back();
  interleaved.gemm.batch = 2;
  interleaved.gemm.ldd = 6;
  interleaved.gemm.strideD = 3;
  interleaved.gemm.compute = GemmCompute::F16;
  interleaved.gemm.epilogue = GemmEpilogue::BiasGelu;
  interleaved.args[3] = ref(BufferKind::Arena, 2048, 48);
  model.targets[0].plan.push_back(interleaved);
  std::string error;
  std::string bytes = encode(model);
  auto bundle = Bundle::fromMemory(bytes, "m.tsrb", error);
  ASSERT_TRUE(bundle) << error;
  std::optional<Model> decoded = decodeBundle(*bundle, error);
  ASSERT_TRUE(decoded) << error;
  for (size_t t = 0; t < 2; ++t) {
    ASSERT_EQ(decoded->targets[t].plan.size(), model.targets[t].plan.size());
    for (size_t s = 0; s < model.targets[t].plan.size(); ++s)
      expectEqual(decoded->targets[t].plan[s], model.targets[t].plan[s]);
  }
  EXPECT_EQ(decoded->targets[1].plan.back().gemm.epilogue, GemmEpilogue::Gelu);
  EXPECT_EQ(decoded->targets[1].plan.back().gemm.alpha, -0.125f);
}

TEST(BundleModel, GemmValidationMessages) {
  using Edit = std::function<void(Step &)>;
  const std::string at = "plan.sm_90a: step 4: ";
  std::vector<std::pair<Edit, std::string>> cases = {
      {[](Step &s) { s.kernel = 3; }, "kernel 3 out of range (3 kernels)"},
      {[](Step &s) { s.args.pop_back(); },
       "gemm: epilogue bias+relu needs 4 arguments (A, B, bias, D), got 3"},
      {[](Step &s) { s.gemm.epilogue = GemmEpilogue::Relu; },
       "gemm: epilogue relu needs 3 arguments (A, B, D), got 4"},
      {[](Step &s) { s.gemm.k = 0; }, "gemm: empty shape m=2 n=3 k=0 batch=1"},
      {[](Step &s) { s.gemm.lda = 2; },
       "gemm: lda 2 is less than A's 3 columns"},
      {[](Step &s) { s.gemm.ldd = 2; },
       "gemm: ldd 2 is less than D's 3 columns"},
      // A: 2 rows of pitch 4 = 7 elements = 28 bytes > 24.
      {[](Step &s) { s.gemm.lda = 4; },
       "gemm: argument 0 (A): 28 bytes needed, the argument has 24"},
      // Transposed A: 3 rows (k) of 2 columns (m), pitch 3: 32 bytes.
      {[](Step &s) { s.gemm.transA = true; },
       "gemm: argument 0 (A): 32 bytes needed, the argument has 24"},
      {[](Step &s) { s.args[1].bytes = 32; },
       "gemm: argument 1 (B): 36 bytes needed, the argument has 32"},
      {[](Step &s) { s.args[2].bytes = 8; },
       "gemm: argument 2 (bias): 12 bytes needed, the argument has 8"},
      {[](Step &s) {
         s.gemm.batch = 2;
         s.gemm.strideD = 6;
       },
       "gemm: argument 3 (D): 48 bytes needed, the argument has 24"},
      {[](Step &s) {
         s.gemm.batch = 2;
         s.gemm.strideA = s.gemm.strideB = 0;
         s.gemm.strideD = 4;
         s.args[3].bytes = 64;
       },
       "gemm: strideD 4 makes the batches of D overlap"},
      {[](Step &s) { s.gemm.lda = ~uint64_t(0) / 2; },
       "gemm: argument 0 (A): too many bytes needed, the argument has 24"},
      {[](Step &s) { s.gemm.alpha = std::nanf(""); },
       "gemm: alpha nan is not finite"},
      {[](Step &s) { s.args[3] = ref(BufferKind::Input, 0, 24); },
       "gemm: D may not be the weights or an input"},
      {[](Step &s) { s.args[1] = ref(BufferKind::Weight, 4990, 36); },
       "argument 1: weight offset 4990 + 36 bytes exceeds the weights (5000 "
       "bytes)"},
  };
  for (auto &[edit, message] : cases) {
    Model model = gemmModel();
    edit(model.targets[0].plan.back());
    EXPECT_EQ(encodeError(model), at + message);
  }
}

TEST(BundleModel, EveryTruncatedGemmPlanIsRefused) {
  std::string bytes = encode(gemmModel());
  expectEveryTruncationRefused(bytes, "plan.sm_80");
  EXPECT_EQ(decodeError(bytes), "");
}

/// The Gemm fields follow the step's arguments: m n k batch (4 x u64), flags
/// (u8), lda ldb ldd strideA strideB strideD (6 x u64), compute, epilogue
/// (u8 each), alpha (f32 bits).
TEST(BundleModel, CorruptedGemmIsRefused) {
  std::string bytes = encode(gemmModel());
  std::string plan = sectionOf(bytes, "plan.sm_80");
  const size_t gemmAt = plan.size() - (4 * 8 + 1 + 6 * 8 + 2 + 4);
  const size_t computeAt = plan.size() - 6, epilogueAt = plan.size() - 5;
  auto patched = [&](size_t at, std::string_view value) {
    std::string copy = plan;
    copy.replace(at, value.size(), value);
    return decodeError(withSection(bytes, "plan.sm_80", copy));
  };
  EXPECT_EQ(patched(gemmAt + 32, "\x04"), "plan.sm_80: offset " +
                                              std::to_string(gemmAt + 32) +
                                              ": step 4: bad gemm flags 4");
  EXPECT_EQ(patched(computeAt, "\x04"),
            "plan.sm_80: offset " + std::to_string(computeAt) +
                ": step 4: bad gemm compute mode 4");
  EXPECT_EQ(patched(epilogueAt, "\x06"), "plan.sm_80: offset " +
                                             std::to_string(epilogueAt) +
                                             ": step 4: bad gemm epilogue 6");
  // alpha = +infinity (0x7f800000).
  EXPECT_EQ(patched(plan.size() - 4, std::string("\0\0\x80\x7f", 4)),
            "plan.sm_80: step 4: gemm: alpha inf is not finite");
  // k (u64 at gemmAt + 16) = 1000: A would need 2 x 1000 floats.
  EXPECT_EQ(patched(gemmAt + 16, std::string("\xe8\x03", 2)),
            "plan.sm_80: step 4: gemm: lda 3 is less than A's 1000 columns");
  // A version-1 bundle has no Gemm steps.
  std::string meta = sectionOf(bytes, "meta");
  meta.replace(0, 4, std::string("\1\0\0\0", 4));
  std::string error = decodeError(withSection(bytes, "meta", meta));
  EXPECT_NE(error.find(": step 4: bad step kind 2"), std::string::npos)
      << error;
}

} // namespace
