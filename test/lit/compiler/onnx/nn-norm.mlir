// BatchNormalization (inference), LayerNormalization, RMSNormalization and
// LRN.

// RUN: tessera-compile --emit=imported %onnx/node/test_batchnorm_epsilon/model.onnx | FileCheck %s --check-prefix=BN
// BN: func.func @main(%[[X:[^:]+]]: tensor<2x3x4x5xf32> {{.*}}, %[[S:[^:]+]]: tensor<3xf32> {{.*}}, %[[B:[^:]+]]: tensor<3xf32> {{.*}}, %[[M:[^:]+]]: tensor<3xf32> {{.*}}, %[[V:[^:]+]]: tensor<3xf32> {{.*}})
// BN-NEXT: %[[Y:.+]] = tessera.batch_norm %[[X]], %[[S]], %[[B]], %[[M]], %[[V]] epsilon = 0.0099999997764825821 : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
// BN-NEXT: return %[[Y]]

// Opset 6 with is_test=1 and momentum: the same op.
// RUN: tessera-compile --emit=imported %onnx/pytorch-converted/test_BatchNorm2d_eval/model.onnx | FileCheck %s --check-prefix=BN6
// BN6: tessera.batch_norm %arg0, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} epsilon = 9.9999997473787516E-6 : (tensor<2x3x6x6xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x6x6xf32>

// Opset 15: f32 statistics of an f16 input; computes in f32 like the
// reference's NumPy promotion.
// RUN: %python -c "import onnx_models as m; m.save(m.single('BatchNormalization', [('x', m.TensorProto.FLOAT16, [2, 3, 4])] + [(n, m.F32, [3]) for n in ('s', 'b', 'm', 'v')], [('y', m.TensorProto.FLOAT16, [2, 3, 4])], opset=15, name='bn'), '%t.mixed.onnx')"
// RUN: tessera-compile --emit=imported %t.mixed.onnx | FileCheck %s --check-prefix=BN-MIXED
// BN-MIXED: %[[X:.+]] = tessera.cast %arg0 : tensor<2x3x4xf16> to tensor<2x3x4xf32>
// BN-MIXED-NEXT: %[[N:.+]] = tessera.batch_norm %[[X]], %arg1, %arg2, %arg3, %arg4 epsilon = 1.000000e-05 : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
// BN-MIXED-NEXT: %[[Y:.+]] = tessera.cast %[[N]] : tensor<2x3x4xf32> to tensor<2x3x4xf16>
// BN-MIXED-NEXT: return %[[Y]]

// Opset 7 spatial=0: per-activation statistics, decomposed.
// RUN: %python -c "import onnx_models as m; m.save(m.single('BatchNormalization', [('x', m.F32, [2, 3, 4])] + [(n, m.F32, [3, 4]) for n in ('s', 'b', 'm', 'v')], [('y', m.F32, [2, 3, 4])], opset=7, name='bn', spatial=0, epsilon=0.5), '%t.spatial.onnx')"
// RUN: tessera-compile --emit=imported %t.spatial.onnx | FileCheck %s --check-prefix=BN-SPATIAL
// BN-SPATIAL: func.func @main(%[[X:[^:]+]]: {{.+}}, %[[S:[^:]+]]: {{.+}}, %[[B:[^:]+]]: {{.+}}, %[[M:[^:]+]]: {{.+}}, %[[V:[^:]+]]: {{.+}})
// BN-SPATIAL-NEXT: %[[EPS:.+]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// BN-SPATIAL-NEXT: %[[VE:.+]] = tessera.add %[[V]], %[[EPS]] : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
// BN-SPATIAL-NEXT: %[[INV:.+]] = tessera.rsqrt %[[VE]] : tensor<3x4xf32>
// BN-SPATIAL-NEXT: %[[D:.+]] = tessera.sub %[[X]], %[[M]] : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
// BN-SPATIAL-NEXT: %[[N:.+]] = tessera.mul %[[D]], %[[INV]] : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
// BN-SPATIAL-NEXT: %[[SN:.+]] = tessera.mul %[[N]], %[[S]] : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
// BN-SPATIAL-NEXT: %[[Y:.+]] = tessera.add %[[SN]], %[[B]] : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
// BN-SPATIAL-NEXT: return %[[Y]]

