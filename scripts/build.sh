#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Builds Tessera on Debian 12 with the CUDA toolkit (12.5 or newer):
#  1. installs the missing Debian packages (quietly; nothing is printed when
#     all of them are present),
#  2. checks for the CUDA toolkit,
#  3. configures with CMake + Ninja into build/ ($TESSERA_BUILD_DIR overrides;
#     a relative path is taken from the repository root) and builds.
# Arguments are passed on to the CMake configure step, e.g.
#   scripts/build.sh -DTESSERA_BUILD_COMPILER=OFF
set -euo pipefail
shopt -s extglob

repoRoot="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repoRoot
readonly buildDir="${TESSERA_BUILD_DIR:-build}"
readonly llvmRoot=/usr/lib/llvm-19
cudaRoot=""

readonly packages=(
  cmake ninja-build g++
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools lld-19
  libzstd-dev zlib1g-dev
  libonnx-dev libprotobuf-dev protobuf-compiler
  libxxhash-dev libgtest-dev
  python3 python3-onnx python3-numpy python3-torch
)

log() { echo "build.sh: $*" >&2; }

# Prints the packages of "${packages[@]}" that dpkg does not list as installed.
missingPackages() {
  local package status
  for package in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)"
    [[ "$status" == installed ]] || echo "$package"
  done
}

installPackages() {
  local missing
  mapfile -t missing < <(missingPackages)
  ((${#missing[@]} == 0)) && return 0

  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || {
      log "missing packages (${missing[*]}) and no sudo to install them as root"
      exit 1
    }
    sudo=(sudo)
  fi
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y
             -o DPkg::Lock::Timeout=600)
  local aptLog
  aptLog="$(mktemp)"
  log "installing ${missing[*]}"
  # A fresh machine may have no package lists yet: update once and retry.
  if ! "${apt[@]}" install --no-install-recommends "${missing[@]}" \
      >"$aptLog" 2>&1; then
    if ! { "${apt[@]}" update && "${apt[@]}" install --no-install-recommends \
             "${missing[@]}"; } >"$aptLog" 2>&1; then
      cat "$aptLog" >&2
      rm -f "$aptLog"
      log "apt-get failed to install: ${missing[*]}"
      exit 1
    fi
  fi
  rm -f "$aptLog"
}

# Sets cudaRoot to the CUDA toolkit (with nvcc and NVRTC) or exits with help.
findCuda() {
  local candidates=()
  [[ -n "${CUDAToolkit_ROOT:-}" ]] && candidates+=("$CUDAToolkit_ROOT")
  candidates+=(/usr/local/cuda)
  local root
  for root in "${candidates[@]}"; do
    if [[ -x "$root/bin/nvcc" ]] &&
        compgen -G "$root/@(lib|lib64|targets/*/lib)/libnvrtc.so*" >/dev/null; then
      cudaRoot="$root"
      break
    fi
  done
  if [[ -z "$cudaRoot" ]]; then
    cat >&2 <<MSG
build.sh: the CUDA toolkit (12.5 or newer) was not found.
  Looked for bin/nvcc and lib64/libnvrtc.so in: ${candidates[*]}
  Install the CUDA toolkit (https://developer.nvidia.com/cuda-downloads), or
  point to an existing one with: export CUDAToolkit_ROOT=/path/to/cuda
MSG
    exit 1
  fi
  local version
  version="$("$cudaRoot/bin/nvcc" --version | sed -n 's/.*release \([0-9]*\.[0-9]*\).*/\1/p')"
  local major="${version%%.*}" minor="${version#*.}"
  if [[ -z "$version" ]] || ((10#$major < 12 || (10#$major == 12 && 10#$minor < 5))); then
    log "the CUDA toolkit in $cudaRoot is version ${version:-unknown};" \
        "Tessera needs 12.5 or newer (set CUDAToolkit_ROOT to another one)"
    exit 1
  fi
}

installPackages
findCuda

cd "$repoRoot"
cmake -S . -B "$buildDir" -G Ninja --no-warn-unused-cli \
  -DCUDAToolkit_ROOT="$cudaRoot" \
  -DMLIR_DIR="$llvmRoot/lib/cmake/mlir" \
  -DLLVM_EXTERNAL_LIT="$llvmRoot/build/utils/lit/lit.py" \
  -DPython3_EXECUTABLE=/usr/bin/python3 \
  "$@"
cmake --build "$buildDir"
