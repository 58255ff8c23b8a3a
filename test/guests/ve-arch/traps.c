/*
 * Architectural Hyp traps that QEMU 7.2 does not implement (HCR.TID1/TID3/TIDCP/TSW/TPC/TPU,
 * HCPTR.TCPAC/TASE and the HSR.TA bit, HDCR.TPMCR, HDCR.TDRA for MRRC), each probed once from PL1 (SVC).
 * traps.expected holds the output worked out from the ARM ARM (DDI 0406C); the reasoning is below.
 *
 * HSR layout (B3.13.6): EC[31:26], IL[25] (1: every probe is a 32-bit A32 instruction), ISS[24:0].
 * For EC 0x01-0x0C the ISS starts with CV[24] and COND[23:20]. For an unconditional (AL) A32
 * instruction, COND = 0xE; hypscope and QEMU report CV = 1, COND = 0xE for every trapped A32
 * instruction, so each trapped HSR below starts with (EC << 26) | 0x03e00000.
 *  - EC 0x03, MCR/MRC to CP15: ISS = Opc2[19:17] Opc1[16:14] CRn[13:10] Rt[8:5] CRm[4:1] Direction[0]
 *    (1 = read, MRC). Base 0x0fe00000.
 *  - EC 0x0C, MRRC/MCRR to CP14: ISS = Opc1[19:16] Rt2[13:10] Rt[8:5] CRm[4:1] Direction[0].
 *    Base 0x33e00000.
 *  - EC 0x07, HCPTR trap of CP0-CP13 (FP/Advanced SIMD): ISS = TA[5] coproc[3:0]; TA = 1 marks an
 *    Advanced SIMD instruction that is not also a floating-point instruction, then coproc holds no
 *    coprocessor number (reported as 0, as the v8 AArch32 HSR defines it). Base 0x1fe00000.
 * Every probe register is Rt = r1 (Rt2 = r2 for MRRC), so Rt contributes 1 << 5 = 0x20 (and
 * Rt2 2 << 10 = 0x800). Probes are naked: the trapped instruction's offset is 4 x its index.
 */
#include "_arch.h"

/* ---- HCR.TID1 (B1.14.2, ID group 1): reads of TCMTR, TLBTR, AIDR, REVIDR ----
 * TCMTR  = p15, 0, c0, c0, 2: opc2 2 -> 0x40000;            0x0fe00000|0x40000|0x20|1 = 0x0fe40021
 * TLBTR  = p15, 0, c0, c0, 3: opc2 3 -> 0x60000;            = 0x0fe60021
 * REVIDR = p15, 0, c0, c0, 6: opc2 6 -> 0xc0000;            = 0x0fec0021
 * (AIDR is trapped by QEMU as well; test/guests/ve/traps.c covers it.) */
PROBE(p_tcmtr, "mrc p15, 0, r1, c0, c0, 2")
PROBE(p_tlbtr, "mrc p15, 0, r1, c0, c0, 3")
PROBE(p_revidr, "mrc p15, 0, r1, c0, c0, 6")

/* ---- HCR.TID3 (B1.14.2, ID group 3): ID_PFR0/1, ID_DFR0, ID_AFR0, ID_MMFR0-3, ID_ISAR0-5 ----
 * ID_PFR0  = c0, c1, 0: CRm 1 -> 0x2;                        = 0x0fe00023
 * ID_MMFR3 = c0, c1, 7: opc2 7 -> 0xe0000, CRm 1 -> 0x2;     = 0x0fee0023
 * ID_ISAR5 = c0, c2, 5: opc2 5 -> 0xa0000, CRm 2 -> 0x4;     = 0x0fea0025 */
PROBE(p_id_pfr0, "mrc p15, 0, r1, c0, c1, 0")
PROBE(p_id_mmfr3, "mrc p15, 0, r1, c0, c1, 7")
PROBE(p_id_isar5, "mrc p15, 0, r1, c0, c2, 5")

/* ---- HCR.TIDCP (B1.14.3): the IMPLEMENTATION DEFINED lockdown/DMA/TCM space, here the A15's
 * L2CTLR (p15, 1, c9, c0, 2) and L2ECTLR (p15, 1, c9, c0, 3): CRn = c9 with CRm = c0 is in it.
 * L2CTLR read:   opc2 2 -> 0x40000, opc1 1 -> 0x4000, CRn 9 -> 0x2400, read; = 0x0fe46421
 * L2ECTLR write: opc2 3 -> 0x60000, opc1 1 -> 0x4000, CRn 9 -> 0x2400, write; = 0x0fe66420 */
PROBE(p_l2ctlr, "mrc p15, 1, r1, c9, c0, 2")
PROBE(p_l2ectlr_w, "mov r1, #0\n mcr p15, 1, r1, c9, c0, 3")

