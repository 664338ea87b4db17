// RUN: tessera-opt %s --split-input-file --tessera-assign-layout | FileCheck %s
// RUN: tessera-opt %s --split-input-file --tessera-assign-layout=conv-layout=nchw | FileCheck %s --check-prefix=NCHW
// RUN: tessera-opt %s --split-input-file --tessera-assign-layout=conv-layout=nhwc | FileCheck %s --check-prefix=NHWC

// tessera-assign-layout: convs run channels-last where it pays, their
// constant weights pre-packed at compile time, channels-last values flow
// through elementwise ops and concats, one transpose per value at each
// layout boundary.

// A constant weight [M, C, kh, kw] is pre-packed to [M, kh, kw, C]:
// element (o, h, w, i) of the new constant is W[o, i, h, w].
// CHECK-LABEL: func.func @prepack
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: %[[XT:.+]] = tessera.transpose %[[X]] perm = [0, 2, 3, 1] : (tensor<1x4x3x3xf32>) -> tensor<1x3x3x4xf32>
// CHECK-NEXT: %[[W:.+]] = tessera.constant dense<{{\[\[\[\[}}0.000000e+00, 2.000000e+00, 4.000000e+00, 6.000000e+00], [1.000000e+00, 3.000000e+00, 5.000000e+00, 7.000000e+00]]], {{\[\[\[}}8.000000e+00, 1.000000e+01, 1.200000e+01, 1.400000e+01], [9.000000e+00, 1.100000e+01, 1.300000e+01, 1.500000e+01]]]]> : tensor<2x1x2x4xf32>
// CHECK-NEXT: %[[Y:.+]] = tessera.conv %[[XT]], %[[W]] strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 channels_last : (tensor<1x3x3x4xf32>, tensor<2x1x2x4xf32>) -> tensor<1x3x2x2xf32>
// CHECK-NEXT: %[[B:.+]] = tessera.transpose %[[Y]] perm = [0, 3, 1, 2] : (tensor<1x3x2x2xf32>) -> tensor<1x2x3x2xf32>
// CHECK-NEXT: return %[[B]]
// NCHW-LABEL: func.func @prepack
// NCHW-NOT: transpose
// NCHW: tessera.conv %{{.+}}, %{{.+}} strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 :
// NCHW-NOT: transpose
func.func @prepack(%x: tensor<1x4x3x3xf32>) -> tensor<1x2x3x2xf32> {
  %w = tessera.constant dense<[[[[0.0, 1.0]], [[2.0, 3.0]], [[4.0, 5.0]], [[6.0, 7.0]]], [[[8.0, 9.0]], [[10.0, 11.0]], [[12.0, 13.0]], [[14.0, 15.0]]]]> : tensor<2x4x1x2xf32>
  %y = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x4x3x3xf32>, tensor<2x4x1x2xf32>) -> tensor<1x2x3x2xf32>
  return %y : tensor<1x2x3x2xf32>
}

// -----

// Values between convs stay channels-last: a per-channel constant [C, 1, 1]
// that broadcasts is permuted to [1, 1, 1, C]; a non-constant weight is
// transposed once for both convs; the concat axis follows the channels; a
// value with channels-first users (the pool, the results) gets one
// transpose back, shared.
// CHECK-LABEL: func.func @region
// CHECK-SAME: (%[[X:.+]]: tensor<2x8x5x5xf32>, %[[W:.+]]: tensor<8x8x3x3xf32>)
// CHECK-DAG: %[[WT:.+]] = tessera.transpose %[[W]] perm = [0, 2, 3, 1] : (tensor<8x8x3x3xf32>) -> tensor<8x3x3x8xf32>
// CHECK-DAG: %[[XT:.+]] = tessera.transpose %[[X]] perm = [0, 2, 3, 1] : (tensor<2x8x5x5xf32>) -> tensor<2x5x5x8xf32>
// CHECK-DAG: %[[BIAS:.+]] = tessera.constant dense<{{\[\[\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00]]]]> : tensor<1x1x1x8xf32>
// CHECK: %[[Y:.+]] = tessera.conv %[[XT]], %[[WT]] {{.*}} channels_last : (tensor<2x5x5x8xf32>, tensor<8x3x3x8xf32>) -> tensor<2x5x5x8xf32>
// CHECK-NEXT: %[[A:.+]] = tessera.add %[[Y]], %[[BIAS]] : (tensor<2x5x5x8xf32>, tensor<1x1x1x8xf32>) -> tensor<2x5x5x8xf32>
// CHECK-NEXT: %[[R:.+]] = tessera.relu %[[A]] : tensor<2x5x5x8xf32>
// CHECK-NEXT: %[[RB:.+]] = tessera.transpose %[[R]] perm = [0, 3, 1, 2] : (tensor<2x5x5x8xf32>) -> tensor<2x8x5x5xf32>
// CHECK-NEXT: %[[Z:.+]] = tessera.conv %[[R]], %[[WT]] {{.*}} channels_last : (tensor<2x5x5x8xf32>, tensor<8x3x3x8xf32>) -> tensor<2x5x5x8xf32>
// CHECK-NEXT: %[[ZB:.+]] = tessera.transpose %[[Z]] perm = [0, 3, 1, 2]
// CHECK-NEXT: %[[C:.+]] = tessera.concat %[[R]], %[[Z]] axis = 3 : (tensor<2x5x5x8xf32>, tensor<2x5x5x8xf32>) -> tensor<2x5x5x16xf32>
// CHECK-NEXT: %[[CB:.+]] = tessera.transpose %[[C]] perm = [0, 3, 1, 2] : (tensor<2x5x5x16xf32>) -> tensor<2x16x5x5xf32>
// CHECK-NEXT: %[[P:.+]] = tessera.max_pool %[[RB]]
// CHECK-NEXT: return %[[ZB]], %[[CB]], %[[P]]
// CHECK-NOT: tessera.transpose
func.func @region(%x: tensor<2x8x5x5xf32>, %w: tensor<8x8x3x3xf32>) -> (tensor<2x8x5x5xf32>, tensor<2x16x5x5xf32>, tensor<2x8x2x2xf32>) {
  %b = tessera.constant dense<[[[1.0]], [[2.0]], [[3.0]], [[4.0]], [[5.0]], [[6.0]], [[7.0]], [[8.0]]]> : tensor<8x1x1xf32>
  %y = tessera.conv %x, %w strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<2x8x5x5xf32>, tensor<8x8x3x3xf32>) -> tensor<2x8x5x5xf32>
  %a = tessera.add %y, %b : (tensor<2x8x5x5xf32>, tensor<8x1x1xf32>) -> tensor<2x8x5x5xf32>
  %r = tessera.relu %a : tensor<2x8x5x5xf32>
  %z = tessera.conv %r, %w strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<2x8x5x5xf32>, tensor<8x8x3x3xf32>) -> tensor<2x8x5x5xf32>
  %c = tessera.concat %r, %z axis = 1 : (tensor<2x8x5x5xf32>, tensor<2x8x5x5xf32>) -> tensor<2x16x5x5xf32>
  %p = tessera.max_pool %r kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<2x8x5x5xf32>) -> tensor<2x8x2x2xf32>
  return %z, %c, %p : tensor<2x8x5x5xf32>, tensor<2x16x5x5xf32>, tensor<2x8x2x2xf32>
}

