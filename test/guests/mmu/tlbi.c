/*
 * TLB maintenance (B3.10, B4.2.3): after a descriptor changes, the matching TLBIALL / TLBIMVA /
 * TLBIASID / TLBIMVAA / TLBIALLNSNH / TLBIMVAH / TLBIALLH makes the new translation visible; ASID
 * (CONTEXTIDR, TTBRn.ASID by TTBCR.A1) and VMID switches select their own tables. Only outcomes every
 * correct TLB gives are printed: nothing here depends on how long a stale entry survives.
 */
#include "_mmu.h"

static u32 l1[4096] ALIGNED(16384);
static u32 l2[256] ALIGNED(1024);
static u32 l2b[256] ALIGNED(1024);
static u64 s2_l1[4] ALIGNED(4096);
static u64 s2_l2_1[512] ALIGNED(4096);
static u64 s2_l2_0[512] ALIGNED(4096);
static u64 s2_l3[512] ALIGNED(4096);
static u64 s2b_l1[4] ALIGNED(4096);
static u64 s2b_l2_1[512] ALIGNED(4096);
static u64 s2b_l3[512] ALIGNED(4096);
static u64 ll1[4] ALIGNED(4096);
static u64 ll2[512] ALIGNED(4096);
static u64 ll3[512] ALIGNED(4096);
static u64 ll3b[512] ALIGNED(4096);
static u64 h_l1[4] ALIGNED(4096);
static u64 h_l2[512] ALIGNED(4096);
static u64 h_l3[512] ALIGNED(4096);

#define RAM_ATTR (SEC_TEXCB(1, 1, 1) | SEC_AP(1))
#define PG_N     ((1u << 6) | (1u << 3) | (1u << 2))
#define VA       0x80000000u
#define S1_RAM   (LD_IDX(0) | LD_SH_IN | LD_AF)
#define VTCR_32  ((1u << 31) | (1u << 6) | (3u << 12) | (1u << 10) | (1u << 8))

/* Scratch page k as a small page with AP=011, global or not. */
static u32 pg(u32 k, u32 ng) { return sd_small(SCRATCH + (k << 12), PG_N | PG_AP(3) | (ng ? PG_NG : 0), 0); }

static void set_l2(u32 *t, u32 i, u32 d) { t[i] = d; sync_tables(); }

static void show(const char *what, u32 va)
{
    printf("  %-28s %08x -> page %u\n", what, va, rd(va) >> 24);
}

static void build(void)
{
    for (u32 i = 0; i < 4096; i++) l1[i] = 0;
    for (u32 i = 0; i < 128; i++) l1[(RAM_PA >> 20) + i] = sd_section(RAM_PA + (i << 20), RAM_ATTR);
    l1[UART_PA >> 20] = sd_section(UART_PA, SEC_TEXCB(0, 0, 1) | SEC_AP(1) | SEC_XN);
    l1[VA >> 20] = sd_pagetable((u32)l2, 0);
    for (u32 i = 0; i < 256; i++) { l2[i] = 0; l2b[i] = 0; }
    /* stage 2, VMID 1: identity; VMID 2: IPA page 0x4000_1000 -> scratch page 9 */
    s2_l1[0] = ld_table((u32)s2_l2_0, 0);
    s2_l1[1] = ld_table((u32)s2_l2_1, 0);
    s2_l2_0[UART_PA >> 21] = ld_block(UART_PA, S2_DEVICE);
    s2_l2_1[0] = ld_table((u32)s2_l3, 0);
    for (u32 i = 1; i < 64; i++) s2_l2_1[i] = ld_block(RAM_PA + (i << 21), S2_NORMAL);
    for (u32 i = 0; i < 512; i++) s2_l3[i] = ld_page(RAM_PA + (i << 12), S2_NORMAL);
    s2b_l1[0] = s2_l1[0];
    s2b_l1[1] = ld_table((u32)s2b_l2_1, 0);
    for (u32 i = 0; i < 512; i++) s2b_l2_1[i] = s2_l2_1[i];
    s2b_l2_1[0] = ld_table((u32)s2b_l3, 0);
    for (u32 i = 0; i < 512; i++) s2b_l3[i] = s2_l3[i];
    s2b_l3[1] = ld_page(RAM_PA + 0x9000, S2_NORMAL);
    /* long-descriptor stage 1 */
    ll1[0] = ld_table((u32)ll2, 0);
    ll1[1] = ld_block(RAM_PA, S1_RAM);
    ll2[UART_PA >> 21] = ld_block(UART_PA, LD_IDX(1) | LD_AF | LD_XN);
    ll1[2] = ld_table((u32)ll2 + 0, 0);
    ll2[0] = ld_table((u32)ll3, 0);    /* VA 0x8000_0000 (ll1[2] -> ll2[0]) */
    ll3[0] = ld_page(SCRATCH + 0x1000, S1_RAM | LD_AP(1) | LD_NG);
    ll3b[0] = ld_page(SCRATCH + 0x5000, S1_RAM | LD_AP(1) | LD_NG);
    sync_tables();
}

