// Transpose, concat and gather are index arithmetic on the way to the
// operand's load: no intermediate buffer, one loop over the output.

// RUN: tessera-compile %onnx/node/test_transpose_default/model.onnx --emit=cuda -o - | FileCheck %s --check-prefix=TRANSPOSE
// TRANSPOSE:      TS_KERNEL void Transpose_0(const float *TS_RESTRICT in0 /* 2x3x4xf32 */,
// TRANSPOSE-NEXT:     float *TS_RESTRICT out0 /* 4x3x2xf32 */) {
// TRANSPOSE-NEXT:   for (int i = (int)blockIdx.x * blockDim.x + threadIdx.x; i < 24; i += (int)gridDim.x * blockDim.x) {
// TRANSPOSE-NEXT:     const int t0 = i % 2;
// TRANSPOSE-NEXT:     const int t1 = (i / 2) % 3;
// TRANSPOSE-NEXT:     const int t2 = i / 6;
// TRANSPOSE-NEXT:     const float t3 = in0[t0 * 12 + t1 * 4 + t2];
// TRANSPOSE-NEXT:     out0[i] = t3;

// Concat: each input's index clamped into range, then a select on the axis.
// RUN: tessera-compile %onnx/node/test_concat_2d_axis_0/model.onnx --emit=cuda -o - | FileCheck %s --check-prefix=CONCAT
// CONCAT:      const int t1 = i / 2;
// CONCAT-NEXT: const int t2 = t1 < 0 ? 0 : t1 > 1 ? 1 : t1;
// CONCAT-NEXT: const float t3 = in0[t2 * 2 + t0];
// CONCAT-NEXT: const int t4 = (t1 - 2) < 0 ? 0 : (t1 - 2) > 1 ? 1 : (t1 - 2);
// CONCAT-NEXT: const float t5 = in1[t4 * 2 + t0];
// CONCAT-NEXT: const float t6 = t1 < 2 ? t3 : t5;
// CONCAT-NEXT: out0[i] = t6;

// Gather: the index is read, wrapped when negative, clamped.
// RUN: tessera-compile %onnx/node/test_gather_0/model.onnx --emit=cuda -o - | FileCheck %s --check-prefix=GATHER
// GATHER:      const int64_t *TS_RESTRICT in1 /* 3xi64 */,
// GATHER:      const int64_t t4 = in1[t3];
// GATHER-NEXT: const int t5 = (int)t4 < 0 ? (int)t4 + 5 : (int)t4;
// GATHER-NEXT: const int t6 = t5 < 0 ? 0 : t5 > 4 ? 4 : t5;
// GATHER-NEXT: const float t7 = in0[t6 * 24 + t2 * 6 + t1 * 2 + t0];
