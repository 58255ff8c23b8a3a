/* Double-precision VFP arithmetic over special and ordinary operands in every rounding mode, with
 * FZ and DN: a hash of (result, FPSCR) per instruction and mode, plus every result in RN for a subset. */
#include "_fp.h"

DEF_D(d_add, "vadd.f64 d0, d1, d2")
DEF_D(d_sub, "vsub.f64 d0, d1, d2")
DEF_D(d_mul, "vmul.f64 d0, d1, d2")
DEF_D(d_nmul, "vnmul.f64 d0, d1, d2")
DEF_D(d_div, "vdiv.f64 d0, d1, d2")
DEF_D(d_mla, "vmla.f64 d0, d1, d2")
DEF_D(d_mls, "vmls.f64 d0, d1, d2")
DEF_D(d_nmla, "vnmla.f64 d0, d1, d2")
DEF_D(d_nmls, "vnmls.f64 d0, d1, d2")
DEF_D(d_fma, "vfma.f64 d0, d1, d2")
DEF_D(d_fms, "vfms.f64 d0, d1, d2")
DEF_D(d_fnma, "vfnma.f64 d0, d1, d2")
DEF_D(d_fnms, "vfnms.f64 d0, d1, d2")
DEF_D(d_sqrt, "vsqrt.f64 d0, d1")
DEF_D(d_abs, "vabs.f64 d0, d1")
DEF_D(d_neg, "vneg.f64 d0, d1")
DEF_D(d_cmp, "vcmp.f64 d1, d2\n\tvmrs APSR_nzcv, fpscr\n\tmrs r12, apsr\n\tvmov s0, r12")
DEF_D(d_cmpe, "vcmpe.f64 d1, d2")
DEF_D(d_cmpz, "vcmpe.f64 d1, #0")

typedef u64 (*op_fn)(u64, u64, u64, u32, u32 *);
static const struct { const char *name; op_fn fn; } ops[] = {
    { "vadd", d_add }, { "vsub", d_sub }, { "vmul", d_mul }, { "vnmul", d_nmul }, { "vdiv", d_div },
    { "vmla", d_mla }, { "vmls", d_mls }, { "vnmla", d_nmla }, { "vnmls", d_nmls }, { "vfma", d_fma },
    { "vfms", d_fms }, { "vfnma", d_fnma }, { "vfnms", d_fnms }, { "vsqrt", d_sqrt }, { "vabs", d_abs },
    { "vneg", d_neg }, { "vcmp", d_cmp }, { "vcmpe", d_cmpe }, { "vcmpz", d_cmpz },
};

static const u64 v[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x3ff8000000000000ull, 0x4008000000000000ull, 0x3fd5555555555555ull, 0x7fefffffffffffffull,
    0x0010000000000000ull, 0x8010000000000001ull, 0x0000000000000001ull, 0x000fffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000001ull, 0xfff8000000000123ull,
    0x7ff0000000000005ull, 0xfff0123456789abcull, 0x3ca0000000000000ull, 0x3ff0000000000001ull,
    0x4340000000000001ull, 0xc33fffffffffffffull, 0x0300000000000001ull, 0x7e0123456789abcdull,
};

int main(void)
{
    fp_enable();
    for (u32 o = 0; o < ARRAY_SIZE(ops); o++) {
        for (u32 m = 0; m < ARRAY_SIZE(fpmodes); m++) {
            u32 h = 2166136261u, acc = 0;
            for (u32 i = 0; i < ARRAY_SIZE(v); i++)
                for (u32 j = 0; j < ARRAY_SIZE(v); j++) {
                    u32 fl;
                    u64 r = ops[o].fn(v[i], v[j], v[(i * 5 + j) % ARRAY_SIZE(v)], fpmodes[m], &fl);
                    h = mix(mix(mix(h, (u32)r), (u32)(r >> 32)), fl);
                    acc |= fl;
                    if (m == 0 && i < 8 && j % 3 == 0)
                        printf("%s %08x%08x %08x%08x -> %08x%08x %08x\n", ops[o].name, (u32)(v[i] >> 32), (u32)v[i],
                               (u32)(v[j] >> 32), (u32)v[j], (u32)(r >> 32), (u32)r, fl);
                }
            printf("%s mode %08x: hash %08x flags %08x\n", ops[o].name, fpmodes[m], h, acc);
        }
    }
    return 0;
}
