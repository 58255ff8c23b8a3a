/*
 * stage2.c - the two translation regimes the hypervisor owns: its own Hyp stage 1 (HTTBR) and
 * the guest's stage 2 (VTTBR). Both use the long-descriptor format (ARM ARM B3.6, B3.6.5).
 */
#include "hyp.h"
#include "sysreg.h"

typedef u64 pte_t;

/* Long-descriptor bits (B3.6.1-B3.6.2). */
#define PTE_VALID      1ull
#define PTE_TABLE      3ull             /* level 1/2: next-level table; level 3: page */
#define PTE_BLOCK      1ull
#define PTE_AF         (1ull << 10)     /* access flag: 0 would fault on first use */
#define PTE_SH_INNER   (3ull << 8)
#define PTE_XN         (1ull << 54)
/* Stage 2 only: S2AP (HAP) read/write, and MemAttr[3:0] (B3.6.2 Table B3-11). */
#define S2_RW          (3ull << 6)
#define S2_NORMAL_WB   (0xfull << 2)
#define S2_DEVICE      (0x1ull << 2)
/* Hyp stage 1: AttrIndx selects an HMAIR0 byte. */
#define S1_ATTR(n)     ((u64)(n) << 2)

/* Hyp stage 1: four 1 GiB level-1 entries cover the 32-bit VA space (HTCR.T0SZ = 0). */
static pte_t hyp_l1[4] __attribute__((aligned(32)));

/* Stage 2: a 32-bit IPA space starting at level 1 (VTCR.SL0 = 1): 4 entries, 32-byte aligned. */
static pte_t s2_l1[4] __attribute__((aligned(32)));
static pte_t s2_l2_dev[512] __attribute__((aligned(4096)));   /* IPA 0x00000000-0x3fffffff */
static pte_t s2_l2_ram[512] __attribute__((aligned(4096)));   /* IPA 0x40000000-0x7fffffff */
static pte_t s2_l3_gic[512] __attribute__((aligned(4096)));   /* IPA 0x08000000-0x081fffff */
static pte_t s2_l3_uart[512] __attribute__((aligned(4096)));  /* IPA 0x09000000-0x091fffff */

void stage1_hyp_init(void)
{
    /* HMAIR0: Attr0 = Device-nGnRE (0x04), Attr1 = Normal write-back (0xff). */
    write_hmair0(0x0000ff04u);
    hyp_l1[0] = 0x00000000ull | PTE_BLOCK | PTE_AF | S1_ATTR(0) | PTE_XN;          /* devices */
    hyp_l1[1] = 0x40000000ull | PTE_BLOCK | PTE_AF | PTE_SH_INNER | S1_ATTR(1);     /* RAM */
    /* HTCR: T0SZ = 0, walks inner/outer write-back, inner shareable; bits 31 and 23 are RES1. */
    write_htcr((1u << 31) | (1u << 23) | (3u << 12) | (1u << 10) | (1u << 8));
    write_httbr((u32)hyp_l1);
    dsb();
    write_tlbiallh(0);
    dsb();
    isb();
    write_hsctlr(read_hsctlr() | 1u | (1u << 2) | (1u << 12));                    /* M, C, I */
    isb();
}

static void map_page(pte_t *l3, u32 ipa, u32 pa, u64 attrs)
{
    l3[(ipa >> 12) & 511] = (u64)pa | PTE_TABLE | PTE_AF | attrs;
}

void stage2_init(void)
{
    /* Guest RAM: IPA 0x40000000.. backed by PA 0x41000000.., two 2 MiB blocks. */
    for (u32 off = 0; off < GUEST_RAM_SIZE; off += 0x200000)
        s2_l2_ram[((GUEST_RAM_IPA + off) >> 21) & 511] =
            (u64)(GUEST_RAM_PA + off) | PTE_BLOCK | PTE_AF | PTE_SH_INNER | S2_RW | S2_NORMAL_WB;

    /* The guest's GIC CPU interface is really the virtual CPU interface GICV (two pages: the
       second holds GICC_DIR). The distributor stays unmapped: this guest must not touch it. */
    map_page(s2_l3_gic, GUEST_GICC_IPA, GICV_PA, S2_RW | S2_DEVICE | PTE_XN);
    map_page(s2_l3_gic, GUEST_GICC_IPA + 0x1000, GICV_PA + 0x1000, S2_RW | S2_DEVICE | PTE_XN);
    /* The UART is passed through: the guest drives the real device. */
    map_page(s2_l3_uart, GUEST_UART_IPA, UART_PA, S2_RW | S2_DEVICE | PTE_XN);
    /* VDEV_IPA is deliberately left out: every access to it faults to us (hyp/mmio.c). */

    s2_l2_dev[(GUEST_GICC_IPA >> 21) & 511] = (u32)s2_l3_gic | PTE_TABLE;
    s2_l2_dev[(GUEST_UART_IPA >> 21) & 511] = (u32)s2_l3_uart | PTE_TABLE;
    s2_l1[0] = (u32)s2_l2_dev | PTE_TABLE;
    s2_l1[1] = (u32)s2_l2_ram | PTE_TABLE;

    /* VTCR: T0SZ = 0 (32-bit IPA), SL0 = 1 (start at level 1), write-back inner-shareable walks. */
    write_vtcr((1u << 31) | (3u << 12) | (1u << 10) | (1u << 8) | (1u << 6));
    /* VTTBR: VMID 1 in bits [55:48], table base in the low bits. */
    write_vttbr(((u64)1 << 48) | (u32)s2_l1);
    dsb();
    write_tlbiallnsnh(0);               /* no stale stage-1+2 entries for any VMID */
    dsb();
    isb();
}

/*
 * Translate a guest virtual address through the guest's stage 1 and our stage 2 with ATS12NSOPR
 * (B4.2.6); the result lands in PAR, which we read as 64 bits to cover both formats.
 */
u32 guest_va_to_pa(u32 va, int *ok)
{
    write_ats12nsopr(va & ~0xfffu);
    isb();
    u64 par = read_par64();
    u32 lo = (u32)par;
    *ok = !(lo & 1);                    /* PAR.F: the translation faulted */
    if (!*ok) return 0;
    return (lo & 0xfffff000u) | (va & 0xfff);
}