// Training mode is unsupported.
// RUN: %python -c "import onnx_models as m; m.save(m.single('BatchNormalization', [('x', m.F32, [2, 3, 4])] + [(n, m.F32, [3]) for n in ('s', 'b', 'm', 'v')], [('y', m.F32, [2, 3, 4])], opset=15, name='bn', training_mode=1), '%t.training.onnx')"
// RUN: not tessera-compile --emit=imported %t.training.onnx 2>&1 | FileCheck %s --check-prefix=BN-TRAINING
// BN-TRAINING: error: node 'bn' (op 'BatchNormalization', opset 15): unsupported BatchNormalization training_mode=1
// RUN: %python -c "import onnx_models as m; m.save(m.single('BatchNormalization', [('x', m.F32, [2, 3, 4])] + [(n, m.F32, [3]) for n in ('s', 'b', 'm', 'v')], [('y', m.F32, [2, 3, 4]), ('running_mean', m.F32, [3])], opset=9, name='bn'), '%t.outputs.onnx')"
// RUN: not tessera-compile --emit=imported %t.outputs.onnx 2>&1 | FileCheck %s --check-prefix=BN-OUTPUTS
// BN-OUTPUTS: error: node 'bn' (op 'BatchNormalization', opset 9): unsupported BatchNormalization in training mode (output 1 requested)

// LayerNormalization with only Y: tessera.layer_norm.
// RUN: %python -c "import onnx_models as m; m.save(m.single('LayerNormalization', [('x', m.F32, [2, 3, 4]), ('s', m.F32, [4]), ('b', m.F32, [4])], [('y', m.F32, [2, 3, 4])], opset=17, name='ln'), '%t.ln.onnx')"
// RUN: tessera-compile --emit=imported %t.ln.onnx | FileCheck %s --check-prefix=LN
// LN: %[[Y:.+]] = tessera.layer_norm %arg0, %arg1, %arg2 axis = 2 epsilon = 1.000000e-05 : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
// LN-NEXT: return %[[Y]]

// With Mean and InvStdDev (the node tests request both): decomposed.
// RUN: tessera-compile --emit=imported %onnx/node/test_layer_normalization_3d_axis1_epsilon/model.onnx | FileCheck %s --check-prefix=LN-STATS
// LN-STATS: func.func @main(%[[X:[^:]+]]: tensor<2x3x5xf32> {{.*}}, %[[S:[^:]+]]: tensor<3x5xf32> {{.*}}, %[[B:[^:]+]]: tensor<3x5xf32> {{.*}})
// LN-STATS-NEXT: %[[MEAN:.+]] = tessera.reduce_mean %[[X]] axes = [1, 2] keep_dims : (tensor<2x3x5xf32>) -> tensor<2x1x1xf32>
// LN-STATS-NEXT: %[[D:.+]] = tessera.sub %[[X]], %[[MEAN]] : (tensor<2x3x5xf32>, tensor<2x1x1xf32>) -> tensor<2x3x5xf32>
// LN-STATS-NEXT: %[[DD:.+]] = tessera.mul %[[D]], %[[D]] : (tensor<2x3x5xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
// LN-STATS-NEXT: %[[VAR:.+]] = tessera.reduce_mean %[[DD]] axes = [1, 2] keep_dims : (tensor<2x3x5xf32>) -> tensor<2x1x1xf32>
// LN-STATS-NEXT: %[[EPS:.+]] = tessera.constant dense<1.000000e-01> : tensor<f32>
// LN-STATS-NEXT: %[[VE:.+]] = tessera.add %[[VAR]], %[[EPS]] : (tensor<2x1x1xf32>, tensor<f32>) -> tensor<2x1x1xf32>
// LN-STATS-NEXT: %[[INV:.+]] = tessera.rsqrt %[[VE]] : tensor<2x1x1xf32>
// LN-STATS-NEXT: %[[N:.+]] = tessera.mul %[[D]], %[[INV]] : (tensor<2x3x5xf32>, tensor<2x1x1xf32>) -> tensor<2x3x5xf32>
// LN-STATS-NEXT: %[[SN:.+]] = tessera.mul %[[N]], %[[S]] : (tensor<2x3x5xf32>, tensor<3x5xf32>) -> tensor<2x3x5xf32>
// LN-STATS-NEXT: %[[Y:.+]] = tessera.add %[[SN]], %[[B]] : (tensor<2x3x5xf32>, tensor<3x5xf32>) -> tensor<2x3x5xf32>
// LN-STATS-NEXT: return %[[Y]], %[[MEAN]], %[[INV]]

