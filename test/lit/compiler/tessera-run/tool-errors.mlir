// Usage errors exit 2; every other error exits 1 with one line on stderr
// and nothing on stdout.

// RUN: rm -rf %t && mkdir -p %t

// Bad usage.
// RUN: tessera-run 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NOMODEL < %t.err
// NOMODEL: tessera-run: Not enough positional command line arguments specified!
// RUN: tessera-run %s --input x 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NOEQ --match-full-lines < %t.err
// NOEQ: tessera-run: bad --input 'x', expected NAME=FILE such as x=x.npy
// RUN: tessera-run %s --input =a.npy 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NONAME --match-full-lines < %t.err
// NONAME: tessera-run: bad --input '=a.npy', expected NAME=FILE such as x=x.npy
// RUN: tessera-run %s --input x=data.txt 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=EXT --match-full-lines < %t.err
// EXT: tessera-run: bad --input 'x=data.txt': the file must be a .npy or an ONNX TensorProto .pb
// RUN: tessera-run %s --input x=a.npy --input x=b.npy 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=TWICE --match-full-lines < %t.err
// TWICE: tessera-run: --input 'x' given twice
// RUN: tessera-run %s --device=gpu 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=DEVICE < %t.err
// DEVICE: tessera-run: for the --device option: Cannot find option named 'gpu'!
// RUN: tessera-run %s --seed=-1 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=SEED < %t.err
// SEED: tessera-run: for the --seed option: '-1' value invalid for ulong argument!
// RUN: tessera-run %s --no-such-flag 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=FLAG < %t.err
// FLAG: tessera-run: Unknown command line argument '--no-such-flag'.
// RUN: tessera-run %s --input-shape x4 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=SHAPESYNTAX --match-full-lines < %t.err
// SHAPESYNTAX: tessera-run: bad --input-shape 'x4', expected NAME=DIMS such as x=1x3x224x224
// RUN: tessera-run %s --input-shape x=2x3 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --check-prefix=SHAPEMLIR --match-full-lines < %t.err
// SHAPEMLIR: tessera-run: --input-shape applies to .onnx models only; a .mlir model has static shapes

// No GPU here (no driver): --device=cuda says so before compiling, and
// names the alternatives.
// RUN: not tessera-run %s --device=cuda > %t.out 2> %t.err
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=CUDA --match-full-lines < %t.err
// CUDA: tessera-run: error: no CUDA device: CUDA driver version is insufficient for CUDA runtime version (cudaError 35); run the model on the CPU emulator with --device=emu or on the reference evaluator with --device=cpu
// CUDA-EMPTY:

// Models that cannot be read.
// RUN: not tessera-run %t/missing.onnx 2>&1 | FileCheck %s --check-prefix=NOONNX --match-full-lines
// NOONNX: tessera-run: error: {{.*}}missing.onnx: cannot read: No such file or directory
// RUN: not tessera-run %t/missing.mlir 2>&1 | FileCheck %s --check-prefix=NOMLIR --match-full-lines
// NOMLIR: tessera-run: error: {{.*}}missing.mlir: cannot read: No such file or directory
// RUN: printf '%%s\n' 'func.func @main() {' '  %%0 = bogus' '}' > %t/parse.mlir
// RUN: not tessera-run %t/parse.mlir 2>&1 | FileCheck %s --check-prefix=PARSE --match-full-lines
// PARSE: tessera-run: error: {{.*}}parse.mlir:2:8: custom op 'bogus' is unknown (tried 'func.bogus' as well)
// PARSE-EMPTY:
// RUN: printf '%%s\n' 'func.func @a() {' '  return' '}' 'func.func @b() {' '  return' '}' > %t/two.mlir
// RUN: not tessera-run %t/two.mlir 2>&1 | FileCheck %s --check-prefix=TWO --match-full-lines
// TWO: tessera-run: error: {{.*}}two.mlir: no @main among 2 functions
// RUN: printf '%%s\n' 'module {' '}' > %t/none.mlir
// RUN: not tessera-run %t/none.mlir 2>&1 | FileCheck %s --check-prefix=NONE --match-full-lines
// NONE: tessera-run: error: {{.*}}none.mlir: no func.func to run
// RUN: printf '%%s\n' 'func.func @f(%%a: tensor<?xf32>) {' '  return' '}' > %t/dyn.mlir
// RUN: not tessera-run %t/dyn.mlir 2>&1 | FileCheck %s --check-prefix=DYN --match-full-lines
// DYN: tessera-run: error: input 'input_0' has type tensor<?xf32>, expected a static tensor of f32, f16, bf16, f64, i64, i32, i8 or i1

// An evaluation error names the ONNX node.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gather', [('data', m.F32, [3, 2]), ('idx', m.I64, [2])], [('y', m.F32, [2, 2])], name='lookup'), '%t/gather.onnx')"
// RUN: %python -c "import numpy as np; np.save('%t/idx.npy', np.array([0, -5]))"
// RUN: not tessera-run %t/gather.onnx --input idx=%t/idx.npy > %t.out 2> %t.err
// RUN: count 0 < %t.out
// RUN: FileCheck %s --check-prefix=GATHER --match-full-lines < %t.err
// GATHER:      tessera-run: note: input 'data' not given: using random f32 values in [-1, 1) (seed 0)
// GATHER-NEXT: tessera-run: error: node 'lookup' (op 'Gather'): index -5 (element 1 of the indices) is out of range [-3, 3) of dimension 0 of the data
// GATHER-EMPTY:

// Outputs that cannot be written.
// RUN: not tessera-run %s --output-dir /dev/null/out 2>&1 | FileCheck %s --check-prefix=MKDIR --match-full-lines
// MKDIR: tessera-run: error: cannot create output directory '/dev/null/out': Not a directory
// RUN: not tessera-run %s --output-dir %t/clash 2>&1 | FileCheck %s --check-prefix=CLASH --match-full-lines
// CLASH: tessera-run: error: outputs 'a/b' and 'a_b' would both be written to {{.*}}clash/a_b.npy

func.func @main() -> (tensor<2xf32> {tessera.name = "a/b"},
                      tensor<2xf32> {tessera.name = "a_b"}) {
  %0 = tessera.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0, %0 : tensor<2xf32>, tensor<2xf32>
}
