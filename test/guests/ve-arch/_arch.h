/*
 * Helpers for the ve-arch guests: run one naked probe at PL1 (SVC) under given HCR/HSTR/HCPTR/HDCR
 * and print exactly ONE line per probe, so that runs compare line by line (test/qemu/deviations.test.ts).
 *
 * Line format: "<name>: ok" when nothing was taken, else one " hyp hsr=XXXXXXXX at=+N" (Hyp Trap:
 * HSR and ELR_hyp as an offset from the probe's first instruction) or " pl1 und at=+N" (Undefined
 * Instruction at PL1: LR_und - 4) per exception, in order. Probes are naked A32 functions, so the
 * offsets follow from the source: instruction k (from 0) is at +4k.
 */
#ifndef VE_ARCH_H
#define VE_ARCH_H
#include "guest.h"

GUEST_BOOT_HYP;

#define MAX_EV 4
static volatile u32 n_ev;
static volatile u32 ev_kind[MAX_EV]; /* 1 = Hyp Trap, 2 = PL1 Undefined */
static volatile u32 ev_hsr[MAX_EV];
static volatile u32 ev_at[MAX_EV];
static volatile u32 probe_base;

static void record(u32 kind, u32 hsr, u32 addr)
{
    if (n_ev < MAX_EV) {
        ev_kind[n_ev] = kind;
        ev_hsr[n_ev] = hsr;
        ev_at[n_ev] = addr - probe_base;
    }
    n_ev++;
}

/* A trapped instruction (B1.14): ELR_hyp = the instruction; resume after it (A32 probes only). */
void hyp_handler(u32 kind, struct hyp_frame *f)
{
    record(1, f->hsr, f->elr);
    f->elr += 4;
}

/* Undefined Instruction at PL1: LR_und = instruction + 4 (B1.9.7); the frame resumes after it. */
void exc_handler(u32 kind, struct exc_frame *f)
{
    record(kind == EXC_UND ? 2 : 3, 0, f->lr - 4);
}

static void probe(const char *name, u32 (*fn)(u32), u32 hcr, u32 hstr, u32 hcptr, u32 hdcr)
{
    n_ev = 0;
    probe_base = (u32)fn;
    write_hcr(hcr);
    write_hstr(hstr);
    write_hcptr(hcptr);
    write_hdcr(hdcr);
    ISB();
    call_pl1(fn, 0, SPSR_SVC);
    write_hcr(0);
    write_hstr(0);
    write_hcptr(0);
    write_hdcr(6);
    ISB();
    printf("%s:", name);
    if (n_ev == 0)
        printf(" ok");
    for (u32 i = 0; i < n_ev && i < MAX_EV; i++) {
        if (ev_kind[i] == 1)
            printf(" hyp hsr=%08x at=+%u", ev_hsr[i], ev_at[i]);
        else
            printf(" pl1 %s at=+%u", ev_kind[i] == 2 ? "und" : "exc", ev_at[i]);
    }
    printf("\n");
}

/* A naked A32 probe: the instructions in `text`, then BX LR. r0 = 0 on entry. */
#define PROBE(name, text)                                                     \
    __attribute__((naked)) static u32 name(u32 a)                             \
    {                                                                         \
        __asm__ volatile(".fpu neon-vfpv4\n" text "\n bx lr");                \
    }

#define HCR_TID1 (1u << 16)
#define HCR_TID3 (1u << 18)
#define HCR_TIDCP (1u << 20)
#define HCR_TSW (1u << 22)
#define HCR_TPC (1u << 23)
#define HCR_TPU (1u << 24)
#define HCPTR_TCP10_11 (3u << 10)
#define HCPTR_TASE (1u << 15)
#define HCPTR_TCPAC (1u << 31)
#define HDCR_BASE 6u /* HPMN = 6 (reset value) */
#define HDCR_TPMCR (1u << 5)
#define HDCR_TDRA (1u << 11)

#endif
