// ONNX models with .npy inputs (converted by NumPy from the node test's
// .pb files), --optimize, and --input-shape fixing a symbolic dimension.

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import onnx; from onnx import numpy_helper; import numpy as np; \
// RUN:   d = '%onnx/node/test_matmul_3d/test_data_set_0/'; \
// RUN:   [np.save('%t/in%%d.npy' %% i, numpy_helper.to_array(onnx.load_tensor(d + 'input_%%d.pb' %% i))) for i in range(2)]"
// RUN: tessera-run %onnx/node/test_matmul_3d/model.onnx --input a=%t/in0.npy --input b=%t/in1.npy --output-dir %t/mm
// RUN: %python -m compare_outputs %onnx/node/test_matmul_3d/model.onnx %onnx/node/test_matmul_3d/test_data_set_0 %t/mm | FileCheck %s
// RUN: tessera-run %onnx/node/test_matmul_3d/model.onnx --optimize --input a=%t/in0.npy --input b=%onnx/node/test_matmul_3d/test_data_set_0/input_1.pb --output-dir %t/mmopt
// RUN: %python -m compare_outputs %onnx/node/test_matmul_3d/model.onnx %onnx/node/test_matmul_3d/test_data_set_0 %t/mmopt | FileCheck %s
// CHECK: OK: 1 output(s) match

// A symbolic batch dimension fixed with --input-shape; relu of [-1, 2, -3]
// repeated 4 times has min 0, max 2, mean 2/3.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Relu', [('x', m.F32, ['N', 3])], [('y', m.F32, ['N', 3])]), '%t/sym.onnx')"
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.tile(np.array([-1, 2, -3], np.float32), (4, 1)))"
// RUN: tessera-run %t/sym.onnx --input-shape x=4x3 --input x=%t/x.npy | FileCheck %s --check-prefix=SYM --match-full-lines
// SYM: y: 4x3 f32 min=0 max=2 mean=0.666667
// RUN: not tessera-run %t/sym.onnx --input-shape x=5x3 --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=SYMBAD --match-full-lines
// SYMBAD: tessera-run: error: input 'x' from {{.*}}x.npy: expected 5x3 f32, got 4x3 f32
// RUN: not tessera-run %t/sym.onnx 2>&1 | FileCheck %s --check-prefix=NOSHAPE
// NOSHAPE: tessera-run: error: input 'x' has symbolic dimension 'N' (dimension 0); fix it with --input-shape x=DIMS
