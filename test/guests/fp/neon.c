/* Advanced SIMD integer subset: VMOV/VMVN/VORR/VBIC immediates (every cmode), bitwise ops and selects,
 * VADD/VSUB/VMUL (all sizes, P8), VSHL/VSHR by immediate, VEXT, VLD1/VST1 (sizes, 1-4 registers,
 * alignment hints, write-back forms) and an alignment-hint fault. Registers are printed as hex words. */
#include "_fp.h"

static u32 mem[32] __attribute__((aligned(32)));
static u32 out[40] __attribute__((aligned(32)));
static volatile u32 aborts;

void exc_handler(u32 kind, struct exc_frame *f)
{
    if (kind == EXC_DABT) { aborts++; printf("dabt dfsr=%08x\n", read_dfsr()); return; }
    printf("UNEXPECTED %s\n", exc_name(kind));
    semihost_exit(0xe0 + kind);
}

/* q1 = A, q2 = B, q0 = C (destination's old value), run insn, print q0 */
#define Q3(insn) do {                                                                          \
    u32 *o_ = out;                                                                             \
    __asm__ volatile(FPU "vld1.32 {d0-d1}, [%1]\n\tvld1.32 {d2-d5}, [%2]\n\t" insn "\n\t"     \
                     "vst1.32 {d0-d1}, [%0]" : : "r"(o_), "r"(mem + 8), "r"(mem) : "memory"); \
    printf("%-28s %08x %08x %08x %08x\n", insn, out[0], out[1], out[2], out[3]);              \
} while (0)

int main(void)
{
    fp_enable();
    static const u32 init[32] = {
        0x80ff7f01, 0x12345678, 0xfedcba98, 0x00010002, 0xffffffff, 0x7fffffff, 0x80000000, 0x00000001,
        0x0f0f3c3c, 0xaaaa5555, 0x13579bdf, 0x2468ace0, 0xdeadbeef, 0x01234567, 0x89abcdef, 0xcafef00d,
    };
    for (u32 i = 0; i < 32; i++) mem[i] = init[i % 16] ^ (i >= 16 ? 0x5a5a5a5a : 0);

    Q3("vmov.i32 q0, #0x12"); Q3("vmov.i32 q0, #0x1200"); Q3("vmov.i32 q0, #0x120000"); Q3("vmov.i32 q0, #0x12000000");
    Q3("vmov.i16 q0, #0x34"); Q3("vmov.i16 q0, #0x3400"); Q3("vmov.i32 q0, #0x56ff"); Q3("vmov.i32 q0, #0x56ffff");
    Q3("vmov.i8 q0, #0x9c"); Q3("vmov.i64 q0, #0xff0000ff00ffff00"); Q3("vmov.f32 q0, #-0.1328125"); Q3("vmov.f32 d0, #31.0");
    Q3("vmvn.i32 q0, #0x12"); Q3("vmvn.i16 q0, #0x3400"); Q3("vmvn.i32 q0, #0x56ffff"); Q3("vorr.i32 q0, #0x1200");
    Q3("vorr.i16 q0, #0x34"); Q3("vbic.i32 q0, #0xff000000"); Q3("vbic.i16 d0, #0xff");
    Q3("vand q0, q1, q2"); Q3("vbic q0, q1, q2"); Q3("vorr q0, q1, q2"); Q3("vorn q0, q1, q2"); Q3("veor d0, d2, d4");
    Q3("vbsl q0, q1, q2"); Q3("vbit q0, q1, q2"); Q3("vbif q0, q1, q2"); Q3("vmov q0, q2");
    Q3("vadd.i8 q0, q1, q2"); Q3("vadd.i16 q0, q1, q2"); Q3("vadd.i32 q0, q1, q2"); Q3("vadd.i64 q0, q1, q2");
    Q3("vsub.i8 q0, q1, q2"); Q3("vsub.i16 q0, q1, q2"); Q3("vsub.i32 q0, q1, q2"); Q3("vsub.i64 q0, q1, q2");
    Q3("vmul.i8 q0, q1, q2"); Q3("vmul.i16 q0, q1, q2"); Q3("vmul.i32 q0, q1, q2"); Q3("vmul.p8 q0, q1, q2");
    Q3("vadd.i64 d0, d3, d3"); Q3("vsub.i64 d1, d2, d5");
    Q3("vshl.i8 q0, q1, #3"); Q3("vshl.i16 q0, q1, #15"); Q3("vshl.i32 q0, q1, #31"); Q3("vshl.i64 q0, q1, #33");
    Q3("vshl.i64 q0, q1, #0"); Q3("vshl.i32 d1, d2, #0");
    Q3("vshr.s8 q0, q1, #1"); Q3("vshr.u8 q0, q1, #8"); Q3("vshr.s8 q0, q1, #8"); Q3("vshr.s16 q0, q1, #9");
    Q3("vshr.u16 q0, q1, #16"); Q3("vshr.s32 q0, q1, #32"); Q3("vshr.u32 q0, q1, #31"); Q3("vshr.s64 q0, q1, #64");
    Q3("vshr.u64 q0, q1, #64"); Q3("vshr.s64 q0, q1, #40"); Q3("vshr.u64 q0, q1, #32"); Q3("vshr.s64 q0, q1, #3");
    Q3("vext.8 q0, q1, q2, #5"); Q3("vext.8 q0, q1, q2, #15"); Q3("vext.8 d0, d2, d4, #7"); Q3("vext.8 q1, q1, q1, #3\n\tvmov q0, q1");

    /* VLD1/VST1 forms */
    u32 *p, *q, inc = 12;
    for (u32 i = 0; i < 40; i++) out[i] = 0;
    p = mem; q = out;
    __asm__ volatile(FPU "vld1.8 {d0}, [%0]!\n\tvld1.16 {d1-d2}, [%0 :64]!\n\tvld1.32 {d3-d5}, [%0]!\n\t"
                     "vld1.64 {d6-d9}, [%0 :128]\n\tvst1.64 {d6-d9}, [%1 :256]!\n\tvst1.32 {d3-d5}, [%1], %2\n\t"
                     "vst1.16 {d1-d2}, [%1]!\n\tvst1.8 {d0}, [%1]" : "+r"(p), "+r"(q) : "r"(inc) : "memory");
    printf("vld1/vst1: p=+%u q=+%u\n", (u32)(p - mem) * 4, (u32)(q - out) * 4);
    for (u32 i = 0; i < 40; i += 8)
        printf(" %08x %08x %08x %08x %08x %08x %08x %08x\n", out[i], out[i + 1], out[i + 2], out[i + 3],
               out[i + 4], out[i + 5], out[i + 6], out[i + 7]);
    /* unaligned element accesses are fine; a violated alignment hint faults */
    u8 *b = (u8 *)mem + 1;
    u32 lo, hi;
    __asm__ volatile(FPU "vld1.8 {d16}, [%2]\n\tvmov %0, %1, d16" : "=r"(lo), "=r"(hi) : "r"(b) : "memory");
    printf("vld1.8 unaligned: %08x %08x\n", hi, lo);
    __asm__ volatile(FPU "vld1.32 {d16-d17}, [%0 :128]" : : "r"(mem + 2) : "memory");
    __asm__ volatile(FPU "vst1.64 {d16}, [%0 :64]" : : "r"(mem + 1) : "memory");
    printf("aborts=%u\n", aborts);
    return 0;
}
