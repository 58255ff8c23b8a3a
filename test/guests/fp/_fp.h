/*
 * Helpers for the floating-point guests (not a guest: leading '_'). The guests are built soft-float;
 * every FP instruction is inline assembly preceded by `.fpu neon-vfpv4` (the Makefile only reads a
 * top-level local.mk, so no per-guest -mfpu). Results are printed as bit patterns.
 */
#ifndef FP_H
#define FP_H

#include "guest.h"

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#define FPU ".fpu neon-vfpv4\n\t"

/* FPSCR control values */
#define RN 0u
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)
#define FZ (1u << 24)
#define DN (1u << 25)
#define AHP (1u << 26)

/* CPACR cp10/cp11 full access, then FPEXC.EN (B4.1.40, B6.1.2). */
static inline void fp_enable(void)
{
    write_cpacr(read_cpacr() | (0xfu << 20));
    __asm__ volatile("isb");
    __asm__ volatile(FPU "vmsr fpexc, %0" : : "r"(1u << 30));
}

static inline u32 get_fpscr(void)
{
    u32 v;
    __asm__ volatile(FPU "vmrs %0, fpscr" : "=r"(v));
    return v;
}

static inline void set_fpscr(u32 v)
{
    __asm__ volatile(FPU "vmsr fpscr, %0" : : "r"(v));
}

/* Running hash of results (FNV-1a over words), so whole sweeps print as one line. */
static inline u32 mix(u32 h, u32 v)
{
    for (int i = 0; i < 4; i++) { h ^= (v >> (8 * i)) & 0xff; h *= 16777619u; }
    return h;
}

/* Single-precision op: s0 = d (accumulator), s1 = a, s2 = b; returns s0, *fl = FPSCR after. */
#define DEF_S(fn, insn)                                                                        \
static u32 fn(u32 a, u32 b, u32 d, u32 fpscr, u32 *fl)                                         \
{                                                                                              \
    u32 r, f;                                                                                  \
    __asm__ volatile(FPU "vmsr fpscr, %[fs]\n\tvmov s0, %[d]\n\tvmov s1, %[a]\n\tvmov s2, %[b]\n\t" \
                     insn "\n\tvmov %[r], s0\n\tvmrs %[f], fpscr"                              \
                     : [r] "=&r"(r), [f] "=&r"(f)                                              \
                     : [a] "r"(a), [b] "r"(b), [d] "r"(d), [fs] "r"(fpscr) : "memory", "cc", "r12"); \
    *fl = f;                                                                                   \
    return r;                                                                                  \
}

/* Double-precision op: d0 = d, d1 = a, d2 = b; returns d0. */
#define DEF_D(fn, insn)                                                                        \
static u64 fn(u64 a, u64 b, u64 d, u32 fpscr, u32 *fl)                                         \
{                                                                                              \
    u32 lo, hi, f;                                                                             \
    __asm__ volatile(FPU "vmsr fpscr, %[fs]\n\tvmov d0, %Q[d], %R[d]\n\tvmov d1, %Q[a], %R[a]\n\t" \
                     "vmov d2, %Q[b], %R[b]\n\t" insn "\n\tvmov %[lo], %[hi], d0\n\tvmrs %[f], fpscr" \
                     : [lo] "=&r"(lo), [hi] "=&r"(hi), [f] "=&r"(f)                            \
                     : [a] "r"(a), [b] "r"(b), [d] "r"(d), [fs] "r"(fpscr) : "memory", "cc", "r12"); \
    *fl = f;                                                                                   \
    return ((u64)hi << 32) | lo;                                                               \
}

static const u32 fpmodes[] = { RN, RP, RM, RZ, FZ, FZ | RP, FZ | RM, FZ | RZ, DN, DN | FZ | RM };

#endif
