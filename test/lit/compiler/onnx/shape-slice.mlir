// Slice, Split, Concat and Gather. Slices become in-bounds tessera.slice
// offsets/sizes/strides after the ONNX clamping rules. %{freeze} turns the
// named graph inputs of a node test into initializers holding their
// test_data_set_0 values (starts, ends, ... must be constant at import);
// %{init} adds an i64 initializer NAME=v1,v2,... to a generated model.
// DEFINE: %{freeze} = %python -c "import onnx,sys;d,o,*n=sys.argv[1:];m=onnx.load(d+'/model.onnx');i=[v.name for v in m.graph.input];t=[onnx.load_tensor(d+'/test_data_set_0/input_'+str(i.index(x))+'.pb') for x in n];[setattr(p,'name',x) for p,x in zip(t,n)];m.graph.initializer.extend(t);onnx.save(m,o)"
// DEFINE: %{init} = %python -c "import onnx,sys;f,*a=sys.argv[1:];m=onnx.load(f);[m.graph.initializer.append(onnx.helper.make_tensor(n,onnx.TensorProto.INT64,[len(v.split(','))],[int(x) for x in v.split(',')])) for n,v in (s.split('=') for s in a)];onnx.save(m,f)"

// Node tests: plain, end past the bounds, negative end, start past the
// bounds (empty), negative steps (start clamps to dim - 1), negative axes.
// RUN: %{freeze} %onnx/node/test_slice %t.s.onnx starts ends axes steps
// RUN: tessera-compile --emit=imported %t.s.onnx | FileCheck %s --check-prefix=SLICE
// SLICE: func.func @main(%[[X:.+]]: tensor<20x10x5xf32> {tessera.name = "x"}) -> (tensor<3x10x5xf32> {tessera.name = "y"})
// SLICE: %[[S:.+]] = tessera.slice %[[X]] offsets = [0, 0, 0] sizes = [3, 10, 5] strides = [1, 1, 1] : (tensor<20x10x5xf32>) -> tensor<3x10x5xf32>
// SLICE-NEXT: return %[[S]]
// RUN: %{freeze} %onnx/node/test_slice_end_out_of_bounds %t.eoob.onnx starts ends axes steps
// RUN: tessera-compile --emit=imported %t.eoob.onnx | FileCheck %s --check-prefix=EOOB
// EOOB: tessera.slice %{{.+}} offsets = [0, 1, 0] sizes = [20, 9, 5] strides = [1, 1, 1] : (tensor<20x10x5xf32>) -> tensor<20x9x5xf32>
// RUN: %{freeze} %onnx/node/test_slice_neg %t.neg.onnx starts ends axes steps
// RUN: tessera-compile --emit=imported %t.neg.onnx | FileCheck %s --check-prefix=NEG
// NEG: tessera.slice %{{.+}} offsets = [0, 0, 0] sizes = [20, 9, 5] strides = [1, 1, 1] : (tensor<20x10x5xf32>) -> tensor<20x9x5xf32>
// RUN: %{freeze} %onnx/node/test_slice_start_out_of_bounds %t.soob.onnx starts ends axes steps
// RUN: tessera-compile --emit=imported %t.soob.onnx | FileCheck %s --check-prefix=SOOB
// SOOB: tessera.slice %{{.+}} offsets = [0, 0, 0] sizes = [20, 0, 5] strides = [1, 1, 1] : (tensor<20x10x5xf32>) -> tensor<20x0x5xf32>
// RUN: %{freeze} %onnx/node/test_slice_neg_steps %t.nsteps.onnx starts ends axes steps
// RUN: tessera-compile --emit=imported %t.nsteps.onnx | FileCheck %s --check-prefix=NSTEPS
// NSTEPS: tessera.slice %{{.+}} offsets = [19, 9, 4] sizes = [19, 3, 2] strides = [-1, -3, -2] : (tensor<20x10x5xf32>) -> tensor<19x3x2xf32>
// RUN: %{freeze} %onnx/node/test_slice_negative_axes %t.naxes.onnx starts ends axes
// RUN: tessera-compile --emit=imported %t.naxes.onnx | FileCheck %s --check-prefix=NAXES
// NAXES: tessera.slice %{{.+}} offsets = [0, 0, 3] sizes = [20, 10, 1] strides = [1, 1, 1] : (tensor<20x10x5xf32>) -> tensor<20x10x1xf32>
// RUN: %{freeze} %onnx/node/test_slice_default_axes %t.daxes.onnx starts ends
// RUN: tessera-compile --emit=imported %t.daxes.onnx | FileCheck %s --check-prefix=NAXES

