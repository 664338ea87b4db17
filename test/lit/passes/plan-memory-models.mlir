// The example models and ResNet-50, fused and planned: the planned IR, run
// through the simulated arena, still matches PyTorch's outputs, and every
// arena is within 10% of its liveness lower bound.

// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-compile --emit=imported %S/../../../examples/models/transformer_encoder.onnx | tessera-opt --tessera-fuse --tessera-plan-memory -o %t/transformer.mlir
// RUN: tessera-run %t/transformer.mlir --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/transformer > /dev/null
// RUN: %python -m compare_outputs --npy %S/../../../examples/models/transformer_encoder.output_0.npy %t/transformer/output.npy | FileCheck %s
// RUN: tessera-compile --emit=imported %S/../../../examples/models/conv_bn_relu.onnx | tessera-opt --tessera-fuse --tessera-plan-memory -o %t/conv.mlir
// RUN: tessera-run %t/conv.mlir --input input=%S/../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/conv > /dev/null
// RUN: %python -m compare_outputs --npy %S/../../../examples/models/conv_bn_relu.output_0.npy %t/conv/output.npy | FileCheck %s
// RUN: tessera-compile --emit=imported %S/../../../examples/models/lstm.onnx | tessera-opt --tessera-fuse --tessera-plan-memory -o %t/lstm.mlir
// RUN: tessera-run %t/lstm.mlir --input input=%S/../../../examples/models/lstm.input_0.npy --output-dir %t/lstm > /dev/null
// RUN: %python -m compare_outputs --npy %S/../../../examples/models/lstm.output_0.npy %t/lstm/output.npy | FileCheck %s
// RUN: tessera-compile --emit=imported %S/../../../examples/models/mlp_gelu.onnx | tessera-opt --tessera-fuse --tessera-plan-memory -o %t/mlp.mlir
// RUN: tessera-run %t/mlp.mlir --input input=%S/../../../examples/models/mlp_gelu.input_0.npy --output-dir %t/mlp > /dev/null
// RUN: %python -m compare_outputs --npy %S/../../../examples/models/mlp_gelu.output_0.npy %t/mlp/output.npy | FileCheck %s
// CHECK: OK: 1 output(s) match

// RUN: tessera-compile --emit=imported %onnx/light/light_resnet50.onnx | tessera-opt --tessera-fuse --tessera-plan-memory -o %t/resnet50.mlir
// RUN: %python -c "import re, sys; \
// RUN:   get = lambda text, key: int(re.search(key + ' = ([0-9]+)', text).group(1)); \
// RUN:   texts = [open(path).read() for path in sys.argv[1:]]; \
// RUN:   pairs = [(get(t, 'tessera.arena_bytes'), get(t, 'tessera.arena_lower_bound_bytes')) for t in texts]; \
// RUN:   [print('within 10%%' if 0 < a <= 1.1 * b else 'arena %%d vs bound %%d' %% (a, b)) for a, b in pairs]" \
// RUN:   %t/transformer.mlir %t/resnet50.mlir | FileCheck %s --check-prefix=BOUND
// BOUND-COUNT-2: within 10%
// BOUND-NOT: arena
