// The dialect expresses the building blocks of the model families Tessera
// targets: MLP, ResNet, MobileNet, BERT, GPT-2 and LSTM. Each block parses,
// verifies (with every result type checked against inference), and prints
// back to a form that parses again.
// RUN: tessera-opt %s --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file | tessera-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @resnet_basic_block
// CHECK: tessera.conv {{.*}} strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1
// CHECK: tessera.batch_norm
// CHECK: tessera.relu
// CHECK: tessera.add {{.*}} -> tensor<1x64x56x56xf32>
// CHECK: tessera.max_pool {{.*}} kernel = [2, 2] strides = [2, 2] {{.*}} -> tensor<1x64x28x28xf32>
func.func @resnet_basic_block(%x: tensor<1x64x56x56xf32>, %w1: tensor<64x64x3x3xf32>,
    %w2: tensor<64x64x3x3xf32>, %s: tensor<64xf32>, %b: tensor<64xf32>,
    %m: tensor<64xf32>, %v: tensor<64xf32>) -> tensor<1x64x28x28xf32> {
  %c1 = tessera.conv %x, %w1 strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1
      : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32>
  %n1 = tessera.batch_norm %c1, %s, %b, %m, %v epsilon = 1.0e-05
      : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %r1 = tessera.relu %n1 : tensor<1x64x56x56xf32>
  %c2 = tessera.conv %r1, %w2, %b strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1
      : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %sum = tessera.add %c2, %x : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %r2 = tessera.relu %sum : tensor<1x64x56x56xf32>
  %p = tessera.max_pool %r2 kernel = [2, 2] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1]
      : (tensor<1x64x56x56xf32>) -> tensor<1x64x28x28xf32>
  return %p : tensor<1x64x28x28xf32>
}

// -----

// CHECK-LABEL: func.func @mobilenet_separable_block
// CHECK: tessera.conv {{.*}} groups = 32 : (tensor<1x32x112x112xf16>, tensor<32x1x3x3xf16>) -> tensor<1x32x112x112xf16>
// CHECK: tessera.clamp
// CHECK: tessera.conv {{.*}} groups = 1 : (tensor<1x32x112x112xf16>, tensor<64x32x1x1xf16>) -> tensor<1x64x112x112xf16>
// CHECK: tessera.global_avg_pool {{.*}} -> tensor<1x64x1x1xf16>
func.func @mobilenet_separable_block(%x: tensor<1x32x112x112xf16>, %dw: tensor<32x1x3x3xf16>,
    %pw: tensor<64x32x1x1xf16>) -> tensor<1x64x1x1xf16> {
  %zero = tessera.constant dense<0.0> : tensor<f16>
  %six = tessera.constant dense<6.0> : tensor<f16>
  %d = tessera.conv %x, %dw strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 32
      : (tensor<1x32x112x112xf16>, tensor<32x1x3x3xf16>) -> tensor<1x32x112x112xf16>
  %d6 = tessera.clamp %d, %zero, %six
      : (tensor<1x32x112x112xf16>, tensor<f16>, tensor<f16>) -> tensor<1x32x112x112xf16>
  %p = tessera.conv %d6, %pw strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1
      : (tensor<1x32x112x112xf16>, tensor<64x32x1x1xf16>) -> tensor<1x64x112x112xf16>
  %g = tessera.global_avg_pool %p : (tensor<1x64x112x112xf16>) -> tensor<1x64x1x1xf16>
  return %g : tensor<1x64x1x1xf16>
}

// -----

