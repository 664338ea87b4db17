// MaxPool and AveragePool import as tessera.max_pool / avg_pool with explicit
// pads; ceil_mode applies to explicit pads only (SAME_* and VALID fix the
// output size). GlobalAveragePool / GlobalMaxPool map one to one.

// RUN: tessera-compile --emit=imported %onnx/node/test_maxpool_2d_same_upper/model.onnx | FileCheck %s --check-prefix=MAX-UPPER
// MAX-UPPER: func.func @main(%[[X:.+]]: tensor<1x3x32x32xf32> {{.*}})
// MAX-UPPER-NEXT: %[[Y:.+]] = tessera.max_pool %[[X]] kernel = [2, 2] strides = [1, 1] pads = [0, 0, 1, 1] dilations = [1, 1] : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>
// MAX-UPPER-NEXT: return %[[Y]]

// RUN: tessera-compile --emit=imported %onnx/node/test_maxpool_2d_ceil/model.onnx | FileCheck %s --check-prefix=MAX-CEIL
// MAX-CEIL: tessera.max_pool %arg0 kernel = [3, 3] strides = [2, 2] pads = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>

// RUN: tessera-compile --emit=imported %onnx/node/test_maxpool_2d_dilations/model.onnx | FileCheck %s --check-prefix=MAX-DIL
// MAX-DIL: tessera.max_pool %arg0 kernel = [2, 2] strides = [1, 1] pads = [0, 0, 0, 0] dilations = [2, 2] : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>

// RUN: tessera-compile --emit=imported %onnx/node/test_maxpool_3d_default/model.onnx | FileCheck %s --check-prefix=MAX-3D
// MAX-3D: tessera.max_pool %arg0 kernel = [2, 2, 2] strides = [1, 1, 1] pads = [0, 0, 0, 0, 0, 0] dilations = [1, 1, 1] : (tensor<1x3x32x32x32xf32>) -> tensor<1x3x31x31x31xf32>

// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_MaxPool1d_stride_padding_dilation/model.onnx | FileCheck %s --check-prefix=MAX-1D
// MAX-1D: tessera.max_pool %arg0 kernel = [200] strides = [10] pads = [100, 100] dilations = [10] : (tensor<1x1x220000xf32>) -> tensor<1x1x21821xf32>

// SAME_LOWER with ceil_mode: the pad goes in front and ceil_mode is dropped.
// RUN: %python -c "import onnx_models as m; m.save(m.single('MaxPool', [('x', m.F32, [1, 1, 5, 5])], [('y', m.F32, [1, 1, 3, 3])], opset=12, name='p', auto_pad='SAME_LOWER', kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1), '%t.lower.onnx')"
// RUN: tessera-compile --emit=imported %t.lower.onnx | FileCheck %s --check-prefix=MAX-LOWER
// MAX-LOWER: tessera.max_pool %arg0 kernel = [2, 2] strides = [2, 2] pads = [1, 1, 0, 0] dilations = [1, 1] : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>

// RUN: tessera-compile --emit=imported %onnx/node/test_averagepool_2d_pads_count_include_pad/model.onnx | FileCheck %s --check-prefix=AVG-INCLUDE
// AVG-INCLUDE: tessera.avg_pool %arg0 kernel = [3, 3] strides = [1, 1] pads = [2, 2, 2, 2] dilations = [1, 1] count_include_pad : (tensor<1x3x28x28xf32>) -> tensor<1x3x30x30xf32>

// RUN: tessera-compile --emit=imported %onnx/node/test_averagepool_2d_same_lower/model.onnx | FileCheck %s --check-prefix=AVG-LOWER
// AVG-LOWER: tessera.avg_pool %arg0 kernel = [2, 2] strides = [1, 1] pads = [1, 1, 0, 0] dilations = [1, 1] : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>

// Opset 19 dilations with ceil_mode.
// RUN: tessera-compile --emit=imported %onnx/node/test_averagepool_3d_dilations_large_count_include_pad_is_1_ceil_mode_is_True/model.onnx | FileCheck %s --check-prefix=AVG-DIL
// AVG-DIL: tessera.avg_pool %arg0 kernel = [5, 5, 5] strides = [3, 3, 3] pads = [0, 0, 0, 0, 0, 0] dilations = [2, 2, 2] ceil_mode count_include_pad : (tensor<1x1x32x32x32xf32>) -> tensor<1x1x9x9x9xf32>

// Opset 6 (no count_include_pad, no ceil_mode).
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_AvgPool3d_stride/model.onnx | FileCheck %s --check-prefix=AVG-3D
// AVG-3D: tessera.avg_pool %arg0 kernel = [2, 2, 2] strides = [2, 2, 2] pads = [0, 0, 0, 0, 0, 0] dilations = [1, 1, 1] : (tensor<2x3x5x5x5xf32>) -> tensor<2x3x2x2x2xf32>

