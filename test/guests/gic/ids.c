/*
 * GIC and generic timer identification and reset state on QEMU virt
 * (GICv2 with virtualization extensions, one CPU): GICD_TYPER/IIDR/PIDR,
 * GICC/GICH/GICV reset values, which register bits are implemented
 * (write all-ones, read back), CNTFRQ and the timer control registers.
 */
#include "_gic.h"

GUEST_BOOT_HYP;

int main(void)
{
    printf("CNTFRQ=%08x\n", read_cntfrq());
    printf("GICD_CTLR=%08x TYPER=%08x IIDR=%08x\n", GICD(D_CTLR), GICD(D_TYPER), GICD(D_IIDR));
    for (u32 o = 0xfd0; o < 0x1000; o += 4) printf("D%03x=%08x ", o, GICD(o));
    printf("\nGICC CTLR=%08x PMR=%08x BPR=%08x ABPR=%08x RPR=%08x HPPIR=%08x IIDR=%08x\n",
        GICC(C_CTLR), GICC(C_PMR), GICC(C_BPR), GICC(C_ABPR), GICC(C_RPR), GICC(C_HPPIR), GICC(C_IIDR));
    for (u32 o = 0xfd0; o < 0x1000; o += 4) printf("C%03x=%08x ", o, GICC(o));
    printf("\nIGROUPR0=%08x ISENABLER0=%08x ICFGR0=%08x ICFGR1=%08x ICFGR2=%08x\n",
        GICD(D_IGROUPR), GICD(D_ISENABLER), GICD(D_ICFGR), GICD(D_ICFGR+4), GICD(D_ICFGR+8));
    printf("ITARGETSR0=%08x ITARGETSR7=%08x ITARGETSR8=%08x\n", GICD(D_ITARGETSR), GICD(D_ITARGETSR+28), GICD(D_ITARGETSR+32));
    GICD(D_IPRIORITYR + 32) = 0xffffffff; printf("IPRIO8 ff->%08x\n", GICD(D_IPRIORITYR+32));
    GICD(D_IPRIORITYR) = 0xffffffff; printf("IPRIO0 ff->%08x\n", GICD(D_IPRIORITYR));
    GICC(C_PMR) = 0xff; printf("PMR ff->%08x\n", GICC(C_PMR));
    GICC(C_BPR) = 0; printf("BPR 0->%08x\n", GICC(C_BPR));
    GICC(C_ABPR) = 0; printf("ABPR 0->%08x\n", GICC(C_ABPR));
    GICD(D_ICFGR+4) = 0xffffffff; printf("ICFGR1 ff->%08x\n", GICD(D_ICFGR+4));
    GICD(D_ICFGR) = 0; printf("ICFGR0 0->%08x\n", GICD(D_ICFGR));
    GICD(D_ICFGR+8) = 0xffffffff; printf("ICFGR2 ff->%08x\n", GICD(D_ICFGR+8));
    GICD(D_ITARGETSR+32) = 0xffffffff; printf("ITARGETS8 ff->%08x\n", GICD(D_ITARGETSR+32));
    GICD(D_IGROUPR) = 0xffffffff; printf("IGROUPR0 ff->%08x\n", GICD(D_IGROUPR)); GICD(D_IGROUPR) = 0;
    GICD(D_CTLR) = 3; printf("DCTLR 3->%08x\n", GICD(D_CTLR));
    GICC(C_CTLR) = 0xffffffff; printf("CCTLR ff->%08x\n", GICC(C_CTLR)); GICC(C_CTLR) = 0;
    printf("GICH HCR=%08x VTR=%08x VMCR=%08x MISR=%08x EISR0=%08x EISR1=%08x ELRSR0=%08x ELRSR1=%08x APR=%08x\n",
        GICH(H_HCR), GICH(H_VTR), GICH(H_VMCR), GICH(H_MISR), GICH(H_EISR0), GICH(H_EISR0+4), GICH(H_ELRSR0), GICH(H_ELRSR0+4), GICH(H_APR));
    for (int i = 0; i < 6; i++) printf("LR%d=%08x ", i, GICH(H_LR(i)));
    GICH(H_HCR) = 0xffffffff; printf("\nHCR ff->%08x\n", GICH(H_HCR)); GICH(H_HCR) = 0;
    GICH(H_VMCR) = 0xffffffff; printf("VMCR ff->%08x\n", GICH(H_VMCR));
    printf("GICV CTLR=%08x PMR=%08x BPR=%08x ABPR=%08x IIDR=%08x\n", GICV(C_CTLR), GICV(C_PMR), GICV(C_BPR), GICV(C_ABPR), GICV(C_IIDR));
    GICH(H_VMCR) = 0; printf("VMCR 0->%08x GICV BPR=%08x ABPR=%08x\n", GICH(H_VMCR), GICV(C_BPR), GICV(C_ABPR));
    GICH(H_LR(0)) = 0xffffffff; printf("LR0 ff->%08x\n", GICH(H_LR(0))); GICH(H_LR(0)) = 0;
    GICH(H_APR) = 0xffffffff; printf("APR ff->%08x\n", GICH(H_APR)); GICH(H_APR) = 0;
    printf("CNTKCTL=%08x CNTHCTL=%08x CNTP_CTL=%08x CNTV_CTL=%08x CNTHP_CTL=%08x\n", read_cntkctl(), read_cnthctl(), read_cntp_ctl(), read_cntv_ctl(), read_cnthp_ctl());
    write_cntp_ctl(0xffffffff); printf("CNTP_CTL ff->%08x\n", read_cntp_ctl()); write_cntp_ctl(0);
    write_cntkctl(0xffffffff); printf("CNTKCTL ff->%08x\n", read_cntkctl());
    write_cnthctl(0xffffffff); printf("CNTHCTL ff->%08x\n", read_cnthctl());
    return 0;
}
