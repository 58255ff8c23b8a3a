/*
 * Shared helpers for the VE trap guests (tvm, tge, eret, smc.thumb): run code at PL0 (User), PL1
 * (SVC) or Hyp under given HCR/HSTR/HCPTR/HDCR and print what a hypervisor reads on each entry
 * (HSR, ELR_hyp, SPSR_hyp, HDFAR/HIFAR/HPFAR) or what the PL1 handler sees.
 */
#ifndef VE_HV_H
#define VE_HV_H
#include "guest.h"

GUEST_BOOT_HYP;

/* r12 value marking the SVC that ends a User-mode probe (see USER_FN). */
#define END_MAGIC 0xe11du
#define SPSR_USR 0x1d0u

static volatile u32 seen;

/* Returns to call_pl1's caller from any PL1 mode: crt0 catches HVC #0xffff. */
__attribute__((naked)) static void end_tramp(void)
{
    __asm__ volatile("hvc #0xffff");
}

static u32 tramp_spsr(void)
{
    return ((u32)end_tramp & 1) ? (SPSR_SVC | PSR_T) : SPSR_SVC;
}

/* Length of the instruction at a (T32: 2 or 4 bytes from its first halfword). */
static u32 insn_len(u32 a, u32 spsr)
{
    if (!(spsr & PSR_T))
        return 4;
    u32 h = *(volatile unsigned short *)a;
    return (h >> 11) >= 0x1d ? 4 : 2;
}

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    u32 ec = f->hsr >> 26;
    printf("  hyp %s hsr=%08x elr=%08x spsr=%08x(%s)", hyp_exc_name(kind), f->hsr, f->elr, f->spsr, mode_name(f->spsr));
    if (ec == 0x20 || ec == 0x21)
        printf(" hifar=%08x hpfar=%08x", read_hifar(), read_hpfar());
    if (ec == 0x24 || ec == 0x25)
        printf(" hdfar=%08x hpfar=%08x", read_hdfar(), read_hpfar());
    printf("\n");
    seen++;
    if (kind == EXC_IRQ || kind == EXC_FIQ)
        return;
    if (ec == 0x11 && f->r[12] == END_MAGIC) {
        /* end of a User probe routed here by HCR.TGE: leave via SVC mode */
        write_hcr(0);
        f->elr = (u32)end_tramp & ~1u;
        f->spsr = tramp_spsr();
        return;
    }
    if (ec == 0x12 && (f->hsr & 0xffff) == 2) {
        write_hcr(read_hcr() & ~0x1c0u); /* drop HCR.VI/VF/VA */
        return;
    }
    if (ec != 0x12 && ec != 0x11)
        f->elr += insn_len(f->elr, f->spsr);
}

void exc_handler(u32 kind, struct exc_frame *f)
{
    printf("  pl1 %s in %s from %s lr=%08x spsr=%08x", exc_name(kind), mode_name(read_cpsr()), mode_name(f->spsr), f->lr, f->spsr);
    if (kind == EXC_PABT)
        printf(" ifsr=%08x ifar=%08x", read_ifsr(), read_ifar());
    if (kind == EXC_DABT && (read_dfsr() & 0x40f) == 0x406)
        printf(" dfsr=%08x (async: dfar unknown)", read_dfsr());
    else if (kind == EXC_DABT)
        printf(" dfsr=%08x dfar=%08x", read_dfsr(), read_dfar());
    printf("\n");
    seen++;
    if (kind == EXC_SVC && f->r[12] == END_MAGIC) {
        f->ret = (u32)end_tramp & ~1u;
        f->spsr = tramp_spsr();
        return;
    }
    if (kind == EXC_IRQ || kind == EXC_FIQ || (kind == EXC_DABT && (read_dfsr() & 0x40f) == 0x406)) {
        /* virtual interrupt / abort: ask Hyp to drop HCR.VI/VF/VA */
        __asm__ volatile("hvc #2" ::: "memory");
    }
}

struct cfg { u32 hcr, hstr, hcptr, hdcr; };

static void set_cfg(const struct cfg *c)
{
    write_hcr(c->hcr);
    write_hstr(c->hstr);
    write_hcptr(c->hcptr);
    write_hdcr(c->hdcr);
    ISB();
}

static void clear_cfg(void)
{
    static const struct cfg z = { 0, 0, 0, 6 };
    set_cfg(&z);
}

static inline void run_at(const char *what, u32 (*fn)(u32), u32 spsr, const struct cfg *c)
{
    printf("%s @%s hcr=%08x hstr=%08x hcptr=%08x hdcr=%08x\n", what, mode_name(spsr), c->hcr, c->hstr, c->hcptr, c->hdcr);
    seen = 0;
    set_cfg(c);
    u32 r = call_pl1(fn, 0, spsr);
    clear_cfg();
    printf("  done r0=%08x n=%u\n", r, seen);
}

static inline void run_hyp(const char *what, u32 (*fn)(u32), const struct cfg *c)
{
    printf("%s @hyp hcr=%08x hstr=%08x hcptr=%08x hdcr=%08x\n", what, c->hcr, c->hstr, c->hcptr, c->hdcr);
    seen = 0;
    set_cfg(c);
    u32 r = fn(0);
    clear_cfg();
    printf("  done r0=%08x n=%u\n", r, seen);
}

/* A PL1 (or Hyp) probe: returns normally. r0 = 0 on entry. */
#define PL1_FN(name, text)                                                    \
    static u32 name(u32 a)                                                    \
    {                                                                         \
        register u32 r0_ __asm__("r0") = a;                                   \
        __asm__ volatile(".fpu neon-vfpv4\n" text : "+r"(r0_) : : "r1", "r2", "r3", "lr", "memory"); \
        return r0_;                                                           \
    }

/* A User-mode probe: ends with SVC #0 and r12 = END_MAGIC (User cannot HVC back). */
#define USER_FN(name, text)                                                   \
    __attribute__((naked)) static u32 name(u32 a)                             \
    {                                                                         \
        __asm__ volatile(".fpu neon-vfpv4\n" text "\n movw r12, #0xe11d\n svc #0\n"); \
    }

#define HCR_VF (1u << 6)
#define HCR_VI (1u << 7)
#define HCR_VA (1u << 8)
#define HCR_FMO (1u << 3)
#define HCR_IMO (1u << 4)
#define HCR_AMO (1u << 5)
#define HCR_TWI (1u << 13)
#define HCR_TWE (1u << 14)
#define HCR_TID0 (1u << 15)
#define HCR_TID2 (1u << 17)
#define HCR_TSC (1u << 19)
#define HCR_TAC (1u << 21)
#define HCR_TTLB (1u << 25)
#define HCR_TVM (1u << 26)
#define HCR_TGE (1u << 27)

#endif
