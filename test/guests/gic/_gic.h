/*
 * _gic.h - register map of QEMU virt's GICv2 (distributor, CPU interface,
 * virtual interface control GICH, virtual CPU interface GICV) and small
 * helpers for the gic/ guests. IHI 0048B chapter 4 (GICD/GICC) and 5 (GICH/GICV).
 */
#ifndef GUEST_GIC_H
#define GUEST_GIC_H

#include "guest.h"

#define GICD_BASE 0x08000000u
#define GICC_BASE 0x08010000u
#define GICH_BASE 0x08030000u
#define GICV_BASE 0x08040000u

#define REG(a) (*(volatile u32 *)(a))
#define REG8(a) (*(volatile u8 *)(a))

#define GICD(off) REG(GICD_BASE + (off))
#define GICC(off) REG(GICC_BASE + (off))
#define GICH(off) REG(GICH_BASE + (off))
#define GICV(off) REG(GICV_BASE + (off))

/* Distributor */
#define D_CTLR 0x000
#define D_TYPER 0x004
#define D_IIDR 0x008
#define D_IGROUPR 0x080
#define D_ISENABLER 0x100
#define D_ICENABLER 0x180
#define D_ISPENDR 0x200
#define D_ICPENDR 0x280
#define D_ISACTIVER 0x300
#define D_ICACTIVER 0x380
#define D_IPRIORITYR 0x400
#define D_ITARGETSR 0x800
#define D_ICFGR 0xc00
#define D_SGIR 0xf00
#define D_CPENDSGIR 0xf10
#define D_SPENDSGIR 0xf20
/* CPU interface (GICC and GICV share the layout) */
#define C_CTLR 0x00
#define C_PMR 0x04
#define C_BPR 0x08
#define C_IAR 0x0c
#define C_EOIR 0x10
#define C_RPR 0x14
#define C_HPPIR 0x18
#define C_ABPR 0x1c
#define C_AIAR 0x20
#define C_AEOIR 0x24
#define C_AHPPIR 0x28
#define C_APR0 0xd0
#define C_NSAPR0 0xe0
#define C_IIDR 0xfc
#define C_DIR 0x1000
/* Virtual interface control */
#define H_HCR 0x000
#define H_VTR 0x004
#define H_VMCR 0x008
#define H_MISR 0x010
#define H_EISR0 0x020
#define H_ELRSR0 0x030
#define H_APR 0x0f0
#define H_LR(n) (0x100 + 4 * (n))

#define LR_PENDING (1u << 28)
#define LR_ACTIVE (2u << 28)
#define LR_GRP1 (1u << 30)
#define LR_HW (1u << 31)
#define LR_EOI (1u << 19)
#define LR_PRIO(p) (((u32)(p) >> 3) << 23)

static inline void gic_enable_irq(u32 id)
{
    GICD(D_ISENABLER + 4 * (id / 32)) = 1u << (id % 32);
}
static inline void gic_disable_irq(u32 id)
{
    GICD(D_ICENABLER + 4 * (id / 32)) = 1u << (id % 32);
}
static inline void gic_set_prio(u32 id, u32 prio)
{
    REG8(GICD_BASE + D_IPRIORITYR + id) = (u8)prio;
}
static inline void irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("dsb sy\n\twfi" ::: "memory"); }

/* Generic timer CP15 registers (B8.2). */
#define write_cntp_ctl(v) MCR(p15, 0, c14, c2, 1, v)
#define read_cntp_ctl() MRC(p15, 0, c14, c2, 1)
#define write_cntp_tval(v) MCR(p15, 0, c14, c2, 0, v)
#define read_cntp_tval() MRC(p15, 0, c14, c2, 0)
#define write_cntv_ctl(v) MCR(p15, 0, c14, c3, 1, v)
#define read_cntv_ctl() MRC(p15, 0, c14, c3, 1)
#define write_cntv_tval(v) MCR(p15, 0, c14, c3, 0, v)
#define read_cntv_tval() MRC(p15, 0, c14, c3, 0)
#define write_cnthp_ctl(v) MCR(p15, 4, c14, c2, 1, v)
#define read_cnthp_ctl() MRC(p15, 4, c14, c2, 1)
#define write_cnthp_tval(v) MCR(p15, 4, c14, c2, 0, v)
#define read_cnthp_tval() MRC(p15, 4, c14, c2, 0)
#define read_cntp_cval() MRRC(p15, 2, c14)
#define write_cntp_cval(v) MCRR(p15, 2, c14, v)
#define read_cntv_cval() MRRC(p15, 3, c14)
#define write_cntv_cval(v) MCRR(p15, 3, c14, v)
#define read_cntvoff() MRRC(p15, 4, c14)
#define write_cntvoff(v) MCRR(p15, 4, c14, v)
#define read_cnthp_cval() MRRC(p15, 6, c14)
#define write_cnthp_cval(v) MCRR(p15, 6, c14, v)
#define read_cntkctl() MRC(p15, 0, c14, c1, 0)
#define write_cntkctl(v) MCR(p15, 0, c14, c1, 0, v)
#define read_cnthctl() MRC(p15, 4, c14, c1, 0)
#define write_cnthctl(v) MCR(p15, 4, c14, c1, 0, v)

/* PSCI through SMC #0 (QEMU virt with virtualization=on). */
static inline u32 psci_call(u32 fn, u32 a1, u32 a2, u32 a3)
{
    register u32 r0 __asm__("r0") = fn;
    register u32 r1 __asm__("r1") = a1;
    register u32 r2 __asm__("r2") = a2;
    register u32 r3 __asm__("r3") = a3;
    __asm__ volatile("smc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    return r0;
}

#endif
