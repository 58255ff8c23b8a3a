/*
 * Exception entry at PL1 through the runtime's VBAR table: SVC (several
 * immediates), UNDEF (udf and an unallocated encoding), BKPT, data aborts
 * (alignment fault from LDM, alignment fault with SCTLR.A=1, external abort
 * on an unassigned physical address). The handler prints kind, LR, SPSR and
 * the fault registers.
 */
#include "guest.h"

static u32 count;

void exc_handler(u32 kind, struct exc_frame *f)
{
    count++;
    printf("exc %s: lr=%08x ret=%08x spsr=%08x mode=%s", exc_name(kind), f->lr, f->ret, f->spsr,
           mode_name(read_cpsr()));
    if (kind == EXC_SVC)
        printf(" imm=%06x", *(const u32 *)(f->lr - 4) & 0xffffff);
    if (kind == EXC_DABT)
        printf(" dfsr=%08x dfar=%08x", read_dfsr(), read_dfar());
    if (kind == EXC_PABT)
        printf(" ifsr=%08x", read_ifsr());
    printf(" r0=%08x\n", f->r[0]);
    f->r[0] += 0x100;
}

static u32 ALIGNED(8) buf[4] = {0x11111111, 0x22222222, 0x33333333, 0x44444444};

int main(void)
{
    register u32 r0 __asm__("r0");

    r0 = 1;
    __asm__ volatile("svc #0" : "+r"(r0) : : "memory");
    printf("after svc #0 r0=%08x\n", r0);

    r0 = 2;
    __asm__ volatile("svc #0xabcdef" : "+r"(r0) : : "memory");
    printf("after svc #0xabcdef r0=%08x\n", r0);

    r0 = 3;
    __asm__ volatile("udf #0x1234" : "+r"(r0) : : "memory");
    printf("after udf r0=%08x\n", r0);

    r0 = 4;
    __asm__ volatile(".inst 0xe7f000f0" : "+r"(r0) : : "memory"); /* permanently UNDEFINED */
    printf("after undef r0=%08x\n", r0);

    r0 = 5;
    __asm__ volatile("bkpt #0x42" : "+r"(r0) : : "memory");
    printf("after bkpt r0=%08x\n", r0);

    /* LDM from a non-word-aligned address: alignment fault regardless of SCTLR.A */
    r0 = 6;
    {
        register u32 base __asm__("r4") = (u32)buf + 2;
        __asm__ volatile("ldm r4, {r5, r6}" : "+r"(r0) : "r"(base) : "r5", "r6", "memory");
    }
    printf("after ldm r0=%08x\n", r0);

    /* LDR unaligned with SCTLR.A = 1 */
    u32 sctlr = read_sctlr();
    write_sctlr(sctlr | 2);
    ISB();
    r0 = 7;
    {
        register u32 base __asm__("r4") = (u32)buf + 1;
        __asm__ volatile("ldr r5, [r4]" : "+r"(r0) : "r"(base) : "r5", "memory");
    }
    write_sctlr(sctlr);
    ISB();
    printf("after unaligned ldr r0=%08x\n", r0);

    /* unaligned LDR with SCTLR.A = 0 is fine */
    {
        u32 v;
        __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"((u32)buf + 1) : "memory");
        printf("unaligned ldr ok: %08x\n", v);
    }

    /* store to an unassigned physical address: external abort */
    r0 = 8;
    {
        register u32 base __asm__("r4") = 0x09100000u;
        __asm__ volatile("str r0, [r4]\n\tdsb" : "+r"(r0) : "r"(base) : "memory");
    }
    printf("after unassigned str r0=%08x\n", r0);

    printf("exceptions: %u\n", count);
    return 0;
}
