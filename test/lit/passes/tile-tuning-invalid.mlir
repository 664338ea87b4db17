// RUN: tessera-opt %s --split-input-file --tessera-tile='target=sm_80 tuning-file=%S/Inputs/tile-tuning.json' -verify-diagnostics

// Tuning-file entries that match a kernel but cannot be used for it on the
// target: the pass reports the entry and the reason at the kernel and fails.

func.func @too_much_shared_memory(%x: tensor<256x1024xf16>, %w: tensor<1024x1024xf16>) -> tensor<256x1024xf16> {
  // expected-error-re@+1 {{tuning file '{{.*}}tile-tuning.json': entry 5 cannot be used on sm_80: 393216 bytes of shared memory per block, the limit is 166912}}
  %y = tessera.kernel "mm" kind = matmul (%x, %w) : (tensor<256x1024xf16>, tensor<1024x1024xf16>) -> tensor<256x1024xf16> {
  ^bb0(%a: tensor<256x1024xf16>, %b: tensor<1024x1024xf16>):
    %0 = tessera.matmul %a, %b : (tensor<256x1024xf16>, tensor<1024x1024xf16>) -> tensor<256x1024xf16>
    tessera.yield %0 : tensor<256x1024xf16>
  }
  return %y : tensor<256x1024xf16>
}

// -----

func.func @missing_warp_tile(%x: tensor<256x512xf16>, %w: tensor<512x1024xf16>) -> tensor<256x1024xf16> {
  // expected-error-re@+1 {{tuning file '{{.*}}tile-tuning.json': entry 6 cannot be used on sm_80: a matmul launch needs 'warp'}}
  %y = tessera.kernel "mm" kind = matmul (%x, %w) : (tensor<256x512xf16>, tensor<512x1024xf16>) -> tensor<256x1024xf16> {
  ^bb0(%a: tensor<256x512xf16>, %b: tensor<512x1024xf16>):
    %0 = tessera.matmul %a, %b : (tensor<256x512xf16>, tensor<512x1024xf16>) -> tensor<256x1024xf16>
    tessera.yield %0 : tensor<256x1024xf16>
  }
  return %y : tensor<256x1024xf16>
}

// -----

func.func @warp_tile_does_not_divide(%x: tensor<256x512xf16>, %w: tensor<512x512xf16>) -> tensor<256x512xf16> {
  // expected-error-re@+1 {{tuning file '{{.*}}tile-tuning.json': entry 7 cannot be used on sm_80: warp tile 48x64 does not divide block tile 128x128}}
  %y = tessera.kernel "mm" kind = matmul (%x, %w) : (tensor<256x512xf16>, tensor<512x512xf16>) -> tensor<256x512xf16> {
  ^bb0(%a: tensor<256x512xf16>, %b: tensor<512x512xf16>):
    %0 = tessera.matmul %a, %b : (tensor<256x512xf16>, tensor<512x512xf16>) -> tensor<256x512xf16>
    tessera.yield %0 : tensor<256x512xf16>
  }
  return %y : tensor<256x512xf16>
}

// -----

func.func @derived_field_disagrees(%x: tensor<128x512xf16>, %w: tensor<512x512xf16>) -> tensor<128x512xf16> {
  // expected-error-re@+1 {{tuning file '{{.*}}tile-tuning.json': entry 8 cannot be used on sm_80: 'smem' is 1024, but the configuration needs 49152}}
  %y = tessera.kernel "mm" kind = matmul (%x, %w) : (tensor<128x512xf16>, tensor<512x512xf16>) -> tensor<128x512xf16> {
  ^bb0(%a: tensor<128x512xf16>, %b: tensor<512x512xf16>):
    %0 = tessera.matmul %a, %b : (tensor<128x512xf16>, tensor<512x512xf16>) -> tensor<128x512xf16>
    tessera.yield %0 : tensor<128x512xf16>
  }
  return %y : tensor<128x512xf16>
}

// -----

func.func @vector_too_wide(%x: tensor<8x6xf32>) -> tensor<8x6xf32> {
  // expected-error-re@+1 {{tuning file '{{.*}}tile-tuning.json': entry 9 cannot be used on sm_80: vector 4 exceeds 2, the widest the shapes allow}}
  %y = tessera.kernel "r" kind = elementwise (%x) : (tensor<8x6xf32>) -> tensor<8x6xf32> {
  ^bb0(%a: tensor<8x6xf32>):
    %0 = tessera.relu %a : tensor<8x6xf32>
    tessera.yield %0 : tensor<8x6xf32>
  }
  return %y : tensor<8x6xf32>
}

// -----

func.func @field_of_another_form(%x: tensor<64x256xf32>) -> tensor<64x256xf32> {
  // expected-error-re@+1 {{tuning file '{{.*}}tile-tuning.json': entry 10 cannot be used on sm_80: launch field 'block' does not apply to a reduction launch}}
  %y = tessera.kernel "sm" kind = reduction (%x) : (tensor<64x256xf32>) -> tensor<64x256xf32> {
  ^bb0(%a: tensor<64x256xf32>):
    %0 = tessera.softmax %a axis = 1 : tensor<64x256xf32>
    tessera.yield %0 : tensor<64x256xf32>
  }
  return %y : tensor<64x256xf32>
}
