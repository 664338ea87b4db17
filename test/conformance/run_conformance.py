#!/usr/bin/python3
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The ONNX conformance suite: runs every ONNX backend test through tessera-run.

Usage:
  run_conformance.py [--tessera-run PATH] [--build-dir DIR] [--data DIR]
                     [--baseline FILE] [--update-baseline] [-j N]
                     [--timeout S] [--device cpu|emu|cuda] [--optimize]
                     [--conv-layout auto|nhwc|nchw]
                     [--filter REGEX] [-v]

Tests (under the data folder, default <repo>/../shared/onnx, or
$TESSERA_ONNX_DATA, or --data):
  node/, node_extra/, pytorch-converted/, pytorch-operator/
      one folder per test: model.onnx and test_data_set_0/{input,output}_N.pb.
      input_N.pb feeds the N-th graph input that is not an initializer;
      output_N.pb is the expected value of the N-th graph output.
  light/light_*.onnx
      whole CNNs; the input is float32 arange(N).reshape(shape) / N
      (symbolic dims = 1), written as .npy; the expected output is
      light_*_output_0.pb and the tolerances come from real/test_*/data.json.
  MANIFEST.tsv rows whose group is "excluded(...)" are not run: they are
  listed as excluded with that reason (attributed to node/ when the op is a
  core op, else to node_extra/).

Each test runs
  tessera-run MODEL --device=DEV [--optimize] --input NAME=FILE... --output-dir TMP
and every expected output is compared with TMP/<name>.npy (characters outside
[A-Za-z0-9._-] replaced by '_'). See TOLERANCES below and docs/onnx-coverage.md.

--device=emu compiles each model into a bundle for sm_80 and sm_90a
(tessera-compile MODEL -o TMP/model.tsrb --target sm_80,sm_90a, with NVRTC)
and runs the bundle's generated kernels through the CPU emulator
(tessera-run TMP/model.tsrb --device=emu [--emu-mode=check]): its coverage goes
to onnx-coverage-emu.md / results-emu.json and is compared with its own
baseline, docs/onnx-coverage-emu.md, since the emitters do not cover every
op yet. There a missing emitter ("no CUDA emitter") counts as unsupported,
and a failed test fails the run only when the baseline does not list it as
failed (a known gap, with its reason in the baseline); regressions and
crashes always fail it. --device=cuda (tessera-run MODEL --device=cuda, which
compiles for the GPU and runs the generated kernels there) is judged the same
way against the same baseline; its coverage goes to onnx-coverage-cuda.md.

States: passed; failed (an output differs, or tessera-run exited 1 with a
diagnostic that is not "unsupported"); unsupported (exit 1, the diagnostic
contains "unsupported"); crash (killed by a signal, an exit code other than
0/1, or the per-test timeout); excluded.

The coverage table goes to <build-dir>/test/conformance/onnx-coverage.md and
the per-test results to results.json beside it (with --optimize:
onnx-coverage-optimized.md and results-optimized.json, so that both suites
can share a build folder). Both modes compare with the same baseline. The
run FAILS (exit 1) on any failed or crashed test, any unsupported test in
node/, and any test the baseline (docs/onnx-coverage.md) lists as passed that
no longer passes. --update-baseline rewrites the baseline from this run and
exits 0 (the failures are still printed); the baseline is the plain run's,
so --update-baseline does not combine with --optimize.
Missing data or tool exits 1 with one diagnostic; bad usage exits 2.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

PROG = "onnx-conformance"
SCRIPT = os.path.abspath(__file__)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(SCRIPT)))
BASELINE_REL = os.path.join("docs", "onnx-coverage.md")
EMU_BASELINE_REL = os.path.join("docs", "onnx-coverage-emu.md")

FOLDERS = ["node", "node_extra", "pytorch-converted", "pytorch-operator",
           "light"]
STATES = ["passed", "failed", "unsupported", "crash", "excluded"]

# (rtol, atol) per expected element type; |actual - expected| <= atol +
# rtol * |expected| (the ONNX backend runner's rule), NaN == NaN, and equal
# infinities are equal. Integers and bools compare exactly. The light models
# take their tolerances from real/test_<name>/data.json instead.
TOLERANCES = {
    TensorProto.FLOAT: (1e-3, 1e-7),
    TensorProto.DOUBLE: (1e-3, 1e-7),
    TensorProto.FLOAT16: (1e-2, 1e-3),
    TensorProto.BFLOAT16: (1e-2, 1e-3),
}
FLOAT_TYPES = set(TOLERANCES)

