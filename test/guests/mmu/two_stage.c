/*
 * Long-descriptor stage 1 at PL1 under stage 2 (B3.6): blocks and pages at each level, AF, AP,
 * APTable, XN/PXN, the TTBR0/TTBR1 gap and EPD1; stage 2 (VTCR T0SZ=0 SL0=1): HAP none/RO/WO/RW,
 * AF, XN, translation faults at levels 1-3, remapping, S1PTW faults (translation, permission,
 * HCR.PTW); ATS1C* / ATS12NSO* PAR from PL1 and Hyp; VTCR geometry faults via ATS12NSOPR.
 */
#include "_mmu.h"

static u64 s2_l1[4] ALIGNED(4096);
static u64 s2_l2_0[512] ALIGNED(4096);
static u64 s2_l2_1[512] ALIGNED(4096);
static u64 s2_l2_2[512] ALIGNED(4096);
static u64 s2_l3[512] ALIGNED(4096);
static u64 s1_l1[4] ALIGNED(4096);
static u64 s1_l2_0[512] ALIGNED(4096);
static u64 s1_l2_2[512] ALIGNED(4096);
static u64 s1_l3[512] ALIGNED(4096);
static u64 s1_l3b[512] ALIGNED(4096);

#define MAIR0 0x004404ffu     /* Attr0 Normal WB, Attr1 Device, Attr2 Normal NC */
#define S1_RAM (LD_IDX(0) | LD_SH_IN | LD_AF)
#define S1_DEV (LD_IDX(1) | LD_AF | LD_XN)
#define VTCR_32 ((1u << 31) | (1u << 6) | (3u << 12) | (1u << 10) | (1u << 8))

static void build(void)
{
    /* stage 2 */
    s2_l1[0] = ld_table((u32)s2_l2_0, 0);
    s2_l1[1] = ld_table((u32)s2_l2_1, 0);
    s2_l1[2] = ld_table((u32)s2_l2_2, 0);
    s2_l1[3] = 0;
    s2_l2_0[UART_PA >> 21] = ld_block(UART_PA, S2_DEVICE);
    s2_l2_1[0] = ld_table((u32)s2_l3, 0);
    for (u32 i = 1; i < 64; i++) s2_l2_1[i] = ld_block(RAM_PA + (i << 21), S2_NORMAL);
    for (u32 i = 0; i < 512; i++) s2_l3[i] = ld_page(RAM_PA + (i << 12), S2_NORMAL);
    s2_l3[1] = ld_page(RAM_PA + 0x1000, S2_MEM(0xf) | S2_HAP(1) | LD_AF);
    s2_l3[2] = ld_page(RAM_PA + 0x2000, S2_MEM(0xf) | S2_HAP(2) | LD_AF);
    s2_l3[3] = ld_page(RAM_PA + 0x3000, S2_MEM(0xf) | S2_HAP(0) | LD_AF);
    s2_l3[4] = ld_page(RAM_PA + 0x4000, S2_MEM(0xf) | S2_HAP(3));
    s2_l3[5] = ld_page(RAM_PA + 0x5000, S2_NORMAL | LD_XN);
    s2_l3[6] = 0;
    s2_l3[7] = ld_page(RAM_PA + 0x7000, S2_DEVICE);
    s2_l3[8] = ld_page(RAM_PA + 0xa000, S2_MEM(0x5) | S2_HAP(3) | LD_AF);
    s2_l2_2[0] = ld_block(RAM_PA, S2_NORMAL);
    s2_l2_2[1] = 0;
    /* stage 1 (IPA = VA for the tables themselves) */
    s1_l1[0] = ld_table((u32)s1_l2_0, 0);
    s1_l1[1] = ld_block(RAM_PA, S1_RAM);
    s1_l1[2] = ld_table((u32)s1_l2_2, 0);
    s1_l1[3] = 0;
    s1_l2_0[UART_PA >> 21] = ld_block(UART_PA, S1_DEV);
    s1_l2_2[0] = ld_block(0x80000000u, S1_RAM | LD_AP(1));
    s1_l2_2[1] = ld_block(0x80200000u, S1_RAM);
    s1_l2_2[2] = ld_block(0xc0000000u, S1_RAM);
    s1_l2_2[3] = ld_table((u32)s1_l3, 0);
    s1_l2_2[4] = ld_table(RAM_PA + 0x6000, 0);
    s1_l2_2[5] = ld_table(RAM_PA + 0x3000, 0);
    s1_l2_2[6] = ld_table(RAM_PA + 0x7000, 0);
    s1_l2_2[7] = ld_table((u32)s1_l3b, LD_APT(2));
    s1_l2_2[8] = ld_table((u32)s1_l3b, LD_APT(1) | LD_XNT);
    s1_l2_2[9] = ld_table((u32)s1_l3b, LD_PXNT);
    for (u32 i = 0; i < 8; i++) s1_l3[i] = ld_page(RAM_PA + (i << 12), S1_RAM | LD_AP(1));
    s1_l3[7] = ld_page(RAM_PA + 0x8000, S1_RAM | LD_AP(1));
    s1_l3[8] = ld_page(RAM_PA, LD_IDX(0) | LD_AP(1));
    s1_l3[9] = ld_page(RAM_PA, S1_RAM | LD_AP(2));
    s1_l3[10] = ld_page(RAM_PA, S1_RAM | LD_AP(1) | LD_XN);
    s1_l3[11] = ld_page(RAM_PA, S1_RAM | LD_AP(1) | LD_PXN);
    s1_l3[12] = 0;
    s1_l3[13] = ld_page(RAM_PA, S1_RAM | LD_AP(3));
    s1_l3[14] = ld_page(RAM_PA + 0x9000, LD_IDX(2) | LD_AF | LD_AP(1) | LD_NG);
    s1_l3[15] = ld_block(RAM_PA, S1_RAM);
    s1_l3b[0] = ld_page(RAM_PA, S1_RAM | LD_AP(1));
    sync_tables();
}

