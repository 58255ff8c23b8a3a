/*
 * board.h - the QEMU virt board as the toy hypervisor and its guest see it:
 * physical addresses, the guest's intermediate physical addresses (IPA), interrupt numbers.
 */
#ifndef BOARD_H
#define BOARD_H

typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned char u8;

/* Physical devices (QEMU hw/arm/virt.c). */
#define UART_PA        0x09000000u
#define GICD_PA        0x08000000u
#define GICC_PA        0x08010000u
#define GICH_PA        0x08030000u   /* hypervisor control interface */
#define GICV_PA        0x08040000u   /* virtual CPU interface: the guest sees it as its GICC */

/* The guest's view (IPA space, built by hyp/stage2.c). */
#define GUEST_RAM_IPA  0x40000000u   /* 4 MiB of guest RAM (where virt puts RAM) ... */
#define GUEST_RAM_PA   0x41000000u   /* ... backed by this physical RAM */
#define GUEST_RAM_SIZE 0x00400000u
#define GUEST_UART_IPA UART_PA       /* passed through 1:1 */
#define GUEST_GICC_IPA GICC_PA       /* backed by GICV */
#define VDEV_IPA       0x0a000000u   /* emulated device: no stage-2 mapping on purpose */

/* Interrupt IDs (GIC INTIDs). */
#define IRQ_MAINTENANCE 25           /* GIC virtual interface maintenance (PPI 9) */
#define IRQ_HYP_TIMER   26           /* CNTHP (PPI 10) */
#define IRQ_VIRT_TIMER  27           /* CNTV  (PPI 11) */

/* Hypercalls: HVC #0 with the function number in r0, arguments in r1-r3. */
#define HC_PRINT 1                   /* r1 = guest virtual address of a NUL-terminated string */
#define HC_YIELD 2                   /* give the hypervisor a scheduling point */
#define HC_EXIT  3                   /* r1 = exit code: stop the machine */

/* The emulated device's registers (offsets in the VDEV page). */
#define VDEV_ID      0x00            /* read: 0x70790001 ("py" + version 1) */
#define VDEV_SCRATCH 0x04            /* read/write */
#define VDEV_DOUBLE  0x08            /* read: SCRATCH * 2 */

#endif
