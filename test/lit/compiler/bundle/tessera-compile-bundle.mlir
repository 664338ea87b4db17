// tessera-compile MODEL -o OUT.tsrb writes a bundle: the kernels' CUDA C++,
// compiled by NVRTC for every --target (a cubin and PTX per image and
// target), a plan per target, the weights (4 KiB aligned) and the metadata.
// The round trip through decodeBundle is in test/unit/BundleRoundTripTest.cpp.

// RUN: rm -rf %t.cache && mkdir -p %t.cache
// RUN: env TESSERA_CACHE_DIR=%t.cache tessera-compile %S/../../../../examples/models/mlp_gelu.onnx -o %t.mlp.tsrb --target sm_80,sm_90a > %t.out 2> %t.err
// RUN: count 0 < %t.out
// RUN: count 0 < %t.err
// RUN: %python %S/list_sections.py %t.mlp.tsrb | FileCheck %s --check-prefix=MLP
// MLP:      version 1.0 sections 19
// MLP-NEXT: meta size=
// MLP-NEXT: source.0 size=
// MLP-NEXT: source.1 size=
// MLP-NEXT: source.2 size=
// MLP-NEXT: plan.sm_80 size=
// MLP-NEXT: cubin.sm_80.0 size=
// MLP-NEXT: cubin.sm_80.1 size=
// MLP-NEXT: cubin.sm_80.2 size=
// MLP-NEXT: ptx.sm_80.0 size=
// MLP-NEXT: ptx.sm_80.1 size=
// MLP-NEXT: ptx.sm_80.2 size=
// MLP-NEXT: plan.sm_90a size=
// MLP-NEXT: cubin.sm_90a.0 size=
// MLP:      ptx.sm_90a.2 size=
// fc1.weight (2048 bytes), fc1.bias (128) at 2048, fc2.weight (512) at
// 2304, fc2.bias (16) at 2816: each 256-byte aligned; the splats (0.5, 1,
// sqrt 2) are folded into the kernels.
// MLP-NEXT: weights size=2832

// The NVRTC cache: one entry per image and target; a second compile hits it
// and writes the same bundle.
// RUN: ls %t.cache/nvrtc | grep -c '\.nvrtc$' | FileCheck %s --check-prefix=CACHE
// CACHE: 6
// RUN: env TESSERA_CACHE_DIR=%t.cache tessera-compile %S/../../../../examples/models/mlp_gelu.onnx -o %t.mlp2.tsrb --target sm_80,sm_90a
// RUN: cmp %t.mlp.tsrb %t.mlp2.tsrb
// RUN: ls %t.cache/nvrtc | grep -c '\.nvrtc$' | FileCheck %s --check-prefix=CACHE

// --emit=bundle with any file name; the default target is sm_90a;
// --no-nvrtc writes the source only.
// RUN: tessera-compile %onnx/node/test_add/model.onnx --emit=bundle -o %t.add.bin --no-nvrtc
// RUN: %python %S/list_sections.py %t.add.bin | FileCheck %s --check-prefix=ADD
// ADD:      version 1.0 sections 4
// ADD-NEXT: meta size=
// ADD-NEXT: source.0 size=
// ADD-NEXT: plan.sm_90a size=
// ADD-NEXT: weights size=0

// --precision is recorded (the meta section changes) and checked.
// RUN: tessera-compile %onnx/node/test_add/model.onnx -o %t.add-f32.tsrb --no-nvrtc --precision=f32
// RUN: cmp %t.add.bin %t.add-f32.tsrb
// RUN: tessera-compile %onnx/node/test_add/model.onnx -o %t.add-bf16.tsrb --no-nvrtc --precision=bf16
// RUN: not cmp -s %t.add.bin %t.add-bf16.tsrb
// RUN: tessera-compile %onnx/node/test_add/model.onnx -o %t.bad.tsrb --precision=f64 > %t.out 2> %t.err; test $? -eq 2
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=PRECISION < %t.err
// PRECISION: tessera-compile: unknown precision 'f64' in --precision, expected one of f32, tf32, bf16, f16
// RUN: not test -e %t.bad.tsrb

// A bundle goes to a file, not stdout (exit 2).
// RUN: tessera-compile %onnx/node/test_add/model.onnx --emit=bundle 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=STDOUT < %t.err
// STDOUT: tessera-compile: --emit=bundle needs -o FILE (a bundle is not written to stdout)

// A bad target (exit 2), an unwritable output (exit 1).
// RUN: tessera-compile %onnx/node/test_add/model.onnx -o %t.bad.tsrb --target sm_70 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=TARGET < %t.err
// TARGET: tessera-compile: unknown target 'sm_70' in --target 'sm_70', expected one of
// RUN: tessera-compile %onnx/node/test_add/model.onnx -o %t.nodir/x.tsrb --no-nvrtc 2> %t.err; test $? -eq 1
// RUN: FileCheck %s --check-prefix=WRITE < %t.err
// WRITE: tessera-compile: error: cannot write '{{.*}}nodir/x.tsrb
