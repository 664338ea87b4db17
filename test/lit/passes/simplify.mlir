// RUN: tessera-opt %s --split-input-file --tessera-simplify | FileCheck %s

// tessera-simplify: constant folding through the reference evaluator, exact
// algebraic rewrites, the tessera folders and canonicalizations, dead ops.

//===----------------------------------------------------------------------===//
// Constant folding
//===----------------------------------------------------------------------===//

// An op without a folder (compare) on constants is evaluated.
// CHECK-LABEL: func.func @evaluate_compare
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[true, false, false]> : tensor<3xi1>
// CHECK-NEXT: return %[[C]] : tensor<3xi1>
func.func @evaluate_compare() -> tensor<3xi1> {
  %a = tessera.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %b = tessera.constant dense<2.0> : tensor<f32>
  %0 = tessera.compare lt, %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

// Shape arithmetic: a chain of small integer ops folds to one constant.
// CHECK-LABEL: func.func @evaluate_shape_chain
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<[2, 12]> : tensor<2xi64>
// CHECK-NEXT: return %[[C]] : tensor<2xi64>
func.func @evaluate_shape_chain() -> tensor<2xi64> {
  %shape = tessera.constant dense<[2, 3, 4]> : tensor<3xi64>
  %0 = tessera.slice %shape offsets = [1] sizes = [2] strides = [1] : (tensor<3xi64>) -> tensor<2xi64>
  %1 = tessera.reduce_prod %0 axes = [0] keep_dims : (tensor<2xi64>) -> tensor<1xi64>
  %2 = tessera.slice %shape offsets = [0] sizes = [1] strides = [1] : (tensor<3xi64>) -> tensor<1xi64>
  %3 = tessera.concat %2, %1 axis = 0 : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %3 : tensor<2xi64>
}

// -----

// A matmul of small constants is evaluated.
// CHECK-LABEL: func.func @evaluate_matmul
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<{{\[\[}}1.900000e+01, 2.200000e+01], [4.300000e+01, 5.000000e+01]]> : tensor<2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @evaluate_matmul() -> tensor<2x2xf32> {
  %a = tessera.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = tessera.constant dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf32>
  %0 = tessera.matmul %a, %b : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Elementwise ops on splats fold to splats of any size (evaluated once).
// CHECK-LABEL: func.func @evaluate_large_splat
// CHECK-NEXT: %[[C:.+]] = tessera.constant dense<true> : tensor<1000x1000xi1>
// CHECK-NEXT: return %[[C]]
func.func @evaluate_large_splat() -> tensor<1000x1000xi1> {
  %a = tessera.constant dense<1.0> : tensor<1000x1000xf32>
  %b = tessera.constant dense<2.0> : tensor<1000xf32>
  %0 = tessera.compare lt, %a, %b : (tensor<1000x1000xf32>, tensor<1000xf32>) -> tensor<1000x1000xi1>
  return %0 : tensor<1000x1000xi1>
}

// -----

// Above the fold limit, a transpose of a constant that nothing else reads
// still folds: the weights do not grow.
// RUN: tessera-opt %s --split-input-file --tessera-simplify=fold-limit=4 | FileCheck %s --check-prefix=LIMIT
// LIMIT-LABEL: func.func @transpose_own_constant
// LIMIT-NEXT: %[[C:.+]] = tessera.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// LIMIT-NEXT: return %[[C]]
func.func @transpose_own_constant() -> tensor<3x2xf32> {
  %a = tessera.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = tessera.transpose %a perm = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

//===----------------------------------------------------------------------===//
// Exact algebraic rewrites
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @mul_minus_one
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>, %[[I:.+]]: tensor<4xi32>)
// CHECK-NEXT: %[[N:.+]] = tessera.neg %[[X]] : tensor<4xf32>
// CHECK-NEXT: %[[M:.+]] = tessera.neg %[[I]] : tensor<4xi32>
// CHECK-NEXT: return %[[N]], %[[M]]
func.func @mul_minus_one(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %c = tessera.constant dense<-1.0> : tensor<f32>
  %0 = tessera.mul %c, %x : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %d = tessera.constant dense<-1> : tensor<4xi32>
  %1 = tessera.mul %i, %d : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0, %1 : tensor<4xf32>, tensor<4xi32>
}

// -----

// Division by a power of two is a product with its exact reciprocal; by -1
// it is a negation.
// CHECK-LABEL: func.func @div_exact_reciprocal
// CHECK-SAME: (%[[X:.+]]: tensor<4xf16>)
// CHECK-DAG: %[[Q:.+]] = tessera.constant dense<1.250000e-01> : tensor<1xf16>
// CHECK-DAG: %[[A:.+]] = tessera.mul %[[X]], %[[Q]] : (tensor<4xf16>, tensor<1xf16>) -> tensor<4xf16>
// CHECK-DAG: %[[B:.+]] = tessera.neg %[[X]] : tensor<4xf16>
// CHECK: return %[[A]], %[[B]]
func.func @div_exact_reciprocal(%x: tensor<4xf16>) -> (tensor<4xf16>, tensor<4xf16>) {
  %c = tessera.constant dense<8.0> : tensor<1xf16>
  %0 = tessera.div %x, %c : (tensor<4xf16>, tensor<1xf16>) -> tensor<4xf16>
  %m = tessera.constant dense<-1.0> : tensor<f16>
  %1 = tessera.div %x, %m : (tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
  return %0, %1 : tensor<4xf16>, tensor<4xf16>
}

// -----

// x + neg y = x - y (either side), x - neg y = x + y, neg a * neg b = a * b.
// CHECK-LABEL: func.func @negations
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>, %[[Y:.+]]: tensor<4xf32>)
// CHECK-NEXT: %[[A:.+]] = tessera.sub %[[X]], %[[Y]]
// CHECK-NEXT: %[[B:.+]] = tessera.sub %[[X]], %[[Y]]
// CHECK-NEXT: %[[C:.+]] = tessera.add %[[X]], %[[Y]]
// CHECK-NEXT: %[[D:.+]] = tessera.mul %[[X]], %[[Y]]
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @negations(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %nx = tessera.neg %x : tensor<4xf32>
  %ny = tessera.neg %y : tensor<4xf32>
  %0 = tessera.add %x, %ny : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = tessera.add %ny, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = tessera.sub %x, %ny : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = tessera.mul %nx, %ny : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// pow(x, 2) is x * x where the square is exact in the compute type.
// CHECK-LABEL: func.func @pow_two
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>, %[[H:.+]]: tensor<4xbf16>)
// CHECK-NEXT: %[[A:.+]] = tessera.mul %[[X]], %[[X]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[B:.+]] = tessera.mul %[[H]], %[[H]] : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @pow_two(%x: tensor<4xf32>, %h: tensor<4xbf16>) -> (tensor<4xf32>, tensor<4xbf16>) {
  %c = tessera.constant dense<2.0> : tensor<f32>
  %0 = tessera.pow %x, %c : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %d = tessera.constant dense<2.0> : tensor<4xbf16>
  %1 = tessera.pow %h, %d : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
  return %0, %1 : tensor<4xf32>, tensor<4xbf16>
}

// -----

// A cast through a type that holds every input value exactly is one cast; a
// round trip through it disappears.
// CHECK-LABEL: func.func @cast_of_exact_cast
// CHECK-SAME: (%[[H:.+]]: tensor<4xf16>, %[[I:.+]]: tensor<4xi8>, %[[B:.+]]: tensor<4xi1>)
// CHECK-NEXT: %[[A:.+]] = tessera.cast %[[H]] : tensor<4xf16> to tensor<4xi32>
// CHECK-NEXT: %[[C:.+]] = tessera.cast %[[I]] : tensor<4xi8> to tensor<4xf32>
// CHECK-NEXT: %[[D:.+]] = tessera.cast %[[B]] : tensor<4xi1> to tensor<4xf16>
// CHECK-NEXT: return %[[A]], %[[C]], %[[H]], %[[D]]
func.func @cast_of_exact_cast(%h: tensor<4xf16>, %i: tensor<4xi8>, %b: tensor<4xi1>) -> (tensor<4xi32>, tensor<4xf32>, tensor<4xf16>, tensor<4xf16>) {
  %0 = tessera.cast %h : tensor<4xf16> to tensor<4xf32>
  %1 = tessera.cast %0 : tensor<4xf32> to tensor<4xi32>
  %2 = tessera.cast %i : tensor<4xi8> to tensor<4xbf16>
  %3 = tessera.cast %2 : tensor<4xbf16> to tensor<4xf32>
  %4 = tessera.cast %0 : tensor<4xf32> to tensor<4xf16>
  %5 = tessera.cast %b : tensor<4xi1> to tensor<4xi64>
  %6 = tessera.cast %5 : tensor<4xi64> to tensor<4xf16>
  return %1, %3, %4, %6 : tensor<4xi32>, tensor<4xf32>, tensor<4xf16>, tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @select_of_not
// CHECK-SAME: (%[[C:.+]]: tensor<4xi1>, %[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK-NEXT: %[[S:.+]] = tessera.select %[[C]], %[[B]], %[[A]]
// CHECK-NEXT: return %[[S]]
func.func @select_of_not(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %n = tessera.not %c : tensor<4xi1>
  %0 = tessera.select %n, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Clip with only a lower bound (upper +inf) is a max, and with a lower bound
// of +0 a relu; max with -inf and min with +inf are identities.
// CHECK-LABEL: func.func @clamp_and_max
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>, %[[LO:.+]]: tensor<f32>)
// CHECK-NEXT: %[[A:.+]] = tessera.max %[[X]], %[[LO]] : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// CHECK-NEXT: %[[B:.+]] = tessera.relu %[[X]] : tensor<4xf32>
// CHECK-NEXT: return %[[A]], %[[B]], %[[X]], %[[X]]
func.func @clamp_and_max(%x: tensor<4xf32>, %lo: tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %inf = tessera.constant dense<0x7F800000> : tensor<f32>
  %ninf = tessera.constant dense<0xFF800000> : tensor<f32>
  %zero = tessera.constant dense<0.0> : tensor<f32>
  %0 = tessera.clamp %x, %lo, %inf : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %1 = tessera.clamp %x, %zero, %inf : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %2 = tessera.max %ninf, %x : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = tessera.min %x, %inf : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// An explicit broadcast that the elementwise op would do anyway goes.
// CHECK-LABEL: func.func @broadcast_into_add
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK-NEXT: %[[A:.+]] = tessera.add %[[X]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[A]]
func.func @broadcast_into_add(%x: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.broadcast_to %b : tensor<3xf32> to tensor<2x3xf32>
  %1 = tessera.add %x, %0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

//===----------------------------------------------------------------------===//
// Folders, canonicalizations and dead ops
//===----------------------------------------------------------------------===//

// -----

// The tessera folders (x + -0.0, transpose of transpose) and
// canonicalizations (global_avg_pool to reduce_mean) apply; unused ops go.
// CHECK-LABEL: func.func @folders_and_dead_ops
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x3x3xf32>)
// CHECK-NEXT: %[[M:.+]] = tessera.reduce_mean %[[X]] axes = [2, 3] keep_dims
// CHECK-NEXT: return %[[X]], %[[M]]
func.func @folders_and_dead_ops(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) {
  %z = tessera.constant dense<-0.0> : tensor<f32>
  %0 = tessera.add %x, %z : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %1 = tessera.transpose %0 perm = [0, 2, 3, 1] : (tensor<1x2x3x3xf32>) -> tensor<1x3x3x2xf32>
  %2 = tessera.transpose %1 perm = [0, 3, 1, 2] : (tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32>
  %3 = tessera.global_avg_pool %2 : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %dead = tessera.exp %x : tensor<1x2x3x3xf32>
  return %2, %3 : tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>
}