// Before opset 10, starts/ends/axes are attributes; INT64_MAX ends mean
// "to the end".
// RUN: %python -c "import onnx_models as m; m.save(m.single('Slice', [('x', m.F32, [4, 10])], [('y', m.F32, [3, 3])], opset=9, starts=[1, -3], ends=[9223372036854775807, 2147483647], axes=[0, 1]), '%t.v9.onnx')"
// RUN: tessera-compile --emit=imported %t.v9.onnx | FileCheck %s --check-prefix=V9
// V9: tessera.slice %{{.+}} offsets = [1, 7] sizes = [3, 3] strides = [1, 1] : (tensor<4x10xf32>) -> tensor<3x3xf32>

// A full reversal: start -1, end INT64_MIN, step -1 (end clamps to -1).
// RUN: %python -c "import onnx_models as m; m.save(m.single('Slice', [('x', m.F32, [5]), ('s', m.I64, [1]), ('e', m.I64, [1]), ('a', m.I64, [1]), ('p', m.I64, [1])], [('y', m.F32, [5])], opset=13), '%t.rev.onnx')"
// RUN: %{init} %t.rev.onnx s=-1 e=-9223372036854775808 a=0 p=-1
// RUN: tessera-compile --emit=imported %t.rev.onnx | FileCheck %s --check-prefix=REV
// REV: tessera.slice %{{.+}} offsets = [4] sizes = [5] strides = [-1] : (tensor<5xf32>) -> tensor<5xf32>
// A step longer than the span takes one element (stride normalized to 1),
// and an INT64_MIN step does not overflow.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Slice', [('x', m.F32, [10, 6]), ('s', m.I64, [2]), ('e', m.I64, [2]), ('a', m.I64, [2]), ('p', m.I64, [2])], [('y', m.F32, [1, 1])], opset=13), '%t.long.onnx')"
// RUN: %{init} %t.long.onnx s=1,5 e=5,-100 a=0,1 p=10,-9223372036854775808
// RUN: tessera-compile --emit=imported %t.long.onnx | FileCheck %s --check-prefix=LONG
// LONG: tessera.slice %{{.+}} offsets = [1, 5] sizes = [1, 1] strides = [1, 1] : (tensor<10x6xf32>) -> tensor<1x1xf32>

