// Conv imports as tessera.conv with explicit pads (auto_pad resolved against
// the static input shape), the kernel taken from the weight, and default
// strides and dilations of 1.

// RUN: tessera-compile --emit=imported %onnx/node/test_basic_conv_with_padding/model.onnx | FileCheck %s --check-prefix=PADDED
// PADDED: func.func @main(%[[X:.+]]: tensor<1x1x5x5xf32> {{.*}}, %[[W:.+]]: tensor<1x1x3x3xf32> {{.*}})
// PADDED-NEXT: %[[Y:.+]] = tessera.conv %[[X]], %[[W]] strides = [1, 1] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x1x5x5xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x5x5xf32>
// PADDED-NEXT: return %[[Y]]

// RUN: tessera-compile --emit=imported %onnx/node/test_conv_with_strides_and_asymmetric_padding/model.onnx | FileCheck %s --check-prefix=ASYM
// ASYM: tessera.conv %arg0, %arg1 strides = [2, 2] pads = [1, 0, 1, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x7x5xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x4x2xf32>

// SAME_LOWER, 5x5 input, 3x3 kernel, stride 2: 3 outputs need 2 pads.
// RUN: tessera-compile --emit=imported %onnx/node/test_conv_with_autopad_same/model.onnx | FileCheck %s --check-prefix=SAME
// SAME: tessera.conv %arg0, %arg1 strides = [2, 2] pads = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x1x5x5xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>

// An odd total pad: SAME_UPPER puts the extra pad at the end, SAME_LOWER at
// the beginning; with dilation 2 and stride 3 (dimension 1) the dilated
// kernel spans 5: 4 outputs of 10 need 3 * 3 + 5 - 10 = 4 pads.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 2, 6, 10]), ('w', m.F32, [3, 2, 4, 3])], [('y', m.F32, [1, 3, 6, 4])], opset=11, name='c', auto_pad='SAME_UPPER', strides=[1, 3], dilations=[1, 2]), '%t.upper.onnx')"
// RUN: tessera-compile --emit=imported %t.upper.onnx | FileCheck %s --check-prefix=UPPER
// UPPER: tessera.conv %arg0, %arg1 strides = [1, 3] pads = [1, 2, 2, 2] dilations = [1, 2] groups = 1 : (tensor<1x2x6x10xf32>, tensor<3x2x4x3xf32>) -> tensor<1x3x6x4xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 2, 6, 10]), ('w', m.F32, [3, 2, 4, 3])], [('y', m.F32, [1, 3, 6, 4])], opset=11, name='c', auto_pad='SAME_LOWER', strides=[1, 3], dilations=[1, 2]), '%t.lower.onnx')"
// RUN: tessera-compile --emit=imported %t.lower.onnx | FileCheck %s --check-prefix=LOWER
// LOWER: tessera.conv %arg0, %arg1 strides = [1, 3] pads = [2, 2, 1, 2] dilations = [1, 2] groups = 1 : (tensor<1x2x6x10xf32>, tensor<3x2x4x3xf32>) -> tensor<1x3x6x4xf32>

// VALID ignores the pads attribute.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 1, 7]), ('w', m.F32, [1, 1, 3])], [('y', m.F32, [1, 1, 3])], opset=11, name='c', auto_pad='VALID', strides=[2], pads=[5, 5]), '%t.valid.onnx')"
// RUN: tessera-compile --emit=imported %t.valid.onnx | FileCheck %s --check-prefix=VALID
// VALID: tessera.conv %arg0, %arg1 strides = [2] pads = [0, 0] dilations = [1] groups = 1 : (tensor<1x1x7xf32>, tensor<1x1x3xf32>) -> tensor<1x1x3xf32>

