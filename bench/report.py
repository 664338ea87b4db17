#!/usr/bin/env python3
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The results table of the GPU benchmark, from its measurements.

Usage: report.py MANIFEST TESSERA_JSONL TORCH_JSONL [--update FILE]

Reads tessera-bench's and torch_bench.py's JSON lines (one run of
bench/run_gpu.sh) and prints the Markdown tables of docs/performance.md:
every ratio is a time ratio of two numbers measured in that run, Tessera
over the baseline (below 1: Tessera faster). With --update, also replaces
the text between the "<!-- results -->" and "<!-- /results -->" lines of
FILE. Standard library only.
"""
import datetime
import json
import os
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def fmt(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return "%.*f" % (digits, value)


def ratio(a, b):
    return a / b if a and b else None


def main():
    args = sys.argv[1:]
    update = None
    if "--update" in args:
        i = args.index("--update")
        update = args[i + 1]
        del args[i:i + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    with open(args[0]) as f:
        manifest = json.load(f)
    tessera, torch = load(args[1]), load(args[2])
    by_bundle = {os.path.normpath(r["bundle"]): r for r in tessera
                 if "bundle" in r}
    copy = next((r for r in tessera if "copy_bytes" in r), None)
    baseline = {(r["case"], r["what"]): r for r in torch}
    devices = sorted({r["device"] for r in tessera + torch})

    def t(case, variant):
        bundle = case.get("bundles", {}).get(variant)
        r = by_bundle.get(os.path.normpath(bundle)) if bundle else None
        return r

    def us(r):
        return r["median_us"] if r else None

    def b(case, what):
        r = baseline.get((case["name"], what))
        return r["median_us"] if r else None

    lines = []
    out = lines.append
    out("Measured %s UTC by `bench/run_gpu.sh` on: %s." %
        (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"),
         ", ".join(devices) or "?"))
    if copy:
        torch_copy = baseline.get(("copy", "torch_copy"))
        out("Device-to-device copy (bytes read + written per second): "
            "%.0f GB/s (cudaMemcpyAsync, %d MiB)%s." %
            (copy["gbps"], copy["copy_bytes"] >> 20,
             ", %.0f GB/s (torch copy_, 1 GiB)" % torch_copy["gbps"]
             if torch_copy else ""))
    out("")
    cases = manifest["cases"]

    out("GEMM, bf16 precision policy (f32 tensors, bf16 operands, f32 "
        "accumulation), C = A·B:")
    out("")
    out("| shape (M×K×N) | generated µs | cuBLASLt µs | generated / cuBLASLt "
        "| generated TFLOP/s | cuBLASLt TFLOP/s | rel. L2 diff | torch bf16 "
        "matmul µs (bf16 tensors) |")
    out("|---|---|---|---|---|---|---|---|")
    for case in (c for c in cases if c["group"] == "gemm"):
        g, c = t(case, "generated"), t(case, "cublaslt")
        tflops = lambda r: case["flops"] / (r["median_us"] * 1e6) if r else None
        shape = "%d×%d×%d" % (case["m"], case["k"], case["n"])
        out("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            "%s (%s)" % (case["label"], shape) if case["label"] else shape,
            fmt(us(g)),
            fmt(us(c)), fmt(ratio(us(g), us(c)), 2), fmt(tflops(g)),
            fmt(tflops(c)), fmt(c.get("rel_err") if c else None, 4),
            fmt(b(case, "torch_matmul_bf16"))))
    out("")

    out("Attention, softmax(QKᵀ/√D)·V, bf16 policy (Tessera: f32 tensors):")
    out("")
    out("| shape | Tessera µs | SDPA bf16 µs | Tessera / SDPA bf16 | SDPA f32 "
        "µs | Tessera / SDPA f32 |")
    out("|---|---|---|---|---|---|")
    for case in (c for c in cases if c["group"] == "attention"):
        g = us(t(case, "generated"))
        out("| %s | %s | %s | %s | %s | %s |" % (
            case["label"], fmt(g), fmt(b(case, "sdpa_bf16")),
            fmt(ratio(g, b(case, "sdpa_bf16")), 2), fmt(b(case, "sdpa_f32")),
            fmt(ratio(g, b(case, "sdpa_f32")), 2)))
    out("")

    out("Softmax and LayerNorm (f32), effective bandwidth (bytes read + "
        "written once) against the copy:")
    out("")
    out("| op | Tessera µs | Tessera GB/s | Tessera / copy bandwidth | torch µs "
        "| Tessera / torch |")
    out("|---|---|---|---|---|---|")
    for case in (c for c in cases if c["group"] == "memory"):
        g = us(t(case, "generated"))
        gbps = case["bytes"] / (g * 1e3) if g else None
        out("| %s | %s | %s | %s | %s | %s |" % (
            case["label"], fmt(g), fmt(gbps, 0),
            fmt(ratio(gbps, copy["gbps"] if copy else None), 2),
            fmt(b(case, "torch")), fmt(ratio(g, b(case, "torch")), 2)))
    out("")

    out("End to end (f32, CUDA graph replay of the plan) against PyTorch "
        "eager:")
    out("")
    out("| model | Tessera generated µs | Tessera auto µs | PyTorch eager µs "
        "| generated / eager | auto / eager |")
    out("|---|---|---|---|---|---|")
    for case in (c for c in cases if c["group"] == "e2e"):
        g, a = us(t(case, "generated")), us(t(case, "auto"))
        e = b(case, "eager")
        out("| %s | %s | %s | %s | %s | %s |" % (
            case["label"], fmt(g), fmt(a), fmt(e), fmt(ratio(g, e), 2),
            fmt(ratio(a, e), 2)))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if update:
        with open(update) as f:
            doc = f.read()
        start, end = "<!-- results -->\n", "<!-- /results -->"
        i, j = doc.index(start) + len(start), doc.index(end)
        with open(update, "w") as f:
            f.write(doc[:i] + text + doc[j:])


if __name__ == "__main__":
    main()
