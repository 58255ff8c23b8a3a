/*
 * 64-bit generic-timer registers from Hyp: CNTVOFF/CVAL keep all 64 bits, CNTVCT = CNTPCT - CNTVOFF
 * wraps modulo 2^64, the timer condition is an unsigned 64-bit compare and TVAL a signed 32-bit view.
 * Only values independent of elapsed time are printed (QEMU's counter runs in host time). B8.1, B8.2.
 */
#include "guest.h"

GUEST_BOOT_HYP;

#define CNTVOFF_R() MRRC(p15, 4, c14)
#define CNTVOFF_W(v) MCRR(p15, 4, c14, v)
#define CNTP_CVAL_R() MRRC(p15, 2, c14)
#define CNTP_CVAL_W(v) MCRR(p15, 2, c14, v)
#define CNTV_CVAL_W(v) MCRR(p15, 3, c14, v)
#define CNTHP_CVAL_R() MRRC(p15, 6, c14)
#define CNTHP_CVAL_W(v) MCRR(p15, 6, c14, v)

static void show(const char *what, u64 v)
{
    printf("%s %08x_%08x\n", what, (u32)(v >> 32), (u32)v);
}

int main(void)
{
    CNTVOFF_W(~0ull);
    ISB();
    show("cntvoff ones", CNTVOFF_R());
    CNTVOFF_W(0x8000000000000001ull);
    ISB();
    show("cntvoff top+1", CNTVOFF_R());
    CNTHP_CVAL_W(0xfedcba9876543210ull);
    show("cnthp_cval", CNTHP_CVAL_R());

    /* CNTVOFF = CNTPCT + 2^20: CNTVCT is "negative", i.e. just below 2^64 */
    u64 pct = read_cntpct();
    CNTVOFF_W(pct + 0x100000ull);
    ISB();
    u64 vct = read_cntvct();
    printf("cntvct hi=%08x lo>=fff00000 %d\n", (u32)(vct >> 32), (u32)vct >= 0xfff00000u);
    /* virtual timer: CVAL = 0xFFFFFFFF_00000000 <= CNTVCT (unsigned) -> condition met */
    CNTV_CVAL_W(0xffffffff00000000ull);
    MCR(p15, 0, c14, c3, 1, 3); /* enable, masked */
    ISB();
    printf("cntv_ctl met %08x\n", MRC(p15, 0, c14, c3, 1));
    /* CVAL = 0 is below every count: met, too */
    CNTV_CVAL_W(0);
    printf("cntv_ctl cval=0 %08x\n", MRC(p15, 0, c14, c3, 1));
    MCR(p15, 0, c14, c3, 1, 0);

    /* physical timer: CVAL with bit 63 set is far in the future (a signed compare would say met) */
    CNTP_CVAL_W(0x8000000000000000ull);
    MCR(p15, 0, c14, c2, 1, 3);
    ISB();
    printf("cntp_ctl cval=2^63 %08x\n", MRC(p15, 0, c14, c2, 1));
    /* TVAL = -1: CVAL = count - 1, condition met; TVAL reads negative */
    MCR(p15, 0, c14, c2, 0, 0xffffffffu);
    ISB();
    printf("cntp_ctl tval=-1 %08x tval<0 %d\n", MRC(p15, 0, c14, c2, 1), (int)MRC(p15, 0, c14, c2, 0) < 0);
    show("cntp_cval hi after tval=-1 (count < 2^32)", CNTP_CVAL_R() >> 32);
    /* TVAL = 0x7fffffff: not met, TVAL positive */
    MCR(p15, 0, c14, c2, 0, 0x7fffffffu);
    ISB();
    printf("cntp_ctl tval=max %08x tval>0 %d\n", MRC(p15, 0, c14, c2, 1), (int)MRC(p15, 0, c14, c2, 0) > 0);
    MCR(p15, 0, c14, c2, 1, 0);
    CNTVOFF_W(0);
    return 0;
}
