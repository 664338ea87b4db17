// Channels-last convs (--conv-layout=nhwc): NHWC input, OHWI weight, NHWC
// result. The implicit GEMM's k is (kernel position, input channel) with the
// channel fastest, so a run of a group's channels is contiguous in the input:
// an input that is a kernel parameter with 16-byte channel runs is gathered
// by cp.async (ts_gemm_gather_tile with the offset lambda aOffsetOf, -1 in
// the padding); the output index has the channel last and the bias is read
// at it. Depthwise convs stay per-element loops over (kernel position,
// channel) with the channel last in the input and weight indices.
//
// The model: conv1 (8 -> 16 channels, its NCHW input transposed in the
// kernel: register-staged) -> relu -> conv2 (16 -> 16, stride 2, bias; its
// input is conv1's NHWC result: gathered) -> depthwise conv (16 groups, its
// NHWC result transposed back to NCHW in the kernel).
// RUN: %python -c "import numpy as n; import onnx_models as m; from onnx import helper as h, numpy_helper as nh; \
// RUN:   w = lambda name, *s: nh.from_array((n.sin(n.arange(n.prod(s))) / 4).astype(n.float32).reshape(s), name); \
// RUN:   nodes = [h.make_node('Conv', ['x', 'w1', 'b1'], ['c1'], name='conv1', pads=[1, 1, 1, 1]), h.make_node('Relu', ['c1'], ['r1'], name='relu1'), \
// RUN:            h.make_node('Conv', ['r1', 'w2', 'b2'], ['c2'], name='conv2', pads=[1, 1, 1, 1], strides=[2, 2]), \
// RUN:            h.make_node('Conv', ['c2', 'wd'], ['y'], name='dw', pads=[1, 1, 1, 1], group=16)]; \
// RUN:   g = h.make_graph(nodes, 'g', [h.make_tensor_value_info('x', m.F32, [1, 8, 9, 9])], [h.make_tensor_value_info('y', m.F32, [1, 16, 5, 5])], \
// RUN:                    [w('w1', 16, 8, 3, 3), w('b1', 16), w('w2', 16, 16, 3, 3), w('b2', 16), w('wd', 16, 1, 3, 3)]); \
// RUN:   m.save(h.make_model(g, opset_imports=[h.make_opsetid('', 17)]), '%t.onnx'); \
// RUN:   n.save('%t.x.npy', n.cos(n.arange(648)).astype(n.float32).reshape(1, 8, 9, 9))"
// RUN: tessera-compile %t.onnx --conv-layout=nhwc --emit=cuda -o - | FileCheck %s

// conv2: A gathered from the NHWC parameter in0 (k = (ky, kx, c), c
// fastest: offset ((y * 9 + x) * 16 + c); the weight [16, 3, 3, 16] copied
// as B [N][K]; the result [1, 5, 5, 16] stored with the channel n last and
// the bias read at n.
// CHECK-LABEL: // ===== conv2.cu =====
// CHECK:       // Tensor-core GEMM (ts_gemm_3xtf32): M=25 N=16 K=144, codegen config.
// CHECK:       TS_KERNEL void conv2(const float *TS_RESTRICT in0 /* 1x9x9x16xf32 */,
// CHECK-NEXT:      const float *TS_RESTRICT in1 /* 16x3x3x16xf32 */,
// CHECK-NEXT:      const float *TS_RESTRICT in2 /* 16xf32 */,
// CHECK-NEXT:      float *TS_RESTRICT out0 /* 1x5x5x16xf32 */) {
// CHECK:           const float *aSrc = in0;
// CHECK-NEXT:      const bool aVectorized = ts_gemm_aligned16(aSrc);
// CHECK:           auto aOffsetOf = [&](const int m, const int k) -> int {
// CHECK-NEXT:        const int [[OX:t[0-9]+]] = m % 5;
// CHECK-NEXT:        const int [[OY:t[0-9]+]] = m / 5;
// CHECK-NEXT:        const int [[C:t[0-9]+]] = k % 16;
// CHECK-NEXT:        const int [[KX:t[0-9]+]] = (k / 16) % 3;
// CHECK-NEXT:        const int [[KY:t[0-9]+]] = k / 48;
// CHECK-NEXT:        const int [[Y:t[0-9]+]] = [[OY]] * 2 + [[KY]] - 1;
// CHECK-NEXT:        const int [[X:t[0-9]+]] = [[OX]] * 2 + [[KX]] - 1;
// CHECK-NEXT:        return ([[Y]] >= 0 && [[Y]] < 9 && [[X]] >= 0 && [[X]] < 9) ? ([[Y]] * 144 + [[X]] * 16 + [[C]]) : -1;
// CHECK-NEXT:      };
// CHECK:             ts_gemm_gather_tile<float, kBM, kBK, kPitchA, kThreads>(aTiles[stage], aSrc, 25, 144, tileM, k0, aVectorized, aOffsetOf);
// CHECK-NEXT:        ts_gemm_copy_tile<float, kBN, kBK, kPitchB, kThreads>(bTiles[stage], bSrc, 16, 144, tileN, k0, bVectorized);
// CHECK-NOT:     aRegs
// CHECK:               if (m < 25 && n < 16) {
// CHECK-NEXT:            const int [[SX:t[0-9]+]] = m % 5;
// CHECK-NEXT:            const int [[SY:t[0-9]+]] = m / 5;
// CHECK-NEXT:            const float [[B:t[0-9]+]] = in2[n];
// CHECK-NEXT:            const float {{t[0-9]+}} = (float)(acc[mi][ni][r] + [[B]]);
// CHECK-NEXT:            out0{{\[}}[[SY]] * 80 + [[SX]] * 16 + n] = {{t[0-9]+}};

