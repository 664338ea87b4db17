// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera-inspect and tessera-run on hand-built bundles: the printed plan,
// refusals of truncated and corrupted files, running under --device=emu with
// .npy and .pb inputs, and the device defaults and usage errors.

#include "runtime/tessera_runtime.h"
#include "runtime/tools/TensorFile.h"

#include "BundleTestUtils.h"
#include "RuntimeTestUtils.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using tessera::test::kStderr;
using tessera::test::kStdout;
using tessera::test::runTool;
using tessera::test::StatusPtr;
using tessera::test::ToolResult;
namespace tools = tessera::tools;

namespace {

class BundleTool : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    setenv("TESSERA_CACHE_DIR", TESSERA_TEST_CACHE_DIR, 1);
  }
  void SetUp() override {
    char pattern[] = "/tmp/tessera-bundle-tool-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir = pattern;
    bundle = dir + "/add.tsrb";
    bytes = tessera::test::bundleBytes(tessera::test::addModel());
    write(bundle, bytes);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  static void write(const std::string &path, const std::string &content) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  }
  ToolResult inspect(const std::string &arguments, const char *redirect) {
    return runTool(TESSERA_INSPECT_PATH, arguments, redirect);
  }
  ToolResult run(const std::string &arguments, const char *redirect) {
    return runTool(TESSERA_RUN_PATH, arguments, redirect);
  }
  std::string dir, bundle, bytes;
};

TEST_F(BundleTool, InspectPrintsTheBundle) {
  ToolResult result = inspect("'" + bundle + "'", kStdout);
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output,
            "bundle: " + bundle +
                "\n"
                "version: 1.0\n"
                "size: " +
                std::to_string(bytes.size()) +
                " bytes\n"
                "precision: f32\n"
                "input 0: x: 2x3 f32 (24 bytes)\n"
                "output 0: y: 2x3 f32 (24 bytes)\n"
                "output 1: t: 2x3 f32 (24 bytes)\n"
                "output 2: z: 2x3 f32 (24 bytes)\n"
                "arena: 64 bytes\n"
                "weights: 24 bytes\n"
                "images: 2\n"
                "kernels: 3\n"
                "  kernel 0: add_w (elementwise) nodes: add1; image 0 entry "
                "add_w; cubin: -; ptx: -\n"
                "  kernel 1: scale2 (elementwise) nodes: mul1; image 1 entry "
                "scale2; cubin: -; ptx: -\n"
                "  kernel 2: scale2b (elementwise) nodes: mul2; image 1 entry "
                "scale2; cubin: -; ptx: -\n"
                "plan sm_90a: 4 steps\n"
                "  step 0: launch add_w grid 1x1x1 block 32x1x1 smem 0 args: "
                "input 0 'x' (24 B), weight+0 (24 B), arena+0 (24 B)\n"
                "  step 1: launch scale2 grid 2x1x1 block 2x1x1 smem 0 args: "
                "arena+0 (24 B), output 0 'y' (24 B)\n"
                "  step 2: copy 24 bytes: arena+0 (24 B) -> output 1 't' (24 "
                "B)\n"
                "  step 3: launch scale2b grid 1x1x1 block 8x1x1 smem 0 args: "
                "arena+0 (24 B), output 2 'z' (24 B)\n"
                "plan sm_80: 4 steps\n"
                "  step 0: launch add_w grid 1x1x1 block 32x1x1 smem 0 args: "
                "input 0 'x' (24 B), weight+0 (24 B), arena+0 (24 B)\n"
                "  step 1: launch scale2 grid 2x1x1 block 2x1x1 smem 0 args: "
                "arena+0 (24 B), output 0 'y' (24 B)\n"
                "  step 2: copy 24 bytes: arena+0 (24 B) -> output 1 't' (24 "
                "B)\n"
                "  step 3: launch scale2b grid 1x1x1 block 8x1x1 smem 0 args: "
                "arena+0 (24 B), output 2 'z' (24 B)\n");
}

