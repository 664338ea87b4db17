// RUN: tessera-opt %s --tessera-fuse --split-input-file | FileCheck %s

// Matmul, conv, pooling and scan kernels with their prologues and epilogues
// (docs/fusion.md, rules X1-X6).

// X1: bias and activation are the matmul's epilogue; the kernel is named
// after the matmul's ONNX node.
// CHECK-LABEL: func.func @matmul_bias_gelu
// CHECK-SAME: (%[[X:.+]]: tensor<2x16xf32>)
// CHECK-NEXT: %[[W:.+]] = tessera.constant
// CHECK-NEXT: %[[B:.+]] = tessera.constant
// CHECK-NEXT: %[[K:.+]] = tessera.kernel "fc1" kind = matmul (%[[X]], %[[W]], %[[B]]) : (tensor<2x16xf32>, tensor<16x32xf32>, tensor<32xf32>) -> tensor<2x32xf32> {
// CHECK-NEXT: ^bb0(%[[A0:.+]]: tensor<2x16xf32>, %[[A1:.+]]: tensor<16x32xf32>, %[[A2:.+]]: tensor<32xf32>):
// CHECK-NEXT: %[[M:.+]] = tessera.matmul %[[A0]], %[[A1]]
// CHECK-NEXT: %[[S:.+]] = tessera.add %[[M]], %[[A2]]
// CHECK-NEXT: %[[G:.+]] = tessera.gelu %[[S]]
// CHECK-NEXT: tessera.yield %[[G]] : tensor<2x32xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[K]]
func.func @matmul_bias_gelu(%x: tensor<2x16xf32>) -> tensor<2x32xf32> {
  %w = tessera.constant dense<0.5> : tensor<16x32xf32>
  %b = tessera.constant dense<0.1> : tensor<32xf32>
  %0 = tessera.matmul %x, %w : (tensor<2x16xf32>, tensor<16x32xf32>) -> tensor<2x32xf32> loc("fc1"("Gemm"))
  %1 = tessera.add %0, %b : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32> loc("fc1_bias"("Add"))
  %2 = tessera.gelu %1 : tensor<2x32xf32> loc("act"("Gelu"))
  return %2 : tensor<2x32xf32>
}

// -----

// X1: scale, residual add and cast are one epilogue.
// CHECK-LABEL: func.func @matmul_residual_scale_cast
// CHECK: tessera.kernel "matmul" kind = matmul
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.matmul
// CHECK-NEXT: tessera.mul
// CHECK-NEXT: tessera.add
// CHECK-NEXT: tessera.cast
// CHECK-NEXT: tessera.yield
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @matmul_residual_scale_cast(%x: tensor<4x8xf16>, %r: tensor<4x8xf16>, %w: tensor<8x8xf16>) -> tensor<4x8xf32> {
  %s = tessera.constant dense<0.5> : tensor<f16>
  %0 = tessera.matmul %x, %w : (tensor<4x8xf16>, tensor<8x8xf16>) -> tensor<4x8xf16>
  %1 = tessera.mul %0, %s : (tensor<4x8xf16>, tensor<f16>) -> tensor<4x8xf16>
  %2 = tessera.add %1, %r : (tensor<4x8xf16>, tensor<4x8xf16>) -> tensor<4x8xf16>
  %3 = tessera.cast %2 : tensor<4x8xf16> to tensor<4x8xf32>
  return %3 : tensor<4x8xf32>
}

// -----

// X2: a transpose and a cast read only by the matmul are its prologue.
// CHECK-LABEL: func.func @matmul_prologue
// CHECK-SAME: (%[[X:.+]]: tensor<8x4xf32>, %[[W:.+]]: tensor<8x8xf16>)
// CHECK-NEXT: tessera.kernel "matmul" kind = matmul (%[[X]], %[[W]])
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.transpose
// CHECK-NEXT: tessera.cast
// CHECK-NEXT: tessera.matmul
// CHECK-NEXT: tessera.yield
func.func @matmul_prologue(%x: tensor<8x4xf32>, %w: tensor<8x8xf16>) -> tensor<4x8xf32> {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<8x4xf32>) -> tensor<4x8xf32>
  %1 = tessera.cast %w : tensor<8x8xf16> to tensor<8x8xf32>
  %2 = tessera.matmul %0, %1 : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// X3: the other operand of an epilogue may be read through a view (here the
// slice and reshape of one LSTM step's precomputed gates).
// CHECK-LABEL: func.func @epilogue_reads_view
// CHECK-NEXT: tessera.kernel "matmul" kind = matmul
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.matmul
// CHECK-NEXT: tessera.slice
// CHECK-NEXT: tessera.reshape
// CHECK-NEXT: tessera.add
// CHECK-NEXT: tessera.yield
func.func @epilogue_reads_view(%x: tensor<2x8xf32>, %w: tensor<8x8xf32>, %r: tensor<3x2x8xf32>) -> tensor<2x8xf32> {
  %0 = tessera.matmul %x, %w : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
  %1 = tessera.slice %r offsets = [1, 0, 0] sizes = [1, 2, 8] strides = [1, 1, 1] : (tensor<3x2x8xf32>) -> tensor<1x2x8xf32>
  %2 = tessera.reshape %1 : tensor<1x2x8xf32> to tensor<2x8xf32>
  %3 = tessera.add %2, %0 : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// -----

// X4: an unfolded inference batch norm is a per-channel affine map, so it is
// a conv epilogue like the ReLU after it.
// CHECK-LABEL: func.func @conv_bn_relu
// CHECK-NEXT: tessera.kernel "conv1" kind = conv
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.conv
// CHECK-NEXT: tessera.batch_norm
// CHECK-NEXT: tessera.relu
// CHECK-NEXT: tessera.yield
func.func @conv_bn_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> loc("conv1"("Conv"))
  %1 = tessera.batch_norm %0, %s, %b, %m, %v epsilon = 1.0e-5 : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32> loc("bn1"("BatchNormalization"))
  %2 = tessera.relu %1 : tensor<1x4x8x8xf32> loc("relu1"("Relu"))
  return %2 : tensor<1x4x8x8xf32>
}

