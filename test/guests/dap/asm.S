/*
 * Debug-adapter test guest in assembly (built with -g): source breakpoints bind to .S lines,
 * stepping over a BL, and an HVC from Hyp mode (HVBAR 0x08). main is entered in Hyp.
 */
    .syntax unified
    .arm
    .global guest_boot_hyp
    .section .rodata
guest_boot_hyp:
    .word 1

    .text
    .global main
    .type main, %function
main:
    push    {r4, lr}
    mov     r4, #5              @ @asm-first
    mov     r0, r4
    bl      twice               @ @asm-call
    add     r4, r0, #1          @ @asm-after
    hvc     #0x42               @ @asm-hvc
    mov     r0, r4
    pop     {r4, pc}
    .size main, . - main

    .type twice, %function
twice:
    add     r0, r0, r0          @ @asm-twice
    bx      lr
    .size twice, . - twice

    /* Hyp exceptions return straight to ELR_hyp (the instruction after the HVC). */
    .global hyp_handler
    .type hyp_handler, %function
hyp_handler:
    bx      lr                  @ @asm-handler
    .size hyp_handler, . - hyp_handler
