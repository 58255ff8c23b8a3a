/*
 * no_dtb.c - an ELF linked at 0x40010000 (lib/link.ld) leaves no room for QEMU's 1 MiB DTB below it, so
 * QEMU 7.2 writes none: the start of RAM reads as zeros; the flash banks read as zeros too.
 * Expected output measured on QEMU 7.2 (test/guests/README.md "QEMU boot facts").
 */
#include "guest.h"

GUEST_BOOT_HYP;

int main(void) {
    volatile u32 *ram = (volatile u32 *)0x40000000;
    u32 any = 0;
    for (u32 i = 0; i < 0x10000 / 4; i++) any |= ram[i];
    printf("ram start: %x %x %x %x, any nonzero below image: %x\n", ram[0], ram[1], ram[2], ram[3], any);
    volatile u32 *flash = (volatile u32 *)0;
    printf("flash: %x %x %x\n", flash[0], flash[0x1000000 - 1], flash[0x1000000]);
    printf("cpsr: %x\n", read_cpsr() & 0x1f);
    return 0x11;
}
