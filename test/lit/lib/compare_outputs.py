# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Compares the outputs tessera-run wrote against ONNX expected outputs.

Usage: compare_outputs.py MODEL.onnx DATA_DIR OUTPUT_DIR
       compare_outputs.py --npy EXPECTED GOT

For output N of MODEL's graph, named NAME, reads DATA_DIR/output_N.pb (the
expected TensorProto) and OUTPUT_DIR/<NAME>.npy (every character of NAME
outside [A-Za-z0-9._-] replaced by '_', as tessera-run names its files), and
checks dtype, shape and values with the tolerances of the ONNX backend test
runner (rtol 1e-3, atol 1e-7; integers and bools exactly). With --npy,
compares two tensor files (.npy or .pb) the same way. Prints one verdict
line; exits 1 on any mismatch or missing file.
"""
import os
import re
import sys

import numpy as np
import onnx
from onnx import numpy_helper

RTOL, ATOL = 1e-3, 1e-7


def read_tensor_proto(path):
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    return numpy_helper.to_array(tensor)


def read_tensor(path):
    if path.endswith(".pb"):
        return read_tensor_proto(path)
    return np.load(path, allow_pickle=False)


def compare(expected, got):
    """None if |got| matches |expected|, else why not."""
    if got.dtype != expected.dtype:
        return f"dtype {got.dtype}, expected {expected.dtype}"
    if got.shape != expected.shape:
        return f"shape {got.shape}, expected {expected.shape}"
    if expected.dtype.kind in "biu":
        bad = np.argwhere(got != expected)
        if len(bad):
            i = tuple(bad[0])
            return (f"{len(bad)} elements differ, first at {list(i)}: "
                    f"{got[i]} != {expected[i]}")
        return None
    try:
        np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL)
    except AssertionError as error:
        detail = " ".join(line.strip() for line in str(error).splitlines()
                          if line.strip().startswith(("Mismatched",
                                                      "Max absolute")))
        return detail or "values differ"
    return None


def main(argv):
    if len(argv) != 4:
        print("\n".join(__doc__.strip().splitlines()[2:4]), file=sys.stderr)
        return 2
    if argv[1] == "--npy":
        if not os.path.exists(argv[3]):
            print(f"MISMATCH: {argv[3]} is missing")
            return 1
        why = compare(read_tensor(argv[2]), read_tensor(argv[3]))
        print(f"MISMATCH: {argv[3]}: {why}" if why else "OK: 1 output(s) match")
        return 1 if why else 0
    model_path, data_dir, output_dir = argv[1:]
    model = onnx.load(model_path, load_external_data=False)
    failures = []
    names = [o.name for o in model.graph.output]
    for index, name in enumerate(names):
        file_name = re.sub(r"[^A-Za-z0-9._-]", "_", name) + ".npy"
        got_path = os.path.join(output_dir, file_name)
        expected_path = os.path.join(data_dir, f"output_{index}.pb")
        if not os.path.exists(got_path):
            failures.append(f"output '{name}': {got_path} is missing")
            continue
        why = compare(read_tensor_proto(expected_path),
                      np.load(got_path, allow_pickle=False))
        if why:
            failures.append(f"output '{name}': {why}")
    if failures:
        print("MISMATCH: " + "; ".join(failures))
        return 1
    print(f"OK: {len(names)} output(s) match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