// dw: the depthwise conv per element, storing channels-last (the transpose
// back to NCHW is a kernel of its own, dw_1): the loop over (ky, kx, c)
// with c fastest (one channel per group here), input [1, 5, 5, 16] at
// (y, x, channel), weight [16, 3, 3, 1] at (channel, ky, kx, 0).
// CHECK-LABEL: // ===== dw.cu =====
// CHECK:       TS_KERNEL void dw(const float *TS_RESTRICT in0 /* 1x5x5x16xf32 */,
// CHECK-NEXT:      const float *TS_RESTRICT in1 /* 16x3x3x1xf32 */,
// CHECK-NEXT:      float *TS_RESTRICT out0 /* 1x5x5x16xf32 */) {
// CHECK:           const int [[CH:t[0-9]+]] = i % 16;
// CHECK-NEXT:      const int [[W:t[0-9]+]] = (i / 16) % 5;
// CHECK-NEXT:      const int [[H:t[0-9]+]] = i / 80;
// CHECK-NEXT:      float [[ACC:t[0-9]+]] = 0;
// CHECK-NEXT:      const int [[G:t[0-9]+]] = [[CH]] / 1;
// CHECK-NEXT:      for (int [[R:t[0-9]+]] = 0; [[R]] < 9; ++[[R]]) {
// CHECK-NEXT:        const int [[DKX:t[0-9]+]] = [[R]] % 3;
// CHECK-NEXT:        const int [[DKY:t[0-9]+]] = [[R]] / 3;
// CHECK-NEXT:        const int [[IC:t[0-9]+]] = [[G]] * 1 + 0;
// CHECK-NEXT:        const int [[IY:t[0-9]+]] = [[H]] + [[DKY]] - 1;
// CHECK-NEXT:        const int [[IX:t[0-9]+]] = [[W]] + [[DKX]] - 1;
// CHECK-NEXT:        if ([[IY]] >= 0 && [[IY]] < 5 && [[IX]] >= 0 && [[IX]] < 5) {
// CHECK-NEXT:          const float [[XV:t[0-9]+]] = in0{{\[}}[[IY]] * 80 + [[IX]] * 16 + [[IC]]];
// CHECK-NEXT:          const float [[WV:t[0-9]+]] = in1{{\[}}[[CH]] * 9 + [[DKY]] * 3 + [[DKX]]];
// CHECK-NEXT:          [[ACC]] = ts_fma([[XV]], [[WV]], [[ACC]]);

// The model on the emulator in check mode (missing cp.async waits or
// barriers fail) with every conv channels-last matches the reference
// evaluator on the imported NCHW model.
// RUN: tessera-run %t.onnx --device=cpu --input x=%t.x.npy --output-dir %t/reference
// RUN: tessera-run %t.onnx --device=emu --emu-mode=check --conv-layout=nhwc --input x=%t.x.npy --output-dir %t/nhwc
// RUN: %python -m compare_outputs --npy %t/reference/y.npy %t/nhwc/y.npy | FileCheck %s --check-prefix=MATCH
// MATCH: OK: 1 output(s) match

// A conv whose NHWC result [2, 4, 4, 4] is transposed back to an NCHW result
// of the same shape: the transpose is not fused into the conv (the GEMM
// epilogue stores the conv's own output index), so the conv stays the
// tensor-core GEMM and the transpose is a copy kernel.
// RUN: tessera-compile %onnx/pytorch-converted/test_Conv2d_no_bias/model.onnx --conv-layout=nhwc --emit=cuda -o - | FileCheck %s --check-prefix=SQUARE
// SQUARE-LABEL: // ===== Conv_0.cu =====
// SQUARE:       ts_gemm_warp_tile
// SQUARE-LABEL: // ===== Conv_0_1.cu =====
// SQUARE:       // Fused ops:
// SQUARE-NEXT:  //   tessera.transpose  <- Conv_0 (Conv)
// RUN: tessera-run %onnx/pytorch-converted/test_Conv2d_no_bias/model.onnx --device=emu --emu-mode=check --conv-layout=nhwc --input 0=%onnx/pytorch-converted/test_Conv2d_no_bias/test_data_set_0/input_0.pb --output-dir %t/square
// RUN: %python -m compare_outputs --npy %onnx/pytorch-converted/test_Conv2d_no_bias/test_data_set_0/output_0.pb %t/square/2.npy | FileCheck %s --check-prefix=MATCH
