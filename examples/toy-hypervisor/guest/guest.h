/*
 * guest.h - what the guest kernel and its user task share: hypercalls (HVC), system calls (SVC)
 * and the FP status accessors used by the lazy-FP demonstration.
 */
#ifndef GUEST_H
#define GUEST_H
#include "board.h"

static inline u32 hypercall(u32 fn, u32 arg)
{
    register u32 r0 __asm__("r0") = fn;
    register u32 r1 __asm__("r1") = arg;
    __asm__ volatile("hvc #0" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static inline void syscall(u32 nr, u32 arg)
{
    register u32 r0 __asm__("r0") = arg;
    register u32 r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
}

#define SYS_EXIT  0
#define SYS_PRINT 1
#define SYS_HEX   2

static inline u32 read_fpscr(void) { u32 v; __asm__ volatile(".fpu vfpv3\n vmrs %0, fpscr" : "=r"(v)); return v; }
static inline void write_fpscr(u32 v) { __asm__ volatile(".fpu vfpv3\n vmsr fpscr, %0" : : "r"(v)); }
static inline u32 read_fpexc(void) { u32 v; __asm__ volatile(".fpu vfpv3\n vmrs %0, fpexc" : "=r"(v)); return v; }
static inline void write_fpexc(u32 v) { __asm__ volatile(".fpu vfpv3\n vmsr fpexc, %0" : : "r"(v)); }

void user_main(void);
void run_user(void (*entry)(void), u32 *sp);
#endif
