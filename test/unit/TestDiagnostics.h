// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Captures the diagnostics reported in an MLIRContext, so that unit tests can
// compare them exactly (and nothing is printed to stderr); DiagnosticTest is
// the fixture every unit test builds on.

#ifndef TESSERA_TEST_UNIT_TESTDIAGNOSTICS_H
#define TESSERA_TEST_UNIT_TESTDIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace tessera_test {

/// Diagnostics as DiagnosticCapture records them, in the order reported.
using Messages = std::vector<std::string>;

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
  Messages take() { return std::exchange(messages, {}); }

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

  Messages messages;
  mlir::ScopedDiagnosticHandler handler;
};

/// A fixture owning an MLIRContext whose diagnostics are captured. A test
/// takes (and compares) every diagnostic it expects; none may be left over.
class DiagnosticTest : public ::testing::Test {
protected:
  void TearDown() override { EXPECT_EQ(diagnostics.take(), Messages{}); }

  mlir::MLIRContext context;
  DiagnosticCapture diagnostics{context};
};

} // namespace tessera_test

#endif // TESSERA_TEST_UNIT_TESTDIAGNOSTICS_H
