/*
 * Modes and banking from SVC: CPS into each PL1 mode (and System), write
 * r8-r14 + SPSR in each, read them all back; FIQ banks r8-r12; MSR CPSR_c
 * mode changes; banked MRS/MSR (r8_fiq, r12_fiq, sp_usr, lr_irq, spsr_abt; msr r10_fiq, lr_und, spsr_irq)
 * from SVC; CPS to Hyp/Monitor/reserved modes is ignored; CPS changing
 * the A/I/F masks.
 */
#include "_common.h"

static const u32 modes[] = {MODE_FIQ, MODE_IRQ, MODE_ABT, MODE_UND, MODE_SYS, MODE_SVC};

struct bank {
    u32 r[7]; /* r8..r14 */
    u32 spsr;
};

static struct bank saved[6];

/* Switch to `mode` with MSR CPSR_c, store r8-r14 and SPSR (if any), switch back. */
static void NOINLINE snapshot(u32 mode, struct bank *b)
{
    __asm__ volatile(
        "mrs r3, cpsr\n\t"
        "bic r2, r3, #0x1f\n\t"
        "orr r2, r2, %1\n\t"
        "msr cpsr_c, r2\n\t"
        "stmia %0, {r8-r14}\n\t"
        "cmp %1, #0x1f\n\t"
        "mrsne r2, spsr\n\t"
        "moveq r2, #0\n\t"
        "str r2, [%0, #28]\n\t"
        "msr cpsr_c, r3"
        : : "r"(b), "r"(mode) : "r2", "r3", "cc", "memory");
}

/* Fill r8-r14 and SPSR of `mode` with a pattern, preserving sp/lr of modes that use them. */
static void NOINLINE seed(u32 mode, u32 tag)
{
    __asm__ volatile(
        "push {r4-r11}\n\t"
        "mrs r3, cpsr\n\t"
        "bic r2, r3, #0x1f\n\t"
        "orr r2, r2, %0\n\t"
        "mov r4, sp\n\t"           /* svc sp */
        "msr cpsr_c, r2\n\t"
        "add r8, %1, #8\n\t"
        "add r9, %1, #9\n\t"
        "add r10, %1, #10\n\t"
        "add r11, %1, #11\n\t"
        "add r12, %1, #12\n\t"
        "add lr, %1, #14\n\t"
        "cmp %0, #0x1f\n\t"
        "orrne r2, %1, #0x1d0\n\t"
        "orrne r2, r2, #0x0b\n\t"  /* SPSR = tag | 0x1db-ish, a valid und mode */
        "msrne spsr_fsxc, r2\n\t"
        "msr cpsr_c, r3\n\t"
        "mov sp, r4\n\t"
        "pop {r4-r11}"
        : : "r"(mode), "r"(tag) : "r2", "r3", "r12", "lr", "cc", "memory");
}

int main(void)
{
    for (u32 i = 0; i < 5; i++)
        seed(modes[i], (i + 1) << 24);
    for (u32 i = 0; i < 6; i++)
        snapshot(modes[i], &saved[i]);
    for (u32 i = 0; i < 5; i++) {
        printf("%s: r8-r12=%08x %08x %08x %08x %08x lr=%08x spsr=%08x\n", mode_name(modes[i]),
               saved[i].r[0], saved[i].r[1], saved[i].r[2], saved[i].r[3], saved[i].r[4], saved[i].r[6],
               saved[i].spsr);
    }
    /* sp of each mode: print offsets from the stack symbols to avoid layout noise */
    extern u8 __stack_fiq_top[], __stack_irq_top[], __stack_abt_top[], __stack_und_top[], __stack_usr_top[];
    printf("sp fiq=%d irq=%d abt=%d und=%d usr=%d\n",
           (int)(saved[0].r[5] - (u32)__stack_fiq_top), (int)(saved[1].r[5] - (u32)__stack_irq_top),
           (int)(saved[2].r[5] - (u32)__stack_abt_top), (int)(saved[3].r[5] - (u32)__stack_und_top),
           (int)(saved[4].r[5] - (u32)__stack_usr_top));

    /* banked MRS/MSR from SVC */
    u32 v;
    __asm__ volatile("mrs %0, r8_fiq" : "=r"(v));
    printf("mrs r8_fiq=%08x\n", v);
    __asm__ volatile("mrs %0, sp_usr" : "=r"(v));
    printf("mrs sp_usr-top=%d\n", (int)(v - (u32)__stack_usr_top));
    __asm__ volatile("mrs %0, r12_fiq" : "=r"(v));
    printf("mrs r12_fiq=%08x\n", v);
    __asm__ volatile("mrs %0, lr_irq" : "=r"(v));
    printf("mrs lr_irq=%08x\n", v);
    __asm__ volatile("mrs %0, spsr_abt" : "=r"(v));
    printf("mrs spsr_abt=%08x\n", v);
    __asm__ volatile("msr r10_fiq, %0" : : "r"(0xf10f10f1));
    __asm__ volatile("msr lr_und, %0" : : "r"(0x0dd0dd0d));
    __asm__ volatile("msr spsr_irq, %0" : : "r"(0x800001d2));
    snapshot(MODE_FIQ, &saved[0]);
    snapshot(MODE_UND, &saved[3]);
    snapshot(MODE_IRQ, &saved[1]);
    printf("after msr banked: r10_fiq=%08x lr_und=%08x spsr_irq=%08x\n", saved[0].r[2], saved[3].r[6], saved[1].spsr);

    /* illegal mode changes are ignored */
    u32 before = read_cpsr(), after;
    __asm__ volatile("cps #0x1a\n\tmrs %0, cpsr" : "=r"(after));
    printf("cps hyp: mode %s -> %s\n", mode_name(before), mode_name(after));
    __asm__ volatile("cps #0x16\n\tmrs %0, cpsr" : "=r"(after));
    printf("cps mon: -> %s\n", mode_name(after));
    __asm__ volatile("mrs r2, cpsr\n\tbic r2, r2, #0x1f\n\torr r2, r2, #0x15\n\tmsr cpsr_c, r2\n\tmrs %0, cpsr"
                     : "=r"(after) : : "r2");
    printf("msr reserved 0x15: -> %s\n", mode_name(after));
    /* mask bits */
    __asm__ volatile("cpsie if\n\tmrs %0, cpsr" : "=r"(after));
    printf("cpsie if: aif=%x\n", (after >> 6) & 7);
    __asm__ volatile("cpsid a\n\tmrs %0, cpsr" : "=r"(after));
    printf("cpsid a: aif=%x\n", (after >> 6) & 7);
    __asm__ volatile("cpsid if, #0x1f\n\tmrs %0, cpsr\n\tcps #0x13" : "=r"(after));
    printf("cpsid if, #sys: mode=%s aif=%x\n", mode_name(after), (after >> 6) & 7);
    return 0;
}