DTYPE_NAMES = {
    TensorProto.FLOAT: "f32", TensorProto.DOUBLE: "f64",
    TensorProto.FLOAT16: "f16", TensorProto.BFLOAT16: "bf16",
    TensorProto.INT64: "i64", TensorProto.INT32: "i32",
    TensorProto.INT8: "i8", TensorProto.BOOL: "bool",
}


class UsageError(Exception):
    pass


# ---------------------------------------------------------------- discovery

class Test:
    """One conformance test."""

    def __init__(self, folder, name, group, op):
        self.folder = folder
        self.name = name
        self.group = group        # core / extra / the folder name
        self.op = op              # the MANIFEST op, or the folder name
        self.model = None         # path of the .onnx
        self.inputs = []          # [(graph input name, file or None)]
        self.outputs = []         # [(graph output name, expected .pb path)]
        self.light_shapes = None  # light/: {input name: shape}
        self.tolerance = None     # light/: (rtol, atol)
        self.excluded = None      # the excluded(...) reason
        self.cost = 0             # a guess at the run time, for scheduling

    @property
    def id(self):
        return self.folder + "/" + self.name


def read_manifest(data):
    path = os.path.join(data, "MANIFEST.tsv")
    rows = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < len(header):
                continue
            row = dict(zip(header, fields))
            rows[row["test"]] = row
    return rows


def graph_io(model_path):
    """(names of the non-initializer graph inputs with their shapes, output
    names) of the model at |model_path|."""
    model = onnx.load(model_path, load_external_data=False)
    inits = {i.name for i in model.graph.initializer}
    inputs = []
    for value in model.graph.input:
        if value.name in inits:
            continue
        dims = []
        for d in value.type.tensor_type.shape.dim:
            dims.append(d.dim_value if d.HasField("dim_value") else 1)
        inputs.append((value.name, dims))
    return inputs, [o.name for o in model.graph.output]


def discover(data, manifest):
    core_ops = {r["op"] for r in manifest.values() if r["group"] == "core"}
    tests = []
    for folder in FOLDERS[:-1]:
        root = os.path.join(data, folder)
        if not os.path.isdir(root):
            raise UsageError("missing test folder " + root)
        for name in sorted(os.listdir(root)):
            path = os.path.join(root, name)
            if not os.path.isfile(os.path.join(path, "model.onnx")):
                continue
            row = manifest.get(name) if folder.startswith("node") else None
            if row:
                test = Test(folder, name, row["group"], row["op"])
            else:
                test = Test(folder, name, folder, folder)
            if test.group.startswith("excluded"):
                test.excluded = test.group
                tests.append(test)
                continue
            test.model = os.path.join(path, "model.onnx")
            dataset = os.path.join(path, "test_data_set_0")
            inputs, outputs = graph_io(test.model)
            for i, (input_name, _) in enumerate(inputs):
                pb = os.path.join(dataset, "input_%d.pb" % i)
                if os.path.exists(pb):
                    test.inputs.append((input_name, pb))
            for i, output_name in enumerate(outputs):
                pb = os.path.join(dataset, "output_%d.pb" % i)
                if os.path.exists(pb):
                    test.outputs.append((output_name, pb))
            if row is None and folder.startswith("node"):
                model = onnx.load(test.model, load_external_data=False)
                ops = sorted({n.op_type for n in model.graph.node})
                test.op = ops[0] if len(ops) == 1 else folder
            test.cost = os.path.getsize(test.model)
            tests.append(test)

    # MANIFEST rows excluded from the data (they have no folder).
    present = {t.name for t in tests if t.folder.startswith("node")}
    for name, row in sorted(manifest.items()):
        if row["group"].startswith("excluded") and name not in present:
            folder = "node" if row["op"] in core_ops else "node_extra"
            test = Test(folder, name, row["group"], row["op"])
            test.excluded = row["group"]
            tests.append(test)

    light = os.path.join(data, "light")
    if not os.path.isdir(light):
        raise UsageError("missing test folder " + light)
    for file in sorted(os.listdir(light)):
        m = re.fullmatch(r"light_(.+)\.onnx", file)
        if not m:
            continue
        model_name = m.group(1)
        test = Test("light", model_name, "light", "light")
        test.model = os.path.join(light, file)
        inputs, outputs = graph_io(test.model)
        test.light_shapes = dict(inputs)
        test.inputs = [(n, None) for n, _ in inputs]
        test.outputs = [(outputs[0], os.path.join(
            light, "light_%s_output_0.pb" % model_name))]
        info = os.path.join(data, "real", "test_" + model_name, "data.json")
        with open(info, encoding="utf-8") as f:
            meta = json.load(f)
        test.tolerance = (float(meta["rtol"]), float(meta["atol"]))
        test.cost = 1 << 40  # whole networks first: they are the slowest
        tests.append(test)
    return tests