TEST_F(BundleTool, InspectShowsImageTargetsAndJson) {
  tessera::bundle::Model model = tessera::test::addModel();
  model.precision = tessera::bundle::Precision::TF32;
  model.targets[0].cubins = {"cubin0", "cubin1"};
  model.targets[0].ptxs = {"ptx0", "ptx1"};
  model.targets[1].ptxs = {"ptx0", "ptx1"};
  model.targets[1].plan.resize(1);
  model.kernels[0].name = "a\"b";
  write(bundle, tessera::test::bundleBytes(model));
  ToolResult text = inspect("'" + bundle + "'", kStdout);
  EXPECT_NE(text.output.find("  kernel 1: scale2 (elementwise) nodes: mul1; "
                             "image 1 entry scale2; cubin: sm_90a; ptx: "
                             "sm_90a, sm_80\n"),
            std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("precision: tf32\n"), std::string::npos);
  ToolResult json = inspect("--json '" + bundle + "'", kStdout);
  EXPECT_EQ(json.exitCode, 0);
  EXPECT_NE(json.output.find("\"precision\": \"tf32\""), std::string::npos);
  EXPECT_NE(json.output.find(
                "\"kernels\": [{\"name\": \"a\\\"b\", \"kind\": "
                "\"elementwise\", \"nodes\": [\"add1\"], \"image\": 0, "
                "\"entry\": \"add_w\", \"cubin\": [\"sm_90a\"], \"ptx\": "
                "[\"sm_90a\", \"sm_80\"]}"),
            std::string::npos)
      << json.output;
  EXPECT_NE(json.output.find(
                "{\"target\": \"sm_80\", \"cubin\": false, \"ptx\": true, "
                "\"plan\": [{\"kind\": \"launch\", \"kernel\": \"a\\\"b\", "
                "\"grid\": [1, 1, 1], \"block\": [32, 1, 1], "
                "\"shared_bytes\": 0, \"args\": [{\"kind\": \"input\", "
                "\"index\": 0, \"bytes\": 24}, {\"kind\": \"weight\", "
                "\"offset\": 0, \"bytes\": 24}, {\"kind\": \"arena\", "
                "\"offset\": 0, \"bytes\": 24}]}]}"),
            std::string::npos)
      << json.output;
  EXPECT_NE(json.output.find("\"inputs\": [{\"name\": \"x\", \"dtype\": "
                             "\"f32\", \"shape\": [2, 3], \"bytes\": 24}]"),
            std::string::npos);
}

TEST_F(BundleTool, InspectRefusesTruncatedAndCorruptedFiles) {
  write(bundle, bytes.substr(0, 100));
  ToolResult result = inspect("'" + bundle + "'", kStderr);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.output, "tessera-inspect: error: " + bundle +
                               ": truncated: the header says " +
                               std::to_string(bytes.size()) +
                               " bytes, the file has 100\n");
  std::string corrupted = bytes;
  corrupted[corrupted.size() - 2] ^= 0x10; // in the weights
  write(bundle, corrupted);
  result = inspect("'" + bundle + "'", kStderr);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.output.rfind("tessera-inspect: error: " + bundle +
                                    ": checksum mismatch in section 'weights'",
                                0),
            0u)
      << result.output;
  write(bundle, "not a bundle, but long enough to hold a header of 64 bytes, "
                "yes indeed");
  result = inspect("'" + bundle + "'", kStderr);
  EXPECT_EQ(result.output, "tessera-inspect: error: " + bundle +
                               ": not a tessera bundle (bad magic)\n");
  // A container that verifies but whose plan does not.
  tessera::bundle::BundleWriter writer;
  std::string error;
  ASSERT_TRUE(writer.addSection("meta", std::string("\1\0\0", 3), error));
  write(bundle, writer.serialize());
  result = inspect("'" + bundle + "'", kStderr);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.output,
            "tessera-inspect: error: " + bundle +
                ": meta: offset 0: truncated reading the meta version (4 "
                "bytes, 3 left)\n");
}

TEST_F(BundleTool, InspectUsage) {
  EXPECT_EQ(inspect("", kStderr).exitCode, 2);
  ToolResult result = inspect("--bogus", kStderr);
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output.rfind("tessera-inspect: unknown argument '--bogus'\n"
                                "usage: tessera-inspect BUNDLE [--json]\n",
                                0),
            0u);
  EXPECT_EQ(inspect("--help", kStdout).exitCode, 0);
}

/// x = {1..6} as .npy; the outputs read back from --output-dir.
TEST_F(BundleTool, RunsOnTheEmulator) {
  tools::Tensor x(tessera::DType::F32, {2, 3});
  for (int i = 0; i < 6; ++i)
    x.setDouble(i, i + 1);
  std::string error;
  ASSERT_TRUE(tools::writeNpyFile(dir + "/x.npy", x, error)) << error;
  ToolResult result = run("'" + bundle + "' --device=emu --input x='" + dir +
                              "/x.npy' --output-dir '" + dir + "/out'",
                          "2>&1");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  EXPECT_EQ(result.output, "");
  for (auto [name, factor] :
       {std::pair{"y", 2.0}, std::pair{"t", 1.0}, std::pair{"z", 2.0}}) {
    tools::Tensor out;
    ASSERT_TRUE(
        tools::readTensorFile(dir + "/out/" + name + ".npy", out, error))
        << error;
    EXPECT_EQ(out.shape(), (std::vector<int64_t>{2, 3}));
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(out.getDouble(i), factor * 1.5 * (i + 1)) << name << i;
  }

  // Summaries on stdout; check mode; the sm_80 plan.
  result = run("'" + bundle +
                   "' --device emu --emu-mode=check --target "
                   "sm_80 --input x='" +
                   dir + "/x.npy'",
               kStdout);
  ASSERT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output, "y: 2x3 f32 min=3 max=18 mean=10.5\n"
                           "t: 2x3 f32 min=1.5 max=9 mean=5.25\n"
                           "z: 2x3 f32 min=3 max=18 mean=10.5\n");

  // --runs: the same outputs, every run.
  result = run("'" + bundle + "' --device=emu --runs 3 --input x='" + dir +
                   "/x.npy'",
               kStdout);
  ASSERT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output, "y: 2x3 f32 min=3 max=18 mean=10.5\n"
                           "t: 2x3 f32 min=1.5 max=9 mean=5.25\n"
                           "z: 2x3 f32 min=3 max=18 mean=10.5\n");
  result = run("'" + bundle + "' --device=emu --runs=0", kStderr);
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output,
            "tessera-run: bad --runs '0', expected a positive integer\n");
}

