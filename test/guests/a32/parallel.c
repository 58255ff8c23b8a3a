/*
 * Parallel add/subtract: {S,Q,SH,U,UQ,UH} x {ADD16,SUB16,ADD8,SUB8,ASX,SAX};
 * GE flags from the S and U forms; SEL using GE.
 */
#include "_common.h"

#define PAR(pfx) do {                                                         \
    OP(#pfx "add16", #pfx "add16 %0, %2, %3", a, b, 0, FL_NONE);             \
    OP(#pfx "sub16", #pfx "sub16 %0, %2, %3", a, b, 0, FL_NONE);             \
    OP(#pfx "add8", #pfx "add8 %0, %2, %3", a, b, 0, FL_NONE);               \
    OP(#pfx "sub8", #pfx "sub8 %0, %2, %3", a, b, 0, FL_NONE);               \
    OP(#pfx "asx", #pfx "asx %0, %2, %3", a, b, 0, FL_NONE);                 \
    OP(#pfx "sax", #pfx "sax %0, %2, %3", a, b, 0, FL_ALL);                  \
} while (0)

static const u32 pv[] = {
    0x00000000, 0xffffffff, 0x7fff8000, 0x80007fff, 0x7f80ff01,
    0x01ff807f, 0x12345678, 0xfedcba98, 0x00010001, 0x80808080,
};

int main(void)
{
    for (u32 i = 0; i < ARRAY_SIZE(pv); i++)
        for (u32 j = 0; j < ARRAY_SIZE(pv); j++) {
            u32 a = pv[i], b = pv[j];
            PAR(s);
            PAR(q);
            PAR(sh);
            PAR(u);
            PAR(uq);
            PAR(uh);
        }
    for (u32 ge = 0; ge < 16; ge++)
        OP("sel", "sel %0, %2, %3", 0x11223344, 0xaabbccdd, 0, ge << 16);
    return 0;
}
