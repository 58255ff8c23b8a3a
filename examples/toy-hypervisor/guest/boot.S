/*
 * boot.S - the guest kernel's start-up code and PL1 vector table. The hypervisor enters it in SVC
 * mode; it believes it runs on bare hardware (ARM ARM B1.8.1: vectors at VBAR).
 */
    .syntax unified
    .arm
    .section .text.guestboot, "ax"

    .global guest_entry
    .type   guest_entry, %function
guest_entry:
    ldr     sp, =guest_svc_stack_top
    cps     #0x12                       @ IRQ mode stack
    ldr     sp, =guest_irq_stack_top
    cps     #0x1b                       @ Undefined mode stack
    ldr     sp, =guest_und_stack_top
    cps     #0x13                       @ back to SVC
    ldr     r0, =guest_vectors
    mcr     p15, 0, r0, c12, c0, 0      @ VBAR
    isb
    bl      kernel_main
1:  b       1b

    .align  5
guest_vectors:
    b       .                           @ reset
    b       undef_entry                 @ undefined instruction
    b       svc_entry                   @ supervisor call
    b       .                           @ prefetch abort
    b       .                           @ data abort
    b       .
    b       irq_entry                   @ IRQ (here: virtual IRQs injected by the hypervisor)
    b       .                           @ FIQ

/*
 * Undefined: C looks at the instruction and fixes what made it undefined; then we retry it.
 * LR is the instruction's address + 4 in ARM state, + 2 in Thumb state (ARM ARM B1.8.3).
 */
undef_entry:
    push    {r0-r3, r12, lr}
    mrs     r1, spsr
    ands    r1, r1, #0x20               @ SPSR.T: was it a Thumb instruction?
    subeq   r0, lr, #4
    subne   r0, lr, #2
    bl      guest_undef                 @ guest_undef(address, thumb)
    pop     {r0-r3, r12, lr}
    push    {r0}
    mrs     r0, spsr
    tst     r0, #0x20
    pop     {r0}
    subseq  pc, lr, #4                  @ retry it (ARM)
    subsne  pc, lr, #2                  @ retry it (Thumb)

irq_entry:
    sub     lr, lr, #4
    push    {r0-r3, r12, lr}
    bl      guest_irq
    pop     {r0-r3, r12, lr}
    movs    pc, lr

/*
 * SVC from the user task: r7 holds the system call number (0 = exit, 1 = print r0).
 * exit returns from run_user() below instead of to the user task.
 */
svc_entry:
    cmp     r7, #0
    beq     user_exit
    push    {r0-r3, r12, lr}
    mov     r1, r7
    bl      guest_syscall
    pop     {r0-r3, r12, lr}
    movs    pc, lr

/* run_user(entry, sp): save the kernel's context, drop to User mode at entry. */
    .global run_user
    .type   run_user, %function
run_user:
    push    {r4-r11, lr}
    ldr     r2, =kernel_sp
    str     sp, [r2]
    msr     SP_usr, r1
    mov     r2, #0x10                   @ User mode, IRQs enabled
    and     r3, r0, #1                  @ a Thumb entry point has bit 0 set:
    orr     r2, r2, r3, lsl #5          @ then return in Thumb state (SPSR.T)
    msr     spsr_cxsf, r2
    mov     lr, r0
    movs    pc, lr                      @ exception return into User mode

user_exit:
    ldr     r2, =kernel_sp
    ldr     sp, [r2]
    pop     {r4-r11, pc}                @ back in the kernel, after run_user()

    .bss
    .align  3
kernel_sp:
    .word   0
