/*
 * GIC maintenance interrupt (PPI 9, INTID 25). Hyp puts a software virtual
 * SGI in LR0 with the EOI bit (CPUID 3) and a virtual SPI in LR1, then runs
 * the guest. The guest acknowledges vSGI 5 through GICV_IAR (IAR[12:10] = 3)
 * and EOIs it: LR0 becomes invalid, GICH_EISR0 bit 0 and GICH_MISR.EOI set,
 * and the maintenance interrupt traps to Hyp, which prints the state and
 * frees the LR. Then the underflow (UIE), no-pending (NPIE), EOICount
 * (LRENPIE) and group enable/disable (VGrp0EIE/VGrp1DIE) reasons are read
 * back from GICH_MISR.
 */
#include "_gic.h"

GUEST_BOOT_HYP;

static volatile u32 guest_irqs, maint_irqs;

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    if (kind != EXC_IRQ) {
        printf("unexpected hyp exception %s hsr=%08x\n", hyp_exc_name(kind), f->hsr);
        semihost_exit(1);
    }
    u32 iar = GICC(C_IAR);
    printf("hyp: IRQ %u from %s: MISR=%x EISR0=%x ELRSR0=%x LR0=%08x LR1=%08x\n", iar, mode_name(f->spsr),
           GICH(H_MISR), GICH(H_EISR0), GICH(H_ELRSR0), GICH(H_LR(0)), GICH(H_LR(1)));
    GICH(H_LR(0)) = 0;
    printf("hyp: LR0 freed: MISR=%x EISR0=%x ELRSR0=%x maint pending=%x\n", GICH(H_MISR), GICH(H_EISR0),
           GICH(H_ELRSR0), (GICD(D_ISPENDR) >> 25) & 1);
    GICC(C_EOIR) = iar;
    maint_irqs++;
}

void exc_handler(u32 kind, struct exc_frame *f)
{
    if (kind != EXC_IRQ) {
        printf("unexpected guest exception %s\n", exc_name(kind));
        semihost_exit(2);
    }
    u32 iar = GICV(C_IAR);
    printf("guest: GICV_IAR=%08x (id %u cpu %u) RPR=%02x\n", iar, iar & 0x3ff, (iar >> 10) & 7, GICV(C_RPR));
    GICV(C_EOIR) = iar;
    /* No state printed here: QEMU takes the maintenance IRQ a few instructions after the EOIR write. */
    printf("guest: EOI %u done\n", iar & 0x3ff);
    guest_irqs++;
}

static u32 guest(u32 arg)
{
    GICV(C_CTLR) = 1;
    GICV(C_PMR) = 0xf8;
    irq_enable();
    while (guest_irqs < arg)
        wfi();
    irq_disable();
    return guest_irqs;
}

int main(void)
{
    GICD(D_CTLR) = 1;
    GICC(C_CTLR) = 1;
    GICC(C_PMR) = 0xf0;
    gic_set_prio(25, 0x80);
    gic_enable_irq(25);
    printf("ICFGR1=%08x\n", GICD(D_ICFGR + 4));

    GICH(H_LR(0)) = LR_EOI | LR_PENDING | LR_PRIO(0x80) | (3u << 10) | 5;
    GICH(H_LR(1)) = LR_PENDING | LR_PRIO(0x90) | 40;
    GICH(H_HCR) = 1;
    printf("before: MISR=%x ELRSR0=%x EISR0=%x\n", GICH(H_MISR), GICH(H_ELRSR0), GICH(H_EISR0));
    write_hcr(1u << 4); /* IMO */
    ISB();
    u32 n = call_pl1(guest, 2, SPSR_SVC);
    printf("guest handled %u, maintenance %u; LR1=%08x ELRSR0=%x\n", n, maint_irqs, GICH(H_LR(1)), GICH(H_ELRSR0));

    /* Reasons read back with IRQs masked in Hyp (CPSR.I = 1). */
    GICH(H_HCR) = 1 | (1u << 1);
    printf("UIE: MISR=%x maint pending=%x HPPIR=%u\n", GICH(H_MISR), (GICD(D_ISPENDR) >> 25) & 1, GICC(C_HPPIR));
    GICH(H_LR(2)) = LR_PENDING | 50;
    GICH(H_LR(3)) = LR_PENDING | 51;
    printf("UIE with 2 valid LRs: MISR=%x\n", GICH(H_MISR));
    GICH(H_HCR) = 1 | (1u << 3);
    printf("NPIE with pending LRs: MISR=%x\n", GICH(H_MISR));
    GICH(H_LR(2)) = LR_ACTIVE | 50;
    GICH(H_LR(3)) = 0;
    printf("NPIE with only active: MISR=%x\n", GICH(H_MISR));
    GICH(H_HCR) = 1 | (1u << 2) | (1u << 27);
    printf("LRENPIE EOICount=1: MISR=%x HCR=%08x\n", GICH(H_MISR), GICH(H_HCR));
    GICH(H_HCR) = 1 | (1u << 4) | (1u << 7);
    printf("VGrp0EIE|VGrp1DIE: MISR=%x\n", GICH(H_MISR));
    GICH(H_HCR) = (1u << 4);
    printf("En=0: MISR=%x maint pending=%x\n", GICH(H_MISR), (GICD(D_ISPENDR) >> 25) & 1);
    GICH(H_HCR) = 0;
    GICH(H_LR(1)) = 0;
    GICH(H_LR(2)) = 0;
    write_hcr(0);
    return 0;
}