# ---------------------------------------------------------------- running

def sanitize(name):
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def one_line(text, limit=400):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def diagnostic(stderr, keyword=None):
    lines = [l.strip() for l in stderr.splitlines() if l.strip()]
    if keyword:
        for line in lines:
            if keyword in line:
                return one_line(line)
    for line in lines:
        if "error" in line:
            return one_line(line)
    return one_line(lines[0]) if lines else "(no diagnostic)"


def read_expected(pb):
    tensor = TensorProto()
    with open(pb, "rb") as f:
        tensor.ParseFromString(f.read())
    return tensor.data_type, numpy_helper.to_array(tensor)


def fmt_shape(shape):
    return "(" + ",".join(str(d) for d in shape) + ")"


def compare(name, elem_type, expected, actual, tolerance):
    """None when |actual| matches |expected|, else a one-line message."""
    where = "output '%s': " % name
    want_dtype = expected.dtype
    if elem_type == TensorProto.BFLOAT16:
        # .npy has no bfloat16: tessera-run writes bf16 as f32, exactly.
        want_dtype = np.dtype(np.float32)
    if actual.dtype != want_dtype:
        type_name = DTYPE_NAMES.get(elem_type, str(want_dtype))
        return where + "dtype %s, expected %s (%s)" % (
            actual.dtype, want_dtype, type_name)
    if actual.shape != expected.shape:
        return where + "shape %s, expected %s" % (
            fmt_shape(actual.shape), fmt_shape(expected.shape))
    if elem_type == TensorProto.BFLOAT16:
        bits = np.ascontiguousarray(actual).view(np.uint32)
        inexact = int(np.count_nonzero(bits & 0xFFFF))
        if inexact:
            return where + "%d of %d values are not bf16 values" % (
                inexact, actual.size)
    if elem_type in FLOAT_TYPES:
        rtol, atol = tolerance or TOLERANCES[elem_type]
        a = actual.astype(np.float64)
        b = expected.astype(np.float64)
        both_nan = np.isnan(a) & np.isnan(b)
        with np.errstate(invalid="ignore", over="ignore"):
            diff = np.abs(a - b)
            ok = (a == b) | both_nan | (diff <= atol + rtol * np.abs(b))
        bad = int(a.size - np.count_nonzero(ok))
        if not bad:
            return None
        diff = np.where(ok, 0.0, diff)
        diff = np.where(np.isnan(diff), np.inf, diff)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            rel = np.where(ok, 0.0, diff / np.abs(b))
        rel = np.where(np.isnan(rel), np.inf, rel)
        return where + ("max abs err %.3g, max rel err %.3g "
                        "(%d of %d elements beyond rtol %g, atol %g)" % (
                            float(diff.max()), float(rel.max()), bad, a.size,
                            rtol, atol))
    if expected.dtype == np.bool_:
        bad = int(np.count_nonzero(actual != expected))
        return None if not bad else where + "%d of %d elements differ" % (
            bad, actual.size)
    differ = actual != expected
    bad = int(np.count_nonzero(differ))
    if not bad:
        return None
    diff = np.abs(actual.astype(np.float64) - expected.astype(np.float64))
    return where + "max abs err %.6g (%d of %d elements differ)" % (
        float(diff.max()), bad, actual.size)


class Result:
    def __init__(self, test, state, detail="", kind=""):
        self.test = test
        self.state = state      # one of STATES
        self.detail = detail    # one line: the reason
        self.kind = kind        # failed: "mismatch" or "error"
        self.seconds = 0.0


def scrub(text, tmp, data):
    text = text.replace(tmp, "<tmp>")
    return text.replace(data, "<data>")


def run_test(test, args, tmp_root):
    if test.excluded:
        return Result(test, "excluded", test.excluded)
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix=sanitize(test.name) + ".", dir=tmp_root)
    try:
        result = run_in(test, args, tmp)
    except Exception as e:  # a broken data file must not hide other tests
        result = Result(test, "failed", "runner: %s: %s" % (
            type(e).__name__, one_line(str(e))), "error")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result.detail = scrub(result.detail, tmp, args.data)
    result.seconds = time.monotonic() - start
    return result


