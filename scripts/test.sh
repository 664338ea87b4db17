#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Builds Tessera (scripts/build.sh, which receives the arguments) and runs
# every test suite with ctest: lit, unit, runtime and gpu (the gpu suite
# reports "Skipped" without a CUDA device). Exits non-zero on any failure.
set -euo pipefail

repoRoot="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repoRoot
readonly buildDir="${TESSERA_BUILD_DIR:-build}"

"$repoRoot/scripts/build.sh" "$@"
cd "$repoRoot"
ctest --test-dir "$buildDir" --output-on-failure