// f16 input with the default stash_type (float): statistics in f32, the
// normalized values cast back before the scale. Only InvStdDev requested.
// RUN: %python -c "import onnx_models as m; H = m.TensorProto.FLOAT16; mdl = m.single('LayerNormalization', [('x', H, [2, 3, 4]), ('s', H, [3, 4])], [('y', H, [2, 3, 4]), ('mean', m.F32, [2, 1, 1]), ('inv', m.F32, [2, 1, 1])], opset=17, name='ln', axis=-2, epsilon=0.25); mdl.graph.node[0].output[1] = ''; del mdl.graph.output[1]; m.save(mdl, '%t.half.onnx')"
// RUN: tessera-compile --emit=imported %t.half.onnx | FileCheck %s --check-prefix=LN-HALF
// LN-HALF: %[[X:.+]] = tessera.cast %arg0 : tensor<2x3x4xf16> to tensor<2x3x4xf32>
// LN-HALF-NEXT: %[[MEAN:.+]] = tessera.reduce_mean %[[X]] axes = [1, 2] keep_dims : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
// LN-HALF: %[[EPS:.+]] = tessera.constant dense<2.500000e-01> : tensor<f32>
// LN-HALF: %[[INV:.+]] = tessera.rsqrt %{{.+}} : tensor<2x1x1xf32>
// LN-HALF-NEXT: %[[N:.+]] = tessera.mul %{{.+}}, %[[INV]] : (tensor<2x3x4xf32>, tensor<2x1x1xf32>) -> tensor<2x3x4xf32>
// LN-HALF-NEXT: %[[NH:.+]] = tessera.cast %[[N]] : tensor<2x3x4xf32> to tensor<2x3x4xf16>
// LN-HALF-NEXT: %[[Y:.+]] = tessera.mul %[[NH]], %arg1 : (tensor<2x3x4xf16>, tensor<3x4xf16>) -> tensor<2x3x4xf16>
// LN-HALF-NEXT: return %[[Y]], %[[INV]] : tensor<2x3x4xf16>, tensor<2x1x1xf32>

// RUN: %python -c "import onnx_models as m; m.save(m.single('LayerNormalization', [('x', m.F32, [2, 3, 4]), ('s', m.F32, [4])], [('y', m.F32, [2, 3, 4])], opset=17, name='ln', axis=3), '%t.axis.onnx')"
// RUN: not tessera-compile --emit=imported %t.axis.onnx 2>&1 | FileCheck %s --check-prefix=LN-AXIS
// LN-AXIS: error: node 'ln' (op 'LayerNormalization', opset 17): expected axis in [-3, 3), got 3
// RUN: %python -c "import onnx_models as m; m.save(m.single('LayerNormalization', [('x', m.F32, [2, 3, 4]), ('s', m.F32, [4])], [('y', m.F32, [2, 3, 4]), ('mean', m.F32, [2, 3, 1])], opset=17, name='ln', stash_type=7), '%t.stash.onnx')"
// RUN: not tessera-compile --emit=imported %t.stash.onnx 2>&1 | FileCheck %s --check-prefix=LN-STASH
// LN-STASH: error: node 'ln' (op 'LayerNormalization', opset 17): expected a float stash_type, got 7
// RUN: %python -c "import onnx_models as m; m.save(m.single('LayerNormalization', [('x', m.F32, [2, 3, 4]), ('s', m.F32, [3])], [('y', m.F32, [2, 3, 4]), ('mean', m.F32, [2, 3, 1])], opset=17, name='ln'), '%t.scale.onnx')"
// RUN: not tessera-compile --emit=imported %t.scale.onnx 2>&1 | FileCheck %s --check-prefix=LN-SCALE
// LN-SCALE: error: node 'ln' (op 'LayerNormalization', opset 17): input Scale of shape [3] does not broadcast to the normalized shape [4]

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_rms_normalization_3d_axis_negative_2_epsilon/model.onnx | FileCheck %s --check-prefix=RMS
// RMS: tessera.rms_norm %arg0, %arg1 axis = 1 epsilon = 0.10000000149011612 : (tensor<2x3x5xf32>, tensor<3x5xf32>) -> tensor<2x3x5xf32>

