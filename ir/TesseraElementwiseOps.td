//===- TesseraElementwiseOps.td - Elementwise ops ----------*- tablegen -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_ELEMENTWISE_OPS_TD
#define TESSERA_ELEMENTWISE_OPS_TD

include "ir/TesseraBase.td"

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

def Tessera_NegOp : Tessera_UnaryOp<"neg", Tessera_NumericTensor, "negation">;
def Tessera_AbsOp : Tessera_UnaryOp<"abs", Tessera_NumericTensor,
                                    "absolute value">;
def Tessera_SignOp : Tessera_UnaryOp<"sign", Tessera_NumericTensor,
                                     "sign (-1, 0 or 1)">;
def Tessera_ReluOp : Tessera_UnaryOp<"relu", Tessera_NumericTensor,
                                     "rectified linear unit max(x, 0)">;
def Tessera_ExpOp : Tessera_UnaryOp<"exp", Tessera_FloatTensor, "exponential">;
def Tessera_LogOp : Tessera_UnaryOp<"log", Tessera_FloatTensor,
                                    "natural logarithm">;
def Tessera_SqrtOp : Tessera_UnaryOp<"sqrt", Tessera_FloatTensor,
                                     "square root">;
def Tessera_RsqrtOp : Tessera_UnaryOp<"rsqrt", Tessera_FloatTensor,
                                      "reciprocal square root">;
def Tessera_ReciprocalOp : Tessera_UnaryOp<"reciprocal", Tessera_FloatTensor,
                                           "reciprocal 1/x">;
def Tessera_TanhOp : Tessera_UnaryOp<"tanh", Tessera_FloatTensor,
                                     "hyperbolic tangent">;
def Tessera_ErfOp : Tessera_UnaryOp<"erf", Tessera_FloatTensor,
                                    "Gauss error function">;
def Tessera_SigmoidOp : Tessera_UnaryOp<"sigmoid", Tessera_FloatTensor,
                                        "logistic sigmoid 1/(1+exp(-x))">;
def Tessera_SinOp : Tessera_UnaryOp<"sin", Tessera_FloatTensor, "sine">;
def Tessera_CosOp : Tessera_UnaryOp<"cos", Tessera_FloatTensor, "cosine">;
def Tessera_TanOp : Tessera_UnaryOp<"tan", Tessera_FloatTensor, "tangent">;
def Tessera_AsinOp : Tessera_UnaryOp<"asin", Tessera_FloatTensor, "arcsine">;
def Tessera_AcosOp : Tessera_UnaryOp<"acos", Tessera_FloatTensor,
                                     "arccosine">;
def Tessera_AtanOp : Tessera_UnaryOp<"atan", Tessera_FloatTensor,
                                     "arctangent">;
def Tessera_SinhOp : Tessera_UnaryOp<"sinh", Tessera_FloatTensor,
                                     "hyperbolic sine">;
def Tessera_CoshOp : Tessera_UnaryOp<"cosh", Tessera_FloatTensor,
                                     "hyperbolic cosine">;
def Tessera_AsinhOp : Tessera_UnaryOp<"asinh", Tessera_FloatTensor,
                                      "inverse hyperbolic sine">;
def Tessera_AcoshOp : Tessera_UnaryOp<"acosh", Tessera_FloatTensor,
                                      "inverse hyperbolic cosine">;
def Tessera_AtanhOp : Tessera_UnaryOp<"atanh", Tessera_FloatTensor,
                                      "inverse hyperbolic tangent">;
def Tessera_FloorOp : Tessera_UnaryOp<"floor", Tessera_FloatTensor, "floor">;
def Tessera_CeilOp : Tessera_UnaryOp<"ceil", Tessera_FloatTensor, "ceiling">;
def Tessera_RoundOp : Tessera_UnaryOp<"round", Tessera_FloatTensor,
                                      "round half to even">;
def Tessera_NotOp : Tessera_UnaryOp<"not", Tessera_IntOrBoolTensor,
                                    "logical (i1) or bitwise (integer) not">;