// BERT: embedding lookup, one self-attention head group and the FFN.
// CHECK-LABEL: func.func @bert_layer
// CHECK: tessera.gather {{.*}} axis = 0 : (tensor<30522x64xf32>, tensor<1x8xi64>) -> tensor<1x8x64xf32>
// CHECK: tessera.layer_norm {{.*}} axis = 2 epsilon = 9.9999999999999998E-13
// CHECK: tessera.transpose {{.*}} perm = [0, 2, 1, 3]
// CHECK: tessera.matmul {{.*}} transpose_rhs : (tensor<1x2x8x32xf32>, tensor<1x2x8x32xf32>) -> tensor<1x2x8x8xf32>
// CHECK: tessera.softmax {{.*}} axis = 3
// CHECK: tessera.gelu
func.func @bert_layer(%ids: tensor<1x8xi64>, %emb: tensor<30522x64xf32>, %g: tensor<64xf32>,
    %beta: tensor<64xf32>, %wq: tensor<64x64xf32>, %wk: tensor<64x64xf32>,
    %wv: tensor<64x64xf32>, %w1: tensor<64x256xf32>, %w2: tensor<256x64xf32>,
    %mask: tensor<1x1x1x8xf32>) -> tensor<1x8x64xf32> {
  %e = tessera.gather %emb, %ids axis = 0 : (tensor<30522x64xf32>, tensor<1x8xi64>) -> tensor<1x8x64xf32>
  %x = tessera.layer_norm %e, %g, %beta axis = 2 epsilon = 1.0e-12
      : (tensor<1x8x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x8x64xf32>
  %q0 = tessera.matmul %x, %wq : (tensor<1x8x64xf32>, tensor<64x64xf32>) -> tensor<1x8x64xf32>
  %k0 = tessera.matmul %x, %wk : (tensor<1x8x64xf32>, tensor<64x64xf32>) -> tensor<1x8x64xf32>
  %v0 = tessera.matmul %x, %wv : (tensor<1x8x64xf32>, tensor<64x64xf32>) -> tensor<1x8x64xf32>
  %q1 = tessera.reshape %q0 : tensor<1x8x64xf32> to tensor<1x8x2x32xf32>
  %k1 = tessera.reshape %k0 : tensor<1x8x64xf32> to tensor<1x8x2x32xf32>
  %v1 = tessera.reshape %v0 : tensor<1x8x64xf32> to tensor<1x8x2x32xf32>
  %q = tessera.transpose %q1 perm = [0, 2, 1, 3] : (tensor<1x8x2x32xf32>) -> tensor<1x2x8x32xf32>
  %k = tessera.transpose %k1 perm = [0, 2, 1, 3] : (tensor<1x8x2x32xf32>) -> tensor<1x2x8x32xf32>
  %v = tessera.transpose %v1 perm = [0, 2, 1, 3] : (tensor<1x8x2x32xf32>) -> tensor<1x2x8x32xf32>
  %s0 = tessera.matmul %q, %k transpose_rhs : (tensor<1x2x8x32xf32>, tensor<1x2x8x32xf32>) -> tensor<1x2x8x8xf32>
  %scale = tessera.constant dense<0.176776695> : tensor<f32>
  %s1 = tessera.mul %s0, %scale : (tensor<1x2x8x8xf32>, tensor<f32>) -> tensor<1x2x8x8xf32>
  %s2 = tessera.add %s1, %mask : (tensor<1x2x8x8xf32>, tensor<1x1x1x8xf32>) -> tensor<1x2x8x8xf32>
  %p = tessera.softmax %s2 axis = 3 : tensor<1x2x8x8xf32>
  %o0 = tessera.matmul %p, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x32xf32>) -> tensor<1x2x8x32xf32>
  %o1 = tessera.transpose %o0 perm = [0, 2, 1, 3] : (tensor<1x2x8x32xf32>) -> tensor<1x8x2x32xf32>
  %o = tessera.reshape %o1 : tensor<1x8x2x32xf32> to tensor<1x8x64xf32>
  %r = tessera.add %o, %x : (tensor<1x8x64xf32>, tensor<1x8x64xf32>) -> tensor<1x8x64xf32>
  %f0 = tessera.matmul %r, %w1 : (tensor<1x8x64xf32>, tensor<64x256xf32>) -> tensor<1x8x256xf32>
  %f1 = tessera.gelu %f0 : tensor<1x8x256xf32>
  %f2 = tessera.matmul %f1, %w2 : (tensor<1x8x256xf32>, tensor<256x64xf32>) -> tensor<1x8x64xf32>
  return %f2 : tensor<1x8x64xf32>
}

// -----

