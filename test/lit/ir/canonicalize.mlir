// RUN: tessera-opt %s --split-input-file --canonicalize | FileCheck %s

// Folds and canonicalization patterns of the tessera ops.

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reshape_of_reshape
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reshape %[[X]] : tensor<2x3x4xf32> to tensor<4x6xf32>
// CHECK-NEXT: return %[[R]] : tensor<4x6xf32>
func.func @reshape_of_reshape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %0 = tessera.reshape %x : tensor<2x3x4xf32> to tensor<6x4xf32>
  %1 = tessera.reshape %0 : tensor<6x4xf32> to tensor<4x6xf32>
  return %1 : tensor<4x6xf32>
}

// -----

// Three reshapes collapse into one.
// CHECK-LABEL: func.func @reshape_chain
// CHECK-SAME: (%[[X:.+]]: tensor<24xi8>)
// CHECK-NEXT: %[[R:.+]] = tessera.reshape %[[X]] : tensor<24xi8> to tensor<2x12xi8>
// CHECK-NEXT: return %[[R]] : tensor<2x12xi8>
func.func @reshape_chain(%x: tensor<24xi8>) -> tensor<2x12xi8> {
  %0 = tessera.reshape %x : tensor<24xi8> to tensor<4x6xi8>
  %1 = tessera.reshape %0 : tensor<4x6xi8> to tensor<2x3x4xi8>
  %2 = tessera.reshape %1 : tensor<2x3x4xi8> to tensor<2x12xi8>
  return %2 : tensor<2x12xi8>
}

