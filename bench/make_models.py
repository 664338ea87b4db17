#!/usr/bin/python3
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes the benchmark models and the manifest bench/prepare.sh compiles.

Run with Debian's python3 (python3-onnx, python3-numpy, python3-torch):
    /usr/bin/python3 bench/make_models.py OUT_DIR MODEL_DIR

Writes MODEL_DIR/*.onnx and OUT_DIR/manifest.json: one entry per case
with its group (gemm, attention, memory, e2e), the model, the tessera-compile
options of each variant, and what bench/torch_bench.py needs to run the
PyTorch side (shapes; the example module's name). Every model has f32
tensors; the precision policy (bf16 for the GEMM and attention cases) says
how the matmuls round their operands.

  gemm       MatMul(A[M,K], B[K,N]), both inputs (no weights, so the
             bundles stay small): 4096^3, 8192^3, M in {1,16,64,128} x 4096
             x 4096, and BERT-base's matmuls (QKV 768->2304, output 768->768,
             FFN 768->3072 and 3072->768) at 128 and 1024 tokens
  attention  softmax(Q K^T / sqrt(D)) V over [B*H, S, D] inputs, which the
             pipeline fuses into one attention kernel
  memory     Softmax and LayerNormalization over the last axis
  e2e        the four examples (examples/models) and a BERT-base encoder
             layer (nn.TransformerEncoderLayer(768, 12, 3072), 8 x 128
             tokens; generated kernels only: its 28 MB of weights twice
             would not fit the 64 MiB the GPU machine is sent), f32
"""
import json
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def save(model_dir, name, nodes, inputs, outputs, inits=()):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, s)
         for n, s in inputs],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, s)
         for n, s in outputs],
        list(inits))
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    path = os.path.join(model_dir, name + ".onnx")
    onnx.save(model, path)
    return path


def gemm_cases(model_dir):
    shapes = [(4096, 4096, 4096), (8192, 8192, 8192)]
    shapes += [(m, 4096, 4096) for m in (1, 16, 64, 128)]
    bert = []
    for tokens in (128, 1024):
        for k, n, what in ((768, 2304, "QKV"), (768, 768, "attention out"),
                           (768, 3072, "FFN up"), (3072, 768, "FFN down")):
            bert.append((tokens, k, n, "BERT-base %s, %d tokens" % (what,
                                                                   tokens)))
    cases = []
    for m, k, n, *label in [s + ("",) for s in shapes] + bert:
        name = "gemm_%dx%dx%d" % (m, k, n)
        path = save(model_dir, name,
                    [helper.make_node("MatMul", ["A", "B"], ["C"], name="mm")],
                    [("A", [m, k]), ("B", [k, n])], [("C", [m, n])])
        cases.append({
            "group": "gemm", "name": name, "model": path,
            "label": label[0],
            "m": m, "n": n, "k": k, "flops": 2 * m * n * k,
            "variants": {
                "generated": ["--precision=bf16", "--matmul=generated"],
                "cublaslt": ["--precision=bf16", "--matmul=cublaslt"],
            }})
    return cases


def attention_cases(model_dir):
    cases = []
    for b, h, s, d in ((4, 16, 1024, 64), (2, 16, 4096, 64), (8, 12, 128, 64)):
        name = "attention_%dx%dx%dx%d" % (b, h, s, d)
        scale = numpy_helper.from_array(np.array(math.sqrt(d), np.float32),
                                        "scale")
        nodes = [
            helper.make_node("Transpose", ["K"], ["Kt"], perm=[0, 2, 1],
                             name="kt"),
            helper.make_node("MatMul", ["Q", "Kt"], ["S"], name="qk"),
            helper.make_node("Div", ["S", "scale"], ["Ss"], name="scale"),
            helper.make_node("Softmax", ["Ss"], ["P"], axis=-1,
                             name="softmax"),
            helper.make_node("MatMul", ["P", "V"], ["O"], name="pv"),
        ]
        shape = [b * h, s, d]
        path = save(model_dir, name, nodes,
                    [("Q", shape), ("K", shape), ("V", shape)],
                    [("O", shape)], [scale])
        cases.append({
            "group": "attention", "name": name, "model": path,
            "label": "B=%d H=%d S=%d D=%d" % (b, h, s, d),
            "b": b, "h": h, "s": s, "d": d,
            "flops": 4 * b * h * s * s * d,
            "variants": {"generated": ["--precision=bf16"]}})
    return cases


def memory_cases(model_dir):
    cases = []
    for rows, cols in ((8192, 4096), (65536, 1024)):
        name = "softmax_%dx%d" % (rows, cols)
        path = save(model_dir, name,
                    [helper.make_node("Softmax", ["x"], ["y"], axis=-1,
                                      name="softmax")],
                    [("x", [rows, cols])], [("y", [rows, cols])])
        cases.append({"group": "memory", "name": name, "model": path,
                      "label": "Softmax %dx%d" % (rows, cols),
                      "bytes": 2 * 4 * rows * cols,
                      "variants": {"generated": []}})
    for rows, cols in ((16384, 1024), (8192, 4096)):
        name = "layernorm_%dx%d" % (rows, cols)
        rng = np.random.default_rng(0)
        inits = [numpy_helper.from_array(
                     rng.uniform(0.5, 1.5, cols).astype(np.float32), "gamma"),
                 numpy_helper.from_array(
                     rng.uniform(-0.5, 0.5, cols).astype(np.float32), "beta")]
        path = save(model_dir, name,
                    [helper.make_node("LayerNormalization",
                                      ["x", "gamma", "beta"], ["y"], axis=-1,
                                      epsilon=1e-5, name="ln")],
                    [("x", [rows, cols])], [("y", [rows, cols])], inits)
        cases.append({"group": "memory", "name": name, "model": path,
                      "label": "LayerNorm %dx%d" % (rows, cols),
                      "bytes": 2 * 4 * rows * cols,
                      "variants": {"generated": []}})
    return cases


def e2e_cases(model_dir):
    cases = []
    for name, shape in (("mlp_gelu", [2, 16]),
                        ("transformer_encoder", [1, 8, 32]),
                        ("conv_bn_relu", [1, 3, 16, 16]), ("lstm", [2, 5, 8])):
        cases.append({
            "group": "e2e", "name": name,
            "model": os.path.join(ROOT, "examples", "models", name + ".onnx"),
            "label": name, "module": name, "input_shape": shape,
            "variants": {"generated": ["--matmul=generated"],
                         "auto": ["--matmul=auto"]}})
    # A BERT-base encoder layer, exported here with the Debian PyTorch.
    import torch
    from torch import nn
    torch.manual_seed(0)
    layer = nn.TransformerEncoderLayer(d_model=768, nhead=12,
                                       dim_feedforward=3072, dropout=0.0,
                                       batch_first=True).eval()
    example = torch.randn(8, 128, 768)
    path = os.path.join(model_dir, "bert_layer.onnx")
    torch.onnx.export(layer, (example,), path, opset_version=OPSET,
                      input_names=["input"], output_names=["output"],
                      do_constant_folding=True)
    cases.append({
        "group": "e2e", "name": "bert_layer", "model": path,
        "label": "BERT-base layer (8x128 tokens)", "module": "bert_layer",
        "input_shape": [8, 128, 768],
        "variants": {"generated": ["--matmul=generated"]}})
    return cases


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "out")
    model_dir = (sys.argv[2] if len(sys.argv) > 2 else
                 os.path.join(HERE, "work", "models"))
    os.makedirs(model_dir, exist_ok=True)
    cases = (gemm_cases(model_dir) + attention_cases(model_dir) +
             memory_cases(model_dir) + e2e_cases(model_dir))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"cases": cases}, f, indent=1)
    print("%d cases in %s" % (len(cases), os.path.join(out, "manifest.json")))


if __name__ == "__main__":
    main()