// Opset 6 PyTorch exports: 1-d dilated with bias, grouped 2-d, 3-d, no bias.
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_Conv1d_dilated/model.onnx | FileCheck %s --check-prefix=CONV1D
// CONV1D: %[[W:.+]] = tessera.constant dense<{{.+}}> : tensor<5x4x3xf32>
// CONV1D-NEXT: %[[B:.+]] = tessera.constant dense<{{.+}}> : tensor<5xf32>
// CONV1D-NEXT: tessera.conv %arg0, %[[W]], %[[B]] strides = [1] pads = [0, 0] dilations = [2] groups = 1 : (tensor<2x4x10xf32>, tensor<5x4x3xf32>, tensor<5xf32>) -> tensor<2x5x6xf32>
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_Conv2d_depthwise_with_multiplier/model.onnx | FileCheck %s --check-prefix=DEPTHWISE
// DEPTHWISE: tessera.conv %arg0, %{{.+}}, %{{.+}} strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 4 : (tensor<2x4x6x6xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_Conv3d_stride_padding/model.onnx | FileCheck %s --check-prefix=CONV3D
// CONV3D: tessera.conv %arg0, %{{.+}}, %{{.+}} strides = [2, 2, 2] pads = [1, 1, 1, 1, 1, 1] dilations = [1, 1, 1] groups = 1 : (tensor<2x3x5x5x5xf32>, tensor<4x3x2x2x2xf32>, tensor<4xf32>) -> tensor<2x4x3x3x3xf32>
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_Conv2d_no_bias/model.onnx | FileCheck %s --check-prefix=NOBIAS
// NOBIAS: tessera.conv %arg0, %{{[^,]+}} strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<2x3x6x5xf32>, tensor<4x3x3x2xf32>) -> tensor<2x4x4x4xf32>

// Errors name the node.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 1, 5, 5]), ('w', m.F32, [1, 1, 3, 3])], [('y', m.F32, [1, 1, 5, 5])], opset=11, name='c', auto_pad='SAME'), '%t.autopad.onnx')"
// RUN: not tessera-compile --emit=imported %t.autopad.onnx 2>&1 | FileCheck %s --check-prefix=AUTOPAD
// AUTOPAD: error: node 'c' (op 'Conv', opset 11): unknown auto_pad 'SAME', expected NOTSET, SAME_UPPER, SAME_LOWER or VALID

// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 1, 5, 5]), ('w', m.F32, [1, 1, 3, 3])], [('y', m.F32, [1, 1, 3, 3])], opset=11, name='c', kernel_shape=[3, 2]), '%t.kernel.onnx')"
// RUN: not tessera-compile --emit=imported %t.kernel.onnx 2>&1 | FileCheck %s --check-prefix=KERNEL
// KERNEL: error: node 'c' (op 'Conv', opset 11): attribute kernel_shape [3, 2] does not match the kernel of weight W, [3, 3]

// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 1, 5, 5]), ('w', m.F32, [1, 1, 3, 3])], [('y', m.F32, [1, 1, 3, 3])], opset=11, name='c', strides=[1, 1, 1]), '%t.strides.onnx')"
// RUN: not tessera-compile --emit=imported %t.strides.onnx 2>&1 | FileCheck %s --check-prefix=STRIDES
// STRIDES: error: node 'c' (op 'Conv', opset 11): expected 2 values in attribute 'strides', got [1, 1, 1]

// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 5]), ('w', m.F32, [1, 5])], [('y', m.F32, [1, 1])], opset=11, name='c'), '%t.rank.onnx')"
// RUN: not tessera-compile --emit=imported %t.rank.onnx 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: error: node 'c' (op 'Conv', opset 11): expected input X of rank >= 3 [N, C, spatial...], got shape [1, 5]

// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 2, 5, 5]), ('w', m.F32, [1, 2, 3, 3, 3])], [('y', m.F32, [1, 1, 3, 3])], opset=11, name='c'), '%t.wrank.onnx')"
// RUN: not tessera-compile --emit=imported %t.wrank.onnx 2>&1 | FileCheck %s --check-prefix=WRANK
// WRANK: error: node 'c' (op 'Conv', opset 11): expected weight W of rank 4 like the input, got shape [1, 2, 3, 3, 3]

// Channel mismatches are reported by the conv shape rule.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Conv', [('x', m.F32, [1, 6, 5, 5]), ('w', m.F32, [4, 3, 3, 3])], [('y', m.F32, [1, 4, 3, 3])], opset=11, name='c', group=3), '%t.group.onnx')"
// RUN: not tessera-compile --emit=imported %t.group.onnx 2>&1 | FileCheck %s --check-prefix=GROUP
// GROUP: error: node 'c' (op 'Conv', opset 11): 'tessera.conv' op input channels (6) and output channels (4) must be divisible by groups (3)
// GROUP-NOT: error
