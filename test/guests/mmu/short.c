/*
 * PL1&0 stage 1, short descriptors (B3.5): sections, supersections, small and large pages,
 * domains (no access / client / manager / reserved), AP[2:0] at PL1 and PL0 (LDRT/STRT), XN, PXN,
 * UWXN, AFE access flag, translation faults at both levels, TTBCR.N / TTBR1 / PD1, ATS1C* PAR.
 */
#include "_mmu.h"

static u32 l1[4096] ALIGNED(16384);
static u32 l2a[256] ALIGNED(1024);
static u32 l2b[256] ALIGNED(1024);

#define RAM_ATTR  (SEC_TEXCB(1, 1, 1) | SEC_AP(1))          /* Normal WB, PL1 RW only */
#define DEV_ATTR  (SEC_TEXCB(0, 0, 1) | SEC_AP(1) | SEC_XN)

static void build(void)
{
    for (u32 i = 0; i < 4096; i++) l1[i] = 0;
    for (u32 i = 0; i < 128; i++) l1[(RAM_PA >> 20) + i] = sd_section(RAM_PA + (i << 20), RAM_ATTR);
    l1[UART_PA >> 20] = sd_section(UART_PA, DEV_ATTR);
    u32 n = SEC_TEXCB(1, 1, 1);
    l1[0x800] = sd_section(SCRATCH, n | SEC_AP(3));
    l1[0x801] = sd_section(SCRATCH, n | SEC_AP(1));
    l1[0x802] = sd_section(SCRATCH, n | SEC_AP(2));
    l1[0x803] = sd_section(SCRATCH, n | SEC_AP(5));
    l1[0x804] = sd_section(SCRATCH, n | SEC_AP(0));
    l1[0x805] = sd_section(SCRATCH, n | SEC_AP(3) | SEC_DOM(1));
    l1[0x806] = sd_section(SCRATCH, n | SEC_AP(0) | SEC_DOM(2) | SEC_XN);
    l1[0x807] = sd_section(SCRATCH, n | SEC_AP(3) | SEC_DOM(4));
    l1[0x808] = sd_section(SCRATCH, n | SEC_AP(3) | SEC_XN);
    l1[0x809] = sd_section(SCRATCH, n | SEC_AP(1) | SEC_PXN);
    l1[0x80a] = 0;
    l1[0x80b] = sd_section(SCRATCH, n | SEC_AP(6));
    l1[0x80c] = sd_section(SCRATCH, n | SEC_AP(7));
    for (u32 i = 0; i < 16; i++) l1[0x810 + i] = sd_supersection(SCRATCH, n | SEC_AP(3));
    l1[0x820] = sd_pagetable((u32)l2a, 3);
    l1[0x821] = sd_pagetable((u32)l2b, 1);
    for (u32 i = 0; i < 256; i++) { l2a[i] = 0; l2b[i] = 0; }
    u32 pn = (1u << 6) | (1u << 3) | (1u << 2); /* small page TEX=001 C B */
    l2a[0] = sd_small(SCRATCH + 0x4000, pn | PG_AP(3), 0);
    l2a[1] = sd_small(SCRATCH + 0x5000, pn | PG_AP(2), 0);
    l2a[3] = sd_small(SCRATCH + 0x6000, pn | PG_AP(0), 0);
    l2a[4] = sd_small(SCRATCH + 0x7000, pn | PG_AP(3), 1);
    l2a[5] = sd_small(SCRATCH + 0x8000, pn | PG_AP(3) | PG_NG, 0);
    for (u32 i = 16; i < 32; i++) l2a[i] = sd_large(SCRATCH, (1u << 12) | (1u << 3) | (1u << 2) | PG_AP(3), 0);
    for (u32 i = 32; i < 48; i++) l2a[i] = sd_large(SCRATCH, (1u << 12) | PG_AP(3), 1);
    l2b[0] = sd_small(SCRATCH + 0x1000, pn | PG_AP(3), 0);
    sync_tables();
}

