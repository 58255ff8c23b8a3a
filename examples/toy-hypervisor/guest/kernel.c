/*
 * kernel.c - a tiny guest kernel that thinks it owns the machine. Each step pokes at something
 * the hypervisor virtualizes: hypercalls, an emulated device, its MMU (trapped by HCR.TVM), SMC,
 * WFI with a virtual timer interrupt, a PMU access (HSTR), and a user task that touches the FPU.
 */
#include "guest.h"
#include "sysreg.h"
#include "uart.h"

#define GICC(off) (*(volatile u32 *)(GUEST_GICC_IPA + (off)))
#define VDEV(off) (*(volatile u32 *)(VDEV_IPA + (off)))

static u32 l1_table[4096] __attribute__((aligned(16384)));
static volatile int vtimer_ticks;
static u32 user_stack[256] __attribute__((section(".user_bss"), aligned(8)));

static void say(const char *s) { hypercall(HC_PRINT, (u32)s); }

/* Short-descriptor section entries (ARM ARM B3.5.1): 1 MiB, domain 0. */
#define SECT           0x2u
#define SECT_AP_PL1    (1u << 10)            /* AP = 01: privileged read/write only */
#define SECT_AP_ALL    (3u << 10)            /* AP = 11: user read/write too */
#define SECT_NORMAL    ((1u << 12) | 0xcu)   /* TEX = 001, C = 1, B = 1: write-back */
#define SECT_DEVICE    0x4u                  /* TEX = 000, C = 0, B = 1: shareable device */
#define SECT_XN        0x10u

static void map_section(u32 va, u32 flags) { l1_table[va >> 20] = (va & 0xfff00000u) | SECT | flags; }

static void mmu_on(void)
{
    for (u32 mb = 0; mb < 3; mb++)
        map_section(GUEST_RAM_IPA + (mb << 20), SECT_NORMAL | SECT_AP_PL1);
    map_section(GUEST_RAM_IPA + 0x300000, SECT_NORMAL | SECT_AP_ALL);   /* the user task's MiB */
    map_section(GUEST_UART_IPA, SECT_DEVICE | SECT_AP_PL1 | SECT_XN);
    map_section(GUEST_GICC_IPA, SECT_DEVICE | SECT_AP_PL1 | SECT_XN);
    map_section(VDEV_IPA, SECT_DEVICE | SECT_AP_PL1 | SECT_XN);
    __asm__ volatile("dsb sy" ::: "memory");
    /* Each of these writes traps to the hypervisor (HCR.TVM), which performs it for us. */
    write_ttbcr(0);
    write_ttbr0((u32)l1_table);
    write_dacr(0x55555555u);                 /* every domain: client, permissions checked */
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0\n dsb sy\n isb" : : "r"(0) : "memory"); /* TLBIALL */
    write_sctlr(read_sctlr() | 1u | (1u << 2) | (1u << 12));               /* M, C, I */
    isb();
}

static void emulated_device(void)
{
    u32 id = VDEV(VDEV_ID);                  /* each access is a stage-2 fault the hyp emulates */
    VDEV(VDEV_SCRATCH) = 21;
    u32 twice = VDEV(VDEV_DOUBLE);
    uart_puts("[guest] vdev id ");
    uart_hex(id);
    uart_puts(", 21 * 2 = ");
    uart_dec(twice);
    uart_puts("\n");
}

static void virtual_timer(void)
{
    GICC(0x004) = 0xf0;                      /* GICC_PMR (really GICV) */
    GICC(0x000) = 1;                         /* GICC_CTLR: enable */
    write_cntv_tval(100000);
    write_cntv_ctl(1);                       /* enable the virtual timer */
    /* Sleep until it fires. WFI traps to the hypervisor (HCR.TWI); IRQs stay masked while we
       sleep, and are unmasked briefly to take the interrupt, so nothing is lost in between. */
    while (!vtimer_ticks)
        __asm__ volatile("wfi\n cpsie i\n isb\n cpsid i" ::: "memory");
    say("back from WFI after the virtual timer interrupt\n");
}

void guest_irq(void)
{
    u32 iar = GICC(0x00c);                   /* GICC_IAR */
    if ((iar & 0x3ff) == IRQ_VIRT_TIMER) {
        write_cntv_ctl(0);                   /* stop the timer: the level drops */
        vtimer_ticks++;
        uart_puts("[guest] virtual timer interrupt (IRQ 27) handled\n");
    }
    GICC(0x010) = iar;                       /* GICC_EOIR */
}

/* Lazy FP, guest side: the first FP instruction of the user task is UNDEFINED until we open the
   unit. CPACR is checked before the hypervisor's HCPTR, and FPEXC.EN after both. */
void guest_undef(u32 addr, u32 thumb)
{
    /* A 32-bit Thumb instruction is two halfwords, the first one at the lower address. */
    u32 insn = thumb ? ((u32)*(volatile unsigned short *)addr << 16) | *(volatile unsigned short *)(addr + 2)
                     : *(volatile u32 *)addr;
    int fp = ((insn >> 24) & 0xf) == 0xe && ((insn >> 9) & 7) == 5;
    if (!fp) {
        uart_puts("[guest] undefined instruction at ");
        uart_hex(addr);
        uart_puts("\n");
        hypercall(HC_EXIT, 1);
    }
    if (((read_cpacr() >> 20) & 0xf) != 0xf) {
        uart_puts("[guest] FP access denied by CPACR: granting cp10/cp11\n");
        write_cpacr(read_cpacr() | (0xfu << 20));
    } else if (!(read_fpexc() & (1u << 30))) {
        uart_puts("[guest] FPEXC.EN is clear: switching the FP unit on\n");
        write_fpexc(1u << 30);
    }
    isb();
}

void guest_syscall(u32 arg, u32 n)
{
    if (n == SYS_PRINT) {
        uart_puts("[user] ");
        uart_puts((const char *)arg);
    } else if (n == SYS_HEX) {
        uart_hex(arg);
        uart_puts("\n");
    }
}

void kernel_main(void)
{
    say("hello from the guest kernel (SVC mode, stage 2 on)\n");
    emulated_device();
    mmu_on();
    say("stage-1 MMU is on\n");

    register u32 r0 __asm__("r0") = 0x84000000u;   /* PSCI_VERSION */
    __asm__ volatile("smc #0" : "+r"(r0) : : "memory");
    uart_puts("[guest] PSCI version ");
    uart_hex(r0);
    uart_puts("\n");

    virtual_timer();
    hypercall(HC_YIELD, 0);
    say("yield returned\n");

    u32 pmcr;
    __asm__ volatile("mrc p15, 0, %0, c9, c12, 0" : "=r"(pmcr));   /* PMCR: HSTR.T9 traps it */
    uart_puts("[guest] PMCR reads ");
    uart_hex(pmcr);
    uart_puts("\n");

    run_user(user_main, &user_stack[256]);
    say("user task finished; goodbye\n");
    hypercall(HC_EXIT, 0);
}
