//===- ShapeInference.h - Shape rules of the tessera ops --------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Pure functions computing result shapes (broadcasting, matmul, convolution,
// pooling, reductions, ...). Each reports a precise message through
// |emitError| when the operands are invalid; ops call them from their
// inferReturnTypes, and the ONNX importer calls them to check a node before
// building it.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_IR_SHAPEINFERENCE_H
#define TESSERA_IR_SHAPEINFERENCE_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace mlir::tessera {

/// An error being reported by a shape rule: streams into a diagnostic, which
/// may be inactive (when only probing whether a shape is valid), and converts
/// to failure() either way. (An inactive InFlightDiagnostic would convert to
/// success.)
class ShapeError {
public:
  ShapeError() = default;
  ShapeError(InFlightDiagnostic &&diag) : diag(std::move(diag)) {}

  template <typename T> ShapeError &operator<<(T &&value) {
    diag << std::forward<T>(value);
    return *this;
  }
  operator LogicalResult() const { return failure(); }

private:
  InFlightDiagnostic diag;
};

/// Returns an error to stream the message into; a callable returning
/// InFlightDiagnostic (e.g. `[&] { return op.emitOpError(); }`) fits, and one
/// returning ShapeError() reports nothing.
using EmitErrorFn = llvm::function_ref<ShapeError()>;

/// Makes an EmitErrorFn-compatible callable that reports at |loc| with the
/// same "'op.name' op " prefix as Operation::emitOpError, or reports nothing
/// without a location (as inferReturnTypes is asked to).
struct OpErrorEmitter {
  std::optional<Location> loc;
  StringRef opName;
  ShapeError operator()() const;
};

/// Formats a shape as "[2, 3, 4]".
std::string formatShape(ArrayRef<int64_t> shape);

/// Number of elements of a static shape.
int64_t getNumElements(ArrayRef<int64_t> shape);

/// NumPy broadcasting of all |shapes| into |result|.
LogicalResult broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes,
                              SmallVectorImpl<int64_t> &result,
                              EmitErrorFn emitError);

/// True if |from| broadcasts to exactly |to| (ONNX "unidirectional").
bool isBroadcastableTo(ArrayRef<int64_t> from, ArrayRef<int64_t> to);

/// Checks that |axis| is in [0, rank).
LogicalResult verifyAxis(int64_t axis, int64_t rank, StringRef what,
                         EmitErrorFn emitError);

/// Checks that |axes| are sorted, unique and in [0, rank).
LogicalResult verifyAxes(ArrayRef<int64_t> axes, int64_t rank,
                         EmitErrorFn emitError);

/// Shape of a reduction of |input| over |axes|.
LogicalResult inferReduceShape(ArrayRef<int64_t> input, ArrayRef<int64_t> axes,
                               bool keepDims, SmallVectorImpl<int64_t> &result,
                               EmitErrorFn emitError);

/// Shape of NumPy matmul, with optional transposition of the last two
/// dimensions of each operand.
LogicalResult inferMatmulShape(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs,
                               bool transposeLhs, bool transposeRhs,
                               SmallVectorImpl<int64_t> &result,
                               EmitErrorFn emitError);

/// Checks the window attributes of a convolution or pooling op over
/// |spatialRank| spatial dimensions.
LogicalResult verifyWindowAttrs(int64_t spatialRank, ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> pads,
                                ArrayRef<int64_t> dilations,
                                EmitErrorFn emitError);

/// Shape of a convolution of |input| [N, C, D...] with |weight|
/// [M, C/groups, K...].
LogicalResult inferConvShape(ArrayRef<int64_t> input, ArrayRef<int64_t> weight,
                             ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                             ArrayRef<int64_t> dilations, int64_t groups,
                             SmallVectorImpl<int64_t> &result,
                             EmitErrorFn emitError);

/// Shape of a transposed convolution of |input| [N, C, D...] with |weight|
/// [C, M/groups, K...].
LogicalResult inferConvTransposeShape(
    ArrayRef<int64_t> input, ArrayRef<int64_t> weight,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
    ArrayRef<int64_t> dilations, ArrayRef<int64_t> outputPadding,
    int64_t groups, SmallVectorImpl<int64_t> &result, EmitErrorFn emitError);

/// Shape of max/average pooling of |input| [N, C, D...].
LogicalResult inferPoolShape(ArrayRef<int64_t> input, ArrayRef<int64_t> kernel,
                             ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                             ArrayRef<int64_t> dilations, bool ceilMode,
                             SmallVectorImpl<int64_t> &result,
                             EmitErrorFn emitError);

/// The transpose permutation from channels-first [N, C, D...] to
/// channels-last [N, D..., C] of rank |rank| (|toLast|), or back; the same
/// permutation takes a conv weight [M, C/g, K...] to [M, K..., C/g].
SmallVector<int64_t> channelsLastPerm(int64_t rank, bool toLast);

/// Shape of |input| permuted by |perm|.
LogicalResult inferTransposeShape(ArrayRef<int64_t> input,
                                  ArrayRef<int64_t> perm,
                                  SmallVectorImpl<int64_t> &result,
                                  EmitErrorFn emitError);

/// Shape of a concatenation of |inputs| along |axis|.
LogicalResult inferConcatShape(ArrayRef<ArrayRef<int64_t>> inputs, int64_t axis,
                               SmallVectorImpl<int64_t> &result,
                               EmitErrorFn emitError);

/// Checks a strided slice of |input|; the result shape is |sizes|.
LogicalResult verifySlice(ArrayRef<int64_t> input, ArrayRef<int64_t> offsets,
                          ArrayRef<int64_t> sizes, ArrayRef<int64_t> strides,
                          EmitErrorFn emitError);

/// Shape of |input| padded by |pads| (begin pads, then end pads; negative
/// pads crop). |reflect| pads must be smaller than the dimension; |replicate|
/// (any mode that reads the input: reflect, edge, wrap) cannot pad an empty
/// dimension.
LogicalResult inferPadShape(ArrayRef<int64_t> input, ArrayRef<int64_t> pads,
                            bool reflect, bool replicate,
                            SmallVectorImpl<int64_t> &result,
                            EmitErrorFn emitError);

} // namespace mlir::tessera

#endif // TESSERA_IR_SHAPEINFERENCE_H
