/*
 * hyp.h - the toy hypervisor's internal interfaces: the register frame saved on every entry to
 * Hyp mode (hyp/boot.S) and the handlers that run on it.
 */
#ifndef HYP_H
#define HYP_H
#include "board.h"

/*
 * Saved by the vector stubs in hyp/boot.S, lowest address first. ELR_hyp and SPSR_hyp are part of
 * the frame because the hypervisor itself can take an interrupt (while it waits in HC_YIELD),
 * and that entry would overwrite them.
 */
struct frame {
    u32 elr;      /* ELR_hyp: where ERET returns (the trapped instruction, or the one after HVC) */
    u32 spsr;     /* SPSR_hyp: the guest's CPSR at the trap */
    u32 r[13];    /* guest r0-r12 */
    u32 lr;       /* LR_usr: Hyp mode has no LR of its own (ARM ARM B1.3.2) */
};

/* Exception classes (HSR.EC, ARM ARM B3.13.6) the toy hypervisor handles. */
#define EC_WFX      0x01
#define EC_MCR15    0x03
#define EC_HCPTR    0x07
#define EC_HVC      0x12
#define EC_SMC      0x13
#define EC_DABT_LOW 0x24

void hyp_trap(struct frame *f);          /* synchronous traps (HVBAR + 0x14) */
void hyp_irq(struct frame *f);           /* physical IRQs routed to Hyp (HVBAR + 0x18) */
void hyp_panic(const char *what, u32 hsr, u32 elr) __attribute__((noreturn));

/* stage2.c */
void stage1_hyp_init(void);
void stage2_init(void);
u32 guest_va_to_pa(u32 va, int *ok);

/* vgic.c */
void gic_init(void);
void vgic_idle(void);
void hyp_wait_for_timer(void);
int vgic_guest_irq_pending(void);

/* mmio.c */
void mmio_emulate(struct frame *f, u32 hsr, u32 ipa);

/* counts of what the guest made us do, printed at exit */
extern u32 stats[64];
extern u32 irq_stats[3];

void hyp_exit(u32 code) __attribute__((noreturn));

/* guest_regs.c: the guest's register n as its current mode sees it (banked SP/LR, FIQ r8-r12). */
u32 guest_reg_get(struct frame *f, u32 n);
void guest_reg_set(struct frame *f, u32 n, u32 v);
#endif
