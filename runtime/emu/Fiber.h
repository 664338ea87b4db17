//===- Fiber.h - Guard-paged stacks and fiber context switches --*- C++ -*-===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every emulated thread runs on its own Stack (mmap'ed, a PROT_NONE guard
// page at its low end, so an overflow faults instead of corrupting a
// neighbour). A Context is a place execution can be switched to: a fiber on
// a Stack, or an OS thread's own stack (the worker's scheduler). switchTo()
// is the hand-written switch of FiberSwitch_x86_64.S plus the sanitizer
// annotations (Sanitizers.h).
//
//===----------------------------------------------------------------------===//
#ifndef TESSERA_RUNTIME_EMU_FIBER_H
#define TESSERA_RUNTIME_EMU_FIBER_H

#include "runtime/emu/Sanitizers.h"

#include <cstddef>

extern "C" {
void tessera_emu_fiber_switch(void **saveSp, void *loadSp);
void tessera_emu_fiber_start();
}

namespace tessera::emu {

/// Usable bytes of a fiber stack: 64 KiB, 256 KiB in sanitizer builds, or
/// $TESSERA_EMU_STACK_KIB.
size_t fiberStackBytes();

/// An mmap'ed stack with a guard page below it. Move-only.
class Stack {
public:
  Stack() = default;
  explicit Stack(size_t usableBytes);
  ~Stack();
  Stack(Stack &&other) noexcept;
  Stack &operator=(Stack &&other) noexcept;
  Stack(const Stack &) = delete;
  Stack &operator=(const Stack &) = delete;

  /// Lowest usable address (just above the guard page) and usable size.
  char *bottom() const { return low; }
  size_t size() const { return bytes; }
  char *top() const { return low + bytes; }
  /// The guard page, for the stack-overflow handler.
  char *guard() const { return mapping; }

private:
  char *mapping = nullptr; // guard page, then the stack
  char *low = nullptr;
  size_t bytes = 0;
};

/// Somewhere to switch to: a fiber, or an OS thread's own stack.
struct Context {
  void *sp = nullptr;
  // ASan: the stack's bounds and this context's fake stack while away.
  const void *stackBottom = nullptr;
  size_t stackSize = 0;
  void *fakeStack = nullptr;
  // TSan: the fiber (or the OS thread's own context).
  void *tsanFiber = nullptr;
};

/// Makes |context| start, on its first switch in, by calling |fn|(|arg|)
/// on |stack|; |fn| must never return (it switches away for good). The
/// first frame starts |colour| 64-byte lines below the top, so that the hot
/// frames of many fibers do not all fall into the same cache sets. Creates
/// the TSan fiber on first use (release it with destroyFiberContext).
void initFiberContext(Context &context, const Stack &stack, void (*fn)(void *),
                      void *arg, unsigned colour);
/// Frees the sanitizer state of a fiber context that will not run again.
void destroyFiberContext(Context &context);
/// Describes the calling OS thread's own stack (the scheduler).
void initThreadContext(Context &context);

/// How a switch treats the context being left.
enum class Leave {
  /// It will be switched back to later.
  Suspend,
  /// It will never run again (exited or abandoned).
  ForGood,
};

/// Switches from |from| (the running context) to |to|. With |sync|, TSan
/// sees a happens-before edge from |from| to |to| (used only between the
/// scheduler and a block's fibers); fiber-to-fiber switches do not
/// synchronise. Returns when something switches back to |from|.
inline void switchTo(Context &from, Context &to, Leave leave, bool sync) {
#if defined(TESSERA_EMU_ASAN)
  __sanitizer_start_switch_fiber(leave == Leave::ForGood ? nullptr
                                                         : &from.fakeStack,
                                 to.stackBottom, to.stackSize);
#else
  (void)leave;
#endif
#if defined(TESSERA_EMU_TSAN)
  __tsan_switch_to_fiber(to.tsanFiber,
                         sync ? 0 : __tsan_switch_to_fiber_no_sync);
#else
  (void)sync;
#endif
  tessera_emu_fiber_switch(&from.sp, to.sp);
#if defined(TESSERA_EMU_ASAN)
  __sanitizer_finish_switch_fiber(from.fakeStack, nullptr, nullptr);
#endif
}

/// The first thing a new fiber's function must do (ASan bookkeeping).
inline void enteredNewFiber() {
#if defined(TESSERA_EMU_ASAN)
  __sanitizer_finish_switch_fiber(nullptr, nullptr, nullptr);
#endif
}

} // namespace tessera::emu

#endif // TESSERA_RUNTIME_EMU_FIBER_H
