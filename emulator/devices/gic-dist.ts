// GICv2 distributor registers (GICD, QEMU virt 0x0800_0000) decoded onto the Gic state, byte by
// byte as QEMU's arm_gic does. IHI 0048B section 4.3 (distributor register descriptions).

import type { MmioDevice } from '../memory/bus';
import { Gic, GIC_NR_SGIS, GIC_NUM_IRQ } from './gic';

/** GICD_TYPER: ITLinesNumber = 288/32 - 1, CPUNumber = 0, SecurityExtn = 0 (measured on QEMU 7.2). */
export const GICD_TYPER = GIC_NUM_IRQ / 32 - 1;
/** GICD_IIDR: ARM implementer 0x43B, as QEMU 7.2 reports. */
export const GICD_IIDR = 0x43b;
/** Peripheral/component ID bytes at 0xFD0-0xFFC (one per word), as QEMU's GICv2 reports. */
const ID_BYTES = [0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

export class GicDistributor implements MmioDevice {
  readonly name = 'gic-distributor';

  constructor(private readonly gic: Gic) {}

  read(offset: number, size: 1 | 2 | 4): number {
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.readByte(offset + i) << (8 * i);
    return v >>> 0;
  }

  /** Distributor reads have no side effects. */
  peek(offset: number, size: 1 | 2 | 4): number {
    return this.read(offset, size);
  }

  write(offset: number, size: 1 | 2 | 4, value: number): void {
    if (offset === 0xf00) {
      // GICD_SGIR only acts on a 32-bit write (QEMU ignores narrower ones).
      if (size === 4) this.gic.sendSgi(value);
      return;
    }
    for (let i = 0; i < size; i++) this.writeByte(offset + i, (value >>> (8 * i)) & 0xff);
    this.gic.update();
  }

  /** Eight bits of a one-bit-per-INTID register starting at `first`. */
  private bits(first: number, arr: Uint8Array | ((id: number) => boolean)): number {
    if (first >= GIC_NUM_IRQ) return 0;
    let r = 0;
    for (let i = 0; i < 8; i++) {
      const on = typeof arr === 'function' ? arr(first + i) : arr[first + i] !== 0;
      if (on) r |= 1 << i;
    }
    return r;
  }

  private readByte(off: number): number {
    const g = this.gic;
    if (off < 0x80) {
      if (off < 4) return off === 0 ? g.dctlr : 0;
      if (off < 8) return (GICD_TYPER >>> (8 * (off - 4))) & 0xff;
      if (off < 12) return (GICD_IIDR >>> (8 * (off - 8))) & 0xff;
      return 0;
    }
    if (off < 0x100) return this.bits((off - 0x80) * 8, g.group); // GICD_IGROUPRn
    if (off < 0x200) return this.bits(((off - 0x100) & 0x7f) * 8, g.enabled); // GICD_IS/ICENABLERn
    if (off < 0x300) return this.bits(((off - 0x200) & 0x7f) * 8, (id) => g.isPending(id)); // IS/ICPENDRn
    if (off < 0x400) return this.bits(((off - 0x300) & 0x7f) * 8, g.active); // GICD_IS/ICACTIVERn
    if (off < 0x800) return off - 0x400 < GIC_NUM_IRQ ? g.priority[off - 0x400] : 0; // GICD_IPRIORITYRn
    if (off < 0xc00) return 0; // GICD_ITARGETSRn: RAZ/WI on a uniprocessor GIC (IHI 0048B 4.3.12)
    if (off < 0xf00) {
      // GICD_ICFGRn: Int_config[1] = edge; SGIs read 0b10 (IHI 0048B 4.3.13).
      const first = (off - 0xc00) * 4;
      let r = 0;
      for (let i = 0; i < 4 && first + i < GIC_NUM_IRQ; i++) if (g.edge[first + i]) r |= 2 << (2 * i);
      return r;
    }
    if (off < 0xf10) return 0; // GICD_SGIR is write-only
    if (off < 0xf30) return g.sgiSource[(off - 0xf10) & 0xf]; // GICD_CPENDSGIRn / SPENDSGIRn
    if (off >= 0xfd0 && off < 0x1000) return (off & 3) === 0 ? ID_BYTES[(off - 0xfd0) >>> 2] : 0;
    return 0;
  }

  private writeByte(off: number, v: number): void {
    const g = this.gic;
    if (off < 0x80) {
      if (off === 0) g.dctlr = v & 3;
      return;
    }
    if (off < 0x100) {
      // GICD_IGROUPRn: writable even without Security Extensions on a GICv2.
      const first = (off - 0x80) * 8;
      for (let i = 0; i < 8 && first + i < GIC_NUM_IRQ; i++) g.group[first + i] = (v >>> i) & 1;
      return;
    }
    if (off >= 0x800 && off < 0xc00) return; // targets RAZ/WI
    if (off >= 0x400 && off < 0x800) {
      if (off - 0x400 < GIC_NUM_IRQ) g.priority[off - 0x400] = v;
      return;
    }
    if (off < 0x400) {
      const kind = (off - 0x100) >>> 7; // 0 ISENABLER 1 ICENABLER 2 ISPENDR 3 ICPENDR 4 ISACTIVER 5 ICACTIVER
      const first = ((off - 0x100) & 0x7f) * 8;
      for (let i = 0; i < 8; i++) {
        const id = first + i;
        if (((v >>> i) & 1) === 0 || id >= GIC_NUM_IRQ) continue;
        this.setBit(kind, id);
      }
      return;
    }
    if (off < 0xf00) {
      const first = (off - 0xc00) * 4;
      for (let i = 0; i < 4; i++) {
        const id = first + i;
        // SGIs stay edge-triggered; only Int_config[1] is implemented (IHI 0048B 4.3.13).
        if (id < GIC_NR_SGIS || id >= GIC_NUM_IRQ) continue;
        g.edge[id] = (v >>> (2 * i + 1)) & 1;
      }
      return;
    }
    if (off >= 0xf10 && off < 0xf20) {
      // GICD_CPENDSGIRn: clear pending SGI sources (IHI 0048B 4.3.16).
      const id = off - 0xf10;
      g.sgiSource[id] &= ~v;
      if (g.sgiSource[id] === 0) g.pending[id] = 0;
      return;
    }
    if (off >= 0xf20 && off < 0xf30) {
      // GICD_SPENDSGIRn. QEMU 7.2 also marks an SGI pending for a zero byte (and later asserts);
      // we follow the architecture: only a non-zero source byte makes it pending (4.3.17).
      const id = off - 0xf20;
      if ((v & 1) === 0) return; // only source CPU 0 exists
      g.sgiSource[id] |= 1;
      g.pending[id] = 1;
    }
  }

  private setBit(kind: number, id: number): void {
    const g = this.gic;
    switch (kind) {
      case 0: // ISENABLER; SGIs are always enabled
        if (id < GIC_NR_SGIS) return;
        g.enabled[id] = 1;
        // QEMU latches a level-sensitive interrupt whose line is high when it becomes enabled.
        if (!g.edge[id] && g.level[id]) g.pending[id] = 1;
        return;
      case 1: // ICENABLER
        if (id >= GIC_NR_SGIS) g.enabled[id] = 0;
        return;
      case 2: // ISPENDR; SGIs are set through GICD_SPENDSGIR instead
        if (id >= GIC_NR_SGIS) g.pending[id] = 1;
        return;
      case 3: // ICPENDR; a level input still high keeps the interrupt pending
        if (id >= GIC_NR_SGIS) g.pending[id] = 0;
        return;
      case 4: // ISACTIVER
        g.active[id] = 1;
        return;
      case 5: // ICACTIVER
        g.active[id] = 0;
        return;
    }
  }
}
