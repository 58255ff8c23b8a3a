/*
 * Exception entry to Hyp mode: HVC/SVC/UNDEF/data abort taken in Hyp (HVBAR
 * offsets 0x08/0x14/0x04/0x10), then from a PL1 guest (SVC mode): HVC
 * (0x14, EC 0x12), SMC trapped by HCR.TSC (EC 0x13), CP15 access trapped by
 * HSTR.T1 (EC 0x03), WFI trapped by HCR.TWI (EC 0x01). Prints ELR_hyp,
 * SPSR_hyp and HSR for each.
 */
#include "guest.h"

GUEST_BOOT_HYP;

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    u32 ec = f->hsr >> 26;
    printf("hyp %s: elr=%08x spsr=%08x(%s) hsr=%08x ec=%02x r0=%08x\n",
           hyp_exc_name(kind), f->elr, f->spsr, mode_name(f->spsr), f->hsr, ec, f->r[0]);
    if (kind == EXC_DABT)
        printf("  hdfar=%08x\n", read_hdfar());
    /* Trapped instructions and aborts: skip the instruction (ARM, 4 bytes). */
    if (ec != 0x12 && ec != 0x11 && ec != 0x16)
        f->elr += 4;
    f->r[0] += 0x1000;
}

static u32 ALIGNED(8) buf[4];

static u32 guest(u32 arg)
{
    u32 r0;
    printf("guest in %s, arg=%08x\n", mode_name(read_cpsr()), arg);
    r0 = INSN_R0("hvc #0x1234", arg);
    printf("guest after hvc r0=%08x\n", r0);
    r0 = INSN_R0("smc #0", r0);
    printf("guest after smc r0=%08x\n", r0);
    u32 v = read_sctlr();  /* trapped by HSTR.T1: result register left as it was */
    (void)v;
    printf("guest after mrc c1\n");
    __asm__ volatile("wfi" ::: "memory");
    printf("guest after wfi\n");
    return r0 + 1;
}

int main(void)
{
    u32 r0;
    printf("main in %s hvbar=%08x\n", mode_name(read_cpsr()), read_hvbar());

    r0 = INSN_R0("hvc #0x42", 1);
    printf("after hvc in hyp r0=%08x\n", r0);
    r0 = INSN_R0("svc #0x99", 2);
    printf("after svc in hyp r0=%08x\n", r0);
    r0 = INSN_R0("udf #7", 3);
    printf("after udf in hyp r0=%08x\n", r0);
    {
        register u32 a0 __asm__("r0") = 4;
        register u32 base __asm__("r4") = (u32)buf + 2;
        __asm__ volatile("ldm r4, {r5, r6}" : "+r"(a0) : "r"(base) : "r5", "r6", "memory");
        r0 = a0;
    }
    printf("after ldm in hyp r0=%08x\n", r0);

    write_hcr((1u << 19) | (1u << 13)); /* TSC, TWI */
    write_hstr(1u << 1);                /* T1: CP15 c1 */
    ISB();
    u32 res = call_pl1(guest, 0xabc, SPSR_SVC);
    write_hcr(0);
    write_hstr(0);
    printf("guest returned %08x\n", res);
    return 0;
}
