// The VMSA MMU of the core: PL1&0 stage 1, Hyp stage 1 and stage 2 (B3). This first version
// translates flat (MMU off everywhere); the walkers replace it.

import type { Cpu } from '../cpu/cpu';
import type { Access, AccessPL } from '../cpu/access';
import type { AtsOp, Mmu, TlbiOp } from './api';

export class VmsaMmu implements Mmu {
  constructor(private readonly cpu: Cpu) {}

  translate(va: number, _acc: Access, _pl: AccessPL): number {
    return va >>> 0;
  }

  tlbMaintenance(_op: TlbiOp, _arg: number): void {
    this.cpu.flushTlb();
  }

  translationRegsChanged(): void {
    this.cpu.flushTlb();
  }

  addressTranslate(_op: AtsOp, va: number): void {
    this.cpu.sys.parLo = (va & ~0xfff) >>> 0;
    this.cpu.sys.parHi = 0;
  }
}
