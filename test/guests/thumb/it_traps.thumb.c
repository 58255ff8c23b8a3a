/*
 * Thumb hypervisor and Thumb guest: IT blocks (executed and skipped slots), traps taken from inside
 * IT blocks (HVC, CP15 access trapped by HSTR.T1, WFI trapped by HCR.TWI), the HSR IL/CV/COND and
 * the ITSTATE saved in SPSR_hyp, and a 16-bit UDF taken to PL1 from Thumb. The Hyp handler skips a
 * trapped instruction by HSR.IL and advances SPSR.IT as the hardware would (ARM ARM A2.5.2).
 */
#include "guest.h"

GUEST_BOOT_HYP;

static u32 spsr_it(u32 spsr) { return ((spsr >> 8) & 0xfc) | ((spsr >> 25) & 3); }

static u32 it_advance_psr(u32 spsr)
{
    u32 it = spsr_it(spsr);
    it = (it & 7) == 0 ? 0 : ((it & 0xe0) | ((it << 1) & 0x1f));
    return (spsr & ~0x0600fc00u) | ((it & 0xfc) << 8) | ((it & 3) << 25);
}

void hyp_handler(u32 kind, struct hyp_frame *f)
{
    u32 ec = f->hsr >> 26;
    printf("hyp %s: elr=%08x spsr=%08x it=%02x hsr=%08x ec=%02x il=%u cv=%u cond=%x\n",
           hyp_exc_name(kind), f->elr, f->spsr, spsr_it(f->spsr), f->hsr, ec,
           (f->hsr >> 25) & 1, (f->hsr >> 24) & 1, (f->hsr >> 20) & 15);
    if (ec != 0x12) {
        /* A trapped instruction: skip it (2 or 4 bytes) and move ITSTATE past it. */
        f->elr += (f->hsr >> 25) & 1 ? 4 : 2;
        f->spsr = it_advance_psr(f->spsr);
    }
    f->r[0] += 0x100;
}

void exc_handler(u32 kind, struct exc_frame *f)
{
    printf("pl1 %s: lr=%08x spsr=%08x it=%02x\n", exc_name(kind), f->lr,
           f->spsr, spsr_it(f->spsr));
    f->r[0] += 0x10;
}

static u32 it_arith(u32 a, u32 b)
{
    u32 r0 = 0, r1 = 0, r2 = 0;
    __asm__ volatile(
        "cmp %[a], %[b]\n\t"
        "itete gt\n\t"
        "movgt %[x], #1\n\t"
        "movle %[x], #2\n\t"
        "addgt %[y], %[a], %[b]\n\t"
        "suble %[y], %[a], %[b]\n\t"
        "ittt eq\n\t"
        "addeq %[z], %[z], #5\n\t"
        "lsleq %[z], %[z], #2\n\t"
        "addeq.w %[z], %[z], #0x10000\n\t"
        : [x] "+l"(r0), [y] "+l"(r1), [z] "+l"(r2) : [a] "l"(a), [b] "l"(b) : "cc");
    printf("it a=%d b=%d: x=%u y=%d z=%08x\n", (int)a, (int)b, r0, (int)r1, r2);
    return r0 + r1 + r2;
}

static u32 guest(u32 arg)
{
    u32 r0 = arg;
    printf("guest thumb=%u in %s\n", (read_cpsr() >> 5) & 1, mode_name(read_cpsr()));
    /* HVC as the second instruction of an ITT block (condition true). */
    __asm__ volatile("mov r0, %0\n\tcmp r0, r0\n\titt eq\n\thvceq #0x77\n\taddeq r0, #1\n\tmov %0, r0"
                     : "+r"(r0) : : "r0", "cc", "memory");
    printf("guest after hvc r0=%08x\n", r0);
    /* CP15 read trapped by HSTR.T1, first of an ITTE block; the else-slot is skipped. */
    __asm__ volatile("mov r0, %0\n\tcmp r0, r0\n\titte eq\n\tmrceq p15, 0, r1, c1, c0, 0\n\taddeq r0, #2\n\taddne r0, #4\n\tmov %0, r0"
                     : "+r"(r0) : : "r0", "r1", "cc", "memory");
    printf("guest after mrc r0=%08x\n", r0);
    /* A condition-failed trapped instruction is skipped without trapping. */
    __asm__ volatile("mov r0, %0\n\tcmp r0, r0\n\tite ne\n\tmcrne p15, 0, r1, c1, c0, 0\n\taddeq r0, #8\n\tmov %0, r0"
                     : "+r"(r0) : : "r0", "r1", "cc", "memory");
    printf("guest after mcrne r0=%08x\n", r0);
    /* 16-bit WFI trapped by HCR.TWI inside an IT block: IL = 0. */
    __asm__ volatile("mov r0, %0\n\tcmp r0, r0\n\titt eq\n\twfieq\n\taddeq r0, #16\n\tmov %0, r0"
                     : "+r"(r0) : : "r0", "cc", "memory");
    printf("guest after wfi r0=%08x\n", r0);
    /* 16-bit UDF to the PL1 Undefined handler. */
    __asm__ volatile("mov r0, %0\n\tudf #3\n\tmov %0, r0" : "+r"(r0) : : "r0", "memory");
    printf("guest after udf r0=%08x\n", r0);
    return r0;
}

int main(void)
{
    u32 s = it_arith(5, 3) + it_arith(3, 5) + it_arith(4, 4);
    printf("main thumb=%u sum=%08x\n", (read_cpsr() >> 5) & 1, s);
    write_hcr(1u << 13);     /* TWI */
    write_hstr(1u << 1);     /* T1: CP15 c1 */
    ISB();
    u32 res = call_pl1(guest, 0x1000, 0x1d3 | 0x20); /* SVC, Thumb */
    write_hcr(0);
    write_hstr(0);
    printf("guest returned %08x\n", res);
    return 0;
}
