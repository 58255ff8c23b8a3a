/*
 * guest_regs.c - reading and writing the register a trapped guest instruction named (HSR.SRT, Rt).
 * r0-r12 are in our frame, but SP and LR are banked per mode (ARM ARM B1.3.2): a guest in SVC
 * mode means LR_svc, which Hyp reaches only with the banked MRS/MSR forms (B9.3.9, B9.3.12).
 */
#include "hyp.h"

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1b
#define MODE_SYS 0x1f

#define BANKED_GET(reg) ({ u32 v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define BANKED_SET(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"(v))

static u32 fiq_hi_get(u32 n)
{
    switch (n) {
    case 8: return BANKED_GET(r8_fiq);
    case 9: return BANKED_GET(r9_fiq);
    case 10: return BANKED_GET(r10_fiq);
    case 11: return BANKED_GET(r11_fiq);
    default: return BANKED_GET(r12_fiq);
    }
}

static void fiq_hi_set(u32 n, u32 v)
{
    switch (n) {
    case 8: BANKED_SET(r8_fiq, v); break;
    case 9: BANKED_SET(r9_fiq, v); break;
    case 10: BANKED_SET(r10_fiq, v); break;
    case 11: BANKED_SET(r11_fiq, v); break;
    default: BANKED_SET(r12_fiq, v); break;
    }
}

u32 guest_reg_get(struct frame *f, u32 n)
{
    u32 mode = f->spsr & 0x1f;
    if (n < 8 || (n < 13 && mode != MODE_FIQ)) return f->r[n];
    if (n < 13) return fiq_hi_get(n);
    if (n == 13) {
        switch (mode) {
        case MODE_FIQ: return BANKED_GET(SP_fiq);
        case MODE_IRQ: return BANKED_GET(SP_irq);
        case MODE_SVC: return BANKED_GET(SP_svc);
        case MODE_ABT: return BANKED_GET(SP_abt);
        case MODE_UND: return BANKED_GET(SP_und);
        default: return BANKED_GET(SP_usr);
        }
    }
    switch (mode) {                     /* n == 14 */
    case MODE_FIQ: return BANKED_GET(LR_fiq);
    case MODE_IRQ: return BANKED_GET(LR_irq);
    case MODE_SVC: return BANKED_GET(LR_svc);
    case MODE_ABT: return BANKED_GET(LR_abt);
    case MODE_UND: return BANKED_GET(LR_und);
    default: return f->lr;              /* User/System: LR_usr, which Hyp shares */
    }
}

void guest_reg_set(struct frame *f, u32 n, u32 v)
{
    u32 mode = f->spsr & 0x1f;
    if (n < 8 || (n < 13 && mode != MODE_FIQ)) { f->r[n] = v; return; }
    if (n < 13) { fiq_hi_set(n, v); return; }
    if (n == 13) {
        switch (mode) {
        case MODE_FIQ: BANKED_SET(SP_fiq, v); break;
        case MODE_IRQ: BANKED_SET(SP_irq, v); break;
        case MODE_SVC: BANKED_SET(SP_svc, v); break;
        case MODE_ABT: BANKED_SET(SP_abt, v); break;
        case MODE_UND: BANKED_SET(SP_und, v); break;
        default: BANKED_SET(SP_usr, v); break;
        }
        return;
    }
    switch (mode) {
    case MODE_FIQ: BANKED_SET(LR_fiq, v); break;
    case MODE_IRQ: BANKED_SET(LR_irq, v); break;
    case MODE_SVC: BANKED_SET(LR_svc, v); break;
    case MODE_ABT: BANKED_SET(LR_abt, v); break;
    case MODE_UND: BANKED_SET(LR_und, v); break;
    default: f->lr = v; break;
    }
}
