//===- TesseraBase.td - Tessera dialect, types and base classes -*- tablegen -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The `tessera` dialect: graph-level tensor operations on ranked, statically
// shaped builtin tensors. Models are `func.func`s whose arguments are the model
// inputs and whose results are the model outputs.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_BASE_TD
#define TESSERA_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Tessera_Dialect : Dialect {
  let name = "tessera";
  let cppNamespace = "::mlir::tessera";
  let summary = "Graph-level tensor operations of the Tessera compiler";
  let description = [{
    Operations on ranked builtin tensors with static shapes and element types
    f32, f16, bf16, f64, i64, i32, i8 and i1. Every op is free of side
    effects; results are inferred from operands and attributes wherever the
    result is determined by them (reshape, broadcast_to and cast spell their
    result type). Binary and ternary elementwise ops broadcast like NumPy.
  }];
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

defvar Tessera_FloatTypes = [F32, F16, BF16, F64];
defvar Tessera_IntTypes = [I64, I32, I8];

def Tessera_Tensor : StaticShapeTensorOf<
    !listconcat(Tessera_FloatTypes, Tessera_IntTypes, [I1])>;
def Tessera_FloatTensor : StaticShapeTensorOf<Tessera_FloatTypes>;
def Tessera_NumericTensor : StaticShapeTensorOf<
    !listconcat(Tessera_FloatTypes, Tessera_IntTypes)>;
def Tessera_IntOrBoolTensor : StaticShapeTensorOf<
    !listconcat(Tessera_IntTypes, [I1])>;
def Tessera_BoolTensor : StaticShapeTensorOf<[I1]>;
def Tessera_IndexTensor : StaticShapeTensorOf<[I64, I32]>;
def Tessera_I64Tensor : StaticShapeTensorOf<[I64]>;

//===----------------------------------------------------------------------===//
// Traits and enums
//===----------------------------------------------------------------------===//

/// Marks ops that apply a scalar function to each element (after operand
/// broadcasting); fusion groups chains of them into one kernel.
def Tessera_Elementwise : NativeOpTrait<"TesseraElementwise"> {
  let cppNamespace = "::mlir::tessera";
}

def Tessera_CompareEq : I32EnumAttrCase<"eq", 0>;
def Tessera_CompareNe : I32EnumAttrCase<"ne", 1>;
def Tessera_CompareLt : I32EnumAttrCase<"lt", 2>;
def Tessera_CompareLe : I32EnumAttrCase<"le", 3>;
def Tessera_CompareGt : I32EnumAttrCase<"gt", 4>;
def Tessera_CompareGe : I32EnumAttrCase<"ge", 5>;
/// Verifies the op by running its result-type inference first, so that
/// invalid operands get exactly one precise diagnostic (from the shape rules)
/// and a wrong result type names both types.
def Tessera_VerifyInferredType : NativeOpTrait<"TesseraVerifyInferredType"> {
  let cppNamespace = "::mlir::tessera";
}

/// Result types inferred by `inferReturnTypes(..., Adaptor, ...)`.
def Tessera_InferType : TraitList<[Tessera_VerifyInferredType,
                                   InferTypeOpAdaptor]>;

def Tessera_ComparePredicateAttr : I32EnumAttr<"ComparePredicate",
    "comparison predicate",
    [Tessera_CompareEq, Tessera_CompareNe, Tessera_CompareLt,
     Tessera_CompareLe, Tessera_CompareGt, Tessera_CompareGe]> {
  let cppNamespace = "::mlir::tessera";
}

def Tessera_GeluNone : I32EnumAttrCase<"none", 0>;
def Tessera_GeluTanh : I32EnumAttrCase<"tanh", 1>;
def Tessera_GeluApproximationAttr : I32EnumAttr<"GeluApproximation",
    "GELU approximation", [Tessera_GeluNone, Tessera_GeluTanh]> {
  let cppNamespace = "::mlir::tessera";
}

def Tessera_PadConstant : I32EnumAttrCase<"constant", 0>;
def Tessera_PadReflect : I32EnumAttrCase<"reflect", 1>;
def Tessera_PadEdge : I32EnumAttrCase<"edge", 2>;
def Tessera_PadWrap : I32EnumAttrCase<"wrap", 3>;
def Tessera_PadModeAttr : I32EnumAttr<"PadMode", "padding mode",
    [Tessera_PadConstant, Tessera_PadReflect, Tessera_PadEdge,
     Tessera_PadWrap]> {
  let cppNamespace = "::mlir::tessera";
}

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class Tessera_Op<string mnemonic, list<Trait> traits = []>
    : Op<Tessera_Dialect, mnemonic, !listconcat(traits, [Pure])>;

/// x -> f(x), same type in and out.
class Tessera_UnaryOp<string mnemonic, Type tensorType, string what,
                      list<Trait> traits = []>
    : Tessera_Op<mnemonic, !listconcat(traits, [Tessera_Elementwise,
          SameOperandsAndResultType, InferTypeOpInterface])> {
  let summary = "elementwise " # what;
  let description = "Computes the " # what # " of each element."
    # "\n\n```mlir\n%y = tessera." # mnemonic # " %x : tensor<2x3xf32>\n```";
  let arguments = (ins tensorType:$input);
  let results = (outs tensorType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

/// (a, b) -> f(a, b) with NumPy broadcasting; both operands share an element
/// type, which the result keeps.
class Tessera_BinaryOp<string mnemonic, Type tensorType, string what,
                       list<Trait> traits = []>
    : Tessera_Op<mnemonic, !listconcat(traits, [Tessera_InferType,
          Tessera_Elementwise, SameOperandsAndResultElementType])> {
  let summary = "elementwise " # what # " with broadcasting";
  let description = "Computes the " # what # " of `lhs` and `rhs` "
    # "elementwise, broadcasting both to a common shape (NumPy rules)."
    # "\n\n```mlir\n%z = tessera." # mnemonic # " %x, %y : "
    # "(tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>\n```";
  let arguments = (ins tensorType:$lhs, tensorType:$rhs);
  let results = (outs tensorType:$result);
  let assemblyFormat =
    "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

/// A reduction over `axes` (sorted, unique, non-negative).
class Tessera_ReduceOp<string mnemonic, Type tensorType, string what>
    : Tessera_Op<mnemonic, [Tessera_InferType,
                            SameOperandsAndResultElementType]> {
  let summary = what # " over the given axes";
  let description = "Reduces `input` over `axes` (sorted, unique, in "
    # "`[0, rank)`) by " # what # ". Reduced dimensions are dropped, or kept "
    # "as size 1 with `keep_dims`. Empty `axes` reduce nothing."
    # "\n\n```mlir\n%y = tessera." # mnemonic # " %x axes = [1] keep_dims"
    # " : (tensor<2x3xf32>) -> tensor<2x1xf32>\n```";
  let arguments = (ins tensorType:$input, DenseI64ArrayAttr:$axes,
                       UnitAttr:$keep_dims);
  let results = (outs tensorType:$result);
  let assemblyFormat = "$input `axes` `=` $axes (`keep_dims` $keep_dims^)? "
                       "attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

#endif // TESSERA_BASE_TD
