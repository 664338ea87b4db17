//===- TesseraShapeOps.td - Constants and data-movement ops -*- tablegen -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_SHAPE_OPS_TD
#define TESSERA_SHAPE_OPS_TD

include "ir/TesseraBase.td"

def Tessera_ConstantOp : Tessera_Op<"constant", [Tessera_InferType,
    ConstantLike]> {
  let summary = "a constant tensor (weights, shapes, scalars)";
  let description = [{
    Holds a dense elements attribute. Large weights use `dense_resource`
    blobs so that importing and printing stay fast; splats stay splats.

    ```mlir
    %c = tessera.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %w = tessera.constant dense_resource<conv1_weight> : tensor<64x3x7x7xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Tessera_ReshapeOp : Tessera_Op<"reshape", [SameOperandsAndResultElementType]> {
  let summary = "reinterpret the elements with a new shape";
  let description = [{
    Row-major reshape; the element count is unchanged.

    ```mlir
    %y = tessera.reshape %x : tensor<2x3x4xf32> to tensor<6x4xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let builders = [
    OpBuilder<(ins "::mlir::Value":$input, "::llvm::ArrayRef<int64_t>":$shape)>
  ];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Tessera_TransposeOp : Tessera_Op<"transpose",
    [Tessera_InferType, SameOperandsAndResultElementType]> {
  let summary = "permute dimensions";
  let description = [{
    Result dimension `i` is input dimension `perm[i]`.

    ```mlir
    %y = tessera.transpose %x perm = [0, 2, 1] : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$input `perm` `=` $perm attr-dict `:` "
                       "functional-type(operands, results)";
  let hasFolder = 1;
}

def Tessera_BroadcastToOp : Tessera_Op<"broadcast_to",
    [SameOperandsAndResultElementType]> {
  let summary = "broadcast to a larger shape (ONNX Expand)";
  let description = [{
    NumPy broadcasting of `input` to exactly the result shape: trailing
    dimensions align and every input dimension is 1 or equal to the result's.

    ```mlir
    %y = tessera.broadcast_to %x : tensor<3x1xf32> to tensor<2x3x4xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let builders = [
    OpBuilder<(ins "::mlir::Value":$input, "::llvm::ArrayRef<int64_t>":$shape)>
  ];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Tessera_ConcatOp : Tessera_Op<"concat", [Tessera_InferType,
    SameOperandsAndResultElementType]> {
  let summary = "concatenate along an axis";
  let description = [{
    All inputs have the same rank and agree on every dimension but `axis`.

    ```mlir
    %y = tessera.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Variadic<Tessera_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$inputs `axis` `=` $axis attr-dict `:` "
                       "functional-type(operands, results)";
  let hasFolder = 1;
}

def Tessera_SliceOp : Tessera_Op<"slice", [Tessera_InferType,
    SameOperandsAndResultElementType]> {
  let summary = "strided slice with static offsets, sizes and strides";
  let description = [{
    Result element `i` along dimension `d` is input element
    `offsets[d] + i * strides[d]` for `i < sizes[d]`; strides are non-zero
    and may be negative (reversal). Every accessed index is in bounds.

    ```mlir
    %y = tessera.slice %x offsets = [0, 9] sizes = [4, 5] strides = [1, -2]
        : (tensor<4x10xf32>) -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input, DenseI64ArrayAttr:$offsets,
                       DenseI64ArrayAttr:$sizes, DenseI64ArrayAttr:$strides);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$input `offsets` `=` $offsets `sizes` `=` $sizes "
                       "`strides` `=` $strides attr-dict `:` "
                       "functional-type(operands, results)";
  let hasFolder = 1;
}

def Tessera_GatherOp : Tessera_Op<"gather", [Tessera_InferType]> {
  let summary = "gather slices along an axis by index (ONNX Gather)";
  let description = [{
    The result shape is `data.shape[:axis] + indices.shape +
    data.shape[axis+1:]`. Negative indices count from the end; an index out
    of `[-n, n)` is an error at run time.

    ```mlir
    %y = tessera.gather %emb, %ids axis = 0 : (tensor<30522x768xf32>, tensor<1x128xi64>) -> tensor<1x128x768xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$data, Tessera_IndexTensor:$indices,
                       I64Attr:$axis);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$data `,` $indices `axis` `=` $axis attr-dict `:` "
                       "functional-type(operands, results)";
}

def Tessera_PadOp : Tessera_Op<"pad", [Tessera_InferType,
    SameOperandsAndResultElementType]> {
  let summary = "pad (or crop, with negative pads) every dimension";
  let description = [{
    `pads` holds `rank` begin pads then `rank` end pads. `constant` mode
    fills with `value`; `reflect` mirrors without repeating the edge (pad <
    dimension), `edge` repeats the edge and `wrap` wraps around.

    ```mlir
    %y = tessera.pad %x pads = [0, 1, 0, 2] mode = constant value = 0.0
        : (tensor<2x3xf32>) -> tensor<2x6xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input, DenseI64ArrayAttr:$pads,
                       Tessera_PadModeAttr:$mode, F64Attr:$value);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$input `pads` `=` $pads `mode` `=` $mode `value` `=` "
                       "$value attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

#endif // TESSERA_SHAPE_OPS_TD