def classify_exit(test, args, rc, stderr):
    """The Result of a tool that exited with |rc| != 0."""
    if rc < 0:
        try:
            sig = signal.Signals(-rc).name
        except ValueError:
            sig = "signal %d" % -rc
        last = diagnostic(stderr) if stderr.strip() else ""
        return Result(test, "crash", "killed by %s%s" % (
            sig, (": " + last) if last else ""))
    if rc == 1:
        if "unsupported" in stderr or (generated_code(args) and
                                       "no CUDA emitter" in stderr):
            return Result(test, "unsupported", diagnostic(
                stderr, "unsupported" if "unsupported" in stderr
                else "no CUDA emitter"))
        return Result(test, "failed", diagnostic(stderr), "error")
    return Result(test, "crash", "exit code %d: %s" % (
        rc, diagnostic(stderr)))


def generated_code(args):
    """Whether the run executes the generated kernels (emu or cuda): such
    runs are compared with the emu baseline, and a kernel without a CUDA
    emitter is unsupported, not a failure."""
    return args.device in ("emu", "cuda")


def run_in(test, args, tmp):
    out_dir = os.path.join(tmp, "out")
    os.mkdir(out_dir)
    cmd = [args.tessera_run, test.model, "--device=" + args.device]
    if args.optimize:
        cmd.append("--optimize")
    if args.optimize or args.device == "cuda":
        cmd.append("--conv-layout=" + args.conv_layout)
    inputs = []
    for name, path in test.inputs:
        if path is None:  # light/: arange(N).reshape(shape) / N
            shape = test.light_shapes[name]
            count = int(np.prod(shape, dtype=np.int64))
            value = (np.arange(count, dtype=np.float32).reshape(shape) /
                     np.float32(count)).astype(np.float32)
            path = os.path.join(tmp, sanitize(name) + ".npy")
            np.save(path, value)
        inputs += ["--input", name + "=" + path]
    deadline = time.monotonic() + args.timeout
    if args.device == "emu":
        # Compile the bundle (NVRTC for both targets), then run it.
        bundle = os.path.join(tmp, "model.tsrb")
        compile_cmd = [args.tessera_compile, test.model, "-o", bundle,
                       "--target", "sm_80,sm_90a",
                       "--conv-layout=" + args.conv_layout] + inputs
        try:
            proc = subprocess.run(compile_cmd, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE,
                                  timeout=args.timeout)
        except subprocess.TimeoutExpired:
            return Result(test, "crash", "timeout after %g s" % args.timeout)
        if proc.returncode != 0:
            return classify_exit(test, args, proc.returncode,
                                 proc.stderr.decode("utf-8", "replace"))
        cmd = [args.tessera_run, bundle, "--device=emu",
               "--emu-mode=" + args.emu_mode]
    cmd += inputs + ["--output-dir", out_dir]
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return Result(test, "crash", "timeout after %g s" % args.timeout)
    stderr = proc.stderr.decode("utf-8", "replace")
    rc = proc.returncode
    if rc != 0:
        return classify_exit(test, args, rc, stderr)
    problems = []
    for name, pb in test.outputs:
        elem_type, expected = read_expected(pb)
        npy = os.path.join(out_dir, sanitize(name) + ".npy")
        if not os.path.exists(npy):
            problems.append("output '%s': no %s written" % (
                name, os.path.basename(npy)))
            continue
        try:
            actual = np.load(npy, allow_pickle=False)
        except Exception as e:
            problems.append("output '%s': unreadable %s: %s" % (
                name, os.path.basename(npy), one_line(str(e), 120)))
            continue
        problem = compare(name, elem_type, expected, actual, test.tolerance)
        if problem:
            problems.append(problem)
    if problems:
        detail = problems[0]
        if len(problems) > 1:
            detail += " (and %d more outputs)" % (len(problems) - 1)
        return Result(test, "failed", detail, "mismatch")
    return Result(test, "passed")


# ---------------------------------------------------------------- reports

