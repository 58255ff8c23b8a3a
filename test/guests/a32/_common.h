/*
 * Helpers for the A32 instruction guests (not a guest: leading '_').
 *
 * OP(name, insn, a, b, c, psr_in) executes `insn` once with
 *   %0 = result register (output), %2/%3/%4 = a/b/c (inputs),
 * after setting NZCVQ and GE from psr_in (MSR CPSR_fs), and prints
 *   "<name> a=.. b=.. -> <result> <flags>".
 */
#ifndef A32_COMMON_H
#define A32_COMMON_H

#include "guest.h"

static inline void report(const char *name, u32 a, u32 b, u32 r, u32 psr)
{
    printf("%s a=%08x b=%08x -> %08x ", name, a, b, r);
    print_flags(psr);
    uart_putc('\n');
}

#define OP(name, insn, a, b, c, psr_in) do {                                   \
    u32 r_ = 0xdeadbeef, p_;                                                   \
    u32 a_ = (a), b_ = (b), c_ = (c), f_ = (psr_in);                           \
    __asm__ volatile("msr cpsr_fs, %5\n\t" insn "\n\tmrs %1, cpsr"             \
                     : "+&r"(r_), "=&r"(p_)                                    \
                     : "r"(a_), "r"(b_), "r"(c_), "r"(f_) : "cc");             \
    report(name, a_, b_, r_, p_);                                              \
} while (0)

/* Two results: %0 and %1 (in/out, e.g. RdLo/RdHi), inputs %3 %4; flags %2. */
#define OP64(name, insn, lo, hi, a, b, psr_in) do {                            \
    u32 l_ = (lo), h_ = (hi), p_, a_ = (a), b_ = (b), f_ = (psr_in);           \
    __asm__ volatile("msr cpsr_fs, %5\n\t" insn "\n\tmrs %2, cpsr"             \
                     : "+&r"(l_), "+&r"(h_), "=&r"(p_)                         \
                     : "r"(a_), "r"(b_), "r"(f_) : "cc");                      \
    printf("%s a=%08x b=%08x -> %08x:%08x ", name, a_, b_, h_, l_);            \
    print_flags(p_);                                                           \
    uart_putc('\n');                                                           \
} while (0)

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))

static const u32 vals[] = {
    0x00000000, 0x00000001, 0x7fffffff, 0x80000000, 0xffffffff,
    0x80000001, 0x12345678, 0xfedcba98, 0x0000ffff, 0x00008000,
};

#define FL_NONE 0x00000000u
#define FL_C    0x20000000u
#define FL_ALL  0xf80f0000u /* NZCVQ + GE=1111 */

#endif
