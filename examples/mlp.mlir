// A two-layer perceptron classifying 4-feature inputs into 3 classes:
//   probs = softmax((gelu(x @ W1 + b1) @ W2 - m2) * 1)
// The demo (scripts/demo.sh) parses, verifies and prints it, then
// canonicalizes it. Weights are small dense constants here; the ONNX importer
// stores real weights as dense resources.
func.func @mlp(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %w1 = tessera.constant dense<[[0.5, -0.25, 0.125, 1.0, 0.0],
                                [0.25, 0.5, -1.0, 0.5, 0.25],
                                [-0.5, 0.75, 0.25, 0.0, 1.0],
                                [1.0, 0.0, 0.5, -0.25, 0.5]]> : tensor<4x5xf32>
  %b1 = tessera.constant dense<[0.1, -0.1, 0.0, 0.2, 0.0]> : tensor<5xf32>
  %w2 = tessera.constant dense<[[1.0, -1.0, 0.5], [0.5, 0.25, -0.5],
                                [-0.25, 0.5, 1.0], [0.0, 1.0, 0.25],
                                [0.75, -0.5, 0.0]]> : tensor<5x3xf32>
  %m2 = tessera.constant dense<0.0> : tensor<3xf32>
  %one = tessera.constant dense<1.0> : tensor<f32>
  %h0 = tessera.matmul %x, %w1 : (tensor<2x4xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  %h1 = tessera.add %h0, %b1 : (tensor<2x5xf32>, tensor<5xf32>) -> tensor<2x5xf32>
  %h2 = tessera.gelu %h1 : tensor<2x5xf32>
  %o0 = tessera.matmul %h2, %w2 : (tensor<2x5xf32>, tensor<5x3xf32>) -> tensor<2x3xf32>
  // Subtracting zero and scaling by one are folded away by --canonicalize
  // (adding +0.0 is not: -0.0 + 0.0 is +0.0, so x + 0.0 is not always x).
  %o1 = tessera.sub %o0, %m2 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %o2 = tessera.mul %o1, %one : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %p = tessera.softmax %o2 axis = 1 : tensor<2x3xf32>
  return %p : tensor<2x3xf32>
}
