// RUN: tessera-opt %s --split-input-file --tessera-tile='target=sm_80 tuning-file=%S/Inputs/tile-tuning.json' | FileCheck %s --check-prefixes=CHECK,SM80
// RUN: tessera-opt %s --split-input-file --tessera-tile='tuning-file=%S/Inputs/tile-tuning.json' | FileCheck %s --check-prefixes=CHECK,SM90A

// Entries of the tuning file override the cost model for the kernel whose
// signature and target they name: the tuned fields are taken, the derived
// ones (threads, grid, smem, mma, ...) recomputed. A kernel without an entry
// for the target keeps the cost model's choice.

// Entry 0 (sm_80) and entry 1 (sm_90a, a 128x256 wgmma tile).
// CHECK-LABEL: func.func @proj_override
// SM80: launch = {block = [128, 128, 32], grid = [6, 1, 1], mma = "mma.sync.m16n8k16.f16", smem = 49152 : i64, split_k = 1 : i64, stages = 3 : i64, threads = 128 : i64, warp = [64, 64], warps = 4 : i64}
// SM90A: launch = {block = [128, 256, 64], grid = [3, 1, 1], mma = "wgmma.m64n256k16.f16", smem = 147504 : i64, split_k = 1 : i64, stages = 3 : i64, threads = 384 : i64, warp = [64, 256], warps = 8 : i64}
func.func @proj_override(%x: tensor<1x128x768xf16>, %w: tensor<768x768xf16>, %b: tensor<768xf16>) -> tensor<1x128x768xf16> {
  %y = tessera.kernel "proj" kind = matmul (%x, %w, %b) : (tensor<1x128x768xf16>, tensor<768x768xf16>, tensor<768xf16>) -> tensor<1x128x768xf16> {
  ^bb0(%a: tensor<1x128x768xf16>, %c: tensor<768x768xf16>, %d: tensor<768xf16>):
    %0 = tessera.matmul %a, %c : (tensor<1x128x768xf16>, tensor<768x768xf16>) -> tensor<1x128x768xf16>
    %1 = tessera.add %0, %d : (tensor<1x128x768xf16>, tensor<768xf16>) -> tensor<1x128x768xf16>
    tessera.yield %1 : tensor<1x128x768xf16>
  }
  return %y : tensor<1x128x768xf16>
}

// -----

// Entry 2 (sm_80 only): 512 threads, 2-element vectors, the grid derived.
// CHECK-LABEL: func.func @elementwise_override
// SM80: launch = {grid = [432, 1, 1], threads = 512 : i64, vector = 2 : i64}
// SM90A: launch = {grid = [1056, 1, 1], threads = 256 : i64, vector = 8 : i64}
func.func @elementwise_override(%x: tensor<8x128x3072xf16>, %b: tensor<3072xf16>) -> tensor<8x128x3072xf16> {
  %y = tessera.kernel "ew" kind = elementwise (%x, %b) : (tensor<8x128x3072xf16>, tensor<3072xf16>) -> tensor<8x128x3072xf16> {
  ^bb0(%a: tensor<8x128x3072xf16>, %c: tensor<3072xf16>):
    %0 = tessera.add %a, %c : (tensor<8x128x3072xf16>, tensor<3072xf16>) -> tensor<8x128x3072xf16>
    %1 = tessera.gelu %0 : tensor<8x128x3072xf16>
    tessera.yield %1 : tensor<8x128x3072xf16>
  }
  return %y : tensor<8x128x3072xf16>
}

// -----

// Entry 3 (sm_90a only): a 128-thread group per row, two rows per block,
// an explicit grid.
// CHECK-LABEL: func.func @reduction_override
// SM80: launch = {grid = [32, 1, 1], one_pass = true, rows_per_block = 4 : i64, strategy = "row", threads = 128 : i64, threads_per_row = 32 : i64, vector = 4 : i64}
// SM90A: launch = {grid = [7, 1, 1], one_pass = true, rows_per_block = 2 : i64, strategy = "row", threads = 256 : i64, threads_per_row = 128 : i64, vector = 1 : i64}
func.func @reduction_override(%x: tensor<1x128x768xf32>, %g: tensor<768xf32>, %b: tensor<768xf32>) -> tensor<1x128x768xf32> {
  %y = tessera.kernel "ln" kind = reduction (%x, %g, %b) : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32> {
  ^bb0(%a: tensor<1x128x768xf32>, %c: tensor<768xf32>, %d: tensor<768xf32>):
    %0 = tessera.layer_norm %a, %c, %d axis = 2 epsilon = 1.0e-05 : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
    tessera.yield %0 : tensor<1x128x768xf32>
  }
  return %y : tensor<1x128x768xf32>
}

