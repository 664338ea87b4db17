//===- DerivedConstants.h - Constants computed from weights ----*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What the passes that rewrite weights at compile time (batch-norm folding,
// layout pre-packing) share: a name for the new blob and the constant op.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_DERIVEDCONSTANTS_H
#define TESSERA_PASSES_DERIVEDCONSTANTS_H

#include "compiler/reference/Evaluator.h"

#include "mlir/IR/Builders.h"

#include <string>

namespace mlir::tessera {

/// A name for the blob of a weight derived from the constant |weight|: its
/// dense_resource key, or the initializer name of its location, plus
/// |suffix|, made a valid identifier (letters, digits, '_' and '.', not
/// starting with a digit) so that the printed IR parses again.
std::string derivedConstantName(Value weight, StringRef suffix);

/// Builds a tessera.constant holding |tensor| (a dense_resource blob named
/// |name| when large).
Value createDerivedConstant(OpBuilder &builder, Location loc,
                            const HostTensor &tensor, StringRef name);

} // namespace mlir::tessera

#endif // TESSERA_PASSES_DERIVEDCONSTANTS_H
