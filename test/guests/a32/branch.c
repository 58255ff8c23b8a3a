/*
 * Branches and conditions: B/BL, BX/BLX register to ARM code, MOV PC /
 * LDR PC / POP PC, every condition code against every NZCV combination,
 * conditional BL and BX.
 */
#include "_common.h"

static u32 NOINLINE target(u32 x) { return x * 3 + 1; }

int main(void)
{
    /* conditions: for each NZCV (16) record which of the 15 conditions pass */
    for (u32 f = 0; f < 16; f++) {
        u32 mask = 0, psr = f << 28;
        __asm__ volatile(
            "msr cpsr_f, %1\n\t"
            "mov %0, #0\n\t"
            "orreq %0, %0, #1\n\t"  "orrne %0, %0, #2\n\t"
            "orrcs %0, %0, #4\n\t"  "orrcc %0, %0, #8\n\t"
            "orrmi %0, %0, #16\n\t" "orrpl %0, %0, #32\n\t"
            "orrvs %0, %0, #64\n\t" "orrvc %0, %0, #128\n\t"
            "orrhi %0, %0, #256\n\t" "orrls %0, %0, #512\n\t"
            "orrge %0, %0, #1024\n\t" "orrlt %0, %0, #2048\n\t"
            "orrgt %0, %0, #4096\n\t" "orrle %0, %0, #8192\n\t"
            "orral %0, %0, #16384"
            : "=&r"(mask) : "r"(psr) : "cc");
        printf("nzcv=%x pass=%04x\n", f, mask);
    }
    u32 r;
    __asm__ volatile("mov r0, #5\n\tbl %c1\n\tmov %0, r0" : "=r"(r) : "i"(target) : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    printf("bl -> %u\n", r);
    __asm__ volatile("mov r0, #6\n\tldr r1, =%1\n\tblx r1\n\tmov %0, r0" : "=r"(r) : "i"(target) : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    printf("blx reg -> %u\n", r);
    __asm__ volatile("adr r1, 1f\n\tmov %0, #1\n\tbx r1\n\tmov %0, #2\n1:\tadd %0, %0, #4" : "=&r"(r) : : "r1");
    printf("bx -> %u\n", r);
    __asm__ volatile("adr r1, 1f\n\tmov %0, #1\n\tmov pc, r1\n\tmov %0, #2\n1:\tadd %0, %0, #8" : "=&r"(r) : : "r1");
    printf("mov pc -> %u\n", r);
    __asm__ volatile("mov %0, #1\n\tldr pc, =1f\n\tmov %0, #2\n1:\tadd %0, %0, #16\n\t.ltorg" : "=&r"(r) : : "memory");
    printf("ldr pc -> %u\n", r);
    __asm__ volatile("adr r1, 1f\n\tpush {r1}\n\tmov %0, #1\n\tpop {pc}\n\tmov %0, #2\n1:\tadd %0, %0, #32" : "=&r"(r) : : "r1", "memory");
    printf("pop pc -> %u\n", r);
    __asm__ volatile("mov %0, #0\n\tcmp %0, #1\n\tbeq 1f\n\tadd %0, %0, #1\n\tbne 2f\n1:\tadd %0, %0, #0x10\n2:\tadd %0, %0, #0x100" : "=&r"(r) : : "cc");
    printf("beq/bne -> %x\n", r);
    __asm__ volatile("mov r0, #7\n\tcmp r0, #7\n\tblne %c1\n\tmov %0, r0" : "=r"(r) : "i"(target) : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
    printf("blne not taken -> %u\n", r);
    __asm__ volatile("mov r0, #7\n\tcmp r0, #7\n\tbleq %c1\n\tmov %0, r0" : "=r"(r) : "i"(target) : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
    printf("bleq taken -> %u\n", r);
    {
        u32 lr_val, here;
        __asm__ volatile("bl 1f\n1:\tmov %0, lr\n\tadr %1, 1b" : "=r"(lr_val), "=r"(here) : : "lr");
        printf("bl sets lr = next insn: %d\n", lr_val == here);
    }
    /* a loop with a backwards conditional branch */
    __asm__ volatile("mov %0, #0\n\tmov r1, #10\n1:\tadd %0, %0, r1\n\tsubs r1, r1, #1\n\tbne 1b" : "=&r"(r) : : "r1", "cc");
    printf("loop sum -> %u\n", r);
    return 0;
}