/* ---- HCR.TSW (B1.14.4): data cache maintenance by set/way: DCISW, DCCSW, DCCISW (writes, CRn 7
 * -> 0x1c00, opc2 2 -> 0x40000). The MOV is instruction 0, so the MCR is at +4.
 * DCISW  c7, c6, 2:  CRm 6 -> 0xc;   = 0x0fe41c2c
 * DCCSW  c7, c10, 2: CRm 10 -> 0x14; = 0x0fe41c34
 * DCCISW c7, c14, 2: CRm 14 -> 0x1c; = 0x0fe41c3c */
PROBE(p_dcisw, "mov r1, #0\n mcr p15, 0, r1, c7, c6, 2")
PROBE(p_dccsw, "mov r1, #0\n mcr p15, 0, r1, c7, c10, 2")
PROBE(p_dccisw, "mov r1, #0\n mcr p15, 0, r1, c7, c14, 2")

/* ---- HCR.TPC (B1.14.4): data cache maintenance to the Point of Coherency by MVA (opc2 1 -> 0x20000)
 * DCIMVAC  c7, c6, 1:  = 0x0fe21c2c
 * DCCMVAC  c7, c10, 1: = 0x0fe21c34
 * DCCIMVAC c7, c14, 1: = 0x0fe21c3c */
PROBE(p_dcimvac, "mov r1, #0\n mcr p15, 0, r1, c7, c6, 1")
PROBE(p_dccmvac, "mov r1, #0\n mcr p15, 0, r1, c7, c10, 1")
PROBE(p_dccimvac, "mov r1, #0\n mcr p15, 0, r1, c7, c14, 1")

/* ---- HCR.TPU (B1.14.4): operations to the Point of Unification: ICIMVAU, ICIALLU, ICIALLUIS,
 * DCCMVAU. Branch predictor maintenance (BPIALL) is not in the list, so it executes.
 * ICIALLUIS c7, c1, 0:  CRm 1 -> 0x2;                  = 0x0fe01c22
 * ICIALLU   c7, c5, 0:  CRm 5 -> 0xa;                  = 0x0fe01c2a
 * ICIMVAU   c7, c5, 1:  opc2 1 -> 0x20000, CRm 5;      = 0x0fe21c2a
 * DCCMVAU   c7, c11, 1: opc2 1, CRm 11 -> 0x16;        = 0x0fe21c36
 * BPIALL    c7, c5, 6:  not trapped -> ok */
PROBE(p_iciallis, "mov r1, #0\n mcr p15, 0, r1, c7, c1, 0")
PROBE(p_iciallu, "mov r1, #0\n mcr p15, 0, r1, c7, c5, 0")
PROBE(p_icimvau, "mov r1, #0\n mcr p15, 0, r1, c7, c5, 1")
PROBE(p_dccmvau, "mov r1, #0\n mcr p15, 0, r1, c7, c11, 1")
PROBE(p_bpiall, "mov r1, #0\n mcr p15, 0, r1, c7, c5, 6")

/* ---- HCPTR.TCPAC (HCPTR; B1.14): PL1 accesses to CPACR (p15, 0, c1, c0, 2) trap with EC 0x03.
 * CPACR: opc2 2 -> 0x40000, CRn 1 -> 0x400. Read = 0x0fe40421; write (MCR at +4) = 0x0fe40420.
 * The trapped write does not happen, so CPACR keeps its value. */
PROBE(p_cpacr_r, "mrc p15, 0, r1, c1, c0, 2")
PROBE(p_cpacr_w, "mov r1, #0\n mcr p15, 0, r1, c1, c0, 2")

/* ---- HDCR.TPMCR (HDCR; B1.14, Performance Monitors traps): PL0/PL1 accesses to PMCR (p15, 0, c9, c12, 0) only.
 * PMCR: CRn 9 -> 0x2400, CRm 12 -> 0x18, read; = 0x0fe02439. PMCCNTR (c9, c13, 0) is not PMCR -> ok. */
PROBE(p_pmcr, "mrc p15, 0, r1, c9, c12, 0")
PROBE(p_pmccntr, "mrc p15, 0, r1, c9, c13, 0")

/* ---- HDCR.TDRA (HDCR; B1.14, debug register traps): DBGDRAR and DBGDSAR in both forms; the 64-bit MRRC forms
 * (p14, 0, Rt, Rt2, c1 / c2) report EC 0x0C: CRm 1 -> 0x2 / CRm 2 -> 0x4, Rt2 = r2 -> 0x800, read.
 * DBGDRAR (64) = 0x33e00823, DBGDSAR (64) = 0x33e00825. (The 32-bit forms are trapped by QEMU
 * too; test/guests/ve/traps.c covers DBGDRAR.) */
PROBE(p_dbgdrar64, "mrrc p14, 0, r1, r2, c1")
PROBE(p_dbgdsar64, "mrrc p14, 0, r1, r2, c2")

