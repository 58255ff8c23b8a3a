/*
 * Every fault type at every lookup level with both stages on (B3.12.3 priority, B3.13 reporting):
 * long-descriptor stage 1 translation / Access flag / permission at levels 1-3, stage 2 the same at
 * levels 1-3, stage-2 faults on stage-1 table reads (S1PTW) for each stage-1 level against each
 * stage-2 level, alignment faults at PL1 and in Hyp, prefetch aborts, and the same walks as PAR.
 */
#include "_mmu.h"

static u64 s2_l1[4] ALIGNED(4096);
static u64 s2_l2_0[512] ALIGNED(4096);
static u64 s2_l2_1[512] ALIGNED(4096);
static u64 s2_l2_2[512] ALIGNED(4096);
static u64 s2_l3[512] ALIGNED(4096);
static u64 s2_l3b[512] ALIGNED(4096);
static u64 s1_l1[4] ALIGNED(4096);
static u64 s1_l2_0[512] ALIGNED(4096);
static u64 s1_l2_2[512] ALIGNED(4096);
static u64 s1_l3[512] ALIGNED(4096);

#define MAIR0  0x004404ffu
#define S1_RAM (LD_IDX(0) | LD_SH_IN | LD_AF)
#define S1_DEV (LD_IDX(1) | LD_AF | LD_XN)
#define VTCR_32 ((1u << 31) | (1u << 6) | (3u << 12) | (1u << 10) | (1u << 8))
#define VA_L1  0xc0000000u     /* stage-1 level-1 entry 3, changed between runs */
#define IPA_L1 0xc0000000u     /* stage-2 level-1 entry 3, changed between runs */
#define LDBLK(pa, a) ((u64)(pa) | (a) | 1)
#define LDTBL(pa, a) ((u64)(pa) | (a) | 3)