def Tessera_GeluOp : Tessera_Op<"gelu", [Tessera_Elementwise,
    SameOperandsAndResultType, InferTypeOpInterface]> {
  let summary = "elementwise Gaussian error linear unit";
  let description = [{
    `x * Phi(x)` where Phi is the standard normal CDF; with
    `approximate = tanh`, Phi is replaced by the tanh approximation
    `0.5 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))`.

    ```mlir
    %y = tessera.gelu %x approximate = tanh : tensor<4xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input,
      DefaultValuedAttr<Tessera_GeluApproximationAttr,
                        "GeluApproximation::none">:$approximate);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = "$input (`approximate` `=` $approximate^)? attr-dict "
                       "`:` type($input)";
  let hasFolder = 1;
}

def Tessera_IsNanOp : Tessera_Op<"is_nan", [Tessera_InferType,
    Tessera_Elementwise]> {
  let summary = "elementwise test for NaN";
  let description = [{
    ```mlir
    %m = tessera.is_nan %x : (tensor<4xf32>) -> tensor<4xi1>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input);
  let results = (outs Tessera_BoolTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Tessera_IsInfOp : Tessera_Op<"is_inf", [Tessera_InferType,
    Tessera_Elementwise]> {
  let summary = "elementwise test for infinity";
  let description = [{
    Tests for +inf when `detect_positive` and for -inf when `detect_negative`
    (both by default).

    ```mlir
    %m = tessera.is_inf %x : (tensor<4xf32>) -> tensor<4xi1>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input,
                       DefaultValuedAttr<BoolAttr, "true">:$detect_positive,
                       DefaultValuedAttr<BoolAttr, "true">:$detect_negative);
  let results = (outs Tessera_BoolTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Tessera_CastOp : Tessera_Op<"cast", [Tessera_Elementwise,
    SameOperandsAndResultShape]> {
  let summary = "elementwise element-type conversion";
  let description = [{
    Converts every element to the result's element type: floats round to
    nearest even, float to integer truncates toward zero (saturating),
    integers sign-extend or truncate, and to i1 is `x != 0`.

    ```mlir
    %h = tessera.cast %x : tensor<4xf32> to tensor<4xf16>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let builders = [
    OpBuilder<(ins "::mlir::Value":$input, "::mlir::Type":$elementType)>
  ];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

def Tessera_AddOp : Tessera_BinaryOp<"add", Tessera_NumericTensor, "sum",
                                     [Commutative]>;
def Tessera_SubOp : Tessera_BinaryOp<"sub", Tessera_NumericTensor,
                                     "difference">;
def Tessera_MulOp : Tessera_BinaryOp<"mul", Tessera_NumericTensor, "product",
                                     [Commutative]>;
def Tessera_DivOp : Tessera_BinaryOp<"div", Tessera_NumericTensor,
    "quotient (integers truncate toward zero)">;
def Tessera_PowOp : Tessera_BinaryOp<"pow", Tessera_NumericTensor, "power">;
def Tessera_MaxOp : Tessera_BinaryOp<"max", Tessera_NumericTensor, "maximum",
                                     [Commutative]>;
def Tessera_MinOp : Tessera_BinaryOp<"min", Tessera_NumericTensor, "minimum",
                                     [Commutative]>;
def Tessera_AndOp : Tessera_BinaryOp<"and", Tessera_IntOrBoolTensor,
    "logical (i1) or bitwise (integer) and", [Commutative]>;
def Tessera_OrOp : Tessera_BinaryOp<"or", Tessera_IntOrBoolTensor,
    "logical (i1) or bitwise (integer) or", [Commutative]>;
def Tessera_XorOp : Tessera_BinaryOp<"xor", Tessera_IntOrBoolTensor,
    "logical (i1) or bitwise (integer) exclusive or", [Commutative]>;

def Tessera_ModOp : Tessera_Op<"mod", [Tessera_InferType,
    Tessera_Elementwise, SameOperandsAndResultElementType]> {
  let summary = "elementwise remainder with broadcasting";
  let description = [{
    Without `fmod` the result has the sign of the divisor (Python `%`,
    integers only); with `fmod` it has the sign of the dividend (C `fmod`),
    which floats require.

    ```mlir
    %r = tessera.mod %a, %b fmod : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$lhs, Tessera_NumericTensor:$rhs,
                       UnitAttr:$fmod);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs (`fmod` $fmod^)? attr-dict `:` "
                       "functional-type(operands, results)";
}

def Tessera_CompareOp : Tessera_Op<"compare", [Tessera_InferType,
    Tessera_Elementwise, SameOperandsElementType]> {
  let summary = "elementwise comparison with broadcasting";
  let description = [{
    Compares `lhs` and `rhs` elementwise with `predicate` (eq, ne, lt, le,
    gt, ge) after broadcasting; the result is i1. Comparisons with NaN are
    false except `ne`.

    ```mlir
    %m = tessera.compare lt, %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
    ```
  }];
  let arguments = (ins Tessera_ComparePredicateAttr:$predicate,
                       Tessera_Tensor:$lhs, Tessera_Tensor:$rhs);
  let results = (outs Tessera_BoolTensor:$result);
  let assemblyFormat = "$predicate `,` $lhs `,` $rhs attr-dict `:` "
                       "functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Ternary ops
//===----------------------------------------------------------------------===//

def Tessera_SelectOp : Tessera_Op<"select", [Tessera_InferType,
    Tessera_Elementwise]> {
  let summary = "elementwise choice with broadcasting (ONNX Where)";
  let description = [{
    `condition ? true_value : false_value` elementwise, all three broadcast to
    a common shape.

    ```mlir
    %r = tessera.select %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Tessera_BoolTensor:$condition,
                       Tessera_Tensor:$true_value, Tessera_Tensor:$false_value);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$condition `,` $true_value `,` $false_value attr-dict "
                       "`:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Tessera_ClampOp : Tessera_Op<"clamp", [Tessera_InferType,
    Tessera_Elementwise, SameOperandsAndResultElementType]> {
  let summary = "elementwise clamp to [min, max]";
  let description = [{
    `min(max(input, min), max)`; `min` and `max` broadcast to the shape of
    `input` (usually they are scalars), which the result keeps.

    ```mlir
    %r = tessera.clamp %x, %lo, %hi : (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$input, Tessera_NumericTensor:$min,
                       Tessera_NumericTensor:$max);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = "$input `,` $min `,` $max attr-dict `:` "
                       "functional-type(operands, results)";
}

#endif // TESSERA_ELEMENTWISE_OPS_TD
