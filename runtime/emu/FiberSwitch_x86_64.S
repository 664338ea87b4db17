/*===- FiberSwitch_x86_64.S - The emulator's fiber context switch ---------===*
 *
 * Part of the Tessera project, under the Apache License v2.0 with LLVM
 * Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
 *
 * x86-64 System V. A switch saves what the ABI says a call preserves: the
 * callee-saved registers rbx, rbp, r12-r15, the MXCSR control bits and the
 * x87 control word; everything else is caller-saved, so the C++ caller has
 * already spilled it. No signal mask (ucontext's syscall is the reason it is
 * 20x slower).
 *
 *   void tessera_emu_fiber_switch(void **save_sp, void *load_sp);
 *     Pushes the state on the current stack, stores the stack pointer in
 *     *save_sp, loads load_sp and pops the state saved there.
 *
 *   tessera_emu_fiber_start
 *     The first "return address" of a new fiber (see Fiber.cpp, which lays
 *     out its first frame): calls r12(r13) and never returns.
 *
 * Saved frame, from the saved stack pointer up:
 *   +0 MXCSR (4 bytes), +4 x87 control word (2 bytes), +8 r15, +16 r14,
 *   +24 r13, +32 r12, +40 rbx, +48 rbp, +56 return address.
 *===----------------------------------------------------------------------===*/

        .text
        .globl  tessera_emu_fiber_switch
        .hidden tessera_emu_fiber_switch
        .type   tessera_emu_fiber_switch, @function
        .p2align 4
tessera_emu_fiber_switch:
        .cfi_startproc
        pushq   %rbp
        .cfi_adjust_cfa_offset 8
        pushq   %rbx
        .cfi_adjust_cfa_offset 8
        pushq   %r12
        .cfi_adjust_cfa_offset 8
        pushq   %r13
        .cfi_adjust_cfa_offset 8
        pushq   %r14
        .cfi_adjust_cfa_offset 8
        pushq   %r15
        .cfi_adjust_cfa_offset 8
        subq    $8, %rsp
        .cfi_adjust_cfa_offset 8
        stmxcsr (%rsp)
        fnstcw  4(%rsp)
        movq    %rsp, (%rdi)
        movq    %rsi, %rsp
        ldmxcsr (%rsp)
        fldcw   4(%rsp)
        addq    $8, %rsp
        .cfi_adjust_cfa_offset -8
        popq    %r15
        .cfi_adjust_cfa_offset -8
        popq    %r14
        .cfi_adjust_cfa_offset -8
        popq    %r13
        .cfi_adjust_cfa_offset -8
        popq    %r12
        .cfi_adjust_cfa_offset -8
        popq    %rbx
        .cfi_adjust_cfa_offset -8
        popq    %rbp
        .cfi_adjust_cfa_offset -8
        ret
        .cfi_endproc
        .size   tessera_emu_fiber_switch, .-tessera_emu_fiber_switch

        .globl  tessera_emu_fiber_start
        .hidden tessera_emu_fiber_start
        .type   tessera_emu_fiber_start, @function
        .p2align 4
tessera_emu_fiber_start:
        .cfi_startproc
        /* The outermost frame of a fiber: unwinders stop here. */
        .cfi_undefined rip
        movq    %r13, %rdi
        callq   *%r12
        ud2
        .cfi_endproc
        .size   tessera_emu_fiber_start, .-tessera_emu_fiber_start

        .section .note.GNU-stack,"",@progbits
