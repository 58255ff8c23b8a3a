/*
 * Banked-register access from Hyp (MRS/MSR banked: SP/LR/SPSR of every PL1 mode, R8_fiq, ELR_hyp),
 * the UNDEFINED cases QEMU chooses (SPSR_hyp/SP_hyp from Hyp, LR_usr from Hyp, own-mode registers),
 * HVC from SVC and from Hyp, and a virtual IRQ/FIQ injected with HCR.VI/VF into an SVC guest.
 */
#include "_probe.h"

INSN_FN(f_mrs_spsr_hyp, "mrs r1, SPSR_hyp")
INSN_FN(f_mrs_sp_hyp, "mrs r1, SP_hyp")
INSN_FN(f_mrs_lr_usr, "mrs r1, LR_usr")
INSN_FN(f_mrs_r8_usr, "mrs r1, R8_usr")
INSN_FN(f_mrs_elr_hyp, "mrs r1, ELR_hyp")
INSN_FN(f_mrs_sp_svc, "mrs r1, SP_svc")
INSN_FN(f_mrs_spsr_irq, "mrs r0, SPSR_irq")
INSN_FN(f_hvc, "hvc #0x77")
INSN_FN(f_msr_cpsr_hyp, "mrs r1, cpsr\n bic r1, r1, #0x1f\n orr r1, r1, #0x1a\n msr cpsr_c, r1\n mrs r0, cpsr")
INSN_FN(f_cps_usr_back, "cps #0x1f\n mrs r0, cpsr\n cps #0x13")
INSN_FN(f_vint, "cpsie if\n nop\n nop\n cpsid if\n mov r0, #1")

static u32 banked_all(u32 a)
{
    u32 v;
    __asm__ volatile("msr SP_svc, %0" : : "r"(0x5000u));
    __asm__ volatile("mrs %0, SP_svc" : "=r"(v));
    return v + a;
}

int main(void)
{
    u32 v;
#define B(name, insn) __asm__ volatile(insn : "=r"(v)); printf("%s %08x\n", name, v)
    B("SP_svc", "mrs %0, SP_svc");
    B("SP_abt", "mrs %0, SP_abt");
    B("SP_und", "mrs %0, SP_und");
    B("SP_irq", "mrs %0, SP_irq");
    B("SP_fiq", "mrs %0, SP_fiq");
    B("SP_usr", "mrs %0, SP_usr");
    B("LR_svc", "mrs %0, LR_svc");
    B("SPSR_svc", "mrs %0, SPSR_svc");
    B("R8_fiq", "mrs %0, R8_fiq");
    B("ELR_hyp", "mrs %0, ELR_hyp");
    __asm__ volatile("msr R9_fiq, %0\n msr SPSR_abt, %0\n msr LR_und, %0" : : "r"(0x12345678u));
    B("R9_fiq", "mrs %0, R9_fiq");
    B("SPSR_abt", "mrs %0, SPSR_abt");
    B("LR_und", "mrs %0, LR_und");

    struct cfg c = { 0, 0, 0, 6 };
    at_hyp("mrs SPSR_hyp", f_mrs_spsr_hyp, &c);
    at_hyp("mrs SP_hyp", f_mrs_sp_hyp, &c);
    at_hyp("mrs LR_usr", f_mrs_lr_usr, &c);
    at_hyp("mrs R8_usr", f_mrs_r8_usr, &c);
    at_hyp("hvc in hyp", f_hvc, &c);
    at_hyp("msr cpsr to hyp (stays)", f_msr_cpsr_hyp, &c);
    at_pl1("mrs ELR_hyp from svc", f_mrs_elr_hyp, &c);
    at_pl1("mrs SP_svc from svc", f_mrs_sp_svc, &c);
    at_pl1("mrs R8_usr from svc", f_mrs_r8_usr, &c);
    at_pl1("mrs SPSR_irq from svc", f_mrs_spsr_irq, &c);
    at_pl1("hvc from svc", f_hvc, &c);
    at_pl1("msr cpsr_c hyp from svc", f_msr_cpsr_hyp, &c);
    at_pl1("cps sys and back", f_cps_usr_back, &c);
    at_pl1("banked from svc", banked_all, &c);
    c.hcr = (1u << 4) | (1u << 7); /* IMO | VI */
    at_pl1("virtual irq", f_vint, &c);
    c.hcr = (1u << 3) | (1u << 6); /* FMO | VF */
    at_pl1("virtual fiq", f_vint, &c);
    c.hcr = (1u << 7); /* VI without IMO: nothing */
    at_pl1("vi without imo", f_vint, &c);
    return 0;
}
