//===- TesseraOps.td - All ops of the tessera dialect ------*- tablegen -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_OPS_TD
#define TESSERA_OPS_TD

include "ir/TesseraBase.td"
include "ir/TesseraElementwiseOps.td"
include "ir/TesseraNNOps.td"
include "ir/TesseraShapeOps.td"
include "ir/TesseraKernelOps.td"

#endif // TESSERA_OPS_TD
