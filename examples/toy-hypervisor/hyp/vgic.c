/*
 * vgic.c - interrupts: the physical GIC (distributor + CPU interface), the virtual interface the
 * hypervisor uses to inject interrupts into the guest (GICH list registers), and the timers.
 * GIC Architecture Specification v2 (IHI 0048B) chapters 4 and 5; ARM ARM B8 (generic timer).
 */
#include "hyp.h"
#include "sysreg.h"
#include "uart.h"

#define GICD(off) (*(volatile u32 *)(GICD_PA + (off)))
#define GICC(off) (*(volatile u32 *)(GICC_PA + (off)))
#define GICH(off) (*(volatile u32 *)(GICH_PA + (off)))

#define GICH_HCR   0x000
#define GICH_MISR  0x010
#define GICH_EISR0 0x020
#define GICH_ELRSR0 0x030
#define GICH_LR(n) (0x100 + 4 * (n))
#define LR_PENDING (1u << 28)
#define LR_EOI     (1u << 19)           /* maintenance interrupt when the guest EOIs it */
#define TIMER_IMASK (1u << 1)

static volatile int hyp_ticked;

void gic_init(void)
{
    GICD(0x000) = 1;                    /* GICD_CTLR: forward interrupts */
    /* PPIs we care about: maintenance (25), Hyp timer (26), virtual timer (27). */
    GICD(0x100) = (1u << IRQ_MAINTENANCE) | (1u << IRQ_HYP_TIMER) | (1u << IRQ_VIRT_TIMER);
    for (int id = 24; id < 28; id++)    /* GICD_IPRIORITYR: byte per interrupt */
        ((volatile u8 *)(GICD_PA + 0x400))[id] = 0xa0;
    GICC(0x004) = 0xf0;                 /* GICC_PMR: let priority 0xa0 through */
    GICC(0x000) = 1;                    /* GICC_CTLR: enable the CPU interface */
    GICH(GICH_HCR) = 1;                 /* GICH_HCR.En: the virtual CPU interface is live */
}

/* The guest has a virtual interrupt waiting in a list register. */
int vgic_guest_irq_pending(void)
{
    return (GICH(GICH_LR(0)) & (3u << 28)) != 0;
}

/* The guest executed WFI (trapped by HCR.TWI): sleep until there is something for it. */
void vgic_idle(void)
{
    if (vgic_guest_irq_pending())
        return;
    /* IRQs are masked in Hyp mode; WFI still wakes when one becomes pending, and it will be
       taken as soon as we return to the guest (HCR.IMO routes it to us). */
    __asm__ volatile("dsb sy\n wfi" ::: "memory");
}

/* HC_YIELD: arm our own timer and sleep with interrupts enabled until it fires. */
void hyp_wait_for_timer(void)
{
    hyp_ticked = 0;
    write_cnthp_tval(50000);            /* 0.8 ms at 62.5 MHz */
    write_cnthp_ctl(1);                 /* ENABLE, not masked */
    isb();
    /* WFI with IRQs masked still wakes on a pending interrupt; unmasking afterwards takes it.
       (Unmasking first would race: the IRQ could arrive just before WFI and we would sleep on.) */
    while (!hyp_ticked)
        __asm__ volatile("wfi\n cpsie i\n isb\n cpsid i" ::: "memory");
}

static void inject_virtual_timer(void)
{
    /* The virtual timer is level-triggered and stays asserted until the guest reprograms it:
       mask it (CNTV_CTL.IMASK) so it stops interrupting us, and hand a virtual copy to the guest.
       When the guest EOIs it, the maintenance interrupt tells us to unmask it again. */
    write_cntv_ctl(read_cntv_ctl() | TIMER_IMASK);
    GICH(GICH_LR(0)) = LR_PENDING | LR_EOI | ((0xa0u >> 3) << 23) | IRQ_VIRT_TIMER;
    uart_puts("[hyp] virtual timer fired: injecting virtual IRQ 27 through list register 0\n");
}

static void maintenance(void)
{
    u32 eisr = GICH(GICH_EISR0);
    if (eisr & 1) {
        GICH(GICH_LR(0)) = 0;           /* the guest is done with it: free the list register */
        write_cntv_ctl(read_cntv_ctl() & ~TIMER_IMASK);
        uart_puts("[hyp] maintenance interrupt: guest EOI'd virtual IRQ 27\n");
    }
}

void hyp_irq(struct frame *f)
{
    (void)f;
    u32 iar = GICC(0x00c);              /* GICC_IAR: acknowledge */
    u32 id = iar & 0x3ff;
    switch (id) {
    case IRQ_HYP_TIMER:
        irq_stats[1]++;
        write_cnthp_ctl(0);
        hyp_ticked = 1;
        uart_puts("[hyp] Hyp timer interrupt\n");
        break;
    case IRQ_VIRT_TIMER:
        irq_stats[2]++;
        inject_virtual_timer();
        break;
    case IRQ_MAINTENANCE:
        irq_stats[0]++;
        maintenance();
        break;
    case 1023:                          /* spurious */
        return;
    default:
        uart_puts("[hyp] unexpected interrupt ");
        uart_dec(id);
        uart_puts("\n");
        break;
    }
    GICC(0x010) = iar;                  /* GICC_EOIR: priority drop and deactivate */
}
