/* Advanced SIMD structure loads/stores: VLD2-4/VST2-4 (multiple structures), VLD1-4/VST1-4 (single lane),
 * VLD1-4 (all lanes) with alignment hints and write-back (register and immediate), plus alignment-hint
 * faults. Memory holds bytes 0x00..0xff; registers/buffers are printed as hex words. */
#include "_fp.h"

static u8 src[256] __attribute__((aligned(64)));
static u32 buf[64] __attribute__((aligned(64)));
static u32 regs[16] __attribute__((aligned(64)));
static volatile u32 aborts;

void exc_handler(u32 kind, struct exc_frame *f)
{
    if (kind == EXC_DABT) { aborts++; printf("dabt dfsr=%08x\n", read_dfsr()); return; }
    printf("UNEXPECTED %s\n", exc_name(kind));
    semihost_exit(0xe0 + kind);
}

static void dump(const char *what, u32 adv)
{
    printf("%-40s +%u\n", what, adv);
    for (u32 i = 0; i < 16; i += 8)
        printf("  %08x %08x %08x %08x %08x %08x %08x %08x\n", regs[i], regs[i + 1], regs[i + 2], regs[i + 3],
               regs[i + 4], regs[i + 5], regs[i + 6], regs[i + 7]);
}

/* d0-d7 preset to a pattern, run a load from src+off (base register %0, index %2 = 24), save d0-d7 */
#define LD(insn, off) do {                                                                          \
    u8 *p_ = src + (off); u32 *r_ = regs; u32 k_ = 24;                                              \
    __asm__ volatile(FPU "vmov.i8 q0, #0xee\n\tvmov.i8 q1, #0xdd\n\tvmov.i8 q2, #0xcc\n\tvmov.i8 q3, #0xbb\n\t" \
                     insn "\n\tvst1.32 {d0-d3}, [%1]!\n\tvst1.32 {d4-d7}, [%1]"                      \
                     : "+r"(p_), "+r"(r_) : "r"(k_) : "memory");                                    \
    dump(insn, (u32)(p_ - (src + (off))));                                                          \
} while (0)

/* d0-d7 loaded from src, buffer zeroed, run a store to buf (base %0, index %2 = 24), dump the buffer */
#define ST(insn) do {                                                                               \
    u8 *p_ = (u8 *)buf; const u8 *s_ = src + 64; u32 k_ = 24;                                       \
    for (u32 i_ = 0; i_ < 16; i_++) buf[i_] = 0;                                                    \
    __asm__ volatile(FPU "vld1.8 {d0-d3}, [%1]!\n\tvld1.8 {d4-d7}, [%1]\n\t" insn                   \
                     : "+r"(p_), "+r"(s_) : "r"(k_) : "memory");                                    \
    for (u32 i_ = 0; i_ < 16; i_++) regs[i_] = buf[i_];                                             \
    dump(insn, (u32)(p_ - (u8 *)buf));                                                              \
} while (0)

