#!/usr/bin/env bash
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# The `static-tools` ctest test (only with -DTESSERA_STATIC_TOOLS=ON): every
# tool given on the command line may depend dynamically on glibc alone (so it
# can be copied to the GPU machine, which has no LLVM), and stays under
# 12 MiB once stripped. (Measured 2026-11-23: tessera-run, which carries the
# importer, the passes, the emitters, the bundle builder, the emulator and
# the CUDA executor, is 8.3 MB; tessera-compile 7.2 MB; tessera-opt 5.6 MB.)
set -euo pipefail

readonly maxStrippedBytes=$((12 * 1024 * 1024))
status=0
for tool in "$@"; do
  extra="$(ldd "$tool" | grep -Ev 'linux-vdso|ld-linux|/lib(c|m|dl|pthread|rt)\.so' || true)"
  if [[ -n "$extra" ]]; then
    echo "check-static-tools: $tool depends on more than glibc:" >&2
    echo "$extra" >&2
    status=1
  fi
  stripped="$(mktemp)"
  strip -o "$stripped" "$tool"
  size=$(stat -c %s "$stripped")
  rm -f "$stripped"
  if ((size > maxStrippedBytes)); then
    echo "check-static-tools: $tool is $size bytes stripped (limit $maxStrippedBytes)" >&2
    status=1
  fi
  echo "$(basename "$tool"): $size bytes stripped, glibc only"
done
exit "$status"
