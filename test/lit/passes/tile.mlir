// RUN: tessera-opt %s --split-input-file --tessera-tile=target=sm_80 | FileCheck %s --check-prefixes=CHECK,SM80
// RUN: tessera-opt %s --split-input-file --tessera-tile | FileCheck %s --check-prefixes=CHECK,SM90A

// Launch configurations from the cost model: the BERT-base matmuls (batch
// 1), a large square GEMM, a ragged batched f32 matmul, attention, an
// implicit-GEMM conv, row/column reductions, a scan, elementwise kernels and
// pooling, on sm_80 (A100, mma.sync) and on the default sm_90a (H100,
// wgmma with a producer warpgroup).

// QKV-sized projection, M*N too small for 108/132 SMs with large tiles.
// CHECK-LABEL: func.func @bert_proj_768x768
// SM80: launch = {block = [32, 32, 64], grid = [96, 1, 1], mma = "mma.sync.m16n8k16.f16", smem = 32768 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 128 : i64, warp = [16, 16], warps = 4 : i64}
// SM90A: launch = {block = [64, 64, 64], grid = [24, 1, 4], mma = "wgmma.m64n64k16.f16", smem = 65600 : i64, split_k = 4 : i64, stages = 4 : i64, threads = 256 : i64, warp = [64, 64], warps = 4 : i64}
func.func @bert_proj_768x768(%x: tensor<1x128x768xf16>, %w: tensor<768x768xf16>, %b: tensor<768xf16>) -> tensor<1x128x768xf16> {
  %y = tessera.kernel "proj" kind = matmul (%x, %w, %b) : (tensor<1x128x768xf16>, tensor<768x768xf16>, tensor<768xf16>) -> tensor<1x128x768xf16> {
  ^bb0(%a: tensor<1x128x768xf16>, %c: tensor<768x768xf16>, %d: tensor<768xf16>):
    %0 = tessera.matmul %a, %c : (tensor<1x128x768xf16>, tensor<768x768xf16>) -> tensor<1x128x768xf16>
    %1 = tessera.add %0, %d : (tensor<1x128x768xf16>, tensor<768xf16>) -> tensor<1x128x768xf16>
    tessera.yield %1 : tensor<1x128x768xf16>
  }
  return %y : tensor<1x128x768xf16>
}

// -----

// CHECK-LABEL: func.func @bert_ffn1_768x3072
// SM80: launch = {block = [64, 64, 64], grid = [96, 1, 1], mma = "mma.sync.m16n8k16.f16", smem = 65536 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 128 : i64, warp = [32, 32], warps = 4 : i64}
// SM90A: launch = {block = [64, 64, 64], grid = [96, 1, 1], mma = "wgmma.m64n64k16.f16", smem = 65600 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 256 : i64, warp = [64, 64], warps = 4 : i64}
func.func @bert_ffn1_768x3072(%x: tensor<1x128x768xf16>, %w: tensor<768x3072xf16>, %b: tensor<3072xf16>) -> tensor<1x128x3072xf16> {
  %y = tessera.kernel "ffn1" kind = matmul (%x, %w, %b) : (tensor<1x128x768xf16>, tensor<768x3072xf16>, tensor<3072xf16>) -> tensor<1x128x3072xf16> {
  ^bb0(%a: tensor<1x128x768xf16>, %c: tensor<768x3072xf16>, %d: tensor<3072xf16>):
    %0 = tessera.matmul %a, %c : (tensor<1x128x768xf16>, tensor<768x3072xf16>) -> tensor<1x128x3072xf16>
    %1 = tessera.add %0, %d : (tensor<1x128x3072xf16>, tensor<3072xf16>) -> tensor<1x128x3072xf16>
    %2 = tessera.gelu %1 : tensor<1x128x3072xf16>
    tessera.yield %2 : tensor<1x128x3072xf16>
  }
  return %y : tensor<1x128x3072xf16>
}

// -----

