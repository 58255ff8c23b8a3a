/*
 * Short-descriptor memory attributes (B3.8.2 TEX/C/B, B3.8.3 TEX remap with PRRR/NMRR) as ATS1CPR
 * executed in Hyp mode reports them (64-bit PAR.ATTR/SH), combined with stage 2 through ATS12NSOPR
 * (B3.8.6); TTBCR write masks for both formats (B4.1.153); short-format alignment faults.
 */
#include "_mmu.h"

static u32 l1[4096] ALIGNED(16384);
static u64 s2_l1[4] ALIGNED(4096);
static u64 s2_l2[512] ALIGNED(4096);

#define RAM_ATTR (SEC_TEXCB(1, 1, 1) | SEC_AP(1))
#define SEC_S    (1u << 16)
#define VTCR_32  ((1u << 31) | (1u << 6) | (3u << 12) | (1u << 10) | (1u << 8))

static void build(void)
{
    for (u32 i = 0; i < 4096; i++) l1[i] = 0;
    for (u32 i = 0; i < 128; i++) l1[(RAM_PA >> 20) + i] = sd_section(RAM_PA + (i << 20), RAM_ATTR);
    l1[UART_PA >> 20] = sd_section(UART_PA, SEC_TEXCB(0, 0, 1) | SEC_AP(1) | SEC_XN);
    /* VA 0x8i00_0000 + (s << 20): TEX[2:0]:C:B = i, S = s */
    for (u32 i = 0; i < 32; i++)
        for (u32 s = 0; s < 2; s++)
            l1[0x800 + i * 16 + s] = sd_section(SCRATCH, SEC_TEXCB(i >> 2, (i >> 1) & 1, i & 1) | SEC_AP(3) | (s ? SEC_S : 0));
    s2_l1[0] = ld_table((u32)s2_l2, 0);
    s2_l1[1] = ld_block(RAM_PA, S2_NORMAL);
    s2_l2[UART_PA >> 21] = ld_block(UART_PA, S2_DEVICE);
    sync_tables();
}

static u32 enable(u32 arg)
{
    write_dacr(1);
    write_ttbcr(0);
    write_ttbr0((u32)l1);
    ISB();
    write_sctlr((read_sctlr() | 1) | arg);
    ISB();
    return 0;
}

static u32 disable(u32 arg)
{
    (void)arg;
    write_sctlr(read_sctlr() & ~1u & ~(1u << 28) & ~2u);
    ISB();
    TLBIALL();
    return 0;
}

static void sweep(const char *title)
{
    printf("%s\n", title);
    for (u32 i = 0; i < 32; i++) {
        for (u32 s = 0; s < 2; s++) {
            u32 va = 0x80000000u + (i << 24) + (s << 20);
            ATS(0, 0, va);
            ISB();
            u64 p = MRRC(p15, 0, c7);
            printf("  tex:c:b=%02x s=%u par=%08x%08x\n", i, s, (u32)(p >> 32), (u32)p);
        }
    }
}

static u32 align_tests(u32 arg)
{
    (void)arg;
    probe_r("dev-unaligned", 0x80100011 + (1u << 24));    /* TEX 000 C0 B1: Shareable Device */
    probe_r("so-unaligned", 0x80000011);                   /* Strongly-ordered */
    probe_r("normal-unaligned", 0x83000011);
    write_sctlr(read_sctlr() | 2);
    ISB();
    probe_r("a1-unaligned", 0x83000011); probe_w("a1-unaligned", 0x83000012, 1);
    probe_r("a1-unaligned-unmapped", 0xf0000011);
    return nfaults;
}

int main(void)
{
    fill_scratch();
    build();
    printf("ttbcr masks\n");
    write_ttbcr(0x7fffffffu); printf("  eae=0 wrote 7fffffff read %08x\n", read_ttbcr());
    write_ttbcr(0xffffffffu); printf("  eae=1 wrote ffffffff read %08x\n", read_ttbcr());
    write_ttbcr(0x00000037u); printf("  eae=0 wrote 00000037 read %08x\n", read_ttbcr());
    write_ttbcr(0);
    call_pl1(enable, 0, SPSR_SVC);
    sweep("tex remap off");
    write_prrr(0xff0a81a8u);   /* n0 SO, n1 Device, n2 Normal, n3 Normal, ..., DS0 DS1 NS0 NS1, NOS */
    write_nmrr(0xe4a0e41bu);
    call_pl1(enable, 1u << 28, SPSR_SVC);
    TLBIALL();
    sweep("tex remap on");
    write_prrr(0x000a4a28u);
    write_nmrr(0x51ee00ffu);
    TLBIALL();
    sweep("tex remap on, other PRRR/NMRR");
    printf("with stage 2\n");
    write_vtcr(VTCR_32);
    write_vttbr(((u64)1 << 48) | (u32)s2_l1);
    write_hcr(1);
    ISB();
    TLBIALLNSNH();
    for (u32 i = 0; i < 8; i++) {
        ATS12NSOPR(0x80000010u + (i << 24));
        ATS12NSOPR(0x80100010u + (i << 24));
    }
    write_hcr(0);
    ISB();
    TLBIALLNSNH();
    call_pl1(disable, 0, SPSR_SVC);
    call_pl1(enable, 0, SPSR_SVC);
    printf("alignment (short format)\n");
    u32 n = call_pl1(align_tests, 0, SPSR_SVC);
    call_pl1(disable, 0, SPSR_SVC);
    printf("faults: %u\n", n);
    return 0;
}
