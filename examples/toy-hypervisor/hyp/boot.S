/*
 * boot.S - the toy hypervisor's entry point and Hyp vector table.
 * QEMU (and hypscope) start an ELF in Hyp mode; exceptions from the guest arrive at HVBAR + 0x14
 * (Hyp Trap) or + 0x18 (IRQ), ARM ARM B1.8.2 Table B1-4.
 */
    .syntax unified
    .arm
    .section .text.hypboot, "ax"

    .global hyp_entry
    .type   hyp_entry, %function
hyp_entry:
    ldr     sp, =hyp_stack_top
    ldr     r0, =hyp_vectors
    mcr     p15, 4, r0, c12, c0, 0      @ HVBAR: where Hyp exceptions go
    isb
    bl      hyp_main                    @ sets everything up and ERETs into the guest
1:  b       1b

/*
 * Every entry saves the same frame (struct frame in hyp.h): r0-r12 and LR, then ELR_hyp and
 * SPSR_hyp, calls a C handler with a pointer to it, restores, and returns with ERET.
 */
    .macro  hyp_entry_stub handler
    push    {r0-r12, lr}
    mrs     r0, ELR_hyp
    mrs     r1, spsr                    @ in Hyp mode, SPSR is SPSR_hyp
    push    {r0, r1}
    mov     r0, sp
    bl      \handler
    pop     {r0, r1}
    msr     ELR_hyp, r0
    msr     spsr_cxsf, r1
    pop     {r0-r12, lr}
    eret
    .endm

    .align  5
hyp_vectors:
    b       hyp_bad_exception           @ 0x00: not used
    b       hyp_bad_exception           @ 0x04: Undefined Instruction in Hyp mode
    b       hyp_bad_exception           @ 0x08: HVC/SVC in Hyp mode
    b       hyp_bad_exception           @ 0x0c: Prefetch Abort in Hyp mode
    b       hyp_bad_exception           @ 0x10: Data Abort in Hyp mode
    b       hyp_trap_entry              @ 0x14: Hyp Trap: everything the guest causes
    b       hyp_irq_entry               @ 0x18: IRQ (HCR.IMO routes physical IRQs here)
    b       hyp_bad_exception           @ 0x1c: FIQ

hyp_trap_entry:
    hyp_entry_stub hyp_trap

hyp_irq_entry:
    hyp_entry_stub hyp_irq

hyp_bad_exception:
    mrc     p15, 4, r1, c5, c2, 0       @ HSR
    mrs     r2, ELR_hyp
    ldr     r0, =bad_msg
    bl      hyp_panic

    .section .rodata
bad_msg:
    .asciz  "exception taken in Hyp mode itself"