// -----

// X4: the residual add of a ResNet block and the ReLU are a conv epilogue.
// CHECK-LABEL: func.func @conv_residual
// CHECK-NEXT: tessera.kernel "conv" kind = conv
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.conv
// CHECK-NEXT: tessera.add
// CHECK-NEXT: tessera.relu
// CHECK-NEXT: tessera.yield
func.func @conv_residual(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x1x1xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %0 = tessera.conv %x, %w, %b strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x4x8x8xf32>, tensor<4x4x1x1xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %1 = tessera.add %0, %x : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %2 = tessera.relu %1 : tensor<1x4x8x8xf32>
  return %2 : tensor<1x4x8x8xf32>
}

// -----

// X4: a channels-last conv keeps its ReLU, but the transpose back to NCHW
// is a kernel of its own (the GEMM epilogue stores at the conv's index).
// CHECK-LABEL: func.func @conv_channels_last_back
// CHECK-NEXT: %[[C:.+]] = tessera.kernel "conv" kind = conv
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.conv {{.*}} channels_last
// CHECK-NEXT: tessera.relu
// CHECK-NEXT: tessera.yield
// CHECK-NEXT: }
// CHECK-NEXT: tessera.kernel "transpose" kind = copy (%[[C]])
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.transpose
// CHECK-NEXT: tessera.yield
func.func @conv_channels_last_back(%x: tensor<1x8x8x4xf32>, %w: tensor<4x1x1x4xf32>) -> tensor<1x4x8x8xf32> {
  %0 = tessera.conv %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 channels_last : (tensor<1x8x8x4xf32>, tensor<4x1x1x4xf32>) -> tensor<1x8x8x4xf32>
  %1 = tessera.relu %0 : tensor<1x8x8x4xf32>
  %2 = tessera.transpose %1 perm = [0, 3, 1, 2] : (tensor<1x8x8x4xf32>) -> tensor<1x4x8x8xf32>
  return %2 : tensor<1x4x8x8xf32>
}

// -----

// X4: conv_transpose is a conv kernel.
// CHECK-LABEL: func.func @conv_transpose_sigmoid
// CHECK-NEXT: tessera.kernel "conv_transpose" kind = conv
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.conv_transpose
// CHECK-NEXT: tessera.sigmoid
// CHECK-NEXT: tessera.yield
func.func @conv_transpose_sigmoid(%x: tensor<1x2x3x3xf32>, %w: tensor<2x1x2x2xf32>) -> tensor<1x1x6x6xf32> {
  %0 = tessera.conv_transpose %x, %w strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 1 : (tensor<1x2x3x3xf32>, tensor<2x1x2x2xf32>) -> tensor<1x1x6x6xf32>
  %1 = tessera.sigmoid %0 : tensor<1x1x6x6xf32>
  return %1 : tensor<1x1x6x6xf32>
}

// -----

// X5: pooling kernels take elementwise producers and reshape/elementwise
// consumers; two pools never share a kernel.
// CHECK-LABEL: func.func @pooling
// CHECK-NEXT: %[[P:.+]] = tessera.kernel "max_pool" kind = pooling
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.relu
// CHECK-NEXT: tessera.max_pool
// CHECK-NEXT: tessera.yield
// CHECK-NEXT: }
// CHECK-NEXT: %[[G:.+]] = tessera.kernel "global_avg_pool" kind = pooling (%[[P]])
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.global_avg_pool
// CHECK-NEXT: tessera.reshape
// CHECK-NEXT: tessera.yield
// CHECK-NEXT: }
// CHECK-NEXT: return %[[P]], %[[G]]
func.func @pooling(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2xf32>) {
  %0 = tessera.relu %x : tensor<1x2x4x4xf32>
  %1 = tessera.max_pool %0 kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  %2 = tessera.global_avg_pool %1 : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  %3 = tessera.reshape %2 : tensor<1x2x1x1xf32> to tensor<1x2xf32>
  return %1, %3 : tensor<1x2x2x2xf32>, tensor<1x2xf32>
}

// -----

// X6: cumsum is a scan kernel with elementwise producers and consumers.
// CHECK-LABEL: func.func @scan
// CHECK-NEXT: tessera.kernel "cumsum" kind = scan
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tessera.exp
// CHECK-NEXT: tessera.cumsum
// CHECK-NEXT: tessera.log
// CHECK-NEXT: tessera.yield
func.func @scan(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = tessera.exp %x : tensor<2x5xf32>
  %1 = tessera.cumsum %0 axis = 1 : tensor<2x5xf32>
  %2 = tessera.log %1 : tensor<2x5xf32>
  return %2 : tensor<2x5xf32>
}
