//===- EvalUtils.h - Helpers of the reference evaluation functions -*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Private to compiler/reference: indexing and precision helpers shared by the
// Eval*.cpp files.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_REFERENCE_EVALUTILS_H
#define TESSERA_REFERENCE_EVALUTILS_H

#include "compiler/reference/Evaluator.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"

namespace mlir::tessera {

/// A zero-filled tensor of |value|'s (ranked tensor) type.
HostTensor makeTensor(Value value);

/// Row-major strides of |shape| (in elements).
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape);

/// Maps the linear index of an element of a result of shape |resultShape|
/// to the linear index of the element it reads from an operand of shape
/// |operandShape| broadcast to it (NumPy rules).
class BroadcastIndexer {
public:
  BroadcastIndexer(ArrayRef<int64_t> operandShape,
                   ArrayRef<int64_t> resultShape);
  int64_t operator()(int64_t linear) const;

private:
  SmallVector<int64_t> resultShape;
  /// Per result dimension: the operand stride, 0 where broadcast.
  SmallVector<int64_t> operandStrides;
};

/// True for element types whose ops compute in float (f16, bf16); f32 and f64
/// ops compute in double.
inline bool computesInFloat(DType dtype) {
  return dtype == DType::F16 || dtype == DType::BF16;
}

/// Calls |fn| with a value of the accumulator type of ops producing |dtype|:
/// float for f16/bf16, double otherwise (integers accumulate in double only
/// where they are converted; integer kernels use int64_t themselves).
template <typename Fn> auto withAccumulator(DType dtype, Fn &&fn) {
  if (computesInFloat(dtype))
    return fn(float{});
  return fn(double{});
}

} // namespace mlir::tessera

#endif // TESSERA_REFERENCE_EVALUTILS_H