// RUN: tessera-compile --emit=imported %onnx/node/test_globalaveragepool/model.onnx | FileCheck %s --check-prefix=GAVG
// GAVG: tessera.global_avg_pool %arg0 : (tensor<1x3x5x5xf32>) -> tensor<1x3x1x1xf32>
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_globalmaxpool/model.onnx | FileCheck %s --check-prefix=GMAX
// GMAX: tessera.global_max_pool %arg0 : (tensor<1x3x5x5xf32>) -> tensor<1x3x1x1xf32>

// The Indices output of MaxPool has no tessera op yet.
// The Indices output: a max_pool_indices op with the same window, row-major
// by default, column-major with storage_order = 1.
// RUN: tessera-compile --emit=imported %onnx/node/test_maxpool_with_argmax_2d_precomputed_pads/model.onnx | FileCheck %s --check-prefix=INDICES
// INDICES: %[[Y:.+]] = tessera.max_pool %arg0 kernel = [5, 5] strides = [1, 1] pads = [2, 2, 2, 2] dilations = [1, 1] : (tensor<1x1x5x5xf32>) -> tensor<1x1x5x5xf32>
// INDICES-NEXT: %[[I:.+]] = tessera.max_pool_indices %arg0 kernel = [5, 5] strides = [1, 1] pads = [2, 2, 2, 2] dilations = [1, 1] : (tensor<1x1x5x5xf32>) -> tensor<1x1x5x5xi64>
// INDICES-NEXT: return %[[Y]], %[[I]]
// RUN: rm -rf %t.indices && tessera-run %onnx/node/test_maxpool_with_argmax_2d_precomputed_strides/model.onnx --input x=%onnx/node/test_maxpool_with_argmax_2d_precomputed_strides/test_data_set_0/input_0.pb --output-dir %t.indices
// RUN: %python %S/../../lib/compare_outputs.py %onnx/node/test_maxpool_with_argmax_2d_precomputed_strides/model.onnx %onnx/node/test_maxpool_with_argmax_2d_precomputed_strides/test_data_set_0 %t.indices | FileCheck %s --check-prefix=INDICES-MATCH
// INDICES-MATCH: OK: 2 output(s) match

// RUN: %python -c "import onnx_models as m; m.save(m.single('AveragePool', [('x', m.F32, [1, 1, 5, 5])], [('y', m.F32, [1, 1, 3, 3])], opset=11, name='p'), '%t.nokernel.onnx')"
// RUN: not tessera-compile --emit=imported %t.nokernel.onnx 2>&1 | FileCheck %s --check-prefix=NOKERNEL
// NOKERNEL: error: node 'p' (op 'AveragePool', opset 11): missing attribute 'kernel_shape'

// RUN: %python -c "import onnx_models as m; m.save(m.single('MaxPool', [('x', m.F32, [1, 1, 5, 5])], [('y', m.F32, [1, 1, 3, 3])], opset=11, name='p', kernel_shape=[3]), '%t.kernel.onnx')"
// RUN: not tessera-compile --emit=imported %t.kernel.onnx 2>&1 | FileCheck %s --check-prefix=KERNEL
// KERNEL: error: node 'p' (op 'MaxPool', opset 11): expected 2 values in attribute 'kernel_shape', got [3]

// RUN: %python -c "import onnx_models as m; m.save(m.single('MaxPool', [('x', m.F32, [1, 1, 5, 5])], [('y', m.F32, [1, 1, 3, 3])], opset=11, name='p', kernel_shape=[2, 2], auto_pad='same_upper'), '%t.autopad.onnx')"
// RUN: not tessera-compile --emit=imported %t.autopad.onnx 2>&1 | FileCheck %s --check-prefix=AUTOPAD
// AUTOPAD: error: node 'p' (op 'MaxPool', opset 11): unknown auto_pad 'same_upper', expected NOTSET, SAME_UPPER, SAME_LOWER or VALID

// Pads as large as the window are rejected by the pool shape rule.
// RUN: %python -c "import onnx_models as m; m.save(m.single('MaxPool', [('x', m.F32, [1, 1, 5, 5])], [('y', m.F32, [1, 1, 3, 3])], opset=11, name='p', kernel_shape=[2, 2], pads=[2, 0, 0, 0]), '%t.pads.onnx')"
// RUN: not tessera-compile --emit=imported %t.pads.onnx 2>&1 | FileCheck %s --check-prefix=PADS
// PADS: error: node 'p' (op 'MaxPool', opset 11): 'tessera.max_pool' op pads [2, 0, 0, 0] must be smaller than the window (2) in dimension 0
// PADS-NOT: error
