#include "guest.h"

static const char *const exc_names[8] = {
    "reset", "undefined", "svc", "prefetch-abort",
    "data-abort", "hyp-trap", "irq", "fiq",
};

static const char *const hyp_exc_names[8] = {
    "reset", "undefined", "hvc", "prefetch-abort",
    "data-abort", "hyp-trap", "irq", "fiq",
};

const char *exc_name(u32 kind)
{
    return kind < 8 ? exc_names[kind] : "?";
}

const char *hyp_exc_name(u32 kind)
{
    return kind < 8 ? hyp_exc_names[kind] : "?";
}

__attribute__((weak)) void exc_handler(u32 kind, struct exc_frame *f)
{
    printf("UNEXPECTED %s lr=%08x spsr=%08x\n", exc_name(kind), f->lr, f->spsr);
    semihost_exit(0xe0 + kind);
}

__attribute__((weak)) void hyp_handler(u32 kind, struct hyp_frame *f)
{
    printf("UNEXPECTED HYP %s elr=%08x spsr=%08x hsr=%08x\n",
           hyp_exc_name(kind), f->elr, f->spsr, f->hsr);
    semihost_exit(0xe8 + kind);
}

const char *mode_name(u32 psr)
{
    switch (psr & 0x1f) {
    case MODE_USR: return "usr";
    case MODE_FIQ: return "fiq";
    case MODE_IRQ: return "irq";
    case MODE_SVC: return "svc";
    case MODE_MON: return "mon";
    case MODE_ABT: return "abt";
    case MODE_HYP: return "hyp";
    case MODE_UND: return "und";
    case MODE_SYS: return "sys";
    default: return "???";
    }
}

void print_flags(u32 psr)
{
    uart_putc(psr & PSR_N ? 'N' : 'n');
    uart_putc(psr & PSR_Z ? 'Z' : 'z');
    uart_putc(psr & PSR_C ? 'C' : 'c');
    uart_putc(psr & PSR_V ? 'V' : 'v');
    uart_putc(psr & PSR_Q ? 'Q' : 'q');
    uart_puts(" ge=");
    for (int i = 19; i >= 16; i--)
        uart_putc(psr & (1u << i) ? '1' : '0');
}
