#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# The GPU checks that run tools rather than GoogleTest (ctest tests
# gpu.models and gpu.sanitizer, label `gpu`; all of them at once:
# scripts/gpu-tests.sh or `ctest -L gpu`):
#
#   run-gpu-checks.sh models    BUILD_DIR   the example models compiled for
#       the device and run with --device=cuda, compared with PyTorch's outputs
#       and the CPU reference; then the ONNX conformance suite on the GPU
#       (run_conformance.py --device=cuda);
#   run-gpu-checks.sh sanitizer BUILD_DIR   compute-sanitizer (memcheck and
#       racecheck) over the example bundles, and memcheck over the CUDA
#       executor's GoogleTest cases (graphs, device pointers, two threads).
#
# Exits 77 (ctest's SKIP_RETURN_CODE) without a CUDA device, or for
# `sanitizer` without compute-sanitizer, saying why; 0 when everything
# passed, 1 otherwise.
set -uo pipefail

readonly mode="${1:-}"
readonly buildDir="${2:-build}"
repoRoot="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly repoRoot
readonly bin="$buildDir/bin"
readonly models="$repoRoot/examples/models"
readonly examples=(mlp_gelu transformer_encoder conv_bn_relu lstm)
readonly python=/usr/bin/python3

skip() {
  echo "run-gpu-checks: $mode skipped: $*"
  exit 77
}

if [[ $mode != models && $mode != sanitizer ]]; then
  echo "usage: run-gpu-checks.sh models|sanitizer BUILD_DIR" >&2
  exit 2
fi
for tool in tessera-devices tessera-compile tessera-run; do
  [[ -x "$bin/$tool" ]] || { echo "run-gpu-checks: no $bin/$tool" >&2; exit 1; }
done
if ! devices="$("$bin/tessera-devices" 2>&1)"; then
  skip "$devices"
fi
# "0<TAB>NAME<TAB>9.0<TAB>..." -> sm_90
capability="$(printf '%s\n' "$devices" | awk -F'\t' 'NR == 2 { print $3 }')"
readonly sm="sm_${capability/./}"
echo "run-gpu-checks: device 0 is $(printf '%s\n' "$devices" | awk -F'\t' 'NR == 2 { print $2 }') ($sm)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "run-gpu-checks: FAILED: $*"
  failures=$((failures + 1))
}

# Compiles every example for the device (and sm_80 for the PTX fallback).
compileExamples() {
  local model
  for model in "${examples[@]}"; do
    "$bin/tessera-compile" "$models/$model.onnx" -o "$work/$model.tsrb" \
      --target "$sm,sm_80" || fail "tessera-compile $model --target $sm,sm_80"
  done
}

if [[ $mode == models ]]; then
  compileExamples
  for model in "${examples[@]}"; do
    [[ -f "$work/$model.tsrb" ]] || continue
    out="$work/out.$model"
    # Three runs: the first eager, then two CUDA-graph replays, all equal.
    if ! "$bin/tessera-run" "$work/$model.tsrb" --device=cuda --runs 3 \
        --input "input=$models/$model.input_0.npy" --output-dir "$out"; then
      fail "tessera-run $model.tsrb --device=cuda --runs 3"
      continue
    fi
    "$python" "$repoRoot/test/lit/lib/compare_outputs.py" --npy \
      "$models/$model.output_0.npy" "$out/output.npy" ||
      fail "$model on the GPU vs PyTorch"
    "$bin/tessera-run" "$models/$model.onnx" --device=cpu \
      --input "input=$models/$model.input_0.npy" --output-dir "$out.cpu" &&
      "$python" "$repoRoot/test/lit/lib/compare_outputs.py" --npy \
        "$out.cpu/output.npy" "$out/output.npy" ||
      fail "$model on the GPU vs the CPU reference"
    # The source JIT path and graphs off give the same outputs.
    TESSERA_FORCE_JIT=1 TESSERA_CUDA_GRAPHS=0 "$bin/tessera-run" \
      "$work/$model.tsrb" --device=cuda --runs 2 \
      --input "input=$models/$model.input_0.npy" --output-dir "$out.jit" &&
      "$python" "$repoRoot/test/lit/lib/compare_outputs.py" --npy \
        "$out/output.npy" "$out.jit/output.npy" ||
      fail "$model with TESSERA_FORCE_JIT=1 TESSERA_CUDA_GRAPHS=0"
  done
  # The same generated kernels as under the emulator: the emulator's
  # baseline is the one to meet.
  echo "run-gpu-checks: the ONNX conformance suite with --device=cuda"
  "$python" "$repoRoot/test/conformance/run_conformance.py" --device=cuda \
    --tessera-run "$bin/tessera-run" --build-dir "$buildDir" \
    --baseline "$repoRoot/docs/onnx-coverage-emu.md" ||
    fail "run_conformance.py --device=cuda"
else
  sanitizer="$(command -v compute-sanitizer || true)"
  [[ -z $sanitizer && -x /usr/local/cuda/bin/compute-sanitizer ]] &&
    sanitizer=/usr/local/cuda/bin/compute-sanitizer
  [[ -n $sanitizer ]] || skip "no compute-sanitizer (PATH, /usr/local/cuda/bin)"
  compileExamples
  for model in "${examples[@]}"; do
    [[ -f "$work/$model.tsrb" ]] || continue
    for tool in memcheck racecheck; do
      echo "run-gpu-checks: compute-sanitizer --tool $tool: $model.tsrb"
      "$sanitizer" --tool "$tool" --error-exitcode 1 \
        "$bin/tessera-run" "$work/$model.tsrb" --device=cuda \
        --input "input=$models/$model.input_0.npy" >/dev/null ||
        fail "compute-sanitizer --tool $tool on $model"
    done
  done
  if [[ -x "$bin/tessera-gpu-tests" ]]; then
    echo "run-gpu-checks: compute-sanitizer --tool memcheck: tessera-gpu-tests"
    # Its out-of-memory case fails a cudaMalloc on purpose: API errors are
    # the tests' business, memory errors the sanitizer's.
    "$sanitizer" --tool memcheck --error-exitcode 1 --report-api-errors no \
      "$bin/tessera-gpu-tests" --gtest_filter='CudaExecutorGpu.*:BundleGpu.*' ||
      fail "compute-sanitizer --tool memcheck on tessera-gpu-tests"
  fi
fi

if ((failures)); then
  echo "run-gpu-checks: $mode: $failures failure(s)"
  exit 1
fi
echo "run-gpu-checks: $mode: all passed"
