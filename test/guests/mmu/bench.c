/*
 * MMU benchmark: the same workload (a checksum over 4 MiB touched in 4 KiB strides plus a hot
 * loop) with both stages on (LPAE stage 1 with 4 KiB pages over stage 2 with 4 KiB pages), or,
 * built as bench_off.c (MMU_OFF), with every translation off. Compare wall time of the two runs.
 */
#include "_mmu.h"

static u64 s2_l1[4] ALIGNED(4096);
static u64 s2_l2[512] ALIGNED(4096);
static u64 s2_l3[64][512] ALIGNED(4096);
static u64 s1_l1[4] ALIGNED(4096);
static u64 s1_l2[512] ALIGNED(4096);
static u64 s1_l3[64][512] ALIGNED(4096);

static __attribute__((unused)) void build(void)
{
    s2_l1[0] = ld_table((u32)s2_l2, 0);  /* IPA 0-1 GB: UART */
    s2_l1[1] = ld_table((u32)s2_l2 + 0, 0);
    s1_l1[0] = ld_table((u32)s1_l2, 0);
    s1_l1[1] = ld_table((u32)s1_l2, 0);
    for (u32 i = 0; i < 64; i++) {
        s2_l2[i] = ld_table((u32)s2_l3[i], 0);
        s1_l2[i] = ld_table((u32)s1_l3[i], 0);
        for (u32 j = 0; j < 512; j++) {
            u32 pa = RAM_PA + (i << 21) + (j << 12);
            s2_l3[i][j] = ld_page(pa, S2_NORMAL);
            s1_l3[i][j] = ld_page(pa, LD_IDX(0) | LD_SH_IN | LD_AF);
        }
    }
    s2_l2[UART_PA >> 21] = ld_block(UART_PA, S2_DEVICE);
    s1_l2[UART_PA >> 21] = ld_block(UART_PA, LD_IDX(1) | LD_AF | LD_XN);
    sync_tables();
}

static u32 work(u32 arg)
{
    (void)arg;
#ifndef MMU_OFF
    write_prrr(0x000004ffu);
    write_ttbcr(1u << 31);
    write_ttbr0_64((u32)s1_l1);
    ISB();
    write_sctlr(read_sctlr() | 1);
    ISB();
#endif
    volatile u32 *buf = (volatile u32 *)0x44000000u;
    u32 sum = 0;
    for (u32 round = 0; round < 200; round++) {
        for (u32 off = 0; off < (4u << 20); off += 4096) sum += buf[off / 4] + round;
        for (u32 i = 0; i < 20000; i++) sum = sum * 31 + i;
    }
    return sum;
}

int main(void)
{
#ifndef MMU_OFF
    build();
    write_vtcr(0x80003540u);
    write_vttbr(((u64)1 << 48) | (u32)s2_l1);
    write_hcr(1);
    ISB();
    TLBIALLNSNH();
#endif
    printf("checksum %08x\n", call_pl1(work, 0, SPSR_SVC));
    return 0;
}
