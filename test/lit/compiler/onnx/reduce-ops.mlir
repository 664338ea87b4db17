// Reduce*, ArgMax/ArgMin and CumSum. Axes come from the attribute before
// opset 13 (ReduceSum) / 18 (the others) and from a constant input after;
// they are normalized (non-negative, sorted), and none means all of them.
// The node tests pass the axes as a graph input, which the generator below
// binds as an initializer (see reduce-errors.mlir for the unbound case).

// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -n 's|^// PY: \?||p' %s > %t/gen.py && %python %t/gen.py %t %onnx

// RUN: tessera-compile --emit=imported %t/test_reduce_sum_keepdims_example.onnx | FileCheck %s --check-prefix=SUM
// SUM: func.func @main(%[[X:[^:]+]]: tensor<3x2x2xf32>
// SUM-NEXT: %[[Y:.+]] = tessera.reduce_sum %[[X]] axes = [1] keep_dims : (tensor<3x2x2xf32>) -> tensor<3x1x2xf32>
// SUM-NEXT: return %[[Y]]
// RUN: tessera-compile --emit=imported %t/test_reduce_sum_do_not_keepdims_example.onnx | FileCheck %s --check-prefix=SUM-DROP
// SUM-DROP: tessera.reduce_sum %arg0 axes = [1] : (tensor<3x2x2xf32>) -> tensor<3x2xf32>
// RUN: tessera-compile --emit=imported %t/test_reduce_sum_negative_axes_keepdims_example.onnx | FileCheck %s --check-prefix=SUM-NEG
// SUM-NEG: tessera.reduce_sum %arg0 axes = [1] keep_dims : (tensor<3x2x2xf32>) -> tensor<3x1x2xf32>
// Empty axes reduce everything...
// RUN: tessera-compile --emit=imported %t/test_reduce_sum_default_axes_keepdims_example.onnx | FileCheck %s --check-prefix=SUM-ALL
// SUM-ALL: tessera.reduce_sum %arg0 axes = [0, 1, 2] keep_dims : (tensor<3x2x2xf32>) -> tensor<1x1x1xf32>
// ... or, with noop_with_empty_axes, nothing.
// RUN: tessera-compile --emit=imported %t/test_reduce_sum_empty_axes_input_noop.onnx | FileCheck %s --check-prefix=SUM-NOOP
// SUM-NOOP: func.func @main(%[[X:[^:]+]]: tensor<3x2x2xf32>
// SUM-NOOP-NOT: tessera.reduce_sum
// SUM-NOOP: return %[[X]]
// RUN: tessera-compile --emit=imported %t/test_reduce_mean_keepdims_example.onnx | FileCheck %s --check-prefix=MEAN
// MEAN: tessera.reduce_mean %arg0 axes = [1] keep_dims : (tensor<3x2x2xf32>) -> tensor<3x1x2xf32>

// Opset 6 axes attribute.
// RUN: tessera-compile --emit=imported %onnx/pytorch-operator/test_operator_reduced_mean/model.onnx | FileCheck %s --check-prefix=MEAN6
// MEAN6: tessera.reduce_mean %arg0 axes = [2] : (tensor<1x2x3x4xf32>) -> tensor<1x2x4xf32>

// Booleans (opset 20) reduce as i8.
// RUN: tessera-compile --emit=imported %t/test_reduce_max_bool_inputs.onnx | FileCheck %s --check-prefix=MAX-BOOL
// MAX-BOOL: %[[I8:.+]] = tessera.cast %arg0 : tensor<4x2xi1> to tensor<4x2xi8>
// MAX-BOOL-NEXT: %[[R:.+]] = tessera.reduce_max %[[I8]] axes = [1] keep_dims : (tensor<4x2xi8>) -> tensor<4x1xi8>
// MAX-BOOL-NEXT: %[[Y:.+]] = tessera.cast %[[R]] : tensor<4x1xi8> to tensor<4x1xi1>
// MAX-BOOL-NEXT: return %[[Y]]

// RUN: tessera-compile --emit=imported %t/min.onnx | FileCheck %s --check-prefix=MIN
// MIN: tessera.reduce_min %arg0 axes = [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// RUN: tessera-compile --emit=imported %t/prod.onnx | FileCheck %s --check-prefix=PROD
// PROD: tessera.reduce_prod %arg0 axes = [0, 1, 2] keep_dims : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>

// Integer ReduceMean: the sum divided (truncating) by the count.
// RUN: tessera-compile --emit=imported %t/mean_int.onnx | FileCheck %s --check-prefix=MEAN-INT
// MEAN-INT: %[[S:.+]] = tessera.reduce_sum %arg0 axes = [1] : (tensor<2x3x4xi32>) -> tensor<2x4xi32>
// MEAN-INT-NEXT: %[[N:.+]] = tessera.constant dense<3> : tensor<i32>
// MEAN-INT-NEXT: tessera.div %[[S]], %[[N]] : (tensor<2x4xi32>, tensor<i32>) -> tensor<2x4xi32>

