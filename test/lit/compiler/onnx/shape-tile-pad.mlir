// Tile (reshape + broadcast_to + reshape), Pad and Trilu (constant mask +
// select). %{freeze} turns the named graph inputs of a node test into
// initializers holding their test_data_set_0 values (repeats, pads, k must be
// constant at import).
// DEFINE: %{freeze} = %python -c "import onnx,sys;d,o,*n=sys.argv[1:];m=onnx.load(d+'/model.onnx');i=[v.name for v in m.graph.input];t=[onnx.load_tensor(d+'/test_data_set_0/input_'+str(i.index(x))+'.pb') for x in n];[setattr(p,'name',x) for p,x in zip(t,n)];m.graph.initializer.extend(t);onnx.save(m,o)"

// Tile: a size-1 dimension goes before each repeated one, is broadcast to
// the repeat count, and the pairs merge.
// RUN: %{freeze} %onnx/node_extra/test_tile %t.tile.onnx y
// RUN: tessera-compile --emit=imported %t.tile.onnx | FileCheck %s --check-prefix=TILE
// TILE: func.func @main(%[[X:.+]]: tensor<2x3x4x5xf32> {tessera.name = "x"}) -> (tensor<14x18x16x10xf32> {tessera.name = "z"})
// TILE: %[[A:.+]] = tessera.reshape %[[X]] : tensor<2x3x4x5xf32> to tensor<1x2x1x3x1x4x1x5xf32>
// TILE-NEXT: %[[B:.+]] = tessera.broadcast_to %[[A]] : tensor<1x2x1x3x1x4x1x5xf32> to tensor<7x2x6x3x4x4x2x5xf32>
// TILE-NEXT: %[[C:.+]] = tessera.reshape %[[B]] : tensor<7x2x6x3x4x4x2x5xf32> to tensor<14x18x16x10xf32>
// TILE-NEXT: return %[[C]]
// Dimensions repeated once get no extra dimension.
// RUN: %python -c "import onnx_models as m, onnx; g=m.single('Tile', [('x', m.F32, [2, 3]), ('r', m.I64, [2])], [('y', m.F32, [2, 9])], opset=13); g.graph.initializer.append(onnx.helper.make_tensor('r', m.I64, [2], [1, 3])); m.save(g, '%t.tile1.onnx')"
// RUN: tessera-compile --emit=imported %t.tile1.onnx | FileCheck %s --check-prefix=TILE1
// TILE1: tessera.reshape %{{.+}} : tensor<2x3xf32> to tensor<2x1x3xf32>
// TILE1-NEXT: tessera.broadcast_to %{{.+}} : tensor<2x1x3xf32> to tensor<2x3x3xf32>
// TILE1-NEXT: tessera.reshape %{{.+}} : tensor<2x3x3xf32> to tensor<2x9xf32>

// Pad: constant value input, axes (opset 18, negative too) spread to all
// dimensions, and the edge/reflect/wrap modes.
// RUN: %{freeze} %onnx/node_extra/test_constant_pad %t.cpad.onnx pads value
// RUN: tessera-compile --emit=imported %t.cpad.onnx | FileCheck %s --check-prefix=CPAD
// CPAD: tessera.pad %{{.+}} pads = [0, 0, 1, 3, 0, 0, 2, 4] mode = constant value = 1.2000000476837158 : (tensor<1x3x4x5xf32>) -> tensor<1x3x7x12xf32>
// RUN: %{freeze} %onnx/node_extra/test_constant_pad_negative_axes %t.apad.onnx pads value axes
// RUN: tessera-compile --emit=imported %t.apad.onnx | FileCheck %s --check-prefix=APAD
// APAD: tessera.pad %{{.+}} pads = [0, 0, 0, 3, 0, 0, 0, 4] mode = constant value = 1.2000000476837158 : (tensor<1x3x4x5xf32>) -> tensor<1x3x4x12xf32>
// RUN: %{freeze} %onnx/node_extra/test_edge_pad %t.epad.onnx pads
// RUN: tessera-compile --emit=imported %t.epad.onnx | FileCheck %s --check-prefix=EPAD
// EPAD: tessera.pad %{{.+}} pads = [0, 0, 1, 1, 0, 0, 1, 1] mode = edge value = 0.000000e+00 : (tensor<1x3x4x5xi32>) -> tensor<1x3x6x7xi32>
// RUN: %{freeze} %onnx/node_extra/test_reflect_pad %t.rpad.onnx pads
// RUN: tessera-compile --emit=imported %t.rpad.onnx | FileCheck %s --check-prefix=RPAD
// RPAD: tessera.pad %{{.+}} pads = [0, 0, 1, 1, 0, 0, 1, 1] mode = reflect value = 0.000000e+00
// RUN: %{freeze} %onnx/node_extra/test_wrap_pad %t.wpad.onnx pads
// RUN: tessera-compile --emit=imported %t.wpad.onnx | FileCheck %s --check-prefix=WPAD
// WPAD: tessera.pad %{{.+}} pads = [0, 0, 1, 1, 0, 0, 1, 1] mode = wrap value = 0.000000e+00
// Before opset 11: pads and value attributes ('paddings' in opset 1).
// RUN: %python -c "import onnx_models as m; m.save(m.single('Pad', [('x', m.F32, [2, 3])], [('y', m.F32, [3, 7])], opset=2, pads=[1, 2, 0, 2], value=-1.5), '%t.v2.onnx')"
// RUN: tessera-compile --emit=imported %t.v2.onnx | FileCheck %s --check-prefix=V2
// V2: tessera.pad %{{.+}} pads = [1, 2, 0, 2] mode = constant value = -1.500000e+00 : (tensor<2x3xf32>) -> tensor<3x7xf32>
// RUN: %python -c "import onnx_models as m; m.save(m.single('Pad', [('x', m.F32, [2, 3])], [('y', m.F32, [2, 5])], opset=1, paddings=[0, 1, 0, 1], mode='edge'), '%t.v1.onnx')"
// RUN: tessera-compile --emit=imported %t.v1.onnx | FileCheck %s --check-prefix=V1
// V1: tessera.pad %{{.+}} pads = [0, 1, 0, 1] mode = edge value = 0.000000e+00 : (tensor<2x3xf32>) -> tensor<2x5xf32>