// -----

// Entry 4 (sm_90a only) is a complete launch dictionary, as the autotuner
// writes it: every derived field agrees with the recomputed one.
// CHECK-LABEL: func.func @attention_override
// SM80: launch = {block = [16, 128], grid = [8, 12, 1], head_dim = [64, 64], mma = "mma.sync.m16n8k16.f16", smem = 67584 : i64, stages = 2 : i64, threads = 32 : i64, warps = 1 : i64}
// SM90A: launch = {block = [128, 64], grid = [1, 12, 1], head_dim = [64, 64], mma = "wgmma.m64n64k16.f16", smem = 49184 : i64, stages = 2 : i64, threads = 384 : i64, warps = 8 : i64}
func.func @attention_override(%q: tensor<12x128x64xf16>, %k: tensor<12x128x64xf16>, %v: tensor<12x128x64xf16>) -> tensor<12x128x64xf16> {
  %y = tessera.kernel "attn" kind = attention (%q, %k, %v) : (tensor<12x128x64xf16>, tensor<12x128x64xf16>, tensor<12x128x64xf16>) -> tensor<12x128x64xf16> {
  ^bb0(%a: tensor<12x128x64xf16>, %b: tensor<12x128x64xf16>, %c: tensor<12x128x64xf16>):
    %0 = tessera.matmul %a, %b transpose_rhs : (tensor<12x128x64xf16>, tensor<12x128x64xf16>) -> tensor<12x128x128xf16>
    %1 = tessera.softmax %0 axis = 2 : tensor<12x128x128xf16>
    %2 = tessera.matmul %1, %c : (tensor<12x128x128xf16>, tensor<12x128x64xf16>) -> tensor<12x128x64xf16>
    tessera.yield %2 : tensor<12x128x64xf16>
  }
  return %y : tensor<12x128x64xf16>
}

// -----

// The signature includes the operand shapes: a different batch size is a
// different kernel, and no entry matches it. (The batch folds into M: one
// 1024x768x768 GEMM.)
// CHECK-LABEL: func.func @no_entry
// SM80: launch = {block = [128, 64, 64], grid = [96, 1, 1], mma = "mma.sync.m16n8k16.f16", smem = 73728 : i64, split_k = 1 : i64, stages = 3 : i64, threads = 128 : i64, warp = [64, 32], warps = 4 : i64}
// SM90A: launch = {block = [128, 64, 64], grid = [96, 1, 1], mma = "wgmma.m64n64k16.f16", smem = 98368 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 256 : i64, warp = [128, 64], warps = 4 : i64}
func.func @no_entry(%x: tensor<8x128x768xf16>, %w: tensor<768x768xf16>, %b: tensor<768xf16>) -> tensor<8x128x768xf16> {
  %y = tessera.kernel "proj" kind = matmul (%x, %w, %b) : (tensor<8x128x768xf16>, tensor<768x768xf16>, tensor<768xf16>) -> tensor<8x128x768xf16> {
  ^bb0(%a: tensor<8x128x768xf16>, %c: tensor<768x768xf16>, %d: tensor<768xf16>):
    %0 = tessera.matmul %a, %c : (tensor<8x128x768xf16>, tensor<768x768xf16>) -> tensor<8x128x768xf16>
    %1 = tessera.add %0, %d : (tensor<8x128x768xf16>, tensor<768xf16>) -> tensor<8x128x768xf16>
    tessera.yield %1 : tensor<8x128x768xf16>
  }
  return %y : tensor<8x128x768xf16>
}
