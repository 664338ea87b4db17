// Constant, ConstantOfShape, Range, Shape, Size, Dropout and Identity: all
// become constants or forward their input. %{freeze} turns the named graph
// inputs of a node test into initializers holding their test_data_set_0
// values (shape operands must be constant at import).
// DEFINE: %{freeze} = %python -c "import onnx,sys;d,o,*n=sys.argv[1:];m=onnx.load(d+'/model.onnx');i=[v.name for v in m.graph.input];t=[onnx.load_tensor(d+'/test_data_set_0/input_'+str(i.index(x))+'.pb') for x in n];[setattr(p,'name',x) for p,x in zip(t,n)];m.graph.initializer.extend(t);onnx.save(m,o)"

// Constant 'value' tensor.
// RUN: tessera-compile %onnx/node/test_constant/model.onnx | FileCheck %s --check-prefix=CONST
// CONST: func.func @main() -> (tensor<5x5xf32> {tessera.name = "values"})
// CONST: %[[C:.+]] = tessera.constant dense<{{\[\[}}1.76405239, 0.400157213, 9.787380e-01, 2.24089313, 1.867558], [-0.977277874,
// CONST-SAME: : tensor<5x5xf32>
// CONST-NEXT: return %[[C]]

// value_float is an f32 scalar, value_ints an i64 vector.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Constant', [], [('y', m.F32, [])], value_float=2.5), '%t.vf.onnx')"
// RUN: tessera-compile %t.vf.onnx | FileCheck %s --check-prefix=VFLOAT
// VFLOAT: tessera.constant dense<2.500000e+00> : tensor<f32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Constant', [], [('y', m.I64, [3])], value_ints=[7, -1, 9007199254740993]), '%t.vi.onnx')"
// RUN: tessera-compile %t.vi.onnx | FileCheck %s --check-prefix=VINTS
// VINTS: tessera.constant dense<[7, -1, 9007199254740993]> : tensor<3xi64>

// ConstantOfShape stays a splat, however large; the value keeps its type.
// RUN: %{freeze} %onnx/node_extra/test_constantofshape_float_ones %t.ones.onnx x
// RUN: tessera-compile %t.ones.onnx | FileCheck %s --check-prefix=ONES
// ONES: %[[C:.+]] = tessera.constant dense<1.000000e+00> : tensor<4x3x2xf32>
// ONES-NEXT: return %[[C]]
// RUN: %{freeze} %onnx/node_extra/test_constantofshape_int_shape_zero %t.empty.onnx x
// RUN: tessera-compile %t.empty.onnx | FileCheck %s --check-prefix=EMPTY
// EMPTY: tessera.constant dense<0> : tensor<0xi32>
// RUN: %python -c "import onnx_models as m, onnx; g=m.single('ConstantOfShape', [('s', m.I64, [3])], [('y', m.F32, [64, 4096, 4096])], opset=9); g.graph.initializer.append(onnx.helper.make_tensor('s', m.I64, [3], [64, 4096, 4096])); m.save(g, '%t.big.onnx')"
// RUN: tessera-compile %t.big.onnx | FileCheck %s --check-prefix=BIG
// BIG: tessera.constant dense<0.000000e+00> : tensor<64x4096x4096xf32>
// BIG-NOT: dense_resource
// An i64 value beyond 2^53 stays exact.
// RUN: %python -c "import onnx_models as m, onnx; g=m.single('ConstantOfShape', [('s', m.I64, [1])], [('y', m.I64, [5])], value=onnx.helper.make_tensor('v', m.I64, [1], [9007199254740993])); g.graph.initializer.append(onnx.helper.make_tensor('s', m.I64, [1], [5])); m.save(g, '%t.i64.onnx')"
// RUN: tessera-compile %t.i64.onnx | FileCheck %s --check-prefix=BIGINT
// BIGINT: tessera.constant dense<9007199254740993> : tensor<5xi64>

