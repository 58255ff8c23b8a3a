/*
 * Shared helpers for the MMU guests: probes that read/write/execute one address and report the
 * fault the access raised (PL1 DFSR/IFSR or Hyp HSR/HPFAR), page-table builders, ATS + PAR.
 * Every guest boots in Hyp; PL1 code runs through call_pl1() in SVC mode.
 */
#ifndef MMU_H
#define MMU_H
#include "guest.h"

GUEST_BOOT_HYP;

#define RAM_PA      0x40000000u
#define SCRATCH     0x40000000u   /* 64 KiB of zeroed RAM below the image (link.ld) */
#define UART_PA     0x09000000u
#define BX_LR       0xe12fff1eu
#define MOV_R0_1    0xe3a00001u
#define NOVAL       0xdeadbeefu

static volatile u32 nfaults;

/* Fill scratch page k (PA 0x40000000 + k * 4 KiB) with words 0x0k000000 + word index, and a
 * "mov r0, #1; bx lr" at offset 0x800 so that execute probes can run there. */
static __attribute__((unused)) void fill_scratch(void)
{
    for (u32 k = 0; k < 16; k++) {
        volatile u32 *p = (volatile u32 *)(SCRATCH + k * 0x1000);
        for (u32 i = 0; i < 1024; i++)
            p[i] = (k << 24) | i;
        p[0x200] = MOV_R0_1;
        p[0x201] = BX_LR;
    }
    DSB();
}

void exc_handler(u32 kind, struct exc_frame *f)
{
    nfaults++;
    if (kind == EXC_DABT) {
        printf("    pl1 dabt dfsr=%08x dfar=%08x\n", read_dfsr(), read_dfar());
    } else if (kind == EXC_PABT) {
        printf("    pl1 pabt ifsr=%08x ifar=%08x\n", read_ifsr(), read_ifar());
        f->ret = f->r[5];
    } else {
        printf("UNEXPECTED pl1 %s\n", exc_name(kind));
        semihost_exit(0xe0 + kind);
    }
}

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    u32 ec = f->hsr >> 26;
    nfaults++;
    if (ec == 0x24 || ec == 0x25) {
        printf("    hyp dabt hsr=%08x hdfar=%08x hpfar=%08x\n", f->hsr, read_hdfar(), read_hpfar());
        f->elr += 4;
    } else if (ec == 0x20 || ec == 0x21) {
        printf("    hyp pabt hsr=%08x hifar=%08x hpfar=%08x\n", f->hsr, read_hifar(), read_hpfar());
        f->elr = f->r[5];
    } else {
        printf("UNEXPECTED hyp %s hsr=%08x elr=%08x\n", hyp_exc_name(kind), f->hsr, f->elr);
        semihost_exit(0xe8 + kind);
    }
}

static __attribute__((unused)) NOINLINE u32 rd(u32 va)
{
    u32 v = NOVAL;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static __attribute__((unused)) NOINLINE void wr(u32 va, u32 v)
{
    __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(va) : "memory");
}

/* Branch to va (expects "mov r0, #1; bx lr" there); returns 1 if it ran, 0 after a prefetch abort. */
static __attribute__((unused)) NOINLINE u32 ex(u32 va)
{
    register u32 r0 __asm__("r0") = 0;
    register u32 r4 __asm__("r4") = va;
    __asm__ volatile("adr r5, 1f\n\tblx r4\n1:" : "+r"(r0) : "r"(r4) : "r5", "lr", "memory");
    return r0;
}

static __attribute__((unused)) void probe_r(const char *what, u32 va)
{
    u32 n = nfaults;
    u32 v = rd(va);
    if (nfaults == n) printf("  R %s %08x = %08x\n", what, va, v);
    else printf("  R %s %08x faulted\n", what, va);
}

static __attribute__((unused)) void probe_w(const char *what, u32 va, u32 v)
{
    u32 n = nfaults;
    wr(va, v);
    printf("  W %s %08x %s\n", what, va, nfaults == n ? "ok" : "faulted");
}

static __attribute__((unused)) void probe_x(const char *what, u32 va)
{
    u32 n = nfaults;
    u32 r = ex(va);
    printf("  X %s %08x %s r0=%u\n", what, va, nfaults == n ? "ok" : "faulted", r);
}

