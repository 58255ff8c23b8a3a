// GICv2 physical CPU interface registers (GICC, QEMU virt 0x0801_0000, DIR at +0x1000) decoded onto
// the Gic state. IHI 0048B section 4.4 (CPU interface register descriptions).

import type { MmioDevice } from '../memory/bus';
import { CTLR_MASK, Gic, IDLE_PRIORITY, NR_APRS } from './gic';

/** GICC_IIDR: architecture version 2, ARM implementer 0x43B (QEMU 7.2 reads 0x0002043B). */
export const GICC_IIDR = 0x0002043b;

export class GicCpuInterface implements MmioDevice {
  readonly name = 'gic-cpu';

  constructor(private readonly gic: Gic) {}

  read(offset: number, size: 1 | 2 | 4): number {
    const v = this.readWord(offset & ~3, true);
    return size === 4 ? v : (v >>> (8 * (offset & 3))) & (size === 1 ? 0xff : 0xffff);
  }

  /** Side-effect-free read: everything except GICC_IAR (which acknowledges). */
  peek(offset: number, size: 1 | 2 | 4): number | undefined {
    if ((offset & ~3) === 0x0c) return undefined;
    const v = this.readWord(offset & ~3, false);
    return size === 4 ? v : (v >>> (8 * (offset & 3))) & (size === 1 ? 0xff : 0xffff);
  }

  write(offset: number, _size: 1 | 2 | 4, value: number): void {
    const g = this.gic;
    switch (offset & ~3) {
      case 0x00: // GICC_CTLR
        g.cctlr = value & CTLR_MASK;
        g.update();
        return;
      case 0x04: // GICC_PMR: all 8 priority bits implemented
        g.pmr = value & 0xff;
        g.update();
        return;
      case 0x08: // GICC_BPR
        g.writeBpr(value);
        return;
      case 0x10: // GICC_EOIR
        g.endOfInterrupt(value);
        return;
      case 0x1c: // GICC_ABPR
        g.writeAbpr(value);
        return;
      case 0xd0: case 0xd4: case 0xd8: case 0xdc: // GICC_APRn
        g.apr[((offset & ~3) - 0xd0) >>> 2] = value >>> 0;
        g.update();
        return;
      case 0xe0: case 0xe4: case 0xe8: case 0xec: // GICC_NSAPRn
        g.nsapr[((offset & ~3) - 0xe0) >>> 2] = value >>> 0;
        g.update();
        return;
      case 0x1000: // GICC_DIR
        g.deactivateWrite(value);
        return;
      default:
        // GICC_AEOIR and other offsets: RAZ/WI without Security Extensions (measured on QEMU 7.2).
        return;
    }
  }

  private readWord(off: number, sideEffects: boolean): number {
    const g = this.gic;
    switch (off) {
      case 0x00: return g.cctlr;
      case 0x04: return g.pmr;
      case 0x08: return g.bpr;
      case 0x0c: return sideEffects ? g.acknowledge() : g.peekAcknowledge();
      case 0x14: return g.runningPriority === IDLE_PRIORITY ? 0xff : g.runningPriority; // GICC_RPR
      case 0x18: return g.highestPending(); // GICC_HPPIR
      case 0x1c: return g.abpr;
      case 0xfc: return GICC_IIDR;
      default:
        if (off >= 0xd0 && off < 0xd0 + 4 * NR_APRS) return g.apr[(off - 0xd0) >>> 2];
        if (off >= 0xe0 && off < 0xe0 + 4 * NR_APRS) return g.nsapr[(off - 0xe0) >>> 2];
        // GICC_AIAR/AHPPIR and unassigned offsets read as zero (QEMU 7.2, no Security Extensions).
        return 0;
    }
  }
}
