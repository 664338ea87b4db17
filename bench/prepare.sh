#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Prepares the GPU benchmark on a machine with the compiler (no GPU needed):
#   1. builds tessera-compile (in $BUILD, default build/) and a static,
#      runtime-only tessera-bench (in $STATIC_BUILD, default build-static/,
#      configured with -DTESSERA_STATIC_TOOLS=ON: glibc is its only shared
#      library, so it runs on the GPU machine's image);
#   2. writes the models (bench/make_models.py; Debian's python3 with onnx,
#      numpy and torch) into bench/work/models and the manifest into
#      bench/out/manifest.json;
#   3. compiles every case's variants into bench/out/bundles (sm_90a, NVRTC
#      cubin + PTX) and copies tessera-bench to bench/out/bin.
# bench/out is all that bench/run_gpu.sh needs on the GPU machine (no LLVM,
# no compiler there). Usage: bench/prepare.sh
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
STATIC_BUILD=${STATIC_BUILD:-build-static}
PYTHON=${PYTHON:-/usr/bin/python3}
LOCK=${LOCK:-/tmp/tessera-build.lock}

flock "$LOCK" ninja -C "$BUILD" tessera-compile
if ! grep -q '^TESSERA_STATIC_TOOLS:BOOL=ON' "$STATIC_BUILD/CMakeCache.txt" 2>/dev/null; then
  echo "prepare.sh: $STATIC_BUILD is not a -DTESSERA_STATIC_TOOLS=ON build" \
       "(cmake -G Ninja -S . -B $STATIC_BUILD -DCMAKE_BUILD_TYPE=Release" \
       "-DTESSERA_STATIC_TOOLS=ON)" >&2
  exit 1
fi
flock "$LOCK" ninja -C "$STATIC_BUILD" tessera-bench

rm -rf bench/out
mkdir -p bench/out/bin bench/out/bundles bench/work/models
cp "$STATIC_BUILD/bin/tessera-bench" bench/out/bin/
strip bench/out/bin/tessera-bench
extra="$(ldd bench/out/bin/tessera-bench | grep -Ev 'linux-vdso|ld-linux|/lib(c|m|dl|pthread|rt)\.so' || true)"
if [[ -n "$extra" ]]; then
  echo "prepare.sh: tessera-bench depends on more than glibc:" >&2
  echo "$extra" >&2
  exit 1
fi

"$PYTHON" bench/make_models.py bench/out bench/work/models
"$PYTHON" bench/cases.py compile bench/out/manifest.json \
  "$BUILD/bin/tessera-compile" bench/out/bundles

echo "prepare.sh: bench/out is $(du -sh bench/out | cut -f1); on the GPU" \
     "machine run bench/run_gpu.sh (carry bench/out)"