static void stage2_on(void)
{
    write_vtcr(VTCR_32);
    write_vttbr(((u64)1 << 48) | (u32)s2_l1);
    write_hcr(1);
    ISB();
    TLBIALLNSNH();
}

static u32 pl1_tests(u32 arg)
{
    (void)arg;
    write_prrr(MAIR0);        /* MAIR0 */
    write_nmrr(0);            /* MAIR1 */
    write_ttbcr(1u << 31);    /* EAE, T0SZ = 0, T1SZ = 0 */
    write_ttbr0_64((u32)s1_l1);
    ISB();
    write_sctlr(read_sctlr() | 1);
    ISB();
    printf("two-stage remap\n");
    probe_r("s1blk-s2blk", 0x80003010); probe_w("s1blk-s2blk", 0x80003014, 0x55); probe_rt("s1blk-s2blk", 0x80003014);
    probe_r("s2-l2-invalid", 0x80200000); probe_w("s2-l2-invalid", 0x80200000, 1);
    probe_r("s2-l1-invalid", 0x80400000);
    printf("stage-2 permissions\n");
    probe_r("rw", 0x80600010); probe_w("rw", 0x80600020, 0x66); probe_x("rw", 0x80600800);
    probe_r("ro", 0x80601010); probe_w("ro", 0x80601010, 1); probe_x("ro", 0x80601800);
    probe_r("wo", 0x80602010); probe_w("wo", 0x80602020, 0x77); probe_x("wo", 0x80602800);
    probe_r("none", 0x80603010); probe_w("none", 0x80603010, 1); probe_x("none", 0x80603800);
    probe_r("af0", 0x80604010); probe_w("af0", 0x80604010, 1);
    probe_r("xn", 0x80605010); probe_x("xn", 0x80605800);
    probe_r("l3-invalid", 0x80606010); probe_x("l3-invalid", 0x80606800);
    probe_r("remap", 0x80607010);
    printf("stage-1 faults\n");
    probe_r("s1-af0", 0x80608010); probe_x("s1-af0", 0x80608800);
    probe_r("s1-ro", 0x80609010); probe_w("s1-ro", 0x80609010, 1); probe_rt("s1-ro", 0x80609010);
    probe_x("s1-xn", 0x8060a800); probe_x("s1-pxn", 0x8060b800); probe_r("s1-l3-invalid", 0x8060c010);
    probe_rt("s1-ap11", 0x8060d010); probe_wt("s1-ap11", 0x8060d010, 1); probe_w("s1-ap11", 0x8060d010, 1);
    probe_r("s1-nc-ng", 0x8060e010); probe_r("s1-l3-block", 0x8060f010);
    probe_r("s1-l1-invalid", 0xc0000000); probe_x("s1-l1-invalid", 0xc0000800);
    probe_w("aptable-ro", 0x80e00010, 1); probe_r("aptable-ro", 0x80e00010);
    probe_rt("aptable-nopl0", 0x81000010); probe_x("xntable", 0x81000800); probe_x("pxntable", 0x81200800);
    printf("s1ptw\n");
    probe_r("ptw-s2-invalid", 0x80800010); probe_w("ptw-s2-invalid", 0x80800010, 1); probe_x("ptw-s2-invalid", 0x80800800);
    probe_r("ptw-s2-none", 0x80a00010);
    probe_r("ptw-s2-device", 0x80c01010);
    printf("ats at pl1\n");
    ATS1CPR(0x80600123); ATS1CPW(0x80609123); ATS1CUR(0x80600123); ATS1CPR(0x80200000); ATS1CPR(0x8060c000);
    ATS1CPR(0x80608000);
    { u32 n = nfaults; ATS(0, 0, 0x80800000); printf("  ATS1CPR s1ptw trapped=%u\n", nfaults - n); }
    printf("ttbr1 gap\n");
    write_ttbr1_64((u32)s1_l2_2);
    write_ttbcr((1u << 31) | 1 | (2u << 16));
    TLBIALL();
    probe_r("gap", 0x80000010); probe_r("ttbr1", 0xc0003010); probe_r("ttbr0", 0x40010000);
    ATS1CPR(0x90000000); ATS1CPR(0xc0003010);
    write_ttbcr((1u << 31) | 1 | (2u << 16) | (1u << 23));
    TLBIALL();
    probe_r("epd1", 0xc0003010); ATS1CPR(0xc0003010);
    write_ttbcr(1u << 31);
    TLBIALL();
    return nfaults;
}