// Range on constants is a constant, in the type of its operands.
// RUN: %{freeze} %onnx/node_extra/test_range_int32_type_negative_delta %t.rint.onnx start limit delta
// RUN: tessera-compile %t.rint.onnx | FileCheck %s --check-prefix=RANGEI
// RANGEI: %[[R:.+]] = tessera.constant dense<[10, 7]> : tensor<2xi32>
// RANGEI-NEXT: return %[[R]]
// RUN: %{freeze} %onnx/node_extra/test_range_float16_type_positive_delta %t.rf16.onnx start limit delta
// RUN: tessera-compile %t.rf16.onnx | FileCheck %s --check-prefix=RANGEH
// RANGEH: tessera.constant dense<[1.000000e+00, 3.000000e+00]> : tensor<2xf16>
// A non-constant Range is unsupported.
// RUN: not tessera-compile %onnx/node_extra/test_range_float_type_positive_delta/model.onnx 2>&1 | FileCheck %s --check-prefix=RANGEVAR
// RANGEVAR: error: node 'Range_0' (op 'Range', opset 27): unsupported Range with a non-constant input 0 ('start')

// Shape is a constant of the static shape; start/end (opset 15) are
// clamped, and start > end gives an empty shape.
// RUN: tessera-compile %onnx/node/test_shape/model.onnx | FileCheck %s --check-prefix=SHAPE
// SHAPE: func.func @main(%{{.+}}: tensor<3x4x5xf32> {tessera.name = "x"}) -> (tensor<3xi64> {tessera.name = "y"})
// SHAPE-NEXT: %[[S:.+]] = tessera.constant dense<[3, 4, 5]> : tensor<3xi64>
// SHAPE-NEXT: return %[[S]]
// RUN: tessera-compile %onnx/node/test_shape_start_1_end_negative_1/model.onnx | FileCheck %s --check-prefix=SHAPE1
// SHAPE1: tessera.constant dense<4> : tensor<1xi64>
// RUN: tessera-compile %onnx/node/test_shape_clip_start/model.onnx | FileCheck %s --check-prefix=SHAPECLIP
// SHAPECLIP: tessera.constant dense<[3, 4, 5]> : tensor<3xi64>
// RUN: tessera-compile %onnx/node/test_shape_start_greater_than_end/model.onnx | FileCheck %s --check-prefix=SHAPEEMPTY
// SHAPEEMPTY: tessera.constant dense<> : tensor<0xi64>

// Size is an i64 scalar.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Size', [('x', m.F32, [3, 4, 5])], [('n', m.I64, [])], opset=13), '%t.size.onnx')"
// RUN: tessera-compile %t.size.onnx | FileCheck %s --check-prefix=SIZE
// SIZE: tessera.constant dense<60> : tensor<i64>

// Dropout at inference forwards its input; the mask is all true.
// RUN: tessera-compile %onnx/node/test_dropout_default_mask_ratio/model.onnx | FileCheck %s --check-prefix=DROP
// DROP: func.func @main(%[[X:.+]]: tensor<3x4x5xf32> {tessera.name = "x"}, %{{.+}}: tensor<f32> {tessera.name = "r"})
// DROP-NEXT: %[[M:.+]] = tessera.constant dense<true> : tensor<3x4x5xi1>
// DROP-NEXT: return %[[X]], %[[M]]
// RUN: tessera-compile %onnx/node/test_dropout_default_old/model.onnx | FileCheck %s --check-prefix=DROPOLD
// DROPOLD: func.func @main(%[[X:.+]]: tensor<3xf32> {tessera.name = "x"})
// DROPOLD-NEXT: return %[[X]]
// Before opset 10 the mask has the input's type.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Dropout', [('x', m.F32, [2])], [('y', m.F32, [2]), ('mask', m.F32, [2])], opset=9), '%t.drop9.onnx')"
// RUN: tessera-compile %t.drop9.onnx | FileCheck %s --check-prefix=DROP9
// DROP9: tessera.constant dense<1.000000e+00> : tensor<2xf32>
// Training mode is unsupported.
// RUN: %python -c "import onnx_models as m, onnx; g=m.single('Dropout', [('x', m.F32, [2]), ('r', m.F32, []), ('t', m.BOOL, [])], [('y', m.F32, [2])], opset=13, name='drop'); g.graph.initializer.append(onnx.helper.make_tensor('t', m.BOOL, [], [True])); m.save(g, '%t.train.onnx')"
// RUN: not tessera-compile %t.train.onnx 2>&1 | FileCheck %s --check-prefix=TRAIN
// TRAIN: error: node 'drop' (op 'Dropout', opset 13): unsupported Dropout in training mode

// Identity forwards its input.
// RUN: tessera-compile %onnx/node/test_identity/model.onnx | FileCheck %s --check-prefix=ID
// ID: func.func @main(%[[X:.+]]: tensor<1x1x2x2xf32> {tessera.name = "x"})
// ID-NEXT: return %[[X]]
