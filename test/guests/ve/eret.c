/*
 * Exception return and virtual exceptions: ERET from Hyp to Hyp, to PL1, to illegal modes (Monitor,
 * reserved: QEMU keeps the mode and writes the other CPSR bits), ERET at PL1 (SUBS PC, LR, #0) to
 * Hyp (illegal); HCR.VI/VF/VA with IMO/FMO/AMO, held off by CPSR.I/F/A and never taken in Hyp.
 * B9.3.3 (ERET), B1.9.10 (exception return), B1.8.11 (virtual exceptions).
 */
#include "_hv.h"

/* ERET from Hyp with SPSR_hyp = r0's value; lands at 1: and returns the CPSR seen there. */
static u32 eret_hyp(u32 spsr)
{
    register u32 r0_ __asm__("r0") = spsr;
    __asm__ volatile(
        "adr r1, 1f\n msr ELR_hyp, r1\n msr spsr_cxsf, r0\n eret\n"
        "1: mrs r0, cpsr\n"
        : "+r"(r0_) : : "r1", "memory");
    return r0_;
}

/* From SVC: ERET = SUBS PC, LR, #0 with SPSR_svc = 0x1da (Hyp: illegal from PL1). */
PL1_FN(p_eret_to_hyp, "mov r1, #0x1da\n msr spsr_cxsf, r1\n adr lr, 1f\n eret\n 1: mrs r0, cpsr")
/* ERET to System mode with flags NZCV set */
PL1_FN(p_eret_to_sys, "movw r1, #0x1df\n movt r1, #0xf000\n msr spsr_cxsf, r1\n adr lr, 1f\n eret\n 1: mrs r0, cpsr\n cps #0x13")
/* ERET to Monitor mode (illegal without Security Extensions in NS) */
PL1_FN(p_eret_to_mon, "mov r1, #0x1d6\n msr spsr_cxsf, r1\n adr lr, 1f\n eret\n 1: mrs r0, cpsr")
PL1_FN(p_eretne, "mov r1, #0x1df\n msr spsr_cxsf, r1\n cmp r1, r1\n adr lr, 1f\n eretne\n mov r0, #0x33\n 1: mrs r1, cpsr")

/* Virtual interrupt windows: masked, then unmasked; r0 counts instructions run. */
PL1_FN(v_irq_window, "mov r0, #0\n nop\n add r0, r0, #1\n cpsie i\n nop\n nop\n add r0, r0, #0x10\n cpsid i")
PL1_FN(v_fiq_window, "mov r0, #0\n nop\n add r0, r0, #1\n cpsie f\n nop\n nop\n add r0, r0, #0x10\n cpsid f")
PL1_FN(v_abt_window, "mov r0, #0\n nop\n add r0, r0, #1\n cpsie a\n nop\n nop\n add r0, r0, #0x10\n cpsid a")
PL1_FN(v_all_masked, "mov r0, #0\n nop\n nop\n add r0, r0, #1\n mrs r1, cpsr")
PL1_FN(v_isr, "mrc p15, 0, r0, c12, c1, 0")

int main(void)
{
    static const u32 spsrs[] = {
        0x1da, 0x800001da, 0x1d6, 0x1d5, 0x1c0, 0x1d1 | 0x40000000, 0x1d3 & ~0x80u,
    };
    for (unsigned i = 0; i < sizeof spsrs / sizeof spsrs[0]; i++) {
        u32 s = spsrs[i];
        /* Only ERETs that stay in Hyp or fail return here directly; the others come back through
         * call_pl1 (their mode is not Hyp). */
        if ((s & 0x1f) == 0x1a || (s & 0x1f) == 0x16 || (s & 0x1f) == 0x15 || (s & 0x1f) == 0x00) {
            u32 c = eret_hyp(s);
            /* restore a sane Hyp CPSR (flags, masks) */
            __asm__ volatile("msr cpsr_fsxc, %0" : : "r"(0x1dau) : "memory");
            printf("eret from hyp spsr=%08x -> cpsr=%08x (%s)\n", s, c, mode_name(c));
        }
    }
    struct cfg c = { 0, 0, 0, 6 };
    run_at("eret svc->hyp", p_eret_to_hyp, SPSR_SVC, &c);
    run_at("eret svc->sys", p_eret_to_sys, SPSR_SVC, &c);
    run_at("eret svc->mon", p_eret_to_mon, SPSR_SVC, &c);
    run_at("eretne (not taken)", p_eretne, SPSR_SVC, &c);

    c.hcr = HCR_IMO | HCR_VI;
    run_at("vi imo", v_irq_window, SPSR_SVC, &c);
    run_at("vi imo isr", v_isr, SPSR_SVC, &c);
    c.hcr = HCR_FMO | HCR_VF;
    run_at("vf fmo", v_fiq_window, SPSR_SVC, &c);
    run_at("vf fmo isr", v_isr, SPSR_SVC, &c);
    c.hcr = HCR_AMO | HCR_VA;
    run_at("va amo", v_abt_window, SPSR_SVC, &c);
    c.hcr = HCR_AMO | HCR_VA;
    run_at("va amo isr", v_isr, SPSR_SVC, &c);
    c.hcr = HCR_VA;
    run_at("va without amo", v_abt_window, SPSR_SVC, &c);
    c.hcr = HCR_IMO | HCR_FMO | HCR_AMO | HCR_VI | HCR_VF | HCR_VA;
    run_at("all virtual, all masked", v_all_masked, SPSR_SVC, &c);
    /* Which virtual exception wins (IMPLEMENTATION DEFINED order; QEMU: vIRQ, vFIQ, vAbort). F stays
     * masked in the first case: IRQ entry does not set CPSR.F, and when a still-pending vFIQ is then
     * taken inside the IRQ handler is timing QEMU does not pin down. */
    run_at("all virtual, svc with i/a clear", v_all_masked, 0x153, &c);
    run_at("all virtual, svc with f/a clear", v_all_masked, 0x193, &c);
    c.hcr = HCR_IMO | HCR_VI;
    run_hyp("vi imo in hyp (never taken)", v_irq_window, &c);
    return 0;
}
