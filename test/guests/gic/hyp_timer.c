/*
 * Hyp physical timer (CNTHP, PPI 10 = INTID 26) interrupt taken in Hyp mode
 * (HCR.IMO = 1, CPSR.I = 0) while the core waits in WFI. The handler
 * acknowledges through GICC_IAR, checks ISTATUS and the TVAL sign, masks the
 * timer with IMASK (the level-sensitive PPI drops) and ends with GICC_EOIR.
 * Then the same with the physical timer (CNTP, INTID 30) programmed through
 * CVAL, and a timer fired while IMASK hides it (no interrupt, ISTATUS = 1).
 */
#include "_gic.h"

GUEST_BOOT_HYP;

static volatile u32 irqs, last_id;

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    if (kind != EXC_IRQ) {
        printf("unexpected hyp exception %s hsr=%08x\n", hyp_exc_name(kind), f->hsr);
        semihost_exit(1);
    }
    u32 iar = GICC(C_IAR);
    u32 id = iar & 0x3ff;
    printf("irq in %s: IAR=%08x RPR=%02x", mode_name(read_cpsr()), iar, GICC(C_RPR));
    if (id == 26) {
        u32 ctl = read_cnthp_ctl();
        printf(" CNTHP_CTL=%x tval<=0:%s", ctl, (s32)read_cnthp_tval() <= 0 ? "yes" : "no");
        write_cnthp_ctl(ctl | 2);
    } else if (id == 30) {
        u32 ctl = read_cntp_ctl();
        printf(" CNTP_CTL=%x cval<=count:%s", ctl, read_cntp_cval() <= read_cntpct() ? "yes" : "no");
        write_cntp_ctl(ctl | 2);
    }
    printf(" pending-after-mask=%x\n", GICD(D_ISPENDR) & (1u << id));
    GICC(C_EOIR) = iar;
    last_id = id;
    irqs++;
}

static void wait_irq(u32 n)
{
    while (irqs < n)
        wfi();
}

int main(void)
{
    printf("CNTFRQ=%u\n", read_cntfrq());
    GICD(D_CTLR) = 1;
    GICC(C_CTLR) = 1;
    GICC(C_PMR) = 0xf0;
    gic_set_prio(26, 0xa0);
    gic_set_prio(30, 0xa0);
    gic_enable_irq(26);
    gic_enable_irq(30);
    printf("ICFGR1=%08x (PPIs level-sensitive)\n", GICD(D_ICFGR + 4));
    write_hcr(1u << 4); /* IMO: physical IRQs to Hyp, unmasked by CPSR.I in Hyp */
    ISB();
    irq_enable();

    write_cnthp_tval(20000);
    write_cnthp_ctl(1);
    wait_irq(1);
    printf("after hyp timer: irqs=%u last=%u CNTHP_CTL=%x RPR=%02x\n", irqs, last_id, read_cnthp_ctl(), GICC(C_RPR));
    write_cnthp_ctl(0);

    write_cntp_cval(read_cntpct() + 30000);
    write_cntp_ctl(1);
    wait_irq(2);
    printf("after phys timer: irqs=%u last=%u CNTP_CTL=%x\n", irqs, last_id, read_cntp_ctl());
    write_cntp_ctl(0);

    /* Masked timer: condition met, no interrupt. */
    write_cntp_ctl(1 | 2);
    write_cntp_tval(100);
    while (!(read_cntp_ctl() & 4))
        ;
    printf("masked: CNTP_CTL=%x irqs=%u pending30=%x\n", read_cntp_ctl(), irqs, GICD(D_ISPENDR) & (1u << 30));
    write_cntp_ctl(0);
    printf("disabled: CNTP_CTL=%x\n", read_cntp_ctl());
    irq_disable();
    write_hcr(0);
    return 0;
}
