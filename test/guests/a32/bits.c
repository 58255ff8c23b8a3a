/*
 * Extends (SXTB/SXTH/UXTB/UXTH/SXTB16/UXTB16 with rotation, and the
 * accumulate forms), bitfields (BFC/BFI/SBFX/UBFX), CLZ/RBIT/REV/REV16/REVSH,
 * USAD8/USADA8, PKHBT/PKHTB, MOVW/MOVT.
 */
#include "_common.h"

int main(void)
{
    for (u32 i = 0; i < ARRAY_SIZE(vals); i++) {
        u32 a = vals[i], b = 0x80ff7f01;
        OP("sxtb", "sxtb %0, %2", a, 0, 0, FL_NONE);
        OP("sxtb ror8", "sxtb %0, %2, ror #8", a, 0, 0, FL_NONE);
        OP("sxth ror16", "sxth %0, %2, ror #16", a, 0, 0, FL_NONE);
        OP("uxtb ror24", "uxtb %0, %2, ror #24", a, 0, 0, FL_NONE);
        OP("uxth", "uxth %0, %2", a, 0, 0, FL_NONE);
        OP("sxtb16", "sxtb16 %0, %2", a, 0, 0, FL_NONE);
        OP("uxtb16 ror8", "uxtb16 %0, %2, ror #8", a, 0, 0, FL_NONE);
        OP("sxtab", "sxtab %0, %3, %2", a, b, 0, FL_NONE);
        OP("sxtah ror8", "sxtah %0, %3, %2, ror #8", a, b, 0, FL_NONE);
        OP("uxtab", "uxtab %0, %3, %2", a, b, 0, FL_NONE);
        OP("uxtah ror24", "uxtah %0, %3, %2, ror #24", a, b, 0, FL_NONE);
        OP("sxtab16", "sxtab16 %0, %3, %2", a, b, 0, FL_NONE);
        OP("uxtab16 ror16", "uxtab16 %0, %3, %2, ror #16", a, b, 0, FL_NONE);
        OP("bfc 4,8", "mov %0, %2\n\tbfc %0, #4, #8", a, 0, 0, FL_NONE);
        OP("bfc 0,32", "mov %0, %2\n\tbfc %0, #0, #32", a, 0, 0, FL_NONE);
        OP("bfi 8,12", "mov %0, %3\n\tbfi %0, %2, #8, #12", a, b, 0, FL_NONE);
        OP("bfi 31,1", "mov %0, %3\n\tbfi %0, %2, #31, #1", a, b, 0, FL_NONE);
        OP("sbfx 4,8", "sbfx %0, %2, #4, #8", a, 0, 0, FL_NONE);
        OP("sbfx 0,32", "sbfx %0, %2, #0, #32", a, 0, 0, FL_NONE);
        OP("sbfx 31,1", "sbfx %0, %2, #31, #1", a, 0, 0, FL_NONE);
        OP("ubfx 3,17", "ubfx %0, %2, #3, #17", a, 0, 0, FL_NONE);
        OP("clz", "clz %0, %2", a, 0, 0, FL_NONE);
        OP("rbit", "rbit %0, %2", a, 0, 0, FL_NONE);
        OP("rev", "rev %0, %2", a, 0, 0, FL_NONE);
        OP("rev16", "rev16 %0, %2", a, 0, 0, FL_NONE);
        OP("revsh", "revsh %0, %2", a, 0, 0, FL_NONE);
        OP("usad8", "usad8 %0, %2, %3", a, b, 0, FL_NONE);
        OP("usada8", "usada8 %0, %2, %3, %4", a, b, 0x1000, FL_NONE);
        OP("pkhbt", "pkhbt %0, %2, %3", a, b, 0, FL_NONE);
        OP("pkhbt lsl12", "pkhbt %0, %2, %3, lsl #12", a, b, 0, FL_NONE);
        OP("pkhtb asr16", "pkhtb %0, %2, %3, asr #16", a, b, 0, FL_NONE);
        OP("pkhtb asr32", "pkhtb %0, %2, %3, asr #32", a, b, 0, FL_NONE);
        OP("movt", "mov %0, %2\n\tmovt %0, #0xbeef", a, 0, 0, FL_NONE);
    }
    OP("movw", "movw %0, #0xcafe", 0, 0, 0, FL_ALL);
    return 0;
}
