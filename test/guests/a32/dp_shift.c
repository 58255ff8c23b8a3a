/*
 * Data processing: every opcode with S, immediate (rotated, carry-out),
 * shift by immediate (LSL/LSR/ASR/ROR, #32 forms, RRX) and shift by register
 * (0, 1, 31, 32, 33, 255, 256); NZCV after each.
 */
#include "_common.h"

int main(void)
{
    static const u32 shifts[] = {0, 1, 4, 31, 32, 33, 255, 256};
    for (u32 i = 0; i < ARRAY_SIZE(vals); i++) {
        u32 a = vals[i];
        for (u32 j = 0; j < ARRAY_SIZE(vals); j += 3) {
            u32 b = vals[j];
            for (u32 k = 0; k < 2; k++) {
                u32 fl = k ? FL_C : FL_NONE;
                OP("adds", "adds %0, %2, %3", a, b, 0, fl);
                OP("adcs", "adcs %0, %2, %3", a, b, 0, fl);
                OP("subs", "subs %0, %2, %3", a, b, 0, fl);
                OP("sbcs", "sbcs %0, %2, %3", a, b, 0, fl);
                OP("rsbs", "rsbs %0, %2, %3", a, b, 0, fl);
                OP("rscs", "rscs %0, %2, %3", a, b, 0, fl);
                OP("ands", "ands %0, %2, %3", a, b, 0, fl);
                OP("orrs", "orrs %0, %2, %3", a, b, 0, fl);
                OP("eors", "eors %0, %2, %3", a, b, 0, fl);
                OP("bics", "bics %0, %2, %3", a, b, 0, fl);
                OP("cmp", "cmp %2, %3", a, b, 0, fl);
                OP("cmn", "cmn %2, %3", a, b, 0, fl);
                OP("tst", "tst %2, %3", a, b, 0, fl);
                OP("teq", "teq %2, %3", a, b, 0, fl);
            }
        }
        /* immediates: rotated constants set C from bit 31 of the constant for logical ops */
        OP("movs#ff000000", "movs %0, #0xff000000", a, 0, 0, FL_NONE);
        OP("movs#3fc", "movs %0, #0x3fc", a, 0, 0, FL_C);
        OP("ands#80000000", "ands %0, %2, #0x80000000", a, 0, 0, FL_NONE);
        OP("ands#f0000000c", "ands %0, %2, #0xf000000f", a, 0, 0, FL_C);
        OP("mvns#0", "mvns %0, #0", a, 0, 0, FL_NONE);
        OP("adds#1", "adds %0, %2, #1", a, 0, 0, FL_NONE);
        OP("subs#1", "subs %0, %2, #1", a, 0, 0, FL_NONE);
        OP("rsbs#0", "rsbs %0, %2, #0", a, 0, 0, FL_NONE);
        OP("cmp#ff", "cmp %2, #0xff", a, 0, 0, FL_NONE);
        OP("cmn#1", "cmn %2, #1", a, 0, 0, FL_NONE);
        OP("tst#c0000003", "tst %2, #0xc0000003", a, 0, 0, FL_NONE);
        /* shift by immediate */
        OP("movs lsl#0", "movs %0, %2, lsl #0", a, 0, 0, FL_C);
        OP("movs lsl#1", "movs %0, %2, lsl #1", a, 0, 0, FL_NONE);
        OP("movs lsl#31", "movs %0, %2, lsl #31", a, 0, 0, FL_NONE);
        OP("movs lsr#1", "movs %0, %2, lsr #1", a, 0, 0, FL_NONE);
        OP("movs lsr#32", "movs %0, %2, lsr #32", a, 0, 0, FL_NONE);
        OP("movs asr#1", "movs %0, %2, asr #1", a, 0, 0, FL_NONE);
        OP("movs asr#32", "movs %0, %2, asr #32", a, 0, 0, FL_NONE);
        OP("movs ror#1", "movs %0, %2, ror #1", a, 0, 0, FL_NONE);
        OP("movs ror#31", "movs %0, %2, ror #31", a, 0, 0, FL_NONE);
        OP("movs rrx c0", "movs %0, %2, rrx", a, 0, 0, FL_NONE);
        OP("movs rrx c1", "movs %0, %2, rrx", a, 0, 0, FL_C);
        OP("adds lsl#3", "adds %0, %2, %3, lsl #3", a, 0x10000001, 0, FL_NONE);
        OP("subs asr#4", "subs %0, %2, %3, asr #4", a, 0x80000010, 0, FL_NONE);
        OP("eors ror#8", "eors %0, %2, %3, ror #8", a, 0x000000ff, 0, FL_NONE);
        OP("mvns lsr#32", "mvns %0, %2, lsr #32", a, 0, 0, FL_NONE);
        OP("mov lsl (no S)", "mov %0, %2, lsl #5", a, 0, 0, FL_ALL);
        /* shift by register */
        for (u32 s = 0; s < ARRAY_SIZE(shifts); s++) {
            u32 sh = shifts[s];
            OP("movs lsl r", "movs %0, %2, lsl %3", a, sh, 0, FL_C);
            OP("movs lsr r", "movs %0, %2, lsr %3", a, sh, 0, FL_C);
            OP("movs asr r", "movs %0, %2, asr %3", a, sh, 0, FL_C);
            OP("movs ror r", "movs %0, %2, ror %3", a, sh, 0, FL_C);
            OP("adds lsl r", "adds %0, %4, %2, lsl %3", a, sh, 0x40000000, FL_NONE);
            OP("ands ror r", "ands %0, %4, %2, ror %3", a, sh, 0xffffffff, FL_NONE);
        }
    }
    /* results into PC-relative-free forms: add with pc as operand */
    {
        u32 r, pc_here;
        __asm__ volatile("1: add %0, pc, #0\n\tadr %1, 1b" : "=r"(r), "=r"(pc_here));
        printf("add r, pc, #0 -> pc+%u\n", r - pc_here);
        __asm__ volatile("1: mov %0, pc\n\tadr %1, 1b" : "=r"(r), "=r"(pc_here));
        printf("mov r, pc -> pc+%u\n", r - pc_here);
    }
    return 0;
}