TEST_F(BundleTool, ReadsTensorProtoInputs) {
  // TensorProto: dims 2, 3 (packed), data_type 1, raw_data 24 bytes.
  std::string proto = "\x0a\x02\x02\x03\x10\x01\x4a\x18";
  for (int i = 0; i < 6; ++i) {
    float v = static_cast<float>(i + 1);
    proto.append(reinterpret_cast<const char *>(&v), 4);
  }
  write(dir + "/x.pb", proto);
  ToolResult result = run(
      "'" + bundle + "' --device=emu --input x='" + dir + "/x.pb'", kStdout);
  ASSERT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output.rfind("y: 2x3 f32 min=3 max=18 mean=10.5\n", 0), 0u)
      << result.output;
}

TEST_F(BundleTool, RandomInputsAndErrors) {
  ToolResult result = run("'" + bundle + "' --device=emu --seed 7", kStderr);
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output, "tessera-run: note: input 'x' not given: using "
                           "random f32 values in [-1, 1) (seed 7)\n");

  tools::Tensor wrong(tessera::DType::F32, {3, 2});
  std::string error;
  ASSERT_TRUE(tools::writeNpyFile(dir + "/w.npy", wrong, error));
  result = run("'" + bundle + "' --device=emu --input x='" + dir + "/w.npy'",
               kStderr);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.output, "tessera-run: error: input 'x' from " + dir +
                               "/w.npy: expected 2x3 f32, got 3x2 f32\n");
  result = run("'" + bundle + "' --device=emu --input q='" + dir + "/w.npy'",
               kStderr);
  EXPECT_EQ(result.output, "tessera-run: error: --input q=" + dir +
                               "/w.npy: the model has no input 'q' (its "
                               "inputs: x)\n");
  write(dir + "/bad.npy", "nope");
  result = run("'" + bundle + "' --device=emu --input x='" + dir + "/bad.npy'",
               kStderr);
  EXPECT_EQ(result.output, "tessera-run: error: input 'x': " + dir +
                               "/bad.npy: not a .npy file (bad magic)\n");
  write(bundle, bytes.substr(0, bytes.size() - 3));
  result = run("'" + bundle + "' --device=emu", kStderr);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.output,
            "tessera-run: error: " + bundle + ": truncated: the header says " +
                std::to_string(bytes.size()) + " bytes, the file has " +
                std::to_string(bytes.size() - 3) + "\n");
  result = run("'" + dir + "/missing.tsrb' --device=emu", kStderr);
  EXPECT_EQ(result.output, "tessera-run: error: " + dir +
                               "/missing.tsrb: no such bundle file\n");
}

TEST_F(BundleTool, DevicesAndUsage) {
  ToolResult result = run("'" + bundle + "' --device=cpu", kStderr);
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output,
            "tessera-run: --device=cpu runs a model on the reference "
            "evaluator; run a bundle with --device=emu (the CPU emulator) or "
            "--device=cuda\n");
  result = run("'" + bundle + "' --device=tpu", kStderr);
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output,
            "tessera-run: bad --device 'tpu', expected cuda or emu\n");
  result = run("'" + bundle + "' --optimize", kStderr);
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "tessera-run: --optimize applies to models only; a "
                           "bundle is already compiled\n");
  result = run("'" + bundle + "' --device=emu --emu-mode=slow", kStderr);
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output,
            "tessera-run: bad --emu-mode 'slow', expected fast or check\n");
  result = run("'" + bundle + "' --device=emu --input x=x.txt", kStderr);
  EXPECT_EQ(result.exitCode, 2);

  int count = 0;
  StatusPtr status(tessera_device_count(&count));
  if (!TESSERA_STATUS_IS_OK(status.get())) {
    // No GPU: the default device is an error saying why; cuda says so too.
    result = run("'" + bundle + "'", kStderr);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.output,
              "tessera-run: error: cannot run bundle " + bundle +
                  " on a GPU: " + tessera_status_message(status.get()) +
                  "; run it on the CPU emulator with "
                  "--device=emu\n");
    result = run("'" + bundle + "' --device=cuda", kStderr);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.output, std::string("tessera-run: error: ") +
                                 tessera_status_message(status.get()) +
                                 "; run the bundle on the CPU emulator with "
                                 "--device=emu\n");
  } else {
    // A GPU, but the hand-built bundle has no cubin or PTX.
    result = run("'" + bundle + "' --device=cuda", kStderr);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.output.find("no cubin or PTX for sm_"), std::string::npos)
        << result.output;
  }
}

