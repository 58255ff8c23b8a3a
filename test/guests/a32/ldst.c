/*
 * Single loads/stores: LDR/STR/LDRB/STRB with immediate, register and
 * scaled-register offsets, pre/post-indexed with writeback, negative offsets;
 * LDRH/STRH/LDRSB/LDRSH (imm and reg); LDRD/STRD; LDRT/STRT/LDRBT/STRBT/
 * LDRHT/LDRSBT from SVC mode; PC-relative LDR; unaligned LDR/LDRH (SCTLR.A=0).
 */
#include "_common.h"

static u8 ALIGNED(8) mem[64];

static void fill(void)
{
    for (u32 i = 0; i < sizeof(mem); i++)
        mem[i] = (u8)(0x80 + i * 7);
}

static void dump(const char *what)
{
    printf("%s:", what);
    for (u32 i = 0; i < sizeof(mem); i += 4)
        printf(" %08x", *(volatile u32 *)&mem[i]);
    uart_putc('\n');
}

/* One load: %0 result, %1 base (in/out), %2 index. Prints result and base delta. */
#define LD(name, insn, off, idx) do {                                          \
    u32 r_, base_ = (u32)mem + (off), b0_ = base_, i_ = (idx);                 \
    __asm__ volatile(insn : "=&r"(r_), "+r"(base_) : "r"(i_) : "memory");      \
    printf("%s -> %08x base%+d\n", name, r_, (int)(base_ - b0_));               \
} while (0)

#define ST(name, insn, off, idx, val) do {                                     \
    u32 base_ = (u32)mem + (off), b0_ = base_, i_ = (idx), v_ = (val);         \
    fill();                                                                    \
    __asm__ volatile(insn : "+r"(base_) : "r"(i_), "r"(v_) : "memory");         \
    printf("%s base%+d ", name, (int)(base_ - b0_));                            \
    dump("mem");                                                               \
} while (0)

int main(void)
{
    fill();
    dump("init");
    LD("ldr imm", "ldr %0, [%1, #4]", 8, 0);
    LD("ldr -imm", "ldr %0, [%1, #-4]", 8, 0);
    LD("ldr imm!", "ldr %0, [%1, #4]!", 8, 0);
    LD("ldr post", "ldr %0, [%1], #-8", 16, 0);
    LD("ldr reg", "ldr %0, [%1, %2]", 8, 12);
    LD("ldr -reg!", "ldr %0, [%1, -%2]!", 32, 12);
    LD("ldr lsl2", "ldr %0, [%1, %2, lsl #2]", 0, 5);
    LD("ldr asr1 post", "ldr %0, [%1], %2, asr #1", 4, 0xfffffff8);
    LD("ldr ror", "ldr %0, [%1, %2, ror #28]", 0, 1);
    LD("ldrb", "ldrb %0, [%1, #3]", 0, 0);
    LD("ldrb reg!", "ldrb %0, [%1, %2]!", 0, 63);
    LD("ldrh", "ldrh %0, [%1, #6]", 0, 0);
    LD("ldrh reg", "ldrh %0, [%1, %2]", 0, 10);
    LD("ldrh post", "ldrh %0, [%1], #-2", 20, 0);
    LD("ldrsh", "ldrsh %0, [%1, #2]", 0, 0);
    LD("ldrsh -reg!", "ldrsh %0, [%1, -%2]!", 20, 4);
    LD("ldrsb", "ldrsb %0, [%1, #1]", 0, 0);
    LD("ldrsb reg", "ldrsb %0, [%1, %2]", 0, 17);
    LD("ldr unaligned", "ldr %0, [%1, #1]", 0, 0);
    LD("ldrh unaligned", "ldrh %0, [%1, #3]", 0, 0);
    LD("ldrt", "ldrt %0, [%1], #4", 8, 0);
    LD("ldrbt", "ldrbt %0, [%1], %2", 8, 3);
    LD("ldrht", "ldrht %0, [%1], #2", 8, 0);
    LD("ldrsbt", "ldrsbt %0, [%1], #1", 9, 0);
    LD("ldrsht", "ldrsht %0, [%1], #-2", 10, 0);
    {
        register u32 lo __asm__("r2"), hi __asm__("r3");
        u32 base = (u32)mem + 8, b0 = base;
        __asm__ volatile("ldrd r2, r3, [%2, #8]!" : "=&r"(lo), "=&r"(hi), "+r"(base) : : "memory");
        u32 l1 = lo, h1 = hi;
        printf("ldrd! -> %08x %08x base%+d\n", l1, h1, (int)(base - b0));
        __asm__ volatile("ldrd r2, r3, [%2], #-16" : "=&r"(lo), "=&r"(hi), "+r"(base) : : "memory");
        l1 = lo;
        h1 = hi;
        printf("ldrd post -> %08x %08x base%+d\n", l1, h1, (int)(base - b0));
    }
    {
        u32 v;
        __asm__ volatile("ldr %0, 1f\n\tb 2f\n1: .word 0xc0ffee11\n2:" : "=r"(v));
        printf("ldr literal -> %08x\n", v);
    }
    ST("str imm", "str %2, [%0, #4]", 8, 0, 0x11223344);
    ST("str -imm!", "str %2, [%0, #-4]!", 8, 0, 0x55667788);
    ST("str post reg", "str %2, [%0], %1", 8, 20, 0x99aabbcc);
    ST("str lsl3", "str %2, [%0, %1, lsl #3]", 0, 3, 0xddeeff00);
    ST("strb", "strb %2, [%0, #5]", 0, 0, 0x123456ab);
    ST("strb -reg!", "strb %2, [%0, -%1]!", 16, 3, 0xcd);
    ST("strh", "strh %2, [%0, #2]", 0, 0, 0xfedc1234);
    ST("strh post", "strh %2, [%0], #6", 4, 0, 0xbeef);
    ST("str unaligned", "str %2, [%0, #3]", 0, 0, 0xa1b2c3d4);
    ST("strt", "strt %2, [%0], #4", 12, 0, 0x0badf00d);
    ST("strbt", "strbt %2, [%0], %1", 12, 2, 0x77);
    ST("strht", "strht %2, [%0], #2", 12, 0, 0x6655);
    {
        u32 base = (u32)mem + 16, b0 = base;
        fill();
        __asm__ volatile("mov r2, %1\n\tmov r3, %2\n\tstrd r2, r3, [%0, #-8]!"
                         : "+r"(base) : "r"(0x01020304), "r"(0x05060708) : "r2", "r3", "memory");
        printf("strd! base%+d ", (int)(base - b0));
        dump("mem");
    }
    return 0;
}
