#!/usr/bin/env python3
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The benchmark cases of bench/out/manifest.json (bench/make_models.py).

  cases.py compile MANIFEST TESSERA_COMPILE BUNDLE_DIR
      compiles every variant of every case into BUNDLE_DIR/<case>.<variant>
      .tsrb (--target sm_90a, NVRTC cubin and PTX) and records the bundle
      paths (relative to the repository root) in the manifest
  cases.py list MANIFEST
      prints one line per case: its name, then its bundles (first variant
      first), for bench/run_gpu.sh; standard library only
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def compile_cases(manifest_path, compiler, bundle_dir):
    with open(manifest_path) as f:
        manifest = json.load(f)
    os.makedirs(bundle_dir, exist_ok=True)
    for case in manifest["cases"]:
        case["bundles"] = {}
        for variant, options in case["variants"].items():
            bundle = os.path.join(bundle_dir,
                                  "%s.%s.tsrb" % (case["name"], variant))
            start = time.monotonic()
            subprocess.run([compiler, case["model"], "--target", "sm_90a",
                            "-o", bundle] + options, check=True)
            print("%-32s %-10s %6.1f s  %8.1f KiB" %
                  (case["name"], variant, time.monotonic() - start,
                   os.path.getsize(bundle) / 1024.0), flush=True)
            case["bundles"][variant] = os.path.relpath(bundle, ROOT)
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)


def list_cases(manifest_path):
    with open(manifest_path) as f:
        manifest = json.load(f)
    for case in manifest["cases"]:
        print(" ".join([case["name"]] + list(case["bundles"].values())))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "compile":
        compile_cases(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "list":
        list_cases(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