static void build(void)
{
    /* Stage 2: IPA 0-2 GB identity (the first 2 MB of RAM by pages); 2-3 GB faults by level. */
    s2_l1[0] = ld_table((u32)s2_l2_0, 0);
    s2_l1[1] = ld_table((u32)s2_l2_1, 0);
    s2_l1[2] = ld_table((u32)s2_l2_2, 0);
    s2_l1[3] = 0;
    s2_l2_0[UART_PA >> 21] = ld_block(UART_PA, S2_DEVICE);
    s2_l2_1[0] = ld_table((u32)s2_l3, 0);
    for (u32 i = 1; i < 64; i++) s2_l2_1[i] = ld_block(RAM_PA + (i << 21), S2_NORMAL);
    for (u32 i = 0; i < 512; i++) s2_l3[i] = ld_page(RAM_PA + (i << 12), S2_NORMAL);
    s2_l2_2[0] = ld_block(RAM_PA, S2_NORMAL);                          /* IPA 8000_0000 ok    */
    s2_l2_2[1] = ld_block(RAM_PA, S2_MEM(0xf) | S2_HAP(3) | LD_SH_IN); /* 8020_0000 AF L2     */
    s2_l2_2[2] = ld_block(RAM_PA, S2_MEM(0xf) | S2_HAP(0) | LD_AF);    /* 8040_0000 perm L2   */
    s2_l2_2[3] = 0;                                                    /* 8060_0000 trans L2  */
    s2_l2_2[4] = ld_table((u32)s2_l3b, 0);                             /* 8080_0000 pages     */
    s2_l3b[0] = ld_page(RAM_PA, S2_MEM(0xf) | S2_HAP(3));              /* 8080_0000 AF L3     */
    s2_l3b[1] = ld_page(RAM_PA, S2_MEM(0xf) | S2_HAP(0) | LD_AF);      /* 8080_1000 perm L3   */
    s2_l3b[2] = 0;                                                     /* 8080_2000 trans L3  */
    s2_l3b[3] = ld_page(RAM_PA + 0x3000, S2_NORMAL);                   /* 8080_3000 ok        */
    s2_l3b[4] = ld_page((u32)s1_l3, S2_NORMAL);                        /* 8080_4000 -> s1_l3  */
    s2_l3b[5] = ld_page((u32)s1_l3, S2_MEM(0xf) | S2_HAP(2) | LD_AF);  /* s1_l3, write-only   */

    /* Stage 1: VA 0-2 GB identity (1 GB block for RAM); 2-3 GB by level; entry 3 varies. */
    s1_l1[0] = ld_table((u32)s1_l2_0, 0);
    s1_l1[1] = ld_block(RAM_PA, S1_RAM);
    s1_l1[2] = ld_table((u32)s1_l2_2, 0);
    s1_l1[3] = 0;
    s1_l2_0[UART_PA >> 21] = ld_block(UART_PA, S1_DEV);
    s1_l2_2[0] = ld_block(0x80000000u, S1_RAM | LD_AP(1));
    s1_l2_2[1] = ld_block(0x80200000u, S1_RAM | LD_AP(1));
    s1_l2_2[2] = ld_block(0x80400000u, S1_RAM | LD_AP(1));
    s1_l2_2[3] = ld_block(0x80600000u, S1_RAM | LD_AP(1));
    s1_l2_2[4] = ld_table((u32)s1_l3, 0);
    s1_l2_2[5] = ld_block(0x80000000u, LD_IDX(0) | LD_AP(1));          /* s1 AF L2            */
    s1_l2_2[6] = ld_block(0x80000000u, S1_RAM | LD_AP(3));             /* s1 RO: perm L2      */
    s1_l2_2[7] = 0;                                                    /* s1 trans L2         */
    s1_l2_2[8] = ld_table(0x80200000u, 0);                             /* L3 table: s2 AF L2  */
    s1_l2_2[9] = ld_table(0x80801000u, 0);                             /* L3 table: s2 perm L3 */
    s1_l2_2[10] = ld_table(0x80802000u, 0);                            /* L3 table: s2 trans L3 */
    s1_l2_2[11] = ld_table(IPA_L1, 0);                                 /* L3 table: s2 at L1  */
    s1_l2_2[12] = ld_table(0x80804000u, 0);                            /* L3 table via s2 page */
    s1_l2_2[13] = ld_table(0x80805000u, 0);                            /* L3 table, s2 WO     */
    s1_l3[0] = ld_page(0x80800000u, S1_RAM | LD_AP(1));                /* s2 AF L3            */
    s1_l3[1] = ld_page(0x80801000u, S1_RAM | LD_AP(1));                /* s2 perm L3          */
    s1_l3[2] = ld_page(0x80802000u, S1_RAM | LD_AP(1));                /* s2 trans L3         */
    s1_l3[3] = ld_page(0x80803000u, S1_RAM | LD_AP(1));                /* ok                  */
    s1_l3[4] = ld_page(0x80803000u, LD_IDX(0) | LD_AP(1));             /* s1 AF L3            */
    s1_l3[5] = ld_page(0x80803000u, S1_RAM | LD_AP(3));                /* s1 RO: perm L3      */
    s1_l3[6] = 0;                                                      /* s1 trans L3         */
    s1_l3[7] = ld_page(0x80803000u, S1_RAM | LD_AP(1) | LD_XN);        /* s1 XN L3            */
    sync_tables();
}

/* Stage-1 level-1 entry 3 and stage-2 level-1 entry 3 as each run wants them (from Hyp). */
static void set_l1(u64 s1, u64 s2)
{
    s1_l1[3] = s1;
    s2_l1[3] = s2;
    sync_tables();
    TLBIALLNSNH();
}

static u32 pl1_enable(void)
{
    write_prrr(MAIR0);
    write_nmrr(0);
    write_ttbcr(1u << 31);
    write_ttbr0_64((u32)s1_l1);
    ISB();
    write_sctlr(read_sctlr() | 1);
    ISB();
    return 0;
}

