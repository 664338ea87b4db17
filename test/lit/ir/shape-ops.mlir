// RUN: tessera-opt %s --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file | tessera-opt --split-input-file | FileCheck %s
// RUN: tessera-opt %s --split-input-file --mlir-print-op-generic | tessera-opt --split-input-file | FileCheck %s

// Round trips of constant and the data-movement ops. Every result type below
// is the inferred one (the verifier rejects any other), so each case also pins
// down a shape rule.

//===----------------------------------------------------------------------===//
// constant
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @constant_dense_f32
// CHECK: %[[C:.+]] = tessera.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.500000e+00]]> : tensor<2x2xf32>
// CHECK: return %[[C]] : tensor<2x2xf32>
func.func @constant_dense_f32() -> tensor<2x2xf32> {
  %0 = tessera.constant dense<[[1.0, 2.0], [3.0, 4.5]]> : tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// A splat stays a splat.
// CHECK-LABEL: func.func @constant_splat_f16
// CHECK: %[[C:.+]] = tessera.constant dense<5.000000e-01> : tensor<3x4xf16>
// CHECK: return %[[C]] : tensor<3x4xf16>
func.func @constant_splat_f16() -> tensor<3x4xf16> {
  %0 = tessera.constant dense<0.5> : tensor<3x4xf16>
  return %0 : tensor<3x4xf16>
}

// -----

// CHECK-LABEL: func.func @constant_i1
// CHECK: %[[C:.+]] = tessera.constant dense<[true, false, true]> : tensor<3xi1>
// CHECK: return %[[C]] : tensor<3xi1>
func.func @constant_i1() -> tensor<3xi1> {
  %0 = tessera.constant dense<[true, false, true]> : tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @constant_bf16
// CHECK: %[[C:.+]] = tessera.constant dense<[1.500000e+00, -2.000000e+00]> : tensor<2xbf16>
// CHECK: return %[[C]] : tensor<2xbf16>
func.func @constant_bf16() -> tensor<2xbf16> {
  %0 = tessera.constant dense<[1.5, -2.0]> : tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// -----

// The blob (4-byte alignment, then the i32 values 1 and 2) is printed back.
// CHECK-LABEL: func.func @constant_dense_resource
// CHECK: %[[C:.+]] = tessera.constant dense_resource<weights> : tensor<2xi32>
// CHECK: return %[[C]] : tensor<2xi32>
// CHECK: dialect_resources: {
// CHECK-NEXT: builtin: {
// CHECK-NEXT: weights: "0x040000000100000002000000"
func.func @constant_dense_resource() -> tensor<2xi32> {
  %0 = tessera.constant dense_resource<weights> : tensor<2xi32>
  return %0 : tensor<2xi32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000100000002000000"
    }
  }
#-}

// -----

// CHECK-LABEL: func.func @constant_rank_0
// CHECK: %[[C:.+]] = tessera.constant dense<7> : tensor<i64>
// CHECK: return %[[C]] : tensor<i64>
func.func @constant_rank_0() -> tensor<i64> {
  %0 = tessera.constant dense<7> : tensor<i64>
  return %0 : tensor<i64>
}

// -----

// CHECK-LABEL: func.func @constant_empty
// CHECK: %[[C:.+]] = tessera.constant dense<> : tensor<0x3xf32>
// CHECK: return %[[C]] : tensor<0x3xf32>
func.func @constant_empty() -> tensor<0x3xf32> {
  %0 = tessera.constant dense<> : tensor<0x3xf32>
  return %0 : tensor<0x3xf32>
}

// -----

// Discardable attributes go before the value.
// CHECK-LABEL: func.func @constant_with_attribute
// CHECK: %[[C:.+]] = tessera.constant {name = "bias"} dense<[1, -1]> : tensor<2xi8>
// CHECK: return %[[C]] : tensor<2xi8>
func.func @constant_with_attribute() -> tensor<2xi8> {
  %0 = tessera.constant {name = "bias"} dense<[1, -1]> : tensor<2xi8>
  return %0 : tensor<2xi8>
}

// -----

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reshape_merge_dims
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.+]] = tessera.reshape %[[X]] : tensor<2x3x4xf32> to tensor<6x4xf32>
// CHECK: return %[[R]] : tensor<6x4xf32>
func.func @reshape_merge_dims(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = tessera.reshape %x : tensor<2x3x4xf32> to tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_to_rank_0
// CHECK-SAME: (%[[X:.+]]: tensor<1x1xf32>)
// CHECK: %[[R:.+]] = tessera.reshape %[[X]] : tensor<1x1xf32> to tensor<f32>
// CHECK: return %[[R]] : tensor<f32>
func.func @reshape_to_rank_0(%x: tensor<1x1xf32>) -> tensor<f32> {
  %0 = tessera.reshape %x : tensor<1x1xf32> to tensor<f32>
  return %0 : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @reshape_from_rank_0
// CHECK-SAME: (%[[X:.+]]: tensor<i1>)
// CHECK: %[[R:.+]] = tessera.reshape %[[X]] : tensor<i1> to tensor<1x1x1xi1>
// CHECK: return %[[R]] : tensor<1x1x1xi1>
func.func @reshape_from_rank_0(%x: tensor<i1>) -> tensor<1x1x1xi1> {
  %0 = tessera.reshape %x : tensor<i1> to tensor<1x1x1xi1>
  return %0 : tensor<1x1x1xi1>
}

// -----

// CHECK-LABEL: func.func @reshape_empty
// CHECK-SAME: (%[[X:.+]]: tensor<0x4xi32>)
// CHECK: %[[R:.+]] = tessera.reshape %[[X]] : tensor<0x4xi32> to tensor<2x0xi32>
// CHECK: return %[[R]] : tensor<2x0xi32>
func.func @reshape_empty(%x: tensor<0x4xi32>) -> tensor<2x0xi32> {
  %0 = tessera.reshape %x : tensor<0x4xi32> to tensor<2x0xi32>
  return %0 : tensor<2x0xi32>
}

// -----

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

// Result dimension i is input dimension perm[i].
// CHECK-LABEL: func.func @transpose_3d
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.+]] = tessera.transpose %[[X]] perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK: return %[[R]] : tensor<4x2x3xf32>
func.func @transpose_3d(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = tessera.transpose %x perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_rank_0
// CHECK-SAME: (%[[X:.+]]: tensor<bf16>)
// CHECK: %[[R:.+]] = tessera.transpose %[[X]] perm = [] : (tensor<bf16>) -> tensor<bf16>
// CHECK: return %[[R]] : tensor<bf16>
func.func @transpose_rank_0(%x: tensor<bf16>) -> tensor<bf16> {
  %0 = tessera.transpose %x perm = [] : (tensor<bf16>) -> tensor<bf16>
  return %0 : tensor<bf16>
}

// -----

//===----------------------------------------------------------------------===//
// broadcast_to
//===----------------------------------------------------------------------===//

// Trailing dimensions align: [3, 1] -> [2, 3, 4].
// CHECK-LABEL: func.func @broadcast_to_higher_rank
// CHECK-SAME: (%[[X:.+]]: tensor<3x1xf32>)
// CHECK: %[[R:.+]] = tessera.broadcast_to %[[X]] : tensor<3x1xf32> to tensor<2x3x4xf32>
// CHECK: return %[[R]] : tensor<2x3x4xf32>
func.func @broadcast_to_higher_rank(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = tessera.broadcast_to %x : tensor<3x1xf32> to tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @broadcast_to_from_rank_0
// CHECK-SAME: (%[[X:.+]]: tensor<i8>)
// CHECK: %[[R:.+]] = tessera.broadcast_to %[[X]] : tensor<i8> to tensor<2x3xi8>
// CHECK: return %[[R]] : tensor<2x3xi8>
func.func @broadcast_to_from_rank_0(%x: tensor<i8>) -> tensor<2x3xi8> {
  %0 = tessera.broadcast_to %x : tensor<i8> to tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

// A unit dimension may also broadcast to 0.
// CHECK-LABEL: func.func @broadcast_to_empty
// CHECK-SAME: (%[[X:.+]]: tensor<1x3xf32>)
// CHECK: %[[R:.+]] = tessera.broadcast_to %[[X]] : tensor<1x3xf32> to tensor<0x3xf32>
// CHECK: return %[[R]] : tensor<0x3xf32>
func.func @broadcast_to_empty(%x: tensor<1x3xf32>) -> tensor<0x3xf32> {
  %0 = tessera.broadcast_to %x : tensor<1x3xf32> to tensor<0x3xf32>
  return %0 : tensor<0x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// concat
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @concat_three_inputs
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<2x5xf32>, %[[C:.+]]: tensor<2x1xf32>)
// CHECK: %[[R:.+]] = tessera.concat %[[A]], %[[B]], %[[C]] axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x9xf32>
// CHECK: return %[[R]] : tensor<2x9xf32>
func.func @concat_three_inputs(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<2x1xf32>) -> tensor<2x9xf32> {
  %0 = tessera.concat %a, %b, %c axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x9xf32>
  return %0 : tensor<2x9xf32>
}

// -----

// CHECK-LABEL: func.func @concat_one_input
// CHECK-SAME: (%[[A:.+]]: tensor<4xi1>)
// CHECK: %[[R:.+]] = tessera.concat %[[A]] axis = 0 : (tensor<4xi1>) -> tensor<4xi1>
// CHECK: return %[[R]] : tensor<4xi1>
func.func @concat_one_input(%a: tensor<4xi1>) -> tensor<4xi1> {
  %0 = tessera.concat %a axis = 0 : (tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @concat_first_axis_with_empty_input
// CHECK-SAME: (%[[A:.+]]: tensor<0x2x2xi64>, %[[B:.+]]: tensor<3x2x2xi64>)
// CHECK: %[[R:.+]] = tessera.concat %[[A]], %[[B]] axis = 0 : (tensor<0x2x2xi64>, tensor<3x2x2xi64>) -> tensor<3x2x2xi64>
// CHECK: return %[[R]] : tensor<3x2x2xi64>
func.func @concat_first_axis_with_empty_input(%a: tensor<0x2x2xi64>, %b: tensor<3x2x2xi64>) -> tensor<3x2x2xi64> {
  %0 = tessera.concat %a, %b axis = 0 : (tensor<0x2x2xi64>, tensor<3x2x2xi64>) -> tensor<3x2x2xi64>
  return %0 : tensor<3x2x2xi64>
}

// -----

//===----------------------------------------------------------------------===//
// slice
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @slice_strided
// CHECK-SAME: (%[[X:.+]]: tensor<4x10xf32>)
// CHECK: %[[R:.+]] = tessera.slice %[[X]] offsets = [1, 2] sizes = [2, 3] strides = [2, 3] : (tensor<4x10xf32>) -> tensor<2x3xf32>
// CHECK: return %[[R]] : tensor<2x3xf32>
func.func @slice_strided(%x: tensor<4x10xf32>) -> tensor<2x3xf32> {
  %0 = tessera.slice %x offsets = [1, 2] sizes = [2, 3] strides = [2, 3] : (tensor<4x10xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Negative strides walk backwards: indices 9, 7, 5, 3, 1 of dimension 1 and
// 3, 2, 1, 0 (a full reversal) of dimension 0.
// CHECK-LABEL: func.func @slice_negative_strides
// CHECK-SAME: (%[[X:.+]]: tensor<4x10xf32>)
// CHECK: %[[R:.+]] = tessera.slice %[[X]] offsets = [3, 9] sizes = [4, 5] strides = [-1, -2] : (tensor<4x10xf32>) -> tensor<4x5xf32>
// CHECK: return %[[R]] : tensor<4x5xf32>
func.func @slice_negative_strides(%x: tensor<4x10xf32>) -> tensor<4x5xf32> {
  %0 = tessera.slice %x offsets = [3, 9] sizes = [4, 5] strides = [-1, -2] : (tensor<4x10xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// A size-0 dimension reads nothing, so its offset is not bounds-checked.
// CHECK-LABEL: func.func @slice_empty
// CHECK-SAME: (%[[X:.+]]: tensor<4x10xi32>)
// CHECK: %[[R:.+]] = tessera.slice %[[X]] offsets = [0, 10] sizes = [4, 0] strides = [1, 1] : (tensor<4x10xi32>) -> tensor<4x0xi32>
// CHECK: return %[[R]] : tensor<4x0xi32>
func.func @slice_empty(%x: tensor<4x10xi32>) -> tensor<4x0xi32> {
  %0 = tessera.slice %x offsets = [0, 10] sizes = [4, 0] strides = [1, 1] : (tensor<4x10xi32>) -> tensor<4x0xi32>
  return %0 : tensor<4x0xi32>
}

// -----

//===----------------------------------------------------------------------===//
// gather
//===----------------------------------------------------------------------===//

// [30522, 768] gathered at [1, 128] along axis 0 gives [1, 128, 768].
// CHECK-LABEL: func.func @gather_i64_indices
// CHECK-SAME: (%[[D:.+]]: tensor<30522x768xf32>, %[[I:.+]]: tensor<1x128xi64>)
// CHECK: %[[R:.+]] = tessera.gather %[[D]], %[[I]] axis = 0 : (tensor<30522x768xf32>, tensor<1x128xi64>) -> tensor<1x128x768xf32>
// CHECK: return %[[R]] : tensor<1x128x768xf32>
func.func @gather_i64_indices(%d: tensor<30522x768xf32>, %i: tensor<1x128xi64>) -> tensor<1x128x768xf32> {
  %0 = tessera.gather %d, %i axis = 0 : (tensor<30522x768xf32>, tensor<1x128xi64>) -> tensor<1x128x768xf32>
  return %0 : tensor<1x128x768xf32>
}

// -----

// Along a middle axis the index shape replaces that axis: [2] + [5] + [4].
// CHECK-LABEL: func.func @gather_i32_indices_middle_axis
// CHECK-SAME: (%[[D:.+]]: tensor<2x3x4xi8>, %[[I:.+]]: tensor<5xi32>)
// CHECK: %[[R:.+]] = tessera.gather %[[D]], %[[I]] axis = 1 : (tensor<2x3x4xi8>, tensor<5xi32>) -> tensor<2x5x4xi8>
// CHECK: return %[[R]] : tensor<2x5x4xi8>
func.func @gather_i32_indices_middle_axis(%d: tensor<2x3x4xi8>, %i: tensor<5xi32>) -> tensor<2x5x4xi8> {
  %0 = tessera.gather %d, %i axis = 1 : (tensor<2x3x4xi8>, tensor<5xi32>) -> tensor<2x5x4xi8>
  return %0 : tensor<2x5x4xi8>
}

// -----

// A rank-0 index removes the gathered axis.
// CHECK-LABEL: func.func @gather_rank_0_indices
// CHECK-SAME: (%[[D:.+]]: tensor<2x3x4xf16>, %[[I:.+]]: tensor<i64>)
// CHECK: %[[R:.+]] = tessera.gather %[[D]], %[[I]] axis = 2 : (tensor<2x3x4xf16>, tensor<i64>) -> tensor<2x3xf16>
// CHECK: return %[[R]] : tensor<2x3xf16>
func.func @gather_rank_0_indices(%d: tensor<2x3x4xf16>, %i: tensor<i64>) -> tensor<2x3xf16> {
  %0 = tessera.gather %d, %i axis = 2 : (tensor<2x3x4xf16>, tensor<i64>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// -----

//===----------------------------------------------------------------------===//
// pad
//===----------------------------------------------------------------------===//

// pads = [begin0, begin1, end0, end1]: [2, 3] + [0 + 0, 1 + 2] = [2, 6].
// CHECK-LABEL: func.func @pad_constant
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = tessera.pad %[[X]] pads = [0, 1, 0, 2] mode = constant value = -1.500000e+00 : (tensor<2x3xf32>) -> tensor<2x6xf32>
// CHECK: return %[[R]] : tensor<2x6xf32>
func.func @pad_constant(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  %0 = tessera.pad %x pads = [0, 1, 0, 2] mode = constant value = -1.5 : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// Reflect pads may be up to dimension - 1 (here 2 on a dimension of 3).
// CHECK-LABEL: func.func @pad_reflect
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = tessera.pad %[[X]] pads = [1, 2, 1, 2] mode = reflect value = 0.000000e+00 : (tensor<2x3xf32>) -> tensor<4x7xf32>
// CHECK: return %[[R]] : tensor<4x7xf32>
func.func @pad_reflect(%x: tensor<2x3xf32>) -> tensor<4x7xf32> {
  %0 = tessera.pad %x pads = [1, 2, 1, 2] mode = reflect value = 0.0 : (tensor<2x3xf32>) -> tensor<4x7xf32>
  return %0 : tensor<4x7xf32>
}

// -----

// Edge pads may exceed the dimension.
// CHECK-LABEL: func.func @pad_edge
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xi32>)
// CHECK: %[[R:.+]] = tessera.pad %[[X]] pads = [5, 0, 0, 4] mode = edge value = 0.000000e+00 : (tensor<2x3xi32>) -> tensor<7x7xi32>
// CHECK: return %[[R]] : tensor<7x7xi32>
func.func @pad_edge(%x: tensor<2x3xi32>) -> tensor<7x7xi32> {
  %0 = tessera.pad %x pads = [5, 0, 0, 4] mode = edge value = 0.0 : (tensor<2x3xi32>) -> tensor<7x7xi32>
  return %0 : tensor<7x7xi32>
}

// -----

// CHECK-LABEL: func.func @pad_wrap
// CHECK-SAME: (%[[X:.+]]: tensor<5xbf16>)
// CHECK: %[[R:.+]] = tessera.pad %[[X]] pads = [2, 7] mode = wrap value = 0.000000e+00 : (tensor<5xbf16>) -> tensor<14xbf16>
// CHECK: return %[[R]] : tensor<14xbf16>
func.func @pad_wrap(%x: tensor<5xbf16>) -> tensor<14xbf16> {
  %0 = tessera.pad %x pads = [2, 7] mode = wrap value = 0.0 : (tensor<5xbf16>) -> tensor<14xbf16>
  return %0 : tensor<14xbf16>
}

// -----

// Negative pads crop: [4, 6, 3] + [-1 - 2, 2 - 6, -1 - 2] = [1, 2, 0];
// cropping a dimension to exactly 0 is allowed.
// CHECK-LABEL: func.func @pad_negative
// CHECK-SAME: (%[[X:.+]]: tensor<4x6x3xf32>)
// CHECK: %[[R:.+]] = tessera.pad %[[X]] pads = [-1, 2, -1, -2, -6, -2] mode = constant value = 0.000000e+00 : (tensor<4x6x3xf32>) -> tensor<1x2x0xf32>
// CHECK: return %[[R]] : tensor<1x2x0xf32>
func.func @pad_negative(%x: tensor<4x6x3xf32>) -> tensor<1x2x0xf32> {
  %0 = tessera.pad %x pads = [-1, 2, -1, -2, -6, -2] mode = constant value = 0.0 : (tensor<4x6x3xf32>) -> tensor<1x2x0xf32>
  return %0 : tensor<1x2x0xf32>
}
