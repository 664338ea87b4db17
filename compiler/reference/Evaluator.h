//===- Evaluator.h - CPU reference evaluator of the tessera dialect -*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The oracle: straightforward loops over host tensors for every tessera op,
// independent of the GPU code generator. Float ops of f32/f64 results
// compute in double, f16/bf16 ones in float, and every op rounds to its
// result type (ONNX semantics). The importer also uses it to evaluate
// constant sub-graphs.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_REFERENCE_EVALUATOR_H
#define TESSERA_REFERENCE_EVALUATOR_H

#include "runtime/tensor/HostTensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMap.h"

#include <functional>

namespace mlir::tessera {

using ::tessera::DType;
using ::tessera::HostTensor;

/// The DType of an MLIR element type, if Tessera supports it.
std::optional<DType> toDType(Type elementType);
/// The MLIR element type of |dtype|.
Type toElementType(DType dtype, MLIRContext *context);
/// The ranked tensor type of |tensor|.
RankedTensorType toTensorType(const HostTensor &tensor, MLIRContext *context);

/// The value of a dense or dense_resource constant.
FailureOr<HostTensor> toHostTensor(ElementsAttr value);
/// The value of |value| when a readable tessera.constant defines it.
std::optional<HostTensor> constantValueOf(Value value);

/// |tensor| with its dimensions permuted: result dimension i is dimension
/// perm[i] of |tensor| (tessera.transpose).
HostTensor transposeTensor(const HostTensor &tensor, ArrayRef<int64_t> perm);

/// An attribute holding |tensor|: a splat when all elements are equal, a
/// dense_resource blob named |resourceName| when it is larger than
/// |resourceThreshold| bytes, else a dense attribute.
ElementsAttr toElementsAttr(const HostTensor &tensor, MLIRContext *context,
                            StringRef resourceName = "tensor",
                            size_t resourceThreshold = 1024);

/// Evaluates ops of one kind: fills |results| (one per op result) from
/// |operands| (one per op operand) or emits an error at the op.
using EvaluateFn = std::function<LogicalResult(
    Operation *op, ArrayRef<const HostTensor *> operands,
    SmallVectorImpl<HostTensor> &results)>;

/// Which function evaluates which op.
class EvaluatorRegistry {
public:
  /// Registers |fn| for OpT; |fn| takes the typed op and returns the result
  /// of a single-result op.
  template <typename OpT>
  void add(std::function<FailureOr<HostTensor>(
               OpT op, ArrayRef<const HostTensor *> operands)>
               fn) {
    functions[TypeID::get<OpT>()] =
        [fn](Operation *op, ArrayRef<const HostTensor *> operands,
             SmallVectorImpl<HostTensor> &results) -> LogicalResult {
      FailureOr<HostTensor> result = fn(cast<OpT>(op), operands);
      if (failed(result))
        return failure();
      results.push_back(std::move(*result));
      return success();
    };
  }

  /// Registers |fn| for the op named by |typeID| (any number of results).
  void addRaw(TypeID typeID, EvaluateFn fn) { functions[typeID] = fn; }

  /// The function for |op|, or null.
  const EvaluateFn *lookup(Operation *op) const;

  /// All evaluators, registered once.
  static const EvaluatorRegistry &get();

private:
  llvm::DenseMap<TypeID, EvaluateFn> functions;
};

// One per op category (Eval*.cpp).
void registerElementwiseEvaluators(EvaluatorRegistry &registry);
void registerReductionEvaluators(EvaluatorRegistry &registry);
void registerNNEvaluators(EvaluatorRegistry &registry);
void registerShapeEvaluators(EvaluatorRegistry &registry);
void registerKernelEvaluators(EvaluatorRegistry &registry);

/// Evaluates one op; emits "no reference evaluation for 'op'" at the op when
/// no function is registered.
LogicalResult evaluateOp(Operation *op, ArrayRef<const HostTensor *> operands,
                         SmallVectorImpl<HostTensor> &results);

/// Evaluates the ops of |block| in order, starting from |values| (which must
/// hold the block arguments and any value defined above); returns the
/// operands of the terminator. With |arena| non-null, every result of a
/// tessera.kernel that has an arena offset is written into |arena| at that
/// offset and read back from there by its users, so that two buffers wrongly
/// sharing bytes corrupt the result (memory-plan checking).
FailureOr<SmallVector<HostTensor>>
evaluateBlock(Block &block, llvm::DenseMap<Value, HostTensor> &values,
              std::vector<uint8_t> *arena = nullptr);

/// evaluateOp on owned |operands| with every diagnostic suppressed: for
/// folding, where an op the evaluator refuses (e.g. an integer division by
/// zero) simply stays an op.
FailureOr<SmallVector<HostTensor>> evaluateOpQuietly(Operation *op,
                                                     ArrayRef<HostTensor> operands);

/// Evaluates |func| (tessera ops and func.return) on |inputs|, which must
/// match the argument types; returns the values of func.return. A function
/// with a `tessera.arena_bytes` attribute (a memory plan) is evaluated
/// through a simulated arena of that size (see evaluateBlock).
FailureOr<SmallVector<HostTensor>> evaluateFunction(func::FuncOp func,
                                                    ArrayRef<HostTensor> inputs);

} // namespace mlir::tessera

#endif // TESSERA_REFERENCE_EVALUATOR_H
