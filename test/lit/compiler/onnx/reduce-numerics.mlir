// End-to-end values of the reductions the ONNX data has no node tests for
// (and of the node tests, whose axes are graph inputs, with the axes bound
// as initializers): each model runs on tessera-run and is compared with a
// NumPy reference (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -n 's|^// PY: \?||p' %s > %t/gen.py && %python %t/gen.py %t
// RUN: tessera-run %t/min.onnx --input x=%t/min.x.npy --output-dir %t/min
// RUN: %python -m compare_outputs --npy %t/min.expected.npy %t/min/y.npy
// RUN: tessera-run %t/prod.onnx --input x=%t/prod.x.npy --output-dir %t/prod
// RUN: %python -m compare_outputs --npy %t/prod.expected.npy %t/prod/y.npy
// RUN: tessera-run %t/l1.onnx --input x=%t/l1.x.npy --output-dir %t/l1
// RUN: %python -m compare_outputs --npy %t/l1.expected.npy %t/l1/y.npy
// RUN: tessera-run %t/l2.onnx --input x=%t/l2.x.npy --output-dir %t/l2
// RUN: %python -m compare_outputs --npy %t/l2.expected.npy %t/l2/y.npy
// RUN: tessera-run %t/l2_int.onnx --input x=%t/l2_int.x.npy --output-dir %t/l2_int
// RUN: %python -m compare_outputs --npy %t/l2_int.expected.npy %t/l2_int/y.npy
// RUN: tessera-run %t/log_sum.onnx --input x=%t/log_sum.x.npy --output-dir %t/log_sum
// RUN: %python -m compare_outputs --npy %t/log_sum.expected.npy %t/log_sum/y.npy
// RUN: tessera-run %t/log_sum_exp.onnx --input x=%t/log_sum_exp.x.npy --output-dir %t/log_sum_exp
// RUN: %python -m compare_outputs --npy %t/log_sum_exp.expected.npy %t/log_sum_exp/y.npy
// RUN: tessera-run %t/log_sum_exp_f16.onnx --input x=%t/log_sum_exp_f16.x.npy --output-dir %t/log_sum_exp_f16
// RUN: %python -m compare_outputs --npy %t/log_sum_exp_f16.expected.npy %t/log_sum_exp_f16/y.npy
// RUN: tessera-run %t/sum_square.onnx --input x=%t/sum_square.x.npy --output-dir %t/sum_square
// RUN: %python -m compare_outputs --npy %t/sum_square.expected.npy %t/sum_square/y.npy
// RUN: tessera-run %t/sum_square_noop.onnx --input x=%t/sum_square_noop.x.npy --output-dir %t/sum_square_noop
// RUN: %python -m compare_outputs --npy %t/sum_square_noop.expected.npy %t/sum_square_noop/y.npy
// RUN: tessera-run %t/mean_int.onnx --input x=%t/mean_int.x.npy --output-dir %t/mean_int
// RUN: %python -m compare_outputs --npy %t/mean_int.expected.npy %t/mean_int/y.npy
// RUN: tessera-run %t/min_bool.onnx --input x=%t/min_bool.x.npy --output-dir %t/min_bool
// RUN: %python -m compare_outputs --npy %t/min_bool.expected.npy %t/min_bool/y.npy
// RUN: tessera-run %t/argmax_last.onnx --input x=%t/argmax_last.x.npy --output-dir %t/argmax_last
// RUN: %python -m compare_outputs --npy %t/argmax_last.expected.npy %t/argmax_last/y.npy
// RUN: tessera-run %t/argmin.onnx --input x=%t/argmin.x.npy --output-dir %t/argmin
// RUN: %python -m compare_outputs --npy %t/argmin.expected.npy %t/argmin/y.npy