// Large K, small M*N: split-K.
// CHECK-LABEL: func.func @bert_ffn2_3072x768
// SM80: launch = {block = [128, 64, 64], grid = [12, 1, 8], mma = "mma.sync.m16n8k16.f16", smem = 73728 : i64, split_k = 8 : i64, stages = 3 : i64, threads = 128 : i64, warp = [64, 32], warps = 4 : i64}
// SM90A: launch = {block = [128, 64, 64], grid = [12, 1, 8], mma = "wgmma.m64n64k16.f16", smem = 98368 : i64, split_k = 8 : i64, stages = 4 : i64, threads = 256 : i64, warp = [128, 64], warps = 4 : i64}
func.func @bert_ffn2_3072x768(%x: tensor<1x128x3072xf16>, %w: tensor<3072x768xf16>) -> tensor<1x128x768xf16> {
  %y = tessera.kernel "ffn2" kind = matmul (%x, %w) : (tensor<1x128x3072xf16>, tensor<3072x768xf16>) -> tensor<1x128x768xf16> {
  ^bb0(%a: tensor<1x128x3072xf16>, %c: tensor<3072x768xf16>):
    %0 = tessera.matmul %a, %c : (tensor<1x128x3072xf16>, tensor<3072x768xf16>) -> tensor<1x128x768xf16>
    tessera.yield %0 : tensor<1x128x768xf16>
  }
  return %y : tensor<1x128x768xf16>
}

// -----

// CHECK-LABEL: func.func @square_4096
// SM80: launch = {block = [128, 128, 32], grid = [1024, 1, 1], mma = "mma.sync.m16n8k16.bf16", smem = 49152 : i64, split_k = 1 : i64, stages = 3 : i64, threads = 128 : i64, warp = [64, 64], warps = 4 : i64}
// SM90A: launch = {block = [256, 128, 32], grid = [512, 1, 1], mma = "wgmma.m64n128k16.bf16", smem = 98368 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 384 : i64, warp = [128, 128], warps = 8 : i64}
func.func @square_4096(%x: tensor<4096x4096xbf16>, %w: tensor<4096x4096xbf16>) -> tensor<4096x4096xbf16> {
  %y = tessera.kernel "square" kind = matmul (%x, %w) : (tensor<4096x4096xbf16>, tensor<4096x4096xbf16>) -> tensor<4096x4096xbf16> {
  ^bb0(%a: tensor<4096x4096xbf16>, %c: tensor<4096x4096xbf16>):
    %0 = tessera.matmul %a, %c : (tensor<4096x4096xbf16>, tensor<4096x4096xbf16>) -> tensor<4096x4096xbf16>
    tessera.yield %0 : tensor<4096x4096xbf16>
  }
  return %y : tensor<4096x4096xbf16>
}

// -----

// Batch dimensions multiply into the grid (y); M, N, K are not multiples
// of any tile; f32 is costed as TF32; transpose_rhs reads N from dim -2.
// CHECK-LABEL: func.func @batched_ragged_f32
// SM80: launch = {block = [32, 32, 64], grid = [8, 6, 1], mma = "mma.sync.m16n8k8.tf32", smem = 65536 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 128 : i64, warp = [16, 16], warps = 4 : i64}
// SM90A: launch = {block = [64, 32, 64], grid = [4, 6, 1], mma = "wgmma.m64n32k8.tf32", smem = 98368 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 256 : i64, warp = [64, 32], warps = 4 : i64}
func.func @batched_ragged_f32(%x: tensor<6x100x200xf32>, %w: tensor<6x60x200xf32>) -> tensor<6x100x60xf32> {
  %y = tessera.kernel "bmm" kind = matmul (%x, %w) : (tensor<6x100x200xf32>, tensor<6x60x200xf32>) -> tensor<6x100x60xf32> {
  ^bb0(%a: tensor<6x100x200xf32>, %c: tensor<6x60x200xf32>):
    %0 = tessera.matmul %a, %c transpose_rhs : (tensor<6x100x200xf32>, tensor<6x60x200xf32>) -> tensor<6x100x60xf32>
    tessera.yield %0 : tensor<6x100x60xf32>
  }
  return %y : tensor<6x100x60xf32>
}

// -----

