/*
 * Saturating arithmetic: QADD/QSUB/QDADD/QDSUB, SSAT/USAT with shifts,
 * SSAT16/USAT16. Q is sticky: each OP starts with Q clear or set.
 */
#include "_common.h"

int main(void)
{
    for (u32 i = 0; i < ARRAY_SIZE(vals); i++) {
        for (u32 j = 0; j < ARRAY_SIZE(vals); j++) {
            u32 a = vals[i], b = vals[j];
            OP("qadd", "qadd %0, %2, %3", a, b, 0, FL_NONE);
            OP("qsub", "qsub %0, %2, %3", a, b, 0, FL_NONE);
            OP("qdadd", "qdadd %0, %2, %3", a, b, 0, FL_NONE);
            OP("qdsub", "qdsub %0, %2, %3", a, b, 0, PSR_Q);
        }
        u32 a = vals[i];
        OP("ssat #1", "ssat %0, #1, %2", a, 0, 0, FL_NONE);
        OP("ssat #8", "ssat %0, #8, %2", a, 0, 0, FL_NONE);
        OP("ssat #16 lsl4", "ssat %0, #16, %2, lsl #4", a, 0, 0, FL_NONE);
        OP("ssat #32 asr1", "ssat %0, #32, %2, asr #1", a, 0, 0, FL_NONE);
        OP("ssat #31 asr32", "ssat %0, #31, %2, asr #32", a, 0, 0, FL_NONE);
        OP("usat #0", "usat %0, #0, %2", a, 0, 0, FL_NONE);
        OP("usat #8", "usat %0, #8, %2", a, 0, 0, FL_NONE);
        OP("usat #31 lsl1", "usat %0, #31, %2, lsl #1", a, 0, 0, FL_NONE);
        OP("usat #16 asr8", "usat %0, #16, %2, asr #8", a, 0, 0, PSR_Q);
        OP("ssat16 #1", "ssat16 %0, #1, %2", a, 0, 0, FL_NONE);
        OP("ssat16 #8", "ssat16 %0, #8, %2", a, 0, 0, FL_NONE);
        OP("ssat16 #16", "ssat16 %0, #16, %2", a, 0, 0, FL_NONE);
        OP("usat16 #0", "usat16 %0, #0, %2", a, 0, 0, FL_NONE);
        OP("usat16 #7", "usat16 %0, #7, %2", a, 0, 0, FL_NONE);
        OP("usat16 #15", "usat16 %0, #15, %2", a, 0, 0, FL_NONE);
    }
    return 0;
}
