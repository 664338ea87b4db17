// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A small hand-built bundle for the bundle API and tool tests, until the
// compiler writes bundles: two images of hand-written kernels in the
// generated-code style (add_w: t = x + w with w from the weights; scale2:
// y = 2 * t, grid-stride), a third kernel sharing scale2's image, and a copy.
//
//   inputs:  x f32 [2, 3]
//   outputs: y = 2 * (x + w), t = x + w, z = 2 * (x + w)   (all f32 [2, 3])
//   weights: w = {0.5, 1, 1.5, 2, 2.5, 3}
//   arena:   64 bytes, t at offset 0
//   plan (target sm_90a; also sm_80 with the same plan):
//     0 launch add_w   grid 1 block 32  (input 0, weight 0, arena 0)
//     1 launch scale2  grid 2 block 2   (arena 0, output 0)
//     2 copy                            (arena 0 -> output 1)
//     3 launch scale2b grid 1 block 8   (arena 0, output 2)   image 1, entry
//     scale2

#ifndef TESSERA_TEST_GPU_BUNDLETESTUTILS_H
#define TESSERA_TEST_GPU_BUNDLETESTUTILS_H

#include "runtime/bundle/BundleModel.h"

#include <cstring>
#include <string>

namespace tessera::test {

inline const char *kAddWSource = R"(#include "tessera/core.cuh"
// add_w: fused ops add1 (Add).
TS_KERNEL void add_w(const float *TS_RESTRICT x, const float *TS_RESTRICT w,
                     float *TS_RESTRICT t) {
  const int64_t n = 6;
  for (int64_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += static_cast<int64_t>(gridDim.x) * blockDim.x)
    t[i] = x[i] + w[i];
}
)";

inline const char *kScale2Source = R"(#include "tessera/core.cuh"
// scale2: fused ops mul1 (Mul by 2).
TS_KERNEL void scale2(const float *TS_RESTRICT t, float *TS_RESTRICT y) {
  const int64_t n = 6;
  for (int64_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += static_cast<int64_t>(gridDim.x) * blockDim.x)
    y[i] = 2.0f * t[i];
}
)";

inline bundle::BufferRef bufferRef(bundle::BufferKind kind, uint64_t value,
                                   uint64_t bytes) {
  bundle::BufferRef ref;
  ref.kind = kind;
  ref.value = value;
  ref.bytes = bytes;
  return ref;
}

inline bundle::Model addModel() {
  using namespace bundle;
  using bundle::DType; // Not tessera::DType (HostTensor's).
  Model model;
  model.inputs = {{"x", DType::F32, {2, 3}}};
  model.outputs = {{"y", DType::F32, {2, 3}},
                   {"t", DType::F32, {2, 3}},
                   {"z", DType::F32, {2, 3}}};
  model.arenaBytes = 64;
  model.images = {{kAddWSource}, {kScale2Source}};
  model.kernels = {{"add_w", "elementwise", {"add1"}, 0, "add_w"},
                   {"scale2", "elementwise", {"mul1"}, 1, "scale2"},
                   {"scale2b", "elementwise", {"mul2"}, 1, "scale2"}};
  Step add;
  add.kernel = 0;
  add.block = {32, 1, 1};
  add.args = {bufferRef(BufferKind::Input, 0, 24),
              bufferRef(BufferKind::Weight, 0, 24),
              bufferRef(BufferKind::Arena, 0, 24)};
  Step scale;
  scale.kernel = 1;
  scale.grid = {2, 1, 1};
  scale.block = {2, 1, 1};
  scale.args = {bufferRef(BufferKind::Arena, 0, 24),
                bufferRef(BufferKind::Output, 0, 24)};
  Step copy;
  copy.kind = Step::Kind::Copy;
  copy.args = {bufferRef(BufferKind::Arena, 0, 24),
               bufferRef(BufferKind::Output, 1, 24)};
  Step scaleB;
  scaleB.kernel = 2;
  scaleB.block = {8, 1, 1};
  scaleB.args = {bufferRef(BufferKind::Arena, 0, 24),
                 bufferRef(BufferKind::Output, 2, 24)};
  TargetCode sm90;
  sm90.target = "sm_90a";
  sm90.plan = {add, scale, copy, scaleB};
  TargetCode sm80 = sm90;
  sm80.target = "sm_80";
  model.targets = {sm90, sm80};
  const float w[6] = {0.5f, 1.0f, 1.5f, 2.0f, 2.5f, 3.0f};
  model.weights.assign(reinterpret_cast<const char *>(w), sizeof(w));
  return model;
}

/// The bytes of |model| as a bundle ("" on failure).
inline std::string bundleBytes(const bundle::Model &model) {
  bundle::BundleWriter writer;
  std::string error;
  if (!bundle::encodeBundle(model, writer, error))
    return "";
  return writer.serialize();
}

} // namespace tessera::test

#endif // TESSERA_TEST_GPU_BUNDLETESTUTILS_H