// GPT-2: causal mask built from comparisons and select, tanh-GELU, bf16.
// CHECK-LABEL: func.func @gpt2_causal_attention
// CHECK: tessera.compare gt, {{.*}} : (tensor<8xi64>, tensor<8x1xi64>) -> tensor<8x8xi1>
// CHECK: tessera.select {{.*}} : (tensor<8x8xi1>, tensor<bf16>, tensor<1x4x8x8xbf16>) -> tensor<1x4x8x8xbf16>
// CHECK: tessera.gelu {{.*}} approximate = tanh
func.func @gpt2_causal_attention(%q: tensor<1x4x8x16xbf16>, %k: tensor<1x4x8x16xbf16>,
    %v: tensor<1x4x8x16xbf16>, %rows: tensor<8x1xi64>, %cols: tensor<8xi64>) -> tensor<1x4x8x16xbf16> {
  %s = tessera.matmul %q, %k transpose_rhs : (tensor<1x4x8x16xbf16>, tensor<1x4x8x16xbf16>) -> tensor<1x4x8x8xbf16>
  %future = tessera.compare gt, %cols, %rows : (tensor<8xi64>, tensor<8x1xi64>) -> tensor<8x8xi1>
  %ninf = tessera.constant dense<0xFF80> : tensor<bf16>
  %masked = tessera.select %future, %ninf, %s : (tensor<8x8xi1>, tensor<bf16>, tensor<1x4x8x8xbf16>) -> tensor<1x4x8x8xbf16>
  %p = tessera.softmax %masked axis = 3 : tensor<1x4x8x8xbf16>
  %o = tessera.matmul %p, %v : (tensor<1x4x8x8xbf16>, tensor<1x4x8x16xbf16>) -> tensor<1x4x8x16xbf16>
  %a = tessera.gelu %o approximate = tanh : tensor<1x4x8x16xbf16>
  return %a : tensor<1x4x8x16xbf16>
}

// -----

// One LSTM step (ONNX gate order i, o, f, c), as the importer unrolls it.
// CHECK-LABEL: func.func @lstm_cell
// CHECK-COUNT-4: tessera.slice
// CHECK: tessera.sigmoid
// CHECK: tessera.tanh
func.func @lstm_cell(%x: tensor<2x8xf32>, %h: tensor<2x16xf32>, %c: tensor<2x16xf32>,
    %w: tensor<8x64xf32>, %r: tensor<16x64xf32>, %b: tensor<64xf32>)
    -> (tensor<2x16xf32>, tensor<2x16xf32>) {
  %xw = tessera.matmul %x, %w : (tensor<2x8xf32>, tensor<8x64xf32>) -> tensor<2x64xf32>
  %hr = tessera.matmul %h, %r : (tensor<2x16xf32>, tensor<16x64xf32>) -> tensor<2x64xf32>
  %g0 = tessera.add %xw, %hr : (tensor<2x64xf32>, tensor<2x64xf32>) -> tensor<2x64xf32>
  %g = tessera.add %g0, %b : (tensor<2x64xf32>, tensor<64xf32>) -> tensor<2x64xf32>
  %i0 = tessera.slice %g offsets = [0, 0] sizes = [2, 16] strides = [1, 1] : (tensor<2x64xf32>) -> tensor<2x16xf32>
  %o0 = tessera.slice %g offsets = [0, 16] sizes = [2, 16] strides = [1, 1] : (tensor<2x64xf32>) -> tensor<2x16xf32>
  %f0 = tessera.slice %g offsets = [0, 32] sizes = [2, 16] strides = [1, 1] : (tensor<2x64xf32>) -> tensor<2x16xf32>
  %c0 = tessera.slice %g offsets = [0, 48] sizes = [2, 16] strides = [1, 1] : (tensor<2x64xf32>) -> tensor<2x16xf32>
  %i = tessera.sigmoid %i0 : tensor<2x16xf32>
  %o = tessera.sigmoid %o0 : tensor<2x16xf32>
  %f = tessera.sigmoid %f0 : tensor<2x16xf32>
  %cc = tessera.tanh %c0 : tensor<2x16xf32>
  %fc = tessera.mul %f, %c : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %ic = tessera.mul %i, %cc : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %cn = tessera.add %fc, %ic : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %tc = tessera.tanh %cn : tensor<2x16xf32>
  %hn = tessera.mul %o, %tc : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  return %hn, %cn : tensor<2x16xf32>, tensor<2x16xf32>
}
