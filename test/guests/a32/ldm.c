/*
 * Load/store multiple: LDM/STM IA/IB/DA/DB with and without writeback,
 * PUSH/POP, LDM with PC (branch), STM with the base in the list, and the
 * user-bank forms STM {..}^ / LDM {..}^ (without PC) from SVC mode.
 */
#include "_common.h"

static u32 ALIGNED(8) mem[16];

static void fill(void)
{
    for (u32 i = 0; i < 16; i++)
        mem[i] = 0xa0000000u | (i * 0x01010101u);
}

static void dump(void)
{
    for (u32 i = 0; i < 16; i++)
        printf(" %08x", mem[i]);
    uart_putc('\n');
}

#define LDM4(name, insn, off) do {                                            \
    register u32 base_ __asm__("r4") = (u32)&mem[0] + (off);                  \
    register u32 a_ __asm__("r5"), b_ __asm__("r6"), c_ __asm__("r7");         \
    register u32 d_ __asm__("r8");                                            \
    u32 b0_ = base_;                                                          \
    __asm__ volatile(insn : "+r"(base_), "=r"(a_), "=r"(b_), "=r"(c_), "=r"(d_) \
                     : : "memory");                                           \
    printf("%s -> %08x %08x %08x %08x base%+d\n", name, a_, b_, c_, d_,      \
           (int)(base_ - b0_));                                               \
} while (0)

#define STM4(name, insn, off) do {                                            \
    register u32 base_ __asm__("r4") = (u32)&mem[0] + (off);                  \
    register u32 a_ __asm__("r5") = 0x55555555, b_ __asm__("r6") = 0x66666666; \
    register u32 c_ __asm__("r7") = 0x77777777, d_ __asm__("r8") = 0x88888888; \
    u32 b0_ = base_;                                                          \
    fill();                                                                   \
    __asm__ volatile(insn : "+r"(base_) : "r"(a_), "r"(b_), "r"(c_), "r"(d_)  \
                     : "memory");                                             \
    printf("%s base%+d:", name, (int)(base_ - b0_));                          \
    dump();                                                                   \
} while (0)

int main(void)
{
    fill();
    LDM4("ldmia", "ldmia r4, {r5-r8}", 16);
    LDM4("ldmia!", "ldmia r4!, {r5-r8}", 16);
    LDM4("ldmib", "ldmib r4, {r5-r8}", 16);
    LDM4("ldmib!", "ldmib r4!, {r5-r8}", 16);
    LDM4("ldmda", "ldmda r4, {r5-r8}", 32);
    LDM4("ldmda!", "ldmda r4!, {r5-r8}", 32);
    LDM4("ldmdb", "ldmdb r4, {r5-r8}", 32);
    LDM4("ldmdb!", "ldmdb r4!, {r5-r8}", 32);
    LDM4("ldm sparse", "ldmia r4!, {r5, r8}", 4);
    STM4("stmia", "stmia r4, {r5-r8}", 16);
    STM4("stmia!", "stmia r4!, {r5-r8}", 16);
    STM4("stmib!", "stmib r4!, {r5-r8}", 16);
    STM4("stmda!", "stmda r4!, {r5-r8}", 32);
    STM4("stmdb", "stmdb r4, {r5-r8}", 32);
    STM4("stm base first", "stmia r4!, {r4-r6}", 8);  /* base lowest: stores original base */
    {
        /* LDM with PC: loads the return target */
        u32 out;
        __asm__ volatile(
            "adr r0, 1f\n\t"
            "push {r0}\n\t"
            "mov %0, #1\n\t"
            "ldmia sp!, {pc}\n\t"
            "mov %0, #2\n"
            "1:\n\t"
            "add %0, %0, #0x10"
            : "=&r"(out) : : "r0", "memory");
        printf("ldm pc -> %08x\n", out);
    }
    {
        /* push/pop of many registers, check sp delta and order */
        u32 sp0, sp1, x, y;
        __asm__ volatile(
            "mov %0, sp\n\t"
            "mov r0, #0x10\n\tmov r1, #0x11\n\tmov r2, #0x12\n\tmov r3, #0x13\n\t"
            "push {r0-r3, r12}\n\t"
            "mov %1, sp\n\t"
            "ldr %2, [sp, #4]\n\t"
            "pop {r0-r3, r12}\n\t"
            "add %3, r0, r3"
            : "=&r"(sp0), "=&r"(sp1), "=&r"(x), "=&r"(y) : : "r0", "r1", "r2", "r3", "r12", "memory");
        printf("push: sp%+d [sp+4]=%08x r0+r3=%08x\n", (int)(sp1 - sp0), x, y);
    }
    {
        /* user-bank transfers from SVC: STM {sp, lr}^ stores SP_usr / LR_usr */
        u32 svc_sp;
        fill();
        register u32 base __asm__("r4") = (u32)&mem[0];
        __asm__ volatile(
            "mov %0, sp\n\t"
            "cps #0x1f\n\t"              /* System mode: set usr sp/lr */
            "mov r5, sp\n\t"
            "ldr sp, =0x40004000\n\t"
            "ldr lr, =0x4000beef\n\t"
            "cps #0x13\n\t"
            "stmia r4, {sp, lr}^\n\t"
            "ldr r6, =0x40005000\n\t"
            "ldr r7, =0x4000f00d\n\t"
            "str r6, [r4, #8]\n\t"
            "str r7, [r4, #12]\n\t"
            "add r8, r4, #8\n\t"
            "ldmia r8, {sp, lr}^\n\t"
            "nop\n\t"
            "cps #0x1f\n\t"
            "str sp, [r4, #16]\n\t"
            "str lr, [r4, #20]\n\t"
            "mov sp, r5\n\t"
            "cps #0x13"
            : "=&r"(svc_sp) : "r"(base) : "r5", "r6", "r7", "r8", "lr", "memory");
        printf("user bank: svc sp unchanged=%d", read_sp() == svc_sp);
        dump();
    }
    return 0;
}
