//===- EvalShape.cpp - Reference evaluation of constants and data movement ===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/EvalUtils.h"
#include "ir/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

void mlir::tessera::registerShapeEvaluators(EvaluatorRegistry &registry) {
  registry.add<ConstantOp>(
      [](ConstantOp op, ArrayRef<const HostTensor *>) -> FailureOr<HostTensor> {
        FailureOr<HostTensor> value = toHostTensor(op.getValue());
        if (failed(value))
          return op.emitError("cannot read the value of this constant (an "
                              "elided or mistyped resource?)");
        return value;
      });
}
