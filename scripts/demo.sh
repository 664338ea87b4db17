#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Builds Tessera (scripts/build.sh) and round-trips examples/mlp.mlir through
# tessera-opt, printing the resulting IR.
set -euo pipefail

repoRoot="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repoRoot
readonly buildDir="${TESSERA_BUILD_DIR:-build}"

"$repoRoot/scripts/build.sh" >&2
cd "$repoRoot"
"$buildDir/bin/tessera-opt" examples/mlp.mlir
