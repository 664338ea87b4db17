#!/usr/bin/env python3
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The PyTorch side of the GPU benchmark (bench/run_gpu.sh).

Usage: torch_bench.py MANIFEST  (the GPU machine's python3, with torch)

For each case of the manifest (bench/make_models.py) times the PyTorch
baseline with CUDA events the way tessera-bench times bundles (warm-up, then
20 samples of back-to-back runs lasting at least 2 ms each, the median per
run), on random inputs (never zeros):
  gemm       torch.matmul on bf16 tensors (cuBLAS; for reference: the
             Tessera bundles keep f32 tensors under the bf16 policy)
  attention  F.scaled_dot_product_attention on [B, H, S, D] bf16 tensors,
             and on f32 tensors
  memory     torch.softmax / F.layer_norm on the same f32 tensor
  e2e        the example's nn.Module (examples/make_models.py; BERT-base:
             nn.TransformerEncoderLayer(768, 12, 3072)) in eval mode, f32,
             no_grad: PyTorch eager
and a device-to-device copy of 1 GiB (bytes read plus written per second).
Prints one JSON object per line: {"case", "what", "median_us", "device"}.
"""
import importlib.util
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVICE = torch.cuda.get_device_name(0)


def bench(fn, samples=20, warmup=3, min_sample_ms=2.0):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    start = torch.cuda.Event(enable_timing=True)
    stop = torch.cuda.Event(enable_timing=True)

    def batch(runs):
        start.record()
        for _ in range(runs):
            fn()
        stop.record()
        stop.synchronize()
        return start.elapsed_time(stop)

    ms = batch(1)
    runs = 1 if ms >= min_sample_ms else min(
        10000, math.ceil(min_sample_ms / max(ms, 1e-4)))
    times = sorted(1000.0 * batch(runs) / runs for _ in range(samples))
    return times[len(times) // 2]


def emit(case, what, us, **extra):
    print(json.dumps(dict(case=case, what=what, median_us=round(us, 3),
                          device=DEVICE, **extra)), flush=True)


def example_modules():
    spec = importlib.util.spec_from_file_location(
        "make_models", os.path.join(ROOT, "examples", "make_models.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(0)
    nn = torch.nn
    return {
        "mlp_gelu": module.MlpGelu(),
        "transformer_encoder": nn.TransformerEncoderLayer(
            d_model=32, nhead=4, dim_feedforward=64, dropout=0.0,
            batch_first=True),
        "conv_bn_relu": module.ConvBnRelu(),
        "lstm": module.Lstm(),
        "bert_layer": nn.TransformerEncoderLayer(
            d_model=768, nhead=12, dim_feedforward=3072, dropout=0.0,
            batch_first=True),
    }


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    torch.manual_seed(1)
    dev = "cuda"
    n = 1 << 28  # 1 GiB of f32
    x = torch.rand(n, device=dev)
    y = torch.empty_like(x)
    us = bench(lambda: y.copy_(x))
    emit("copy", "torch_copy", us, gbps=round(2 * 4 * n / (us * 1e3), 1))
    del x, y
    modules = None
    with torch.no_grad():
        for case in manifest["cases"]:
            name, group = case["name"], case["group"]
            if group == "gemm":
                a = torch.randn(case["m"], case["k"], device=dev,
                                dtype=torch.bfloat16)
                b = torch.randn(case["k"], case["n"], device=dev,
                                dtype=torch.bfloat16)
                emit(name, "torch_matmul_bf16", bench(lambda: a @ b))
            elif group == "attention":
                shape = (case["b"], case["h"], case["s"], case["d"])
                for dtype, what in ((torch.bfloat16, "sdpa_bf16"),
                                    (torch.float32, "sdpa_f32")):
                    q, k, v = (torch.randn(shape, device=dev, dtype=dtype)
                               for _ in range(3))
                    emit(name, what, bench(
                        lambda: F.scaled_dot_product_attention(q, k, v)))
            elif group == "memory":
                rows, cols = (int(v) for v in name.split("_")[1].split("x"))
                t = torch.randn(rows, cols, device=dev)
                if name.startswith("softmax"):
                    emit(name, "torch", bench(lambda: torch.softmax(t, -1)))
                else:
                    w = torch.rand(cols, device=dev) + 0.5
                    b = torch.rand(cols, device=dev) - 0.5
                    emit(name, "torch", bench(
                        lambda: F.layer_norm(t, (cols,), w, b, 1e-5)))
            elif group == "e2e":
                if modules is None:
                    modules = example_modules()
                module = modules[case["module"]].to(dev).eval()
                inp = torch.randn(case["input_shape"], device=dev)
                emit(name, "eager", bench(lambda: module(inp)))


if __name__ == "__main__":
    main()
