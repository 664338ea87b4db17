#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Builds Tessera (scripts/build.sh), then shows the main job as far as it
# exists today, on the example models of examples/models (exported from
# PyTorch by examples/make_models.py):
#  1. import an ONNX model into the tessera dialect and print it,
#  2. compile every example into a bundle of generated CUDA kernels
#     (tessera-compile -o MODEL.tsrb, NVRTC for sm_80 and sm_90a), show
#     what the bundle holds (tessera-inspect), and run it: on the GPU when
#     there is one, else on the CPU emulator (the same kernels, compiled for
#     the host), saying which;
#  3. compare each result with the output PyTorch computed for the same
#     input, and with the CPU reference evaluator.
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
if "$bin/tessera-devices" > /dev/null 2>&1; then
  device=cuda
  echo "// a CUDA GPU is present: bundles run on it"
else
  device=emu
  echo "// no CUDA GPU here: bundles run on the CPU emulator (--device=emu)"
fi
for model in mlp_gelu transformer_encoder conv_bn_relu lstm; do
  bundle="$outDir/$model.tsrb"
  echo "// ---- tessera-compile $models/$model.onnx -o $model.tsrb --target sm_80,sm_90a"
  "$bin/tessera-compile" "$models/$model.onnx" -o "$bundle" \
    --target sm_80,sm_90a
  if [[ $model == mlp_gelu ]]; then
    echo "// ---- tessera-inspect $model.tsrb"
    "$bin/tessera-inspect" "$bundle"
  fi
  echo "// ---- tessera-run $model.tsrb --device=$device --input input=$model.input_0.npy"
  "$bin/tessera-run" "$bundle" --device=$device \
    --input "input=$models/$model.input_0.npy" --output-dir "$outDir/$model"
  printf 'compared with PyTorch: '
  /usr/bin/python3 test/lit/lib/compare_outputs.py --npy \
    "$models/$model.output_0.npy" "$outDir/$model/output.npy"
  "$bin/tessera-run" "$models/$model.onnx" --device=cpu \
    --input "input=$models/$model.input_0.npy" --output-dir "$outDir/$model.cpu"
  printf 'compared with the CPU reference evaluator: '
  /usr/bin/python3 test/lit/lib/compare_outputs.py --npy \
    "$outDir/$model.cpu/output.npy" "$outDir/$model/output.npy"
done
