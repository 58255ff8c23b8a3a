/* Advanced SIMD beyond the neon.c subset: permutes (VDUP scalar, VREV, VZIP/VUZP/VTRN, VSWP, VTBL/VTBX,
 * narrowing and lengthening moves), integer arithmetic (saturating, halving, long/wide/narrow, by scalar,
 * compares, pairwise), shifts and single-precision arithmetic, estimates and conversions (Standard FPSCR).
 * Each line: q0 and q2 after the instruction (q1/q2/q3 are inputs, q0 the old destination) and FPSCR. */
#include "_fp.h"

static u32 mem[32] __attribute__((aligned(32)));
static u32 fmem[16] __attribute__((aligned(32)));
static u32 out[8] __attribute__((aligned(32)));

/* q1,q2 = src[0..7], q0 = src[8..11], q3 = src[12..15]; FPSCR cleared; print q0, q2 and FPSCR. */
#define RUN(src, insn) do {                                                                        \
    u32 *o_ = out, *s_ = (src);                                                                    \
    set_fpscr(0);                                                                                  \
    __asm__ volatile(FPU "vld1.32 {d2-d5}, [%1]!\n\tvld1.32 {d0-d1}, [%1]!\n\tvld1.32 {d6-d7}, [%1]\n\t" \
                     insn "\n\tvst1.32 {d0-d1}, [%0]!\n\tvst1.32 {d4-d5}, [%0]"                    \
                     : "+r"(o_), "+r"(s_) : : "memory");                                       \
    printf("%-32s %08x %08x %08x %08x | %08x %08x %08x %08x | %08x\n", insn, out[0], out[1], out[2], \
           out[3], out[4], out[5], out[6], out[7], get_fpscr());                                   \
} while (0)
#define Q(insn) RUN(mem, insn)
#define F(insn) RUN(fmem, insn)

