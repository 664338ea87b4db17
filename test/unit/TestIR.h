// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The fixture of the unit tests that build tessera IR through the C++ API:
// a module with one function to build ops into, and the types they use.

#ifndef TESSERA_TEST_UNIT_TESTIR_H
#define TESSERA_TEST_UNIT_TESTIR_H

#include "ir/TesseraDialect.h"

#include "TestDiagnostics.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

namespace tessera_test {

/// A module with one func.func "model" whose entry block grows an argument
/// per requested input; the builder inserts tessera ops into that block.
/// Diagnostics are captured (see DiagnosticTest), without the op they name.
class IRTest : public DiagnosticTest {
protected:
  /// The integer arrays that op builders take (shapes, permutations, pads).
  using I64 = llvm::SmallVector<int64_t>;

  IRTest() {
    context.loadDialect<mlir::tessera::TesseraDialect>();
    context.loadDialect<mlir::func::FuncDialect>();
    // Keep diagnostics to their message (no "see current operation" note).
    context.printOpOnDiagnostic(false);
    module = mlir::ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
    func = builder.create<mlir::func::FuncOp>(loc, "model",
                                              builder.getFunctionType({}, {}));
    entry = func.addEntryBlock();
    builder.setInsertionPointToStart(entry);
    f32 = builder.getF32Type();
    f16 = builder.getF16Type();
    bf16 = builder.getBF16Type();
    f64 = builder.getF64Type();
    i1 = builder.getI1Type();
    i8 = builder.getI8Type();
    i32 = builder.getI32Type();
    i64 = builder.getI64Type();
  }

  /// |type| as MLIR prints it, e.g. "tensor<2x3xf32>".
  static std::string str(mlir::Type type) {
    std::string text;
    llvm::raw_string_ostream os(text);
    type.print(os);
    return text;
  }

  /// A new function argument of type tensor<shape x elementType>.
  mlir::Value arg(llvm::ArrayRef<int64_t> shape, mlir::Type elementType) {
    return entry->addArgument(mlir::RankedTensorType::get(shape, elementType),
                              loc);
  }

  /// Terminates the function with a func.return of |results| and gives the
  /// function the type of its arguments and results.
  void finish(mlir::ValueRange results = {}) {
    builder.create<mlir::func::ReturnOp>(loc, results);
    func.setFunctionType(
        builder.getFunctionType(entry->getArgumentTypes(), results.getTypes()));
  }

  mlir::OpBuilder builder{&context};
  mlir::Location loc = mlir::UnknownLoc::get(&context);
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// The function "model" and its entry block.
  mlir::func::FuncOp func;
  mlir::Block *entry = nullptr;
  /// The element types of the tests.
  mlir::Type f32, f16, bf16, f64, i1, i8, i32, i64;
};

} // namespace tessera_test

#endif // TESSERA_TEST_UNIT_TESTIR_H
