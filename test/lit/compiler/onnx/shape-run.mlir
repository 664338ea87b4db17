// End to end: node tests of the shape and data-movement ops run through
// tessera-run (CPU reference evaluator) on their test_data_set_0 inputs and
// are compared with output_N.pb by compare_outputs.py. Shape operands given
// as graph inputs (Reshape shape, Slice starts, Pad pads, ...) take the value
// of their --input file at import.
// %{run} DIR OUT: runs DIR/model.onnx with every input of DIR's
// test_data_set_0, writes OUT/*.npy and prints compare_outputs' verdict.
// DEFINE: %{run} = %python -c "import onnx,subprocess,sys;r,d,o=sys.argv[1:];m=onnx.load(d+'/model.onnx');i={x.name for x in m.graph.initializer};n=[x.name for x in m.graph.input if x.name not in i];subprocess.check_call([r,d+'/model.onnx','--output-dir',o]+['--input='+x+'='+d+'/test_data_set_0/input_'+str(k)+'.pb' for k,x in enumerate(n)]);sys.exit(subprocess.call([sys.executable,'-m','compare_outputs',d+'/model.onnx',d+'/test_data_set_0',o]))" tessera-run

// RUN: rm -rf %t

// Reshapes.
// RUN: %{run} %onnx/node/test_reshape_negative_dim %t/1 | FileCheck %s
// RUN: %{run} %onnx/node/test_reshape_allowzero_reordered %t/2 | FileCheck %s
// RUN: %{run} %onnx/node/test_flatten_negative_axis1 %t/3 | FileCheck %s
// RUN: %{run} %onnx/node/test_squeeze_negative_axes %t/4 | FileCheck %s
// RUN: %{run} %onnx/node/test_unsqueeze_unsorted_axes %t/5 | FileCheck %s

// Transpose, Expand, Concat, Split.
// RUN: %{run} %onnx/node/test_transpose_all_permutations_4 %t/6 | FileCheck %s
// RUN: %{run} %onnx/node/test_expand_dim_changed %t/7 | FileCheck %s
// RUN: %{run} %onnx/node/test_concat_3d_axis_negative_2 %t/8 | FileCheck %s
// RUN: %{run} %onnx/node/test_split_2d_uneven_split_opset18 %t/9 | FileCheck %s
// RUN: %{run} %onnx/node/test_split_variable_parts_default_axis_opset13 %t/10 | FileCheck %s

// Slice: negative steps, out-of-bounds starts and ends.
// RUN: %{run} %onnx/node/test_slice_neg_steps %t/11 | FileCheck %s
// RUN: %{run} %onnx/node/test_slice_start_out_of_bounds %t/12 | FileCheck %s
// RUN: %{run} %onnx/node/test_slice_end_out_of_bounds %t/13 | FileCheck %s
// RUN: %{run} %onnx/node/test_slice_negative_axes %t/14 | FileCheck %s

// Gather with run-time negative indices; Shape, Dropout's mask.
// RUN: %{run} %onnx/node/test_gather_negative_indices %t/15 | FileCheck %s
// RUN: %{run} %onnx/node/test_gather_2d_indices %t/16 | FileCheck %s
// RUN: %{run} %onnx/node/test_shape_start_1_end_negative_1 %t/17 | FileCheck %s
// RUN: %{run} %onnx/node/test_dropout_default_mask %t/18 | FileCheck %s

// Tile, Pad modes, Trilu, ConstantOfShape, Range.
// RUN: %{run} %onnx/node_extra/test_tile %t/19 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_reflect_pad %t/20 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_wrap_pad %t/21 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_edge_pad %t/22 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_constant_pad_negative_axes %t/23 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_triu_neg %t/24 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_tril_out_neg %t/25 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_constantofshape_int_zeros %t/26 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_range_int32_type_negative_delta %t/27 | FileCheck %s
// RUN: %{run} %onnx/node_extra/test_range_float16_type_positive_delta %t/28 | FileCheck %s

// PyTorch exports: repeat (Tile), indexing (Slice + Squeeze), chunk (Split),
// PixelShuffle (Reshape + Transpose), reflection padding.
// RUN: %{run} %onnx/pytorch-operator/test_operator_repeat %t/29 | FileCheck %s
// RUN: %{run} %onnx/pytorch-operator/test_operator_index %t/30 | FileCheck %s
// RUN: %{run} %onnx/pytorch-operator/test_operator_chunk %t/31 | FileCheck %s
// RUN: %{run} %onnx/pytorch-converted/test_PixelShuffle %t/32 | FileCheck %s
// RUN: %{run} %onnx/pytorch-converted/test_ReflectionPad2d %t/33 | FileCheck %s

// CHECK: OK: {{[0-9]+}} output(s) match
