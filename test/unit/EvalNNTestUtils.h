// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The fixture of the reference-evaluator tests of matmul, convolutions,
// pooling and normalizations: builds one tessera op and evaluates it on host
// tensors, and the operand patterns that the Python scripts quoted
// in the tests rebuild to compute the expected values.

#ifndef TESSERA_TEST_UNIT_EVALNNTESTUTILS_H
#define TESSERA_TEST_UNIT_EVALNNTESTUTILS_H

#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"

#include "TestIR.h"

#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace tessera_test::evalnn {

using ::tessera::DType;
using ::tessera::HostTensor;
using Doubles = std::vector<double>;

/// ((i % mod) - offset) * scale for i in [0, n), the operands of the tests.
/// The scripts build the same with P(shape, mod, offset, scale) =
/// torch.tensor(((np.arange(n) % mod) - offset) * scale).reshape(shape).
inline Doubles pattern(int64_t n, int64_t mod, int64_t offset,
                       double scale = 1) {
  Doubles values(n);
  for (int64_t i = 0; i < n; ++i)
    values[i] = static_cast<double>(i % mod - offset) * scale;
  return values;
}

/// A host tensor of |shape| holding |values| rounded to |dtype|.
inline HostTensor hostTensor(DType dtype, std::vector<int64_t> shape,
                             const Doubles &values) {
  HostTensor tensor(dtype, std::move(shape));
  EXPECT_EQ(tensor.numElements(), static_cast<int64_t>(values.size()));
  for (int64_t i = 0, e = tensor.numElements(); i < e; ++i)
    tensor.setDouble(i, values[i]);
  return tensor;
}

/// A host tensor of |shape| holding pattern(numElements, mod, offset, scale).
inline HostTensor patternTensor(DType dtype, std::vector<int64_t> shape,
                                int64_t mod, int64_t offset, double scale = 1) {
  return hostTensor(
      dtype, shape,
      pattern(::tessera::numElementsOf(shape), mod, offset, scale));
}

/// The elements of |tensor| as doubles.
inline Doubles valuesOf(const HostTensor &tensor) {
  Doubles values(tensor.numElements());
  for (int64_t i = 0, e = tensor.numElements(); i < e; ++i)
    values[i] = tensor.getDouble(i);
  return values;
}

/// Builds single ops on function arguments and evaluates them. Diagnostics
/// are captured by the fixture: a test that expects none fails on any.
class EvalTest : public tessera_test::IRTest {
protected:
  using Args = llvm::ArrayRef<mlir::Value>;

  /// Creates a function with one argument per input (of its type), builds
  /// the op that |build| creates (with |builder|) from the arguments,
  /// verifies the function and evaluates it; returns the op's result. An
  /// empty tensor (failing the test) when verification or evaluation fails.
  HostTensor evaluate(std::vector<HostTensor> inputs,
                      llvm::function_ref<mlir::Value(Args)> build) {
    builder.setInsertionPointToEnd(module->getBody());
    auto model = builder.create<mlir::func::FuncOp>(
        loc, "eval" + std::to_string(functions++),
        builder.getFunctionType({}, {}));
    mlir::Block *body = model.addEntryBlock();
    builder.setInsertionPointToStart(body);
    llvm::SmallVector<mlir::Value> args;
    for (const HostTensor &input : inputs)
      args.push_back(
          body->addArgument(mlir::tessera::toTensorType(input, &context), loc));
    mlir::Value result = build(args);
    builder.create<mlir::func::ReturnOp>(loc, result);
    model.setFunctionType(
        builder.getFunctionType(body->getArgumentTypes(), result.getType()));
    if (mlir::failed(mlir::verify(model))) {
      ADD_FAILURE() << "invalid op";
      return HostTensor();
    }
    mlir::FailureOr<llvm::SmallVector<HostTensor>> results =
        mlir::tessera::evaluateFunction(model, inputs);
    if (mlir::failed(results) || results->size() != 1) {
      ADD_FAILURE() << "evaluation failed";
      return HostTensor();
    }
    return std::move(results->front());
  }

  /// Expects |tensor| to have |dtype|, |shape| and |expected| elements, each
  /// within |tolerance| (exactly equal by default; NaN matches NaN).
  static void expectTensor(const HostTensor &tensor, DType dtype,
                           std::vector<int64_t> shape, const Doubles &expected,
                           double tolerance = 0) {
    EXPECT_EQ(::tessera::dtypeName(tensor.dtype()),
              std::string(::tessera::dtypeName(dtype)));
    EXPECT_EQ(tensor.shape(), shape);
    Doubles actual = valuesOf(tensor);
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
      if (std::isnan(expected[i]))
        EXPECT_TRUE(std::isnan(actual[i])) << "element " << i;
      else if (tolerance == 0)
        EXPECT_EQ(actual[i], expected[i]) << "element " << i;
      else
        EXPECT_NEAR(actual[i], expected[i], tolerance) << "element " << i;
    }
  }

private:
  int functions = 0;
};

} // namespace tessera_test::evalnn

#endif // TESSERA_TEST_UNIT_EVALNNTESTUTILS_H