def reason_key(result):
    """The detail of |result| without what names one test (node names,
    numbers of a mismatch), to group reasons."""
    text = result.detail
    text = re.sub(r"^tessera-run: error: ", "", text)
    text = re.sub(r"^node '(?:[^'\\]|\\.)*' \((op '[^']*', opset \d+)\): ",
                  r"\1: ", text)
    text = re.sub(r"node '(?:[^'\\]|\\.)*'", "node", text)
    if result.state == "failed" and result.kind == "mismatch":
        text = re.sub(r"^output '.*?': ", "", text)
        text = re.sub(r"^no .* written$", "output not written", text)
        text = re.sub(r"^unreadable .*", "unreadable output", text)
        text = re.sub(r" \(and \d+ more outputs\)$", "", text)
        if text.startswith("max abs err"):
            text = "values differ"
        text = re.sub(r"^(shape|dtype) .*", r"\1 differs", text)
        text = re.sub(r"^\d+ of \d+ (elements differ|values are not bf16 "
                      r"values)", r"values differ", text)
        return "mismatch: " + text
    if result.state == "failed":
        return "error: " + text
    if result.state == "crash":
        return re.sub(r":.*", "", text)
    return text


def md_cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def count_reasons(results):
    counts = {}
    for r in results:
        k = reason_key(r)
        counts[k] = counts.get(k, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def group_order(group):
    order = ["core", "extra"] + FOLDERS
    return order.index(group) if group in order else len(order)


def totals_rows(results):
    rows = []
    for folder in FOLDERS:
        rs = [r for r in results if r.test.folder == folder]
        rows.append([folder, len(rs)] +
                    [sum(r.state == s for r in rs) for s in STATES])
    rows.append(["total", len(results)] +
                [sum(r.state == s for r in results) for s in STATES])
    return rows


def write_coverage(path, results, args):
    lines = []
    w = lines.append
    w("# ONNX conformance coverage")
    w("")
    emu = args.device == "emu"
    w("Generated by `test/conformance/run_conformance.py` (the "
      "`onnx-conformance%s` ctest test);" % ("-emu" if emu else ""))
    w("do not edit by hand: regenerate it with")
    w("`/usr/bin/python3 test/conformance/run_conformance.py %s"
      "--update-baseline` (or `ninja -C build %s`)." % (
          "--device=emu " if emu else "",
          "update-onnx-emu-baseline" if emu else "update-onnx-baseline"))
    if emu:
        w("Every test compiled the model into a bundle for sm_80 and sm_90a "
          "(`tessera-compile MODEL -o model.tsrb --target sm_80,sm_90a`, "
          "NVRTC) and ran its generated kernels on the CPU emulator "
          "(`tessera-run model.tsrb --device=emu --emu-mode=%s`) on "
          "test_data_set_0." % args.emu_mode)
    else:
        w("Every test ran `tessera-run MODEL --device=%s%s` on "
          "test_data_set_0." % (args.device, " --optimize" if args.optimize
                                else ""))
    w("")
    w("Tolerances, `|actual - expected| <= atol + rtol * |expected|` with "
      "NaN equal to NaN (the ONNX backend runner's rule), shapes and dtypes "
      "equal:")
    w("")
    w("| expected type | rtol | atol |")
    w("|---|---|---|")
    w("| f32, f64 | 1e-3 | 1e-7 |")
    w("| f16, bf16 (bf16 outputs are written as f32 .npy and must hold bf16 "
      "values) | 1e-2 | 1e-3 |")
    w("| integers, bool | exact | exact |")
    w("| light/ models | from `real/test_<name>/data.json` (1e-3 or 2e-3) "
      "| 1e-7 |")
    w("")
    w("States: **passed**; **failed** (an output differs, or tessera-run "
      "exited 1 with a diagnostic that does not say \"unsupported\"); "
      "**unsupported** (exit 1, the diagnostic says \"unsupported\"); "
      "**crash** (signal, exit code other than 0 and 1, or over %g s); "
      "**excluded** (MANIFEST.tsv group `excluded(...)`, not run). The "
      "ctest test fails on %s" % (
          args.timeout,
          "any crashed test, any failed test not listed as failed below, "
          "and any test listed as passed below that no longer passes; a "
          "missing emitter (\"no CUDA emitter\") counts as unsupported."
          if emu else
          "any failed or crashed test, on any unsupported test in node/, "
          "and on any test listed as passed below that no longer passes."))
    w("")
    w("## Totals")
    w("")
    w("| folder | tests | " + " | ".join(STATES) + " |")
    w("|---|---:|" + "---:|" * len(STATES))
    for row in totals_rows(results):
        w("| " + " | ".join(str(c) for c in row) + " |")
    w("")
    w("## Reasons")
    w("")
    w("| state | tests | reason |")
    w("|---|---:|---|")
    for state in ["failed", "crash", "unsupported"]:
        for reason, n in count_reasons(
                [r for r in results if r.state == state]):
            w("| %s | %d | %s |" % (state, n, md_cell(reason)))
    w("")
    w("## Per op")
    w("")
    w("Group `core`/`extra` and op from MANIFEST.tsv; the other folders are "
      "one row each.")
    w("")
    w("| group | op | " + " | ".join(STATES) + " | reasons |")
    w("|---|---|" + "---:|" * len(STATES) + "---|")
    by_op = {}
    for r in results:
        group = r.test.group
        if group.startswith("excluded"):
            group = "core" if r.test.folder == "node" else "extra"
        by_op.setdefault((group, r.test.op), []).append(r)
    for (group, op) in sorted(by_op, key=lambda k: (group_order(k[0]), k[1])):
        rs = by_op[(group, op)]
        counts = [str(sum(r.state == s for r in rs)) for s in STATES]
        reasons = count_reasons([r for r in rs if r.state in
                                 ("failed", "unsupported", "crash")])
        text = "; ".join("%s (%d)" % (k, n) for k, n in reasons)
        excluded = sorted({r.detail for r in rs if r.state == "excluded"})
        if excluded:
            text += ("; " if text else "") + ", ".join(excluded)
        w("| %s | %s | %s | %s |" % (group, op, " | ".join(counts),
                                     md_cell(text)))
    w("")
    w("## Tests")
    w("")
    w("One line per test: `folder/test`, then the reason.")
    for state in STATES:
        rs = [r for r in results if r.state == state]
        w("")
        w("### %s (%d)" % (state, len(rs)))
        w("")
        for r in rs:
            w("- `%s`%s" % (r.test.id, (": " + r.detail) if r.detail
                             else ""))
        if not rs:
            w("none")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def read_baseline(path):
    """{test id: state} from the '## Tests' section of a coverage file."""
    states = {}
    state = None
    in_tests = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                in_tests = line == "## Tests"
                state = None
                continue
            if not in_tests:
                continue
            m = re.match(r"### (\w+) \(\d+\)$", line)
            if m:
                state = m.group(1)
                if state not in STATES:
                    raise ValueError("unknown state heading '%s'" % line)
                continue
            m = re.match(r"- `([^`]+)`", line)
            if m:
                if state is None:
                    raise ValueError("test line outside a state: " + line)
                states[m.group(1)] = state
    if not states:
        raise ValueError("no tests in its '## Tests' section")
    return states


# ---------------------------------------------------------------- main

def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="run_conformance.py",
        description="Run the ONNX conformance tests through tessera-run.")
    p.add_argument("--tessera-run", help="the tool (default: "
                   "<build-dir>/bin/tessera-run)")
    p.add_argument("--build-dir", default=os.path.join(REPO, "build"),
                   help="the build folder; the coverage table goes to "
                   "<build-dir>/test/conformance/onnx-coverage.md")
    p.add_argument("--data", help="the ONNX data folder (default: "
                   "$TESSERA_ONNX_DATA, else <repo>/../shared/onnx)")
    p.add_argument("--baseline",
                   help="the committed coverage (default: "
                   "<repo>/docs/onnx-coverage.md; with --device=emu "
                   "<repo>/docs/onnx-coverage-emu.md)")
    p.add_argument("--update-baseline", action="store_true",
                   help="rewrite the baseline from this run")
    p.add_argument("-j", "--jobs", type=int,
                   default=len(os.sched_getaffinity(0)),
                   help="parallel tests (default: the number of CPUs)")
    p.add_argument("--timeout", type=float, default=300,
                   help="seconds per test before it counts as a crash "
                   "(default: 300)")
    p.add_argument("--device", choices=["cpu", "emu", "cuda"], default="cpu")
    p.add_argument("--emu-mode", choices=["fast", "check"], default="fast",
                   help="the emulator's mode with --device=emu")
    p.add_argument("--conv-layout", choices=["auto", "nhwc", "nchw"],
                   default="auto",
                   help="the pipeline's conv layout policy (with --optimize, "
                   "--device=emu or cuda; default auto)")
    p.add_argument("--optimize", action="store_true",
                   help="pass --optimize to tessera-run")
    p.add_argument("--filter", help="run only tests whose folder/test "
                   "matches this regex (no baseline update)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also list unsupported tests, the reasons and the "
                   "slowest tests")
    args = p.parse_args(argv)
    if args.jobs < 1:
        p.error("--jobs must be at least 1")
    if args.update_baseline and args.filter:
        p.error("--update-baseline needs the whole suite (no --filter)")
    if args.device == "emu" and args.optimize:
        p.error("--device=emu always compiles through the default pipeline "
                "(no --optimize)")
    if args.baseline is None:
        args.baseline = os.path.join(
            REPO, EMU_BASELINE_REL if generated_code(args) else BASELINE_REL)
    if args.update_baseline and args.optimize:
        p.error("--update-baseline writes the plain run's baseline (no "
                "--optimize); optimized runs are compared with it")
    return args