/* ---- HCPTR.TASE and the HSR.TA bit (HCPTR; B3.13.6) ----
 * CPACR = full access to CP10/CP11 (ASEDIS = 0), FPEXC.EN = 1, so nothing but HCPTR can stop them.
 * TASE traps Advanced SIMD instructions that are not also floating-point instructions:
 *   VADD.I32 (Advanced SIMD data processing): EC 0x07, TA = 1 (0x20), coproc 0; = 0x1fe00020
 *   VDUP.32 d0, r0 (Advanced SIMD only):      = 0x1fe00020
 *   VADD.F32 s0 and VMOV s0, r0 are floating-point instructions: TASE alone does not trap -> ok.
 * TCP10 = TCP11 = 1 trap every FP/Advanced SIMD instruction; an Advanced SIMD one still reports TA = 1:
 *   VADD.I32 with HCPTR = 0xc00: = 0x1fe00020
 *   VADD.F32 with HCPTR = 0xc00: TA = 0, coproc = 0xA; = 0x1fe0000a (QEMU agrees). */
PROBE(p_vadd_i32, "vadd.i32 d0, d0, d0")
PROBE(p_vdup, "vdup.32 d0, r0")
PROBE(p_vadd_f32, "vadd.f32 s0, s0, s0")
PROBE(p_vmov_s, "vmov s0, r0")

int main(void)
{
    probe("tid1 tcmtr", p_tcmtr, HCR_TID1, 0, 0, HDCR_BASE);
    probe("tid1 tlbtr", p_tlbtr, HCR_TID1, 0, 0, HDCR_BASE);
    probe("tid1 revidr", p_revidr, HCR_TID1, 0, 0, HDCR_BASE);
    probe("tid3 id_pfr0", p_id_pfr0, HCR_TID3, 0, 0, HDCR_BASE);
    probe("tid3 id_mmfr3", p_id_mmfr3, HCR_TID3, 0, 0, HDCR_BASE);
    probe("tid3 id_isar5", p_id_isar5, HCR_TID3, 0, 0, HDCR_BASE);
    probe("tidcp l2ctlr", p_l2ctlr, HCR_TIDCP, 0, 0, HDCR_BASE);
    probe("tidcp l2ectlr write", p_l2ectlr_w, HCR_TIDCP, 0, 0, HDCR_BASE);
    probe("tsw dcisw", p_dcisw, HCR_TSW, 0, 0, HDCR_BASE);
    probe("tsw dccsw", p_dccsw, HCR_TSW, 0, 0, HDCR_BASE);
    probe("tsw dccisw", p_dccisw, HCR_TSW, 0, 0, HDCR_BASE);
    probe("tpc dcimvac", p_dcimvac, HCR_TPC, 0, 0, HDCR_BASE);
    probe("tpc dccmvac", p_dccmvac, HCR_TPC, 0, 0, HDCR_BASE);
    probe("tpc dccimvac", p_dccimvac, HCR_TPC, 0, 0, HDCR_BASE);
    probe("tpu iciallis", p_iciallis, HCR_TPU, 0, 0, HDCR_BASE);
    probe("tpu iciallu", p_iciallu, HCR_TPU, 0, 0, HDCR_BASE);
    probe("tpu icimvau", p_icimvau, HCR_TPU, 0, 0, HDCR_BASE);
    probe("tpu dccmvau", p_dccmvau, HCR_TPU, 0, 0, HDCR_BASE);
    probe("tpu bpiall", p_bpiall, HCR_TPU, 0, 0, HDCR_BASE);
    probe("tcpac cpacr read", p_cpacr_r, 0, 0, HCPTR_TCPAC, HDCR_BASE);
    probe("tcpac cpacr write", p_cpacr_w, 0, 0, HCPTR_TCPAC, HDCR_BASE);
    probe("tpmcr pmcr", p_pmcr, 0, 0, 0, HDCR_BASE | HDCR_TPMCR);
    probe("tpmcr pmccntr", p_pmccntr, 0, 0, 0, HDCR_BASE | HDCR_TPMCR);
    probe("tdra dbgdrar64", p_dbgdrar64, 0, 0, 0, HDCR_BASE | HDCR_TDRA);
    probe("tdra dbgdsar64", p_dbgdsar64, 0, 0, 0, HDCR_BASE | HDCR_TDRA);

    /* Enable CP10/CP11 at PL1 (CPACR) and the FP unit (FPEXC.EN, written from Hyp). */
    MCR(p15, 0, c1, c0, 2, 0xf00000);
    ISB();
    INSN_R0(".fpu neon-vfpv4\n vmsr fpexc, r0", 0x40000000);
    probe("tase vadd.i32", p_vadd_i32, 0, 0, HCPTR_TASE, HDCR_BASE);
    probe("tase vdup", p_vdup, 0, 0, HCPTR_TASE, HDCR_BASE);
    probe("tase vadd.f32", p_vadd_f32, 0, 0, HCPTR_TASE, HDCR_BASE);
    probe("tase vmov s0", p_vmov_s, 0, 0, HCPTR_TASE, HDCR_BASE);
    probe("tcp vadd.i32", p_vadd_i32, 0, 0, HCPTR_TCP10_11, HDCR_BASE);
    probe("tcp vadd.f32", p_vadd_f32, 0, 0, HCPTR_TCP10_11, HDCR_BASE);
    return 0;
}