static u32 ptw_tests(u32 arg)
{
    (void)arg;
    probe_r("ptw-s2-device", 0x80c01010);
    return 0;
}

static void hyp_stage1(void);

int main(void)
{
    fill_scratch();
    build();
    stage2_on();
    u32 n = call_pl1(pl1_tests, 0, SPSR_SVC);
    printf("pl1 faults: %u\n", n);
    printf("hcr.ptw\n");
    write_hcr(1 | 4);
    ISB();
    call_pl1(ptw_tests, 0, SPSR_SVC);
    write_hcr(1);
    ISB();
    printf("ats from hyp\n");
    ATS1CPR(0x80600123); ATS1CUW(0x80609000);
    ATS12NSOPR(0x80600123); ATS12NSOPW(0x80601123); ATS12NSOUR(0x8060d123); ATS12NSOUW(0x8060d123);
    ATS12NSOPR(0x80603000); ATS12NSOPR(0x80604000); ATS12NSOPR(0x80200000); ATS12NSOPR(0x80400000);
    ATS12NSOPR(0x80800000); ATS12NSOPR(0x80a00000); ATS12NSOPR(0x80608000); ATS12NSOPR(0x8060e000);
    ATS12NSOPR(0x80607abc); ATS12NSOPR(0x40010000); ATS12NSOPR(0x09000000);
    printf("vtcr geometry\n");
    write_vtcr(VTCR_32 & ~(3u << 6));   /* SL0 = 0 with T0SZ = 0: start level 2 needs <= 34 bits: ok? */
    TLBIALLNSNH();
    ATS12NSOPR(0x80000000);
    write_vtcr((VTCR_32 & ~(3u << 6)) | (2u << 6)); /* SL0 = 2: reserved */
    TLBIALLNSNH();
    ATS12NSOPR(0x80000000);
    write_vtcr(VTCR_32 | 1);            /* T0SZ = 1: 31-bit IPA */
    TLBIALLNSNH();
    ATS12NSOPR(0x40010000); ATS12NSOPR(0x80000000);
    write_vtcr((VTCR_32 & ~(3u << 6)) | 7); /* SL0 = 0, T0SZ = 7: 25-bit IPA, level 2 */
    TLBIALLNSNH();
    ATS12NSOPR(0x40010000);
    write_vtcr(VTCR_32);
    TLBIALLNSNH();
    printf("stage 1 off, stage 2 on\n");
    u32 sctlr_saved = MRC(p15, 0, c1, c0, 0);
    MCR(p15, 0, c1, c0, 0, sctlr_saved & ~1u);
    ISB();
    ATS12NSOPR(0x40001000); ATS12NSOPW(0x40001000); ATS12NSOUR(0x40004000); ATS12NSOPR(0x80000000);
    ATS1CPR(0x40001000);
    printf("vtcr sweep (stage 1 off): fault level 1 before any read = rejected geometry\n");
    for (u32 sl0 = 0; sl0 < 2; sl0++) {
        for (u32 t = 0; t < 16; t++) {
            write_vtcr((VTCR_32 & ~0xdfu) | (sl0 << 6) | t | ((t & 8) ? 0x10 : 0));
            TLBIALLNSNH();
            ATS(0, 4, 0x40001000);
            ISB();
            printf("  sl0=%u t0sz=%d par=%08x\n", sl0, (int)(t << 28) >> 28, MRC(p15, 0, c7, c4, 0));
        }
    }
    write_vtcr(VTCR_32);
    TLBIALLNSNH();
    printf("hcr.dc\n");
    write_hcr(1u << 12);
    ISB();
    ATS12NSOPR(0x40001000); ATS1CPR(0x40001000);
    write_hcr(0);
    ISB();
    printf("stage 2 off\n");
    ATS12NSOPR(0x40001000);
    hyp_stage1();
    return 0;
}

