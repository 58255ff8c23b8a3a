/*
 * PL0 (User) under a hypervisor: HCR.TGE routes UNDEF, SVC, aborts (and BKPT) from User to Hyp;
 * priority of UNDEF over traps for PL0 accesses to PL1-only registers (HSTR, CNTHCTL, HCPTR),
 * PL0-accessible registers trapped by HSTR, HCR.TWI, HVC/SMC/ERET at PL0. B1.14.1, B1.14.2, B1.14.8.
 */
#include "_hv.h"

USER_FN(u_nop, "mov r0, #7")
USER_FN(u_svc, "mov r0, #1\n svc #0x42\n add r0, r0, #1")
USER_FN(u_udf, "mov r0, #1\n udf #3\n add r0, r0, #1")
USER_FN(u_mrc_sctlr, "mov r0, #1\n mrc p15, 0, r1, c1, c0, 0")
USER_FN(u_mrc_tpidrurw, "mov r0, #1\n mrc p15, 0, r1, c13, c0, 2")
USER_FN(u_mcr_tpidruro, "mov r0, #1\n mcr p15, 0, r0, c13, c0, 3")
USER_FN(u_mrc_tpidruro, "mov r0, #1\n mrc p15, 0, r1, c13, c0, 3")
USER_FN(u_dsb_cp15, "mov r0, #1\n mcr p15, 0, r0, c7, c10, 4")
USER_FN(u_cntpct, "mov r0, #1\n mrrc p15, 0, r1, r2, c14")
USER_FN(u_cntp_ctl, "mov r0, #1\n mrc p15, 0, r1, c14, c2, 1")
USER_FN(u_cntvct, "mov r0, #1\n mrrc p15, 1, r1, r2, c14")
USER_FN(u_pmccntr, "mov r0, #1\n mrc p15, 0, r1, c9, c13, 0")
USER_FN(u_dbgdidr, "mov r0, #1\n mrc p14, 0, r1, c0, c0, 0")
USER_FN(u_wfi, "mov r0, #1\n wfi")
USER_FN(u_hvc, "mov r0, #1\n hvc #5")
USER_FN(u_smc, "mov r0, #1\n smc #0")
USER_FN(u_eret, "mov r0, #1\n adr lr, 1f\n eret\n 1: add r0, r0, #1")
USER_FN(u_bkpt, "mov r0, #1\n bkpt #9")
USER_FN(u_ldm_unaligned, "mov r0, #1\n mov r1, sp\n add r1, r1, #2\n ldm r1, {r2, r3}")
USER_FN(u_ext_abort, "mov r0, #1\n movw r1, #0\n movt r1, #0x0910\n ldr r2, [r1]")
USER_FN(u_vmrs, "mov r0, #1\n vmrs r1, fpscr")
USER_FN(u_cps, "mov r0, #1\n cpsid i\n mrs r0, cpsr")
USER_FN(u_mrs_banked, "mov r0, #1\n mrs r1, SP_svc")

