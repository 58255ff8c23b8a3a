/*
 * WFI wake-up: in Hyp mode with CPSR.I = 1 the physical timer interrupt
 * (INTID 30) wakes WFI without being taken; the code then acknowledges it
 * by polling GICC_IAR. PSCI CPU_SUSPEND behaves like WFI on QEMU and
 * returns SUCCESS once the next timer interrupt is pending. Finally a
 * guest in SVC mode with CPSR.I = 1 is woken from WFI by a virtual interrupt
 * (list register, HCR.IMO = 1) that stays masked.
 */
#include "_gic.h"

GUEST_BOOT_HYP;

static void ack_timer(const char *what)
{
    u32 iar = GICC(C_IAR);
    printf("%s: IAR=%u CNTP_CTL=%x\n", what, iar, read_cntp_ctl());
    write_cntp_ctl(0);
    GICC(C_EOIR) = iar;
}

static u32 guest(u32 arg)
{
    GICV(C_CTLR) = 1;
    GICV(C_PMR) = 0xf8;
    wfi();
    u32 cpsr = read_cpsr();
    printf("guest woke in %s I=%u: GICV_HPPIR=%u\n", mode_name(cpsr), (cpsr >> 7) & 1, GICV(C_HPPIR));
    u32 iar = GICV(C_IAR);
    GICV(C_EOIR) = iar;
    return iar + arg;
}

int main(void)
{
    GICD(D_CTLR) = 1;
    GICC(C_CTLR) = 1;
    GICC(C_PMR) = 0xf0;
    gic_set_prio(30, 0x80);
    gic_enable_irq(30);
    write_hcr(1u << 4);
    ISB();
    printf("CPSR I=%u\n", (read_cpsr() >> 7) & 1);

    write_cntp_tval(40000);
    write_cntp_ctl(1);
    wfi();
    printf("woke: HPPIR=%u\n", GICC(C_HPPIR));
    ack_timer("wfi");

    write_cntp_tval(40000);
    write_cntp_ctl(1);
    u32 r = psci_call(0x84000001, 0, 0, 0);
    printf("CPU_SUSPEND returned %08x, HPPIR=%u\n", r, GICC(C_HPPIR));
    ack_timer("suspend");

    GICH(H_HCR) = 1;
    GICH(H_LR(0)) = LR_PENDING | LR_PRIO(0x80) | 33;
    u32 g = call_pl1(guest, 0x100, SPSR_SVC);
    printf("guest returned %x, LR0=%08x\n", g, GICH(H_LR(0)));
    GICH(H_HCR) = 0;
    write_hcr(0);
    return 0;
}
