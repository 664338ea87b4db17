// Errors that stop tessera-tile before any kernel is tiled: an unknown
// target, and tuning files that cannot be read or do not have the format
// (one error naming the file and, for an entry, its index).

// RUN: not tessera-opt %s --tessera-tile=target=sm_75 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: error: unknown target 'sm_75'; valid targets: sm_80, sm_86, sm_89, sm_90, sm_90a

// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.does-not-exist.json 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: cannot read tuning file '{{.*}}does-not-exist.json': {{[Nn]}}o such file or directory

// RUN: echo '{"version": 1, "entries": [' > %t.truncated.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.truncated.json 2>&1 | FileCheck %s --check-prefix=JSON
// JSON: error: tuning file '{{.*}}truncated.json': invalid JSON: {{.+}}

// RUN: echo '{"entries": []}' > %t.no-version.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.no-version.json 2>&1 | FileCheck %s --check-prefix=VERSION
// VERSION: error: tuning file '{{.*}}no-version.json': expected an object with "version": 1 and an "entries" array

// RUN: echo '{"version": 1, "entries": [{"target": "sm_80", "launch": {}}]}' > %t.no-signature.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.no-signature.json 2>&1 | FileCheck %s --check-prefix=SIGNATURE
// SIGNATURE: error: tuning file '{{.*}}no-signature.json': entry 0: expected a string field 'signature'

// RUN: echo '{"version": 1, "entries": [{"target": "sm_80", "signature": "s", "launch": [1]}]}' > %t.launch-array.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.launch-array.json 2>&1 | FileCheck %s --check-prefix=LAUNCH
// LAUNCH: error: tuning file '{{.*}}launch-array.json': entry 0: expected an object field 'launch'

// RUN: echo '{"version": 1, "entries": [{"target": "sm_80", "signature": "a", "launch": {}}, {"target": "sm_90a", "signature": "b", "launch": {"warps": "4"}}]}' > %t.wrong-type.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.wrong-type.json 2>&1 | FileCheck %s --check-prefix=TYPE
// TYPE: error: tuning file '{{.*}}wrong-type.json': entry 1: launch field 'warps' must be an integer

// RUN: echo '{"version": 1, "entries": [{"target": "sm_80", "signature": "s", "launch": {"block": [128, 128.5, 32]}}]}' > %t.float-tile.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.float-tile.json 2>&1 | FileCheck %s --check-prefix=ARRAY
// ARRAY: error: tuning file '{{.*}}float-tile.json': entry 0: launch field 'block' must be an array of integers

// RUN: echo '{"version": 1, "entries": [{"target": "sm_80", "signature": "s", "launch": {"tile": 4}}]}' > %t.unknown-field.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.unknown-field.json 2>&1 | FileCheck %s --check-prefix=FIELD
// FIELD: error: tuning file '{{.*}}unknown-field.json': entry 0: unknown launch field 'tile'

// RUN: echo '{"version": 1, "entries": [{"target": "sm_70", "signature": "s", "launch": {}}]}' > %t.unknown-target.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.unknown-target.json 2>&1 | FileCheck %s --check-prefix=ENTRY-TARGET
// ENTRY-TARGET: error: tuning file '{{.*}}unknown-target.json': entry 0: unknown target 'sm_70'; valid targets: sm_80, sm_86, sm_89, sm_90, sm_90a

// RUN: echo '{"version": 1, "entries": [{"target": "sm_80", "signature": "s", "launch": {}}, {"target": "sm_80", "signature": "s", "launch": {}}]}' > %t.duplicate.json
// RUN: not tessera-opt %s --tessera-tile=tuning-file=%t.duplicate.json 2>&1 | FileCheck %s --check-prefix=DUPLICATE
// DUPLICATE: error: tuning file '{{.*}}duplicate.json': entry 1: same target and signature as entry 0

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = tessera.kernel "k" kind = elementwise (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %0 = tessera.relu %a : tensor<4xf32>
    tessera.yield %0 : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}
