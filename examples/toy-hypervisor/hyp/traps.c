/*
 * traps.c - what the toy hypervisor does with each trap: it reads HSR (ARM ARM B3.13.6), handles
 * the cause, and decides where the guest resumes (ELR_hyp).
 */
#include "hyp.h"
#include "sysreg.h"
#include "uart.h"

/* A trapped instruction is re-executed unless we step over it; IL says how long it was. */
static void skip_instruction(struct frame *f, u32 hsr)
{
    f->elr += (hsr & (1u << 25)) ? 4 : 2;
}

static void hypercall(struct frame *f)
{
    switch (f->r[0]) {
    case HC_PRINT: {
        /* The guest passes a pointer in ITS virtual address space: translate it through both
           stages with ATS12NSOPR, as a real hypervisor must. */
        const char *prefix = "[guest] ";
        uart_puts(prefix);
        for (u32 va = f->r[1];; va++) {
            int ok;
            u32 pa = guest_va_to_pa(va, &ok);
            if (!ok) { uart_puts("<bad pointer>\n"); break; }
            char c = *(volatile char *)pa;
            if (!c) break;
            uart_putc(c);
        }
        f->r[0] = 0;
        break;
    }
    case HC_YIELD:
        /* A scheduling point: wait for our own timer tick (the Hyp timer) before resuming. */
        hyp_wait_for_timer();
        f->r[0] = 0;
        break;
    case HC_EXIT:
        hyp_exit(f->r[1]);
    default:
        f->r[0] = (u32)-1;
        break;
    }
}

/* EC 0x03: trapped MCR/MRC. ISS: Opc2[19:17] Opc1[16:14] CRn[13:10] Rt[8:5] CRm[4:1] Dir[0]. */
static void cp15_trap(struct frame *f, u32 hsr)
{
    u32 opc2 = (hsr >> 17) & 7, opc1 = (hsr >> 14) & 7, crn = (hsr >> 10) & 15;
    u32 rt = (hsr >> 5) & 15, crm = (hsr >> 1) & 15, read = hsr & 1;

    if (!read && opc1 == 0 && crn <= 3 && crm == 0) {
        /* HCR.TVM: the guest writes a translation control register (SCTLR, TTBR0/1, TTBCR,
           DACR). Look at what it wants, then do it on its behalf: from Hyp mode these MCRs
           write the guest's (Non-secure PL1) registers. */
        u32 v = guest_reg_get(f, rt);
        uart_puts("[hyp] guest writes ");
        if (crn == 1 && opc2 == 0) { uart_puts("SCTLR"); write_sctlr(v); }
        else if (crn == 2 && opc2 == 0) { uart_puts("TTBR0"); write_ttbr0(v); }
        else if (crn == 2 && opc2 == 2) { uart_puts("TTBCR"); write_ttbcr(v); }
        else if (crn == 3 && opc2 == 0) { uart_puts("DACR"); write_dacr(v); }
        else hyp_panic("unexpected TVM write", hsr, f->elr);
        uart_puts(" = ");
        uart_hex(v);
        uart_puts(crn == 1 && (v & 1) ? " (its MMU goes on)\n" : "\n");
        isb();
    } else if (crn == 9) {
        /* HSTR.T9: performance monitors. This guest gets a PMU with no counters. */
        if (read) guest_reg_set(f, rt, (opc1 == 0 && crm == 12 && opc2 == 0) ? 0x410f0000u : 0);
        uart_puts("[hyp] emulated PMU access (c9)\n");
    } else {
        hyp_panic("unexpected CP15 trap", hsr, f->elr);
    }
    skip_instruction(f, hsr);
}

void hyp_trap(struct frame *f)
{
    u32 hsr = read_hsr();
    u32 ec = hsr >> 26;
    stats[ec & 63]++;

    switch (ec) {
    case EC_HVC:                        /* ELR_hyp already points after the HVC */
        hypercall(f);
        break;
    case EC_DABT_LOW: {                 /* stage-2 fault: an access to the emulated device */
        u32 ipa = ((read_hpfar() & ~0xfu) << 8) | (read_hdfar() & 0xfff);
        mmio_emulate(f, hsr, ipa);
        skip_instruction(f, hsr);
        break;
    }
    case EC_MCR15:
        cp15_trap(f, hsr);
        break;
    case EC_SMC:
        /* HCR.TSC: the guest's firmware call comes to us. Answer PSCI_VERSION ourselves. */
        if (f->r[0] == 0x84000000u) {
            f->r[0] = 0x00010000u;      /* PSCI 1.0 */
            uart_puts("[hyp] SMC PSCI_VERSION answered by the hypervisor\n");
        } else {
            f->r[0] = (u32)-1;          /* NOT_SUPPORTED */
        }
        skip_instruction(f, hsr);
        break;
    case EC_WFX:                        /* the guest is idle: sleep until an interrupt arrives */
        vgic_idle();
        skip_instruction(f, hsr);
        break;
    case EC_HCPTR:
        /* First FP/SIMD use: a real hypervisor would now load this guest's FP registers.
           Stop trapping and let the instruction run again. */
        uart_puts("[hyp] guest touched the FP unit: enabling it lazily (HCPTR)\n");
        write_hcptr(read_hcptr() & ~HCPTR_TCP_FP);
        isb();
        break;
    default:
        hyp_panic("unexpected trap", hsr, f->elr);
    }
}
