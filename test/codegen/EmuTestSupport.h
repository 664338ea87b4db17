//===- EmuTestSupport.h - Shared harness of the codegen emulator tests ----===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What CodegenEmuTest.cpp and AttentionEmuTest.cpp share: an MLIR context
// that keeps the first diagnostic, building generated kernels into one host
// module (cached under TESSERA_CODEGEN_CACHE_DIR, which each test target
// defines) and launching one on the CPU emulator.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_TEST_CODEGEN_EMUTESTSUPPORT_H
#define TESSERA_TEST_CODEGEN_EMUTESTSUPPORT_H

#include "codegen/KernelProgram.h"
#include "compiler/onnx/Importer.h"
#include "runtime/emu/Emulator.h"
#include "runtime/emu/HostJit.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tessera_test {

inline mlir::DialectRegistry importRegistry() {
  mlir::DialectRegistry registry;
  mlir::tessera::registerImportDialects(registry);
  return registry;
}

/// An MLIR context with the import dialects; |diagnostics| holds the first
/// diagnostic reported (ops are not printed with it).
struct DiagnosedContext {
  DiagnosedContext()
      : context(importRegistry()),
        handler(&context, [this](mlir::Diagnostic &d) {
          if (diagnostics.empty())
            diagnostics = d.str();
          return mlir::success();
        }) {
    context.printOpOnDiagnostic(false);
  }
  mlir::MLIRContext context;
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler;
};

/// Appends |program|'s source and kernel to |source|.
inline void addKernel(::tessera::emu::KernelSource &source,
                      const ::tessera::codegen::KernelProgram &program) {
  source.code += program.source;
  source.kernels.push_back(program.name);
}

/// |source| built by the host JIT (cached under TESSERA_CODEGEN_CACHE_DIR),
/// or null with |error| set.
inline std::unique_ptr<::tessera::emu::HostModule>
compileForEmu(const ::tessera::emu::KernelSource &source, std::string &error) {
  ::tessera::emu::HostJitOptions options;
  options.cacheDir = TESSERA_CODEGEN_CACHE_DIR;
  return ::tessera::emu::compileHostModule({source}, options, error);
}

/// Launches |program| (compiled as |handle|) with grid, block and dynamic
/// shared memory as it says; |pointers| holds one pointer per parameter.
inline std::optional<std::string>
launchProgram(const ::tessera::emu::KernelHandle &handle,
              const ::tessera::codegen::KernelProgram &program,
              std::vector<void *> &pointers, ::tessera::emu::Mode mode) {
  std::vector<void *> args;
  for (void *&p : pointers)
    args.push_back(&p);
  ::tessera::emu::LaunchParams launch;
  launch.grid = {program.grid[0], program.grid[1], program.grid[2]};
  launch.block = {program.block[0], program.block[1], program.block[2]};
  launch.dynamicSharedBytes = program.sharedBytes;
  launch.mode = mode;
  return ::tessera::emu::launch(handle, launch, args.data());
}

} // namespace tessera_test

#endif // TESSERA_TEST_CODEGEN_EMUTESTSUPPORT_H