static u32 short_tests(u32 arg)
{
    (void)arg;
    write_dacr(1);
    write_ttbcr(0);
    write_contextidr(5);
    write_ttbr0((u32)l1);
    ISB();
    TLBIALL();
    write_sctlr(read_sctlr() | 1);
    ISB();
    printf("short descriptors, ASID 5\n");
    set_l2(l2, 0, pg(1, 0)); TLBIMVA(VA | 5); show("global, TLBIMVA", VA);
    set_l2(l2, 0, pg(2, 0)); TLBIMVA(VA | 9); show("global, TLBIMVA other ASID", VA);
    set_l2(l2, 0, pg(3, 0)); TLBIMVAA(VA); show("global, TLBIMVAA", VA);
    set_l2(l2, 0, pg(4, 0)); TLBIALL(); show("global, TLBIALL", VA);
    set_l2(l2, 0, pg(5, 1)); TLBIMVA(VA | 5); show("nG, TLBIMVA", VA);
    set_l2(l2, 0, pg(6, 1)); TLBIASID(5); show("nG, TLBIASID", VA);
    set_l2(l2, 0, pg(7, 1)); TLBIMVAA(VA); show("nG, TLBIMVAA", VA);
    set_l2(l2, 0, pg(8, 1)); TLBIALL(); show("nG, TLBIALL", VA);
    set_l2(l2, 1, pg(9, 0)); TLBIMVA(VA | 5); show("second page", VA + 0x1000); show("first page", VA);
    printf("ASID switch with its own tables\n");
    set_l2(l2b, 0, pg(10, 1));
    TLBIALL();
    write_contextidr(6);
    ISB();
    l1[VA >> 20] = sd_pagetable((u32)l2b, 0);
    sync_tables();
    TLBIMVAA(VA);
    show("asid 6 (l2b)", VA);
    set_l2(l2b, 0, pg(11, 1)); TLBIASID(6); show("asid 6, TLBIASID", VA);
    write_contextidr(5);
    l1[VA >> 20] = sd_pagetable((u32)l2, 0);
    sync_tables();
    TLBIMVAA(VA);
    show("asid 5 (l2)", VA);
    write_sctlr(read_sctlr() & ~1u);
    ISB();
    return 0;
}