static u32 by_level(u32 arg)
{
    (void)arg;
    pl1_enable();
    printf("stage 2 level 2 / 3\n");
    probe_r("s2-ok-l2", 0x80000010);
    probe_r("s2-af-l2", 0x80200010); probe_w("s2-af-l2", 0x80200010, 1);
    probe_r("s2-perm-l2", 0x80400010); probe_x("s2-perm-l2", 0x80400800);
    probe_r("s2-trans-l2", 0x80600010); probe_x("s2-trans-l2", 0x80600800);
    probe_r("s2-af-l3", 0x80800010); probe_x("s2-af-l3", 0x80800800);
    probe_w("s2-perm-l3", 0x80801010, 1);
    probe_r("s2-trans-l3", 0x80802010);
    probe_r("ok-l3", 0x80803010); probe_x("ok-l3", 0x80803800);
    printf("stage 1 level 2 / 3\n");
    probe_r("s1-af-l2", 0x80a00010); probe_x("s1-af-l2", 0x80a00800);
    probe_r("s1-ro-l2", 0x80c00010); probe_w("s1-ro-l2", 0x80c00010, 1);
    probe_r("s1-trans-l2", 0x80e00010); probe_x("s1-trans-l2", 0x80e00800);
    probe_r("s1-af-l3", 0x80804010); probe_w("s1-ro-l3", 0x80805010, 1);
    probe_r("s1-trans-l3", 0x80806010); probe_x("s1-xn-l3", 0x80807800);
    printf("s1ptw: stage-1 level 3 table\n");
    probe_r("ptw3-s2-af-l2", 0x81000010); probe_w("ptw3-s2-af-l2", 0x81000010, 1);
    probe_r("ptw3-s2-perm-l3", 0x81200010); probe_x("ptw3-s2-perm-l3", 0x81200800);
    probe_r("ptw3-s2-trans-l3", 0x81400010);
    probe_r("ptw3-s2-l1", 0x81600010);
    probe_r("ptw3-via-page", 0x81800010 + 3 * 4096);
    probe_r("ptw3-s2-wo", 0x81a00010 + 3 * 4096);
    printf("alignment\n");
    write_sctlr(read_sctlr() | 2);
    ISB();
    probe_r("align-a1", 0x80000011); probe_w("align-a1", 0x80000012, 1);
    probe_r("align-a1-s2fault", 0x80600011);
    write_sctlr(read_sctlr() & ~2u);
    ISB();
    {
        u32 n = nfaults;
        __asm__ volatile("ldr r0, =0x80000012\n\tldm r0, {r2, r3}" : : : "r0", "r2", "r3", "memory");
        printf("  LDM unaligned %s\n", nfaults == n ? "ok" : "faulted");
        n = nfaults;
        __asm__ volatile("ldr r0, =0x80000012\n\tldrd r2, r3, [r0]" : : : "r0", "r2", "r3", "memory");
        printf("  LDRD unaligned %s\n", nfaults == n ? "ok" : "faulted");
        n = nfaults;
        __asm__ volatile("ldr r0, =0x80000013\n\tldrex r2, [r0]" : : : "r0", "r2", "memory");
        printf("  LDREX unaligned %s\n", nfaults == n ? "ok" : "faulted");
    }
    probe_r("unaligned-a0", 0x80000011);
    return nfaults;
}

/* A run with stage-1 L1 entry 3 (VA c000_0000) and stage-2 L1 entry 3 (IPA c000_0000) set. */
static u32 l1_run(u32 arg)
{
    (void)arg;
    pl1_enable();
    probe_r("va-c0", 0xc0000010); probe_w("va-c0", 0xc0000014, 0x5a); probe_x("va-c0", 0xc0000800);
    probe_r("ptw3-s2-l1", 0x81600010);
    ATS1CPR(0xc0000010); ATS1CPW(0xc0000010);
    return 0;
}

