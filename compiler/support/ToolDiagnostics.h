//===- ToolDiagnostics.h - How the tools print diagnostics ------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_SUPPORT_TOOLDIAGNOSTICS_H
#define TESSERA_SUPPORT_TOOLDIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"

namespace mlir::tessera {

/// While alive, prints every diagnostic of |context| to stderr as one line
/// "<tool>: error: <message>" (notes as "<tool>: note: ..."). Messages name
/// what they are about themselves (file, node, op), so locations are not
/// repeated.
class ToolDiagnosticHandler : public ScopedDiagnosticHandler {
public:
  ToolDiagnosticHandler(MLIRContext *context, StringRef toolName);
};

} // namespace mlir::tessera

#endif // TESSERA_SUPPORT_TOOLDIAGNOSTICS_H
