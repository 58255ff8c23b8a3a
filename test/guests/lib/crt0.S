/*
 * crt0.S - start-up code and vector tables for hypscope test guests.
 *
 * Boot: QEMU 7.2 (-M virt,virtualization=on -cpu cortex-a15, ELF -kernel)
 * enters _start in Hyp mode (CPSR 0x400001da) with all GPRs zero.
 *
 *   1. set SP_hyp, HVBAR = hyp_vectors, SP of every PL1 mode and of User
 *      (banked MSR from Hyp);
 *   2. unless the guest defines the symbol `guest_boot_hyp` (GUEST_BOOT_HYP),
 *      drop to SVC with SPSR_hyp = 0x1d3 (SVC, A/I/F masked), ELR_hyp = 2f,
 *      ERET; then VBAR = pl1_vectors;
 *   3. clear .bss, call main(), pass its return value to semihost_exit().
 *
 * If the CPU does not start in Hyp (other QEMU versions), PL1 stacks are
 * set with CPS and a guest that asked for Hyp exits with code 0xEF.
 */
    .syntax unified
    .arm

    .equ MODE_USR, 0x10
    .equ MODE_FIQ, 0x11
    .equ MODE_IRQ, 0x12
    .equ MODE_SVC, 0x13
    .equ MODE_ABT, 0x17
    .equ MODE_HYP, 0x1a
    .equ MODE_UND, 0x1b
    .equ MODE_SYS, 0x1f
    .equ PSR_AIF,  0x1c0

    .weak guest_boot_hyp

    .section .text.boot, "ax"
    .global _start
    .type _start, %function
_start:
    mrs     r4, cpsr
    and     r5, r4, #0x1f
    cmp     r5, #MODE_HYP
    bne     .Lnot_hyp

    /* ---- booted in Hyp ---- */
    ldr     sp, =__stack_hyp_top
    ldr     r0, =hyp_vectors
    mcr     p15, 4, r0, c12, c0, 0          @ HVBAR
    ldr     r0, =__stack_svc_top
    msr     SP_svc, r0
    ldr     r0, =__stack_abt_top
    msr     SP_abt, r0
    ldr     r0, =__stack_und_top
    msr     SP_und, r0
    ldr     r0, =__stack_irq_top
    msr     SP_irq, r0
    ldr     r0, =__stack_fiq_top
    msr     SP_fiq, r0
    ldr     r0, =__stack_usr_top
    msr     SP_usr, r0
    ldr     r0, =pl1_vectors
    mcr     p15, 0, r0, c12, c0, 0          @ VBAR (PL1 vectors, also for Hyp guests)
    isb

    ldr     r0, =guest_boot_hyp
    cmp     r0, #0
    bne     .Lcommon                        @ guest stays in Hyp

    mov     r0, #(PSR_AIF | MODE_SVC)       @ 0x1d3
    msr     spsr_cxsf, r0                   @ SPSR_hyp
    ldr     r0, =.Lcommon
    msr     ELR_hyp, r0
    eret

.Lnot_hyp:
    /* ---- booted in a PL1 mode: set stacks with CPS ---- */
    cpsid   aif, #MODE_ABT
    ldr     sp, =__stack_abt_top
    cps     #MODE_UND
    ldr     sp, =__stack_und_top
    cps     #MODE_IRQ
    ldr     sp, =__stack_irq_top
    cps     #MODE_FIQ
    ldr     sp, =__stack_fiq_top
    cps     #MODE_SYS
    ldr     sp, =__stack_usr_top
    cps     #MODE_SVC
    ldr     sp, =__stack_svc_top
    ldr     r0, =pl1_vectors
    mcr     p15, 0, r0, c12, c0, 0          @ VBAR
    isb
    ldr     r0, =guest_boot_hyp
    cmp     r0, #0
    movne   r0, #0xef
    bne     semihost_exit

.Lcommon:
    /* clear .bss */
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b

    bl      main
    b       semihost_exit                   @ r0 = exit code
    .size _start, . - _start
    .ltorg

