//===- TesseraKernelOps.td - Fused kernels -----------------*- tablegen -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The second IR level: a fused kernel is a region holding graph ops; one
// kernel becomes one CUDA kernel (or one library call). Memory planning and
// tiling annotate kernels with attributes.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_KERNEL_OPS_TD
#define TESSERA_KERNEL_OPS_TD

include "ir/TesseraBase.td"
include "mlir/IR/RegionKindInterface.td"

def Tessera_KindElementwise : I32EnumAttrCase<"elementwise", 0>;
def Tessera_KindReduction : I32EnumAttrCase<"reduction", 1>;
def Tessera_KindMatmul : I32EnumAttrCase<"matmul", 2>;
def Tessera_KindConv : I32EnumAttrCase<"conv", 3>;
def Tessera_KindAttention : I32EnumAttrCase<"attention", 4>;
def Tessera_KindPooling : I32EnumAttrCase<"pooling", 5>;
def Tessera_KindScan : I32EnumAttrCase<"scan", 6>;
def Tessera_KindCopy : I32EnumAttrCase<"copy", 7>;
def Tessera_KernelKindAttr : I32EnumAttr<"KernelKind", "kernel kind",
    [Tessera_KindElementwise, Tessera_KindReduction, Tessera_KindMatmul,
     Tessera_KindConv, Tessera_KindAttention, Tessera_KindPooling,
     Tessera_KindScan, Tessera_KindCopy]> {
  let cppNamespace = "::mlir::tessera";
}

def Tessera_KernelOp : Tessera_Op<"kernel", [IsolatedFromAbove,
    SingleBlockImplicitTerminator<"YieldOp">]> {
  let summary = "a fused kernel: graph ops that become one CUDA kernel";
  let description = [{
    The body computes the results from the block arguments (one per input,
    same types) and yields them. `name` is derived from the ONNX node names
    of the fused ops and names the CUDA kernel; `kind` selects the code
    generator. Later passes add `launch` (the tiling: a dictionary such as
    `{block = [128, 128, 32], warps = 4, stages = 3}`) and `offsets` (one
    arena byte offset per result, -1 for a result bound by the caller).

    ```mlir
    %y = tessera.kernel "fc1_bias_gelu" kind = elementwise (%x, %b)
        : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32> {
    ^bb0(%a: tensor<2x32xf32>, %c: tensor<32xf32>):
      %0 = tessera.add %a, %c : (tensor<2x32xf32>, tensor<32xf32>) -> tensor<2x32xf32>
      %1 = tessera.gelu %0 : tensor<2x32xf32>
      tessera.yield %1 : tensor<2x32xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Tessera_Tensor>:$inputs, StrAttr:$name,
                       Tessera_KernelKindAttr:$kind,
                       OptionalAttr<DictionaryAttr>:$launch,
                       OptionalAttr<DenseI64ArrayAttr>:$offsets);
  let results = (outs Variadic<Tessera_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$name `kind` `=` $kind ` ` `(` $inputs `)` attr-dict `:` "
                       "functional-type($inputs, results) $body";
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::TypeRange":$resultTypes,
                   "::mlir::ValueRange":$inputs, "::llvm::StringRef":$name,
                   "KernelKind":$kind)>
  ];
  let extraClassDeclaration = [{
    /// The terminator of the body.
    YieldOp getYield();
  }];
}

def Tessera_YieldOp : Tessera_Op<"yield", [Terminator,
    HasParent<"KernelOp">]> {
  let summary = "the results of a fused kernel";
  let arguments = (ins Variadic<Tessera_Tensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
  let builders = [OpBuilder<(ins), [{ /* nothing */ }]>];
}

#endif // TESSERA_KERNEL_OPS_TD