// Decomposed reductions.
// RUN: tessera-compile --emit=imported %t/l1.onnx | FileCheck %s --check-prefix=L1
// L1: %[[A:.+]] = tessera.abs %arg0 : tensor<2x3x4xf32>
// L1-NEXT: %[[Y:.+]] = tessera.reduce_sum %[[A]] axes = [1] keep_dims : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
// L1-NEXT: return %[[Y]]
// RUN: tessera-compile --emit=imported %t/l2.onnx | FileCheck %s --check-prefix=L2
// L2: %[[SQ:.+]] = tessera.mul %arg0, %arg0 : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// L2-NEXT: %[[S:.+]] = tessera.reduce_sum %[[SQ]] axes = [2] : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
// L2-NEXT: %[[Y:.+]] = tessera.sqrt %[[S]] : tensor<2x3xf32>
// L2-NEXT: return %[[Y]]
// Integers compute in f64 and cast back.
// RUN: tessera-compile --emit=imported %t/l2_int.onnx | FileCheck %s --check-prefix=L2-INT
// L2-INT: %[[X:.+]] = tessera.cast %arg0 : tensor<2x3x4xi32> to tensor<2x3x4xf64>
// L2-INT: %[[R:.+]] = tessera.sqrt %{{.+}} : tensor<2x3xf64>
// L2-INT-NEXT: tessera.cast %[[R]] : tensor<2x3xf64> to tensor<2x3xi32>
// RUN: tessera-compile --emit=imported %t/log_sum.onnx | FileCheck %s --check-prefix=LOG-SUM
// LOG-SUM: %[[S:.+]] = tessera.reduce_sum %arg0 axes = [0, 2] keep_dims : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
// LOG-SUM-NEXT: tessera.log %[[S]] : tensor<1x3x1xf32>
// RUN: tessera-compile --emit=imported %t/sum_square.onnx | FileCheck %s --check-prefix=SUM-SQUARE
// SUM-SQUARE: %[[SQ:.+]] = tessera.mul %arg0, %arg0
// SUM-SQUARE-NEXT: tessera.reduce_sum %[[SQ]] axes = [2] keep_dims : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
// noop_with_empty_axes keeps the elementwise part (the ONNX function body).
// RUN: tessera-compile --emit=imported %t/sum_square_noop.onnx | FileCheck %s --check-prefix=SUM-SQUARE-NOOP
// SUM-SQUARE-NOOP: %[[SQ:.+]] = tessera.mul %arg0, %arg0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// SUM-SQUARE-NOOP-NEXT: return %[[SQ]]

// LogSumExp shifts by the maximum, unless that is infinite.
// RUN: tessera-compile --emit=imported %t/log_sum_exp.onnx | FileCheck %s --check-prefix=LSE
// LSE: func.func @main(%[[X:[^:]+]]: tensor<2x3x4xf32>
// LSE: %[[MAX:.+]] = tessera.reduce_max %[[X]] axes = [1] keep_dims : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
// LSE-NEXT: %[[INF:.+]] = tessera.is_inf %[[MAX]] : (tensor<2x1x4xf32>) -> tensor<2x1x4xi1>
// LSE-NEXT: %[[ZERO:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// LSE-NEXT: %[[SHIFT:.+]] = tessera.select %[[INF]], %[[ZERO]], %[[MAX]] : (tensor<2x1x4xi1>, tensor<f32>, tensor<2x1x4xf32>) -> tensor<2x1x4xf32>
// LSE-NEXT: %[[D:.+]] = tessera.sub %[[X]], %[[SHIFT]] : (tensor<2x3x4xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
// LSE-NEXT: %[[E:.+]] = tessera.exp %[[D]] : tensor<2x3x4xf32>
// LSE-NEXT: %[[S:.+]] = tessera.reduce_sum %[[E]] axes = [1] keep_dims : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
// LSE-NEXT: %[[L:.+]] = tessera.log %[[S]] : tensor<2x1x4xf32>
// LSE-NEXT: %[[R:.+]] = tessera.add %[[L]], %[[SHIFT]] : (tensor<2x1x4xf32>, tensor<2x1x4xf32>) -> tensor<2x1x4xf32>
// LSE-NEXT: %[[Y:.+]] = tessera.reshape %[[R]] : tensor<2x1x4xf32> to tensor<2x4xf32>
// LSE-NEXT: return %[[Y]]
// f16 computes in f32, as the reference does.
// RUN: tessera-compile --emit=imported %t/log_sum_exp_f16.onnx | FileCheck %s --check-prefix=LSE-HALF
// LSE-HALF: tessera.cast %arg0 : tensor<2x3xf16> to tensor<2x3xf32>
// LSE-HALF: %[[R:.+]] = tessera.add %{{.+}}, %{{.+}} : (tensor<2x1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
// LSE-HALF-NEXT: tessera.cast %[[R]] : tensor<2x1xf32> to tensor<2x1xf16>

