/*
 * sysreg.h - named accessors for the CP15 registers the toy hypervisor and guest use.
 * Encodings from the ARM ARM (DDI 0406C) B4.1 / B3.17; hovering them in VS Code with hypscope
 * shows the register and its fields.
 */
#ifndef SYSREG_H
#define SYSREG_H
#include "board.h"

#define SYSREG32(name, opc1, crn, crm, opc2)                                         \
    static inline u32 read_##name(void) {                                            \
        u32 v; __asm__ volatile("mrc p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2 \
                                : "=r"(v)); return v; }                              \
    static inline void write_##name(u32 v) {                                         \
        __asm__ volatile("mcr p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2        \
                         : : "r"(v) : "memory"); }

#define SYSREG64(name, opc1, crm)                                                    \
    static inline u64 read_##name(void) {                                            \
        u32 lo, hi; __asm__ volatile("mrrc p15, " #opc1 ", %0, %1, " #crm            \
                                     : "=r"(lo), "=r"(hi)); return ((u64)hi << 32) | lo; } \
    static inline void write_##name(u64 v) {                                         \
        __asm__ volatile("mcrr p15, " #opc1 ", %0, %1, " #crm                        \
                         : : "r"((u32)v), "r"((u32)(v >> 32)) : "memory"); }

/* Guest (PL1) registers. */
SYSREG32(sctlr, 0, c1, c0, 0)
SYSREG32(cpacr, 0, c1, c0, 2)
SYSREG32(ttbr0, 0, c2, c0, 0)
SYSREG32(ttbcr, 0, c2, c0, 2)
SYSREG32(dacr, 0, c3, c0, 0)
SYSREG32(vbar, 0, c12, c0, 0)
SYSREG32(cntv_tval, 0, c14, c3, 0)
SYSREG32(cntv_ctl, 0, c14, c3, 1)
SYSREG32(cntfrq, 0, c14, c0, 0)
SYSREG64(par64, 0, c7)

/* Hyp registers (opc1 = 4; PL2 only). */
SYSREG32(hsctlr, 4, c1, c0, 0)
SYSREG32(hcr, 4, c1, c1, 0)
SYSREG32(hcptr, 4, c1, c1, 2)
SYSREG32(hstr, 4, c1, c1, 3)
SYSREG32(htcr, 4, c2, c0, 2)
SYSREG32(vtcr, 4, c2, c1, 2)
SYSREG32(hsr, 4, c5, c2, 0)
SYSREG32(hdfar, 4, c6, c0, 0)
SYSREG32(hpfar, 4, c6, c0, 4)
SYSREG32(hmair0, 4, c10, c2, 0)
SYSREG32(hvbar, 4, c12, c0, 0)
SYSREG32(cnthp_tval, 4, c14, c2, 0)
SYSREG32(cnthp_ctl, 4, c14, c2, 1)
SYSREG32(ats12nsopr, 0, c7, c8, 4)
SYSREG32(tlbiallnsnh, 4, c8, c7, 4)
SYSREG32(tlbiallh, 4, c8, c7, 0)
SYSREG64(httbr, 4, c2)
SYSREG64(vttbr, 6, c2)

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb sy" ::: "memory"); }

/* HCR bits (B4.1.65). */
#define HCR_VM   (1u << 0)
#define HCR_IMO  (1u << 4)
#define HCR_FMO  (1u << 3)
#define HCR_AMO  (1u << 5)
#define HCR_TWI  (1u << 13)
#define HCR_TSC  (1u << 19)
#define HCR_TVM  (1u << 26)

/* HCPTR: TCP10/TCP11 trap CP10/CP11 (VFP and Advanced SIMD) to Hyp mode. */
#define HCPTR_TCP_FP ((1u << 10) | (1u << 11))
#endif
