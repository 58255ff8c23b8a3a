// Test scaffolding for the MMU: a CPU on a 4 MiB RAM bus at 0x4000_0000 with the real VmsaMmu,
// plus writers for 32-bit and 64-bit descriptors.

import { Bus } from '../../../emulator/memory/bus';
import { Cpu } from '../../../emulator/cpu/cpu';
import { VmsaMmu } from '../../../emulator/mmu/mmu';

export const RAM = 0x40000000;

export function machine(): { cpu: Cpu; mmu: VmsaMmu; bus: Bus } {
  const bus = new Bus(RAM, 1 << 22);
  const cpu = new Cpu(bus);
  const mmu = new VmsaMmu(cpu);
  cpu.mmu = mmu;
  return { cpu, mmu, bus };
}

export function w32(bus: Bus, pa: number, v: number): void {
  bus.write(pa, 4, v >>> 0);
}

/** Write a 64-bit descriptor given as a bigint. */
export function w64(bus: Bus, pa: number, v: bigint): void {
  bus.write(pa, 4, Number(v & 0xffffffffn));
  bus.write(pa + 4, 4, Number(v >> 32n));
}

/** Run fn and return the thrown value (GuestAbort), or fail. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a fault');
}
