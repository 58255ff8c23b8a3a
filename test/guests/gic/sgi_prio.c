/*
 * SGIs, priority masking and preemption on the physical CPU interface, all
 * handled in Hyp mode (HCR.IMO = 1). SGIs are sent to the own core with
 * GICD_SGIR (TargetListFilter 2 and a target list of CPU 0); IAR reports the
 * source CPU. A handler re-enables IRQs: a higher-priority SGI preempts it,
 * an equal-priority one waits. GICC_PMR hides an SGI until raised. With
 * GICC_BPR = 5 only priority bits [7:6] count for preemption, so an SGI of
 * priority 0x90 no longer preempts one of 0xa0.
 */
#include "_gic.h"

GUEST_BOOT_HYP;

static volatile u32 depth, count;
static volatile u32 nest_sgi = 0xff;

static void indent(void)
{
    for (u32 i = 0; i < depth; i++)
        printf("  ");
}

static void send_sgi(u32 id)
{
    GICD(D_SGIR) = (2u << 24) | id;
}

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    if (kind != EXC_IRQ) {
        printf("unexpected hyp exception %s hsr=%08x\n", hyp_exc_name(kind), f->hsr);
        semihost_exit(1);
    }
    u32 iar = GICC(C_IAR);
    u32 id = iar & 0x3ff;
    depth++;
    count++;
    indent();
    printf("IRQ %u (src cpu %u) depth %u RPR=%02x APR0=%08x APR1=%08x APR2=%08x APR3=%08x\n",
           id, (iar >> 10) & 7, depth, GICC(C_RPR), GICC(C_APR0), GICC(C_APR0 + 4), GICC(C_APR0 + 8), GICC(C_APR0 + 12));
    if (id == 1 && nest_sgi != 0xff) {
        u32 n = nest_sgi;
        nest_sgi = 0xff;
        send_sgi(n);
        send_sgi(4);
        indent();
        printf("  sent SGI %u and SGI 4: HPPIR=%u\n", n, GICC(C_HPPIR));
        irq_enable(); /* a higher group priority preempts here */
        irq_disable();
        indent();
        printf("  back in IRQ 1, HPPIR=%u\n", GICC(C_HPPIR));
    }
    GICC(C_EOIR) = iar;
    depth--;
}

int main(void)
{
    GICD(D_CTLR) = 1;
    GICC(C_CTLR) = 1;
    GICC(C_PMR) = 0xf0;
    gic_set_prio(1, 0xa0);
    gic_set_prio(2, 0x60);
    gic_set_prio(3, 0xc0);
    gic_set_prio(4, 0xa0);
    gic_set_prio(5, 0x90);
    printf("ISENABLER0=%08x ICFGR0=%08x\n", GICD(D_ISENABLER), GICD(D_ICFGR));
    write_hcr(1u << 4);
    ISB();

    /* Pending SGIs with IRQs masked: the highest priority is presented first. */
    send_sgi(3);
    GICD(D_SGIR) = (0u << 24) | (1u << 16) | 1; /* target list: CPU 0 */
    GICD(D_SGIR) = (1u << 24) | 2;              /* all but self: nobody */
    printf("pending: ISPENDR0=%08x SPENDSGIR0=%08x HPPIR=%u\n", GICD(D_ISPENDR), GICD(D_SPENDSGIR), GICC(C_HPPIR));
    irq_enable();
    irq_disable();
    printf("drained: count=%u ISPENDR0=%08x RPR=%02x\n", count, GICD(D_ISPENDR), GICC(C_RPR));

    /* Preemption: SGI 2 (0x60) preempts SGI 1 (0xa0); SGI 4 (0xa0) does not. */
    nest_sgi = 2;
    send_sgi(1);
    irq_enable();
    irq_disable();
    printf("preemption done: count=%u\n", count);

    /* Priority mask: 0xc0 is not above PMR 0x80. */
    GICC(C_PMR) = 0x80;
    send_sgi(3);
    irq_enable();
    irq_disable();
    printf("masked: count=%u HPPIR=%u ISPENDR0=%08x\n", count, GICC(C_HPPIR), GICD(D_ISPENDR));
    GICC(C_PMR) = 0xf0;
    irq_enable();
    irq_disable();
    printf("unmasked: count=%u\n", count);

    /* Binary point 5: group priority bits [7:6]; 0x90 and 0xa0 are both group 0x80. */
    GICC(C_BPR) = 5;
    nest_sgi = 5;
    send_sgi(1);
    irq_enable();
    irq_disable();
    printf("bpr=%u done: count=%u RPR=%02x\n", GICC(C_BPR), count, GICC(C_RPR));
    write_hcr(0);
    return 0;
}
