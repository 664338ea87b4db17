#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Builds Tessera (scripts/build.sh), then shows the main job as far as it
# exists today, on the example models of examples/models (exported from
# PyTorch by examples/make_models.py):
#  1. import an ONNX model into the tessera dialect and print it,
#  2. evaluate every example on the CPU reference evaluator and compare the
#     result with the output PyTorch computed for the same input.
# Later issues extend this to compile the model to CUDA and run it.
set -euo pipefail

repoRoot="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repoRoot
readonly buildDir="${TESSERA_BUILD_DIR:-build}"

"$repoRoot/scripts/build.sh" >&2
cd "$repoRoot"
readonly bin="$buildDir/bin"
readonly models=examples/models

echo "// ---- tessera-compile $models/mlp_gelu.onnx (Linear, GELU, Linear, softmax)"
# Weights print as dense_resource blobs; their bytes are elided here.
"$bin/tessera-compile" "$models/mlp_gelu.onnx" \
  --mlir-elide-resource-strings-if-larger=16 --mlir-elide-elementsattrs-if-larger=16

outDir="$(mktemp -d)"
trap 'rm -rf "$outDir"' EXIT
for model in mlp_gelu transformer_encoder conv_bn_relu lstm; do
  echo "// ---- tessera-run $models/$model.onnx --input input=$model.input_0.npy"
  "$bin/tessera-run" "$models/$model.onnx" \
    --input "input=$models/$model.input_0.npy"
  "$bin/tessera-run" "$models/$model.onnx" \
    --input "input=$models/$model.input_0.npy" --output-dir "$outDir/$model"
  printf 'compared with PyTorch: '
  /usr/bin/python3 test/lit/lib/compare_outputs.py --npy \
    "$models/$model.output_0.npy" "$outDir/$model/output.npy"
done
