/*
 * Debug-adapter test guest: a physical FIQ at PL1. SGI 0 is made a Group 0 interrupt and the CPU
 * interface signals Group 0 as FIQ (GICC_CTLR.FIQEn, GICv2 IHI 0048B 4.4.1); the SGI is sent to
 * this core through GICD_SGIR. The PL1 FIQ handler acknowledges and completes it. Then SGI 1
 * (Group 1) arrives as an IRQ. Markers "@name" let the tests find line numbers.
 */
#include "../gic/_gic.h"

static volatile u32 fiqs, irqs;

void exc_handler(u32 kind, struct exc_frame *f)
{
    u32 iar = GICC(C_IAR); /* @handler */
    if (kind == EXC_FIQ)
        fiqs++;
    else if (kind == EXC_IRQ)
        irqs++;
    printf("%s: INTID %u\n", exc_name(kind), iar & 0x3ff);
    GICC(C_EOIR) = iar;
    (void)f;
}

int main(void)
{
    GICD(D_CTLR) = 3;                          /* Group 0 and Group 1 forwarding */
    GICD(D_IGROUPR) = 1u << 1;                 /* SGI 0: Group 0, SGI 1: Group 1 */
    REG8(GICD_BASE + D_IPRIORITYR + 0) = 0x80;
    REG8(GICD_BASE + D_IPRIORITYR + 1) = 0x80;
    GICD(D_ISENABLER) = 3;
    GICC(C_PMR) = 0xff;
    GICC(C_CTLR) = 1u | (1u << 1) | (1u << 2) | (1u << 3); /* EnableGrp0/1, AckCtl, FIQEn */
    /*
     * Each SGI is made pending while masked, and taken when CPS unmasks it: the architecture only
     * promises that an interrupt is taken "in finite time" after the GICD write, and QEMU takes it
     * a few instructions later than hypscope does; after CPS both take it at once.
     */
    GICD(D_SGIR) = (2u << 24) | 0;             /* SGI 0 to this core: @fiq */
    __asm__ volatile("dsb sy\n isb\n cpsie f" ::: "memory");
    while (!fiqs)
        ;
    GICD(D_SGIR) = (2u << 24) | (1u << 15) | 1; /* SGI 1, NSATT = 1 (Group 1): @irq */
    __asm__ volatile("dsb sy\n isb\n cpsie i" ::: "memory");
    while (!irqs)
        ;
    printf("fiqs=%u irqs=%u\n", fiqs, irqs);
    return 0;
}
