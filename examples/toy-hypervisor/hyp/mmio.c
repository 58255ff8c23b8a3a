/*
 * mmio.c - an emulated device: the guest's accesses to VDEV_IPA have no stage-2 mapping, so each
 * one traps as a data abort whose syndrome (ISV, SAS, SRT, WnR: ARM ARM B3.13.6) says what to do.
 */
#include "hyp.h"
#include "uart.h"

static u32 scratch;

void mmio_emulate(struct frame *f, u32 hsr, u32 ipa)
{
    if (!(hsr & (1u << 24)))            /* ISV = 0: LDM, LDRD, ... we cannot emulate those */
        hyp_panic("MMIO access without a valid syndrome", hsr, f->elr);
    if ((ipa & ~0xfffu) != VDEV_IPA)
        hyp_panic("stage-2 fault outside the emulated device", hsr, f->elr);

    u32 srt = (hsr >> 16) & 15;         /* the register transferred */
    u32 write = (hsr >> 6) & 1;         /* WnR */
    u32 off = ipa & 0xfff;
    u32 value;

    if (write) {
        value = guest_reg_get(f, srt);
        if (off == VDEV_SCRATCH) scratch = value;
        uart_puts("[hyp] vdev write ");
    } else {
        value = off == VDEV_ID ? 0x70790001u : off == VDEV_SCRATCH ? scratch : off == VDEV_DOUBLE ? scratch * 2 : 0;
        guest_reg_set(f, srt, value);
        uart_puts("[hyp] vdev read ");
    }
    uart_hex(off);
    uart_puts(write ? " <- " : " -> ");
    uart_hex(value);
    uart_puts("\n");
}
