// RNN unrolls over its static sequence length: H = f(X·Wᵀ + H·Rᵀ + Wb + Rb)
// with f = tanh by default; the biases join the input projection of all
// steps.

// RUN: tessera-compile --emit=imported %onnx/node_extra/test_rnn_seq_length/model.onnx | FileCheck %s --check-prefix=SEQ
// SEQ: %[[R:.+]] = tessera.reshape %arg2 : tensor<1x5x5xf32> to tensor<5x5xf32>
// SEQ-NEXT: %[[XW:.+]] = tessera.matmul %{{.+}}, %{{.+}} transpose_rhs : (tensor<6x3xf32>, tensor<5x3xf32>) -> tensor<6x5xf32>
// SEQ-NEXT: %[[B:.+]] = tessera.reshape %arg3 : tensor<1x10xf32> to tensor<10xf32>
// SEQ-NEXT: %[[WB:.+]] = tessera.slice %[[B]] offsets = [0] sizes = [5]
// SEQ-NEXT: %[[RB:.+]] = tessera.slice %[[B]] offsets = [5] sizes = [5]
// SEQ-NEXT: %[[BIAS:.+]] = tessera.add %[[WB]], %[[RB]]
// SEQ-NEXT: %[[XWB:.+]] = tessera.add %[[XW]], %[[BIAS]] : (tensor<6x5xf32>, tensor<5xf32>) -> tensor<6x5xf32>
// SEQ-NEXT: %[[STEPS:.+]] = tessera.reshape %[[XWB]] : tensor<6x5xf32> to tensor<2x3x5xf32>
// SEQ-NEXT: %[[S0:.+]] = tessera.slice %[[STEPS]] offsets = [0, 0, 0] sizes = [1, 3, 5]
// SEQ-NEXT: %[[X0:.+]] = tessera.reshape %[[S0]] : tensor<1x3x5xf32> to tensor<3x5xf32>
// SEQ-NEXT: %[[H0:.+]] = tessera.tanh %[[X0]]
// SEQ-NEXT: %[[S1:.+]] = tessera.slice %[[STEPS]] offsets = [1, 0, 0] sizes = [1, 3, 5]
// SEQ-NEXT: %[[X1:.+]] = tessera.reshape %[[S1]] : tensor<1x3x5xf32> to tensor<3x5xf32>
// SEQ-NEXT: %[[HR:.+]] = tessera.matmul %[[H0]], %[[R]] transpose_rhs : (tensor<3x5xf32>, tensor<5x5xf32>) -> tensor<3x5xf32>
// SEQ-NEXT: %[[PRE:.+]] = tessera.add %[[X1]], %[[HR]]
// SEQ-NEXT: %[[H1:.+]] = tessera.tanh %[[PRE]]
// SEQ-NEXT: %[[YH:.+]] = tessera.reshape %[[H1]] : tensor<3x5xf32> to tensor<1x3x5xf32>
// SEQ-NEXT: return %[[YH]]

// Reverse direction with Relu: steps 2, 1, 0; Y keeps time order.
// RUN: %python -c "import onnx_models as m; m.save(m.single('RNN', [('X', m.F32, [3, 2, 3]), ('W', m.F32, [1, 4, 3]), ('R', m.F32, [1, 4, 4])], [('Y', m.F32, None)], opset=14, name='rnn', hidden_size=4, direction='reverse', activations=['Relu']), '%t.rev.onnx')"
// RUN: tessera-compile --emit=imported %t.rev.onnx | FileCheck %s --check-prefix=REV
// REV: %[[STEPS:.+]] = tessera.reshape %{{.+}} : tensor<6x4xf32> to tensor<3x2x4xf32>
// REV-NEXT: tessera.slice %[[STEPS]] offsets = [2, 0, 0]
// REV-NEXT: tessera.reshape
// REV-NEXT: %[[H2:.+]] = tessera.relu
// REV-NEXT: tessera.slice %[[STEPS]] offsets = [1, 0, 0]
// REV: %[[H1:.+]] = tessera.relu
// REV-NEXT: tessera.slice %[[STEPS]] offsets = [0, 0, 0]
// REV: %[[H0:.+]] = tessera.relu
// REV-NEXT: %[[Y0:.+]] = tessera.reshape %[[H0]] : tensor<2x4xf32> to tensor<1x1x2x4xf32>
// REV-NEXT: %[[Y1:.+]] = tessera.reshape %[[H1]]
// REV-NEXT: %[[Y2:.+]] = tessera.reshape %[[H2]]
// REV-NEXT: tessera.concat %[[Y0]], %[[Y1]], %[[Y2]] axis = 0

// Numerics against the ONNX expected outputs.
// RUN: rm -rf %t.out
// DEFINE: %{data} = %onnx/node_extra/test_simple_rnn_defaults/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_simple_rnn_defaults/model.onnx --input X=%{data}/input_0.pb --input W=%{data}/input_1.pb --input R=%{data}/input_2.pb --output-dir %t.out/defaults
// RUN: %python -m compare_outputs %onnx/node_extra/test_simple_rnn_defaults/model.onnx %{data} %t.out/defaults | FileCheck %s --check-prefix=NUM
// REDEFINE: %{data} = %onnx/node_extra/test_simple_rnn_batchwise/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_simple_rnn_batchwise/model.onnx --input X=%{data}/input_0.pb --input W=%{data}/input_1.pb --input R=%{data}/input_2.pb --output-dir %t.out/batchwise
// RUN: %python -m compare_outputs %onnx/node_extra/test_simple_rnn_batchwise/model.onnx %{data} %t.out/batchwise | FileCheck %s --check-prefix=NUM
// REDEFINE: %{data} = %onnx/node_extra/test_rnn_seq_length/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_rnn_seq_length/model.onnx --input X=%{data}/input_0.pb --input W=%{data}/input_1.pb --input R=%{data}/input_2.pb --input B=%{data}/input_3.pb --output-dir %t.out/seq
// RUN: %python -m compare_outputs %onnx/node_extra/test_rnn_seq_length/model.onnx %{data} %t.out/seq | FileCheck %s --check-prefix=NUM
// REDEFINE: %{data} = %onnx/node_extra/test_simple_rnn_with_initial_bias/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_simple_rnn_with_initial_bias/model.onnx --input X=%{data}/input_0.pb --input W=%{data}/input_1.pb --input R=%{data}/input_2.pb --input B=%{data}/input_3.pb --output-dir %t.out/bias
// RUN: %python -m compare_outputs %onnx/node_extra/test_simple_rnn_with_initial_bias/model.onnx %{data} %t.out/bias | FileCheck %s --check-prefix=NUM
// NUM: OK: {{[0-9]+}} output(s) match