TEST(TensorFile, NpyRoundTripsEveryDType) {
  using tessera::DType;
  for (DType dtype : {DType::F32, DType::F16, DType::BF16, DType::F64,
                      DType::I64, DType::I32, DType::I8, DType::I1}) {
    tools::Tensor tensor(dtype, {2, 2});
    for (int i = 0; i < 4; ++i)
      tensor.setDouble(i, dtype == DType::I1 ? i % 2 : i - 1.5 * (i % 2));
    std::string error;
    tools::Tensor back;
    ASSERT_TRUE(
        tools::parseNpy(tools::serializeNpy(tensor), "t.npy", back, error))
        << error;
    // NumPy has no bfloat16: it comes back as f32, with the same values.
    EXPECT_EQ(back.dtype(), dtype == DType::BF16 ? DType::F32 : dtype);
    EXPECT_EQ(back.shape(), tensor.shape());
    for (int i = 0; i < 4; ++i)
      EXPECT_EQ(back.getDouble(i), tensor.getDouble(i));
  }
  tools::Tensor scalar(DType::F32, {});
  std::string npy = tools::serializeNpy(scalar);
  EXPECT_NE(npy.find("'shape': (), }"), std::string::npos);
  std::string error;
  tools::Tensor back;
  EXPECT_FALSE(
      tools::parseNpy(npy.substr(0, npy.size() - 1), "s.npy", back, error));
  EXPECT_EQ(error, "s.npy: truncated data: shape scalar of <f4 needs 4 bytes, "
                   "the file holds 3");
}

TEST(TensorFile, ReadsTypedTensorProtoFields) {
  std::string error;
  tools::Tensor tensor;
  // dims 3 (not packed), data_type FLOAT, float_data packed {1, 2.5, -3}.
  std::string proto = "\x08\x03\x10\x01\x22\x0c";
  for (float v : {1.0f, 2.5f, -3.0f})
    proto.append(reinterpret_cast<const char *>(&v), 4);
  ASSERT_TRUE(tools::parseTensorProto(proto, "f.pb", tensor, error)) << error;
  EXPECT_EQ(tensor.dtype(), tessera::DType::F32);
  EXPECT_EQ(tensor.shape(), (std::vector<int64_t>{3}));
  EXPECT_EQ(tensor.getDouble(2), -3.0);
  // dims 2, INT64, int64_data packed {5, -1}; a name field is skipped.
  proto = std::string("\x08\x02\x10\x07\x42\x01n\x3a\x0b\x05") +
          std::string("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10);
  ASSERT_TRUE(tools::parseTensorProto(proto, "i.pb", tensor, error)) << error;
  EXPECT_EQ(tensor.dtype(), tessera::DType::I64);
  EXPECT_EQ(tensor.getDouble(0), 5.0);
  EXPECT_EQ(tensor.getDouble(1), -1.0);
  // FLOAT16 bits in int32_data: 0x3c00 = 1.0.
  proto = std::string("\x08\x01\x10\x0a\x28\x80\x78", 7);
  ASSERT_TRUE(tools::parseTensorProto(proto, "h.pb", tensor, error)) << error;
  EXPECT_EQ(tensor.getDouble(0), 1.0);
  // Errors.
  EXPECT_FALSE(tools::parseTensorProto(std::string("\x08\x02\x10\x01", 4),
                                       "e.pb", tensor, error));
  EXPECT_EQ(error, "e.pb: holds 0 values, shape 2 needs 2");
  EXPECT_FALSE(tools::parseTensorProto(std::string("\x10\x08", 2), "s.pb",
                                       tensor, error));
  EXPECT_EQ(error, "s.pb: unsupported TensorProto data type 8");
  EXPECT_FALSE(tools::parseTensorProto("\x4a\x05"
                                       "ab",
                                       "t.pb", tensor, error));
  EXPECT_EQ(error, "t.pb: malformed TensorProto");
}

} // namespace