int main(void)
{
    fp_enable();
    static const u32 init[16] = {
        0x80ff7f01, 0x12345678, 0xfedcba98, 0x00010002, 0xffffffff, 0x7fffffff, 0x80000000, 0x00000001,
        0x0f0f3c3c, 0xaaaa5555, 0x13579bdf, 0x2468ace0, 0xdeadbeef, 0x01234567, 0x89abcdef, 0xcafef00d,
    };
    static const u32 finit[16] = {
        0x3fc00000, 0xc0100000, 0x40400000, 0x3dcccccd, 0x7149f2ca, 0x8e2cebf8, 0x7f800000, 0x42c80000,
        0x00000123, 0xff800000, 0x7f800001, 0x4f000000, 0xcf800000, 0x3f800000, 0x80000000, 0x40490fdb,
    };
    for (u32 i = 0; i < 32; i++) mem[i] = init[i % 16] ^ (i >= 16 ? 0x5a5a5a5a : 0);
    for (u32 i = 0; i < 16; i++) fmem[i] = finit[i];

    /* permutes and moves */
    Q("vdup.8 q0, d2[5]"); Q("vdup.16 q0, d3[3]"); Q("vdup.32 d0, d4[1]");
    Q("vrev64.8 q0, q1"); Q("vrev64.16 q0, q1"); Q("vrev64.32 q0, q1"); Q("vrev32.8 q0, q1"); Q("vrev32.16 d0, d3");
    Q("vrev16.8 q0, q1"); Q("vswp d0, d5"); Q("vswp q0, q2");
    Q("vzip.8 q0, q2"); Q("vzip.16 d0, d4"); Q("vzip.32 q0, q2"); Q("vuzp.8 q0, q2"); Q("vuzp.16 d0, d5");
    Q("vuzp.32 q0, q2"); Q("vtrn.8 q0, q2"); Q("vtrn.16 d0, d4"); Q("vtrn.32 q0, q2");
    Q("vtbl.8 d0, {d2}, d6"); Q("vtbl.8 d0, {d2-d3}, d7"); Q("vtbx.8 d0, {d2-d4}, d6"); Q("vtbx.8 d1, {d2-d5}, d3");
    Q("vmovn.i16 d0, q1"); Q("vmovn.i64 d1, q2"); Q("vqmovn.s16 d0, q1"); Q("vqmovn.u32 d0, q2");
    Q("vqmovn.s64 d1, q3"); Q("vqmovun.s16 d0, q1"); Q("vqmovun.s64 d0, q2"); Q("vmovl.s8 q0, d3");
    Q("vmovl.u16 q0, d2"); Q("vmovl.s32 q0, d4"); Q("vshll.i8 q0, d2, #8"); Q("vshll.u16 q0, d2, #5");
    Q("vshll.s32 q0, d5, #31"); Q("vmvn q0, q3"); Q("vmov d0, d7");
    /* integer arithmetic */
    Q("vqadd.s8 q0, q1, q2"); Q("vqadd.u16 q0, q1, q2"); Q("vqadd.s64 q0, q1, q2"); Q("vqadd.u64 q0, q1, q2");
    Q("vqsub.s32 q0, q1, q2"); Q("vqsub.u8 q0, q1, q2"); Q("vqsub.s64 q0, q2, q1");
    Q("vhadd.s8 q0, q1, q2"); Q("vhadd.u32 q0, q1, q2"); Q("vrhadd.s16 q0, q1, q2"); Q("vrhadd.u8 q0, q1, q2");
    Q("vhsub.s32 q0, q1, q2"); Q("vhsub.u16 q0, q1, q2");
    Q("vaddl.s8 q0, d2, d4"); Q("vaddl.u32 q0, d3, d5"); Q("vaddw.s16 q0, q1, d5"); Q("vsubl.u8 q0, d2, d4");
    Q("vsubw.s32 q0, q1, d6"); Q("vaddhn.i16 d0, q1, q2"); Q("vraddhn.i32 d0, q1, q2"); Q("vsubhn.i64 d0, q1, q3");
    Q("vrsubhn.i64 d1, q2, q1");
    Q("vabd.s8 q0, q1, q2"); Q("vabd.u32 q0, q1, q2"); Q("vaba.u16 q0, q1, q2"); Q("vabdl.s16 q0, d2, d5");
    Q("vabal.u32 q0, d3, d6"); Q("vmax.s16 q0, q1, q2"); Q("vmin.u8 q0, q1, q2"); Q("vmax.u32 q0, q1, q3");
    Q("vpadd.i16 d0, d2, d4"); Q("vpmax.s8 d0, d3, d5"); Q("vpmin.u32 d0, d2, d7");
    Q("vpaddl.s8 q0, q1"); Q("vpaddl.u32 q0, q2"); Q("vpadal.s16 q0, q1"); Q("vpadal.u32 q0, q3");
    Q("vmla.i8 q0, q1, q2"); Q("vmls.i32 q0, q1, q3"); Q("vmla.i16 q0, q1, d5[2]"); Q("vmul.i32 q0, q2, d3[1]");
    Q("vmls.i16 d0, d6, d7[3]");
    Q("vmull.s8 q0, d2, d4"); Q("vmull.u32 q0, d3, d6"); Q("vmull.s32 q0, d3, d6"); Q("vmull.p8 q0, d2, d7");
    Q("vmlal.u16 q0, d2, d4"); Q("vmlal.s32 q0, d4, d7"); Q("vmlsl.s8 q0, d3, d5"); Q("vmlsl.u32 q0, d2, d6");
    Q("vmull.u16 q0, d6, d3[1]"); Q("vmlal.s32 q0, d4, d7[1]"); Q("vmlsl.u16 q0, d5, d2[3]");
    Q("vqdmulh.s16 q0, q1, q2"); Q("vqdmulh.s32 q0, q2, q2"); Q("vqrdmulh.s16 q0, q1, q3"); Q("vqrdmulh.s32 q0, q1, q2");
    Q("vqdmulh.s16 q0, q2, d3[0]"); Q("vqrdmulh.s32 d0, d5, d6[1]"); Q("vqdmull.s16 q0, d2, d4");
    Q("vqdmull.s32 q0, d5, d5"); Q("vqdmlal.s16 q0, d3, d6"); Q("vqdmlsl.s32 q0, d4, d7"); Q("vqdmlal.s32 q0, d5, d5[0]");
    Q("vqdmull.s16 q0, d6, d2[2]");
    Q("vabs.s8 q0, q1"); Q("vabs.s32 q0, q2"); Q("vneg.s16 q0, q1"); Q("vqabs.s8 q0, q1"); Q("vqabs.s32 q0, q2");
    Q("vqneg.s16 q0, q2"); Q("vqneg.s32 q0, q2"); Q("vcls.s8 q0, q1"); Q("vcls.s32 q0, q2"); Q("vclz.i8 q0, q1");
    Q("vclz.i16 q0, q2"); Q("vclz.i32 q0, q3"); Q("vcnt.8 q0, q1");
    Q("vceq.i8 q0, q1, q2"); Q("vcge.s16 q0, q1, q2"); Q("vcgt.u32 q0, q1, q2"); Q("vcge.u8 q0, q1, q3");
    Q("vtst.16 q0, q1, q2"); Q("vcgt.s8 q0, q1, #0"); Q("vcge.s32 q0, q2, #0"); Q("vceq.i16 q0, q2, #0");
    Q("vcle.s8 q0, q2, #0"); Q("vclt.s16 q0, q1, #0");
    /* shifts */
    Q("vshl.s8 q0, q1, q3"); Q("vshl.u16 q0, q2, q3"); Q("vshl.s64 q0, q1, q2"); Q("vqshl.s8 q0, q1, q2");
    Q("vqshl.u32 q0, q2, q1"); Q("vqshl.u64 q0, q1, q3"); Q("vrshl.s16 q0, q1, q3"); Q("vrshl.u64 q0, q2, q3");
    Q("vqrshl.s32 q0, q1, q3"); Q("vqrshl.u8 q0, q2, q1");
    Q("vsra.s8 q0, q1, #3"); Q("vsra.u64 q0, q2, #64"); Q("vrshr.s16 q0, q1, #7"); Q("vrshr.u32 q0, q2, #32");
    Q("vrshr.s64 q0, q1, #1"); Q("vrsra.u8 q0, q1, #8"); Q("vrsra.s32 q0, q2, #20");
    Q("vsri.8 q0, q1, #3"); Q("vsri.32 q0, q2, #32"); Q("vsri.64 q0, q1, #17"); Q("vsli.16 q0, q1, #5");
    Q("vsli.32 q0, q2, #0"); Q("vsli.64 q0, q3, #63");
    Q("vqshl.s8 q0, q1, #3"); Q("vqshl.u16 q0, q2, #15"); Q("vqshl.s64 q0, q1, #40"); Q("vqshlu.s8 q0, q1, #1");
    Q("vqshlu.s32 q0, q2, #4"); Q("vqshlu.s64 q0, q3, #2");
    Q("vshrn.i16 d0, q1, #3"); Q("vrshrn.i32 d0, q2, #16"); Q("vshrn.i64 d1, q1, #32"); Q("vqshrn.s16 d0, q1, #2");
    Q("vqshrn.u32 d0, q2, #1"); Q("vqrshrn.s64 d0, q3, #31"); Q("vqshrun.s16 d0, q1, #4"); Q("vqrshrun.s32 d0, q2, #9");
    Q("vqrshrun.s64 d1, q1, #20");
    /* single precision (Standard FPSCR: flush-to-zero, default NaN, round to nearest) */
    F("vadd.f32 q0, q1, q2"); F("vsub.f32 q0, q1, q3"); F("vmul.f32 q0, q1, q2"); F("vmul.f32 q0, q2, q3");
    F("vmla.f32 q0, q1, q2"); F("vmls.f32 q0, q1, q3"); F("vfma.f32 q0, q1, q2"); F("vfms.f32 q0, q2, q3");
    F("vmul.f32 q0, q1, d7[1]"); F("vmla.f32 q0, q2, d2[0]"); F("vmls.f32 d0, d3, d6[1]");
    F("vabd.f32 q0, q1, q2"); F("vabs.f32 q0, q2"); F("vneg.f32 q0, q0"); F("vmax.f32 q0, q1, q2");
    F("vmin.f32 q0, q0, q3"); F("vmax.f32 q0, q0, q1"); F("vpadd.f32 d0, d2, d5"); F("vpmax.f32 d0, d4, d6");
    F("vpmin.f32 d1, d1, d7");
    F("vceq.f32 q0, q1, q2"); F("vcge.f32 q0, q0, q3"); F("vcgt.f32 q0, q2, q1"); F("vacge.f32 q0, q1, q3");
    F("vacgt.f32 q0, q0, q2"); F("vceq.f32 q0, q0, #0"); F("vcge.f32 q0, q2, #0"); F("vcgt.f32 q0, q3, #0");
    F("vcle.f32 q0, q1, #0"); F("vclt.f32 q0, q2, #0");
    F("vrecpe.f32 q0, q1"); F("vrecpe.f32 q0, q2"); F("vrecpe.f32 q0, q0"); F("vrecpe.f32 q0, q3");
    F("vrsqrte.f32 q0, q1"); F("vrsqrte.f32 q0, q2"); F("vrsqrte.f32 q0, q0"); F("vrsqrte.f32 q0, q3");
    Q("vrecpe.u32 q0, q1"); Q("vrecpe.u32 q0, q3"); Q("vrsqrte.u32 q0, q1"); Q("vrsqrte.u32 q0, q3");
    F("vrecps.f32 q0, q1, q2"); F("vrecps.f32 q0, q2, q0"); F("vrsqrts.f32 q0, q1, q3"); F("vrsqrts.f32 q0, q2, q0");
    F("vcvt.s32.f32 q0, q1"); F("vcvt.u32.f32 q0, q2"); F("vcvt.s32.f32 q0, q3"); F("vcvt.u32.f32 q0, q0");
    Q("vcvt.f32.s32 q0, q1"); Q("vcvt.f32.u32 q0, q3"); F("vcvt.s32.f32 q0, q1, #8"); F("vcvt.u32.f32 q0, q2, #1");
    Q("vcvt.f32.s32 q0, q1, #16"); Q("vcvt.f32.u32 q0, q2, #32"); F("vcvt.f16.f32 d0, q1"); F("vcvt.f16.f32 d1, q2");
    F("vcvt.f16.f32 d0, q3"); Q("vcvt.f32.f16 q0, d2"); Q("vcvt.f32.f16 q0, d5");
    return 0;
}
