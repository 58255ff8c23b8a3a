// QEMU's `virt` machine (hw/arm/virt.c) as a 32-bit board: memory map and the CPU state at the
// entry of an ELF loaded with -kernel on `-M virt,virtualization=on -cpu cortex-a15`.

import type { Cpu } from '../cpu/cpu';
import { Mode } from '../cpu/psr';

export const VIRT = {
  flash: 0x0000_0000,
  gicd: 0x0800_0000,
  gicc: 0x0801_0000,
  gich: 0x0803_0000,
  gicv: 0x0804_0000,
  uart: 0x0900_0000,
  ram: 0x4000_0000,
  defaultRam: 128 * 1024 * 1024,
  /** Raw images go where QEMU puts a Linux kernel image: RAM + 64 KiB. */
  rawLoadAddress: 0x4001_0000,
  /** INTIDs of the PPIs and SPIs QEMU wires (virt.h/bsa.h). */
  irq: { maintenance: 25, hypTimer: 26, virtTimer: 27, secPhysTimer: 29, physTimer: 30, uart: 33 },
} as const;

/**
 * CPU state at the program entry, measured on QEMU 7.2 (test/guests/README.md "QEMU boot facts"):
 * an AArch32 core with EL2 but no EL3 resets into Hyp mode, CPSR = 0x400001da (A, I, F masked,
 * and Z set: QEMU's reset leaves its internal zero-flag word at 0, which reads as Z = 1);
 * r0-r14 are zero; SCTLR/HSCTLR hold their reset values.
 */
export function bootState(cpu: Cpu, entry: number): void {
  cpu.r.fill(0);
  cpu.usrHi.fill(0);
  cpu.fiqHi.fill(0);
  cpu.spBank.fill(0);
  cpu.lrBank.fill(0);
  cpu.spsrBank.fill(0);
  cpu.elrHyp = 0;
  cpu.fp.w.fill(0);
  cpu.setCPSR((0x40000000 | Mode.HYP | 0x1c0 | ((entry & 1) << 5)) >>> 0);
  cpu.pc = (entry & ~1) >>> 0;
  cpu.nextPc = cpu.pc;
  cpu.exclusiveAddr = -1;
  cpu.event = 0;
  cpu.attention = true;
}
