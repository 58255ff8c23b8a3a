/* VFP conversions: single <-> double, float <-> integer (VCVT round-to-zero, VCVTR by FPSCR), float <->
 * fixed point, half <-> single (VCVTB/VCVTT, IEEE and alternative half precision), in every mode. */
#include "_fp.h"

DEF_S(c_s2ui, "vcvt.u32.f32 s0, s1")
DEF_S(c_s2si, "vcvt.s32.f32 s0, s1")
DEF_S(c_s2uir, "vcvtr.u32.f32 s0, s1")
DEF_S(c_s2sir, "vcvtr.s32.f32 s0, s1")
DEF_S(c_ui2s, "vcvt.f32.u32 s0, s1")
DEF_S(c_si2s, "vcvt.f32.s32 s0, s1")
DEF_S(c_s2fx32, "vmov s0, s1\n\tvcvt.s32.f32 s0, s0, #16")
DEF_S(c_s2ufx16, "vmov s0, s1\n\tvcvt.u16.f32 s0, s0, #3")
DEF_S(c_s2sfx16, "vmov s0, s1\n\tvcvt.s16.f32 s0, s0, #1")
DEF_S(c_fx2s, "vmov s0, s1\n\tvcvt.f32.s32 s0, s0, #16")
DEF_S(c_ufx2s, "vmov s0, s1\n\tvcvt.f32.u16 s0, s0, #3")
DEF_S(c_sfx2s, "vmov s0, s1\n\tvcvt.f32.s16 s0, s0, #16")
DEF_S(c_ufx32, "vmov s0, s1\n\tvcvt.u32.f32 s0, s0, #32")
DEF_S(c_h2sb, "vcvtb.f32.f16 s0, s1")
DEF_S(c_h2st, "vcvtt.f32.f16 s0, s1")
DEF_S(c_s2hb, "vcvtb.f16.f32 s0, s1")
DEF_S(c_s2ht, "vcvtt.f16.f32 s0, s1")
DEF_S(c_d2s, "vcvt.f32.f64 s0, d1")
DEF_S(c_s2d, "vcvt.f64.f32 d2, s1\n\tvmov r12, s5\n\tvmov s0, r12")   /* high word of the double */
DEF_S(c_s2dl, "vcvt.f64.f32 d2, s1\n\tvmov s0, s4")                 /* low word */
DEF_S(c_d2si, "vcvt.s32.f64 s0, d1")
DEF_S(c_d2uir, "vcvtr.u32.f64 s0, d1")
DEF_S(c_ui2d, "vcvt.f64.u32 d2, s1\n\tvmov r12, s5\n\tvmov s0, r12")
DEF_S(c_si2dl, "vcvt.f64.s32 d2, s1\n\tvmov s0, s4")
DEF_D(c_d2sfx16, "vmov.f64 d0, d1\n\tvcvt.s16.f64 d0, d0, #8")
DEF_D(c_d2ufx32, "vmov.f64 d0, d1\n\tvcvt.u32.f64 d0, d0, #32")
DEF_D(c_sfx2d, "vmov.f64 d0, d1\n\tvcvt.f64.s16 d0, d0, #8")
DEF_D(c_ufx2d, "vmov.f64 d0, d1\n\tvcvt.f64.u32 d0, d0, #1")
DEF_D(c_d2s_d, "vcvt.f32.f64 s0, d1")
DEF_D(c_d2sir, "vcvtr.s32.f64 s0, d1")

typedef u32 (*op_fn)(u32, u32, u32, u32, u32 *);
static const struct { const char *name; op_fn fn; } ops[] = {
    { "u32.f32", c_s2ui }, { "s32.f32", c_s2si }, { "r.u32.f32", c_s2uir }, { "r.s32.f32", c_s2sir },
    { "f32.u32", c_ui2s }, { "f32.s32", c_si2s }, { "s32.f32#16", c_s2fx32 }, { "u16.f32#3", c_s2ufx16 },
    { "s16.f32#1", c_s2sfx16 }, { "f32.s32#16", c_fx2s }, { "f32.u16#3", c_ufx2s }, { "f32.s16#16", c_sfx2s },
    { "u32.f32#32", c_ufx32 }, { "b.f32.f16", c_h2sb }, { "t.f32.f16", c_h2st }, { "b.f16.f32", c_s2hb },
    { "t.f16.f32", c_s2ht }, { "f32.f64(s1:s2)", c_d2s }, { "f64.f32 hi", c_s2d }, { "f64.f32 lo", c_s2dl },
    { "s32.f64(s2:s3)", c_d2si }, { "r.u32.f64(s2:s3)", c_d2uir }, { "f64.u32 hi", c_ui2d }, { "f64.s32 lo", c_si2dl },
};