// BERT-base self-attention, 12 heads of 64, sequence 128.
// CHECK-LABEL: func.func @attention_12x128x64
// SM80: launch = {block = [16, 128], grid = [8, 12, 1], head_dim = [64, 64], mma = "mma.sync.m16n8k16.f16", smem = 67584 : i64, stages = 2 : i64, threads = 32 : i64, warps = 1 : i64}
// SM90A: launch = {block = [64, 128], grid = [2, 12, 1], head_dim = [64, 64], mma = "wgmma.m64n128k16.f16", smem = 73760 : i64, stages = 2 : i64, threads = 256 : i64, warps = 4 : i64}
func.func @attention_12x128x64(%q: tensor<12x128x64xf16>, %k: tensor<12x128x64xf16>, %v: tensor<12x128x64xf16>, %m: tensor<128x128xf16>) -> tensor<12x128x64xf16> {
  %y = tessera.kernel "attn" kind = attention (%q, %k, %v, %m) : (tensor<12x128x64xf16>, tensor<12x128x64xf16>, tensor<12x128x64xf16>, tensor<128x128xf16>) -> tensor<12x128x64xf16> {
  ^bb0(%a: tensor<12x128x64xf16>, %b: tensor<12x128x64xf16>, %c: tensor<12x128x64xf16>, %d: tensor<128x128xf16>):
    %0 = tessera.matmul %a, %b transpose_rhs : (tensor<12x128x64xf16>, tensor<12x128x64xf16>) -> tensor<12x128x128xf16>
    %1 = tessera.add %0, %d : (tensor<12x128x128xf16>, tensor<128x128xf16>) -> tensor<12x128x128xf16>
    %2 = tessera.softmax %1 axis = 2 : tensor<12x128x128xf16>
    %3 = tessera.matmul %2, %c : (tensor<12x128x128xf16>, tensor<12x128x64xf16>) -> tensor<12x128x64xf16>
    tessera.yield %3 : tensor<12x128x64xf16>
  }
  return %y : tensor<12x128x64xf16>
}

// -----

// Implicit GEMM: M = 1*56*56, N = 64, K = 64*3*3.
// CHECK-LABEL: func.func @conv3x3
// SM80: launch = {block = [128, 64, 32], grid = [25, 1, 3], mma = "mma.sync.m16n8k8.tf32", smem = 73728 : i64, split_k = 3 : i64, stages = 3 : i64, threads = 128 : i64, warp = [64, 32], warps = 4 : i64}
// SM90A: launch = {block = [64, 32, 64], grid = [98, 1, 1], mma = "wgmma.m64n32k8.tf32", smem = 98368 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 256 : i64, warp = [64, 32], warps = 4 : i64}
func.func @conv3x3(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>, %b: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %y = tessera.kernel "conv" kind = conv (%x, %w, %b) : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  ^bb0(%a: tensor<1x64x56x56xf32>, %c: tensor<64x64x3x3xf32>, %d: tensor<64xf32>):
    %0 = tessera.conv %a, %c, %d strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
    %1 = tessera.relu %0 : tensor<1x64x56x56xf32>
    tessera.yield %1 : tensor<1x64x56x56xf32>
  }
  return %y : tensor<1x64x56x56xf32>
}

// -----

// The same GEMM channels-last: the same launch.
// CHECK-LABEL: func.func @conv3x3_channels_last
// SM80: launch = {block = [128, 64, 32], grid = [25, 1, 3], mma = "mma.sync.m16n8k8.tf32", smem = 73728 : i64, split_k = 3 : i64, stages = 3 : i64, threads = 128 : i64, warp = [64, 32], warps = 4 : i64}
// SM90A: launch = {block = [64, 32, 64], grid = [98, 1, 1], mma = "wgmma.m64n32k8.tf32", smem = 98368 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 256 : i64, warp = [64, 32], warps = 4 : i64}
func.func @conv3x3_channels_last(%x: tensor<1x56x56x64xf32>, %w: tensor<64x3x3x64xf32>, %b: tensor<64xf32>) -> tensor<1x56x56x64xf32> {
  %y = tessera.kernel "conv" kind = conv (%x, %w, %b) : (tensor<1x56x56x64xf32>, tensor<64x3x3x64xf32>, tensor<64xf32>) -> tensor<1x56x56x64xf32> {
  ^bb0(%a: tensor<1x56x56x64xf32>, %c: tensor<64x3x3x64xf32>, %d: tensor<64xf32>):
    %0 = tessera.conv %a, %c, %d strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 channels_last : (tensor<1x56x56x64xf32>, tensor<64x3x3x64xf32>, tensor<64xf32>) -> tensor<1x56x56x64xf32>
    %1 = tessera.relu %0 : tensor<1x56x56x64xf32>
    tessera.yield %1 : tensor<1x56x56x64xf32>
  }
  return %y : tensor<1x56x56x64xf32>
}

// -----

