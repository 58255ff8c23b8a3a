/*
 * MRS/MSR: field masks (CPSR_f, _s, _x, _c, combinations), immediate MSR,
 * Q and GE written via MSR and by instructions, SPSR read/write with field
 * masks, MRS APSR, SETEND (E bit) round trip, and what MSR CPSR may not
 * change (T/J/IT bits).
 */
#include "_common.h"

int main(void)
{
    u32 spsr_save = read_spsr(), v;
    __asm__ volatile("msr cpsr_f, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0xffffffff));
    printf("msr cpsr_f all-ones -> %08x\n", v);
    __asm__ volatile("msr cpsr_f, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0));
    printf("msr cpsr_f zero -> %08x\n", v);
    __asm__ volatile("msr cpsr_s, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0x000a0000));
    printf("msr cpsr_s ge=1010 -> %08x\n", v);
    __asm__ volatile("msr cpsr_fs, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0));
    __asm__ volatile("msr cpsr_f, #0x90000000\n\tmrs %0, cpsr" : "=r"(v));
    printf("msr cpsr_f #imm -> %08x\n", v);
    __asm__ volatile("msr cpsr_x, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0x0000fd00));
    printf("msr cpsr_x A + IT bits -> %08x\n", v);
    __asm__ volatile("msr cpsr_x, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0x00000000));
    printf("msr cpsr_x zero -> %08x\n", v);
    __asm__ volatile("msr cpsr_c, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0x000001d3 | 0x20)); /* T bit: ignored */
    printf("msr cpsr_c with T -> %08x\n", v);
    __asm__ volatile("msr cpsr_fsxc, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0x0f0f01d3)); /* J, IT bits */
    printf("msr cpsr_fsxc with J/IT -> %08x\n", v);
    __asm__ volatile("msr cpsr_f, #0\n\tmrs %0, apsr" : "=r"(v));
    printf("mrs apsr -> %08x\n", v);
    /* SPSR */
    __asm__ volatile("msr spsr_fsxc, %1\n\tmrs %0, spsr" : "=r"(v) : "r"(0xffffffff));
    printf("spsr all-ones -> %08x\n", v);
    __asm__ volatile("msr spsr_fsxc, %1\n\tmrs %0, spsr" : "=r"(v) : "r"(0x0));
    printf("spsr zero -> %08x\n", v);
    __asm__ volatile("msr spsr_c, %1\n\tmrs %0, spsr" : "=r"(v) : "r"(0x12345678));
    printf("spsr_c -> %08x\n", v);
    __asm__ volatile("msr spsr_x, %1\n\tmrs %0, spsr" : "=r"(v) : "r"(0x12345678));
    printf("spsr_x -> %08x\n", v);
    __asm__ volatile("msr spsr_s, %1\n\tmrs %0, spsr" : "=r"(v) : "r"(0x12345678));
    printf("spsr_s -> %08x\n", v);
    __asm__ volatile("msr spsr_f, %1\n\tmrs %0, spsr" : "=r"(v) : "r"(0x12345678));
    printf("spsr_f -> %08x\n", v);
    __asm__ volatile("msr spsr_fsxc, %0" : : "r"(spsr_save));
    /* Q flag: set by QADD saturation, cleared only by MSR */
    __asm__ volatile("msr cpsr_f, #0\n\tqadd r1, %1, %1\n\tadds r1, r1, #0\n\tmrs %0, cpsr" : "=r"(v) : "r"(0x7fffffff) : "r1", "cc");
    printf("q sticky after adds -> %08x\n", v);
    /* SETEND: E bit */
    __asm__ volatile("setend be\n\tmrs %0, cpsr\n\tsetend le" : "=r"(v));
    printf("setend be -> E=%u\n", (v >> 9) & 1);
    {
        static u32 word = 0x11223344;
        u32 be, h;
        __asm__ volatile("setend be\n\tldr %0, [%2]\n\tldrh %1, [%2]\n\tsetend le" : "=&r"(be), "=&r"(h) : "r"(&word) : "memory");
        printf("big-endian load: ldr=%08x ldrh=%08x\n", be, h);
    }
    __asm__ volatile("msr cpsr_f, #0");
    return 0;
}
