/*
 * SRS (store LR and SPSR to another mode's stack) in all four addressing
 * modes with/without writeback, and RFE (return from exception) IA/IB/DA/DB
 * with writeback, used here to jump to a label in SVC mode with chosen flags.
 */
#include "_common.h"

static u32 ALIGNED(8) frame[8];

int main(void)
{
    /* SP_und := &frame[4]; SRS stores {LR_svc, SPSR_svc} relative to it */
    static const char *const names[] = {"srsia", "srsib", "srsda", "srsdb", "srsia!", "srsdb!"};
    for (u32 k = 0; k < 6; k++) {
        for (u32 i = 0; i < 8; i++)
            frame[i] = 0xeeee0000u + i;
        u32 sp_und;
        __asm__ volatile("msr sp_und, %0" : : "r"(&frame[4]));
        __asm__ volatile(
            "mov r2, lr\n\t"
            "ldr lr, =0x1234abcd\n\t"
            "mrs r3, spsr\n\t"
            "ldr r1, =0x200001d3\n\t"
            "msr spsr_fsxc, r1\n\t"
            "cmp %1, #0\n\t" "bne 1f\n\t" "srsia sp, #0x1b\n\t" "b 9f\n"
            "1: cmp %1, #1\n\t" "bne 1f\n\t" "srsib sp, #0x1b\n\t" "b 9f\n"
            "1: cmp %1, #2\n\t" "bne 1f\n\t" "srsda sp, #0x1b\n\t" "b 9f\n"
            "1: cmp %1, #3\n\t" "bne 1f\n\t" "srsdb sp, #0x1b\n\t" "b 9f\n"
            "1: cmp %1, #4\n\t" "bne 1f\n\t" "srsia sp!, #0x1b\n\t" "b 9f\n"
            "1: srsdb sp!, #0x1b\n"
            "9: msr spsr_fsxc, r3\n\t"
            "mov lr, r2\n\t"
            "mrs %0, sp_und"
            : "=&r"(sp_und) : "r"(k) : "r1", "r2", "r3", "lr", "cc", "memory");
        printf("%s: sp_und%+d frame=", names[k], (int)(sp_und - (u32)&frame[4]));
        for (u32 i = 0; i < 8; i++)
            printf(" %08x", frame[i]);
        uart_putc('\n');
    }
    /* RFE: load {pc, cpsr} from memory; return in SVC with NZCV = 0101, all masked */
    static const char *const rnames[] = {"rfeia!", "rfeib!", "rfeda!", "rfedb!"};
    for (u32 k = 0; k < 4; k++) {
        u32 base, psr, out;
        __asm__ volatile(
            "adr r1, 2f\n\t"
            "ldr r2, =0x500001d3\n\t"
            "add r0, %3, #16\n\t"
            "cmp %4, #0\n\t" "stmeq r0, {r1, r2}\n\t"
            "cmp %4, #1\n\t" "streq r1, [r0, #4]\n\t" "streq r2, [r0, #8]\n\t"
            "cmp %4, #2\n\t" "streq r1, [r0, #-4]\n\t" "streq r2, [r0]\n\t"
            "cmp %4, #3\n\t" "streq r1, [r0, #-8]\n\t" "streq r2, [r0, #-4]\n\t"
            "mov %2, #0\n\t"
            "cmp %4, #0\n\t" "bne 1f\n\t" "rfeia r0!\n"
            "1: cmp %4, #1\n\t" "bne 1f\n\t" "rfeib r0!\n"
            "1: cmp %4, #2\n\t" "bne 1f\n\t" "rfeda r0!\n"
            "1: rfedb r0!\n"
            "   mov %2, #0xbad\n"
            "2: mrs %1, cpsr\n\t"
            "sub %0, r0, %3"
            : "=&r"(base), "=&r"(psr), "=&r"(out) : "r"(frame), "r"(k) : "r0", "r1", "r2", "cc", "memory");
        printf("%s: base-off=%u cpsr=%08x out=%x\n", rnames[k], base, psr, out);
        __asm__ volatile("msr cpsr_f, %0" : : "r"(0));
    }
    return 0;
}