// A warp per row of 768 (6 float4 per lane), rows fit in registers.
// CHECK-LABEL: func.func @layer_norm_rows
// SM80: launch = {grid = [32, 1, 1], one_pass = true, rows_per_block = 4 : i64, strategy = "row", threads = 128 : i64, threads_per_row = 32 : i64, vector = 4 : i64}
// SM90A: launch = {grid = [32, 1, 1], one_pass = true, rows_per_block = 4 : i64, strategy = "row", threads = 128 : i64, threads_per_row = 32 : i64, vector = 4 : i64}
func.func @layer_norm_rows(%x: tensor<1x128x768xf32>, %g: tensor<768xf32>, %b: tensor<768xf32>) -> tensor<1x128x768xf32> {
  %y = tessera.kernel "ln" kind = reduction (%x, %g, %b) : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32> {
  ^bb0(%a: tensor<1x128x768xf32>, %c: tensor<768xf32>, %d: tensor<768xf32>):
    %0 = tessera.layer_norm %a, %c, %d axis = 2 epsilon = 1.0e-05 : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
    tessera.yield %0 : tensor<1x128x768xf32>
  }
  return %y : tensor<1x128x768xf32>
}

// -----

// A block per row of 30522: 30522 is not a multiple of 4, so float2.
// CHECK-LABEL: func.func @softmax_long_rows
// SM80: launch = {grid = [4, 1, 1], one_pass = true, rows_per_block = 1 : i64, strategy = "row", threads = 1024 : i64, threads_per_row = 1024 : i64, vector = 2 : i64}
// SM90A: launch = {grid = [4, 1, 1], one_pass = true, rows_per_block = 1 : i64, strategy = "row", threads = 1024 : i64, threads_per_row = 1024 : i64, vector = 2 : i64}
func.func @softmax_long_rows(%x: tensor<4x30522xf32>) -> tensor<4x30522xf32> {
  %y = tessera.kernel "sm" kind = reduction (%x) : (tensor<4x30522xf32>) -> tensor<4x30522xf32> {
  ^bb0(%a: tensor<4x30522xf32>):
    %0 = tessera.softmax %a axis = 1 : tensor<4x30522xf32>
    tessera.yield %0 : tensor<4x30522xf32>
  }
  return %y : tensor<4x30522xf32>
}

// -----

// Short rows: 8 lanes per row of 32 floats.
// CHECK-LABEL: func.func @softmax_short_rows
// SM80: launch = {grid = [16, 1, 1], one_pass = true, rows_per_block = 16 : i64, strategy = "row", threads = 128 : i64, threads_per_row = 8 : i64, vector = 4 : i64}
// SM90A: launch = {grid = [16, 1, 1], one_pass = true, rows_per_block = 16 : i64, strategy = "row", threads = 128 : i64, threads_per_row = 8 : i64, vector = 4 : i64}
func.func @softmax_short_rows(%x: tensor<4x8x8x32xf32>) -> tensor<4x8x8x32xf32> {
  %y = tessera.kernel "sm" kind = reduction (%x) : (tensor<4x8x8x32xf32>) -> tensor<4x8x8x32xf32> {
  ^bb0(%a: tensor<4x8x8x32xf32>):
    %0 = tessera.softmax %a axis = 3 : tensor<4x8x8x32xf32>
    tessera.yield %0 : tensor<4x8x8x32xf32>
  }
  return %y : tensor<4x8x8x32xf32>
}

// -----

// Reducing a middle axis: one thread per 4 adjacent columns.
// CHECK-LABEL: func.func @reduce_column
// SM80: launch = {grid = [1, 1, 1], one_pass = true, rows_per_block = 128 : i64, strategy = "column", threads = 128 : i64, threads_per_row = 1 : i64, vector = 4 : i64}
// SM90A: launch = {grid = [1, 1, 1], one_pass = true, rows_per_block = 128 : i64, strategy = "column", threads = 128 : i64, threads_per_row = 1 : i64, vector = 4 : i64}
func.func @reduce_column(%x: tensor<8x64x56xf32>) -> tensor<8x56xf32> {
  %y = tessera.kernel "col" kind = reduction (%x) : (tensor<8x64x56xf32>) -> tensor<8x56xf32> {
  ^bb0(%a: tensor<8x64x56xf32>):
    %0 = tessera.reduce_sum %a axes = [1] : (tensor<8x64x56xf32>) -> tensor<8x56xf32>
    tessera.yield %0 : tensor<8x56xf32>
  }
  return %y : tensor<8x56xf32>
}

// -----

