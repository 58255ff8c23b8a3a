/*
 * Mixed ARM/Thumb: an ARM hypervisor with a Thumb trap handler, Thumb helpers called from ARM and
 * back (BL/BLX interworking, POP {pc}, LDR pc, BX), and a spread of T32 data-processing, media,
 * multiply, divide, load/store and table-branch instructions whose results are printed for the
 * QEMU/hypscope comparison. ARM ARM A4.1 (interworking), A6.3.
 */
#include "guest.h"

GUEST_BOOT_HYP;

#define THUMB __attribute__((target("thumb"), noinline))
#define ARM __attribute__((target("arm"), noinline))

THUMB void hyp_handler(u32 kind, struct hyp_frame *f)
{
    u32 ec = f->hsr >> 26;
    printf("hyp %s: spsr=%08x hsr=%08x\n", hyp_exc_name(kind), f->spsr, f->hsr);
    if (ec != 0x12) f->elr += (f->hsr >> 25) & 1 ? 4 : 2;
    f->r[0] ^= 0x5a;
}

THUMB static u32 t_dp(u32 a, u32 b)
{
    u32 r[8];
    __asm__ volatile(
        "adds.w %0, %8, #0x00ff00ff\n\t"
        "orn %1, %8, %9, ror #7\n\t"
        "rsb %2, %9, %8, lsl #3\n\t"
        "sbfx %3, %8, #5, #9\n\t"
        "bfi %4, %9, #12, #7\n\t"
        "rbit %5, %8\n\t"
        "usat %6, #10, %9, asr #3\n\t"
        "mvns.w %7, %8, asr #2\n\t"
        : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=r"(r[4]), "=&r"(r[5]), "=&r"(r[6]), "=&r"(r[7])
        : "r"(a), "r"(b), "4"(0xdeadbeef) : "cc");
    u32 s = 0;
    for (int i = 0; i < 8; i++) { printf(" %08x", r[i]); s += r[i]; }
    printf("\n");
    return s;
}

THUMB static u32 t_media(u32 a, u32 b)
{
    u32 r[8];
    u32 lo = 0x11111111, hi = 0x22222222;
    __asm__ volatile(
        "uqsub8 %0, %8, %9\n\t"
        "shasx %1, %8, %9\n\t"
        "sadd16 %2, %8, %9\n\t"
        "sel %3, %8, %9\n\t"
        "smlabt %4, %8, %9, %8\n\t"
        "smmlsr %5, %8, %9, %9\n\t"
        "uxtab16 %6, %8, %9, ror #8\n\t"
        "qdsub %7, %8, %9\n\t"
        : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(r[4]), "=&r"(r[5]), "=&r"(r[6]), "=&r"(r[7])
        : "r"(a), "r"(b) : "cc");
    __asm__ volatile("umaal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
    u32 s = lo ^ hi;
    for (int i = 0; i < 8; i++) { printf(" %08x", r[i]); s += r[i]; }
    printf(" | %08x %08x sdiv=%d udiv=%u\n", lo, hi, (int)a / (int)(b | 1), a / (b | 1));
    return s;
}

THUMB static u32 t_switch(u32 k)
{
    switch (k) {  /* -O1 Thumb-2 turns a dense switch into TBB */
    case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41;
    case 4: return 53; case 5: return 67; case 6: return 71; default: return 99;
    }
}

ARM static u32 a_twice(u32 x) { return x * 2 + 1; }

THUMB static u32 t_calls_arm(u32 x)
{
    u32 (*volatile fp)(u32) = a_twice;  /* BLX register to ARM, returns with BX lr */
    return fp(x) + a_twice(x + 1);      /* BL/BLX immediate to ARM */
}

THUMB static u32 t_ldst(u32 *p)
{
    u32 v;
    __asm__ volatile(
        "ldrd r2, r3, [%1, #8]!\n\t"
        "strh.w r2, [%1, #-2]\n\t"
        "ldrsb.w %0, [%1, #3]\n\t"
        "add %0, %0, r3\n\t"
        "ldrex r2, [%1]\n\t"
        "strex r3, r2, [%1]\n\t"
        "add %0, %0, r3\n\t"
        : "=&r"(v), "+r"(p) : : "r2", "r3", "memory");
    return v;
}

static u32 ALIGNED(8) mem[8] = { 1, 2, 0x80c0ff03, 0x44, 5, 6, 7, 8 };

ARM static u32 guest(u32 arg)
{
    u32 r0 = INSN_R0("hvc #0x31", arg);
    printf("guest arm after hvc r0=%08x\n", r0);
    return r0 + t_calls_arm(r0);
}

ARM int main(void)
{
    u32 s = t_dp(0x12345678, 0x9abcdef0) + t_dp(0xffffffff, 7);
    s += t_media(0x7fff8001, 0x80017fff) + t_media(0x12345678, 0x0f0f0f0f);
    for (u32 k = 0; k < 9; k++) s += t_switch(k);
    s += t_calls_arm(5) + t_ldst(mem);
    printf("sum=%08x mem=%08x %08x %08x\n", s, mem[1], mem[2], mem[3]);
    u32 res = call_pl1(guest, 7, 0x1d3);
    printf("guest returned %08x\n", res);
    return 0;
}
