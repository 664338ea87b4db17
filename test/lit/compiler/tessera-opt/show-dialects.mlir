// tessera-opt registers exactly the dialects Tessera uses.
// RUN: tessera-opt --show-dialects | FileCheck %s
// CHECK: Available Dialects: builtin,func,tessera{{$}}
