/*
 * _probe.s - position-independent boot probe for raw images, -bios firmware and ELFs at any
 * address: prints the entry registers, the FDT header at r2 (or at RAM start), then exits.
 * Built by test/emulator/board/boot-qemu.test.ts (not by the Makefile, which builds only .c and .S files).
 */
    .syntax unified
    .arm
    .equ UART, 0x09000000

    .section .text.boot, "ax"
    .global _start
_start:
    /* Save r0-r3, sp, lr, CPSR, the entry address before anything clobbers them. */
    mov     r8, r0
    mov     r9, r1
    mov     r10, r2
    mov     r11, r3
    mrs     r12, cpsr
    sub     r7, pc, #28                 @ address of _start (pc reads as . + 8)
    mov     r6, sp
    mov     r5, lr
    adr     sp, stack_top

    adr     r0, s_pc
    mov     r1, r7
    bl      put_kv
    adr     r0, s_cpsr
    mov     r1, r12
    bl      put_kv
    adr     r0, s_r0
    mov     r1, r8
    bl      put_kv
    adr     r0, s_r1
    mov     r1, r9
    bl      put_kv
    adr     r0, s_r2
    mov     r1, r10
    bl      put_kv
    adr     r0, s_r3
    mov     r1, r11
    bl      put_kv
    adr     r0, s_sp
    mov     r1, r6
    bl      put_kv
    adr     r0, s_lr
    mov     r1, r5
    bl      put_kv
    bl      put_nl

    /* FDT header (10 big-endian words) at r2, or at the start of RAM when r2 == 0. */
    movs    r4, r10
    moveq   r4, #0x40000000
    adr     r0, s_fdt
    mov     r1, r4
    bl      put_kv
    mov     r5, #0
1:  ldr     r1, [r4, r5, lsl #2]
    rev     r1, r1
    adr     r0, s_sp_only
    bl      put_kv
    add     r5, r5, #1
    cmp     r5, #10
    blo     1b
    bl      put_nl

    /* Exit with code 0x42 through semihosting SYS_EXIT_EXTENDED. */
    adr     r1, exit_block
    mov     r0, #0x20
    svc     0x123456
    b       .

/* put_kv: print the string at r0, then r1 as 8 hex digits. Clobbers r0-r3. */
put_kv:
    ldr     r3, =UART
2:  ldrb    r2, [r0], #1
    cmp     r2, #0
    strbne  r2, [r3]
    bne     2b
    mov     r2, #28
3:  lsr     r0, r1, r2
    and     r0, r0, #0xf
    cmp     r0, #10
    addlo   r0, r0, #'0'
    addhs   r0, r0, #('a' - 10)
    strb    r0, [r3]
    subs    r2, r2, #4
    bpl     3b
    bx      lr

put_nl:
    ldr     r3, =UART
    mov     r0, #'\n'
    strb    r0, [r3]
    bx      lr

    .ltorg
    .align 2
exit_block:
    .word   0x20026, 0x42
s_pc:       .asciz "entry pc="
s_cpsr:     .asciz " cpsr="
s_r0:       .asciz " r0="
s_r1:       .asciz " r1="
s_r2:       .asciz " r2="
s_r3:       .asciz " r3="
s_sp:       .asciz " sp="
s_lr:       .asciz " lr="
s_fdt:      .asciz "fdt@"
s_sp_only:  .asciz " "
    .align 3
    .space  256
stack_top:
