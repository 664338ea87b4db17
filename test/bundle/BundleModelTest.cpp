//===- BundleModelTest.cpp - meta/plan encoding: round trip, validation ---===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/bundle/BundleModel.h"

#include <gtest/gtest.h>

#include <functional>

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

TEST(BundleModel, EveryTruncatedPlanIsRefused) {
  std::string bytes = encode(sampleModel());
  std::string plan = sectionOf(bytes, "plan.sm_80");
  for (size_t size = 0; size < plan.size(); ++size) {
    std::string error =
        decodeError(withSection(bytes, "plan.sm_80", plan.substr(0, size)));
    EXPECT_EQ(error.rfind("plan.sm_80: offset ", 0), 0u)
        << size << ": " << error;
  }
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
  EXPECT_EQ(patched(0, std::string("\2\0\0\0", 4)),
            "meta: offset 0: unknown meta version 2 (this runtime reads 1)");
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
  EXPECT_EQ(patched(4, "\x02"),
            "plan.sm_80: offset 4: step 0: bad step kind 2");
  EXPECT_EQ(patched(4 + 37, "\x09"),
            "plan.sm_80: offset 41: step 0: argument 0: bad buffer kind 9");
  EXPECT_EQ(patched(0, std::string("\0\0\1\0", 4)),
            "plan.sm_80: offset 0: step count 65536 needs at least 2424832 "
            "bytes, only " +
                std::to_string(plan.size() - 4) + " left");
}

} // namespace
