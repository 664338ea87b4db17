//===- TesseraNNOps.td - Contractions, reductions, norms, pooling -*- tablegen -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_NN_OPS_TD
#define TESSERA_NN_OPS_TD

include "ir/TesseraBase.td"

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def Tessera_MatmulOp : Tessera_Op<"matmul", [Tessera_InferType,
    SameOperandsAndResultElementType]> {
  let summary = "batched, broadcasting matrix product (NumPy matmul)";
  let description = [{
    NumPy `matmul` semantics: operands of rank >= 2 are stacks of matrices
    whose batch dimensions broadcast; a rank-1 `lhs` is a row vector and a
    rank-1 `rhs` a column vector, whose unit dimension is dropped from the
    result. `transpose_lhs` / `transpose_rhs` swap the last two dimensions of
    an operand (rank >= 2) before the product.

    ```mlir
    %c = tessera.matmul %a, %b transpose_rhs : (tensor<8x16x32xf16>, tensor<64x32xf16>) -> tensor<8x16x64xf16>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$lhs, Tessera_NumericTensor:$rhs,
                       UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs (`transpose_lhs` $transpose_lhs^)? "
                       "(`transpose_rhs` $transpose_rhs^)? attr-dict `:` "
                       "functional-type(operands, results)";
}

def Tessera_ConvOp : Tessera_Op<"conv", [Tessera_InferType,
    SameOperandsAndResultElementType]> {
  let summary = "N-d grouped, strided, dilated convolution (NCHW or NHWC)";
  let description = [{
    Channels first (the ONNX layout): `input` is `[N, C, D1..Dn]`, `weight`
    is `[M, C/groups, K1..Kn]` and the result is `[N, M, O1..On]`. With
    `channels_last` (NHWC, chosen by tessera-assign-layout), `input` is
    `[N, D1..Dn, C]`, `weight` is `[M, K1..Kn, C/groups]` and the result is
    `[N, O1..On, M]`. The optional `bias` is `[M]`. `strides` and
    `dilations` have one entry per spatial dimension (>= 1); `pads` has `n`
    begin pads then `n` end pads (>= 0), and
    `Oi = (Di + pad_begin + pad_end - dilation * (Ki - 1) - 1) / stride + 1`.

    ```mlir
    %y = tessera.conv %x, %w, %b strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1
        : (tensor<1x3x224x224xf32>, tensor<64x3x3x3xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
    %z = tessera.conv %x2, %w2 strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 channels_last
        : (tensor<1x56x56x64xf32>, tensor<64x3x3x64xf32>) -> tensor<1x56x56x64xf32>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$input,
                       Tessera_NumericTensor:$weight,
                       Optional<Tessera_NumericTensor>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, I64Attr:$groups,
                       UnitAttr:$channels_last);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = "$input `,` $weight (`,` $bias^)? `strides` `=` "
                       "$strides `pads` `=` $pads `dilations` `=` $dilations "
                       "`groups` `=` $groups (`channels_last` $channels_last^)? "
                       "attr-dict `:` functional-type(operands, results)";
  let extraClassDeclaration = [{
    /// The channel dimension of the input and the result (1, or the last
    /// with channels_last).
    int64_t getChannelDim() {
      return getChannelsLast() ? getInput().getType().getRank() - 1 : 1;
    }
    /// The first spatial dimension of the input, the result and the weight.
    int64_t getFirstSpatialDim() { return getChannelsLast() ? 1 : 2; }
  }];
}

def Tessera_ConvTransposeOp : Tessera_Op<"conv_transpose",
    [Tessera_InferType, SameOperandsAndResultElementType]> {
  let summary = "N-d transposed convolution (gradient of conv; NCHW, IOHW)";
  let description = [{
    `input` is `[N, C, D1..Dn]`, `weight` is `[C, M/groups, K1..Kn]` and the
    optional `bias` is `[M]`. Every input element scatters `weight` into the
    output at `stride * i - pad_begin + dilation * k`. `strides` and
    `dilations` (>= 1) and `output_padding` (>= 0, smaller than the stride or
    the dilation) have one entry per spatial dimension; `pads` has `n` begin
    pads then `n` end pads (>= 0). The result is `[N, M, O1..On]` with
    `Oi = stride * (Di - 1) + output_padding + dilation * (Ki - 1) + 1
          - pad_begin - pad_end`.

    ```mlir
    %y = tessera.conv_transpose %x, %w strides = [2, 2] pads = [0, 0, 0, 0]
        dilations = [1, 1] output_padding = [1, 1] groups = 1
        : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x8x8xf32>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$input,
                       Tessera_NumericTensor:$weight,
                       Optional<Tessera_NumericTensor>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$output_padding, I64Attr:$groups);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = "$input `,` $weight (`,` $bias^)? `strides` `=` "
                       "$strides `pads` `=` $pads `dilations` `=` $dilations "
                       "`output_padding` `=` $output_padding `groups` `=` "
                       "$groups attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

def Tessera_ReduceSumOp : Tessera_ReduceOp<"reduce_sum", Tessera_NumericTensor,
                                           "sum">;
def Tessera_ReduceMeanOp : Tessera_ReduceOp<"reduce_mean",
                                            Tessera_FloatTensor, "mean">;
def Tessera_ReduceMaxOp : Tessera_ReduceOp<"reduce_max", Tessera_NumericTensor,
                                           "maximum">;
def Tessera_ReduceMinOp : Tessera_ReduceOp<"reduce_min", Tessera_NumericTensor,
                                           "minimum">;
def Tessera_ReduceProdOp : Tessera_ReduceOp<"reduce_prod",
                                            Tessera_NumericTensor, "product">;

class Tessera_ArgReduceOp<string mnemonic, string what>
    : Tessera_Op<mnemonic, [Tessera_InferType]> {
  let summary = "index of the " # what # " along an axis";
  let description = "Returns the i64 index of the " # what # " along `axis` "
    # "(the first one, or the last with `select_last_index`); the axis is "
    # "dropped or kept as size 1 with `keep_dims`."
    # "\n\n```mlir\n%i = tessera." # mnemonic # " %x axis = 1"
    # " : (tensor<2x3xf32>) -> tensor<2xi64>\n```";
  let arguments = (ins Tessera_NumericTensor:$input, I64Attr:$axis,
                       UnitAttr:$keep_dims, UnitAttr:$select_last_index);
  let results = (outs Tessera_I64Tensor:$result);
  let assemblyFormat = "$input `axis` `=` $axis (`keep_dims` $keep_dims^)? "
                       "(`select_last_index` $select_last_index^)? attr-dict "
                       "`:` functional-type(operands, results)";
}

def Tessera_ArgMaxOp : Tessera_ArgReduceOp<"argmax", "maximum">;
def Tessera_ArgMinOp : Tessera_ArgReduceOp<"argmin", "minimum">;

def Tessera_CumSumOp : Tessera_Op<"cumsum", [SameOperandsAndResultType,
    InferTypeOpInterface]> {
  let summary = "cumulative sum along an axis (ONNX CumSum)";
  let description = [{
    Element `i` along `axis` is the sum of elements `0..i` (`0..i-1` with
    `exclusive`); `reverse` sums from the end instead.

    ```mlir
    %y = tessera.cumsum %x axis = 1 exclusive : tensor<2x5xf32>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$input, I64Attr:$axis,
                       UnitAttr:$exclusive, UnitAttr:$reverse);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = "$input `axis` `=` $axis (`exclusive` $exclusive^)? "
                       "(`reverse` $reverse^)? attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

class Tessera_SoftmaxOpBase<string mnemonic, string what>
    : Tessera_Op<mnemonic, [SameOperandsAndResultType, InferTypeOpInterface]> {
  let summary = what # " along one axis";
  let description = "Computes " # what # " of `input` along `axis` "
    # "(in `[0, rank)`), subtracting the maximum for stability."
    # "\n\n```mlir\n%y = tessera." # mnemonic # " %x axis = 1"
    # " : tensor<2x10xf32>\n```";
  let arguments = (ins Tessera_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = "$input `axis` `=` $axis attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Tessera_SoftmaxOp : Tessera_SoftmaxOpBase<"softmax", "softmax">;
def Tessera_LogSoftmaxOp : Tessera_SoftmaxOpBase<"log_softmax",
                                                 "log of softmax">;

def Tessera_LayerNormOp : Tessera_Op<"layer_norm",
    [Tessera_InferType, SameOperandsAndResultElementType]> {
  let summary = "layer normalization over the trailing dimensions";
  let description = [{
    Normalizes `input` over the dimensions `[axis, rank)` to zero mean and
    unit variance (`epsilon` added to the variance), then scales by `scale`
    and adds the optional `bias`; both broadcast to `input.shape[axis:]`.

    ```mlir
    %y = tessera.layer_norm %x, %g, %b axis = 2 epsilon = 1.0e-05
        : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input, Tessera_FloatTensor:$scale,
                       Optional<Tessera_FloatTensor>:$bias, I64Attr:$axis,
                       F64Attr:$epsilon);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = "$input `,` $scale (`,` $bias^)? `axis` `=` $axis "
                       "`epsilon` `=` $epsilon attr-dict `:` "
                       "functional-type(operands, results)";
}

def Tessera_RmsNormOp : Tessera_Op<"rms_norm",
    [Tessera_InferType, SameOperandsAndResultElementType]> {
  let summary = "root-mean-square normalization over the trailing dimensions";
  let description = [{
    `input / sqrt(mean(input^2 over [axis, rank)) + epsilon) * scale`, with
    `scale` broadcast to `input.shape[axis:]`.

    ```mlir
    %y = tessera.rms_norm %x, %g axis = 1 epsilon = 1.0e-06
        : (tensor<4x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input, Tessera_FloatTensor:$scale,
                       I64Attr:$axis, F64Attr:$epsilon);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = "$input `,` $scale `axis` `=` $axis `epsilon` `=` "
                       "$epsilon attr-dict `:` functional-type(operands, results)";
}

def Tessera_BatchNormOp : Tessera_Op<"batch_norm",
    [Tessera_InferType, SameOperandsAndResultElementType]> {
  let summary = "batch normalization with running statistics (inference)";
  let description = [{
    `(input - mean) / sqrt(variance + epsilon) * scale + bias` over the
    channel dimension 1 of `input` (rank >= 2); the four statistics are
    `[C]`.

    ```mlir
    %y = tessera.batch_norm %x, %s, %b, %m, %v epsilon = 1.0e-05
        : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input, Tessera_FloatTensor:$scale,
                       Tessera_FloatTensor:$bias, Tessera_FloatTensor:$mean,
                       Tessera_FloatTensor:$variance, F64Attr:$epsilon);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = "$input `,` $scale `,` $bias `,` $mean `,` $variance "
                       "`epsilon` `=` $epsilon attr-dict `:` "
                       "functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

class Tessera_PoolOp<string mnemonic, string what, string note,
                     dag extraArgs, string extraFormat>
    : Tessera_Op<mnemonic, [Tessera_InferType,
                            SameOperandsAndResultElementType]> {
  let summary = "N-d " # what # " pooling (NCHW)";
  let description = note # "Pools windows of `kernel` (one entry per spatial "
    # "dimension of `[N, C, D1..Dn]`) with `strides`, `dilations` (>= 1) and "
    # "`pads` (n begin pads then n end pads, each smaller than the window). "
    # "`Oi = (Di + pads - dilation * (Ki - 1) - 1) / stride + 1`, rounded up "
    # "with `ceil_mode` (a window must start inside the input or the begin "
    # "pad)."
    # "\n\n```mlir\n%y = tessera." # mnemonic # " %x kernel = [3, 3] "
    # "strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1]"
    # " : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>\n```";
  let arguments = !con((ins Tessera_NumericTensor:$input,
                            DenseI64ArrayAttr:$kernel,
                            DenseI64ArrayAttr:$strides,
                            DenseI64ArrayAttr:$pads,
                            DenseI64ArrayAttr:$dilations,
                            UnitAttr:$ceil_mode), extraArgs);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = "$input `kernel` `=` $kernel `strides` `=` $strides "
                       "`pads` `=` $pads `dilations` `=` $dilations "
                       "(`ceil_mode` $ceil_mode^)? " # extraFormat #
                       " attr-dict `:` functional-type(operands, results)";
}

def Tessera_MaxPoolOp : Tessera_PoolOp<"max_pool", "max",
    "Takes the maximum of each window; padding never wins. ", (ins), "">;
def Tessera_AvgPoolOp : Tessera_PoolOp<"avg_pool", "average",
    "Averages over each window; padded positions count only with "
    # "`count_include_pad`. ",
    (ins UnitAttr:$count_include_pad),
    "(`count_include_pad` $count_include_pad^)?">;

def Tessera_MaxPoolIndicesOp : Tessera_Op<"max_pool_indices",
    [Tessera_InferType]> {
  let summary = "indices of the elements max_pool selects (ONNX MaxPool "
                "Indices)";
  let description = [{
    For the same attributes as `tessera.max_pool`, the i64 index into
    `input` of the maximum of each window (the first one on ties): the
    row-major linear index over the whole tensor `[N, C, D1..Dn]`, or with
    `column_major` (2-d only) `(n * C + c) * H * W + w * H + h`.

    ```mlir
    %i = tessera.max_pool_indices %x kernel = [2, 2] strides = [2, 2]
        pads = [0, 0, 0, 0] dilations = [1, 1]
        : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi64>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$input, DenseI64ArrayAttr:$kernel,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, UnitAttr:$ceil_mode,
                       UnitAttr:$column_major);
  let results = (outs Tessera_I64Tensor:$result);
  let assemblyFormat = "$input `kernel` `=` $kernel `strides` `=` $strides "
                       "`pads` `=` $pads `dilations` `=` $dilations "
                       "(`ceil_mode` $ceil_mode^)? "
                       "(`column_major` $column_major^)? attr-dict `:` "
                       "functional-type(operands, results)";
}

class Tessera_GlobalPoolOp<string mnemonic, string what, string reduce,
                           Type tensorType>
    : Tessera_Op<mnemonic, [Tessera_InferType,
                            SameOperandsAndResultElementType]> {
  let summary = "global " # what # " pooling over all spatial dimensions";
  let description = "`[N, C, D1..Dn]` to `[N, C, 1..1]`; canonicalizes to "
    # "`tessera." # reduce # "` over the spatial axes with `keep_dims`."
    # "\n\n```mlir\n%y = tessera." # mnemonic
    # " %x : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>\n```";
  let arguments = (ins tensorType:$input);
  let results = (outs tensorType:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasCanonicalizer = 1;
}

def Tessera_GlobalAvgPoolOp : Tessera_GlobalPoolOp<"global_avg_pool",
                                                   "average", "reduce_mean",
                                                   Tessera_FloatTensor>;
def Tessera_GlobalMaxPoolOp : Tessera_GlobalPoolOp<"global_max_pool",
                                                   "max", "reduce_max",
                                                   Tessera_NumericTensor>;

#endif // TESSERA_NN_OPS_TD
