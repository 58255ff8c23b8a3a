/*
 * main.c - the toy hypervisor: set up Hyp's own MMU, the guest's stage-2 world, the traps we
 * want, the GIC; then enter the guest kernel in SVC mode with ERET (ARM ARM B1.9.10 / B1.14).
 */
#include "hyp.h"
#include "sysreg.h"
#include "uart.h"

extern char guest_entry[];              /* guest/boot.S, at a guest (IPA) address */

u32 stats[64];                          /* traps taken, by HSR.EC */
u32 irq_stats[3];                       /* maintenance, hyp timer, virtual timer interrupts */

void hyp_main(void)
{
    uart_puts("[hyp] toy hypervisor starting in Hyp mode\n");

    /* Our own address space first: Hyp stage 1 is always the long-descriptor format. */
    stage1_hyp_init();
    uart_puts("[hyp] Hyp MMU on (HTTBR)\n");

    /* The guest's physical world: stage 2 maps guest RAM, the UART and a GIC CPU interface. */
    stage2_init();
    gic_init();

    /*
     * What the guest may not do by itself:
     *  VM  - stage-2 translation on        TVM - writes to SCTLR, TTBRx, ... trap (EC 0x03)
     *  TSC - SMC traps (EC 0x13)           TWI - WFI traps (EC 0x01)
     *  IMO/FMO/AMO - physical interrupts come to us, and virtual ones can be injected.
     */
    write_hcr(HCR_VM | HCR_TVM | HCR_TSC | HCR_TWI | HCR_IMO | HCR_FMO | HCR_AMO);
    write_hstr(1u << 9);                /* CRn = c9 (performance monitors) traps: we emulate it */
    write_hcptr(HCPTR_TCP_FP);          /* FP/SIMD traps until the guest first uses it (lazy) */
    isb();
    uart_puts("[hyp] HCR = ");
    uart_hex(read_hcr());
    uart_puts(", entering the guest at ");
    uart_hex((u32)guest_entry);
    uart_puts("\n");

    /* Enter the guest: SVC mode with A, I, F masked, at its entry point (an IPA = guest VA). */
    __asm__ volatile(
        "msr ELR_hyp, %0\n"
        "msr spsr_cxsf, %1\n"
        "eret\n"
        : : "r"(guest_entry), "r"(0x1d3u) : "memory");
    __builtin_unreachable();
}

void hyp_exit(u32 code)
{
    static const struct { u32 ec; const char *name; } names[] = {
        { EC_HVC, "HVC hypercalls" }, { EC_DABT_LOW, "stage-2 data aborts (MMIO)" },
        { EC_MCR15, "trapped CP15 accesses" }, { EC_SMC, "SMC calls" },
        { EC_WFX, "WFI traps" }, { EC_HCPTR, "FP/SIMD traps" },
    };
    uart_puts("[hyp] guest exited with code ");
    uart_dec(code);
    uart_puts("; what it made us do:\n");
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        uart_puts("[hyp]   ");
        uart_dec(stats[names[i].ec]);
        uart_puts(" ");
        uart_puts(names[i].name);
        uart_puts("\n");
    }
    uart_puts("[hyp]   interrupts: ");
    uart_dec(irq_stats[0]);
    uart_puts(" maintenance, ");
    uart_dec(irq_stats[1]);
    uart_puts(" hyp timer, ");
    uart_dec(irq_stats[2]);
    uart_puts(" virtual timer\n");

    /* Semihosting SYS_EXIT_EXTENDED: reason ADP_Stopped_ApplicationExit, then the exit code. */
    static u32 block[2];
    block[0] = 0x20026;
    block[1] = code;
    register u32 r0 __asm__("r0") = 0x20;
    register u32 r1 __asm__("r1") = (u32)block;
    #ifdef __thumb__
    __asm__ volatile("hlt #0x3c" : "+r"(r0) : "r"(r1) : "memory");    /* T32 semihosting */
#else
    __asm__ volatile("hlt #0xf000" : "+r"(r0) : "r"(r1) : "memory");  /* A32 semihosting */
#endif
    for (;;)
        ;
}

void hyp_panic(const char *what, u32 hsr, u32 elr)
{
    uart_puts("[hyp] PANIC: ");
    uart_puts(what);
    uart_puts(" (HSR ");
    uart_hex(hsr);
    uart_puts(", ELR_hyp ");
    uart_hex(elr);
    uart_puts(")\n");
    hyp_exit(99);
}
