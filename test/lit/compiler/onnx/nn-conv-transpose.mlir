// ConvTranspose imports as tessera.conv_transpose. SAME_* and output_shape
// become explicit pads; an output larger than the scattered positions gets
// output_padding, or zeros padded around the result with the bias added
// after.

// RUN: tessera-compile --emit=imported %onnx/node/test_convtranspose_1d/model.onnx | FileCheck %s --check-prefix=CT1D
// CT1D: func.func @main(%[[X:.+]]: tensor<1x1x3xf32> {{.*}}, %[[W:.+]]: tensor<1x2x3xf32> {{.*}})
// CT1D-NEXT: %[[Y:.+]] = tessera.conv_transpose %[[X]], %[[W]] strides = [1] pads = [0, 0] dilations = [1] output_padding = [0] groups = 1 : (tensor<1x1x3xf32>, tensor<1x2x3xf32>) -> tensor<1x2x5xf32>
// CT1D-NEXT: return %[[Y]]

// RUN: tessera-compile --emit=imported %onnx/node/test_convtranspose_3d/model.onnx | FileCheck %s --check-prefix=CT3D
// CT3D: tessera.conv_transpose %arg0, %arg1 strides = [1, 1, 1] pads = [0, 0, 0, 0, 0, 0] dilations = [1, 1, 1] output_padding = [0, 0, 0] groups = 1 : (tensor<1x1x3x4x5xf32>, tensor<1x2x3x3x3xf32>) -> tensor<1x2x5x6x7xf32>

// RUN: tessera-compile --emit=imported %onnx/node/test_convtranspose_dilations/model.onnx | FileCheck %s --check-prefix=DILATIONS
// DILATIONS: tessera.conv_transpose %arg0, %arg1 strides = [1, 1] pads = [0, 0, 0, 0] dilations = [2, 2] output_padding = [0, 0] groups = 1 : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x5x5xf32>

// RUN: tessera-compile --emit=imported %onnx/node/test_convtranspose_group_2/model.onnx | FileCheck %s --check-prefix=GROUP
// GROUP: tessera.conv_transpose %arg0, %arg1 strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 2 : (tensor<1x2x3x3xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x5x5xf32>

// RUN: tessera-compile --emit=imported %onnx/node/test_convtranspose_pads/model.onnx | FileCheck %s --check-prefix=PADS
// PADS: tessera.conv_transpose %arg0, %arg1 strides = [3, 2] pads = [1, 2, 1, 2] dilations = [1, 1] output_padding = [0, 0] groups = 1 : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x7x3xf32>

// output_shape [10, 8] with strides [3, 2] spans 9 x 7 positions: one more
// each, which output_padding covers.
// RUN: tessera-compile --emit=imported %onnx/node/test_convtranspose_output_shape/model.onnx | FileCheck %s --check-prefix=OUTSHAPE
// OUTSHAPE: tessera.conv_transpose %arg0, %arg1 strides = [3, 2] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [1, 1] groups = 1 : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32>
// The whole shape [N, C, H, W] (older exporters) means the same.
// RUN: %python -c "import onnx_models as m; m.save(m.single('ConvTranspose', [('x', m.F32, [1, 1, 3, 3]), ('w', m.F32, [1, 2, 3, 3])], [('y', m.F32, [1, 2, 10, 8])], opset=11, name='ct', strides=[3, 2], output_shape=[1, 2, 10, 8]), '%t.fullshape.onnx')"
// RUN: tessera-compile --emit=imported %t.fullshape.onnx | FileCheck %s --check-prefix=OUTSHAPE

// SAME_UPPER: 3 inputs with stride 2 give 6 outputs of the 7 positions; the
// extra pad goes at the end.
// RUN: tessera-compile --emit=imported %onnx/node/test_convtranspose_autopad_same/model.onnx | FileCheck %s --check-prefix=UPPER
// UPPER: tessera.conv_transpose %arg0, %arg1 strides = [2, 2] pads = [0, 0, 1, 1] dilations = [1, 1] output_padding = [0, 0] groups = 1 : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('ConvTranspose', [('x', m.F32, [1, 1, 3, 3]), ('w', m.F32, [1, 2, 3, 3])], [('y', m.F32, [1, 2, 6, 6])], opset=11, name='ct', auto_pad='SAME_LOWER', strides=[2, 2]), '%t.lower.onnx')"
// RUN: tessera-compile --emit=imported %t.lower.onnx | FileCheck %s --check-prefix=LOWER
// LOWER: tessera.conv_transpose %arg0, %arg1 strides = [2, 2] pads = [1, 1, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 1 : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32>

// PyTorch exports with weights, bias and output_padding.
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_ConvTranspose2d/model.onnx | FileCheck %s --check-prefix=TORCH
// TORCH: %[[W:.+]] = tessera.constant dense<{{.+}}> : tensor<3x4x3x3xf32>
// TORCH-NEXT: %[[B:.+]] = tessera.constant dense<{{.+}}> : tensor<4xf32>
// TORCH-NEXT: tessera.conv_transpose %arg0, %[[W]], %[[B]] strides = [3, 2] pads = [1, 1, 1, 1] dilations = [1, 1] output_padding = [1, 1] groups = 1 : (tensor<1x3x7x6xf32>, tensor<3x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x20x12xf32>