// Local response normalization, x / (bias + alpha / size * sum(x^2))^beta
// with the sum over a window of channels: an average pool that counts its
// zero padding, over [N, 1, C, H*W].
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_lrn/model.onnx | FileCheck %s --check-prefix=LRN
// LRN: func.func @main(%[[X:[^:]+]]: tensor<5x5x5x5xf32>
// LRN-NEXT: %[[SQ:.+]] = tessera.mul %[[X]], %[[X]] : (tensor<5x5x5x5xf32>, tensor<5x5x5x5xf32>) -> tensor<5x5x5x5xf32>
// LRN-NEXT: %[[WIN:.+]] = tessera.reshape %[[SQ]] : tensor<5x5x5x5xf32> to tensor<5x1x5x25xf32>
// LRN-NEXT: %[[AVG:.+]] = tessera.avg_pool %[[WIN]] kernel = [3, 1] strides = [1, 1] pads = [1, 0, 1, 0] dilations = [1, 1] count_include_pad : (tensor<5x1x5x25xf32>) -> tensor<5x1x5x25xf32>
// LRN-NEXT: %[[SUM:.+]] = tessera.reshape %[[AVG]] : tensor<5x1x5x25xf32> to tensor<5x5x5x5xf32>
// LRN-NEXT: %[[ALPHA:.+]] = tessera.constant dense<2.000000e-04> : tensor<f32>
// LRN-NEXT: %[[SCALED:.+]] = tessera.mul %[[SUM]], %[[ALPHA]]
// LRN-NEXT: %[[BIAS:.+]] = tessera.constant dense<2.000000e+00> : tensor<f32>
// LRN-NEXT: %[[BASE:.+]] = tessera.add %[[SCALED]], %[[BIAS]]
// LRN-NEXT: %[[BETA:.+]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// LRN-NEXT: %[[DEN:.+]] = tessera.pow %[[BASE]], %[[BETA]]
// LRN-NEXT: %[[Y:.+]] = tessera.div %[[X]], %[[DEN]] : (tensor<5x5x5x5xf32>, tensor<5x5x5x5xf32>) -> tensor<5x5x5x5xf32>
// LRN-NEXT: return %[[Y]]

// An even size: the window is [c, c + 1]; a 2-D input reshapes to [N, 1, C, 1].
// RUN: %python -c "import onnx_models as m; m.save(m.single('LRN', [('x', m.F32, [2, 6])], [('y', m.F32, [2, 6])], opset=13, name='lrn', size=2), '%t.even.onnx')"
// RUN: tessera-compile --emit=imported %t.even.onnx | FileCheck %s --check-prefix=LRN-EVEN
// LRN-EVEN: tessera.reshape %{{.+}} : tensor<2x6xf32> to tensor<2x1x6x1xf32>
// LRN-EVEN-NEXT: tessera.avg_pool %{{.+}} kernel = [2, 1] strides = [1, 1] pads = [0, 0, 1, 0] dilations = [1, 1] count_include_pad : (tensor<2x1x6x1xf32>) -> tensor<2x1x6x1xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('LRN', [('x', m.F32, [2, 6])], [('y', m.F32, [2, 6])], opset=13, name='lrn'), '%t.nosize.onnx')"
// RUN: not tessera-compile --emit=imported %t.nosize.onnx 2>&1 | FileCheck %s --check-prefix=LRN-SIZE
// LRN-SIZE: error: node 'lrn' (op 'LRN', opset 13): missing attribute 'size'