// Trilu: the k-th diagonal and above (upper) or below, as a select of the
// input against 0 with a constant mask of the last two dimensions.
// RUN: %{freeze} %onnx/node_extra/test_triu_neg %t.triu.onnx k
// RUN: tessera-compile --emit=imported %t.triu.onnx | FileCheck %s --check-prefix=TRIU
// TRIU: func.func @main(%[[X:.+]]: tensor<4x5xi64> {tessera.name = "x"})
// TRIU-DAG: %[[Z:.+]] = tessera.constant dense<0> : tensor<i64>
// TRIU-DAG: %[[M:.+]] = tessera.constant dense<{{\[\[}}true, true, true, true, true], [true, true, true, true, true], [false, true, true, true, true], [false, false, true, true, true]]> : tensor<4x5xi1>
// TRIU: %[[R:.+]] = tessera.select %[[M]], %[[X]], %[[Z]] : (tensor<4x5xi1>, tensor<4x5xi64>, tensor<i64>) -> tensor<4x5xi64>
// TRIU-NEXT: return %[[R]]
// RUN: tessera-compile --emit=imported %onnx/node_extra/test_tril/model.onnx | FileCheck %s --check-prefix=TRIL
// TRIL: dense<{{\[\[}}true, false, false, false, false], [true, true, false, false, false], [true, true, true, false, false], [true, true, true, true, false]]> : tensor<4x5xi1>
// TRIL: tessera.select
// The mask broadcasts over batch dimensions.
// RUN: %python -c "import onnx_models as m; m.save(m.single('Trilu', [('x', m.F32, [2, 3, 2])], [('y', m.F32, [2, 3, 2])], opset=14, upper=0), '%t.batch.onnx')"
// RUN: tessera-compile --emit=imported %t.batch.onnx | FileCheck %s --check-prefix=BATCH
// BATCH: tessera.select %{{.+}}, %{{.+}}, %{{.+}} : (tensor<3x2xi1>, tensor<2x3x2xf32>, tensor<f32>) -> tensor<2x3x2xf32>
// A diagonal past the matrix keeps nothing (zeros) or everything.
// RUN: %{freeze} %onnx/node_extra/test_triu_out_pos %t.none.onnx k
// RUN: tessera-compile --emit=imported %t.none.onnx | FileCheck %s --check-prefix=NONE
// NONE: %[[Z:.+]] = tessera.constant dense<0> : tensor<4x5xi64>
// NONE-NEXT: return %[[Z]]
// RUN: %{freeze} %onnx/node_extra/test_tril_out_pos %t.all.onnx k
// RUN: tessera-compile --emit=imported %t.all.onnx | FileCheck %s --check-prefix=ALL
// ALL: func.func @main(%[[X:.+]]: tensor<4x5xi64> {tessera.name = "x"})
// ALL-NOT: tessera.select
// ALL: return %[[X]]
