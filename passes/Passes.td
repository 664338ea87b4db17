//===- Passes.td - Tessera graph passes --------------------*- tablegen -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_TD
#define TESSERA_PASSES_TD

include "mlir/Pass/PassBase.td"

def TesseraSimplify : Pass<"tessera-simplify", "func::FuncOp"> {
  let summary = "fold constants and simplify algebra";
  let description = [{
    Greedily applies the folders and canonicalization patterns of the
    tessera ops plus graph-level simplifications: small constant sub-graphs
    are evaluated (shape arithmetic, tensors up to `fold-limit` elements),
    algebraic identities are removed, Dropout/Identity leftovers and dead
    ops disappear.
  }];
  let options = [
    Option<"foldLimit", "fold-limit", "int64_t", /*default=*/"65536",
           "Largest non-splat result (elements) that constant folding may "
           "create">
  ];
  let statistics = [
    Statistic<"numFolded", "folded-ops", "Ops folded into constants">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
}

def TesseraFoldBatchNorm : Pass<"tessera-fold-batch-norm", "func::FuncOp"> {
  let summary = "fold inference batch norms into the preceding conv/matmul";
  let description = [{
    `batch_norm(conv(x, W, b))` with constant W, b and statistics becomes
    `conv(x, W', b')` with `W' = W * s / sqrt(v + eps)` per output channel and
    `b' = (b - m) * s / sqrt(v + eps) + beta`; likewise for a matmul whose
    output channels are the normalized dimension.
  }];
  let statistics = [
    Statistic<"numFolded", "folded-batch-norms", "Batch norms folded">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
}

def TesseraAssignLayout : Pass<"tessera-assign-layout", "func::FuncOp"> {
  let summary = "run convolutions channels-last (NHWC) where it pays";
  let description = [{
    Chooses the layout of every convolution and of the values around it.
    With `conv-layout=auto` (the default) a conv runs channels-last when it
    is a tensor-core implicit GEMM (groups == 1 or at least 16 output
    channels per group, f32/f16/bf16) whose input channels per group fill
    whole 16-byte chunks: its im2col operand is then copied by cp.async in
    16-byte pieces and its stores run along the channels. A conv whose input
    is already channels-last stays so whatever its shape, and so do the
    elementwise ops and concats with a channels-last operand. A rewritten
    conv reads `transpose(x)` (NCHW to NHWC) of a channels-first input and
    its weight pre-packed at compile time from [M, C/g, K...] to
    [M, K..., C/g] (the layout the GEMM reads as B[N][K]); the remaining
    channels-first users read one transpose back per value.
    `conv-layout=nhwc` makes every conv channels-last, `nchw` none.
  }];
  let options = [
    Option<"convLayout", "conv-layout", "std::string", /*default=*/"\"auto\"",
           "Conv layout: auto (where it pays), nhwc (every conv) or nchw "
           "(none)">
  ];
  let statistics = [
    Statistic<"numConvs", "channels-last-convs", "Convs made channels-last">,
    Statistic<"numPacked", "permuted-constants",
              "Weights and other constants permuted at compile time">,
    Statistic<"numTransposes", "layout-transposes",
              "Transposes left at layout boundaries">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
}

def TesseraFoldTransposes : Pass<"tessera-fold-transposes", "func::FuncOp"> {
  let summary = "fold transposes into matmuls, cancel and sink layout ops";
  let description = [{
    A transpose that swaps the last two dimensions of a matmul operand
    becomes the operand's transpose flag; transpose/reshape pairs that undo
    each other cancel; transposes sink through elementwise ops where that
    removes a copy.
  }];
  let statistics = [
    Statistic<"numFolded", "folded-transposes", "Transposes removed">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
}

def TesseraFuse : Pass<"tessera-fuse", "func::FuncOp"> {
  let summary = "group ops into fused kernels (tessera.kernel regions)";
  let description = [{
    Partitions the function into `tessera.kernel` regions, one per future
    CUDA kernel, with an explicit kind: elementwise/injective chains,
    reductions with their elementwise producers and consumers (softmax,
    layer-norm, RMS-norm, mean/variance), matmul/conv with fused prologue
    and epilogue, scaled-dot-product attention. The rules are documented in
    docs/fusion.md.
  }];
  let statistics = [
    Statistic<"numKernels", "kernels", "Kernels formed">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
}

def TesseraPlanMemory : Pass<"tessera-plan-memory", "func::FuncOp"> {
  let summary = "place every intermediate in one device arena";
  let description = [{
    Schedules the kernels, computes the live range of every kernel result
    that is neither a model output nor a weight, and places them in one
    arena with 256-byte alignment by best-fit (in the spirit of XLA's heap
    simulator), reusing an input's bytes in place where an elementwise kernel
    may overwrite it. Sets `offsets` on every kernel and
    `tessera.arena_bytes`, `tessera.arena_lower_bound_bytes` and
    `tessera.arena_no_reuse_bytes` on the function.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"256",
           "Byte alignment of every buffer">,
    Option<"printPlan", "print-plan", "bool", /*default=*/"false",
           "Print the plan (buffer, offset, size, live range, producer) to "
           "stderr">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
}

def TesseraTile : Pass<"tessera-tile", "func::FuncOp"> {
  let summary = "choose a launch configuration for every kernel";
  let description = [{
    From a cost model of the target (SMs, shared memory, registers), picks
    block/warp tiles and pipeline stages for matmul/conv/attention kernels,
    threads and vector width for elementwise kernels and rows per block for
    row reductions, and records them as the kernel's `launch` attribute. A
    tuning file (JSON keyed by kernel signature and target) overrides the
    choice.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"sm_90a\"",
           "GPU target: sm_80, sm_86, sm_89, sm_90 or sm_90a">,
    Option<"tuningFile", "tuning-file", "std::string", /*default=*/"\"\"",
           "JSON tuning file overriding launch configurations">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
}

#endif // TESSERA_PASSES_TD
