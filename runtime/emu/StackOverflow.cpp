//===- StackOverflow.cpp - Report fiber stack overflows -------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The handler runs on a per-OS-thread alternate stack (the faulting fiber's
// stack is exhausted) and does only async-signal-safe work: it reads the
// running Block, formats into a local buffer and write()s it.
//
//===----------------------------------------------------------------------===//
#include "runtime/emu/StackOverflow.h"

#include "runtime/emu/Block.h"
#include "runtime/emu/Sanitizers.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unistd.h>

namespace tessera::emu {

namespace {

thread_local const Block *runningBlock = nullptr;
thread_local bool altStackReady = false;
struct sigaction previousAction;

void handler(int sig, siginfo_t *info, void *context) {
  const Block *block = runningBlock;
  char message[512];
  if (block &&
      block->describeOverflow(info->si_addr, message, sizeof(message))) {
    ssize_t ignored = write(2, message, std::strlen(message));
    (void)ignored;
    // Die of the SIGSEGV as if unhandled.
    signal(SIGSEGV, SIG_DFL);
    return;
  }
  if (previousAction.sa_flags & SA_SIGINFO) {
    if (previousAction.sa_sigaction) {
      previousAction.sa_sigaction(sig, info, context);
      return;
    }
  } else if (previousAction.sa_handler != SIG_DFL &&
             previousAction.sa_handler != SIG_IGN) {
    previousAction.sa_handler(sig);
    return;
  }
  signal(SIGSEGV, SIG_DFL); // the fault repeats, unhandled
}

} // namespace

void installStackOverflowHandler() {
  if (san::kAny)
    return; // ASan and TSan report faults themselves
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action;
    std::memset(&action, 0, sizeof(action));
    action.sa_sigaction = &handler;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, &previousAction);
  });
}

void setRunningBlock(const Block *block) {
  if (san::kAny)
    return;
  if (block && !altStackReady) {
    // Leaked with the thread: a thread's alternate stack must outlive any
    // signal it takes.
    size_t size = 64 * 1024;
    stack_t stack;
    stack.ss_sp = std::malloc(size);
    stack.ss_size = size;
    stack.ss_flags = 0;
    if (stack.ss_sp && sigaltstack(&stack, nullptr) == 0)
      altStackReady = true;
  }
  runningBlock = block;
}

} // namespace tessera::emu
