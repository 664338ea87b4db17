//===- Fiber.cpp - Guard-paged stacks and fiber contexts ------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/Fiber.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

namespace tessera::emu {

namespace {
size_t pageSize() {
  static const size_t size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return size;
}
size_t roundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }
} // namespace

size_t fiberStackBytes() {
  static const size_t bytes = [] {
    size_t kib = san::kAny ? 256 : 64;
    if (const char *env = std::getenv("TESSERA_EMU_STACK_KIB")) {
      char *end = nullptr;
      unsigned long v = std::strtoul(env, &end, 10);
      if (end != env && *end == '\0' && v >= 16 && v <= 65536)
        kib = v;
    }
    return roundUp(kib * 1024, pageSize());
  }();
  return bytes;
}

Stack::Stack(size_t usableBytes) {
  size_t page = pageSize();
  usableBytes = roundUp(usableBytes, page);
  void *p = mmap(nullptr, usableBytes + page, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    throw std::bad_alloc();
  if (mprotect(p, page, PROT_NONE) != 0) {
    munmap(p, usableBytes + page);
    throw std::bad_alloc();
  }
  mapping = static_cast<char *>(p);
  low = mapping + page;
  bytes = usableBytes;
}

Stack::~Stack() {
  if (mapping) {
    san::unpoison(low, bytes);
    munmap(mapping, bytes + pageSize());
  }
}

Stack::Stack(Stack &&other) noexcept
    : mapping(other.mapping), low(other.low), bytes(other.bytes) {
  other.mapping = other.low = nullptr;
  other.bytes = 0;
}

Stack &Stack::operator=(Stack &&other) noexcept {
  if (this != &other) {
    this->~Stack();
    mapping = other.mapping;
    low = other.low;
    bytes = other.bytes;
    other.mapping = other.low = nullptr;
    other.bytes = 0;
  }
  return *this;
}

void initFiberContext(Context &context, const Stack &stack, void (*fn)(void *),
                      void *arg, unsigned colour) {
  // A stack abandoned mid-call (an error) may still carry ASan's poison.
  san::unpoison(stack.bottom(), stack.size());
  // The first frame, as FiberSwitch_x86_64.S pops it; the stack pointer
  // after its `ret` (top) is 16-byte aligned, as a call site's must be.
  auto top =
      (reinterpret_cast<uintptr_t>(stack.top()) - uintptr_t(colour % 64) * 64) &
      ~uintptr_t(15);
  auto *frame = reinterpret_cast<uint64_t *>(top - 64);
  uint32_t mxcsr = 0x1f80; // all exceptions masked, round to nearest
  uint16_t fpucw = 0x037f; // the x87 default
  frame[0] = uint64_t(mxcsr) | (uint64_t(fpucw) << 32);
  frame[1] = 0;                               // r15
  frame[2] = 0;                               // r14
  frame[3] = reinterpret_cast<uint64_t>(arg); // r13
  frame[4] = reinterpret_cast<uint64_t>(fn);  // r12
  frame[5] = 0;                               // rbx
  frame[6] = 0;                               // rbp: ends frame chains
  frame[7] = reinterpret_cast<uint64_t>(&tessera_emu_fiber_start);
  context.sp = frame;
  context.stackBottom = stack.bottom();
  context.stackSize = stack.size();
  context.fakeStack = nullptr;
#if defined(TESSERA_EMU_TSAN)
  // Reused across blocks: the scheduler orders one block before the next.
  if (!context.tsanFiber)
    context.tsanFiber = __tsan_create_fiber(0);
#endif
}

void destroyFiberContext([[maybe_unused]] Context &context) {
#if defined(TESSERA_EMU_TSAN)
  if (context.tsanFiber)
    __tsan_destroy_fiber(context.tsanFiber);
#endif
  context.tsanFiber = nullptr;
}

void initThreadContext(Context &context) {
  context.sp = nullptr;
  context.fakeStack = nullptr;
#if defined(TESSERA_EMU_ASAN)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *addr = nullptr;
    size_t size = 0;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
      context.stackBottom = addr;
      context.stackSize = size;
    }
    pthread_attr_destroy(&attr);
  }
#endif
#if defined(TESSERA_EMU_TSAN)
  context.tsanFiber = __tsan_get_current_fiber();
#endif
}

} // namespace tessera::emu
