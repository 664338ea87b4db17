// LSTM unrolls over its static sequence length: per direction one matmul
// X·Wᵀ for all steps, then one matmul H·Rᵀ per step (none at the first step
// without initial_h, since H is zero); gates i, o, f, c in that order, with
// sigmoid, tanh, tanh by default.

// One step, no initial state: the input projection only; the forget gate
// (columns 6..8) multiplies a zero cell state and is dropped.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_lstm_defaults/model.onnx | FileCheck %s --check-prefix=DEFAULTS
// DEFAULTS: func.func @main(%[[X:.+]]: tensor<1x3x2xf32> {{.*}}, %[[W:.+]]: tensor<1x12x2xf32> {{.*}}, %[[R:.+]]: tensor<1x12x3xf32> {{.*}})
// DEFAULTS-NEXT: %[[X2:.+]] = tessera.reshape %[[X]] : tensor<1x3x2xf32> to tensor<3x2xf32>
// DEFAULTS-NEXT: %[[W2:.+]] = tessera.reshape %[[W]] : tensor<1x12x2xf32> to tensor<12x2xf32>
// DEFAULTS-NEXT: %[[XW:.+]] = tessera.matmul %[[X2]], %[[W2]] transpose_rhs : (tensor<3x2xf32>, tensor<12x2xf32>) -> tensor<3x12xf32>
// DEFAULTS-NEXT: %[[I:.+]] = tessera.slice %[[XW]] offsets = [0, 0] sizes = [3, 3]
// DEFAULTS-NEXT: %[[O:.+]] = tessera.slice %[[XW]] offsets = [0, 3] sizes = [3, 3]
// DEFAULTS-NEXT: %[[C:.+]] = tessera.slice %[[XW]] offsets = [0, 9] sizes = [3, 3]
// DEFAULTS-NEXT: %[[IG:.+]] = tessera.sigmoid %[[I]]
// DEFAULTS-NEXT: %[[CG:.+]] = tessera.tanh %[[C]]
// DEFAULTS-NEXT: %[[CELL:.+]] = tessera.mul %[[IG]], %[[CG]]
// DEFAULTS-NEXT: %[[OG:.+]] = tessera.sigmoid %[[O]]
// DEFAULTS-NEXT: %[[HC:.+]] = tessera.tanh %[[CELL]]
// DEFAULTS-NEXT: %[[H:.+]] = tessera.mul %[[OG]], %[[HC]]
// DEFAULTS-NEXT: %[[YH:.+]] = tessera.reshape %[[H]] : tensor<3x3xf32> to tensor<1x3x3xf32>
// DEFAULTS-NEXT: return %[[YH]]

// Peepholes (P = [Pi, Po, Pf]) and a run-time sequence_lens: the state of a
// finished row is kept (select on lens > t).
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_lstm_with_peepholes/model.onnx | FileCheck %s --check-prefix=PEEP
// PEEP: %[[P:.+]] = tessera.reshape %arg7 : tensor<1x9xf32> to tensor<9xf32>
// PEEP-NEXT: %[[PI:.+]] = tessera.slice %[[P]] offsets = [0] sizes = [3]
// PEEP-NEXT: %[[PO:.+]] = tessera.slice %[[P]] offsets = [3] sizes = [3]
// PEEP-NEXT: %[[PF:.+]] = tessera.slice %[[P]] offsets = [6] sizes = [3]
// PEEP-NEXT: %[[LENS:.+]] = tessera.reshape %arg4 : tensor<2xi32> to tensor<2x1xi32>
// PEEP-NEXT: %[[HR:.+]] = tessera.matmul %{{.+}}, %{{.+}} transpose_rhs : (tensor<2x3xf32>, tensor<12x3xf32>) -> tensor<2x12xf32>
// PEEP: tessera.mul %[[PI]], %[[C0:.+]] : (tensor<3xf32>, tensor<2x3xf32>)
// PEEP: tessera.mul %[[PF]], %[[C0]]
// PEEP: %[[FC:.+]] = tessera.mul %{{.+}}, %[[C0]] : (tensor<2x3xf32>, tensor<2x3xf32>)
// PEEP-NEXT: %[[CELL:.+]] = tessera.add %{{.+}}, %[[FC]]
// PEEP-NEXT: tessera.mul %[[PO]], %[[CELL]]
// PEEP: %[[T:.+]] = tessera.constant dense<0> : tensor<i32>
// PEEP-NEXT: %[[LIVE:.+]] = tessera.compare gt, %[[LENS]], %[[T]] : (tensor<2x1xi32>, tensor<i32>) -> tensor<2x1xi1>
// PEEP-NEXT: %[[H:.+]] = tessera.select %[[LIVE]], %{{.+}}, %{{.+}} : (tensor<2x1xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// PEEP-NEXT: tessera.reshape %[[H]] : tensor<2x3xf32> to tensor<1x2x3xf32>