int main(void)
{
    fp_enable();
    for (u32 i = 0; i < 256; i++) src[i] = (u8)i;

    LD("vld2.8 {d0-d1}, [%0]", 0); LD("vld2.16 {d0,d2}, [%0 :128]!", 0); LD("vld2.32 {d0-d3}, [%0]!", 4);
    LD("vld2.8 {d4-d7}, [%0 :256], %2", 0); LD("vld3.8 {d0-d2}, [%0]!", 1); LD("vld3.16 {d1,d3,d5}, [%0 :64]", 8);
    LD("vld3.32 {d0-d2}, [%0], %2", 2); LD("vld4.8 {d0-d3}, [%0]!", 0); LD("vld4.16 {d0,d2,d4,d6}, [%0 :256]!", 0);
    LD("vld4.32 {d4-d7}, [%0 :64]", 8);
    LD("vld1.8 {d0[3]}, [%0]!", 5); LD("vld1.16 {d1[2]}, [%0 :16]", 2); LD("vld1.32 {d2[1]}, [%0 :32]!", 4);
    LD("vld2.8 {d0[1],d1[1]}, [%0 :16]!", 2); LD("vld2.16 {d0[3],d2[3]}, [%0]", 1);
    LD("vld2.32 {d3[0],d4[0]}, [%0 :64], %2", 8); LD("vld3.8 {d0[7],d1[7],d2[7]}, [%0]!", 3);
    LD("vld3.16 {d0[1],d2[1],d4[1]}, [%0]", 6); LD("vld3.32 {d1[1],d2[1],d3[1]}, [%0]!", 1);
    LD("vld4.8 {d0[2],d1[2],d2[2],d3[2]}, [%0 :32]!", 4); LD("vld4.16 {d0[0],d2[0],d4[0],d6[0]}, [%0 :64]", 8);
    LD("vld4.32 {d0[1],d1[1],d2[1],d3[1]}, [%0 :128]!", 16); LD("vld4.32 {d1[0],d3[0],d5[0],d7[0]}, [%0 :64]", 8);
    LD("vld1.8 {d0[]}, [%0]!", 9); LD("vld1.16 {d0[],d1[]}, [%0 :16]!", 2); LD("vld1.32 {d3[]}, [%0 :32], %2", 4);
    LD("vld2.8 {d0[],d1[]}, [%0]!", 3); LD("vld2.16 {d0[],d2[]}, [%0 :32]", 4); LD("vld2.32 {d5[],d6[]}, [%0 :64]!", 8);
    LD("vld3.8 {d0[],d1[],d2[]}, [%0]!", 7); LD("vld3.32 {d1[],d3[],d5[]}, [%0]", 2);
    LD("vld4.8 {d0[],d1[],d2[],d3[]}, [%0 :32]!", 4); LD("vld4.16 {d0[],d2[],d4[],d6[]}, [%0 :64]", 8);
    LD("vld4.32 {d4[],d5[],d6[],d7[]}, [%0 :128]!", 16); LD("vld4.32 {d0[],d1[],d2[],d3[]}, [%0 :64]", 8);

    ST("vst2.8 {d0-d1}, [%0]!"); ST("vst2.16 {d2,d4}, [%0 :128]"); ST("vst2.32 {d0-d3}, [%0 :256]!");
    ST("vst3.8 {d0-d2}, [%0]!"); ST("vst3.16 {d1,d3,d5}, [%0 :64], %2"); ST("vst4.8 {d0-d3}, [%0]!");
    ST("vst4.32 {d0,d2,d4,d6}, [%0 :128]"); ST("vst1.8 {d3[6]}, [%0]!"); ST("vst1.16 {d0[1]}, [%0 :16]");
    ST("vst1.32 {d7[1]}, [%0 :32]!"); ST("vst2.8 {d0[1],d1[1]}, [%0]!"); ST("vst2.32 {d1[1],d3[1]}, [%0 :64]");
    ST("vst3.16 {d0[2],d1[2],d2[2]}, [%0]!"); ST("vst4.8 {d4[7],d5[7],d6[7],d7[7]}, [%0 :32]!");
    ST("vst4.16 {d0[3],d2[3],d4[3],d6[3]}, [%0 :64], %2"); ST("vst4.32 {d0[0],d1[0],d2[0],d3[0]}, [%0 :128]");

    /* alignment hints fault whatever SCTLR.A says; element accesses may be unaligned */
    __asm__ volatile(FPU "vld2.16 {d0-d1}, [%0 :128]" : : "r"(src + 8) : "memory");
    __asm__ volatile(FPU "vld4.8 {d0[1],d1[1],d2[1],d3[1]}, [%0 :32]" : : "r"(src + 2) : "memory");
    __asm__ volatile(FPU "vld1.16 {d0[]}, [%0 :16]" : : "r"(src + 1) : "memory");
    __asm__ volatile(FPU "vst3.8 {d0-d2}, [%0 :64]" : : "r"(buf + 1) : "memory");
    LD("vld3.16 {d0-d2}, [%0]", 3);
    printf("aborts=%u\n", aborts);
    return 0;
}
