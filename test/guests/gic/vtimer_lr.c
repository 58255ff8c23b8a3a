/*
 * Virtual timer interrupt forwarded to a guest through a hardware list
 * register. Hyp routes physical IRQs to itself (HCR.IMO) and splits priority
 * drop from deactivation (GICC_CTLR.EOImode = 1). The SVC-mode guest arms
 * CNTV and waits in WFI; the physical PPI 11 (INTID 27) traps to Hyp, which
 * acknowledges it, drops its priority and injects it as LR0 = HW | pINTID 27
 * | vINTID 27. The guest takes the vIRQ, acknowledges it through GICV_IAR,
 * masks its timer and writes GICV_EOIR, which also deactivates the physical
 * interrupt (GICD_ISACTIVER0 bit 27 clears).
 */
#include "_gic.h"

GUEST_BOOT_HYP;

static volatile u32 guest_irqs, hyp_irqs;

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    if (kind != EXC_IRQ) {
        printf("unexpected hyp exception %s hsr=%08x\n", hyp_exc_name(kind), f->hsr);
        semihost_exit(1);
    }
    u32 iar = GICC(C_IAR);
    u32 id = iar & 0x3ff;
    printf("hyp: IRQ from %s, IAR=%u\n", mode_name(f->spsr), id);
    if (id == 27) {
        GICH(H_LR(0)) = LR_HW | (27u << 10) | LR_PENDING | LR_PRIO(0xa0) | 27;
        GICC(C_EOIR) = iar; /* priority drop only: the interrupt stays active */
        printf("hyp: injected LR0=%08x, phys active=%x RPR=%02x ELRSR=%x\n", GICH(H_LR(0)),
               (GICD(D_ISACTIVER) >> 27) & 1, GICC(C_RPR), GICH(H_ELRSR0));
    } else {
        GICC(C_EOIR) = iar;
        GICC(C_DIR) = iar;
    }
    hyp_irqs++;
}

void exc_handler(u32 kind, struct exc_frame *f)
{
    if (kind != EXC_IRQ) {
        printf("unexpected guest exception %s\n", exc_name(kind));
        semihost_exit(2);
    }
    u32 iar = GICV(C_IAR);
    printf("guest: vIRQ in %s, GICV_IAR=%u RPR=%02x CNTV_CTL=%x\n", mode_name(read_cpsr()), iar,
           GICV(C_RPR), read_cntv_ctl());
    write_cntv_ctl(3); /* mask: the level-sensitive PPI drops */
    GICV(C_EOIR) = iar;
    printf("guest: after EOI RPR=%02x HPPIR=%u\n", GICV(C_RPR), GICV(C_HPPIR));
    guest_irqs++;
}

static u32 guest(u32 arg)
{
    GICV(C_CTLR) = 1;
    GICV(C_PMR) = 0xf0;
    printf("guest in %s: GICV_CTLR=%x PMR=%02x BPR=%x\n", mode_name(read_cpsr()), GICV(C_CTLR), GICV(C_PMR), GICV(C_BPR));
    write_cntv_tval(arg);
    write_cntv_ctl(1);
    /*
     * Wait with IRQs masked and open them only right after WFI, so the virtual IRQ is always taken
     * at the same instruction however late the (host-timed) QEMU timer fires.
     */
    while (guest_irqs == 0)
        __asm__ volatile("wfi\n cpsie i\n isb\n cpsid i" ::: "memory");
    write_cntv_ctl(0);
    return guest_irqs;
}

int main(void)
{
    GICD(D_CTLR) = 1;
    GICC(C_CTLR) = 1 | (1u << 9); /* EnableGrp0, EOImode */
    GICC(C_PMR) = 0xf0;
    gic_set_prio(27, 0xa0);
    gic_enable_irq(27);
    GICH(H_HCR) = 1;
    write_hcr(1u << 4); /* IMO */
    ISB();
    u32 n = call_pl1(guest, 50000, SPSR_SVC);
    write_hcr(0);
    printf("hyp: guest handled %u, hyp saw %u; LR0=%08x ELRSR=%x phys active=%x pending=%x VMCR=%08x\n", n, hyp_irqs,
           GICH(H_LR(0)), GICH(H_ELRSR0), (GICD(D_ISACTIVER) >> 27) & 1, (GICD(D_ISPENDR) >> 27) & 1, GICH(H_VMCR));
    GICH(H_HCR) = 0;
    return 0;
}
