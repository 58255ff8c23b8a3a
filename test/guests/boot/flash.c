/*
 * flash.c - the virt board's two CFI flash banks (QEMU pflash_cfi01, no -bios/-pflash image): they read
 * as zeros, execute (zeros are ANDEQ r0, r0, r0), and answer the Intel command set: read array, status,
 * device ID, CFI query, word program, write-to-buffer, block erase, lock/unlock, clear status.
 * Writes never fault. Expected output measured on QEMU 7.2 (see emulator/board/pflash.ts).
 */
#include "guest.h"

typedef u32 (*fn_t)(u32);
#define F(i) (((volatile u32 *)0)[i])
#define G(i) (((volatile u32 *)0x04000000)[i])

static void zeros_execute(void) {
    /* Program "bx lr" after four zero words in bank 1 and call the zeros: they run as ANDEQ. */
    G(0x40404) = 0x00400040;
    G(0x40404) = 0xe12fff1e;
    G(0) = 0x00ff00ff;
    u32 r = ((fn_t)0x04101000)(0x1234);
    printf("zeros ran: %x\n", r);
}

static void status_and_cfi(void) {
    F(0) = 0x70;
    printf("status0: %x %x\n", F(0), G(0));
    F(0) = 0x98;
    printf("cfi:");
    for (int i = 0; i < 0x48; i++) printf(" %x", F(i));
    printf("\n");
    printf("cfi16: %x %x\n", ((volatile u16 *)0)[0x20], ((volatile u8 *)0)[0x42]);
    F(0) = 0xff;
    F(0) = 0x50;
    printf("clr: %x\n", F(0));
    F(0) = 0x70;
    printf("st: %x\n", F(0));
    F(0) = 0xff;
}

static void buffer_write(void) {
    G(0x10) = 0xe8; G(0x10) = 3; G(0x10) = 0x11; G(0x11) = 0x22; G(0x12) = 0x33; G(0x13) = 0x44;
    printf("buf st: %x\n", G(0));
    G(0x10) = 0xd0;
    printf("buf st2: %x\n", G(0));
    G(0) = 0xff;
    printf("buf: %x %x %x %x %x\n", G(0x10), G(0x11), G(0x12), G(0x13), G(0x14));
}

static void program_and_id(void) {
    printf("read: %x %x %x %x\n", F(0), F(64), G(0), ((volatile u32 *)0x03fffffc)[0]);
    F(64) = 0x12345678;
    printf("after junk: %x %x\n", F(64), F(0));
    F(0) = 0x00900090;
    printf("id: %x %x %x %x\n", F(0), F(1), F(2), F(3));
    printf("id bytes: %x %x %x\n", ((volatile u8 *)0)[0], ((volatile u16 *)0)[1], ((volatile u8 *)0)[4]);
    F(0) = 0x00ff00ff;
    printf("array: %x %x\n", F(0), F(1));
    F(0x80) = 0x00400040;
    F(0x80) = 0xe12fff1e;
    printf("status: %x %x\n", F(0x80), F(0));
    F(0) = 0x00ff00ff;
    printf("prog: %x\n", F(0x80));
    printf("call: %x\n", ((fn_t)0x200)(5));
    F(0x81) = 0x00400040; F(0x81) = 0xffffffff; F(0) = 0x00ff00ff;
    F(0x82) = 0x00400040; F(0x82) = 0x0; F(0) = 0x00ff00ff;
    printf("prog2: %x %x\n", F(0x81), F(0x82));
    ((volatile u8 *)0)[0x400] = 0x40;
    ((volatile u8 *)0)[0x400] = 0x55;
    F(0) = 0x00ff00ff;
    printf("prog8: %x\n", F(0x100));
}

static void erase_and_odd_sequences(void) {
    F(0x40) = 0x00200020;
    F(0x40) = 0x00d000d0;
    printf("erase status: %x\n", F(0x40));
    F(0) = 0x00ff00ff;
    printf("after erase: %x %x %x\n", F(0x80), F(0x40), F(0x10000));
    F(0) = 0x60; F(0) = 0xd0;
    printf("unlock: %x\n", F(0));
    F(0) = 0x60; F(0) = 0x33;
    printf("unlock2: %x\n", F(0));
    F(0) = 0x20; F(0) = 0x33;
    printf("erase bad: %x\n", F(0));
    F(0) = 0x98; F(0) = 0x12;
    printf("cfi stay: %x\n", F(0x10));
    F(0) = 0x00;
    printf("cfi stay2: %x\n", F(0x10));
    ((volatile u16 *)0)[8] = 0x40; ((volatile u16 *)0)[8] = 0xabcd;
    printf("st16: %x %x\n", ((volatile u16 *)0)[0], ((volatile u8 *)0)[1]);
    F(0) = 0xff;
    printf("prog16: %x\n", F(4));
    F(0) = 0x70; F(0) = 0x12;
    printf("st junk: %x\n", F(4));
    F(0) = 0x40;
    printf("st byte: %x %x\n", ((volatile u8 *)0)[0], ((volatile u16 *)0)[3]);
    F(0) = 0x55;
    F(0) = 0xff;
}

int main(void) {
    zeros_execute();
    program_and_id();
    status_and_cfi();
    buffer_write();
    erase_and_odd_sequences();
    return 0;
}
