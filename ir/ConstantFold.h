//===- ConstantFold.h - Evaluation of ops on constant operands --*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Helpers that fold elementwise ops whose operands are dense constants. Float
// math is done in double and rounded to the result type; integers are signed
// two's complement of their width. Results that are neither splats nor small
// (kMaxFoldedElements) are not folded, so folding never bloats the IR.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_IR_CONSTANTFOLD_H
#define TESSERA_IR_CONSTANTFOLD_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/APInt.h"

#include <optional>

namespace mlir::tessera {

/// Largest non-splat result, in elements, that a fold may create.
constexpr int64_t kMaxFoldedElements = 4096;

/// A scalar function on floats; std::nullopt means "do not fold".
using FloatUnaryFn = llvm::function_ref<std::optional<double>(double)>;
using IntUnaryFn = llvm::function_ref<std::optional<APInt>(const APInt &)>;
using FloatBinaryFn =
    llvm::function_ref<std::optional<double>(double, double)>;
using IntBinaryFn =
    llvm::function_ref<std::optional<APInt>(const APInt &, const APInt &)>;

/// Folds a unary elementwise op. Either function may be null when the op has
/// no such variant.
Attribute foldUnaryConstant(Attribute operand, ShapedType resultType,
                            FloatUnaryFn floatFn, IntUnaryFn intFn);

/// Folds a broadcasting binary elementwise op.
Attribute foldBinaryConstant(Attribute lhs, Attribute rhs,
                             ShapedType resultType, FloatBinaryFn floatFn,
                             IntBinaryFn intFn);

/// Folds an element-type conversion (see tessera.cast for the rules).
Attribute foldCastConstant(Attribute operand, ShapedType resultType);

/// True if |attr| is a dense splat equal to |value| (as a float or integer).
bool isSplatOf(Attribute attr, double value);

} // namespace mlir::tessera

#endif // TESSERA_IR_CONSTANTFOLD_H
