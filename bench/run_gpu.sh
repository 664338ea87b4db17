#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# The GPU benchmark, in one run on the GPU machine (docs/performance.md).
# Needs only bench/out from bench/prepare.sh (the static tessera-bench and
# the bundles: no compiler, no LLVM) and the machine's python3 with torch.
#   1. tessera-bench: the copy bandwidth, then every case's bundles (the
#      variants of a case in one process, so that each is checked against
#      the first on the same inputs);
#   2. bench/torch_bench.py: the PyTorch baselines;
#   3. bench/report.py: the tables, with the device name.
# Results go to $OUT (the device tool's output folder) or bench/out/results:
# tessera.jsonl, torch.jsonl, results.md (printed last). To record them:
#   python3 bench/report.py bench/out/manifest.json RESULTS/tessera.jsonl \
#     RESULTS/torch.jsonl --update docs/performance.md
# Usage: bench/run_gpu.sh [tessera-bench options, e.g. --samples 10]
set -euo pipefail

cd "$(dirname "$0")/.."
RESULTS=${OUT:-bench/out/results}
mkdir -p "$RESULTS"
BENCH=bench/out/bin/tessera-bench
PYTHON=${PYTHON:-python3}
if [[ ! -x $BENCH || ! -f bench/out/manifest.json ]]; then
  echo "run_gpu.sh: bench/out is missing; run bench/prepare.sh first" >&2
  exit 1
fi

nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem \
  --format=csv 2>&1 | tee "$RESULTS/nvidia-smi.txt" || true

: > "$RESULTS/tessera.jsonl"
"$BENCH" "$@" --copy-bytes=$((1 << 30)) | tee -a "$RESULTS/tessera.jsonl"
"$PYTHON" bench/cases.py list bench/out/manifest.json |
  while read -r name bundles; do
    echo "== $name" >&2
    # shellcheck disable=SC2086 # the bundles are separate words
    "$BENCH" "$@" $bundles | tee -a "$RESULTS/tessera.jsonl" ||
      echo "run_gpu.sh: $name failed (see above)" >&2
  done

PYTHONUNBUFFERED=1 "$PYTHON" bench/torch_bench.py bench/out/manifest.json |
  tee "$RESULTS/torch.jsonl"

"$PYTHON" bench/report.py bench/out/manifest.json "$RESULTS/tessera.jsonl" \
  "$RESULTS/torch.jsonl" > "$RESULTS/results.md"
cat "$RESULTS/results.md"
