//===- BundleModel.h - What a bundle holds, in memory -----------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The contents of a .tsrb bundle as plain C++ values: the I/O signature, the
// precision policy, the kernels (names, ONNX nodes, kinds), the CUDA source,
// per-target images (cubin, PTX), the execution plan per target and the
// weights. encodeBundle() lays a Model out as container sections
// (Bundle.h); decodeBundle() reads them back and validates every index and
// offset against the sizes it knows (arena, weights, inputs, outputs), so a
// plan that passed decoding cannot make the runtime read out of bounds.
//
// Kernels whose bodies are identical once names and comments are stripped
// share one *image*: one source, compiled once per target. Each kernel names
// its image and the function inside it.
//
// Sections (docs/bundle.md):
//   "meta"              signature, precision, arena size, kernels, images
//   "source.<i>"        the CUDA C++ of image i
//   "plan.<target>"     the steps for one target ("plan.sm_90a"): kernel
//                       launches, copies and library GEMMs
//   "cubin.<target>.<i>" image i's cubin for one target
//   "ptx.<target>.<i>"  image i's PTX for one target
//   "weights"           the weight bytes (4 KiB aligned)
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_BUNDLE_BUNDLEMODEL_H
#define TESSERA_RUNTIME_BUNDLE_BUNDLEMODEL_H

#include "runtime/bundle/Bundle.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera::bundle {

/// Element types, as the dialect's.
enum class DType : uint8_t { F32, F16, BF16, F64, I64, I32, I8, I1 };
/// "f32", "bf16", …
const char *dtypeName(DType type);
std::optional<DType> parseDType(std::string_view name);
/// Bytes per element (i1 is stored as one byte).
size_t dtypeSize(DType type);

/// A model input or output.
struct TensorDesc {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  uint64_t numElements() const;
  uint64_t numBytes() const { return numElements() * dtypeSize(dtype); }
};

/// The precision policy the kernels were generated for.
enum class Precision : uint8_t { F32, TF32, BF16, F16 };
const char *precisionName(Precision precision);
std::optional<Precision> parsePrecision(std::string_view name);

/// One generated kernel.
struct KernelInfo {
  /// The kernel's function name in the source ("fc1_Gemm").
  std::string name;
  /// The kernel kind ("elementwise", "reduction", "matmul", …).
  std::string kind;
  /// The ONNX nodes fused into it.
  std::vector<std::string> nodes;
  /// The image holding its code, and the function's name in that image
  /// (|name|, or the name of the first kernel with the same body).
  uint32_t image = 0;
  std::string entry;
};

/// One compiled unit of CUDA C++: a complete .cu file with one kernel.
struct Image {
  std::string source;
};

/// Where a kernel argument (a pointer) points.
enum class BufferKind : uint8_t {
  Arena,  ///< |offset| bytes into the context's arena
  Weight, ///< |offset| bytes into the weights section
  Input,  ///< model input number |index|
  Output, ///< model output number |index|
};

struct BufferRef {
  BufferKind kind = BufferKind::Arena;
  /// Byte offset (Arena, Weight) or input/output number (Input, Output).
  uint64_t value = 0;
  /// Bytes the step may touch from there (checked against the buffer).
  uint64_t bytes = 0;
};

/// How a Gemm step rounds its operands (the precision policy): f32 math,
/// TF32, BF16 or F16 operands with f32 accumulation. Storage is f32.
enum class GemmCompute : uint8_t { F32, TF32, BF16, F16 };
const char *gemmComputeName(GemmCompute compute);

/// What a Gemm step applies to the product, in this order: the bias (one
/// value per column n, broadcast over rows and batches), then the activation.
/// GELU is the tanh approximation (cuBLASLt's).
enum class GemmEpilogue : uint8_t {
  None,
  Bias,
  Relu,
  BiasRelu,
  Gelu,
  BiasGelu
};
const char *gemmEpilogueName(GemmEpilogue epilogue);
inline bool gemmHasBias(GemmEpilogue e) {
  return e == GemmEpilogue::Bias || e == GemmEpilogue::BiasRelu ||
         e == GemmEpilogue::BiasGelu;
}

/// A library matrix product (Step::Kind::Gemm), row-major, f32 storage:
///   D[b] = act(alpha · op(A[b]) · op(B[b]) + bias),  b < batch,
/// op(A) is m x k (A stored m x k with row pitch lda, or k x m when transA),
/// op(B) is k x n (B stored k x n with pitch ldb, or n x k when transB), D is
/// m x n with pitch ldd. Matrix b of X starts b * strideX elements into X
/// (0: every batch reads the same matrix). Pitches and strides in elements.
struct GemmParams {
  uint64_t m = 1, n = 1, k = 1, batch = 1;
  bool transA = false, transB = false;
  uint64_t lda = 1, ldb = 1, ldd = 1;
  uint64_t strideA = 0, strideB = 0, strideD = 0;
  GemmCompute compute = GemmCompute::F32;
  GemmEpilogue epilogue = GemmEpilogue::None;
  /// Scales the product before the bias (finite).
  float alpha = 1.0f;
};

/// One step of the plan.
struct Step {
  enum class Kind : uint8_t {
    Launch, ///< launch kernels[kernel] with grid/block/sharedBytes and args
    Copy,   ///< copy args[0].bytes bytes from args[0] to args[1]
    Gemm,   ///< a library matrix product (|gemm|) computing kernels[kernel];
            ///< args A, B, [bias,] D
  };
  Kind kind = Kind::Launch;
  uint32_t kernel = 0;
  std::array<uint32_t, 3> grid{1, 1, 1};
  std::array<uint32_t, 3> block{1, 1, 1};
  uint32_t sharedBytes = 0;
  /// One pointer argument per kernel parameter, in order.
  std::vector<BufferRef> args;
  /// Kind::Gemm only.
  GemmParams gemm;
};

/// The plan and compiled images for one target ("sm_80", "sm_90a").
struct TargetCode {
  std::string target;
  std::vector<Step> plan;
  /// One per image (same order as Model::images); empty when the bundle was
  /// written without NVRTC.
  std::vector<std::string> cubins;
  std::vector<std::string> ptxs;
};

/// Everything a bundle holds.
struct Model {
  Precision precision = Precision::F32;
  std::vector<TensorDesc> inputs;
  std::vector<TensorDesc> outputs;
  uint64_t arenaBytes = 0;
  std::vector<KernelInfo> kernels;
  std::vector<Image> images;
  std::vector<TargetCode> targets;
  std::string weights;
};

/// Lays |model| out as sections of |writer|; false with |error| on failure.
bool encodeBundle(const Model &model, BundleWriter &writer,
                  std::string &error);

/// Reads and validates a Model from a verified bundle. Messages name the
/// section and what is wrong ("plan.sm_90a: step 3: argument 1: arena
/// offset 4096 + 512 bytes exceeds the arena (4096 bytes)").
std::optional<Model> decodeBundle(const Bundle &bundle, std::string &error);

struct DecodeOptions {
  /// Copy the "weights" section into Model::weights. Without it the weights
  /// stay empty and a runtime uses the section's bytes in place (the plan is
  /// still validated against the section's size).
  bool copyWeights = true;
};
std::optional<Model> decodeBundle(const Bundle &bundle,
                                  const DecodeOptions &options,
                                  std::string &error);

} // namespace tessera::bundle

#endif // TESSERA_RUNTIME_BUNDLE_BUNDLEMODEL_H
