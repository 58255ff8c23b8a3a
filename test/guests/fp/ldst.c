/* FP register file and transfers: VLDM/VSTM of all 32 D registers (NaN payloads kept bit-exact), VPUSH/
 * VPOP, VLDR/VSTR (incl. PC-relative), VLDMDB/VSTMIA with write-back, VMOV core <-> S/D/scalar, VDUP,
 * VMOV immediate, FPSCR/FPEXC write masks, access checks (CPACR, FPEXC.EN) and an unaligned VLDR abort. */
#include "_fp.h"

static u32 src[64] __attribute__((aligned(8)));
static u32 dst[72] __attribute__((aligned(8)));
static volatile u32 undefs, aborts;

void exc_handler(u32 kind, struct exc_frame *f)
{
    if (kind == EXC_UND) undefs++;
    else if (kind == EXC_DABT) {
        aborts++;
        printf("dabt dfsr=%08x dfar_low=%03x\n", read_dfsr(), read_dfar() & 0xfff);
    } else {
        printf("UNEXPECTED %s\n", exc_name(kind));
        semihost_exit(0xe0 + kind);
    }
}

static void dump(const char *what, const u32 *p, u32 n)
{
    printf("%s:", what);
    for (u32 i = 0; i < n; i++) printf("%s%08x", i % 8 ? " " : "\n ", p[i]);
    printf("\n");
}

