// ISR (Interrupt Status Register, B4.1.89): which of A/I/F is pending. From NS PL1 with HCR.AMO/IMO/FMO
// set, the bits show the virtual abort/IRQ/FIQ (HCR.VA/VI/VF or the GIC virtual lines) instead.

import type { Cpu } from '../cpu/cpu';

/** The interrupt inputs ISR reports (the machine's InterruptLines). */
export interface IsrLines {
  readonly irq: boolean;
  readonly fiq: boolean;
  readonly virq: boolean;
  readonly vfiq: boolean;
}

/** Interrupt inputs of each core, registered by the board. */
export const isrLines = new WeakMap<Cpu, IsrLines>();

const FMO = 1 << 3, IMO = 1 << 4, AMO = 1 << 5, VF = 1 << 6, VI = 1 << 7, VA = 1 << 8;

/** ISR value: A = bit 8, I = bit 7, F = bit 6 (QEMU isr_read: HCR routing applies at PL1 only). */
export function readIsr(cpu: Cpu): number {
  const l = isrLines.get(cpu);
  const hcr = cpu.pl === 1 ? cpu.sys.hcr : 0;
  let v = 0;
  if (hcr & IMO) { if ((hcr & VI) !== 0 || l?.virq) v |= 1 << 7; } else if (l?.irq) v |= 1 << 7;
  if (hcr & FMO) { if ((hcr & VF) !== 0 || l?.vfiq) v |= 1 << 6; } else if (l?.fiq) v |= 1 << 6;
  if ((hcr & AMO) !== 0 && (hcr & VA) !== 0) v |= 1 << 8;
  return v;
}
