/*
 * ARM semihosting (A32/T32).
 *
 * The trap instruction is `svc 0x123456` in ARM state and `svc 0xab` in Thumb
 * state (the classic v7 conventions, also used by newlib's rdimon). Compile
 * with -DSEMIHOST_HLT to use `hlt 0xf000` / `hlt 0x3c` instead. QEMU 7.2
 * accepts both forms in every mode except User (see README.md).
 */
#ifndef GUEST_SEMIHOST_H
#define GUEST_SEMIHOST_H

#include "types.h"

#define SYS_WRITEC          0x03
#define SYS_WRITE0          0x04
#define SYS_EXIT            0x18
#define SYS_EXIT_EXTENDED   0x20

#define ADP_Stopped_ApplicationExit 0x20026u

u32 semihost_call(u32 op, u32 arg);

/* Terminate the machine; the host process exits with `code`. Never returns. */
void semihost_exit(u32 code) __attribute__((noreturn));

/* Write a string through semihosting (QEMU prints it on stderr). */
void semihost_write0(const char *s);

/* Alias used by guests. */
#define guest_exit(code) semihost_exit(code)

#endif
