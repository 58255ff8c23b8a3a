/*
 * Shared helpers for the VE probe guests: run one instruction at PL1 (SVC) or in Hyp under
 * given HCR/HSTR/HCPTR/HDCR settings and print which exception it raised (mode, vector, HSR).
 */
#ifndef VE_PROBE_H
#define VE_PROBE_H
#include "guest.h"

GUEST_BOOT_HYP;

static volatile u32 seen;

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    u32 ec = f->hsr >> 26;
    printf("  hyp %s hsr=%08x ec=%02x spsr=%s\n", hyp_exc_name(kind), f->hsr, ec, mode_name(f->spsr));
    seen++;
    if (kind == EXC_IRQ || kind == EXC_FIQ) {
        /* level-triggered virtual lines are cleared by the caller */
        return;
    }
    if (ec == 0x12 && (f->hsr & 0xffff) == 2 && kind == EXC_HYPTRAP) {
        write_hcr(read_hcr() & ~0xc0u); /* drop HCR.VI/VF */
        return;
    }
    if (!(ec == 0x12 || ec == 0x11) || kind == EXC_UND)
        f->elr += (f->spsr & PSR_T) ? 2 : 4;
}

void exc_handler(u32 kind, struct exc_frame *f)
{
    printf("  pl1 %s in %s from %s", exc_name(kind), mode_name(read_cpsr()), mode_name(f->spsr));
    if (kind == EXC_PABT)
        printf(" ifsr=%08x", read_ifsr());
    if (kind == EXC_DABT)
        printf(" dfsr=%08x dfar=%08x", read_dfsr(), read_dfar());
    printf("\n");
    seen++;
    if (kind == EXC_IRQ || kind == EXC_FIQ) {
        /* virtual interrupt: tell Hyp to drop the line via HVC #2 */
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

/* Run fn at PL1 (SVC) with configuration c and report what happened. */
static void at_pl1(const char *what, u32 (*fn)(u32), const struct cfg *c)
{
    printf("%s @svc hcr=%08x hstr=%08x hcptr=%08x hdcr=%08x\n", what, c->hcr, c->hstr, c->hcptr, c->hdcr);
    seen = 0;
    set_cfg(c);
    u32 r = call_pl1(fn, 0, SPSR_SVC);
    clear_cfg();
    printf("  done r0=%08x n=%u\n", r, seen);
}

/* Run fn in Hyp mode with configuration c. */
static void at_hyp(const char *what, u32 (*fn)(u32), const struct cfg *c)
{
    printf("%s @hyp hcr=%08x hstr=%08x hcptr=%08x\n", what, c->hcr, c->hstr, c->hcptr);
    seen = 0;
    set_cfg(c);
    u32 r = fn(0);
    clear_cfg();
    printf("  done r0=%08x n=%u\n", r, seen);
}

#define INSN_FN(name, text)                                                   \
    static u32 name(u32 a)                                                    \
    {                                                                         \
        register u32 r0_ __asm__("r0") = a;                                   \
        __asm__ volatile(".fpu neon-vfpv4\n" text : "+r"(r0_) : : "r1", "r2", "memory"); \
        return r0_;                                                           \
    }

#endif
