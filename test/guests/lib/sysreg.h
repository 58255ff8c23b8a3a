/*
 * CP15 and PSR access helpers.
 *
 *   u32 v = MRC(p15, 0, c0, c0, 0);        // MIDR
 *   MCR(p15, 0, c12, c0, 0, vbar);         // VBAR
 *   u64 t = MRRC(p15, 0, c14);             // CNTPCT
 *   MCRR(p15, 4, c2, v);                   // HTTBR
 */
#ifndef GUEST_SYSREG_H
#define GUEST_SYSREG_H

#include "types.h"

#define MRC(cp, op1, crn, crm, op2) ({                                           \
    u32 v_;                                                                      \
    __asm__ volatile("mrc " #cp ", " #op1 ", %0, " #crn ", " #crm ", " #op2      \
                     : "=r"(v_) : : "memory");                                   \
    v_; })

#define MCR(cp, op1, crn, crm, op2, val) do {                                    \
    u32 v_ = (u32)(val);                                                         \
    __asm__ volatile("mcr " #cp ", " #op1 ", %0, " #crn ", " #crm ", " #op2      \
                     : : "r"(v_) : "memory");                                    \
} while (0)

#define MRRC(cp, op1, crm) ({                                                    \
    u32 lo_, hi_;                                                                \
    __asm__ volatile("mrrc " #cp ", " #op1 ", %0, %1, " #crm                     \
                     : "=r"(lo_), "=r"(hi_) : : "memory");                       \
    ((u64)hi_ << 32) | lo_; })

#define MCRR(cp, op1, crm, val) do {                                             \
    u64 v_ = (u64)(val);                                                         \
    __asm__ volatile("mcrr " #cp ", " #op1 ", %0, %1, " #crm                     \
                     : : "r"((u32)v_), "r"((u32)(v_ >> 32)) : "memory");         \
} while (0)

#define ISB() __asm__ volatile("isb" ::: "memory")
#define DSB() __asm__ volatile("dsb sy" ::: "memory")
#define DMB() __asm__ volatile("dmb sy" ::: "memory")

static inline u32 read_cpsr(void)
{
    u32 v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

static inline u32 read_spsr(void)
{
    u32 v;
    __asm__ volatile("mrs %0, spsr" : "=r"(v));
    return v;
}

static inline u32 read_sp(void)
{
    u32 v;
    __asm__ volatile("mov %0, sp" : "=r"(v));
    return v;
}

/* Identification */
#define read_midr()      MRC(p15, 0, c0, c0, 0)
#define read_mpidr()     MRC(p15, 0, c0, c0, 5)
#define read_ctr()       MRC(p15, 0, c0, c0, 1)
#define read_id_pfr1()   MRC(p15, 0, c0, c1, 1)
/* PL1 system control */
#define read_sctlr()     MRC(p15, 0, c1, c0, 0)
#define write_sctlr(v)   MCR(p15, 0, c1, c0, 0, v)
#define read_cpacr()     MRC(p15, 0, c1, c0, 2)
#define write_cpacr(v)   MCR(p15, 0, c1, c0, 2, v)
#define read_vbar()      MRC(p15, 0, c12, c0, 0)
#define write_vbar(v)    MCR(p15, 0, c12, c0, 0, v)
#define read_dfsr()      MRC(p15, 0, c5, c0, 0)
#define read_ifsr()      MRC(p15, 0, c5, c0, 1)
#define read_dfar()      MRC(p15, 0, c6, c0, 0)
#define read_ifar()      MRC(p15, 0, c6, c0, 2)
#define read_ttbcr()     MRC(p15, 0, c2, c0, 2)
#define write_ttbcr(v)   MCR(p15, 0, c2, c0, 2, v)
#define write_ttbr0(v)   MCR(p15, 0, c2, c0, 0, v)
#define write_dacr(v)    MCR(p15, 0, c3, c0, 0, v)
#define read_tpidrurw()  MRC(p15, 0, c13, c0, 2)
#define write_tpidrurw(v) MCR(p15, 0, c13, c0, 2, v)
/* Hyp (PL2) registers */
#define read_hsctlr()    MRC(p15, 4, c1, c0, 0)
#define write_hsctlr(v)  MCR(p15, 4, c1, c0, 0, v)
#define read_hcr()       MRC(p15, 4, c1, c1, 0)
#define write_hcr(v)     MCR(p15, 4, c1, c1, 0, v)
#define read_hdcr()      MRC(p15, 4, c1, c1, 1)
#define write_hdcr(v)    MCR(p15, 4, c1, c1, 1, v)
#define read_hcptr()     MRC(p15, 4, c1, c1, 2)
#define write_hcptr(v)   MCR(p15, 4, c1, c1, 2, v)
#define read_hstr()      MRC(p15, 4, c1, c1, 3)
#define write_hstr(v)    MCR(p15, 4, c1, c1, 3, v)
#define read_hvbar()     MRC(p15, 4, c12, c0, 0)
#define write_hvbar(v)   MCR(p15, 4, c12, c0, 0, v)
#define read_hsr()       MRC(p15, 4, c5, c2, 0)
#define read_hdfar()     MRC(p15, 4, c6, c0, 0)
#define read_hifar()     MRC(p15, 4, c6, c0, 2)
#define read_hpfar()     MRC(p15, 4, c6, c0, 4)
#define read_vtcr()      MRC(p15, 4, c2, c1, 2)
#define write_vtcr(v)    MCR(p15, 4, c2, c1, 2, v)
#define read_htcr()      MRC(p15, 4, c2, c0, 2)
#define write_htcr(v)    MCR(p15, 4, c2, c0, 2, v)
#define read_vpidr()     MRC(p15, 4, c0, c0, 0)
#define write_vpidr(v)   MCR(p15, 4, c0, c0, 0, v)
#define read_vmpidr()    MRC(p15, 4, c0, c0, 5)
#define write_vmpidr(v)  MCR(p15, 4, c0, c0, 5, v)
#define read_vttbr()     MRRC(p15, 6, c2)
#define write_vttbr(v)   MCRR(p15, 6, c2, v)
#define read_httbr()     MRRC(p15, 4, c2)
#define write_httbr(v)   MCRR(p15, 4, c2, v)
/* Generic timer */
#define read_cntfrq()    MRC(p15, 0, c14, c0, 0)
#define read_cntpct()    MRRC(p15, 0, c14)
#define read_cntvct()    MRRC(p15, 1, c14)

/* ELR_hyp (banked special register; readable from Hyp mode). */
static inline u32 read_elr_hyp(void)
{
    u32 v;
    __asm__ volatile("mrs %0, elr_hyp" : "=r"(v));
    return v;
}

static inline void write_elr_hyp(u32 v)
{
    __asm__ volatile("msr elr_hyp, %0" : : "r"(v));
}

/* PSR mode numbers */
#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_MON 0x16
#define MODE_ABT 0x17
#define MODE_HYP 0x1a
#define MODE_UND 0x1b
#define MODE_SYS 0x1f

#define PSR_N (1u << 31)
#define PSR_Z (1u << 30)
#define PSR_C (1u << 29)
#define PSR_V (1u << 28)
#define PSR_Q (1u << 27)
#define PSR_A (1u << 8)
#define PSR_I (1u << 7)
#define PSR_F (1u << 6)
#define PSR_T (1u << 5)

#endif
