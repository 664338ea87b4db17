#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Every GPU test in one command: `ctest -L gpu` on the build folder
# ($TESSERA_BUILD_DIR, default build), i.e.
#   gpu            tessera-gpu-tests (device, layout probes, the CUDA executor:
#                  cubin/PTX/source JIT, device pointers on a caller's stream,
#                  CUDA graphs, two contexts on two threads, out of memory)
#   gpu.models     the example models and the ONNX conformance suite with
#                  --device=cuda (test/gpu/run-gpu-checks.sh models)
#   gpu.sanitizer  compute-sanitizer memcheck and racecheck over the example
#                  bundles, memcheck over the executor's tests
# Without a CUDA device every one of them reports Skipped (exit 0). Extra
# arguments go to ctest (e.g. -V).
set -euo pipefail

repoRoot="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repoRoot
readonly buildDir="${TESSERA_BUILD_DIR:-build}"
cd "$repoRoot"
exec ctest --test-dir "$buildDir" -L gpu --output-on-failure "$@"
