// Test helper: a CPU with 64 KiB of RAM and a flat MMU, in a chosen mode, for VE unit tests.
import { Cpu } from '../../../emulator/cpu/cpu';
import { Bus } from '../../../emulator/memory/bus';
import type { Mmu } from '../../../emulator/mmu/api';
import type { Mode } from '../../../emulator/cpu/psr';

export function makeCpu(mode: Mode): Cpu {
  const bus = new Bus(0x40000000, 0x10000);
  const cpu = new Cpu(bus);
  const calls: string[] = [];
  const mmu: Mmu & { calls: string[] } = {
    calls,
    translate: (va) => va >>> 0,
    tlbMaintenance: (op, arg) => { calls.push(`${op}:${arg}`); },
    translationRegsChanged: () => { calls.push('changed'); },
    addressTranslate: (op, va) => { calls.push(`${op}:${va}`); },
  };
  cpu.mmu = mmu;
  cpu.switchMode(mode);
  cpu.pc = 0x40001000;
  cpu.insnLen = 4;
  cpu.nextPc = cpu.pc + 4;
  cpu.r[15] = cpu.pc + 8;
  cpu.sys.hvbar = 0x40002000;
  cpu.sys.vbar = 0x40003000;
  return cpu;
}
