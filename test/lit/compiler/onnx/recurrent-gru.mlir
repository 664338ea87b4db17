// GRU unrolls over its static sequence length (gates z, r, h). Without
// linear_before_reset the candidate multiplies the reset gate into H before
// its matmul, so a step has two matmuls (z|r, then h); with it, one matmul
// covers all three gates and the recurrent candidate bias stays inside the
// reset product.

// Two steps, no initial state: step 0 has no recurrent matmul, step 1 has
// H·R[0:10]ᵀ then (r ⊙ H)·R[10:15]ᵀ.
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_gru_seq_length/model.onnx | FileCheck %s --check-prefix=SEQ
// SEQ: %[[R:.+]] = tessera.reshape %arg2 : tensor<1x15x5xf32> to tensor<15x5xf32>
// SEQ: %[[XW:.+]] = tessera.matmul %{{.+}}, %{{.+}} transpose_rhs : (tensor<6x3xf32>, tensor<15x3xf32>) -> tensor<6x15xf32>
// SEQ: %[[RZR:.+]] = tessera.slice %[[R]] offsets = [0, 0] sizes = [10, 5]
// SEQ-NEXT: %[[RH:.+]] = tessera.slice %[[R]] offsets = [10, 0] sizes = [5, 5]
// SEQ-NOT: tessera.matmul
// SEQ: %[[ONE:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// SEQ-NOT: tessera.matmul
// SEQ: %[[H0:.+]] = tessera.mul %{{.+}}, %{{.+}} : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
// SEQ-NOT: tessera.matmul
// SEQ: tessera.matmul %[[H0]], %[[RZR]] transpose_rhs : (tensor<3x5xf32>, tensor<10x5xf32>) -> tensor<3x10xf32>
// SEQ: tessera.slice %{{.+}} offsets = [0, 5] sizes = [3, 5]
// SEQ-NEXT: %[[RG:.+]] = tessera.sigmoid
// SEQ-NEXT: tessera.slice
// SEQ-NEXT: %[[RGH:.+]] = tessera.mul %[[RG]], %[[H0]]
// SEQ-NEXT: tessera.matmul %[[RGH]], %[[RH]] transpose_rhs : (tensor<3x5xf32>, tensor<5x5xf32>) -> tensor<3x5xf32>
// SEQ: tessera.sub %[[ONE]], %{{.+}} : (tensor<f32>, tensor<3x5xf32>)
// SEQ-NOT: tessera.matmul
// SEQ: return

// linear_before_reset: one matmul per step; r multiplies (H·Rhᵀ + Rbh).
// RUN: %python -c "import onnx_models as m; ins=[('X',m.F32,[2,1,3]),('W',m.F32,[1,12,3]),('R',m.F32,[1,12,4]),('B',m.F32,[1,24]),('',0,0),('h0',m.F32,[1,1,4])]; mod=m.single('GRU',[i for i in ins if i[0]],[('Y',m.F32,None),('Y_h',m.F32,None)],opset=14,name='gru',hidden_size=4,linear_before_reset=1); mod.graph.node[0].input[:]=[i[0] for i in ins]; m.save(mod,'%t.lbr.onnx')"
// RUN: tessera-compile --emit=imported %t.lbr.onnx | grep -c tessera.matmul | FileCheck %s --check-prefix=LBR-COUNT
// LBR-COUNT: 3
// RUN: tessera-compile --emit=imported %t.lbr.onnx | FileCheck %s --check-prefix=LBR
// LBR: %[[RB:.+]] = tessera.slice %{{.+}} offsets = [12] sizes = [12]
// LBR-NEXT: %[[RBH:.+]] = tessera.slice %[[RB]] offsets = [8] sizes = [4]
// LBR: %[[HR:.+]] = tessera.matmul %{{.+}}, %{{.+}} transpose_rhs : (tensor<1x4xf32>, tensor<12x4xf32>) -> tensor<1x12xf32>
// LBR: tessera.slice %{{.+}} offsets = [0, 4] sizes = [1, 4]
// LBR-NEXT: %[[RG:.+]] = tessera.sigmoid
// LBR-NEXT: %[[XH:.+]] = tessera.slice %{{.+}} offsets = [0, 8] sizes = [1, 4]
// LBR-NEXT: %[[HRH:.+]] = tessera.slice %[[HR]] offsets = [0, 8] sizes = [1, 4]
// LBR-NEXT: %[[PRE:.+]] = tessera.add %[[HRH]], %[[RBH]]
// LBR-NEXT: %[[GATED:.+]] = tessera.mul %[[RG]], %[[PRE]]
// LBR-NEXT: %[[CAND:.+]] = tessera.add %[[XH]], %[[GATED]]
// LBR-NEXT: tessera.tanh %[[CAND]]

// Numerics against the ONNX expected outputs.
// RUN: rm -rf %t.out
// DEFINE: %{data} = %onnx/node_extra/test_gru_defaults/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_gru_defaults/model.onnx --input X=%{data}/input_0.pb --input W=%{data}/input_1.pb --input R=%{data}/input_2.pb --output-dir %t.out/defaults
// RUN: %python -m compare_outputs %onnx/node_extra/test_gru_defaults/model.onnx %{data} %t.out/defaults | FileCheck %s --check-prefix=NUM
// REDEFINE: %{data} = %onnx/node_extra/test_gru_batchwise/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_gru_batchwise/model.onnx --input X=%{data}/input_0.pb --input W=%{data}/input_1.pb --input R=%{data}/input_2.pb --output-dir %t.out/batchwise
// RUN: %python -m compare_outputs %onnx/node_extra/test_gru_batchwise/model.onnx %{data} %t.out/batchwise | FileCheck %s --check-prefix=NUM
// REDEFINE: %{data} = %onnx/node_extra/test_gru_seq_length/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_gru_seq_length/model.onnx --input X=%{data}/input_0.pb --input W=%{data}/input_1.pb --input R=%{data}/input_2.pb --input B=%{data}/input_3.pb --output-dir %t.out/seq
// RUN: %python -m compare_outputs %onnx/node_extra/test_gru_seq_length/model.onnx %{data} %t.out/seq | FileCheck %s --check-prefix=NUM
// REDEFINE: %{data} = %onnx/node_extra/test_gru_with_initial_bias/test_data_set_0
// RUN: tessera-run %onnx/node_extra/test_gru_with_initial_bias/model.onnx --input X=%{data}/input_0.pb --input W=%{data}/input_1.pb --input R=%{data}/input_2.pb --input B=%{data}/input_3.pb --output-dir %t.out/bias
// RUN: %python -m compare_outputs %onnx/node_extra/test_gru_with_initial_bias/model.onnx %{data} %t.out/bias | FileCheck %s --check-prefix=NUM
// NUM: OK: {{[0-9]+}} output(s) match
