#include "semihost.h"

u32 semihost_call(u32 op, u32 arg)
{
    register u32 r0 __asm__("r0") = op;
    register u32 r1 __asm__("r1") = arg;
#if defined(SEMIHOST_HLT)
#  if defined(__thumb__)
    __asm__ volatile(".inst.n 0xbabc" : "+r"(r0) : "r"(r1) : "memory"); /* hlt 0x3c */
#  else
    __asm__ volatile(".inst 0xe10f0070" : "+r"(r0) : "r"(r1) : "memory"); /* hlt 0xf000 */
#  endif
#else
#  if defined(__thumb__)
    __asm__ volatile("svc 0xab" : "+r"(r0) : "r"(r1) : "memory");
#  else
    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
#  endif
#endif
    return r0;
}

void semihost_exit(u32 code)
{
    static volatile u32 block[2];
    block[0] = ADP_Stopped_ApplicationExit;
    block[1] = code;
    semihost_call(SYS_EXIT_EXTENDED, (u32)block);
    /* Host without SYS_EXIT_EXTENDED: plain SYS_EXIT (exit status 0 or 1). */
    semihost_call(SYS_EXIT, code == 0 ? ADP_Stopped_ApplicationExit : 0x20024u /* RunTimeErrorUnknown */);
    for (;;) {
    }
}

void semihost_write0(const char *s)
{
    semihost_call(SYS_WRITE0, (u32)s);
}