/* User-mode (unprivileged) accesses via LDRT/STRT. */
static __attribute__((unused)) NOINLINE u32 rdt(u32 va)
{
    u32 v = NOVAL;
    __asm__ volatile("ldrt %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static __attribute__((unused)) NOINLINE void wrt(u32 va, u32 v)
{
    __asm__ volatile("strt %0, [%1]" : : "r"(v), "r"(va) : "memory");
}

static __attribute__((unused)) void probe_rt(const char *what, u32 va)
{
    u32 n = nfaults;
    u32 v = rdt(va);
    if (nfaults == n) printf("  RT %s %08x = %08x\n", what, va, v);
    else printf("  RT %s %08x faulted\n", what, va);
}

static __attribute__((unused)) void probe_wt(const char *what, u32 va, u32 v)
{
    u32 n = nfaults;
    wrt(va, v);
    printf("  WT %s %08x %s\n", what, va, nfaults == n ? "ok" : "faulted");
}

/* Address translation operations; PAR read back as 64 bits (MRRC) and as 32 bits (MRC). */
#define ATS(op1, opc2, va) MCR(p15, op1, c7, c8, opc2, va)
static __attribute__((unused)) void show_par(const char *what, u32 va)
{
    ISB();
    u64 p = MRRC(p15, 0, c7);
    u32 p32 = MRC(p15, 0, c7, c4, 0);
    printf("  %s %08x par=%08x%08x par32=%08x\n", what, va, (u32)(p >> 32), (u32)p, p32);
}
#define ATS1CPR(va)    do { ATS(0, 0, va); show_par("ATS1CPR", va); } while (0)
#define ATS1CPW(va)    do { ATS(0, 1, va); show_par("ATS1CPW", va); } while (0)
#define ATS1CUR(va)    do { ATS(0, 2, va); show_par("ATS1CUR", va); } while (0)
#define ATS1CUW(va)    do { ATS(0, 3, va); show_par("ATS1CUW", va); } while (0)
#define ATS12NSOPR(va) do { ATS(0, 4, va); show_par("ATS12NSOPR", va); } while (0)
#define ATS12NSOPW(va) do { ATS(0, 5, va); show_par("ATS12NSOPW", va); } while (0)
#define ATS12NSOUR(va) do { ATS(0, 6, va); show_par("ATS12NSOUR", va); } while (0)
#define ATS12NSOUW(va) do { ATS(0, 7, va); show_par("ATS12NSOUW", va); } while (0)
#define ATS1HR(va)     do { ATS(4, 0, va); show_par("ATS1HR", va); } while (0)
#define ATS1HW(va)     do { ATS(4, 1, va); show_par("ATS1HW", va); } while (0)

/* TLB maintenance */
#define TLBIALL()        do { MCR(p15, 0, c8, c7, 0, 0); DSB(); ISB(); } while (0)
#define TLBIMVA(v)       do { MCR(p15, 0, c8, c7, 1, v); DSB(); ISB(); } while (0)
#define TLBIASID(a)      do { MCR(p15, 0, c8, c7, 2, a); DSB(); ISB(); } while (0)
#define TLBIMVAA(v)      do { MCR(p15, 0, c8, c7, 3, v); DSB(); ISB(); } while (0)
#define TLBIALLH()       do { MCR(p15, 4, c8, c7, 0, 0); DSB(); ISB(); } while (0)
#define TLBIMVAH(v)      do { MCR(p15, 4, c8, c7, 1, v); DSB(); ISB(); } while (0)
#define TLBIALLNSNH()    do { MCR(p15, 4, c8, c7, 4, 0); DSB(); ISB(); } while (0)

#define write_contextidr(v) MCR(p15, 0, c13, c0, 1, v)
#define write_ttbr1(v)      MCR(p15, 0, c2, c0, 1, v)
#define write_prrr(v)       MCR(p15, 0, c10, c2, 0, v)
#define write_nmrr(v)       MCR(p15, 0, c10, c2, 1, v)
#define write_hmair0(v)     MCR(p15, 4, c10, c2, 0, v)
#define write_ttbr0_64(v)   MCRR(p15, 0, c2, v)
#define write_ttbr1_64(v)   MCRR(p15, 1, c2, v)

/* ---- short-descriptor builders (B3.5.1) ---- */
#define SEC_AP(ap)   ((((ap) & 3) << 10) | (((ap) >> 2) << 15))
#define SEC_DOM(d)   ((d) << 5)
#define SEC_XN       (1u << 4)
#define SEC_PXN      (1u << 0)
#define SEC_NG       (1u << 17)
#define SEC_TEXCB(tex, c, b) (((tex) << 12) | ((c) << 3) | ((b) << 2))
static inline u32 sd_section(u32 pa, u32 attrs) { return (pa & 0xfff00000u) | attrs | 2; }
static inline u32 sd_supersection(u32 pa, u32 attrs) { return (pa & 0xff000000u) | attrs | (1u << 18) | 2; }
static inline u32 sd_pagetable(u32 pa, u32 dom) { return (pa & 0xfffffc00u) | (dom << 5) | 1; }
#define PG_AP(ap)    ((((ap) & 3) << 4) | (((ap) >> 2) << 9))
#define PG_NG        (1u << 11)
static inline u32 sd_small(u32 pa, u32 attrs, u32 xn) { return (pa & 0xfffff000u) | attrs | 2 | (xn ? 1 : 0); }
static inline u32 sd_large(u32 pa, u32 attrs, u32 xn) { return (pa & 0xffff0000u) | attrs | 1 | (xn ? (1u << 15) : 0); }

/* ---- long-descriptor builders (B3.6.1) ---- */
#define LD_AF        (1ull << 10)
#define LD_NG        (1ull << 11)
#define LD_SH_IN     (3ull << 8)
#define LD_AP(ap)    ((u64)((ap) & 3) << 6)
#define LD_IDX(i)    ((u64)(i) << 2)
#define LD_PXN       (1ull << 53)
#define LD_XN        (1ull << 54)
#define LD_PXNT      (1ull << 59)
#define LD_XNT       (1ull << 60)
#define LD_APT(a)    ((u64)(a) << 61)
static inline u64 ld_block(u64 pa, u64 attrs) { return pa | attrs | 1; }
static inline u64 ld_table(u64 pa, u64 attrs) { return pa | attrs | 3; }
static inline u64 ld_page(u64 pa, u64 attrs) { return pa | attrs | 3; }
/* stage 2: MemAttr[5:2], HAP[7:6], SH[9:8], AF[10], XN[54] */
#define S2_MEM(m)    ((u64)(m) << 2)
#define S2_HAP(h)    ((u64)(h) << 6)
#define S2_NORMAL    (S2_MEM(0xf) | S2_HAP(3) | LD_SH_IN | LD_AF)
#define S2_DEVICE    (S2_MEM(0x1) | S2_HAP(3) | LD_AF)

static __attribute__((unused)) void sync_tables(void) { DSB(); ISB(); }

#endif
