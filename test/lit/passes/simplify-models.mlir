// The graph simplifications (tessera-simplify, tessera-fold-batch-norm,
// tessera-fold-transposes, then tessera-simplify again) keep the results of
// the example models: the optimized IR evaluates to PyTorch's outputs, and
// ResNet-50 (light) to the unoptimized run, also on its pooled features
// (the softmax of the light model is nearly uniform, which would hide
// errors).
// RUN: rm -rf %t && mkdir -p %t

// Conv + BatchNormalization + ReLU: the batch norm folds into the conv.
// RUN: tessera-compile --emit=imported %S/../../../examples/models/conv_bn_relu.onnx -o %t/conv.mlir
// RUN: tessera-opt %t/conv.mlir --tessera-simplify --tessera-fold-batch-norm --tessera-fold-transposes --tessera-simplify -o %t/conv.opt.mlir
// RUN: FileCheck %s --check-prefix=CONV < %t/conv.opt.mlir
// CONV: tessera.conv
// CONV-NOT: tessera.batch_norm
// CONV: tessera.relu
// RUN: tessera-run %t/conv.opt.mlir --input input=%S/../../../examples/models/conv_bn_relu.input_0.npy --output-dir %t/conv
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/conv_bn_relu.output_0.npy %t/conv/output.npy | FileCheck %s
// CHECK: OK: 1 output(s) match

// Transformer encoder layer: the transposes of the [1, 8, 32] input and of
// the attention output's [8, 1, 32] move no data and become reshapes; the
// per-head transposes stay.
// RUN: tessera-compile --emit=imported %S/../../../examples/models/transformer_encoder.onnx -o %t/encoder.mlir
// RUN: tessera-opt %t/encoder.mlir --tessera-simplify --tessera-fold-batch-norm --tessera-fold-transposes --tessera-simplify -o %t/encoder.opt.mlir
// RUN: FileCheck %s --check-prefix=ENCODER < %t/encoder.opt.mlir
// ENCODER: %[[R:.+]] = tessera.reshape %arg0 : tensor<1x8x32xf32> to tensor<8x1x32xf32>
// ENCODER-NEXT: tessera.matmul %[[R]]
// ENCODER-COUNT-4: tessera.transpose
// ENCODER-NOT: tessera.transpose
// RUN: tessera-run %t/encoder.opt.mlir --input input=%S/../../../examples/models/transformer_encoder.input_0.npy --output-dir %t/encoder
// RUN: %python %S/../lib/compare_outputs.py --npy %S/../../../examples/models/transformer_encoder.output_0.npy %t/encoder/output.npy | FileCheck %s

// ResNet-50 (light): all 53 batch norms fold; the function also returns the
// pooled features.
// RUN: tessera-compile --emit=imported %onnx/light/light_resnet50.onnx -o %t/r50.mlir
// RUN: %python -c 'import re, sys; s = open(sys.argv[1]).read(); pool, ty = re.search(r"(\S+) = tessera.avg_pool .* -> (tensor<[^>]+>)", s).groups(); s = re.sub(r"return (\S+) : (\S+)\n", lambda m: "return " + m.group(1) + ", " + pool + " : " + m.group(2) + ", " + ty + "\n", s); s = re.sub(r"-> \((tensor<[^>]+> \{[^}]*\})\)", lambda m: "-> (" + m.group(1) + ", " + ty + " {tessera.name = \"pool\"})", s); open(sys.argv[2], "w").write(s)' %t/r50.mlir %t/r50x.mlir
// RUN: tessera-opt %t/r50x.mlir --tessera-simplify --tessera-fold-batch-norm --tessera-fold-transposes --tessera-simplify -o %t/r50x.opt.mlir
// RUN: FileCheck %s --check-prefix=RESNET < %t/r50x.opt.mlir
// RESNET-COUNT-53: tessera.conv
// RESNET-NOT: tessera.batch_norm
// RUN: tessera-run %t/r50x.mlir --seed 3 --output-dir %t/r50 2> /dev/null
// RUN: tessera-run %t/r50x.opt.mlir --seed 3 --output-dir %t/r50opt 2> /dev/null
// RUN: %python %S/../lib/compare_outputs.py --npy %t/r50/pool.npy %t/r50opt/pool.npy | FileCheck %s
// RUN: %python %S/../lib/compare_outputs.py --npy %onnx/light/light_resnet50_output_0.pb %t/r50opt/gpu_0_softmax_1.npy | FileCheck %s