/* ---- Hyp stage 1 (HTCR/HTTBR/HMAIR, HSCTLR.M) ---- */
static u64 h_l1[4] ALIGNED(4096);
static u64 h_l2_0[512] ALIGNED(4096);
static u64 h_l2_2[512] ALIGNED(4096);

static void hyp_stage1(void)
{
    h_l1[0] = ld_table((u32)h_l2_0, 0);
    h_l1[1] = ld_block(RAM_PA, S1_RAM);
    h_l1[2] = ld_table((u32)h_l2_2, 0);
    h_l1[3] = 0;
    h_l2_0[UART_PA >> 21] = ld_block(UART_PA, S1_DEV);
    h_l2_2[0] = ld_block(RAM_PA, S1_RAM | LD_AP(2));
    h_l2_2[1] = ld_block(RAM_PA, S1_RAM | LD_XN);
    h_l2_2[2] = ld_block(RAM_PA, LD_IDX(0));
    h_l2_2[3] = 0;
    h_l2_2[4] = ld_block(RAM_PA, S1_RAM | LD_AP(1));
    h_l2_2[5] = ld_block(RAM_PA, S1_RAM | LD_AP(3));
    h_l2_2[6] = ld_block(RAM_PA, S1_RAM | LD_PXN);
    h_l2_2[7] = ld_table((u32)s1_l3b, LD_APT(3));
    sync_tables();
    write_hmair0(MAIR0);
    MCR(p15, 4, c10, c2, 1, 0);
    write_htcr(0x80003500);
    write_httbr((u32)h_l1);
    ISB();
    TLBIALLH();
    write_hsctlr(read_hsctlr() | 1);
    ISB();
    printf("hyp stage 1\n");
    probe_r("h-rw", 0x80003010); probe_w("h-rw", 0x80003018, 0x88);
    probe_r("h-ro", 0x80003010); probe_w("h-ro", 0x80003010, 1);
    probe_x("h-xn", 0x80200800); probe_r("h-af0", 0x80400010); probe_r("h-invalid", 0x80600010);
    probe_w("h-ap01", 0x80800010, 0x99); probe_w("h-ap11", 0x80a00010, 1); probe_x("h-pxn", 0x80c00800);
    probe_w("h-aptable11", 0x80e00010, 1); probe_r("h-aptable11", 0x80e00010);
    probe_r("h-l1-invalid", 0xc0000000);
    ATS1HR(0x80003010); ATS1HW(0x80003010); ATS1HR(0x80400000); ATS1HR(0xc0000000); ATS1HW(0x80a00000);
    write_htcr(0x80003501);
    TLBIALLH();
    probe_r("h-t0sz1-above", 0x80003010); ATS1HR(0x80003010);
    write_htcr(0x80003500);
    write_hsctlr(read_hsctlr() & ~1u);
    ISB();
    TLBIALLH();
    printf("hyp stage 1 off\n");
    ATS1HR(0x80003010);
}