int main(void)
{
    fp_enable();
    for (u32 i = 0; i < 64; i++) src[i] = 0x01010101u * i ^ 0x9e3779b9u * (i + 1);
    src[0] = 0x00000001; src[1] = 0x7ff00000;     /* d0: signaling NaN, payload 1 */
    src[2] = 0x7f800001; src[3] = 0xffbfffff;     /* s4, s5: signaling NaNs */
    src[62] = 0xffffffff; src[63] = 0xffffffff;

    /* all 32 D registers in, then out in the opposite addressing mode */
    u32 *p = src, *q = dst + 64;
    __asm__ volatile(FPU "vldmia %0!, {d0-d15}\n\tvldmia %0!, {d16-d31}\n\t"
                     "vstmdb %1!, {d16-d31}\n\tvstmdb %1!, {d0-d15}" : "+r"(p), "+r"(q) : : "memory");
    printf("vldmia/vstmdb wb: p=+%u q=-%u\n", (u32)(p - src) * 4, (u32)(dst + 64 - q) * 4);
    dump("D0-D31", dst, 64);

    /* VPUSH/VPOP around a clobber */
    u32 sp0, sp1, sp2;
    __asm__ volatile("mov %0, sp\n\t" FPU "vpush {d8-d15}\n\tmov %1, sp\n\tvmov.i32 q4, #0\n\tvmov.i32 q7, #0\n\t"
                     "vpop {d8-d15}\n\tmov %2, sp" : "=&r"(sp0), "=&r"(sp1), "=&r"(sp2) : : "memory");
    printf("vpush sp-%u vpop sp+%u\n", sp0 - sp1, sp2 - sp1);
    q = dst;
    __asm__ volatile(FPU "vstmia %0, {d8-d15}" : : "r"(q) : "memory");
    dump("d8-d15 after pop", dst, 16);

    /* single-precision lists with odd first register and write-back */
    for (u32 i = 0; i < 72; i++) dst[i] = 0;
    p = src + 8; q = dst + 8;
    __asm__ volatile(FPU "vldmdb %0!, {s5-s11}\n\tvstmia %1!, {s3-s12}\n\tvstr s7, [%1, #4]\n\t"
                     "vstr d3, [%1, #-48]\n\tvldr s0, [%1, #-4]\n\tvstr s0, [%1, #16]"
                     : "+r"(p), "+r"(q) : : "memory");
    printf("vldmdb s: p=-%u vstmia s: q=+%u\n", (u32)(src + 8 - p) * 4, (u32)(q - dst - 8) * 4);
    dump("singles", dst, 24);

    /* PC-relative VLDR (literal pool) */
    u32 lo, hi, s;
    __asm__ volatile(FPU "vldr d5, 1f\n\tvldr s3, 2f\n\tb 3f\n\t.align 3\n1: .word 0x89abcdef, 0x01234567\n"
                     "2: .word 0xcafef00d\n3:\n\tvmov %0, %1, d5\n\tvmov %2, s3" : "=r"(lo), "=r"(hi), "=r"(s));
    printf("vldr literal: %08x%08x %08x\n", hi, lo, s);

    /* core <-> extension moves */
    u32 a, b, c, d;
    __asm__ volatile(FPU "vmov d7, %2, %3\n\tvmov %0, %1, s14, s15" : "=&r"(a), "=&r"(b) : "r"(0x11223344), "r"(0x55667788));
    printf("vmov d/ss: %08x %08x\n", a, b);
    __asm__ volatile(FPU "vmov s30, s31, %2, %3\n\tvmov %0, %1, d15" : "=&r"(a), "=&r"(b) : "r"(0xaabbccdd), "r"(0xeeff0011));
    printf("vmov ss/d: %08x %08x\n", a, b);
    __asm__ volatile(FPU "vmov d20, %0, %1\n\t" : : "r"(0x8899aabb), "r"(0xf0e1d2c3));
    __asm__ volatile(FPU "vmov.u8 %0, d20[7]\n\tvmov.s8 %1, d20[7]\n\tvmov.u16 %2, d20[1]\n\tvmov.s16 %3, d20[1]"
                     : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d));
    printf("scalar reads: %08x %08x %08x %08x\n", a, b, c, d);
    __asm__ volatile(FPU "vmov.8 d20[2], %0\n\tvmov.16 d20[3], %1\n\tvmov.32 d21[1], %2\n\tvmov.32 d21[0], %2\n\t"
                     "vmov.32 %3, d20[0]\n\tvmov.32 %4, d20[1]" : : "r"(0x1234), "r"(0xabcdef), "r"(0x76543210), "r"(&a), "r"(&b));
    __asm__ volatile(FPU "vmov %0, %1, d20\n\tvmov %2, %3, d21" : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d));
    printf("scalar writes: %08x %08x %08x %08x\n", a, b, c, d);
    __asm__ volatile(FPU "vdup.8 d0, %4\n\tvdup.16 q1, %4\n\tvdup.32 d1, %4\n\tvmov %0, %1, d0\n\tvmov %2, %3, d3"
                     : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d) : "r"(0x87654321));
    printf("vdup: %08x %08x %08x %08x\n", a, b, c, d);
    __asm__ volatile(FPU "vmov.f32 s0, #-1.5\n\tvmov.f64 d1, #0.125\n\tvmov.f32 s1, #31.0\n\tvmov %0, %1, d0\n\tvmov %2, %3, d1"
                     : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d));
    printf("vmov imm: %08x %08x %08x %08x\n", a, b, c, d);

    /* FPSCR / FPEXC masks */
    set_fpscr(0xffffffff);
    printf("fpscr all ones -> %08x\n", get_fpscr());
    set_fpscr(0);
    __asm__ volatile(FPU "vmsr fpexc, %1\n\tvmrs %0, fpexc" : "=r"(a) : "r"(0xffffffffu));
    __asm__ volatile(FPU "vmsr fpexc, %1\n\tvmrs %0, fpexc" : "=r"(b) : "r"(0x40000000u));
    printf("fpexc all ones -> %08x, EN -> %08x\n", a, b);

    /* Len != 0: VFP data processing UNDEFINED, VMOV core<->S still works */
    set_fpscr(1u << 16);
    __asm__ volatile(FPU "vadd.f32 s0, s1, s2\n\tvmov.f32 s0, s1\n\tvmov s0, %0" : : "r"(1));
    set_fpscr(0);
    printf("with Len=1: undefs=%u\n", undefs);

    /* FPEXC.EN = 0: UNDEFINED except FPEXC access at PL1 */
    __asm__ volatile(FPU "vmsr fpexc, %0" : : "r"(0));
    __asm__ volatile(FPU "vmov s0, %0\n\tvldr d0, [%1]\n\tvmrs %0, fpscr" : : "r"(1), "r"(src));
    __asm__ volatile(FPU "vmsr fpexc, %0" : : "r"(1u << 30));
    printf("with EN=0: undefs=%u\n", undefs);

    /* unaligned VLDR/VSTM: alignment fault whatever SCTLR.A says */
    __asm__ volatile(FPU "vldr s0, [%0]\n\tvstmia %0, {d0}" : : "r"((u32)src + 2) : "memory");
    printf("aborts=%u\n", aborts);
    return 0;
}