static u32 long_tests(u32 arg)
{
    (void)arg;
    write_prrr(0x000004ffu);
    write_nmrr(0);
    write_ttbcr(1u << 31);
    write_ttbr0_64(((u64)7 << 48) | (u32)ll1);
    write_ttbr1_64(((u64)5 << 48));
    ISB();
    TLBIALL();
    write_sctlr(read_sctlr() | 1);
    ISB();
    printf("long descriptors, TTBR0.ASID 7, TTBR1.ASID 5\n");
    show("nG", VA);
    ll3[0] = ld_page(SCRATCH + 0x2000, S1_RAM | LD_AP(1) | LD_NG); sync_tables();
    TLBIASID(7); show("A1=0, TLBIASID(7)", VA);
    write_ttbcr((1u << 31) | (1u << 22));
    ISB();
    TLBIALL();
    show("A1=1", VA);
    ll3[0] = ld_page(SCRATCH + 0x3000, S1_RAM | LD_AP(1) | LD_NG); sync_tables();
    TLBIASID(5); show("A1=1, TLBIASID(5)", VA);
    ll3[0] = ld_page(SCRATCH + 0x4000, S1_RAM | LD_AP(1) | LD_NG); sync_tables();
    TLBIMVA(VA | 5); show("A1=1, TLBIMVA(va|5)", VA);
    printf("  ttbcr=%08x\n", read_ttbcr());
    write_ttbcr(1u << 31);
    ISB();
    TLBIALL();
    printf("TTBR0 switch with a new ASID\n");
    ll2[0] = ld_table((u32)ll3b, 0);  /* only reachable after the TLB forgets ASID 7 */
    sync_tables();
    write_ttbr0_64(((u64)8 << 48) | (u32)ll1);
    ISB();
    show("asid 8", VA);
    ll2[0] = ld_table((u32)ll3, 0);
    sync_tables();
    TLBIALL(); /* a table descriptor changed: not an ASID-tagged entry */
    show("asid 8 after TLBIALL", VA);
    write_sctlr(read_sctlr() & ~1u);
    ISB();
    return 0;
}

static u32 s2_tests(u32 arg)
{
    (void)arg;
    show("vmid", RAM_PA + 0x1000);
    return 0;
}

static void hyp_stage1_tests(void)
{
    h_l1[0] = ld_table((u32)h_l2, 0);
    h_l1[1] = ld_block(RAM_PA, S1_RAM);
    h_l1[2] = ld_table((u32)h_l2, 0);
    h_l2[UART_PA >> 21] = ld_block(UART_PA, LD_IDX(1) | LD_AF | LD_XN);
    h_l2[0] = ld_table((u32)h_l3, 0);
    h_l3[0] = ld_page(SCRATCH + 0x1000, S1_RAM);
    sync_tables();
    write_hmair0(0x000004ffu);
    write_htcr(0x80003500);
    write_httbr((u32)h_l1);
    ISB();
    TLBIALLH();
    write_hsctlr(read_hsctlr() | 1);
    ISB();
    printf("hyp stage 1\n");
    show("hyp", VA);
    h_l3[0] = ld_page(SCRATCH + 0x2000, S1_RAM); sync_tables();
    TLBIMVAH(VA); show("TLBIMVAH", VA);
    h_l3[0] = ld_page(SCRATCH + 0x3000, S1_RAM); sync_tables();
    TLBIALLH(); show("TLBIALLH", VA);
    write_hsctlr(read_hsctlr() & ~1u);
    ISB();
    TLBIALLH();
}

int main(void)
{
    fill_scratch();
    build();
    call_pl1(short_tests, 0, SPSR_SVC);
    call_pl1(long_tests, 0, SPSR_SVC);
    printf("stage 2 by VMID (stage 1 off)\n");
    write_vtcr(VTCR_32);
    write_vttbr(((u64)1 << 48) | (u32)s2_l1);
    write_hcr(1);
    ISB();
    TLBIALLNSNH();
    call_pl1(s2_tests, 0, SPSR_SVC);
    write_vttbr(((u64)2 << 48) | (u32)s2b_l1);
    ISB();
    call_pl1(s2_tests, 0, SPSR_SVC);
    write_vttbr(((u64)1 << 48) | (u32)s2_l1);
    ISB();
    call_pl1(s2_tests, 0, SPSR_SVC);
    s2_l3[1] = ld_page(RAM_PA + 0xa000, S2_NORMAL);
    sync_tables();
    TLBIALLNSNH();
    call_pl1(s2_tests, 0, SPSR_SVC);
    s2_l3[1] = ld_page(RAM_PA + 0xb000, S2_NORMAL);
    sync_tables();
    MCR(p15, 0, c8, c7, 0, 0); /* TLBIALL in Hyp: the current VMID (1) */
    DSB(); ISB();
    call_pl1(s2_tests, 0, SPSR_SVC);
    write_hcr(0);
    ISB();
    hyp_stage1_tests();
    return 0;
}