// The node tests of ReduceSum/Mean/Max and CumSum with their axes bound.
// RUN: %python %t/gen.py %t %onnx/node/test_reduce_sum_negative_axes_keepdims_random %onnx/node/test_reduce_sum_empty_axes_input_noop %onnx/node/test_reduce_sum_empty_set_non_reduced_axis_zero %onnx/node/test_reduce_mean_do_not_keepdims_random %onnx/node/test_reduce_max_bool_inputs %onnx/node/test_reduce_max_empty_set %onnx/node_extra/test_cumsum_1d_reverse_exclusive %onnx/node_extra/test_cumsum_2d_negative_axis
// RUN: tessera-run %t/test_reduce_sum_negative_axes_keepdims_random.onnx --input data=%onnx/node/test_reduce_sum_negative_axes_keepdims_random/test_data_set_0/input_0.pb --output-dir %t/sum_neg
// RUN: %python -m compare_outputs %t/test_reduce_sum_negative_axes_keepdims_random.onnx %onnx/node/test_reduce_sum_negative_axes_keepdims_random/test_data_set_0 %t/sum_neg
// RUN: tessera-run %t/test_reduce_sum_empty_axes_input_noop.onnx --input data=%onnx/node/test_reduce_sum_empty_axes_input_noop/test_data_set_0/input_0.pb --output-dir %t/sum_noop
// RUN: %python -m compare_outputs %t/test_reduce_sum_empty_axes_input_noop.onnx %onnx/node/test_reduce_sum_empty_axes_input_noop/test_data_set_0 %t/sum_noop
// RUN: tessera-run %t/test_reduce_sum_empty_set_non_reduced_axis_zero.onnx --input data=%onnx/node/test_reduce_sum_empty_set_non_reduced_axis_zero/test_data_set_0/input_0.pb --output-dir %t/sum_empty
// RUN: %python -m compare_outputs %t/test_reduce_sum_empty_set_non_reduced_axis_zero.onnx %onnx/node/test_reduce_sum_empty_set_non_reduced_axis_zero/test_data_set_0 %t/sum_empty
// RUN: tessera-run %t/test_reduce_mean_do_not_keepdims_random.onnx --input data=%onnx/node/test_reduce_mean_do_not_keepdims_random/test_data_set_0/input_0.pb --output-dir %t/mean
// RUN: %python -m compare_outputs %t/test_reduce_mean_do_not_keepdims_random.onnx %onnx/node/test_reduce_mean_do_not_keepdims_random/test_data_set_0 %t/mean
// RUN: tessera-run %t/test_reduce_max_bool_inputs.onnx --input data=%onnx/node/test_reduce_max_bool_inputs/test_data_set_0/input_0.pb --output-dir %t/max_bool
// RUN: %python -m compare_outputs %t/test_reduce_max_bool_inputs.onnx %onnx/node/test_reduce_max_bool_inputs/test_data_set_0 %t/max_bool
// RUN: tessera-run %t/test_reduce_max_empty_set.onnx --input data=%onnx/node/test_reduce_max_empty_set/test_data_set_0/input_0.pb --output-dir %t/max_empty
// RUN: %python -m compare_outputs %t/test_reduce_max_empty_set.onnx %onnx/node/test_reduce_max_empty_set/test_data_set_0 %t/max_empty
// RUN: tessera-run %t/test_cumsum_1d_reverse_exclusive.onnx --input x=%onnx/node_extra/test_cumsum_1d_reverse_exclusive/test_data_set_0/input_0.pb --output-dir %t/cumsum_1d
// RUN: %python -m compare_outputs %t/test_cumsum_1d_reverse_exclusive.onnx %onnx/node_extra/test_cumsum_1d_reverse_exclusive/test_data_set_0 %t/cumsum_1d
// RUN: tessera-run %t/test_cumsum_2d_negative_axis.onnx --input x=%onnx/node_extra/test_cumsum_2d_negative_axis/test_data_set_0/input_0.pb --output-dir %t/cumsum_2d
// RUN: %python -m compare_outputs %t/test_cumsum_2d_negative_axis.onnx %onnx/node_extra/test_cumsum_2d_negative_axis/test_data_set_0 %t/cumsum_2d

