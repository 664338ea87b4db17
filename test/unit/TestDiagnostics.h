// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Captures the diagnostics reported in an MLIRContext, so that unit tests can
// compare them exactly (and nothing is printed to stderr).

#ifndef TESSERA_TEST_UNIT_TESTDIAGNOSTICS_H
#define TESSERA_TEST_UNIT_TESTDIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <string>
#include <utility>
#include <vector>

namespace tessera_test {

/// While alive, records every diagnostic of |context| as "<severity>: <text>"
/// (e.g. "error: 'tessera.x' op ..."), attached notes as separate entries.
class DiagnosticCapture {
public:
  explicit DiagnosticCapture(mlir::MLIRContext &context)
      : handler(&context, [this](mlir::Diagnostic &diag) {
          record(diag);
          for (mlir::Diagnostic &note : diag.getNotes())
            record(note);
          return mlir::success();
        }) {}

  /// Returns the diagnostics recorded so far and forgets them.
  std::vector<std::string> take() { return std::exchange(messages, {}); }

private:
  void record(mlir::Diagnostic &diag) {
    const char *severity = "";
    switch (diag.getSeverity()) {
    case mlir::DiagnosticSeverity::Error:
      severity = "error: ";
      break;
    case mlir::DiagnosticSeverity::Warning:
      severity = "warning: ";
      break;
    case mlir::DiagnosticSeverity::Note:
      severity = "note: ";
      break;
    case mlir::DiagnosticSeverity::Remark:
      severity = "remark: ";
      break;
    }
    messages.push_back(severity + diag.str());
  }

  std::vector<std::string> messages;
  mlir::ScopedDiagnosticHandler handler;
};

} // namespace tessera_test

#endif // TESSERA_TEST_UNIT_TESTDIAGNOSTICS_H
