/*
 * Debug-adapter test guest: a tiny hypervisor (stays in Hyp) that runs a PL1 guest function
 * which does HVC #0x1234, SMC (HCR.TSC), a trapped SCTLR read (HSTR.T1) and WFI (HCR.TWI).
 * It prints the register values the DAP tests compare against. Markers "@name" in comments
 * let the tests find line numbers.
 */
#include "guest.h"

GUEST_BOOT_HYP;

volatile u32 counter;
u32 hits;
u32 table[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };

void __attribute__((noinline)) checkpoint(u32 tag)
{
    counter += tag; /* @checkpoint */
}

static u32 __attribute__((noinline)) square(u32 x)
{
    return x * x; /* @square */
}

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    u32 ec = f->hsr >> 26; /* @handler */
    hits++;
    printf("trap ec=%02x hsr=%08x elr=%08x spsr=%08x\n", ec, f->hsr, f->elr, f->spsr);
    if (ec != 0x12 && ec != 0x11)
        f->elr += 4;
    f->r[0] += 0x1000;
}

static u32 guest(u32 arg)
{
    u32 r0;
    r0 = INSN_R0("hvc #0x1234", arg); /* @hvc */
    r0 = INSN_R0("smc #0", r0); /* @smc */
    u32 v = read_sctlr(); /* @mrc */
    (void)v;
    __asm__ volatile("wfi" ::: "memory"); /* @wfi */
    r0 += square(3); /* @after */
    return r0 + 1;
}

int main(void)
{
    write_vttbr(((u64)1 << 48) | 0x40012000u);
    write_hcr((1u << 19) | (1u << 13)); /* TSC, TWI */
    write_hstr(1u << 1);                /* T1: CP15 c1 */
    ISB();
    u64 vttbr = read_vttbr();
    printf("HCR=%08x HSTR=%08x VTTBR=%08x%08x HVBAR=%08x SCTLR=%08x\n", read_hcr(), read_hstr(),
           (u32)(vttbr >> 32), (u32)vttbr, read_hvbar(), read_sctlr());
    checkpoint(1); /* @cp1 */
    u32 res = call_pl1(guest, 0xabc, SPSR_SVC); /* @call */
    printf("result=%08x hits=%u\n", res, hits);
    table[2] = res; /* @store */
    checkpoint(2);
    write_hcr(0);
    write_hstr(0);
    return 7;
}