static u32 pl1_tests(u32 arg)
{
    (void)arg;
    write_dacr(0x271); /* d0 client, d1 no access, d2 manager, d3 client, d4 reserved (10) */
    write_ttbcr(0);
    write_ttbr0((u32)l1 | 0x4a); /* walk attributes: inner WB-WA, outer WB-WA, shareable */
    ISB();
    write_sctlr(read_sctlr() | 1);
    ISB();
    printf("sections\n");
    probe_r("ap011", 0x80000010); probe_w("ap011", 0x80000010, 0x11); probe_rt("ap011", 0x80000010); probe_wt("ap011", 0x80000014, 0x22);
    probe_x("ap011", 0x80000800);
    probe_r("ap001", 0x80100010); probe_rt("ap001", 0x80100010);
    probe_rt("ap010", 0x80200010); probe_wt("ap010", 0x80200010, 1); probe_w("ap010", 0x80200018, 0x33);
    probe_r("ap101", 0x80300010); probe_w("ap101", 0x80300010, 1); probe_rt("ap101", 0x80300010);
    probe_r("ap000", 0x80400010); probe_x("ap000", 0x80400800);
    probe_r("ap110", 0x80b00010); probe_rt("ap110", 0x80b00010); probe_w("ap110", 0x80b00010, 1);
    probe_rt("ap111", 0x80c00010); probe_wt("ap111", 0x80c00010, 1);
    printf("domains\n");
    probe_r("d1-none", 0x80500010); probe_x("d1-none", 0x80500800);
    probe_r("d2-manager", 0x80600010); probe_w("d2-manager", 0x80600020, 0x44); probe_rt("d2-manager", 0x80600010);
    probe_x("d2-manager-xn", 0x80600800);
    probe_r("d4-reserved", 0x80700010);
    printf("xn/pxn\n");
    probe_x("xn", 0x80800800); probe_r("xn", 0x80800010);
    probe_x("pxn", 0x80900800);
    probe_x("uwxn-off", 0x80000800);
    printf("translation\n");
    probe_r("l1-fault", 0x80a00010); probe_w("l1-fault", 0x80a00010, 1); probe_x("l1-fault", 0x80a00800);
    printf("supersection\n");
    probe_r("ss", 0x81003010); probe_r("ss", 0x81f0f004);
    printf("pages\n");
    probe_r("small", 0x82000004); probe_rt("small-ap010", 0x82001004); probe_wt("small-ap010", 0x82001004, 1);
    probe_r("small-l2fault", 0x82002004); probe_x("small-l2fault", 0x82002800);
    probe_r("small-ap000", 0x82003004); probe_x("small-xn", 0x82004800); probe_x("small", 0x82000800);
    probe_r("large", 0x82013008); probe_r("large", 0x8201f00c); probe_x("large-xn", 0x82020800);
    probe_r("d1-page", 0x82100004); probe_r("d1-l2fault", 0x82101004);
    probe_w("l1-fault-idx", 0x82200004, 1);
    printf("ats\n");
    ATS1CPR(0x80000123); ATS1CPW(0x80300123); ATS1CUR(0x80100123); ATS1CUW(0x80200456);
    ATS1CPR(0x80a00000); ATS1CPR(0x80500000); ATS1CPR(0x81234567); ATS1CPR(0x82002000); ATS1CPR(0x82100000);
    ATS1CPR(0x8201f00c); ATS1CUR(0x82003000);
    printf("uwxn\n");
    write_sctlr(read_sctlr() | (1u << 20));
    ISB();
    probe_x("uwxn-ap011", 0x80000800); probe_x("uwxn-ap010", 0x80200800); probe_x("uwxn-ap001", 0x80100800);
    write_sctlr(read_sctlr() & ~(1u << 20));
    ISB();
    printf("afe\n");
    write_sctlr(read_sctlr() | (1u << 29));
    TLBIALL();
    probe_r("afe-ap011", 0x80000010); probe_rt("afe-ap011", 0x80000010);
    probe_r("afe-ap010", 0x80200010); probe_x("afe-ap010", 0x80200800);
    probe_r("afe-ap101", 0x80300010); probe_w("afe-ap101", 0x80300010, 1);
    probe_r("afe-ap110", 0x80b00010);
    probe_rt("afe-ap111", 0x80c00010); probe_w("afe-ap111", 0x80c00010, 1);
    probe_x("afe-xn-af0", 0x80800800);
    probe_r("afe-page-ap010", 0x82001004);
    probe_r("afe-d1-af0", 0x80500010);
    ATS1CPR(0x80200000); ATS1CPR(0x80000000);
    write_sctlr(read_sctlr() & ~(1u << 29));
    printf("ttbr1\n");
    write_ttbr1((u32)l1);
    write_ttbcr(1);
    TLBIALL();
    probe_r("ttbr1", 0x80000010); probe_r("ttbr1-ss", 0x81003010);
    write_ttbcr(1 | (1u << 5));
    TLBIALL();
    printf("  ttbcr=%08x\n", read_ttbcr()); /* QEMU without EL3: PD0/PD1 are RAZ/WI */
    probe_r("pd1", 0x80000010); ATS1CPR(0x80000010);
    probe_r("pd1-low", 0x40010000);
    write_ttbcr(0);
    TLBIALL();
    write_sctlr(read_sctlr() & ~1u);
    ISB();
    printf("mmu off\n");
    probe_r("off", SCRATCH + 0x3010);
    ATS1CPR(0x40003010); ATS1CUW(0x12345678);
    return nfaults;
}

int main(void)
{
    fill_scratch();
    build();
    u32 n = call_pl1(pl1_tests, 0, SPSR_SVC);
    printf("faults: %u\n", n);
    return 0;
}
