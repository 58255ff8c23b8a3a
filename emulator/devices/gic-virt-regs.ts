// Register views of the GICv2 virtualization extensions: GICH (virtual interface control, QEMU virt
// 0x0803_0000) and GICV (virtual CPU interface, 0x0804_0000, GICC layout). IHI 0048B 5.3 and 5.4.

import type { MmioDevice } from '../memory/bus';
import { IDLE_PRIORITY } from './gic';
import { GICC_IIDR } from './gic-cpu';
import { GICH_VTR, GicVirtual, NUM_LRS, VIRT_MIN_ABPR, VIRT_MIN_BPR, VMCR_CTLR_BITS } from './gic-virt';

function narrow(v: number, offset: number, size: 1 | 2 | 4): number {
  return size === 4 ? v >>> 0 : (v >>> (8 * (offset & 3))) & (size === 1 ? 0xff : 0xffff);
}

/** GICH: the hypervisor's control of the virtual CPU interface. Reads have no side effects. */
export class GicHypInterface implements MmioDevice {
  readonly name = 'gic-hyp';

  constructor(private readonly v: GicVirtual) {}

  read(offset: number, size: 1 | 2 | 4): number {
    return narrow(this.readWord(offset & ~3), offset, size);
  }

  peek(offset: number, size: 1 | 2 | 4): number {
    return this.read(offset, size);
  }

  private readWord(off: number): number {
    const v = this.v;
    switch (off) {
      case 0x000: return v.hcr;
      case 0x004: return GICH_VTR;
      case 0x008: return v.vmcr;
      case 0x010: return v.misr();
      case 0x020: return v.eisr(); // GICH_EISR0 (EISR1 reads 0: only 4 LRs)
      case 0x030: return v.elrsr(); // GICH_ELRSR0
      case 0x0f0: return v.apr;
      default:
        if (off >= 0x100 && off < 0x100 + 4 * NUM_LRS) return v.lr[(off - 0x100) >>> 2];
        return 0;
    }
  }

  write(offset: number, _size: 1 | 2 | 4, value: number): void {
    const v = this.v;
    const off = offset & ~3;
    if (off === 0x000) v.writeHcr(value);
    else if (off === 0x008) v.writeVmcr(value);
    else if (off === 0x0f0) v.writeApr(value);
    else if (off >= 0x100 && off < 0x100 + 4 * NUM_LRS) v.writeLr((off - 0x100) >>> 2, value);
    // VTR, MISR, EISR, ELRSR are read-only; unimplemented LRs are RAZ/WI.
  }
}

/** GICV: what the guest sees in place of GICC; CTLR/PMR/BPR/ABPR are fields of GICH_VMCR (5.3.5). */
export class GicVirtualCpuInterface implements MmioDevice {
  readonly name = 'gic-vcpu';

  constructor(private readonly v: GicVirtual) {}

  read(offset: number, size: 1 | 2 | 4): number {
    return narrow(this.readWord(offset & ~3, true), offset, size);
  }

  /** Side-effect-free read: everything except GICV_IAR. */
  peek(offset: number, size: 1 | 2 | 4): number | undefined {
    if ((offset & ~3) === 0x0c) return undefined;
    return narrow(this.readWord(offset & ~3, false), offset, size);
  }

  private readWord(off: number, sideEffects: boolean): number {
    const v = this.v;
    switch (off) {
      case 0x00: return v.vmcr & VMCR_CTLR_BITS;
      case 0x04: return v.priorityMask;
      case 0x08: return v.bpr;
      case 0x0c: return sideEffects ? v.acknowledge() : v.peekAcknowledge();
      case 0x14: return v.runningPriority === IDLE_PRIORITY ? 0xff : v.runningPriority;
      case 0x18: return v.highestPending();
      case 0x1c: return v.abpr;
      case 0xd0: return v.apr; // GICV_APR0 is GICH_APR
      case 0xfc: return GICC_IIDR;
      default: return 0;
    }
  }

  write(offset: number, _size: 1 | 2 | 4, value: number): void {
    const v = this.v;
    const vmcr = v.vmcr;
    switch (offset & ~3) {
      case 0x00:
        v.writeVmcr((vmcr & ~VMCR_CTLR_BITS) | (value & VMCR_CTLR_BITS));
        return;
      case 0x04: // VMPriMask = PMR[7:3]
        v.writeVmcr((vmcr & 0x07ffffff) | (((value >>> 3) & 0x1f) << 27));
        return;
      case 0x08:
        v.writeVmcr((vmcr & ~(7 << 21)) | (Math.max(value & 7, VIRT_MIN_BPR) << 21));
        return;
      case 0x10:
        v.endOfInterrupt(value);
        return;
      case 0x1c:
        v.writeVmcr((vmcr & ~(7 << 18)) | (Math.max(value & 7, VIRT_MIN_ABPR) << 18));
        return;
      case 0xd0:
        v.writeApr(value);
        return;
      case 0x1000:
        v.deactivateWrite(value);
        return;
      default:
        return;
    }
  }
}
