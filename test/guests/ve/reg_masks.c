/*
 * Write masks of CP15 registers: write all-ones then zero from Hyp mode and print what reads back
 * (QEMU's cortex-a15 is the reference for the RES0/RES1 and read-only bits).
 */
#include "guest.h"

GUEST_BOOT_HYP;

#define M(name, op1, crn, crm, op2) do {                         \
    u32 old_ = MRC(p15, op1, crn, crm, op2);                     \
    MCR(p15, op1, crn, crm, op2, 0xffffffff); ISB();             \
    u32 a_ = MRC(p15, op1, crn, crm, op2);                       \
    MCR(p15, op1, crn, crm, op2, 0); ISB();                      \
    u32 b_ = MRC(p15, op1, crn, crm, op2);                       \
    MCR(p15, op1, crn, crm, op2, old_); ISB();                   \
    printf("%s ones=%08x zeros=%08x\n", name, a_, b_);           \
} while (0)

#define M64(name, op1, crm) do {                                 \
    u64 old_ = MRRC(p15, op1, crm);                              \
    MCRR(p15, op1, crm, ~0ull); ISB();                           \
    u64 a_ = MRRC(p15, op1, crm);                                \
    MCRR(p15, op1, crm, 0); ISB();                               \
    u64 b_ = MRRC(p15, op1, crm);                                \
    MCRR(p15, op1, crm, old_); ISB();                            \
    printf("%s ones=%016llx zeros=%016llx\n", name, a_, b_);     \
} while (0)

int main(void)
{
    M("HCR", 4, c1, c1, 0);
    M("HDCR", 4, c1, c1, 1);
    M("HCPTR", 4, c1, c1, 2);
    M("HSTR", 4, c1, c1, 3);
    M("HACR", 4, c1, c1, 7);
    M("HACTLR", 4, c1, c0, 1);
    M("HTCR", 4, c2, c0, 2);
    M("VTCR", 4, c2, c1, 2);
    M("HSR", 4, c5, c2, 0);
    M("HDFAR", 4, c6, c0, 0);
    M("HPFAR", 4, c6, c0, 4);
    M("HMAIR0", 4, c10, c2, 0);
    M("HAMAIR0", 4, c10, c3, 0);
    M("HVBAR", 4, c12, c0, 0);
    M("HTPIDR", 4, c13, c0, 2);
    M("VPIDR", 4, c0, c0, 0);
    M("VMPIDR", 4, c0, c0, 5);
    M("ACTLR", 0, c1, c0, 1);
    M("DACR", 0, c3, c0, 0);
    M("DFSR", 0, c5, c0, 0);
    M("IFSR", 0, c5, c0, 1);
    M("ADFSR", 0, c5, c1, 0);
    M("DFAR", 0, c6, c0, 0);
    M("PAR", 0, c7, c4, 0);
    M("PRRR", 0, c10, c2, 0);
    M("AMAIR0", 0, c10, c3, 0);
    M("VBAR", 0, c12, c0, 0);
    M("CONTEXTIDR", 0, c13, c0, 1);
    M("FCSEIDR", 0, c13, c0, 0);
    M("TPIDRURO", 0, c13, c0, 3);
    M("CSSELR", 2, c0, c0, 0);
    M("CNTKCTL", 0, c14, c1, 0);
    M("CNTHCTL", 4, c14, c1, 0);
    M("CNTP_CTL", 0, c14, c2, 1);
    M("CNTV_CTL", 0, c14, c3, 1);
    M("CNTHP_CTL", 4, c14, c2, 1);
    M("PMUSERENR", 0, c9, c14, 0);
    M("PMSELR", 0, c9, c12, 5);
    M("TTBCR", 0, c2, c0, 2);
    M("TTBR0", 0, c2, c0, 0);
    M("TTBR1", 0, c2, c0, 1);
    M64("TTBR0_64", 0, c2);
    M64("HTTBR", 4, c2);
    M64("VTTBR", 6, c2);
    M64("PAR64", 0, c7);
    M64("CNTVOFF", 4, c14);
    M64("CNTP_CVAL", 2, c14);
    M("TTBCR", 0, c2, c0, 2);
    /* SCTLR last-but-one: ones would turn on the MMU */
    {
        u32 old = read_sctlr();
        MCR(p15, 0, c1, c0, 0, 0); ISB();
        u32 b = read_sctlr();
        MCR(p15, 0, c1, c0, 0, old); ISB();
        printf("SCTLR zeros=%08x\n", b);
        old = read_hsctlr();
        MCR(p15, 4, c1, c0, 0, 0x30c50878 & ~1u); ISB();
        b = read_hsctlr();
        MCR(p15, 4, c1, c0, 0, old); ISB();
        printf("HSCTLR set=%08x\n", b);
    }
    return 0;
}