/* ------------------------------------------------------------------------ */
/* PL1 vector table (VBAR). Frame: r0-r12, lr, ret, spsr (64 bytes).        */

    .macro PL1_STUB kind, adj
    sub     sp, sp, #8
    push    {r0-r12, lr}
    sub     lr, lr, #\adj
    str     lr, [sp, #56]                   @ ret
    mrs     r0, spsr
    str     r0, [sp, #60]                   @ spsr
    mov     r0, #\kind
    mov     r1, sp
    b       pl1_common
    .endm

    .section .text.vectors, "ax"
    .balign 32
    .global pl1_vectors
    .type pl1_vectors, %object
pl1_vectors:
    b       pl1_reset
    b       pl1_und
    b       pl1_svc
    b       pl1_pabt
    b       pl1_dabt
    b       pl1_unused
    b       pl1_irq
    b       pl1_fiq
    .size pl1_vectors, . - pl1_vectors

pl1_reset:  PL1_STUB 0, 0
pl1_und:    PL1_STUB 1, 0
pl1_svc:    PL1_STUB 2, 0
pl1_pabt:   PL1_STUB 3, 0
pl1_dabt:   PL1_STUB 4, 4
pl1_unused: PL1_STUB 5, 0
pl1_irq:    PL1_STUB 6, 4
pl1_fiq:    PL1_STUB 7, 4

pl1_common:
    bl      exc_handler
    ldr     r0, [sp, #60]
    msr     spsr_cxsf, r0
    ldr     r0, [sp, #56]
    str     r0, [sp, #52]                   @ lr slot := resume address
    pop     {r0-r12, lr}
    add     sp, sp, #8
    movs    pc, lr

/* ------------------------------------------------------------------------ */
/* Hyp vector table (HVBAR). Frame: r0-r12, lr, elr, spsr, hsr, pad (72).   */

    .macro HYP_STUB kind
    sub     sp, sp, #16
    push    {r0-r12, lr}
    mrs     r0, ELR_hyp
    str     r0, [sp, #56]
    mrs     r0, spsr
    str     r0, [sp, #60]
    mrc     p15, 4, r0, c5, c2, 0           @ HSR
    str     r0, [sp, #64]
    mov     r0, #\kind
    mov     r1, sp
    b       hyp_common
    .endm

    .balign 32
    .global hyp_vectors
    .type hyp_vectors, %object
hyp_vectors:
    b       hyp_reset
    b       hyp_und
    b       hyp_hvc
    b       hyp_pabt
    b       hyp_dabt
    b       hyp_trap
    b       hyp_irq
    b       hyp_fiq
    .size hyp_vectors, . - hyp_vectors

hyp_reset:  HYP_STUB 0
hyp_und:    HYP_STUB 1
hyp_hvc:    HYP_STUB 2
hyp_pabt:   HYP_STUB 3
hyp_dabt:   HYP_STUB 4
hyp_trap:
    /* HVC #0xffff from a PL1 mode ends a call_pl1() */
    push    {r0, r1}
    mrc     p15, 4, r0, c5, c2, 0           @ HSR
    ldr     r1, =0x4a00ffff                 @ EC 0x12 (HVC), IL, imm16 0xffff
    cmp     r0, r1
    pop     {r0, r1}
    beq     call_pl1_return
            HYP_STUB 5
hyp_irq:    HYP_STUB 6
hyp_fiq:    HYP_STUB 7

hyp_common:
    bl      hyp_handler
    ldr     r0, [sp, #56]
    msr     ELR_hyp, r0
    ldr     r0, [sp, #60]
    msr     spsr_cxsf, r0
    pop     {r0-r12, lr}
    add     sp, sp, #16
    eret

/* ------------------------------------------------------------------------ */
/* u32 call_pl1(u32 (*fn)(u32), u32 arg, u32 spsr)                           */
/* From Hyp mode: ERET to fn(arg) in the PL1 mode given by spsr, with the    */
/* banked SP of that mode; when fn returns, its return address is a          */
/* trampoline doing HVC #0xffff, which returns here (r0 = fn's result).      */

    .text
    .global call_pl1
    .type call_pl1, %function
call_pl1:
    push    {r4-r11, lr}
    ldr     r3, =call_pl1_saved_sp
    str     sp, [r3]
    msr     spsr_cxsf, r2                   @ SPSR_hyp
    msr     ELR_hyp, r0
    and     r2, r2, #0x1f
    ldr     r3, =call_pl1_trampoline
    cmp     r2, #MODE_SVC
    msreq   LR_svc, r3
    cmp     r2, #MODE_ABT
    msreq   LR_abt, r3
    cmp     r2, #MODE_UND
    msreq   LR_und, r3
    cmp     r2, #MODE_IRQ
    msreq   LR_irq, r3
    cmp     r2, #MODE_FIQ
    msreq   LR_fiq, r3
    cmp     r2, #MODE_SYS
    msreq   LR_usr, r3
    mov     r0, r1
    eret
    .size call_pl1, . - call_pl1

call_pl1_trampoline:
    hvc     #0xffff

call_pl1_return:
    ldr     r3, =call_pl1_saved_sp
    ldr     sp, [r3]
    pop     {r4-r11, pc}
    .ltorg

    .bss
    .balign 4
call_pl1_saved_sp:
    .space 4
