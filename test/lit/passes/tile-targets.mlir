// RUN: tessera-opt %s --tessera-tile=target=sm_80 | FileCheck %s --check-prefix=SM80
// RUN: tessera-opt %s --tessera-tile=target=sm_86 | FileCheck %s --check-prefix=SM86
// RUN: tessera-opt %s --tessera-tile=target=sm_89 | FileCheck %s --check-prefix=SM89
// RUN: tessera-opt %s --tessera-tile=target=sm_90 | FileCheck %s --check-prefix=SM90
// RUN: tessera-opt %s --tessera-tile=target=sm_90a | FileCheck %s --check-prefix=SM90A

// One 4096^3 f16 GEMM on every target: mma.sync tiles within 99 KiB of
// shared memory on the consumer parts (sm_86, sm_89), within 163 KiB on
// A100, mma.sync on sm_90 and wgmma with a producer warpgroup on sm_90a.

// SM80: launch = {block = [128, 128, 32], grid = [1024, 1, 1], mma = "mma.sync.m16n8k16.f16", smem = 49152 : i64, split_k = 1 : i64, stages = 3 : i64, threads = 128 : i64, warp = [64, 64], warps = 4 : i64}
// SM86: launch = {block = [256, 128, 32], grid = [512, 1, 1], mma = "mma.sync.m16n8k16.f16", smem = 49152 : i64, split_k = 1 : i64, stages = 2 : i64, threads = 256 : i64, warp = [64, 64], warps = 8 : i64}
// SM89: launch = {block = [128, 128, 32], grid = [1024, 1, 1], mma = "mma.sync.m16n8k16.f16", smem = 32768 : i64, split_k = 1 : i64, stages = 2 : i64, threads = 128 : i64, warp = [64, 64], warps = 4 : i64}
// SM90: launch = {block = [256, 128, 32], grid = [512, 1, 1], mma = "mma.sync.m16n8k16.f16", smem = 73728 : i64, split_k = 1 : i64, stages = 3 : i64, threads = 256 : i64, warp = [64, 64], warps = 8 : i64}
// SM90A: launch = {block = [256, 128, 32], grid = [512, 1, 1], mma = "wgmma.m64n128k16.f16", smem = 98368 : i64, split_k = 1 : i64, stages = 4 : i64, threads = 384 : i64, warp = [128, 128], warps = 8 : i64}
func.func @square_4096(%x: tensor<4096x4096xf16>, %w: tensor<4096x4096xf16>) -> tensor<4096x4096xf16> {
  %y = tessera.kernel "square" kind = matmul (%x, %w) : (tensor<4096x4096xf16>, tensor<4096x4096xf16>) -> tensor<4096x4096xf16> {
  ^bb0(%a: tensor<4096x4096xf16>, %c: tensor<4096x4096xf16>):
    %0 = tessera.matmul %a, %c : (tensor<4096x4096xf16>, tensor<4096x4096xf16>) -> tensor<4096x4096xf16>
    tessera.yield %0 : tensor<4096x4096xf16>
  }
  return %y : tensor<4096x4096xf16>
}
