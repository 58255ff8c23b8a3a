/*
 * Identification registers of the Cortex-A15 as read from Hyp mode: MIDR, MPIDR, ID_*, CTR,
 * CLIDR, CCSIDR per CSSELR, AIDR, REVIDR, TCMTR, TLBTR, FPSID/MVFR0/MVFR1, CNTFRQ, reset values.
 */
#include "guest.h"

GUEST_BOOT_HYP;

#define SHOW(name, v) printf("%s %08x\n", name, (u32)(v))

int main(void)
{
    SHOW("MIDR", MRC(p15, 0, c0, c0, 0));
    SHOW("CTR", MRC(p15, 0, c0, c0, 1));
    SHOW("TCMTR", MRC(p15, 0, c0, c0, 2));
    SHOW("TLBTR", MRC(p15, 0, c0, c0, 3));
    SHOW("MPIDR", MRC(p15, 0, c0, c0, 5));
    SHOW("REVIDR", MRC(p15, 0, c0, c0, 6));
    SHOW("ID_PFR0", MRC(p15, 0, c0, c1, 0));
    SHOW("ID_PFR1", MRC(p15, 0, c0, c1, 1));
    SHOW("ID_DFR0", MRC(p15, 0, c0, c1, 2));
    SHOW("ID_AFR0", MRC(p15, 0, c0, c1, 3));
    SHOW("ID_MMFR0", MRC(p15, 0, c0, c1, 4));
    SHOW("ID_MMFR1", MRC(p15, 0, c0, c1, 5));
    SHOW("ID_MMFR2", MRC(p15, 0, c0, c1, 6));
    SHOW("ID_MMFR3", MRC(p15, 0, c0, c1, 7));
    SHOW("ID_ISAR0", MRC(p15, 0, c0, c2, 0));
    SHOW("ID_ISAR1", MRC(p15, 0, c0, c2, 1));
    SHOW("ID_ISAR2", MRC(p15, 0, c0, c2, 2));
    SHOW("ID_ISAR3", MRC(p15, 0, c0, c2, 3));
    SHOW("ID_ISAR4", MRC(p15, 0, c0, c2, 4));
    SHOW("ID_ISAR5", MRC(p15, 0, c0, c2, 5));
    SHOW("CLIDR", MRC(p15, 1, c0, c0, 1));
    SHOW("AIDR", MRC(p15, 1, c0, c0, 7));
    SHOW("CSSELR", MRC(p15, 2, c0, c0, 0));
    for (u32 i = 0; i < 16; i++) {
        MCR(p15, 2, c0, c0, 0, i);
        ISB();
        printf("CCSIDR[%u] %08x csselr=%08x\n", i, MRC(p15, 1, c0, c0, 0), MRC(p15, 2, c0, c0, 0));
    }
    MCR(p15, 2, c0, c0, 0, 0);
    SHOW("VPIDR", MRC(p15, 4, c0, c0, 0));
    SHOW("VMPIDR", MRC(p15, 4, c0, c0, 5));
    SHOW("SCTLR", MRC(p15, 0, c1, c0, 0));
    SHOW("ACTLR", MRC(p15, 0, c1, c0, 1));
    SHOW("CPACR", MRC(p15, 0, c1, c0, 2));
    SHOW("HSCTLR", MRC(p15, 4, c1, c0, 0));
    SHOW("HACTLR", MRC(p15, 4, c1, c0, 1));
    SHOW("HCR", MRC(p15, 4, c1, c1, 0));
    SHOW("HDCR", MRC(p15, 4, c1, c1, 1));
    SHOW("HCPTR", MRC(p15, 4, c1, c1, 2));
    SHOW("HSTR", MRC(p15, 4, c1, c1, 3));
    SHOW("HACR", MRC(p15, 4, c1, c1, 7));
    SHOW("TTBCR", MRC(p15, 0, c2, c0, 2));
    SHOW("HTCR", MRC(p15, 4, c2, c0, 2));
    SHOW("VTCR", MRC(p15, 4, c2, c1, 2));
    SHOW("PRRR", MRC(p15, 0, c10, c2, 0));
    SHOW("NMRR", MRC(p15, 0, c10, c2, 1));
    SHOW("HMAIR0", MRC(p15, 4, c10, c2, 0));
    SHOW("HMAIR1", MRC(p15, 4, c10, c2, 1));
    SHOW("CNTFRQ", MRC(p15, 0, c14, c0, 0));
    SHOW("CNTKCTL", MRC(p15, 0, c14, c1, 0));
    SHOW("CNTHCTL", MRC(p15, 4, c14, c1, 0));
    SHOW("CNTP_CTL", MRC(p15, 0, c14, c2, 1));
    SHOW("CNTV_CTL", MRC(p15, 0, c14, c3, 1));
    SHOW("CNTHPCTL", MRC(p15, 4, c14, c2, 1));
    SHOW("PMCR", MRC(p15, 0, c9, c12, 0));
    SHOW("L2CTLR", MRC(p15, 1, c9, c0, 2));
    SHOW("CBAR", MRC(p15, 4, c15, c0, 0));
    SHOW("DBGDIDR", MRC(p14, 0, c0, c0, 0));
    SHOW("DBGDRAR", MRC(p14, 0, c1, c0, 0));
    SHOW("DBGDSAR", MRC(p14, 0, c2, c0, 0));
    SHOW("DBGDSCR", MRC(p14, 0, c0, c1, 0));
    {
        u32 v;
        __asm__ volatile(".fpu neon-vfpv4\n vmrs %0, fpsid" : "=r"(v));
        SHOW("FPSID", v);
        __asm__ volatile(".fpu neon-vfpv4\n vmrs %0, mvfr0" : "=r"(v));
        SHOW("MVFR0", v);
        __asm__ volatile(".fpu neon-vfpv4\n vmrs %0, mvfr1" : "=r"(v));
        SHOW("MVFR1", v);
        __asm__ volatile(".fpu neon-vfpv4\n vmrs %0, fpexc" : "=r"(v));
        SHOW("FPEXC", v);
    }
    return 0;
}