// RUN: tessera-compile --emit=imported %t/argmax.onnx | FileCheck %s --check-prefix=ARGMAX
// ARGMAX: tessera.argmax %arg0 axis = 2 select_last_index : (tensor<2x3x4xf32>) -> tensor<2x3xi64>
// RUN: tessera-compile --emit=imported %t/argmin.onnx | FileCheck %s --check-prefix=ARGMIN
// ARGMIN: tessera.argmin %arg0 axis = 0 keep_dims : (tensor<2x3x4xf32>) -> tensor<1x3x4xi64>

// RUN: tessera-compile --emit=imported %t/test_cumsum_2d_negative_axis.onnx | FileCheck %s --check-prefix=CUMSUM
// CUMSUM: tessera.cumsum %arg0 axis = 1 : tensor<2x3xf64>
// RUN: tessera-compile --emit=imported %t/cumsum.onnx | FileCheck %s --check-prefix=CUMSUM-FLAGS
// CUMSUM-FLAGS: tessera.cumsum %arg0 axis = 0 exclusive reverse : tensor<5x2xi32>

// PY: import os, sys
// PY: import onnx
// PY: import onnx_models as m
// PY: from onnx import TensorProto as T
// PY:
// PY: out = sys.argv[1]
// PY: for test in ["node/test_reduce_sum_keepdims_example",
// PY:              "node/test_reduce_sum_do_not_keepdims_example",
// PY:              "node/test_reduce_sum_negative_axes_keepdims_example",
// PY:              "node/test_reduce_sum_default_axes_keepdims_example",
// PY:              "node/test_reduce_sum_empty_axes_input_noop",
// PY:              "node/test_reduce_mean_keepdims_example",
// PY:              "node/test_reduce_max_bool_inputs",
// PY:              "node_extra/test_cumsum_2d_negative_axis"]:
// PY:     path = os.path.join(sys.argv[2], test)
// PY:     model = onnx.load(path + "/model.onnx")
// PY:     axes = onnx.load_tensor(path + "/test_data_set_0/input_1.pb")
// PY:     axes.name = model.graph.input[1].name
// PY:     model.graph.initializer.append(axes)
// PY:     m.save(model, os.path.join(out, os.path.basename(test) + ".onnx"))
// PY:
// PY: def save(name, op, x, y, opset=13, axes_input=None, **attrs):
// PY:     inputs = [("x",) + x]
// PY:     if axes_input is not None:
// PY:         inputs.append(("axes", m.I64, [len(axes_input)]))
// PY:     model = m.single(op, inputs, [("y",) + y], opset=opset, name=name,
// PY:                      **attrs)
// PY:     if axes_input is not None:
// PY:         model.graph.initializer.append(m.helper.make_tensor(
// PY:             "axes", m.I64, [len(axes_input)], axes_input))
// PY:     m.save(model, os.path.join(out, name + ".onnx"))
// PY:
// PY: F, H, I = (m.F32, [2, 3, 4]), T.FLOAT16, T.INT32
// PY: save("min", "ReduceMin", F, (m.F32, [2, 4]), axes=[-2], keepdims=0)
// PY: save("prod", "ReduceProd", F, (m.F32, [1, 1, 1]))
// PY: save("mean_int", "ReduceMean", (I, [2, 3, 4]), (I, [2, 4]), axes=[1],
// PY:      keepdims=0)
// PY: save("l1", "ReduceL1", F, (m.F32, [2, 1, 4]), opset=18, axes_input=[1])
// PY: save("l2", "ReduceL2", F, (m.F32, [2, 3]), axes=[2], keepdims=0)
// PY: save("l2_int", "ReduceL2", (I, [2, 3, 4]), (I, [2, 3]), axes=[2],
// PY:      keepdims=0)
// PY: save("log_sum", "ReduceLogSum", F, (m.F32, [1, 3, 1]), axes=[0, 2])
// PY: save("sum_square", "ReduceSumSquare", F, (m.F32, [2, 3, 1]), opset=18,
// PY:      axes_input=[-1])
// PY: save("sum_square_noop", "ReduceSumSquare", (m.F32, [2, 3]),
// PY:      (m.F32, [2, 3]), opset=18, axes_input=[], noop_with_empty_axes=1)
// PY: save("log_sum_exp", "ReduceLogSumExp", F, (m.F32, [2, 4]), opset=18,
// PY:      axes_input=[1], keepdims=0)
// PY: save("log_sum_exp_f16", "ReduceLogSumExp", (H, [2, 3]), (H, [2, 1]),
// PY:      axes=[1])
// PY: save("argmax", "ArgMax", F, (m.I64, [2, 3]), axis=-1, keepdims=0,
// PY:      select_last_index=1)
// PY: save("argmin", "ArgMin", F, (m.I64, [1, 3, 4]), opset=11)
// PY: model = m.single("CumSum", [("x", I, [5, 2]), ("axis", I, [])],
// PY:                  [("y", I, [5, 2])], opset=14, name="cumsum", exclusive=1,
// PY:                  reverse=1)
// PY: model.graph.initializer.append(m.helper.make_tensor("axis", I, [], [-2]))
// PY: m.save(model, os.path.join(out, "cumsum.onnx"))