static void hyp_ats(void)
{
    printf("ats12 from hyp\n");
    static const u32 vas[] = { 0x80000010, 0x80200010, 0x80400010, 0x80600010, 0x80800010, 0x80801010, 0x80802010,
                  0x80803010, 0x80a00010, 0x80c00010, 0x80e00010, 0x80804010, 0x80806010, 0x81000010,
                  0x81200010, 0x81400010, 0x81600010, 0x81803010 };
    for (u32 i = 0; i < sizeof vas / sizeof vas[0]; i++) {
        ATS12NSOPR(vas[i]);
        ATS12NSOPW(vas[i]);
    }
}

int main(void)
{
    fill_scratch();
    build();
    write_vtcr(VTCR_32);
    write_vttbr(((u64)1 << 48) | (u32)s2_l1);
    write_hcr(1);
    ISB();
    TLBIALLNSNH();
    u32 n = call_pl1(by_level, 0, SPSR_SVC);
    printf("faults: %u\n", n);
    static const struct { const char *what; u64 s1, s2; } runs[] = {
        { "s1 L1 invalid", 0, 0 },
        { "s1 L1 AF=0", LDBLK(0x80000000u, LD_IDX(0) | LD_AP(1)), 0 },
        { "s1 L1 RO", LDBLK(0x80000000u, S1_RAM | LD_AP(3)), 0 },
        { "s1 L1 -> s2 L1 invalid", LDBLK(IPA_L1, S1_RAM | LD_AP(1)), 0 },
        { "s1 L1 -> s2 L1 AF=0", LDBLK(IPA_L1, S1_RAM | LD_AP(1)), LDBLK(RAM_PA, S2_MEM(0xf) | S2_HAP(3)) },
        { "s1 L1 -> s2 L1 RO", LDBLK(IPA_L1, S1_RAM | LD_AP(1)), LDBLK(RAM_PA, S2_MEM(0xf) | S2_HAP(1) | LD_AF) },
        { "s1 L1 -> s2 L1 ok", LDBLK(IPA_L1, S1_RAM | LD_AP(1)), LDBLK(RAM_PA, S2_NORMAL) },
        { "s1 L2 table at s2 perm L2", LDTBL(0x80400000u, 0), 0 },
        { "s1 L2 table at s2 trans L3", LDTBL(0x80802000u, 0), 0 },
        { "s1 L2 table at s2 AF L3", LDTBL(0x80800000u, 0), 0 },
    };
    for (u32 i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        printf("run: %s\n", runs[i].what);
        set_l1(runs[i].s1, runs[i].s2);
        call_pl1(l1_run, 0, SPSR_SVC);
        ATS12NSOPR(0xc0000010);
    }
    /* PL1 stage 1 stays on (SCTLR.M = 1) for the stage 1+2 operations executed in Hyp. */
    set_l1(0, ld_block(RAM_PA, S2_NORMAL));
    hyp_ats();
    printf("s1 level-1 table reads through stage 2 (TTBR0 = faulting IPA)\n");
    static const u32 ttbrs[] = { 0x80200000u, 0x80400000u, 0x80600000u, 0x80800000u, 0x80801000u, 0x80802000u, 0xc0000000u, 0x80804000u };
    for (u32 i = 0; i < sizeof ttbrs / sizeof ttbrs[0]; i++) {
        write_ttbr0_64(ttbrs[i]);
        TLBIALLNSNH();
        printf(" ttbr0=%08x\n", ttbrs[i]);
        ATS12NSOPR(0x80000010); ATS1CPR(0x80000010);
    }
    write_ttbr0_64((u32)s1_l1);
    printf("hyp alignment\n");
    write_hsctlr(read_hsctlr() | 2);
    ISB();
    probe_r("hyp-align", 0x40000011); probe_w("hyp-align", 0x40000012, 1);
    write_hsctlr(read_hsctlr() & ~2u);
    ISB();
    {
        u32 m = nfaults;
        __asm__ volatile("ldr r0, =0x40000012\n\tldm r0, {r2, r3}" : : : "r0", "r2", "r3", "memory");
        printf("  hyp LDM unaligned %s\n", nfaults == m ? "ok" : "faulted");
    }
    return 0;
}
