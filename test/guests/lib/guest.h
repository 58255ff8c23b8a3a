/*
 * guest.h - umbrella header for hypscope test guests.
 *
 * A guest is a bare-metal program for QEMU's virt board (Cortex-A15). It
 * prints its results on the PL011 UART and returns an exit code from main()
 * (crt0 passes it to semihosting SYS_EXIT_EXTENDED).
 *
 * By default crt0 drops from Hyp (QEMU's boot mode) to SVC before main().
 * A guest that wants to stay in Hyp mode writes GUEST_BOOT_HYP; at file scope.
 */
#ifndef GUEST_H
#define GUEST_H

#include "types.h"
#include "uart.h"
#include "semihost.h"
#include "sysreg.h"
#include "exc.h"

/* Place at file scope: main() is entered in Hyp mode instead of SVC. */
#define GUEST_BOOT_HYP const u32 guest_boot_hyp = 1

/*
 * Execute one instruction (string) with r0 = val and return r0 afterwards,
 * e.g. INSN_R0("hvc #0x10", 5). Use this rather than a `register ... asm("r0")`
 * variable that lives across calls (GCC does not keep those in r0).
 */
#define INSN_R0(insn, val) ({                                                 \
    register u32 r0_ __asm__("r0") = (u32)(val);                              \
    __asm__ volatile(insn : "+r"(r0_) : : "memory");                          \
    r0_; })

/* Print NZCVQ + GE of a PSR value as e.g. "nZCv q ge=0101". */
void print_flags(u32 psr);

/* Name of a mode ("usr", "svc", "hyp", ...) for a PSR value. */
const char *mode_name(u32 psr);

#endif
