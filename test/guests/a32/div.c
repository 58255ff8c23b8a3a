/* SDIV / UDIV, including division by zero (result 0; A15 has no DZ trap) and INT_MIN / -1. */
#include "_common.h"

int main(void)
{
    static const u32 d[] = {
        0, 1, 2, 3, 7, 0xffffffff, 0xfffffffe, 0x80000000, 0x7fffffff, 0x10000, 0x12345678, 0xfedcba98,
    };
    for (u32 i = 0; i < ARRAY_SIZE(d); i++)
        for (u32 j = 0; j < ARRAY_SIZE(d); j++) {
            OP("sdiv", "sdiv %0, %2, %3", d[i], d[j], 0, FL_ALL);
            OP("udiv", "udiv %0, %2, %3", d[i], d[j], 0, FL_NONE);
        }
    /* C division through libgcc helpers still works */
    volatile s32 x = -1000000007, y = 13;
    volatile u64 ux = 0xfedcba9876543210ull, uy = 0x12345ull;
    printf("c: %d %d %llu %llu\n", x / y, x % y, ux / uy, ux % uy);
    return 0;
}
