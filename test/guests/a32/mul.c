/*
 * Multiplies: MUL/MLA/MLS (+S), long UMULL/UMLAL/SMULL/SMLAL/UMAAL (+S),
 * halfword DSP SMULxy/SMLAxy/SMULWy/SMLAWy/SMLALxy (Q flag), dual
 * SMUAD/SMUSD/SMLAD/SMLSD/SMLALD/SMLSLD (X forms), most-significant-word
 * SMMUL/SMMLA/SMMLS (R forms).
 */
#include "_common.h"

static const u32 mv[] = {
    0x00000000, 0x00000001, 0xffffffff, 0x7fffffff, 0x80000000,
    0x00010002, 0x8000ffff, 0x7fff8000, 0x12345678, 0xfedcba98,
};

int main(void)
{
    for (u32 i = 0; i < ARRAY_SIZE(mv); i++) {
        for (u32 j = 0; j < ARRAY_SIZE(mv); j++) {
            u32 a = mv[i], b = mv[j], acc = 0x40000001u;
            OP("muls", "muls %0, %2, %3", a, b, 0, FL_C);
            OP("mla", "mla %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP("mlas", "mlas %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP("mls", "mls %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP64("umull", "umull %0, %1, %3, %4", 0, 0, a, b, FL_NONE);
            OP64("umulls", "umulls %0, %1, %3, %4", 0, 0, a, b, FL_C);
            OP64("smull", "smull %0, %1, %3, %4", 0, 0, a, b, FL_NONE);
            OP64("smulls", "smulls %0, %1, %3, %4", 0, 0, a, b, FL_NONE);
            OP64("umlal", "umlal %0, %1, %3, %4", 0xffffffff, 0x1, a, b, FL_NONE);
            OP64("smlals", "smlals %0, %1, %3, %4", 0xffffffff, 0x80000000, a, b, FL_NONE);
            OP64("umaal", "umaal %0, %1, %3, %4", 0xffffffff, 0xffffffff, a, b, FL_NONE);
            OP("smulbb", "smulbb %0, %2, %3", a, b, 0, FL_NONE);
            OP("smulbt", "smulbt %0, %2, %3", a, b, 0, FL_NONE);
            OP("smultb", "smultb %0, %2, %3", a, b, 0, FL_NONE);
            OP("smultt", "smultt %0, %2, %3", a, b, 0, FL_NONE);
            OP("smlabb", "smlabb %0, %2, %3, %4", a, b, 0x7fffffff, FL_NONE);
            OP("smlatt", "smlatt %0, %2, %3, %4", a, b, 0x80000000, FL_NONE);
            OP("smulwb", "smulwb %0, %2, %3", a, b, 0, FL_NONE);
            OP("smulwt", "smulwt %0, %2, %3", a, b, 0, FL_NONE);
            OP("smlawb", "smlawb %0, %2, %3, %4", a, b, 0x7fffffff, FL_NONE);
            OP("smlawt", "smlawt %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP64("smlalbb", "smlalbb %0, %1, %3, %4", 0xffffffff, 0x7fffffff, a, b, FL_NONE);
            OP64("smlaltb", "smlaltb %0, %1, %3, %4", 0x1, 0x0, a, b, FL_NONE);
            OP("smuad", "smuad %0, %2, %3", a, b, 0, FL_NONE);
            OP("smuadx", "smuadx %0, %2, %3", a, b, 0, FL_NONE);
            OP("smusd", "smusd %0, %2, %3", a, b, 0, FL_NONE);
            OP("smusdx", "smusdx %0, %2, %3", a, b, 0, FL_NONE);
            OP("smlad", "smlad %0, %2, %3, %4", a, b, 0x7fffffff, FL_NONE);
            OP("smladx", "smladx %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP("smlsd", "smlsd %0, %2, %3, %4", a, b, 0x80000000, FL_NONE);
            OP("smlsdx", "smlsdx %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP64("smlald", "smlald %0, %1, %3, %4", 0xffffffff, 0x7fffffff, a, b, FL_NONE);
            OP64("smlaldx", "smlaldx %0, %1, %3, %4", 0x1, 0x1, a, b, FL_NONE);
            OP64("smlsld", "smlsld %0, %1, %3, %4", 0x0, 0x80000000, a, b, FL_NONE);
            OP64("smlsldx", "smlsldx %0, %1, %3, %4", 0x5, 0x0, a, b, FL_NONE);
            OP("smmul", "smmul %0, %2, %3", a, b, 0, FL_NONE);
            OP("smmulr", "smmulr %0, %2, %3", a, b, 0, FL_NONE);
            OP("smmla", "smmla %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP("smmlar", "smmlar %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP("smmls", "smmls %0, %2, %3, %4", a, b, acc, FL_NONE);
            OP("smmlsr", "smmlsr %0, %2, %3, %4", a, b, acc, FL_NONE);
        }
    }
    return 0;
}
