//===- ToolDiagnostics.cpp - How the tools print diagnostics --------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "compiler/support/ToolDiagnostics.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tessera;

static const char *severityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

ToolDiagnosticHandler::ToolDiagnosticHandler(MLIRContext *context,
                                             StringRef toolName)
    : ScopedDiagnosticHandler(context) {
  std::string tool = toolName.str();
  setHandler([tool](Diagnostic &diag) {
    llvm::errs() << tool << ": " << severityName(diag.getSeverity()) << ": "
                 << diag.str() << "\n";
    for (Diagnostic &note : diag.getNotes())
      llvm::errs() << tool << ": note: " << note.str() << "\n";
    return success();
  });
}