// Split: equal parts (opset 13), uneven parts of ceil(dim / n) (opset 18
// num_outputs), sizes from an input (opset 13+) or an attribute (opset 11).
// RUN: tessera-compile --emit=imported %onnx/node/test_split_equal_parts_2d_opset13/model.onnx | FileCheck %s --check-prefix=SPLITEQ
// SPLITEQ: func.func @main(%[[X:.+]]: tensor<2x6xf32> {tessera.name = "input"})
// SPLITEQ: %[[A:.+]] = tessera.slice %[[X]] offsets = [0, 0] sizes = [2, 3] strides = [1, 1] : (tensor<2x6xf32>) -> tensor<2x3xf32>
// SPLITEQ: %[[B:.+]] = tessera.slice %[[X]] offsets = [0, 3] sizes = [2, 3] strides = [1, 1] : (tensor<2x6xf32>) -> tensor<2x3xf32>
// SPLITEQ: return %[[A]], %[[B]]
// RUN: tessera-compile --emit=imported %onnx/node/test_split_1d_uneven_split_opset18/model.onnx | FileCheck %s --check-prefix=UNEVEN
// UNEVEN: offsets = [0] sizes = [2] strides = [1] : (tensor<7xf32>) -> tensor<2xf32>
// UNEVEN: offsets = [2] sizes = [2] strides = [1] : (tensor<7xf32>) -> tensor<2xf32>
// UNEVEN: offsets = [4] sizes = [2] strides = [1] : (tensor<7xf32>) -> tensor<2xf32>
// UNEVEN: offsets = [6] sizes = [1] strides = [1] : (tensor<7xf32>) -> tensor<1xf32>
// RUN: %{freeze} %onnx/node/test_split_variable_parts_2d_opset18 %t.var.onnx split
// RUN: tessera-compile --emit=imported %t.var.onnx | FileCheck %s --check-prefix=VAR
// VAR: offsets = [0, 0] sizes = [2, 2] strides = [1, 1] : (tensor<2x6xf32>) -> tensor<2x2xf32>
// VAR: offsets = [0, 2] sizes = [2, 4] strides = [1, 1] : (tensor<2x6xf32>) -> tensor<2x4xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Split', [('x', m.F32, [5, 2])], [('a', m.F32, [1, 2]), ('b', m.F32, [4, 2])], opset=11, axis=-2, split=[1, 4]), '%t.v11.onnx')"
// RUN: tessera-compile --emit=imported %t.v11.onnx | FileCheck %s --check-prefix=V11
// V11: offsets = [0, 0] sizes = [1, 2] strides = [1, 1] : (tensor<5x2xf32>) -> tensor<1x2xf32>
// V11: offsets = [1, 0] sizes = [4, 2] strides = [1, 1] : (tensor<5x2xf32>) -> tensor<4x2xf32>
// Zero-size parts of an empty input are the input itself.
// RUN: %{freeze} %onnx/node/test_split_zero_size_splits_opset13 %t.zero.onnx split
// RUN: tessera-compile --emit=imported %t.zero.onnx | FileCheck %s --check-prefix=ZERO
// ZERO: func.func @main(%[[X:.+]]: tensor<0xf32> {tessera.name = "input"})
// ZERO-NOT: tessera.slice
// ZERO: return %[[X]], %[[X]], %[[X]]

// Concat with a negative axis.
// RUN: tessera-compile --emit=imported %onnx/node/test_concat_3d_axis_negative_2/model.onnx | FileCheck %s --check-prefix=CONCAT
// CONCAT: tessera.concat %{{.+}}, %{{.+}} axis = 1 : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x4x2xf32>

// Gather: run-time indices go to tessera.gather as they are (negative ones
// are handled there); constant indices are made non-negative at import.
// RUN: tessera-compile --emit=imported %onnx/node/test_gather_2d_indices/model.onnx | FileCheck %s --check-prefix=GATHER
// GATHER: tessera.gather %{{.+}}, %{{.+}} axis = 1 : (tensor<3x3xf32>, tensor<1x2xi64>) -> tensor<3x1x2xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Gather', [('x', m.F32, [10, 4]), ('i', m.I64, [3])], [('y', m.F32, [3, 4])], opset=13, axis=-2), '%t.gneg.onnx')"
// RUN: %{init} %t.gneg.onnx i=-1,0,-3
// RUN: tessera-compile --emit=imported %t.gneg.onnx | FileCheck %s --check-prefix=GNEG
// GNEG: %[[I:.+]] = tessera.constant dense<[9, 0, 7]> : tensor<3xi64>
// GNEG: tessera.gather %{{.+}}, %[[I]] axis = 0 : (tensor<10x4xf32>, tensor<3xi64>) -> tensor<3x4xf32>
