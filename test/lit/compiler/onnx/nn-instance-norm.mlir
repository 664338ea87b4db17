// InstanceNormalization: a layer_norm over the spatial axes with a unit
// scale, then the per-channel scale and bias.
// RUN: tessera-compile --emit=imported %onnx/pytorch-operator/test_operator_symbolic_override/model.onnx | FileCheck %s
// CHECK: %[[N:.+]] = tessera.layer_norm %arg0, %{{.+}} axis = 2 epsilon = {{.*}} : (tensor<[[S:.+]]xf32>, tensor<1xf32>) -> tensor<[[S]]xf32>
// CHECK: %[[M:.+]] = tessera.mul %[[N]], %{{.+}}
// CHECK: tessera.add %[[M]], %{{.+}}
// The PyTorch test's expected output is matched.
// RUN: rm -rf %t && tessera-run %onnx/pytorch-operator/test_operator_symbolic_override/model.onnx --input 0=%onnx/pytorch-operator/test_operator_symbolic_override/test_data_set_0/input_0.pb --output-dir %t
// RUN: %python %S/../../lib/compare_outputs.py %onnx/pytorch-operator/test_operator_symbolic_override/model.onnx %onnx/pytorch-operator/test_operator_symbolic_override/test_data_set_0 %t | FileCheck %s --check-prefix=MATCH
// MATCH: OK: 1 output(s) match

// A rank-2 input has no spatial axes.
// RUN: %python -c "import onnx_models as m, onnx; from onnx import helper; g = helper.make_graph([helper.make_node('InstanceNormalization', ['x', 's', 'b'], ['y'], name='in')], 't', [helper.make_tensor_value_info('x', m.F32, [2, 3]), helper.make_tensor_value_info('s', m.F32, [3]), helper.make_tensor_value_info('b', m.F32, [3])], [helper.make_tensor_value_info('y', m.F32, [2, 3])]); m.save(helper.make_model(g, opset_imports=[helper.make_opsetid('', 17)]), '%t.rank2.onnx')"
// RUN: not tessera-compile %t.rank2.onnx 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: tessera-compile: error: node 'in' (op 'InstanceNormalization', opset 17): expected an input of rank >= 3 [N, C, D...], got rank 2