// The generator: `gen.py DIR` writes DIR/<case>.onnx, <case>.x.npy and
// <case>.expected.npy; `gen.py DIR TEST...` copies node tests into
// DIR/<test>.onnx with input 1 (the axes) bound as an initializer.
// PY: import os, sys
// PY: import numpy as np
// PY: import onnx
// PY: import onnx_models as m
// PY: from onnx import TensorProto as T
// PY:
// PY: out = sys.argv[1]
// PY: if len(sys.argv) > 2:
// PY:     for test in sys.argv[2:]:
// PY:         model = onnx.load(test + "/model.onnx")
// PY:         axes = onnx.load_tensor(test + "/test_data_set_0/input_1.pb")
// PY:         axes.name = model.graph.input[1].name
// PY:         model.graph.initializer.append(axes)
// PY:         m.save(model, os.path.join(out, os.path.basename(test) + ".onnx"))
// PY:     sys.exit(0)
// PY:
// PY: rng = np.random.default_rng(7)
// PY: x = rng.standard_normal((2, 3, 4)).astype(np.float32)
// PY: xi = rng.integers(-9, 10, (2, 3, 4)).astype(np.int32)
// PY: NP = {np.float32: m.F32, np.float16: T.FLOAT16, np.int32: T.INT32,
// PY:       np.int64: m.I64, np.bool_: T.BOOL}
// PY:
// PY: def case(name, op, data, expected, opset=13, axes_input=None, **attrs):
// PY:     inputs = [("x", NP[data.dtype.type], list(data.shape))]
// PY:     if axes_input is not None:
// PY:         inputs.append(("axes", m.I64, [len(axes_input)]))
// PY:     model = m.single(op, inputs, [("y", NP[expected.dtype.type],
// PY:                                    list(expected.shape))],
// PY:                      opset=opset, name=name, **attrs)
// PY:     if axes_input is not None:
// PY:         model.graph.initializer.append(m.helper.make_tensor(
// PY:             "axes", m.I64, [len(axes_input)], axes_input))
// PY:     m.save(model, os.path.join(out, name + ".onnx"))
// PY:     np.save(os.path.join(out, name + ".x.npy"), data)
// PY:     np.save(os.path.join(out, name + ".expected.npy"), expected)
// PY:
// PY: case("min", "ReduceMin", x, x.min(axis=1), axes=[-2], keepdims=0)
// PY: case("prod", "ReduceProd", x, x.prod(keepdims=True))
// PY: case("l1", "ReduceL1", x, np.abs(x).sum(axis=1, keepdims=True),
// PY:      opset=18, axes_input=[1])
// PY: case("l2", "ReduceL2", x, np.sqrt((x * x).sum(axis=2)), keepdims=0,
// PY:      axes=[2])
// PY: case("l2_int", "ReduceL2", xi,
// PY:      np.sqrt((xi.astype(np.float64) ** 2).sum(axis=2)).astype(np.int32),
// PY:      keepdims=0, axes=[2])
// PY: xp = np.abs(x) + np.float32(0.1)
// PY: case("log_sum", "ReduceLogSum", xp,
// PY:      np.log(xp.sum(axis=(0, 2), keepdims=True)), axes=[0, 2])
// PY: # Large values (exp overflows without the shift) and a row of -inf.
// PY: xl = x * np.float32(100)
// PY: xl[1, :, 3] = -np.inf
// PY: with np.errstate(divide="ignore"):
// PY:     mx = xl.max(axis=1, keepdims=True)
// PY:     shift = np.where(np.isfinite(mx), mx, 0)
// PY:     lse = (np.log(np.exp(xl - shift).sum(axis=1, keepdims=True)) + shift)
// PY: case("log_sum_exp", "ReduceLogSumExp", xl,
// PY:      lse.squeeze(1).astype(np.float32), opset=18, axes_input=[1], keepdims=0)
// PY: xh = (x * 8).astype(np.float16)
// PY: lseh = np.log(np.exp(xh.astype(np.float32)).sum(axis=2, keepdims=True))
// PY: case("log_sum_exp_f16", "ReduceLogSumExp", xh, lseh.astype(np.float16),
// PY:      axes=[2])
// PY: case("sum_square", "ReduceSumSquare", x,
// PY:      (x * x).sum(axis=-1, keepdims=True), opset=18, axes_input=[-1])
// PY: case("sum_square_noop", "ReduceSumSquare", x, x * x, opset=18, axes_input=[],
// PY:      noop_with_empty_axes=1)
// PY: case("mean_int", "ReduceMean", xi,
// PY:      np.trunc(xi.sum(axis=1) / 3).astype(np.int32), keepdims=0,
// PY:      axes=[1])
// PY: xb = rng.integers(0, 2, (3, 4)).astype(np.bool_)
// PY: xb[0, :] = True
// PY: case("min_bool", "ReduceMin", xb, xb.all(axis=1, keepdims=True),
// PY:      opset=20, axes_input=[1])
// PY: xt = np.round(x)
// PY: last = 3 - np.argmax(xt[..., ::-1], axis=-1)
// PY: case("argmax_last", "ArgMax", xt, last.astype(np.int64), axis=-1,
// PY:      keepdims=0, select_last_index=1)
// PY: case("argmin", "ArgMin", x, x.argmin(axis=0)[None].astype(np.int64))