typedef u64 (*op_d)(u64, u64, u64, u32, u32 *);
static const struct { const char *name; op_d fn; } dops[] = {
    { "s16.f64#8", c_d2sfx16 }, { "u32.f64#32", c_d2ufx32 }, { "f64.s16#8", c_sfx2d }, { "f64.u32#1", c_ufx2d },
    { "f32.f64", c_d2s_d }, { "r.s32.f64", c_d2sir },
};

static const u32 v[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40200000, 0xc0200000, 0x40600000,
    0x3f000000, 0xbf000001, 0x4f000000, 0xcf000000, 0x4f800000, 0x477ff000, 0x477fe000, 0x38800000,
    0x33000000, 0x33000001, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000, 0x7fc00001, 0xffc00123,
    0x7f800005, 0x3c007c00, 0x7e01fc01, 0x7c010001, 0x83ff0400, 0xffffffff, 0x80000001, 0x00012345,
    0x7fffffff, 0x0000ffff, 0x00008000, 0x12345678,
};

static const u64 dv[] = {
    0x0000000000000000ull, 0xbff0000000000000ull, 0x3ff8000000000000ull, 0xc004000000000000ull,
    0x41dfffffffc00000ull, 0x41efffffffe00000ull, 0x3ff0000010000000ull, 0x3ff0000010000001ull,
    0x380fffffffffffffull, 0x36a0000000000000ull, 0x0000000000000001ull, 0x7ff0000000000000ull,
    0x7ff0000000000001ull, 0xfff8000012345678ull, 0x47efffffe0000000ull, 0x47efffffefffffffull,
    0x40dfffc000000000ull, 0xc0e0002000000000ull, 0x000000000000ffffull, 0x00000000ffff8000ull,
};

static const u32 modes[] = { RN, RP, RM, RZ, FZ, FZ | RP, DN, DN | FZ | RM, AHP, AHP | DN | RZ };

int main(void)
{
    fp_enable();
    for (u32 o = 0; o < ARRAY_SIZE(ops); o++)
        for (u32 m = 0; m < ARRAY_SIZE(modes); m++) {
            u32 h = 2166136261u, acc = 0;
            for (u32 i = 0; i < ARRAY_SIZE(v); i++) {
                u32 fl, r = ops[o].fn(v[i], v[(i + 3) % ARRAY_SIZE(v)], 0x5a5a5a5a, modes[m], &fl);
                h = mix(mix(h, r), fl);
                acc |= fl;
                if (m == 0 || m == 1 || m == 8)
                    printf("%s %08x -> %08x %08x\n", ops[o].name, v[i], r, fl);
            }
            printf("%s mode %08x: hash %08x flags %08x\n", ops[o].name, modes[m], h, acc);
        }
    for (u32 o = 0; o < ARRAY_SIZE(dops); o++)
        for (u32 m = 0; m < ARRAY_SIZE(modes); m++) {
            u32 h = 2166136261u, acc = 0;
            for (u32 i = 0; i < ARRAY_SIZE(dv); i++) {
                u32 fl;
                u64 r = dops[o].fn(dv[i], 0, 0xa5a5a5a5a5a5a5a5ull, modes[m], &fl);
                h = mix(mix(mix(h, (u32)r), (u32)(r >> 32)), fl);
                acc |= fl;
                if (m == 0)
                    printf("%s %08x%08x -> %08x%08x %08x\n", dops[o].name, (u32)(dv[i] >> 32), (u32)dv[i],
                           (u32)(r >> 32), (u32)r, fl);
            }
            printf("%s mode %08x: hash %08x flags %08x\n", dops[o].name, modes[m], h, acc);
        }
    return 0;
}