// Batch-first layout: X, Y and Y_h are transposed around the time-major
// unrolling.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_lstm_batchwise/model.onnx | FileCheck %s --check-prefix=BATCHWISE
// BATCHWISE: tessera.transpose %arg0 perm = [1, 0, 2] : (tensor<3x1x2xf32>) -> tensor<1x3x2xf32>
// BATCHWISE: tessera.transpose %{{.+}} perm = [2, 0, 1, 3] : (tensor<1x1x3x7xf32>) -> tensor<3x1x1x7xf32>
// BATCHWISE: tessera.transpose %{{.+}} perm = [1, 0, 2] : (tensor<1x3x7xf32>) -> tensor<3x1x7xf32>

// Bidirectional, 3 steps, initial_h: 2 input projections + 2 x 3 recurrent
// matmuls; the reverse direction starts at the last step; Y concatenates the
// steps (axis 0) then the directions (axis 1).
// DEFINE: %{bidir} = %python -c "import onnx_models as m; ins=[('X',m.F32,[3,2,4]),('W',m.F32,[2,20,4]),('R',m.F32,[2,20,5]),('B',m.F32,[2,40]),('',0,0),('h0',m.F32,[2,2,5])]; mod=m.single('LSTM',[i for i in ins if i[0]],[('Y',m.F32,None),('Y_h',m.F32,None),('Y_c',m.F32,None)],opset=14,name='lstm',hidden_size=5,direction='bidirectional'); mod.graph.node[0].input[:]=[i[0] for i in ins]; m.save(mod,'%t.bidir.onnx')"
// RUN: %{bidir}
// RUN: tessera-compile --emit=imported %t.bidir.onnx | grep -c tessera.matmul | FileCheck %s --check-prefix=BIDIR-COUNT
// BIDIR-COUNT: 8
// RUN: tessera-compile --emit=imported %t.bidir.onnx | FileCheck %s --check-prefix=BIDIR
// BIDIR: %[[XW0:.+]] = tessera.reshape %{{.+}} : tensor<6x20xf32> to tensor<3x2x20xf32>
// BIDIR: tessera.slice %[[XW0]] offsets = [0, 0, 0] sizes = [1, 2, 20]
// BIDIR: tessera.slice %[[XW0]] offsets = [1, 0, 0] sizes = [1, 2, 20]
// BIDIR: tessera.slice %[[XW0]] offsets = [2, 0, 0] sizes = [1, 2, 20]
// BIDIR: %[[F:.+]] = tessera.concat %{{.+}}, %{{.+}}, %{{.+}} axis = 0 : ({{.+}}) -> tensor<3x1x2x5xf32>
// BIDIR: %[[XW1:.+]] = tessera.reshape %{{.+}} : tensor<6x20xf32> to tensor<3x2x20xf32>
// BIDIR: tessera.slice %[[XW1]] offsets = [2, 0, 0] sizes = [1, 2, 20]
// BIDIR: tessera.slice %[[XW1]] offsets = [1, 0, 0] sizes = [1, 2, 20]
// BIDIR: tessera.slice %[[XW1]] offsets = [0, 0, 0] sizes = [1, 2, 20]
// BIDIR: %[[B:.+]] = tessera.concat %{{.+}}, %{{.+}}, %{{.+}} axis = 0 : ({{.+}}) -> tensor<3x1x2x5xf32>
// BIDIR: %[[Y:.+]] = tessera.concat %[[F]], %[[B]] axis = 1 : ({{.+}}) -> tensor<3x2x2x5xf32>
// BIDIR: return %[[Y]], %{{.+}}, %{{.+}} : tensor<3x2x2x5xf32>, tensor<2x2x5xf32>, tensor<2x2x5xf32>

