/*
 * User mode: enter via MOVS PC, LR (SPSR = usr), then in User: MRS CPSR,
 * MSR CPSR_fsxc (only flags change), CPS (no effect), MRS SPSR and banked
 * MRS (UNDEFINED), LDRT/STRT, reading CNTFRQ/MIDR... (MIDR is PL1 -> UNDEF),
 * TPIDRURW write/read, SVC back to SVC mode.
 */
#include "_common.h"

static volatile u32 undefs;

void exc_handler(u32 kind, struct exc_frame *f)
{
    if (kind == EXC_UND) {
        undefs++;
        printf("  undef at +%u spsr=%08x\n", f->lr - 4 - f->r[12], f->spsr);
        return; /* resume at next instruction */
    }
    if (kind == EXC_SVC) {
        /* back to SVC mode: resume at the address user code put in r0 with SVC-mode PSR */
        printf("  svc from %s imm=%06x\n", mode_name(f->spsr), *(const u32 *)(f->lr - 4) & 0xffffff);
        f->ret = f->r[0];
        f->spsr = 0x600001d3;
        return;
    }
    printf("UNEXPECTED %s\n", exc_name(kind));
    semihost_exit(0xe0 + kind);
}

u32 ALIGNED(4) cell = 0x12345678;
u32 user_cpsr[4];

void NOINLINE __attribute__((used)) user_code(void);
void NOINLINE __attribute__((used)) user_code(void)
{
    u32 v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    user_cpsr[0] = v;
    __asm__ volatile("msr cpsr_fsxc, %1\n\tmrs %0, cpsr" : "=r"(v) : "r"(0xf80f01d3));
    user_cpsr[1] = v;
    __asm__ volatile("msr cpsr_f, #0\n\tcps #0x13\n\tmrs %0, cpsr" : "=r"(v));
    user_cpsr[2] = v;
}

int main(void)
{
    printf("enter user\n");
    __asm__ volatile(
        "push {r4-r11}\n\t"
        "mrs r4, spsr\n\t"
        "mov r1, #0x10\n\t"           /* usr, interrupts enabled */
        "msr spsr_fsxc, r1\n\t"
        "adr lr, 1f\n\t"
        "movs pc, lr\n"
        "1:\n\t"
        "bl user_code\n\t"
        "adr r12, 2f\n"               /* r12: base for reporting undef offsets */
        "2:\n\t"
        "mrs r1, spsr\n\t"            /* +0: UNDEFINED in User (unpredictable; QEMU: UNDEF) */
        "mrs r1, r8_fiq\n\t"          /* +4: UNDEFINED */
        "mrc p15, 0, r1, c0, c0, 0\n\t" /* +8: MIDR at PL0: UNDEFINED */
        "mcr p15, 0, r12, c13, c0, 2\n\t" /* TPIDRURW: allowed */
        "mrc p15, 0, r5, c13, c0, 2\n\t"
        "ldr r6, =cell\n\t"
        "ldrt r7, [r6]\n\t"
        "adr r0, 3f\n\t"
        "svc #0x55\n"
        "3:\n\t"
        "msr spsr_fsxc, r4\n\t"
        "sub r5, r5, r12\n\t"
        "ldr r6, =user_cpsr\n\t"
        "str r5, [r6, #12]\n\t"
        "pop {r4-r11}"
        : : : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
    printf("back in %s, undefs=%u\n", mode_name(read_cpsr()), undefs);
    printf("user cpsr=%08x after msr=%08x after cps=%08x tpidrurw-off=%u\n",
           user_cpsr[0], user_cpsr[1], user_cpsr[2], user_cpsr[3]);
    printf("cell=%08x\n", cell);
    return 0;
}
