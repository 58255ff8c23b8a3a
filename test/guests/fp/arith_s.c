/* Single-precision VFP arithmetic over special and ordinary operands in every rounding mode, with
 * FZ and DN: a hash of (result, FPSCR) per instruction and mode, plus every result in RN for a subset. */
#include "_fp.h"

DEF_S(s_add, "vadd.f32 s0, s1, s2")
DEF_S(s_sub, "vsub.f32 s0, s1, s2")
DEF_S(s_mul, "vmul.f32 s0, s1, s2")
DEF_S(s_nmul, "vnmul.f32 s0, s1, s2")
DEF_S(s_div, "vdiv.f32 s0, s1, s2")
DEF_S(s_mla, "vmla.f32 s0, s1, s2")
DEF_S(s_mls, "vmls.f32 s0, s1, s2")
DEF_S(s_nmla, "vnmla.f32 s0, s1, s2")
DEF_S(s_nmls, "vnmls.f32 s0, s1, s2")
DEF_S(s_fma, "vfma.f32 s0, s1, s2")
DEF_S(s_fms, "vfms.f32 s0, s1, s2")
DEF_S(s_fnma, "vfnma.f32 s0, s1, s2")
DEF_S(s_fnms, "vfnms.f32 s0, s1, s2")
DEF_S(s_sqrt, "vsqrt.f32 s0, s1")
DEF_S(s_abs, "vabs.f32 s0, s1")
DEF_S(s_neg, "vneg.f32 s0, s1")
DEF_S(s_cmp, "vcmp.f32 s1, s2\n\tvmrs APSR_nzcv, fpscr\n\tmrs r12, apsr\n\tvmov s0, r12")
DEF_S(s_cmpe, "vcmpe.f32 s1, s2")
DEF_S(s_cmpz, "vcmp.f32 s1, #0")

typedef u32 (*op_fn)(u32, u32, u32, u32, u32 *);
static const struct { const char *name; op_fn fn; } ops[] = {
    { "vadd", s_add }, { "vsub", s_sub }, { "vmul", s_mul }, { "vnmul", s_nmul }, { "vdiv", s_div },
    { "vmla", s_mla }, { "vmls", s_mls }, { "vnmla", s_nmla }, { "vnmls", s_nmls }, { "vfma", s_fma },
    { "vfms", s_fms }, { "vfnma", s_fnma }, { "vfnms", s_fnms }, { "vsqrt", s_sqrt }, { "vabs", s_abs },
    { "vneg", s_neg }, { "vcmp", s_cmp }, { "vcmpe", s_cmpe }, { "vcmpz", s_cmpz },
};

static const u32 v[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40400000, 0x3eaaaaab, 0x7f7fffff,
    0x00800000, 0x80800001, 0x00000001, 0x007fffff, 0x7f800000, 0xff800000, 0x7fc00001, 0xffc00123,
    0x7f800005, 0xff812345, 0x33800000, 0x3f800001, 0x4b800001, 0xcb7fffff, 0x0f000001, 0x70123456,
};

int main(void)
{
    fp_enable();
    for (u32 o = 0; o < ARRAY_SIZE(ops); o++) {
        for (u32 m = 0; m < ARRAY_SIZE(fpmodes); m++) {
            u32 h = 2166136261u, acc = 0;
            for (u32 i = 0; i < ARRAY_SIZE(v); i++)
                for (u32 j = 0; j < ARRAY_SIZE(v); j++) {
                    u32 fl, r = ops[o].fn(v[i], v[j], v[(i * 7 + j) % ARRAY_SIZE(v)], fpmodes[m], &fl);
                    h = mix(mix(h, r), fl);
                    acc |= fl;
                    if (m == 0 && i < 8 && j % 3 == 0)
                        printf("%s %08x %08x -> %08x %08x\n", ops[o].name, v[i], v[j], r, fl);
                }
            printf("%s mode %08x: hash %08x flags %08x\n", ops[o].name, fpmodes[m], h, acc);
        }
    }
    return 0;
}