// output_shape 3 beyond the 5 positions of stride 1: output_padding must stay
// below the stride, so the result is padded with zeros and the bias added.
// RUN: %python -c "import onnx_models as m; m.save(m.single('ConvTranspose', [('x', m.F32, [1, 1, 3]), ('w', m.F32, [1, 2, 3]), ('b', m.F32, [2])], [('y', m.F32, [1, 2, 8])], opset=11, name='ct', output_shape=[8]), '%t.zeros.onnx')"
// RUN: tessera-compile --emit=imported %t.zeros.onnx | FileCheck %s --check-prefix=ZEROS
// ZEROS: func.func @main(%[[X:.+]]: tensor<1x1x3xf32> {{.*}}, %[[W:.+]]: tensor<1x2x3xf32> {{.*}}, %[[B:.+]]: tensor<2xf32> {{.*}})
// ZEROS-NEXT: %[[CT:.+]] = tessera.conv_transpose %[[X]], %[[W]] strides = [1] pads = [0, 0] dilations = [1] output_padding = [0] groups = 1 : (tensor<1x1x3xf32>, tensor<1x2x3xf32>) -> tensor<1x2x5xf32>
// ZEROS-NEXT: %[[PAD:.+]] = tessera.pad %[[CT]] pads = [0, 0, 0, 0, 0, 3] mode = constant value = 0.000000e+00 : (tensor<1x2x5xf32>) -> tensor<1x2x8xf32>
// ZEROS-NEXT: %[[BIAS:.+]] = tessera.reshape %[[B]] : tensor<2xf32> to tensor<2x1xf32>
// ZEROS-NEXT: %[[Y:.+]] = tessera.add %[[PAD]], %[[BIAS]] : (tensor<1x2x8xf32>, tensor<2x1xf32>) -> tensor<1x2x8xf32>
// ZEROS-NEXT: return %[[Y]]

// SAME_UPPER with stride 3 and a 1-wide kernel: 6 outputs, 4 positions; the
// ONNX split (-1, -1) gives one zero in front and one output_padding.
// RUN: %python -c "import onnx_models as m; m.save(m.single('ConvTranspose', [('x', m.F32, [1, 1, 2]), ('w', m.F32, [1, 1, 1])], [('y', m.F32, [1, 1, 6])], opset=11, name='ct', auto_pad='SAME_UPPER', strides=[3]), '%t.front.onnx')"
// RUN: tessera-compile --emit=imported %t.front.onnx | FileCheck %s --check-prefix=FRONT
// FRONT: %[[CT:.+]] = tessera.conv_transpose %arg0, %arg1 strides = [3] pads = [0, 0] dilations = [1] output_padding = [1] groups = 1 : (tensor<1x1x2xf32>, tensor<1x1x1xf32>) -> tensor<1x1x5xf32>
// FRONT-NEXT: %[[Y:.+]] = tessera.pad %[[CT]] pads = [0, 0, 1, 0, 0, 0] mode = constant value = 0.000000e+00 : (tensor<1x1x5xf32>) -> tensor<1x1x6xf32>
// FRONT-NEXT: return %[[Y]]

// Errors name the node.
// RUN: %python -c "import onnx_models as m; m.save(m.single('ConvTranspose', [('x', m.F32, [1, 1, 3, 3]), ('w', m.F32, [1, 2, 3, 3])], [('y', m.F32, [1, 2, 10, 8])], opset=11, name='ct', output_shape=[10]), '%t.count.onnx')"
// RUN: not tessera-compile --emit=imported %t.count.onnx 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: error: node 'ct' (op 'ConvTranspose', opset 11): expected 2 values in attribute 'output_shape', got [10]
// RUN: %python -c "import onnx_models as m; m.save(m.single('ConvTranspose', [('x', m.F32, [1, 1, 3, 3]), ('w', m.F32, [1, 2, 3, 3])], [('y', m.F32, [1, 2, 5, 5])], opset=11, name='ct', output_padding=[0]), '%t.outpad.onnx')"
// RUN: not tessera-compile --emit=imported %t.outpad.onnx 2>&1 | FileCheck %s --check-prefix=OUTPAD
// OUTPAD: error: node 'ct' (op 'ConvTranspose', opset 11): expected 2 values in attribute 'output_padding', got [0]
// Weight channels are checked by the shape rule.
// RUN: %python -c "import onnx_models as m; m.save(m.single('ConvTranspose', [('x', m.F32, [1, 2, 3, 3]), ('w', m.F32, [1, 2, 3, 3])], [('y', m.F32, [1, 2, 5, 5])], opset=11, name='ct'), '%t.channels.onnx')"
// RUN: not tessera-compile --emit=imported %t.channels.onnx 2>&1 | FileCheck %s --check-prefix=CHANNELS
// CHANNELS: error: node 'ct' (op 'ConvTranspose', opset 11): 'tessera.conv_transpose' op weight has 1 input channels, expected 2