// -----

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @reshape_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.reshape %x : tensor<2x3xf32> to tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Reshaping there and back folds to the source in one step.
// CHECK-LABEL: func.func @reshape_round_trip
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @reshape_round_trip(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.reshape %x : tensor<2x3xf32> to tensor<6xf32>
  %1 = tessera.reshape %0 : tensor<6xf32> to tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// The reshape back to the source shape vanishes even where the first
// reshape stays for another use.
// CHECK-LABEL: func.func @reshape_round_trip_shared
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reshape %[[X]] : tensor<2x3xf32> to tensor<6xf32>
// CHECK-NEXT: return %[[X]], %[[R]] : tensor<2x3xf32>, tensor<6xf32>
func.func @reshape_round_trip_shared(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<6xf32>) {
  %0 = tessera.reshape %x : tensor<2x3xf32> to tensor<6xf32>
  %1 = tessera.reshape %0 : tensor<6xf32> to tensor<2x3xf32>
  return %1, %0 : tensor<2x3xf32>, tensor<6xf32>
}

// -----

// The elements keep their row-major order.
// CHECK-LABEL: func.func @reshape_of_constant
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi32>
// CHECK-NEXT: return %[[C]] : tensor<3x2xi32>
func.func @reshape_of_constant() -> tensor<3x2xi32> {
  %c = tessera.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %0 = tessera.reshape %c : tensor<2x3xi32> to tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// -----

// CHECK-LABEL: func.func @reshape_of_splat_to_rank_0
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<2.500000e+00> : tensor<f32>
// CHECK-NEXT: return %[[C]] : tensor<f32>
func.func @reshape_of_splat_to_rank_0() -> tensor<f32> {
  %c = tessera.constant dense<2.5> : tensor<1x1xf32>
  %0 = tessera.reshape %c : tensor<1x1xf32> to tensor<f32>
  return %0 : tensor<f32>
}

// -----

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

// perm [0, 2, 1] after [2, 0, 1] is [2, 1, 0]; then [1, 0, 2] gives [1, 2, 0].
// CHECK-LABEL: func.func @transpose_of_transpose
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[T:.+]] = tessera.transpose %[[X]] perm = [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
// CHECK-NEXT: return %[[T]] : tensor<3x4x2xf32>
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>) -> tensor<3x4x2xf32> {
  %0 = tessera.transpose %x perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = tessera.transpose %0 perm = [0, 2, 1] : (tensor<4x2x3xf32>) -> tensor<4x3x2xf32>
  %2 = tessera.transpose %1 perm = [1, 0, 2] : (tensor<4x3x2xf32>) -> tensor<3x4x2xf32>
  return %2 : tensor<3x4x2xf32>
}

// -----

// [1, 2, 0] undoes [2, 0, 1].
// CHECK-LABEL: func.func @transpose_cancels
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3x4xf32>
func.func @transpose_cancels(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = tessera.transpose %x perm = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = tessera.transpose %0 perm = [1, 2, 0] : (tensor<4x2x3xf32>) -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_identity_perm
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @transpose_identity_perm(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.transpose %x perm = [0, 1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Only the permutation matters: swapping two equal dimensions is not the
// identity, even though the type is unchanged.
// CHECK-LABEL: func.func @transpose_square_not_identity
// CHECK-SAME: (%[[X:.+]]: tensor<3x3xf32>)
// CHECK-NEXT: %[[T:.+]] = tessera.transpose %[[X]] perm = [1, 0] : (tensor<3x3xf32>) -> tensor<3x3xf32>
// CHECK-NEXT: return %[[T]] : tensor<3x3xf32>
func.func @transpose_square_not_identity(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %0 = tessera.transpose %x perm = [1, 0] : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_of_splat
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<3> : tensor<4x2xi64>
// CHECK-NEXT: return %[[C]] : tensor<4x2xi64>
func.func @transpose_of_splat() -> tensor<4x2xi64> {
  %c = tessera.constant dense<3> : tensor<2x4xi64>
  %0 = tessera.transpose %c perm = [1, 0] : (tensor<2x4xi64>) -> tensor<4x2xi64>
  return %0 : tensor<4x2xi64>
}

// -----

//===----------------------------------------------------------------------===//
// broadcast_to, concat, slice, pad
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @broadcast_to_same_type
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @broadcast_to_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.broadcast_to %x : tensor<2x3xf32> to tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @broadcast_to_of_splat
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<true> : tensor<2x3xi1>
// CHECK-NEXT: return %[[C]] : tensor<2x3xi1>
func.func @broadcast_to_of_splat() -> tensor<2x3xi1> {
  %c = tessera.constant dense<true> : tensor<3xi1>
  %0 = tessera.broadcast_to %c : tensor<3xi1> to tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func.func @broadcast_to_of_broadcast_to
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>)
// CHECK-NEXT: %[[B:.+]] = tessera.broadcast_to %[[X]] : tensor<3xf32> to tensor<4x2x3xf32>
// CHECK-NEXT: return %[[B]] : tensor<4x2x3xf32>
func.func @broadcast_to_of_broadcast_to(%x: tensor<3xf32>) -> tensor<4x2x3xf32> {
  %0 = tessera.broadcast_to %x : tensor<3xf32> to tensor<2x3xf32>
  %1 = tessera.broadcast_to %0 : tensor<2x3xf32> to tensor<4x2x3xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @concat_single_input
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @concat_single_input(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.concat %x axis = 1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @slice_identity
// CHECK-SAME: (%[[X:.+]]: tensor<4x10xf32>)
// CHECK-NEXT: return %[[X]] : tensor<4x10xf32>
func.func @slice_identity(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = tessera.slice %x offsets = [0, 0] sizes = [4, 10] strides = [1, 1] : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// A full reversal keeps the type but is not the identity.
// CHECK-LABEL: func.func @slice_reversal_kept
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK-NEXT: %[[S:.+]] = tessera.slice %[[X]] offsets = [3] sizes = [4] strides = [-1] : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[S]] : tensor<4xf32>
func.func @slice_reversal_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.slice %x offsets = [3] sizes = [4] strides = [-1] : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @slice_of_splat
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<-1.000000e+00> : tensor<2x2xbf16>
// CHECK-NEXT: return %[[C]] : tensor<2x2xbf16>
func.func @slice_of_splat() -> tensor<2x2xbf16> {
  %c = tessera.constant dense<-1.0> : tensor<4x10xbf16>
  %0 = tessera.slice %c offsets = [1, 9] sizes = [2, 2] strides = [2, -3] : (tensor<4x10xbf16>) -> tensor<2x2xbf16>
  return %0 : tensor<2x2xbf16>
}

// -----

// CHECK-LABEL: func.func @pad_zero
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @pad_zero(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.pad %x pads = [0, 0, 0, 0] mode = reflect value = 1.0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Pads that cancel out keep the type but move the data.
// CHECK-LABEL: func.func @pad_shift_kept
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK-NEXT: %[[P:.+]] = tessera.pad %[[X]] pads = [1, -1] mode = constant value = 0.000000e+00 : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[P]] : tensor<4xf32>
func.func @pad_shift_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.pad %x pads = [1, -1] mode = constant value = 0.0 : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Identities of the binary ops
//===----------------------------------------------------------------------===//

// x + (-0.0) is x for every float x, -0.0 included.
// CHECK-LABEL: func.func @add_zero_rhs
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @add_zero_rhs(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %c = tessera.constant dense<-0.0> : tensor<3xf32>
  %0 = tessera.add %x, %c : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @add_zero_lhs
// CHECK-SAME: (%[[X:.+]]: tensor<4xi32>)
// CHECK-NEXT: return %[[X]] : tensor<4xi32>
func.func @add_zero_lhs(%x: tensor<4xi32>) -> tensor<4xi32> {
  %c = tessera.constant dense<0> : tensor<i32>
  %0 = tessera.add %c, %x : (tensor<i32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// The zero broadcasts x from [3] to [2, 3]: the add is not the identity.
// CHECK-LABEL: func.func @add_zero_broadcasting_kept
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>)
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT: %[[R:.+]] = tessera.add %[[X]], %[[C]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[R]] : tensor<2x3xf32>
func.func @add_zero_broadcasting_kept(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %c = tessera.constant dense<0.0> : tensor<2x3xf32>
  %0 = tessera.add %x, %c : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @sub_zero
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf16>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf16>
func.func @sub_zero(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %c = tessera.constant dense<0.0> : tensor<1x1xf16>
  %0 = tessera.sub %x, %c : (tensor<2x3xf16>, tensor<1x1xf16>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// -----

// 0 - x is a negation, not x.
// CHECK-LABEL: func.func @zero_sub_kept
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>)
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK-NEXT: %[[R:.+]] = tessera.sub %[[C]], %[[X]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %[[R]] : tensor<3xf32>
func.func @zero_sub_kept(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c = tessera.constant dense<0.0> : tensor<3xf32>
  %0 = tessera.sub %c, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @mul_one_both_sides
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xi64>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xi64>
func.func @mul_one_both_sides(%x: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %c = tessera.constant dense<1> : tensor<3xi64>
  %0 = tessera.mul %x, %c : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %1 = tessera.mul %c, %0 : (tensor<3xi64>, tensor<2x3xi64>) -> tensor<2x3xi64>
  return %1 : tensor<2x3xi64>
}

// -----

// The one broadcasts x from [1] to [4]: kept, with the constant moved to
// the right of the commutative mul.
// CHECK-LABEL: func.func @mul_one_broadcasting_kept
// CHECK-SAME: (%[[X:.+]]: tensor<1xf32>)
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<1.000000e+00> : tensor<4xf32>
// CHECK-NEXT: %[[R:.+]] = tessera.mul %[[X]], %[[C]] : (tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[R]] : tensor<4xf32>
func.func @mul_one_broadcasting_kept(%x: tensor<1xf32>) -> tensor<4xf32> {
  %c = tessera.constant dense<1.0> : tensor<4xf32>
  %0 = tessera.mul %c, %x : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @div_one
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @div_one(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %c = tessera.constant dense<1.0> : tensor<f32>
  %0 = tessera.div %x, %c : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// 1 / x is a reciprocal, not x.
// CHECK-LABEL: func.func @one_div_kept
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>)
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[R:.+]] = tessera.div %[[C]], %[[X]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %[[R]] : tensor<3xf32>
func.func @one_div_kept(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c = tessera.constant dense<1.0> : tensor<f32>
  %0 = tessera.div %c, %x : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @div_one_broadcasting_kept
// CHECK-SAME: (%[[X:.+]]: tensor<f32>)
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<1.000000e+00> : tensor<3xf32>
// CHECK-NEXT: %[[R:.+]] = tessera.div %[[X]], %[[C]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %[[R]] : tensor<3xf32>
func.func @div_one_broadcasting_kept(%x: tensor<f32>) -> tensor<3xf32> {
  %c = tessera.constant dense<1.0> : tensor<3xf32>
  %0 = tessera.div %x, %c : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @pow_one
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @pow_one(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %c = tessera.constant dense<1.0> : tensor<3xf32>
  %0 = tessera.pow %x, %c : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @sub_zero_broadcasting_kept
// CHECK-SAME: (%[[X:.+]]: tensor<3xi32>)
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<0> : tensor<2x3xi32>
// CHECK-NEXT: %[[R:.+]] = tessera.sub %[[X]], %[[C]] : (tensor<3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
// CHECK-NEXT: return %[[R]] : tensor<2x3xi32>
func.func @sub_zero_broadcasting_kept(%x: tensor<3xi32>) -> tensor<2x3xi32> {
  %c = tessera.constant dense<0> : tensor<2x3xi32>
  %0 = tessera.sub %x, %c : (tensor<3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

//===----------------------------------------------------------------------===//
// Constant folding of the binary ops
//===----------------------------------------------------------------------===//

// [2, 3] + [3] broadcasts the row.
// CHECK-LABEL: func.func @fold_add_broadcast_row
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<{{\[\[}}11, 22, 33], [14, 25, 36]]> : tensor<2x3xi32>
// CHECK-NEXT: return %[[C]] : tensor<2x3xi32>
func.func @fold_add_broadcast_row() -> tensor<2x3xi32> {
  %a = tessera.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %b = tessera.constant dense<[10, 20, 30]> : tensor<3xi32>
  %0 = tessera.add %a, %b : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// [2, 1] * [3] is an outer product.
// CHECK-LABEL: func.func @fold_mul_outer_product
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [-2.000000e+00, -4.000000e+00, -6.000000e+00]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]] : tensor<2x3xf32>
func.func @fold_mul_outer_product() -> tensor<2x3xf32> {
  %a = tessera.constant dense<[[1.0], [-2.0]]> : tensor<2x1xf32>
  %b = tessera.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = tessera.mul %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Integer division truncates toward zero.
// CHECK-LABEL: func.func @fold_div_int_truncates
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[3, -3, -3, 3]> : tensor<4xi32>
// CHECK-NEXT: return %[[C]] : tensor<4xi32>
func.func @fold_div_int_truncates() -> tensor<4xi32> {
  %a = tessera.constant dense<[7, -7, 7, -7]> : tensor<4xi32>
  %b = tessera.constant dense<[2, 2, -2, -2]> : tensor<4xi32>
  %0 = tessera.div %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Integer division by zero is left to run time.
// CHECK-LABEL: func.func @fold_div_int_by_zero_kept
// CHECK-DAG: %[[A:.+]] = tessera.constant dense<[1, 2]> : tensor<2xi32>
// CHECK-DAG: %[[B:.+]] = tessera.constant dense<[1, 0]> : tensor<2xi32>
// CHECK: %[[R:.+]] = tessera.div %[[A]], %[[B]] : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
// CHECK-NEXT: return %[[R]] : tensor<2xi32>
func.func @fold_div_int_by_zero_kept() -> tensor<2xi32> {
  %a = tessera.constant dense<[1, 2]> : tensor<2xi32>
  %b = tessera.constant dense<[1, 0]> : tensor<2xi32>
  %0 = tessera.div %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// -128 / -1 overflows i8: also left to run time.
// CHECK-LABEL: func.func @fold_div_int_overflow_kept
// CHECK-DAG: %[[A:.+]] = tessera.constant dense<-128> : tensor<i8>
// CHECK-DAG: %[[B:.+]] = tessera.constant dense<-1> : tensor<i8>
// CHECK: %[[R:.+]] = tessera.div %[[A]], %[[B]] : (tensor<i8>, tensor<i8>) -> tensor<i8>
// CHECK-NEXT: return %[[R]] : tensor<i8>
func.func @fold_div_int_overflow_kept() -> tensor<i8> {
  %a = tessera.constant dense<-128> : tensor<i8>
  %b = tessera.constant dense<-1> : tensor<i8>
  %0 = tessera.div %a, %b : (tensor<i8>, tensor<i8>) -> tensor<i8>
  return %0 : tensor<i8>
}

// -----

// Float division by zero is well defined (+inf, -inf) and folds.
// CHECK-LABEL: func.func @fold_div_float_by_zero
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[0x7F800000, 0xFF800000, 5.000000e-01]> : tensor<3xf32>
// CHECK-NEXT: return %[[C]] : tensor<3xf32>
func.func @fold_div_float_by_zero() -> tensor<3xf32> {
  %a = tessera.constant dense<[1.0, -1.0, 1.0]> : tensor<3xf32>
  %b = tessera.constant dense<[0.0, 0.0, 2.0]> : tensor<3xf32>
  %0 = tessera.div %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// [3] max [2, 1] broadcasts both operands to [2, 3].
// CHECK-LABEL: func.func @fold_max_broadcast_both
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<{{\[\[}}2, 5, 3], [4, 5, 4]]> : tensor<2x3xi8>
// CHECK-NEXT: return %[[C]] : tensor<2x3xi8>
func.func @fold_max_broadcast_both() -> tensor<2x3xi8> {
  %a = tessera.constant dense<[1, 5, 3]> : tensor<3xi8>
  %b = tessera.constant dense<[[2], [4]]> : tensor<2x1xi8>
  %0 = tessera.max %a, %b : (tensor<3xi8>, tensor<2x1xi8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

// max propagates NaN.
// CHECK-LABEL: func.func @fold_max_nan
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[0x7FC00000, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]] : tensor<2xf32>
func.func @fold_max_nan() -> tensor<2xf32> {
  %a = tessera.constant dense<[0x7FC00000, 2.0]> : tensor<2xf32>
  %b = tessera.constant dense<[1.0, -3.0]> : tensor<2xf32>
  %0 = tessera.max %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Two splats fold to a splat of the broadcast shape.
// CHECK-LABEL: func.func @fold_add_splats
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<5.000000e+00> : tensor<2x3xf64>
// CHECK-NEXT: return %[[C]] : tensor<2x3xf64>
func.func @fold_add_splats() -> tensor<2x3xf64> {
  %a = tessera.constant dense<2.0> : tensor<2x1xf64>
  %b = tessera.constant dense<3.0> : tensor<3xf64>
  %0 = tessera.add %a, %b : (tensor<2x1xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// -----

// f16 has a spacing of 2 at 2048: 2049 and 2051 round to the even 2048 and
// 2052.
// CHECK-LABEL: func.func @fold_add_f16_rounds
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[2.048000e+03, 2.052000e+03]> : tensor<2xf16>
// CHECK-NEXT: return %[[C]] : tensor<2xf16>
func.func @fold_add_f16_rounds() -> tensor<2xf16> {
  %a = tessera.constant dense<2048.0> : tensor<2xf16>
  %b = tessera.constant dense<[1.0, 3.0]> : tensor<2xf16>
  %0 = tessera.add %a, %b : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf16>
  return %0 : tensor<2xf16>
}

// -----

// Integer arithmetic wraps around at the element width.
// CHECK-LABEL: func.func @fold_mul_i8_wraps
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[-56, 0]> : tensor<2xi8>
// CHECK-NEXT: return %[[C]] : tensor<2xi8>
func.func @fold_mul_i8_wraps() -> tensor<2xi8> {
  %a = tessera.constant dense<[100, -128]> : tensor<2xi8>
  %b = tessera.constant dense<[2, 2]> : tensor<2xi8>
  %0 = tessera.mul %a, %b : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
  return %0 : tensor<2xi8>
}

// -----

//===----------------------------------------------------------------------===//
// Unary folds
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @fold_exp
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[1.000000e+00, 2.71828175]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]] : tensor<2xf32>
func.func @fold_exp() -> tensor<2xf32> {
  %c = tessera.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = tessera.exp %c : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @fold_neg_int
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[-3, 0, 7]> : tensor<3xi32>
// CHECK-NEXT: return %[[C]] : tensor<3xi32>
func.func @fold_neg_int() -> tensor<3xi32> {
  %c = tessera.constant dense<[3, 0, -7]> : tensor<3xi32>
  %0 = tessera.neg %c : tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @neg_neg
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK-NEXT: return %[[X]] : tensor<4xf32>
func.func @neg_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.neg %x : tensor<4xf32>
  %1 = tessera.neg %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// An odd number of negations leaves one.
// CHECK-LABEL: func.func @neg_neg_neg
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK-NEXT: %[[N:.+]] = tessera.neg %[[X]] : tensor<4xf32>
// CHECK-NEXT: return %[[N]] : tensor<4xf32>
func.func @neg_neg_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.neg %x : tensor<4xf32>
  %1 = tessera.neg %0 : tensor<4xf32>
  %2 = tessera.neg %1 : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @not_not
// CHECK-SAME: (%[[X:.+]]: tensor<4xi1>)
// CHECK-NEXT: return %[[X]] : tensor<4xi1>
func.func @not_not(%x: tensor<4xi1>) -> tensor<4xi1> {
  %0 = tessera.not %x : tensor<4xi1>
  %1 = tessera.not %0 : tensor<4xi1>
  return %1 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @fold_not_i1
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[false, true]> : tensor<2xi1>
// CHECK-NEXT: return %[[C]] : tensor<2xi1>
func.func @fold_not_i1() -> tensor<2xi1> {
  %c = tessera.constant dense<[true, false]> : tensor<2xi1>
  %0 = tessera.not %c : tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

// relu is idempotent: the outer one reuses the inner one.
// CHECK-LABEL: func.func @relu_relu
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.relu %[[X]] : tensor<4xf32>
// CHECK-NEXT: return %[[R]] : tensor<4xf32>
func.func @relu_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.relu %x : tensor<4xf32>
  %1 = tessera.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @abs_abs
// CHECK-SAME: (%[[X:.+]]: tensor<4xi32>)
// CHECK-NEXT: %[[A:.+]] = tessera.abs %[[X]] : tensor<4xi32>
// CHECK-NEXT: return %[[A]] : tensor<4xi32>
func.func @abs_abs(%x: tensor<4xi32>) -> tensor<4xi32> {
  %0 = tessera.abs %x : tensor<4xi32>
  %1 = tessera.abs %0 : tensor<4xi32>
  return %1 : tensor<4xi32>
}

// -----

//===----------------------------------------------------------------------===//
// cast
//===----------------------------------------------------------------------===//

// Float to integer truncates toward zero.
// CHECK-LABEL: func.func @fold_cast_f32_to_i32
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[1, -1, 2, -2]> : tensor<4xi32>
// CHECK-NEXT: return %[[C]] : tensor<4xi32>
func.func @fold_cast_f32_to_i32() -> tensor<4xi32> {
  %c = tessera.constant dense<[1.5, -1.5, 2.9, -2.9]> : tensor<4xf32>
  %0 = tessera.cast %c : tensor<4xf32> to tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Out-of-range values saturate.
// CHECK-LABEL: func.func @fold_cast_f32_to_i32_saturates
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[2147483647, -2147483648]> : tensor<2xi32>
// CHECK-NEXT: return %[[C]] : tensor<2xi32>
func.func @fold_cast_f32_to_i32_saturates() -> tensor<2xi32> {
  %c = tessera.constant dense<[3.0e10, -3.0e10]> : tensor<2xf32>
  %0 = tessera.cast %c : tensor<2xf32> to tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// Anything non-zero becomes true.
// CHECK-LABEL: func.func @fold_cast_i32_to_i1
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<{{\[\[}}false, true], [true, false]]> : tensor<2x2xi1>
// CHECK-NEXT: return %[[C]] : tensor<2x2xi1>
func.func @fold_cast_i32_to_i1() -> tensor<2x2xi1> {
  %c = tessera.constant dense<[[0, 2], [-1, 0]]> : tensor<2x2xi32>
  %0 = tessera.cast %c : tensor<2x2xi32> to tensor<2x2xi1>
  return %0 : tensor<2x2xi1>
}

// -----

// i1 is unsigned: true becomes 1, not -1.
// CHECK-LABEL: func.func @fold_cast_i1_to_i32
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[1, 0]> : tensor<2xi32>
// CHECK-NEXT: return %[[C]] : tensor<2xi32>
func.func @fold_cast_i1_to_i32() -> tensor<2xi32> {
  %c = tessera.constant dense<[true, false]> : tensor<2xi1>
  %0 = tessera.cast %c : tensor<2xi1> to tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @cast_same_type
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xbf16>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xbf16>
func.func @cast_same_type(%x: tensor<2x3xbf16>) -> tensor<2x3xbf16> {
  %0 = tessera.cast %x : tensor<2x3xbf16> to tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// -----

// NaN has no integer value: left to run time.
// CHECK-LABEL: func.func @fold_cast_nan_to_int_kept
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<0x7FC00000> : tensor<2xf32>
// CHECK-NEXT: %[[R:.+]] = tessera.cast %[[C]] : tensor<2xf32> to tensor<2xi32>
// CHECK-NEXT: return %[[R]] : tensor<2xi32>
func.func @fold_cast_nan_to_int_kept() -> tensor<2xi32> {
  %c = tessera.constant dense<0x7FC00000> : tensor<2xf32>
  %0 = tessera.cast %c : tensor<2xf32> to tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

//===----------------------------------------------------------------------===//
// select
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @select_splat_true
// CHECK-SAME: (%[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK-NEXT: return %[[A]] : tensor<4xf32>
func.func @select_splat_true(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %c = tessera.constant dense<true> : tensor<4xi1>
  %0 = tessera.select %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @select_splat_false
// CHECK-SAME: (%[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK-NEXT: return %[[B]] : tensor<4xf32>
func.func @select_splat_false(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %c = tessera.constant dense<false> : tensor<i1>
  %0 = tessera.select %c, %a, %b : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// The chosen value would have to be broadcast from [1] to [4]: kept.
// CHECK-LABEL: func.func @select_splat_broadcasting_kept
// CHECK-SAME: (%[[A:.+]]: tensor<1xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<true> : tensor<4xi1>
// CHECK-NEXT: %[[R:.+]] = tessera.select %[[C]], %[[A]], %[[B]] : (tensor<4xi1>, tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[R]] : tensor<4xf32>
func.func @select_splat_broadcasting_kept(%a: tensor<1xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %c = tessera.constant dense<true> : tensor<4xi1>
  %0 = tessera.select %c, %a, %b : (tensor<4xi1>, tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A non-splat condition is not folded.
// CHECK-LABEL: func.func @select_mixed_condition_kept
// CHECK-SAME: (%[[A:.+]]: tensor<2xf32>, %[[B:.+]]: tensor<2xf32>)
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[true, false]> : tensor<2xi1>
// CHECK-NEXT: %[[R:.+]] = tessera.select %[[C]], %[[A]], %[[B]] : (tensor<2xi1>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
// CHECK-NEXT: return %[[R]] : tensor<2xf32>
func.func @select_mixed_condition_kept(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %c = tessera.constant dense<[true, false]> : tensor<2xi1>
  %0 = tessera.select %c, %a, %b : (tensor<2xi1>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Reductions and global pooling
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reduce_no_axes
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x3xf32>
func.func @reduce_no_axes(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.reduce_sum %x axes = [] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Reducing unit dimensions and keeping them changes nothing.
// CHECK-LABEL: func.func @reduce_unit_dims_keep_dims
// CHECK-SAME: (%[[X:.+]]: tensor<2x1x3x1xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2x1x3x1xf32>
func.func @reduce_unit_dims_keep_dims(%x: tensor<2x1x3x1xf32>) -> tensor<2x1x3x1xf32> {
  %0 = tessera.reduce_mean %x axes = [1, 3] keep_dims : (tensor<2x1x3x1xf32>) -> tensor<2x1x3x1xf32>
  %1 = tessera.reduce_prod %0 axes = [1] keep_dims : (tensor<2x1x3x1xf32>) -> tensor<2x1x3x1xf32>
  return %1 : tensor<2x1x3x1xf32>
}

// -----

// Without keep_dims the type changes, so the reduction stays.
// CHECK-LABEL: func.func @reduce_unit_dim_dropped_kept
// CHECK-SAME: (%[[X:.+]]: tensor<2x1xi32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reduce_max %[[X]] axes = [1] : (tensor<2x1xi32>) -> tensor<2xi32>
// CHECK-NEXT: return %[[R]] : tensor<2xi32>
func.func @reduce_unit_dim_dropped_kept(%x: tensor<2x1xi32>) -> tensor<2xi32> {
  %0 = tessera.reduce_max %x axes = [1] : (tensor<2x1xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @reduce_non_unit_dim_keep_dims_kept
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reduce_min %[[X]] axes = [1] keep_dims : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT: return %[[R]] : tensor<2x1xf32>
func.func @reduce_non_unit_dim_keep_dims_kept(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = tessera.reduce_min %x axes = [1] keep_dims : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_avg_pool_to_reduce_mean
// CHECK-SAME: (%[[X:.+]]: tensor<1x512x7x7xf32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reduce_mean %[[X]] axes = [2, 3] keep_dims : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
// CHECK-NEXT: return %[[R]] : tensor<1x512x1x1xf32>
// CHECK-NOT: global_avg_pool
func.func @global_avg_pool_to_reduce_mean(%x: tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32> {
  %0 = tessera.global_avg_pool %x : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool_to_reduce_max
// CHECK-SAME: (%[[X:.+]]: tensor<2x16x9xi32>)
// CHECK-NEXT: %[[R:.+]] = tessera.reduce_max %[[X]] axes = [2] keep_dims : (tensor<2x16x9xi32>) -> tensor<2x16x1xi32>
// CHECK-NEXT: return %[[R]] : tensor<2x16x1xi32>
func.func @global_max_pool_to_reduce_max(%x: tensor<2x16x9xi32>) -> tensor<2x16x1xi32> {
  %0 = tessera.global_max_pool %x : (tensor<2x16x9xi32>) -> tensor<2x16x1xi32>
  return %0 : tensor<2x16x1xi32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool_3d_to_reduce_max
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x3x5x7xf16>)
// CHECK-NEXT: %[[R:.+]] = tessera.reduce_max %[[X]] axes = [2, 3, 4] keep_dims : (tensor<1x4x3x5x7xf16>) -> tensor<1x4x1x1x1xf16>
// CHECK-NEXT: return %[[R]] : tensor<1x4x1x1x1xf16>
func.func @global_max_pool_3d_to_reduce_max(%x: tensor<1x4x3x5x7xf16>) -> tensor<1x4x1x1x1xf16> {
  %0 = tessera.global_max_pool %x : (tensor<1x4x3x5x7xf16>) -> tensor<1x4x1x1x1xf16>
  return %0 : tensor<1x4x1x1x1xf16>
}

// -----

// Pooling unit spatial dimensions becomes a reduction that then folds away.
// CHECK-LABEL: func.func @global_avg_pool_of_unit_dims
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x1x1xf32>)
// CHECK-NEXT: return %[[X]] : tensor<1x8x1x1xf32>
func.func @global_avg_pool_of_unit_dims(%x: tensor<1x8x1x1xf32>) -> tensor<1x8x1x1xf32> {
  %0 = tessera.global_avg_pool %x : (tensor<1x8x1x1xf32>) -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Dead code
//===----------------------------------------------------------------------===//

// Every tessera op is pure: unused results disappear, constants included.
// CHECK-LABEL: func.func @dead_pure_ops
// CHECK-SAME: (%[[A:.+]]: tensor<4x3xf32>, %[[B:.+]]: tensor<3x5xf32>)
// CHECK-NOT: tessera.
// CHECK: return %[[A]] : tensor<4x3xf32>
func.func @dead_pure_ops(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>) -> tensor<4x3xf32> {
  %0 = tessera.matmul %a, %b : (tensor<4x3xf32>, tensor<3x5xf32>) -> tensor<4x5xf32>
  %1 = tessera.softmax %0 axis = 1 : tensor<4x5xf32>
  %c = tessera.constant dense<2.0> : tensor<f32>
  %2 = tessera.mul %1, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %3 = tessera.reduce_sum %2 axes = [0] : (tensor<4x5xf32>) -> tensor<5xf32>
  return %a : tensor<4x3xf32>
}

// -----

// x + (+0.0) is not x when x is -0.0 (the sum is +0.0), so it stays; with
// both operands constant the sum is computed exactly.
// CHECK-LABEL: func.func @add_positive_zero_kept
// CHECK-DAG: %[[Z:.+]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// CHECK-DAG: %[[C:.+]] = tessera.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK: %[[S:.+]] = tessera.add %arg0, %[[Z]]
// CHECK: return %[[S]], %[[C]]
func.func @add_positive_zero_kept(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %zero = tessera.constant dense<0.0> : tensor<f32>
  %nzero = tessera.constant dense<-0.0> : tensor<2xf32>
  %0 = tessera.add %x, %zero : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %1 = tessera.add %nzero, %zero : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// i64 -> f32 rounds once: 2^60 + 2^36 + 1 is nearer to 2^60 + 2^37 than to
// 2^60 (through double it would round to 2^60 + 2^36, then to 2^60).
// CHECK-LABEL: func.func @cast_i64_to_f32_rounds_once
// CHECK: tessera.constant dense<1.15292164E+18> : tensor<f32>
func.func @cast_i64_to_f32_rounds_once() -> tensor<f32> {
  %c = tessera.constant dense<1152921573326323713> : tensor<i64>
  %0 = tessera.cast %c : tensor<i64> to tensor<f32>
  return %0 : tensor<f32>
}

// -----

// relu(-0.0) is +0.0, like max(x, +0) (and the reference evaluator).
// CHECK-LABEL: func.func @relu_negative_zero
// CHECK: tessera.constant dense<[0.000000e+00, 0x7FC00000, 2.500000e+00]> : tensor<3xf32>
func.func @relu_negative_zero() -> tensor<3xf32> {
  %c = tessera.constant dense<[-0.0, 0x7FC00000, 2.5]> : tensor<3xf32>
  %0 = tessera.relu %c : tensor<3xf32>
  return %0 : tensor<3xf32>
}
