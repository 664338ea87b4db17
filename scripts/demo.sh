#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Builds Tessera (scripts/build.sh), then shows the main job as far as it
# exists today: parse and verify a small model (examples/mlp.mlir) in the
# tessera dialect, print it, and print it again after canonicalization
# (constant folding, x + 0 and x * 1 removed). Later issues extend this to
# import an ONNX file, compile it and run it.
set -euo pipefail

repoRoot="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repoRoot
readonly buildDir="${TESSERA_BUILD_DIR:-build}"

"$repoRoot/scripts/build.sh" >&2
cd "$repoRoot"
echo "// ---- examples/mlp.mlir, parsed, verified and printed by tessera-opt"
"$buildDir/bin/tessera-opt" examples/mlp.mlir
echo "// ---- after tessera-opt --canonicalize"
"$buildDir/bin/tessera-opt" --canonicalize examples/mlp.mlir
