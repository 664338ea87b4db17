//===- prelude.cuh - Device prelude: everything ---------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The whole device prelude in one include, for kernels that use a bit of
// everything. See docs/prelude.md for each primitive on both targets.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_PRELUDE_PRELUDE_CUH
#define TESSERA_PRELUDE_PRELUDE_CUH

#include "tessera/atomic.cuh"
#include "tessera/attention.cuh"
#include "tessera/core.cuh"
#include "tessera/gemm.cuh"
#include "tessera/half.cuh"
#include "tessera/math.cuh"
#include "tessera/mma.cuh"
#include "tessera/reduce.cuh"
#include "tessera/vector.cuh"
#include "tessera/warp.cuh"

#endif // TESSERA_PRELUDE_PRELUDE_CUH