// -----

// Where channels-last does not pay, auto leaves the conv alone: 3 input
// channels (12 bytes, not a 16-byte chunk), a depthwise conv (1 output
// channel per group: per-output loops, not the GEMM), an f64 conv (no tensor
// cores), a residual add of channels-first values. nhwc converts them all.
// CHECK-LABEL: func.func @stays
// CHECK-NOT: transpose
// CHECK-NOT: channels_last
// CHECK: return
// NHWC-LABEL: func.func @stays
// NHWC-COUNT-2: tessera.conv {{.*}} channels_last
// NHWC-NEXT: tessera.add {{.*}} : (tensor<1x6x6x16xf32>, tensor<1x6x6x16xf32>) -> tensor<1x6x6x16xf32>
// NHWC: tessera.conv {{.*}} channels_last : (tensor<1x4x4x8xf64>, tensor<8x1x1x8xf64>) -> tensor<1x4x4x8xf64>
// NHWC: return
func.func @stays(%x: tensor<1x3x8x8xf32>, %w: tensor<16x3x3x3xf32>, %d: tensor<1x16x8x8xf32>, %dw: tensor<16x1x3x3xf32>, %xd: tensor<1x8x4x4xf64>, %wd: tensor<8x8x1x1xf64>) -> (tensor<1x16x6x6xf32>, tensor<1x8x4x4xf64>) {
  %y = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  %z = tessera.conv %d, %dw strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 16 : (tensor<1x16x8x8xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x6x6xf32>
  %s = tessera.add %y, %z : (tensor<1x16x6x6xf32>, tensor<1x16x6x6xf32>) -> tensor<1x16x6x6xf32>
  %e = tessera.conv %xd, %wd strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x8x4x4xf64>, tensor<8x8x1x1xf64>) -> tensor<1x8x4x4xf64>
  return %s, %e : tensor<1x16x6x6xf32>, tensor<1x8x4x4xf64>
}

// -----

// A conv whose input is already channels-last stays so whatever its shape
// (here depthwise); bf16 needs 8 channels per 16-byte chunk.
// CHECK-LABEL: func.func @follows
// CHECK: %[[Y:.+]] = tessera.conv {{.*}} channels_last : (tensor<1x6x6x8xbf16>, tensor<16x3x3x8xbf16>) -> tensor<1x4x4x16xbf16>
// CHECK-NEXT: %[[Z:.+]] = tessera.conv %[[Y]], {{.*}} groups = 16 channels_last : (tensor<1x4x4x16xbf16>, tensor<16x1x1x1xbf16>) -> tensor<1x4x4x16xbf16>
// CHECK-NEXT: tessera.transpose %[[Z]] perm = [0, 3, 1, 2]
func.func @follows(%x: tensor<1x8x6x6xbf16>, %w: tensor<16x8x3x3xbf16>, %dw: tensor<16x1x1x1xbf16>) -> tensor<1x16x4x4xbf16> {
  %y = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x8x6x6xbf16>, tensor<16x8x3x3xbf16>) -> tensor<1x16x4x4xbf16>
  %z = tessera.conv %y, %dw strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 16 : (tensor<1x16x4x4xbf16>, tensor<16x1x1x1xbf16>) -> tensor<1x16x4x4xbf16>
  return %z : tensor<1x16x4x4xbf16>
}