// clip clamps every gate input; input_forget makes f = 1 - i.
// RUN: %python -c "import onnx_models as m; m.save(m.single('LSTM', [('X', m.F32, [2, 1, 3]), ('W', m.F32, [1, 8, 3]), ('R', m.F32, [1, 8, 2])], [('Y', m.F32, None)], opset=14, name='lstm', hidden_size=2, clip=0.5, input_forget=1), '%t.clip.onnx')"
// RUN: tessera-compile --emit=imported %t.clip.onnx | FileCheck %s --check-prefix=CLIP
// CLIP: %[[ONE:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// CLIP: %[[LO:.+]] = tessera.constant dense<-5.000000e-01> : tensor<f32>
// CLIP-NEXT: %[[HI:.+]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// CLIP-NEXT: %[[I:.+]] = tessera.clamp %{{.+}}, %[[LO]], %[[HI]]
// CLIP-NEXT: tessera.sigmoid %[[I]]
// CLIP: tessera.matmul %{{.+}} transpose_rhs : (tensor<1x2xf32>, tensor<8x2xf32>)
// CLIP: %[[I1:.+]] = tessera.clamp %{{.+}}, %[[LO]], %[[HI]]
// CLIP-NEXT: %[[IG1:.+]] = tessera.sigmoid %[[I1]]
// CLIP-NEXT: tessera.sub %[[ONE]], %[[IG1]] : (tensor<f32>, tensor<1x2xf32>) -> tensor<1x2xf32>

// Numerics against the ONNX expected outputs.
// RUN: rm -rf %t.out
// RUN: tessera-run %onnx/node_extra/test_lstm_defaults/model.onnx --input X=%onnx/node_extra/test_lstm_defaults/test_data_set_0/input_0.pb --input W=%onnx/node_extra/test_lstm_defaults/test_data_set_0/input_1.pb --input R=%onnx/node_extra/test_lstm_defaults/test_data_set_0/input_2.pb --output-dir %t.out/defaults
// RUN: %python -m compare_outputs %onnx/node_extra/test_lstm_defaults/model.onnx %onnx/node_extra/test_lstm_defaults/test_data_set_0 %t.out/defaults | FileCheck %s --check-prefix=NUM
// RUN: tessera-run %onnx/node_extra/test_lstm_batchwise/model.onnx --input X=%onnx/node_extra/test_lstm_batchwise/test_data_set_0/input_0.pb --input W=%onnx/node_extra/test_lstm_batchwise/test_data_set_0/input_1.pb --input R=%onnx/node_extra/test_lstm_batchwise/test_data_set_0/input_2.pb --output-dir %t.out/batchwise
// RUN: %python -m compare_outputs %onnx/node_extra/test_lstm_batchwise/model.onnx %onnx/node_extra/test_lstm_batchwise/test_data_set_0 %t.out/batchwise | FileCheck %s --check-prefix=NUM
// RUN: tessera-run %onnx/node_extra/test_lstm_with_initial_bias/model.onnx --input X=%onnx/node_extra/test_lstm_with_initial_bias/test_data_set_0/input_0.pb --input W=%onnx/node_extra/test_lstm_with_initial_bias/test_data_set_0/input_1.pb --input R=%onnx/node_extra/test_lstm_with_initial_bias/test_data_set_0/input_2.pb --input B=%onnx/node_extra/test_lstm_with_initial_bias/test_data_set_0/input_3.pb --output-dir %t.out/bias
// RUN: %python -m compare_outputs %onnx/node_extra/test_lstm_with_initial_bias/model.onnx %onnx/node_extra/test_lstm_with_initial_bias/test_data_set_0 %t.out/bias | FileCheck %s --check-prefix=NUM
// DEFINE: %{peep} = %onnx/node_extra/test_lstm_with_peepholes/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_lstm_with_peepholes/model.onnx --input X=%{peep}/input_0.pb --input W=%{peep}/input_1.pb --input R=%{peep}/input_2.pb --input B=%{peep}/input_3.pb --input sequence_lens=%{peep}/input_4.pb --input initial_h=%{peep}/input_5.pb --input initial_c=%{peep}/input_6.pb --input P=%{peep}/input_7.pb --output-dir %t.out/peep
// RUN: %python -m compare_outputs %onnx/node_extra/test_lstm_with_peepholes/model.onnx %{peep} %t.out/peep | FileCheck %s --check-prefix=NUM
// NUM: OK: {{[0-9]+}} output(s) match
