// ResNet-50 (light) through the passes before fusion with conv layouts
// assigned: every conv but the 3-channel stem runs channels-last, the only
// layout copies left are after the stem's max pool and before the global
// pool, and the outputs (also the pooled features) equal those of the
// channels-first graph.

// RUN: rm -rf %t && mkdir -p %t
// RUN: tessera-compile --emit=imported %onnx/light/light_resnet50.onnx -o %t/r50x.mlir
// The pooled features are returned too (the light model's softmax is nearly
// uniform, which would hide errors).
// RUN: %python -c 'import re, sys; s = open(sys.argv[1]).read(); pool, ty = re.search(r"(\S+) = tessera.avg_pool .* -> (tensor<[^>]+>)", s).groups(); s = re.sub(r"return (\S+) : (\S+)\n", lambda m: "return " + m.group(1) + ", " + pool + " : " + m.group(2) + ", " + ty + "\n", s); s = re.sub(r"-> \((tensor<[^>]+> \{[^}]*\})\)", lambda m: "-> (" + m.group(1) + ", " + ty + " {tessera.name = \"pool\"})", s); open(sys.argv[2], "w").write(s)' %t/r50x.mlir %t/r50.mlir
// RUN: tessera-opt %t/r50.mlir --tessera-simplify --tessera-fold-batch-norm --tessera-assign-layout --tessera-fold-transposes --tessera-simplify -o %t/r50.nhwc.mlir
// RUN: FileCheck %s --check-prefix=RESNET < %t/r50.nhwc.mlir
// RESNET: tessera.conv {{.*}} groups = 1 : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
// RESNET: %[[POOL:.+]] = tessera.max_pool
// RESNET-NEXT: tessera.transpose %[[POOL]] perm = [0, 2, 3, 1] : (tensor<1x64x56x56xf32>) -> tensor<1x56x56x64xf32>
// RESNET-COUNT-52: tessera.conv {{.*}} channels_last
// RESNET: tessera.transpose %{{.+}} perm = [0, 3, 1, 2] : (tensor<1x7x7x2048xf32>) -> tensor<1x2048x7x7xf32>
// RESNET-NOT: tessera.transpose
// RESNET-NOT: tessera.conv
// RUN: tessera-opt %t/r50.mlir --tessera-simplify --tessera-fold-batch-norm --tessera-fold-transposes --tessera-simplify -o %t/r50.nchw.mlir
// RUN: tessera-run %t/r50.nchw.mlir --seed 3 --output-dir %t/nchw 2> /dev/null
// RUN: tessera-run %t/r50.nhwc.mlir --seed 3 --output-dir %t/nhwc 2> /dev/null
// RUN: %python %S/../lib/compare_outputs.py --npy %t/nchw/pool.npy %t/nhwc/pool.npy | FileCheck %s
// RUN: %python %S/../lib/compare_outputs.py --npy %onnx/light/light_resnet50_output_0.pb %t/nhwc/gpu_0_softmax_1.npy | FileCheck %s
// CHECK: match
