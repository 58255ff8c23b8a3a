/*
 * Exception hooks.
 *
 * crt0 installs two vector tables:
 *   pl1_vectors  (VBAR)   every entry saves r0-r12, lr, SPSR and calls
 *                         exc_handler(kind, frame) in the exception's mode;
 *   hyp_vectors  (HVBAR)  every entry saves r0-r12, lr(usr), ELR_hyp,
 *                         SPSR_hyp, HSR and calls hyp_handler(kind, frame).
 * Both handlers are weak: the default prints "UNEXPECTED ..." and exits with
 * code 0xE0 + kind. A guest overrides them by defining the function.
 * On return, the stub restores registers from the frame (so a handler may
 * change them) and returns to frame->ret (PL1) / frame->elr (Hyp) with
 * CPSR = frame->spsr.
 *
 * A guest may also point VBAR/HVBAR at its own table (aligned to 32 bytes).
 */
#ifndef GUEST_EXC_H
#define GUEST_EXC_H

#include "types.h"

enum exc_kind {
    EXC_RESET = 0,
    EXC_UND = 1,
    EXC_SVC = 2,     /* Hyp table: HVC executed in Hyp mode */
    EXC_PABT = 3,
    EXC_DABT = 4,
    EXC_HYPTRAP = 5, /* Hyp table only: trap / HVC from guest / SVC in Hyp */
    EXC_IRQ = 6,
    EXC_FIQ = 7,
};

struct exc_frame {
    u32 r[13];   /* r0-r12 at entry */
    u32 lr;      /* banked LR of the exception mode, as the CPU set it */
    u32 ret;     /* resume address; default: next insn for UND/SVC/BKPT,
                    the insn after the faulting one for data aborts,
                    the interrupted insn for IRQ/FIQ (lr-4) */
    u32 spsr;    /* SPSR of the exception mode */
};

struct hyp_frame {
    u32 r[13];   /* r0-r12 at entry */
    u32 lr;      /* LR_usr (Hyp mode shares it) */
    u32 elr;     /* ELR_hyp: resume address (preferred return address) */
    u32 spsr;    /* SPSR_hyp */
    u32 hsr;     /* HSR at entry */
};

void exc_handler(u32 kind, struct exc_frame *f);
void hyp_handler(u32 kind, struct hyp_frame *f);

extern const u32 pl1_vectors[8];
extern const u32 hyp_vectors[8];

/* Names for the PL1 table ("svc" at 0x08) and the Hyp table ("hvc" at 0x08). */
const char *exc_name(u32 kind);
const char *hyp_exc_name(u32 kind);

/*
 * From Hyp mode only: run fn(arg) in the PL1 mode selected by `spsr` (e.g.
 * SPSR_SVC = 0x1d3; not User) on that mode's banked stack, via ERET. When fn
 * returns it executes HVC #0xffff, which the runtime's Hyp trap vector
 * catches (before hyp_handler) to return fn's result here. Both the ERET and
 * the HVC #0xffff are real exceptions and appear in exception traces.
 */
u32 call_pl1(u32 (*fn)(u32), u32 arg, u32 spsr);
#define SPSR_SVC 0x1d3u
#define SPSR_SYS 0x1dfu

#endif