def error(message):
    print("%s: error: %s" % (PROG, message), file=sys.stderr)
    return 1


def update_command(args):
    cmd = ["/usr/bin/python3", SCRIPT, "--tessera-run", args.tessera_run]
    if args.data_from_flag:
        cmd += ["--data", args.data]
    if args.baseline not in (os.path.join(REPO, BASELINE_REL),
                             os.path.join(REPO, EMU_BASELINE_REL)):
        cmd += ["--baseline", args.baseline]
    if args.device != "cpu":
        cmd.append("--device=" + args.device)
    return " ".join(cmd + ["--update-baseline"])


def main(argv):
    args = parse_args(argv)
    args.build_dir = os.path.abspath(args.build_dir)
    args.data_from_flag = args.data is not None
    data = args.data or os.environ.get("TESSERA_ONNX_DATA") or os.path.join(
        os.path.dirname(REPO), "shared", "onnx")
    args.data = os.path.abspath(data)
    if not os.path.isfile(os.path.join(args.data, "MANIFEST.tsv")):
        return error(
            "no ONNX conformance data at %s (MANIFEST.tsv missing); the "
            "suite needs the shared ONNX test data beside the checkout "
            "(../shared/onnx), or set TESSERA_ONNX_DATA or --data"
            % args.data)
    args.tessera_run = os.path.abspath(
        args.tessera_run or os.path.join(args.build_dir, "bin",
                                         "tessera-run"))
    args.tessera_compile = os.path.join(os.path.dirname(args.tessera_run),
                                        "tessera-compile")
    if args.device == "emu" and not os.access(args.tessera_compile, os.X_OK):
        return error("no tessera-compile at %s (build it: ninja -C %s "
                     "tessera-compile)" % (args.tessera_compile,
                                           args.build_dir))
    if not os.access(args.tessera_run, os.X_OK):
        return error("no tessera-run at %s (build it: ninja -C %s "
                     "tessera-run)" % (args.tessera_run, args.build_dir))
    args.baseline = os.path.abspath(args.baseline)

    try:
        tests = discover(args.data, read_manifest(args.data))
    except (UsageError, OSError, ValueError, KeyError) as e:
        return error("reading the test data: %s" % e)
    if args.filter:
        pattern = re.compile(args.filter)
        tests = [t for t in tests if pattern.search(t.id)]
        if not tests:
            return error("no test matches --filter '%s'" % args.filter)

    start = time.monotonic()
    results = {}
    with tempfile.TemporaryDirectory(prefix="tessera-conformance.") as root:
        order = sorted(tests, key=lambda t: -t.cost)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(run_test, t, args, root) for t in order]
            for future in futures:
                r = future.result()
                results[r.test.id] = r
    wall = time.monotonic() - start
    results = [results[t.id] for t in sorted(
        tests, key=lambda t: (FOLDERS.index(t.folder), t.name))]

    suffix = "-optimized" if args.optimize else (
        ("-emu-check" if args.emu_mode == "check" else "-emu")
        if args.device == "emu" else
        "-cuda" if args.device == "cuda" else "")
    if args.conv_layout != "auto":
        suffix += "-" + args.conv_layout
    coverage = os.path.join(args.build_dir, "test", "conformance",
                            "onnx-coverage%s.md" % suffix)
    write_coverage(coverage, results, args)
    with open(os.path.join(os.path.dirname(coverage),
                           "results%s.json" % suffix), "w",
              encoding="utf-8") as f:
        json.dump([{"test": r.test.id, "group": r.test.group,
                    "op": r.test.op, "state": r.state, "kind": r.kind,
                    "detail": r.detail, "seconds": round(r.seconds, 3)}
                   for r in results], f, indent=1)
        f.write("\n")

    # The summary.
    print("%s: %d tests in %.1f s with %d jobs (%s --device=%s%s%s)" % (
        PROG, len(results), wall, args.jobs, args.tessera_run, args.device,
        " --optimize" if args.optimize else "",
        " --conv-layout=" + args.conv_layout
        if args.conv_layout != "auto" else ""))
    print()
    header = ["folder", "tests"] + STATES
    rows = totals_rows(results)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for row in [header] + rows:
        cells = [str(c).ljust(widths[0]) if i == 0 else str(c).rjust(
            widths[i]) for i, c in enumerate(row)]
        print("  " + "  ".join(cells))

    baseline = None
    baseline_problem = None
    if os.path.exists(args.baseline):
        try:
            baseline = read_baseline(args.baseline)
        except (OSError, ValueError) as e:
            baseline_problem = "cannot read the baseline %s: %s" % (
                args.baseline, e)
    else:
        baseline_problem = "no baseline at %s" % args.baseline

    now = {r.test.id: r for r in results}
    lines = []  # (tag, test id, detail): one per test that fails the run
    for r in results:
        regressed = (baseline is not None and
                     baseline.get(r.test.id) == "passed" and
                     r.state != "passed")
        known = (generated_code(args) and baseline is not None and
                 baseline.get(r.test.id) == r.state)
        if r.state == "failed" and not known:
            tag = "FAILED" if r.kind == "mismatch" else "ERROR"
        elif r.state == "crash":
            tag = "CRASH"
        elif (r.state == "unsupported" and r.test.folder == "node" and
              not generated_code(args)):
            tag = "UNSUPPORTED"
        elif regressed:
            tag = "REGRESSED"
        else:
            continue
        detail = r.detail
        if regressed:
            detail = "[passed in the baseline, now %s] %s" % (r.state, detail)
        lines.append((tag, r.test.id, detail))
    if baseline is not None and not args.filter:
        for test_id, state in sorted(baseline.items()):
            if state == "passed" and test_id not in now:
                lines.append(("REGRESSED", test_id,
                              "[passed in the baseline, now not found]"))
    improved = [] if baseline is None else [
        r.test.id for r in results if r.state == "passed" and
        baseline.get(r.test.id) != "passed"]

    if args.verbose:
        unsupported = [r for r in results if r.state == "unsupported"]
        if unsupported:
            print()
            print("unsupported (%d), by reason:" % len(unsupported))
            for reason, n in count_reasons(unsupported):
                print("  %4d  %s" % (n, reason))
        failed = [r for r in results if r.state in ("failed", "crash")]
        if failed:
            print()
            print("failed and crashed (%d), by reason:" % len(failed))
            for reason, n in count_reasons(failed):
                print("  %4d  %s" % (n, reason))
        print()
        print("slowest tests:")
        for r in sorted(results, key=lambda r: -r.seconds)[:8]:
            print("  %7.2f s  %s (%s)" % (r.seconds, r.test.id, r.state))

    if lines:
        print()
        print("failures (%d):" % len(lines))
        for tag, test_id, detail in lines:
            print("  %-11s %s: %s" % (tag, test_id, detail))
    print()
    print("coverage: " + coverage)

    if args.update_baseline:
        os.makedirs(os.path.dirname(args.baseline), exist_ok=True)
        shutil.copyfile(coverage, args.baseline)
        print("baseline updated: " + args.baseline)
        lines = [l for l in lines if l[0] != "REGRESSED"]
        improved = []
        baseline_problem = None
    if improved:
        print("improved (%d, now passing, not passed in the baseline): %s" % (
            len(improved), ", ".join(improved)))
        print("  improved — update the baseline with: " +
              update_command(args))
    if baseline_problem:
        print("%s: create it with: %s" % (baseline_problem,
                                          update_command(args)))

    if args.update_baseline:
        # The baseline records the state, whatever it is; the failures
        # above still fail the ctest test.
        print("%s: baseline written%s" % (PROG, " (%d failures remain)" % len(
            lines) if lines else ""))
        return 0
    counts = {}
    for tag, _, _ in lines:
        counts[tag] = counts.get(tag, 0) + 1
    if lines or baseline_problem:
        parts = ["%d %s" % (n, tag.lower()) for tag, n in sorted(
            counts.items())]
        if baseline_problem:
            parts.append("no usable baseline")
        print("%s: FAIL (%s)" % (PROG, ", ".join(parts)))
        return 1
    print("%s: PASS" % PROG)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
