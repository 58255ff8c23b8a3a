/*
 * Exclusives: LDREX/STREX success and failure (after CLREX, after a second
 * LDREX to another address is still fine), LDREXB/H/D and STREXB/H/D, and
 * SWP/SWPB (legacy; behaviour with SCTLR.SW as QEMU implements it).
 */
#include "_common.h"

static u32 ALIGNED(8) w[4] = {0x11111111, 0x22222222, 0x33333333, 0x44444444};

int main(void)
{
    u32 v, st;
    __asm__ volatile("ldrex %0, [%2]\n\tstrex %1, %3, [%2]" : "=&r"(v), "=&r"(st) : "r"(&w[0]), "r"(0xaaaa0001) : "memory");
    printf("ldrex/strex: old=%08x status=%u new=%08x\n", v, st, w[0]);
    __asm__ volatile("ldrex %0, [%2]\n\tclrex\n\tstrex %1, %3, [%2]" : "=&r"(v), "=&r"(st) : "r"(&w[0]), "r"(0xbbbb0002) : "memory");
    printf("clrex: status=%u mem=%08x\n", st, w[0]);
    __asm__ volatile("strex %0, %2, [%1]" : "=&r"(st) : "r"(&w[1]), "r"(0xcccc0003) : "memory");
    printf("strex without monitor: status=%u mem=%08x\n", st, w[1]);
    __asm__ volatile("ldrexb %0, [%2]\n\tstrexb %1, %3, [%2]" : "=&r"(v), "=&r"(st) : "r"((u8 *)&w[1] + 1), "r"(0x1234567f) : "memory");
    printf("ldrexb/strexb: old=%08x status=%u word=%08x\n", v, st, w[1]);
    __asm__ volatile("ldrexh %0, [%2]\n\tstrexh %1, %3, [%2]" : "=&r"(v), "=&r"(st) : "r"((u16 *)&w[2] + 1), "r"(0x1234fedc) : "memory");
    printf("ldrexh/strexh: old=%08x status=%u word=%08x\n", v, st, w[2]);
    {
        u32 l, h, s2;
        __asm__ volatile("ldr r4, =0x0d0d0d0d\n\tldr r5, =0x0e0e0e0e\n\t"
                         "ldrexd r2, r3, [%3]\n\tstrexd %2, r4, r5, [%3]\n\tmov %0, r2\n\tmov %1, r3"
                         : "=&r"(l), "=&r"(h), "=&r"(s2) : "r"(&w[2]) : "r2", "r3", "r4", "r5", "memory");
        printf("ldrexd/strexd: old=%08x:%08x status=%u new=%08x:%08x\n", h, l, s2, w[3], w[2]);
    }
    /* an ordinary store between LDREX and STREX (same core) does not clear the local monitor on QEMU */
    __asm__ volatile("ldrex %0, [%2]\n\tstr %3, [%2, #4]\n\tstrex %1, %3, [%2]" : "=&r"(v), "=&r"(st) : "r"(&w[0]), "r"(0x5a5a5a5a) : "memory");
    printf("ldrex; str other; strex: status=%u\n", st);
    /* SWP/SWPB with SCTLR.SW set (enable) */
    write_sctlr(read_sctlr() | (1u << 10));
    ISB();
    {
        u32 o;
        __asm__ volatile("mov r2, %1\n\tldr r1, =0x77665544\n\t.inst 0xe1020091\n\tmov %0, r0" /* swp r0, r1, [r2] */
                         : "=r"(o) : "r"(&w[3]) : "r0", "r1", "r2", "memory");
        printf("swp: old=%08x new=%08x\n", o, w[3]);
        __asm__ volatile("mov r2, %1\n\tldr r1, =0x77665533\n\t.inst 0xe1420091\n\tmov %0, r0" /* swpb r0, r1, [r2] */
                         : "=r"(o) : "r"(&w[3]) : "r0", "r1", "r2", "memory");
        printf("swpb: old=%08x new=%08x\n", o, w[3]);
    }
    return 0;
}
