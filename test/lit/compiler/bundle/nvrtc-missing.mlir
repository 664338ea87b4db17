// Without NVRTC (TESSERA_NVRTC_LIBRARY names the only library to try),
// writing a bundle fails with one message naming what was tried; NVRTC is
// loaded with dlopen, so the tool itself still starts.
// RUN: rm -rf %t.cache && mkdir -p %t.cache
// RUN: env TESSERA_CACHE_DIR=%t.cache TESSERA_NVRTC_LIBRARY=/nonexistent/libnvrtc.so not tessera-compile %S/../../../../examples/models/mlp_gelu.onnx -o %t.tsrb 2>&1 | FileCheck %s
// CHECK: NVRTC not found (tried /nonexistent/libnvrtc.so); install the CUDA toolkit's NVRTC or set TESSERA_NVRTC_LIBRARY
// RUN: not test -e %t.tsrb
