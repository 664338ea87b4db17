//===- Sanitizers.h - ASan/TSan annotations ---------------------*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The emulator switches stacks itself, so AddressSanitizer and
// ThreadSanitizer must be told: ASan about every stack switch (fake stacks,
// stack bounds), TSan about every fiber (one TSan "thread" per emulated
// thread) and about the happens-before edges of barriers and warp
// collectives. Fibers switch without synchronising (no_sync), so that TSan
// reports a missing barrier as a data race. Everything here compiles to
// nothing in a plain build.
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_SANITIZERS_H
#define TESSERA_RUNTIME_EMU_SANITIZERS_H

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define TESSERA_EMU_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TESSERA_EMU_ASAN 1
#endif
#endif

// The TSan variant of the library is built without -fsanitize=thread but
// with TESSERA_EMU_TSAN (CMakeLists.txt): TSan then sees only the kernels'
// memory accesses, ordered by the edges below, and none of the emulator's
// own bookkeeping, which fibers share without TSan-visible ordering.
#if defined(TESSERA_EMU_TSAN)
#elif defined(__SANITIZE_THREAD__)
#define TESSERA_EMU_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TESSERA_EMU_TSAN 1
#endif
#endif

#if defined(TESSERA_EMU_ASAN)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#if defined(TESSERA_EMU_TSAN)
#include <sanitizer/tsan_interface.h>
#endif

namespace tessera::emu::san {

/// Whether this build runs under a sanitizer (bigger fiber stacks).
constexpr bool kAny =
#if defined(TESSERA_EMU_ASAN) || defined(TESSERA_EMU_TSAN)
    true;
#else
    false;
#endif

/// Happens-before: a release on |addr| followed by an acquire on |addr|.
inline void release([[maybe_unused]] void *addr) {
#if defined(TESSERA_EMU_TSAN)
  __tsan_release(addr);
#endif
}
inline void acquire([[maybe_unused]] void *addr) {
#if defined(TESSERA_EMU_TSAN)
  __tsan_acquire(addr);
#endif
}

/// Clears ASan's shadow of a stack that a fiber abandoned mid-call left
/// poisoned, before the stack is reused.
inline void unpoison([[maybe_unused]] void *begin,
                     [[maybe_unused]] size_t bytes) {
#if defined(TESSERA_EMU_ASAN)
  __asan_unpoison_memory_region(begin, bytes);
#endif
}

/// Marks [begin, begin + bytes) unaddressable for ASan (shared memory no
/// allocation covers), so that a kernel reaching it is reported.
inline void poison([[maybe_unused]] void *begin,
                   [[maybe_unused]] size_t bytes) {
#if defined(TESSERA_EMU_ASAN)
  __asan_poison_memory_region(begin, bytes);
#endif
}

/// Whether this build has ASan (redzones between shared allocations).
constexpr bool kAddress =
#if defined(TESSERA_EMU_ASAN)
    true;
#else
    false;
#endif

} // namespace tessera::emu::san

#endif // TESSERA_RUNTIME_EMU_SANITIZERS_H
