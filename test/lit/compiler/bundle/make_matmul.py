"""Writes a small ONNX model: y = act(x · W (+ b)), W and b initializers.

Usage: make_matmul.py OUT.onnx M K N [--bias] [--relu] [--residual]
                      [--swap-batch=B]

x is the input [M, K]; W [K, N] and b [N] are random initializers (seed 0);
--residual adds x back (needs K == N), which cuBLASLt's epilogues cannot do.
--swap-batch=B makes x [B, M, K] and multiplies Transpose(x, [1, 0, 2])
([M, B, K], as PyTorch's batch_first attention exports its projections):
y is [M, B, N].
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    out, m, k, n = sys.argv[1], *map(int, sys.argv[2:5])
    flags = set(f for f in sys.argv[5:] if "=" not in f)
    swap = [int(f.split("=")[1]) for f in sys.argv[5:]
            if f.startswith("--swap-batch=")]
    rng = np.random.default_rng(0)
    w = (rng.standard_normal((k, n)) / np.sqrt(k)).astype(np.float32)
    inits = [numpy_helper.from_array(w, "W")]
    nodes = []
    x, x_shape, y_shape = "x", [m, k], [m, n]
    if swap:
        nodes.append(helper.make_node("Transpose", ["x"], ["xt"],
                                      perm=[1, 0, 2], name="swap"))
        x, x_shape, y_shape = "xt", [swap[0], m, k], [m, swap[0], n]
    nodes.append(helper.make_node("MatMul", [x, "W"], ["mm"], name="mm"))
    last = "mm"
    if "--bias" in flags:
        b = rng.standard_normal(n).astype(np.float32)
        inits.append(numpy_helper.from_array(b, "b"))
        nodes.append(helper.make_node("Add", [last, "b"], ["biased"],
                                      name="bias"))
        last = "biased"
    if "--relu" in flags:
        nodes.append(helper.make_node("Relu", [last], ["act"], name="relu"))
        last = "act"
    if "--residual" in flags:
        nodes.append(helper.make_node("Add", [last, "x"], ["res"],
                                      name="residual"))
        last = "res"
    nodes.append(helper.make_node("Identity", [last], ["y"], name="out"))
    graph = helper.make_graph(
        nodes, "matmul",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, x_shape)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, y_shape)],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, out)


if __name__ == "__main__":
    main()
