// RUN: tessera-opt %s --split-input-file --verify-diagnostics

func.func @conv_transpose_weight_channels(%x: tensor<1x2x3x3xf32>, %w: tensor<1x2x3x3xf32>) {
  // expected-error@+1 {{'tessera.conv_transpose' op weight has 1 input channels, expected 2}}
  %0 = tessera.conv_transpose %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 1
      : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x5x5xf32>
  return
}

// -----

func.func @conv_transpose_output_padding_count(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) {
  // expected-error@+1 {{'tessera.conv_transpose' op expected 2 output_padding values, got 1}}
  %0 = tessera.conv_transpose %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0] groups = 1
      : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x5x5xf32>
  return
}

// -----

func.func @conv_transpose_output_padding_too_large(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) {
  // expected-error@+1 {{'tessera.conv_transpose' op output_padding [2, 0] must be >= 0 and smaller than the stride or the dilation in dimension 0}}
  %0 = tessera.conv_transpose %x, %w strides = [2, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [2, 0] groups = 1
      : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x8x5xf32>
  return
}

// -----

func.func @conv_transpose_groups(%x: tensor<1x3x3x3xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error@+1 {{'tessera.conv_transpose' op input channels (3) must be divisible by groups (2)}}
  %0 = tessera.conv_transpose %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 2
      : (tensor<1x3x3x3xf32>, tensor<3x2x3x3xf32>) -> tensor<1x4x5x5xf32>
  return
}

// -----

func.func @conv_transpose_pads_consume_output(%x: tensor<1x1x1x1xf32>, %w: tensor<1x1x1x1xf32>) {
  // expected-error@+1 {{'tessera.conv_transpose' op pads [1, 0, 0, 0] leave no output in dimension 0}}
  %0 = tessera.conv_transpose %x, %w strides = [1, 1] pads = [1, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 1
      : (tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  return
}

// -----

func.func @conv_transpose_bias_shape(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>, %b: tensor<1xf32>) {
  // expected-error@+1 {{'tessera.conv_transpose' op expected bias of shape [2] (output channels), got [1]}}
  %0 = tessera.conv_transpose %x, %w, %b strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 1
      : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1xf32>) -> tensor<1x2x5x5xf32>
  return
}

// -----

func.func @conv_transpose_wrong_result(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) {
  // expected-error@+1 {{'tessera.conv_transpose' op result type 'tensor<1x2x4x4xf32>' does not match the inferred type 'tensor<1x2x5x5xf32>'}}
  %0 = tessera.conv_transpose %x, %w strides = [1, 1] pads = [0, 0, 0, 0] dilations = [1, 1] output_padding = [0, 0] groups = 1
      : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x4x4xf32>
  return
}

// -----

func.func @cumsum_axis_out_of_range(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'tessera.cumsum' op expected axis in [0, 2), got 2}}
  %0 = tessera.cumsum %x axis = 2 : tensor<2x3xf32>
  return
}

// -----

func.func @cumsum_bool(%x: tensor<4xi1>) {
  // expected-error@+1 {{'tessera.cumsum' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type or 64-bit float or 64-bit signless integer or 32-bit signless integer or 8-bit signless integer values, but got 'tensor<4xi1>'}}
  %0 = "tessera.cumsum"(%x) {axis = 0 : i64} : (tensor<4xi1>) -> tensor<4xi1>
  return
}
