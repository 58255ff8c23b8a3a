/*
 * Debug-adapter benchmark guest: a long arithmetic loop (about 100 million instructions) so
 * bench/dap-latency.ts can time continue with and without breakpoints and filters armed.
 */
#include "guest.h"

static u32 __attribute__((noinline)) never_called(u32 x)
{
    return x + 1;
}

int main(void)
{
    u32 s = 0;
    for (u32 i = 0; i < 20000000u; i++)
        s = s * 33u + i;
    if (s == 0x12345678u)
        s = never_called(s);
    printf("spin %08x\n", s);
    return 0;
}
