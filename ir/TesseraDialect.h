//===- TesseraDialect.h - The tessera dialect -------------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_IR_TESSERADIALECT_H
#define TESSERA_IR_TESSERADIALECT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dialect.h"

#include "ir/TesseraDialect.h.inc"

#endif // TESSERA_IR_TESSERADIALECT_H