// Global average pooling canonicalizes to a mean over the trailing axes.
// CHECK-LABEL: func.func @reduce_mean_spatial
// SM80: launch = {grid = [256, 1, 1], one_pass = true, rows_per_block = 8 : i64, strategy = "row", threads = 256 : i64, threads_per_row = 32 : i64, vector = 1 : i64}
// SM90A: launch = {grid = [256, 1, 1], one_pass = true, rows_per_block = 8 : i64, strategy = "row", threads = 256 : i64, threads_per_row = 32 : i64, vector = 1 : i64}
func.func @reduce_mean_spatial(%x: tensor<1x2048x7x7xf32>) -> tensor<1x2048x1x1xf32> {
  %y = tessera.kernel "gap" kind = reduction (%x) : (tensor<1x2048x7x7xf32>) -> tensor<1x2048x1x1xf32> {
  ^bb0(%a: tensor<1x2048x7x7xf32>):
    %0 = tessera.reduce_mean %a axes = [2, 3] keep_dims : (tensor<1x2048x7x7xf32>) -> tensor<1x2048x1x1xf32>
    tessera.yield %0 : tensor<1x2048x1x1xf32>
  }
  return %y : tensor<1x2048x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @cumsum_rows
// SM80: launch = {grid = [4, 1, 1], one_pass = true, rows_per_block = 4 : i64, strategy = "row", threads = 128 : i64, threads_per_row = 32 : i64, vector = 4 : i64}
// SM90A: launch = {grid = [4, 1, 1], one_pass = true, rows_per_block = 4 : i64, strategy = "row", threads = 128 : i64, threads_per_row = 32 : i64, vector = 4 : i64}
func.func @cumsum_rows(%x: tensor<16x1000xf32>) -> tensor<16x1000xf32> {
  %y = tessera.kernel "scan" kind = scan (%x) : (tensor<16x1000xf32>) -> tensor<16x1000xf32> {
  ^bb0(%a: tensor<16x1000xf32>):
    %0 = tessera.cumsum %a axis = 1 : tensor<16x1000xf32>
    tessera.yield %0 : tensor<16x1000xf32>
  }
  return %y : tensor<16x1000xf32>
}

// -----

// 16-byte vectors of f16 (8 elements); the bias broadcasts along rows.
// CHECK-LABEL: func.func @elementwise_bias_gelu
// SM80: launch = {grid = [864, 1, 1], threads = 256 : i64, vector = 8 : i64}
// SM90A: launch = {grid = [1056, 1, 1], threads = 256 : i64, vector = 8 : i64}
func.func @elementwise_bias_gelu(%x: tensor<8x128x3072xf16>, %b: tensor<3072xf16>) -> tensor<8x128x3072xf16> {
  %y = tessera.kernel "ew" kind = elementwise (%x, %b) : (tensor<8x128x3072xf16>, tensor<3072xf16>) -> tensor<8x128x3072xf16> {
  ^bb0(%a: tensor<8x128x3072xf16>, %c: tensor<3072xf16>):
    %0 = tessera.add %a, %c : (tensor<8x128x3072xf16>, tensor<3072xf16>) -> tensor<8x128x3072xf16>
    %1 = tessera.gelu %0 : tensor<8x128x3072xf16>
    tessera.yield %1 : tensor<8x128x3072xf16>
  }
  return %y : tensor<8x128x3072xf16>
}

// -----

// Small: 128-thread blocks; the cast to f32 limits vectors to 4 elements.
// CHECK-LABEL: func.func @elementwise_small_cast
// SM80: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 4 : i64}
// SM90A: launch = {grid = [1, 1, 1], threads = 128 : i64, vector = 4 : i64}
func.func @elementwise_small_cast(%x: tensor<2x32xf16>) -> tensor<2x32xf32> {
  %y = tessera.kernel "cast" kind = elementwise (%x) : (tensor<2x32xf16>) -> tensor<2x32xf32> {
  ^bb0(%a: tensor<2x32xf16>):
    %0 = tessera.cast %a : tensor<2x32xf16> to tensor<2x32xf32>
    tessera.yield %0 : tensor<2x32xf32>
  }
  return %y : tensor<2x32xf32>
}

// -----

// One thread per output window, no vectors.
// CHECK-LABEL: func.func @max_pool
// SM80: launch = {grid = [784, 1, 1], threads = 256 : i64, vector = 1 : i64}
// SM90A: launch = {grid = [784, 1, 1], threads = 256 : i64, vector = 1 : i64}
func.func @max_pool(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  %y = tessera.kernel "pool" kind = pooling (%x) : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  ^bb0(%a: tensor<1x64x112x112xf32>):
    %0 = tessera.max_pool %a kernel = [3, 3] strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
    tessera.yield %0 : tensor<1x64x56x56xf32>
  }
  return %y : tensor<1x64x56x56xf32>
}
