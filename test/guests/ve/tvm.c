/*
 * PL1 traps register by register: HCR.TVM on every register of its set (writes trap, reads do
 * not), HCR.TTLB on TLB maintenance, HCR.TAC, HSTR.Tn for several CRn and MCRR CRm values (T4/T14
 * reserved), HDCR.TPM/TDA/TDOSA/TDRA, CNTHCTL.PL1PCTEN/PL1PCEN (EC 0x03/0x04), BXJ with HSTR.TJDBX,
 * SMC trapped by HCR.TSC vs handled by PSCI. Each line shows the HSR and ELR_hyp a hypervisor reads.
 */
#include "_hv.h"

/* TVM set (B1.14.13): SCTLR, TTBR0/1 (32/64), TTBCR, DACR, DFSR, IFSR, DFAR, IFAR, ADFSR, AIFSR,
 * PRRR/NMRR (MAIR0/1), AMAIR0/1, CONTEXTIDR. Each probe writes back what it read. */
#define TVM_FN(name, crn, op1, crm, op2) \
    PL1_FN(name, "mrc p15, " #op1 ", r1, " #crn ", " #crm ", " #op2 "\n mcr p15, " #op1 ", r1, " #crn ", " #crm ", " #op2 "\n add r0, r0, #1")
TVM_FN(w_sctlr, c1, 0, c0, 0)
TVM_FN(w_ttbr0, c2, 0, c0, 0)
TVM_FN(w_ttbr1, c2, 0, c0, 1)
TVM_FN(w_ttbcr, c2, 0, c0, 2)
TVM_FN(w_dacr, c3, 0, c0, 0)
TVM_FN(w_dfsr, c5, 0, c0, 0)
TVM_FN(w_ifsr, c5, 0, c0, 1)
TVM_FN(w_adfsr, c5, 0, c1, 0)
TVM_FN(w_aifsr, c5, 0, c1, 1)
TVM_FN(w_dfar, c6, 0, c0, 0)
TVM_FN(w_ifar, c6, 0, c0, 2)
TVM_FN(w_prrr, c10, 0, c2, 0)
TVM_FN(w_nmrr, c10, 0, c2, 1)
TVM_FN(w_amair0, c10, 0, c3, 0)
TVM_FN(w_amair1, c10, 0, c3, 1)
TVM_FN(w_contextidr, c13, 0, c0, 1)
PL1_FN(w_ttbr0_64, "mrrc p15, 0, r1, r2, c2\n mcrr p15, 0, r1, r2, c2\n add r0, r0, #1")
PL1_FN(w_ttbr1_64, "mrrc p15, 1, r1, r2, c2\n mcrr p15, 1, r1, r2, c2\n add r0, r0, #1")
/* not in the set: VBAR, TPIDRPRW, PAR, CSSELR */
TVM_FN(w_vbar, c12, 0, c0, 0)
TVM_FN(w_tpidrprw, c13, 0, c0, 4)
TVM_FN(w_par, c7, 0, c4, 0)

/* TTLB (B1.14.12): every c8 operation of PL1 */
#define OP_FN(name, crn, crm, op2) PL1_FN(name, "mov r1, #0\n mcr p15, 0, r1, " #crn ", " #crm ", " #op2 "\n add r0, r0, #1")
OP_FN(t_tlbiallis, c8, c3, 0)
OP_FN(t_tlbimvais, c8, c3, 1)
OP_FN(t_tlbiasidis, c8, c3, 2)
OP_FN(t_tlbimvaais, c8, c3, 3)
OP_FN(t_itlbiall, c8, c5, 0)
OP_FN(t_itlbimva, c8, c5, 1)
OP_FN(t_itlbiasid, c8, c5, 2)
OP_FN(t_dtlbiall, c8, c6, 0)
OP_FN(t_dtlbimva, c8, c6, 1)
OP_FN(t_dtlbiasid, c8, c6, 2)
OP_FN(t_tlbimva, c8, c7, 1)
OP_FN(t_tlbiasid, c8, c7, 2)
OP_FN(t_tlbimvaa, c8, c7, 3)
OP_FN(t_bpiall, c7, c5, 6)

/* TAC: ACTLR read and write */
PL1_FN(a_actlr_w, "mov r1, #0\n mcr p15, 0, r1, c1, c0, 1")
PL1_FN(a_actlr_r, "mrc p15, 0, r0, c1, c0, 1")

/* HSTR per CRn: one readable register per CRn (CRn 4 and 14 are reserved bits) */
PL1_FN(h_c0, "mrc p15, 0, r1, c0, c0, 0")      /* MIDR */
PL1_FN(h_c0_tid, "mrc p15, 0, r1, c0, c1, 0")  /* ID_PFR0 */
PL1_FN(h_c2, "mrc p15, 0, r1, c2, c0, 2")      /* TTBCR */
PL1_FN(h_c3, "mrc p15, 0, r1, c3, c0, 0")      /* DACR */
PL1_FN(h_c5, "mrc p15, 0, r1, c5, c0, 0")      /* DFSR */
PL1_FN(h_c6, "mrc p15, 0, r1, c6, c0, 2")      /* IFAR */
PL1_FN(h_c7, "mrc p15, 0, r1, c7, c4, 0")      /* PAR */
PL1_FN(h_c7_dsb, "mov r1, #0\n mcr p15, 0, r1, c7, c10, 4") /* CP15DSB */
PL1_FN(h_c8, "mov r1, #0\n mcr p15, 0, r1, c8, c7, 0")      /* TLBIALL */
PL1_FN(h_c9, "mrc p15, 0, r1, c9, c12, 0")     /* PMCR */
PL1_FN(h_c10, "mrc p15, 0, r1, c10, c2, 0")    /* PRRR */
PL1_FN(h_c12, "mrc p15, 0, r1, c12, c0, 0")    /* VBAR */
PL1_FN(h_c13, "mrc p15, 0, r1, c13, c0, 2")    /* TPIDRURW */
PL1_FN(h_c14, "mrc p15, 0, r1, c14, c0, 0")    /* CNTFRQ (T14 reserved) */
PL1_FN(h_c15, "mrc p15, 4, r1, c15, c0, 0")    /* CBAR */
PL1_FN(h_r_ttbr0, "mrrc p15, 0, r1, r2, c2")   /* MRRC CRm 2 */
PL1_FN(h_r_par, "mrrc p15, 0, r1, r2, c7")     /* MRRC CRm 7 */
PL1_FN(h_r_cntvct, "mrrc p15, 1, r1, r2, c14") /* MRRC CRm 14 (reserved bit) */
PL1_FN(h_cp14, "mrc p14, 0, r1, c0, c0, 0")    /* DBGDIDR: HSTR is CP15 only */
PL1_FN(h_rt_pc, "mrc p15, 0, APSR_nzcv, c1, c0, 0") /* Rt = 15 in the syndrome */

/* HDCR traps */
PL1_FN(d_pmcntenset_w, "mov r1, #0\n mcr p15, 0, r1, c9, c12, 1")
PL1_FN(d_pmuserenr, "mrc p15, 0, r1, c9, c14, 0")
PL1_FN(d_pmxevcntr, "mrc p15, 0, r1, c9, c13, 2")
PL1_FN(d_pmintenset, "mrc p15, 0, r1, c9, c14, 1")
PL1_FN(d_dbgbcr0_w, "mov r1, #0\n mcr p14, 0, r1, c0, c0, 5")
PL1_FN(d_dbgwvr0, "mrc p14, 0, r1, c0, c0, 6")
PL1_FN(d_dbgvcr, "mrc p14, 0, r1, c0, c7, 0")
PL1_FN(d_dbgdscrext, "mrc p14, 0, r1, c0, c2, 2")
PL1_FN(d_dbgdsar, "mrc p14, 0, r1, c2, c0, 0")
PL1_FN(d_dbgoslar, "mov r1, #0\n mcr p14, 0, r1, c1, c0, 4")
PL1_FN(d_dbgosdlr, "mrc p14, 0, r1, c1, c3, 4")

/* CNTHCTL */
PL1_FN(c_cntpct, "mrrc p15, 0, r1, r2, c14")
PL1_FN(c_cntvct, "mrrc p15, 1, r1, r2, c14\n mov r0, #1")
PL1_FN(c_cntp_cval_r, "mrrc p15, 2, r2, r3, c14")
PL1_FN(c_cntp_cval_w, "mov r2, #0\n mvn r3, #0\n mcrr p15, 2, r2, r3, c14")
PL1_FN(c_cntp_tval, "mrc p15, 0, r1, c14, c2, 0")
PL1_FN(c_cntp_ctl_w, "mov r1, #0\n mcr p15, 0, r1, c14, c2, 1")
PL1_FN(c_cntv_cval, "mrrc p15, 3, r1, r2, c14\n mov r0, #2")
PL1_FN(c_cntkctl, "mrc p15, 0, r1, c14, c1, 0\n mov r0, #3")

/* BXJ (trivial Jazelle: behaves as BX) and HSTR.TJDBX */
PL1_FN(j_bxj, "adr r1, 1f\n bxj r1\n mov r0, #0x55\n 1: add r0, r0, #1")
PL1_FN(j_bxj_r3, "adr r3, 1f\n bxj r3\n 1: add r0, r0, #1")

/* SMC: HCR.TSC traps (EC 0x13, ELR = the SMC); otherwise PSCI answers (PSCI_VERSION = 0x10001). */
PL1_FN(s_smc_version, "movw r0, #0\n movt r0, #0x8400\n smc #0")
PL1_FN(s_smc_imm, "movw r0, #0\n movt r0, #0x8400\n smc #15")
PL1_FN(s_smcne, "movw r0, #0\n movt r0, #0x8400\n cmp r0, #0\n smceq #0\n smcne #0")
PL1_FN(s_hvc_cond, "mov r0, #0\n cmp r0, #0\n hvceq #0x4321")

int main(void)
{
    struct cfg c = { 0, 0, 0, 6 };
#define PL1(what, fn, h, s, p, d) do { c.hcr = (h); c.hstr = (s); c.hcptr = (p); c.hdcr = (d); run_at(what, fn, SPSR_SVC, &c); } while (0)
    PL1("sctlr tvm", w_sctlr, HCR_TVM, 0, 0, 6);
    PL1("ttbr0 tvm", w_ttbr0, HCR_TVM, 0, 0, 6);
    PL1("ttbr1 tvm", w_ttbr1, HCR_TVM, 0, 0, 6);
    PL1("ttbcr tvm", w_ttbcr, HCR_TVM, 0, 0, 6);
    PL1("dacr tvm", w_dacr, HCR_TVM, 0, 0, 6);
    PL1("dfsr tvm", w_dfsr, HCR_TVM, 0, 0, 6);
    PL1("ifsr tvm", w_ifsr, HCR_TVM, 0, 0, 6);
    PL1("adfsr tvm", w_adfsr, HCR_TVM, 0, 0, 6);
    PL1("aifsr tvm", w_aifsr, HCR_TVM, 0, 0, 6);
    PL1("dfar tvm", w_dfar, HCR_TVM, 0, 0, 6);
    PL1("ifar tvm", w_ifar, HCR_TVM, 0, 0, 6);
    PL1("prrr tvm", w_prrr, HCR_TVM, 0, 0, 6);
    PL1("nmrr tvm", w_nmrr, HCR_TVM, 0, 0, 6);
    PL1("amair0 tvm", w_amair0, HCR_TVM, 0, 0, 6);
    PL1("amair1 tvm", w_amair1, HCR_TVM, 0, 0, 6);
    PL1("contextidr tvm", w_contextidr, HCR_TVM, 0, 0, 6);
    PL1("ttbr0_64 tvm", w_ttbr0_64, HCR_TVM, 0, 0, 6);
    PL1("ttbr1_64 tvm", w_ttbr1_64, HCR_TVM, 0, 0, 6);
    PL1("vbar tvm", w_vbar, HCR_TVM, 0, 0, 6);
    PL1("tpidrprw tvm", w_tpidrprw, HCR_TVM, 0, 0, 6);
    PL1("par tvm", w_par, HCR_TVM, 0, 0, 6);

    PL1("tlbiallis ttlb", t_tlbiallis, HCR_TTLB, 0, 0, 6);
    PL1("tlbimvais ttlb", t_tlbimvais, HCR_TTLB, 0, 0, 6);
    PL1("tlbiasidis ttlb", t_tlbiasidis, HCR_TTLB, 0, 0, 6);
    PL1("tlbimvaais ttlb", t_tlbimvaais, HCR_TTLB, 0, 0, 6);
    PL1("itlbiall ttlb", t_itlbiall, HCR_TTLB, 0, 0, 6);
    PL1("itlbimva ttlb", t_itlbimva, HCR_TTLB, 0, 0, 6);
    PL1("itlbiasid ttlb", t_itlbiasid, HCR_TTLB, 0, 0, 6);
    PL1("dtlbiall ttlb", t_dtlbiall, HCR_TTLB, 0, 0, 6);
    PL1("dtlbimva ttlb", t_dtlbimva, HCR_TTLB, 0, 0, 6);
    PL1("dtlbiasid ttlb", t_dtlbiasid, HCR_TTLB, 0, 0, 6);
    PL1("tlbimva ttlb", t_tlbimva, HCR_TTLB, 0, 0, 6);
    PL1("tlbiasid ttlb", t_tlbiasid, HCR_TTLB, 0, 0, 6);
    PL1("tlbimvaa ttlb", t_tlbimvaa, HCR_TTLB, 0, 0, 6);
    PL1("bpiall ttlb", t_bpiall, HCR_TTLB, 0, 0, 6);
    PL1("tlbimva no ttlb", t_tlbimva, 0, 0, 0, 6);

    PL1("actlr write tac", a_actlr_w, HCR_TAC, 0, 0, 6);
    PL1("actlr read tac", a_actlr_r, HCR_TAC, 0, 0, 6);

    PL1("c0 midr hstr.t0", h_c0, 0, 1u << 0, 0, 6);
    PL1("c0 id_pfr0 hstr.t0", h_c0_tid, 0, 1u << 0, 0, 6);
    PL1("c2 ttbcr hstr.t2", h_c2, 0, 1u << 2, 0, 6);
    PL1("c2 ttbcr hstr.t3", h_c2, 0, 1u << 3, 0, 6);
    PL1("c3 dacr hstr.t3", h_c3, 0, 1u << 3, 0, 6);
    PL1("c5 dfsr hstr.t5", h_c5, 0, 1u << 5, 0, 6);
    PL1("c6 ifar hstr.t6", h_c6, 0, 1u << 6, 0, 6);
    PL1("c7 par hstr.t7", h_c7, 0, 1u << 7, 0, 6);
    PL1("c7 dsb hstr.t7", h_c7_dsb, 0, 1u << 7, 0, 6);
    PL1("c8 tlbiall hstr.t8", h_c8, 0, 1u << 8, 0, 6);
    PL1("c9 pmcr hstr.t9", h_c9, 0, 1u << 9, 0, 6);
    PL1("c10 prrr hstr.t10", h_c10, 0, 1u << 10, 0, 6);
    PL1("c12 vbar hstr.t12", h_c12, 0, 1u << 12, 0, 6);
    PL1("c13 tpidrurw hstr.t13", h_c13, 0, 1u << 13, 0, 6);
    PL1("c14 cntfrq hstr.t14", h_c14, 0, 1u << 14, 0, 6);
    PL1("c15 cbar hstr.t15", h_c15, 0, 1u << 15, 0, 6);
    PL1("c1 hstr all", h_rt_pc, 0, 0xffff, 0, 6);
    PL1("mrrc ttbr0 hstr.t2", h_r_ttbr0, 0, 1u << 2, 0, 6);
    PL1("mrrc par hstr.t7", h_r_par, 0, 1u << 7, 0, 6);
    PL1("mrrc par hstr.t0 (crn)", h_r_par, 0, 1u << 0, 0, 6);
    PL1("mrrc cntvct hstr.t14", h_r_cntvct, 0, 1u << 14, 0, 6);
    PL1("mrc p14 hstr all", h_cp14, 0, 0xffff, 0, 6);

    PL1("pmcntenset tpm", d_pmcntenset_w, 0, 0, 0, 6 | (1 << 6));
    PL1("pmuserenr tpm", d_pmuserenr, 0, 0, 0, 6 | (1 << 6));
    PL1("pmxevcntr tpm", d_pmxevcntr, 0, 0, 0, 6 | (1 << 6));
    PL1("pmintenset tpm", d_pmintenset, 0, 0, 0, 6 | (1 << 6));
    PL1("dbgbcr0 write tda", d_dbgbcr0_w, 0, 0, 0, 6 | (1 << 9));
    PL1("dbgwvr0 tda", d_dbgwvr0, 0, 0, 0, 6 | (1 << 9));
    PL1("dbgvcr tda", d_dbgvcr, 0, 0, 0, 6 | (1 << 9));
    PL1("dbgdscrext tda", d_dbgdscrext, 0, 0, 0, 6 | (1 << 9));
    PL1("dbgdsar tdra", d_dbgdsar, 0, 0, 0, 6 | (1 << 11));
    PL1("dbgdsar tda", d_dbgdsar, 0, 0, 0, 6 | (1 << 9));
    PL1("dbgoslar tdosa", d_dbgoslar, 0, 0, 0, 6 | (1 << 10));
    /* DBGPRCR (CP14 c1 c4 4) is left out: QEMU 7.2 does not implement it (UNDEFINED), see test/qemu/DEVIATIONS.md */
    PL1("dbgosdlr tdosa", d_dbgosdlr, 0, 0, 0, 6 | (1 << 10));

    MCR(p15, 4, c14, c1, 0, 0); /* CNTHCTL: PL1PCTEN = PL1PCEN = 0 */
    ISB();
    PL1("cntpct pl1pcten=0", c_cntpct, 0, 0, 0, 6);
    PL1("cntvct pl1pcten=0", c_cntvct, 0, 0, 0, 6);
    PL1("cntp_cval read pl1pcen=0", c_cntp_cval_r, 0, 0, 0, 6);
    PL1("cntp_cval write pl1pcen=0", c_cntp_cval_w, 0, 0, 0, 6);
    PL1("cntp_tval pl1pcen=0", c_cntp_tval, 0, 0, 0, 6);
    PL1("cntp_ctl write pl1pcen=0", c_cntp_ctl_w, 0, 0, 0, 6);
    PL1("cntv_cval pl1pcen=0", c_cntv_cval, 0, 0, 0, 6);
    PL1("cntkctl pl1pcen=0", c_cntkctl, 0, 0, 0, 6);
    MCR(p15, 4, c14, c1, 0, 1); /* PL1PCTEN only */
    ISB();
    PL1("cntpct pl1pcten=1", c_cntpct, 0, 0, 0, 6);
    PL1("cntp_tval pl1pcen=0 pl1pcten=1", c_cntp_tval, 0, 0, 0, 6);
    MCR(p15, 4, c14, c1, 0, 2); /* PL1PCEN only */
    ISB();
    PL1("cntpct pl1pcten=0 pl1pcen=1", c_cntpct, 0, 0, 0, 6);
    PL1("cntp_cval pl1pcen=1", c_cntp_cval_r, 0, 0, 0, 6);
    MCR(p15, 4, c14, c1, 0, 3);
    ISB();
    /* CNTHCTL from Hyp never traps */
    MCR(p15, 4, c14, c1, 0, 0);
    ISB();
    run_hyp("cntpct in hyp cnthctl=0", c_cntpct, &c);
    MCR(p15, 4, c14, c1, 0, 3);
    ISB();

    PL1("bxj", j_bxj, 0, 0, 0, 6);
    PL1("bxj tjdbx", j_bxj, 0, 1u << 17, 0, 6);
    PL1("bxj r3 tjdbx", j_bxj_r3, 0, 1u << 17, 0, 6);
    PL1("bxj ttee", j_bxj, 0, 1u << 16, 0, 6);
    run_hyp("bxj in hyp tjdbx", j_bxj, &(struct cfg){ 0, 1u << 17, 0, 6 });

    PL1("smc psci_version", s_smc_version, 0, 0, 0, 6);
    PL1("smc psci_version tsc", s_smc_version, HCR_TSC, 0, 0, 6);
    PL1("smc #15 tsc", s_smc_imm, HCR_TSC, 0, 0, 6);
    PL1("smceq/smcne tsc", s_smcne, HCR_TSC, 0, 0, 6);
    run_hyp("smc in hyp tsc", s_smc_version, &(struct cfg){ HCR_TSC, 0, 0, 6 });
    PL1("hvceq", s_hvc_cond, 0, 0, 0, 6);
    return 0;
}