int main(void)
{
    struct cfg c = { 0, 0, 0, 6 };
#define USR(what, fn, h, s, p, d) do { c.hcr = (h); c.hstr = (s); c.hcptr = (p); c.hdcr = (d); run_at(what, fn, SPSR_USR, &c); } while (0)
    USR("nop", u_nop, 0, 0, 0, 6);
    USR("nop tge", u_nop, HCR_TGE, 0, 0, 6);
    USR("svc", u_svc, 0, 0, 0, 6);
    USR("svc tge", u_svc, HCR_TGE, 0, 0, 6);
    USR("udf", u_udf, 0, 0, 0, 6);
    USR("udf tge", u_udf, HCR_TGE, 0, 0, 6);
    USR("mrc sctlr", u_mrc_sctlr, 0, 0, 0, 6);
    USR("mrc sctlr hstr.t1", u_mrc_sctlr, 0, 2, 0, 6);
    USR("mrc sctlr hstr.t1 tge", u_mrc_sctlr, HCR_TGE, 2, 0, 6);
    USR("mrc sctlr tvm", u_mrc_sctlr, HCR_TVM, 0, 0, 6);
    USR("mrc tpidrurw hstr.t13", u_mrc_tpidrurw, 0, 1u << 13, 0, 6);
    USR("mrc tpidrurw hstr.t13 tge", u_mrc_tpidrurw, HCR_TGE, 1u << 13, 0, 6);
    USR("mcr tpidruro (ro at pl0)", u_mcr_tpidruro, 0, 1u << 13, 0, 6);
    USR("mrc tpidruro hstr.t13", u_mrc_tpidruro, 0, 1u << 13, 0, 6);
    USR("cp15dsb hstr.t7", u_dsb_cp15, 0, 1u << 7, 0, 6);
    USR("pmccntr pmuserenr=0 tpm", u_pmccntr, 0, 0, 0, 6 | (1 << 6));
    USR("dbgdidr tda", u_dbgdidr, 0, 0, 0, 6 | (1 << 9));
    USR("wfi twi", u_wfi, HCR_TWI, 0, 0, 6);
    USR("wfi twi tge", u_wfi, HCR_TWI | HCR_TGE, 0, 0, 6);
    USR("hvc", u_hvc, 0, 0, 0, 6);
    USR("hvc tge", u_hvc, HCR_TGE, 0, 0, 6);
    USR("smc tsc", u_smc, HCR_TSC, 0, 0, 6);
    USR("eret", u_eret, 0, 0, 0, 6);
    USR("bkpt", u_bkpt, 0, 0, 0, 6);
    USR("bkpt tge", u_bkpt, HCR_TGE, 0, 0, 6);
    USR("ldm unaligned", u_ldm_unaligned, 0, 0, 0, 6);
    /* TGE-routed data aborts are left out: QEMU 7.2 reports DFSC 0x3f (see test/qemu/DEVIATIONS.md) */
    USR("external abort", u_ext_abort, 0, 0, 0, 6);
    USR("cps in user", u_cps, 0, 0, 0, 6);
    USR("mrs banked in user", u_mrs_banked, 0, 0, 0, 6);
    USR("mrs banked in user tge", u_mrs_banked, HCR_TGE, 0, 0, 6);

    /* generic timer at PL0: CNTKCTL first (UNDEF), then CNTHCTL (trap) */
    MCR(p15, 4, c14, c1, 0, 0); /* CNTHCTL = 0 */
    MCR(p15, 0, c14, c1, 0, 0); /* CNTKCTL = 0 */
    ISB();
    USR("cntpct cntkctl=0 cnthctl=0", u_cntpct, 0, 0, 0, 6);
    USR("cntp_ctl cntkctl=0 cnthctl=0", u_cntp_ctl, 0, 0, 0, 6);
    MCR(p15, 0, c14, c1, 0, 0x303); /* PL0PCTEN, PL0VCTEN, PL0VTEN, PL0PTEN */
    ISB();
    USR("cntpct cntkctl=303 cnthctl=0", u_cntpct, 0, 0, 0, 6);
    USR("cntp_ctl cntkctl=303 cnthctl=0", u_cntp_ctl, 0, 0, 0, 6);
    USR("cntvct cntkctl=303 cnthctl=0", u_cntvct, 0, 0, 0, 6);
    USR("cntpct cntkctl=303 cnthctl=0 tge", u_cntpct, HCR_TGE, 0, 0, 6);
    MCR(p15, 4, c14, c1, 0, 3);
    MCR(p15, 0, c14, c1, 0, 0);
    ISB();

    /* FP at PL0: CPACR cp10/11 = 01 (PL1 only) -> UNDEF; = 11 -> HCPTR trap; then FPEXC.EN */
    write_cpacr(0x500000);
    ISB();
    USR("vmrs cpacr=pl1 tcp10/11", u_vmrs, 0, 0, 0xc00, 6);
    write_cpacr(0xf00000);
    ISB();
    USR("vmrs cpacr=full tcp10/11", u_vmrs, 0, 0, 0xc00, 6);
    USR("vmrs cpacr=full tcp10/11 tge", u_vmrs, HCR_TGE, 0, 0xc00, 6);
    USR("vmrs cpacr=full en=0", u_vmrs, 0, 0, 0, 6);
    USR("vmrs cpacr=full en=0 tge", u_vmrs, HCR_TGE, 0, 0, 6);
    write_cpacr(0);
    ISB();
    return 0;
}
