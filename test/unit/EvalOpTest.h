// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The fixture of the reference-evaluator tests of single ops: host tensors
// are written from literal values, each op is built on function arguments of
// their types, verified, and evaluated with evaluateOp; results are compared
// element by element (NaN equals NaN, and the sign of zero counts). Also the
// special values those tests share.

#ifndef TESSERA_TEST_UNIT_EVALOPTEST_H
#define TESSERA_TEST_UNIT_EVALOPTEST_H

#include "compiler/reference/Evaluator.h"
#include "ir/TesseraOps.h"

#include "TestIR.h"

#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <vector>

namespace tessera_test {

using Doubles = std::vector<double>;
using Ints = std::vector<int64_t>;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr int64_t kI64Min = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kI64Max = std::numeric_limits<int64_t>::max();
inline constexpr int64_t kI32Min = std::numeric_limits<int32_t>::min();
inline constexpr int64_t kI32Max = std::numeric_limits<int32_t>::max();

class EvalOpTest : public IRTest {
protected:
  using DType = ::tessera::DType;
  using HostTensor = ::tessera::HostTensor;

  /// A float tensor of |values|, each rounded to |dtype| once (setDouble).
  static HostTensor floats(DType dtype, std::vector<int64_t> shape,
                           const Doubles &values) {
    HostTensor t(dtype, std::move(shape));
    EXPECT_EQ(static_cast<int64_t>(values.size()), t.numElements());
    for (size_t i = 0; i < values.size(); ++i)
      t.setDouble(static_cast<int64_t>(i), values[i]);
    return t;
  }

  /// An integer (or i1) tensor of |values|, stored exactly.
  static HostTensor ints(DType dtype, std::vector<int64_t> shape,
                         const Ints &values) {
    HostTensor t(dtype, std::move(shape));
    EXPECT_EQ(static_cast<int64_t>(values.size()), t.numElements());
    for (size_t i = 0; i < values.size(); ++i)
      t.setInt(static_cast<int64_t>(i), values[i]);
    return t;
  }

  /// A function argument of |tensor|'s type.
  mlir::Value arg(const HostTensor &tensor) {
    return IRTest::arg(tensor.shape(),
                       mlir::tessera::toElementType(tensor.dtype(), &context));
  }
  using IRTest::arg;

  /// Verifies |op| and evaluates it on |inputs|; expects success and one
  /// result.
  HostTensor eval(mlir::Operation *op,
                  std::initializer_list<HostTensor> inputs) {
    llvm::SmallVector<HostTensor> results;
    EXPECT_TRUE(mlir::succeeded(verifyAndEvaluate(op, inputs, results)));
    EXPECT_EQ(results.size(), 1u);
    return results.empty() ? HostTensor() : results.front();
  }

  /// Verifies |op|, expects its evaluation on |inputs| to fail, and returns
  /// the diagnostics.
  Messages evalError(mlir::Operation *op,
                     std::initializer_list<HostTensor> inputs) {
    llvm::SmallVector<HostTensor> results;
    EXPECT_TRUE(mlir::failed(verifyAndEvaluate(op, inputs, results)));
    return diagnostics.take();
  }

  /// The elements of |t| as doubles.
  static Doubles valuesOf(const HostTensor &t) {
    Doubles values;
    for (int64_t i = 0; i < t.numElements(); ++i)
      values.push_back(t.getDouble(i));
    return values;
  }

  /// The elements of an integer tensor.
  static Ints intsOf(const HostTensor &t) {
    Ints values;
    for (int64_t i = 0; i < t.numElements(); ++i)
      values.push_back(t.getInt(i));
    return values;
  }

  /// Expects |t| to have |dtype|, |shape| and exactly |expected| (NaN matches
  /// NaN, -0 only -0).
  static void expectExact(const HostTensor &t, DType dtype,
                          const std::vector<int64_t> &shape,
                          const Doubles &expected) {
    EXPECT_EQ(t.dtype(), dtype);
    EXPECT_EQ(t.shape(), shape);
    Doubles actual = valuesOf(t);
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
      if (std::isnan(expected[i])) {
        EXPECT_TRUE(std::isnan(actual[i]))
            << "element " << i << ": " << actual[i];
        continue;
      }
      EXPECT_EQ(actual[i], expected[i]) << "element " << i;
      EXPECT_EQ(std::signbit(actual[i]), std::signbit(expected[i]))
          << "sign of element " << i;
    }
  }

  /// Expects |t| to be within 4 f32 ulps of |expected| (EXPECT_FLOAT_EQ).
  static void expectNearF32(const HostTensor &t, const Doubles &expected) {
    Doubles actual = valuesOf(t);
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i)
      EXPECT_FLOAT_EQ(static_cast<float>(actual[i]),
                      static_cast<float>(expected[i]))
          << "element " << i;
  }

  /// Expects an integer tensor of |dtype| and |shape| holding |expected|.
  static void expectInts(const HostTensor &t, DType dtype,
                         const std::vector<int64_t> &shape,
                         const Ints &expected) {
    EXPECT_EQ(t.dtype(), dtype);
    EXPECT_EQ(t.shape(), shape);
    EXPECT_EQ(intsOf(t), expected);
  }

private:
  /// Expects |op| to verify, then evaluates it on |inputs| into |results|.
  static mlir::LogicalResult
  verifyAndEvaluate(mlir::Operation *op,
                    std::initializer_list<HostTensor> inputs,
                    llvm::SmallVectorImpl<HostTensor> &results) {
    EXPECT_TRUE(mlir::succeeded(mlir::verify(op)));
    llvm::SmallVector<const HostTensor *> operands;
    for (const HostTensor &input : inputs)
      operands.push_back(&input);
    return mlir::tessera::evaluateOp(op, operands, results);
  }
};

} // namespace tessera_test

#endif // TESSERA_TEST_UNIT_EVALOPTEST_H
