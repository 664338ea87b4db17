# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Compares a tensor against the expected one within a scale-relative bound.

Usage: compare_scaled.py EXPECTED GOT TOL

Passes when max |GOT - EXPECTED| <= TOL * max |EXPECTED| (shapes and dtypes
equal). Used for the reduced-precision (tf32 / bf16 / f16 tensor-core math)
runs of the example models, whose documented tolerances are in
docs/codegen.md. Prints one verdict line; exits 1 on a mismatch.
"""
import sys

import numpy as np


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    expected = np.load(argv[1], allow_pickle=False)
    got = np.load(argv[2], allow_pickle=False)
    tol = float(argv[3])
    if got.dtype != expected.dtype or got.shape != expected.shape:
        print(f"MISMATCH: {got.dtype}{list(got.shape)}, expected "
              f"{expected.dtype}{list(expected.shape)}")
        return 1
    scale = float(np.abs(expected.astype(np.float64)).max())
    error = float(np.abs(got.astype(np.float64) - expected).max())
    if not error <= tol * scale:
        print(f"MISMATCH: max error {error:.3g} > {tol} x scale {scale:.3g}")
        return 1
    print(f"OK: within {tol} of the output scale")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
