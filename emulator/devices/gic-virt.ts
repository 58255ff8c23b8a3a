// GICv2 virtualization extensions: the list registers and virtual CPU interface state behind GICH
// and GICV, the vIRQ/vFIQ outputs and the maintenance interrupt. IHI 0048B chapter 5.

import { ctz32, Gic, groupPriority, IDLE_PRIORITY, SPURIOUS, SPURIOUS_GROUP1 } from './gic';

/** List registers QEMU 7.2 implements (GICH_VTR.ListRegs = 3, measured). */
export const NUM_LRS = 4;
/** GICH_VTR on QEMU 7.2: PRIbits = PREbits = 5 (field value 4), ListRegs = 3 (measured 0x90000003). */
export const GICH_VTR = 0x90000003;
/** INTID of the maintenance interrupt on QEMU virt (PPI 9). */
export const MAINTENANCE_INTID = 25;

/** Writable bits of GICH_HCR: EOICount[31:27] and the eight enables (measured 0xF80000FF). */
const HCR_MASK = 0xf80000ff;
export const HCR_EN = 1 << 0;
const HCR_UIE = 1 << 1;
const HCR_LRENPIE = 1 << 2;
const HCR_NPIE = 1 << 3;
const HCR_VGRP0EIE = 1 << 4;
const HCR_VGRP0DIE = 1 << 5;
const HCR_VGRP1EIE = 1 << 6;
const HCR_VGRP1DIE = 1 << 7;
const EOICOUNT_SHIFT = 27;

/** GICH_VMCR implemented bits (measured 0xF8FC021F) and reset value (VMBP 2, VMABP 3). */
const VMCR_MASK = 0xf8fc021f;
export const VMCR_RESET = 0x004c0000;
const VMCR_GRP0EN = 1 << 0;
const VMCR_ACKCTL = 1 << 2;
const VMCR_FIQEN = 1 << 3;
const VMCR_CBPR = 1 << 4;
const VMCR_VEM = 1 << 9;
/** GICV_CTLR bits that live in VMCR at the same positions (IHI 0048B 5.3.5). */
export const VMCR_CTLR_BITS = 0x21f;
/** Smallest virtual binary points with 5 priority bits (QEMU clamps VMCR writes to these). */
export const VIRT_MIN_BPR = 2;
export const VIRT_MIN_ABPR = 3;

/** List register bits 22:20 do not exist with 5 priority bits (measured 0xFF8FFFFF). */
const LR_MASK = 0xff8fffff;
export const LR_HW = 0x80000000;
export const LR_GRP1 = 1 << 30;
export const LR_EOI = 1 << 19;
export const LR_STATE_SHIFT = 28;
export const LR_PENDING = 1;
export const LR_ACTIVE = 2;

export function lrState(lr: number): number {
  return (lr >>> LR_STATE_SHIFT) & 3;
}
export function lrVirtualId(lr: number): number {
  return lr & 0x3ff;
}
export function lrPhysicalId(lr: number): number {
  return (lr >>> 10) & 0x3ff;
}
/** 8-bit priority of a list register: Priority[27:23] are its top five bits. */
export function lrPriority(lr: number): number {
  return ((lr >>> 23) & 0x1f) << 3;
}

export class GicVirtual {
  hcr = 0;
  vmcr = VMCR_RESET;
  /** GICH_APR: one bit per active virtual group priority (32 preemption levels). */
  apr = 0;
  readonly lr = new Uint32Array(NUM_LRS);
  /** Index of the highest-priority pending list register above the mask, or -1. */
  currentLr = -1;
  virqOut = false;
  vfiqOut = false;
  maintenanceOut = false;

  /** Called when the vIRQ/vFIQ outputs to the core change. */
  onOutput: (virq: boolean, vfiq: boolean) => void = () => {};

  constructor(private readonly gic: Gic) {}

  reset(): void {
    this.hcr = 0;
    this.vmcr = VMCR_RESET;
    this.apr = 0;
    this.lr.fill(0);
    this.update();
  }

  get priorityMask(): number {
    return (this.vmcr >>> 27) << 3;
  }
  get bpr(): number {
    return (this.vmcr >>> 21) & 7;
  }
  get abpr(): number {
    return (this.vmcr >>> 18) & 7;
  }
  /** Running priority from the lowest set GICH_APR bit (group priority = level << 3). */
  get runningPriority(): number {
    return this.apr === 0 ? IDLE_PRIORITY : ctz32(this.apr) << 3;
  }

  writeHcr(v: number): void {
    this.hcr = (v & HCR_MASK) >>> 0;
    this.update();
  }

  /** GICH_VMCR write; QEMU raises VMBP/VMABP to their minimums. */
  writeVmcr(v: number): void {
    let x = (v & VMCR_MASK) >>> 0;
    if (((x >>> 21) & 7) < VIRT_MIN_BPR) x = ((x & ~(7 << 21)) | (VIRT_MIN_BPR << 21)) >>> 0;
    if (((x >>> 18) & 7) < VIRT_MIN_ABPR) x = ((x & ~(7 << 18)) | (VIRT_MIN_ABPR << 18)) >>> 0;
    this.vmcr = x;
    this.update();
  }

  writeLr(n: number, v: number): void {
    this.lr[n] = (v & LR_MASK) >>> 0;
    this.update();
  }

  writeApr(v: number): void {
    this.apr = v >>> 0;
    this.update();
  }

  /** GICH_EISR0: LRs whose interrupt was EOIed with LR.EOI = 1 (invalid, HW = 0, EOI = 1; 5.3.7). */
  eisr(): number {
    let r = 0;
    for (let i = 0; i < NUM_LRS; i++) {
      const l = this.lr[i];
      if (lrState(l) === 0 && (l & LR_HW) === 0 && (l & LR_EOI) !== 0) r |= 1 << i;
    }
    return r;
  }

  /** GICH_ELRSR0: empty LRs, i.e. invalid and not waiting for an EOI maintenance report (5.3.8). */
  elrsr(): number {
    let r = 0;
    for (let i = 0; i < NUM_LRS; i++) {
      const l = this.lr[i];
      if (lrState(l) === 0 && ((l & LR_HW) !== 0 || (l & LR_EOI) === 0)) r |= 1 << i;
    }
    return r;
  }

  /** GICH_MISR: maintenance reasons, each gated by its GICH_HCR enable (IHI 0048B 5.3.6). */
  misr(): number {
    const h = this.hcr;
    let r = 0;
    if (this.eisr() !== 0) r |= 1 << 0;
    let valid = 0;
    let pending = false;
    for (let i = 0; i < NUM_LRS; i++) {
      const s = lrState(this.lr[i]);
      if (s !== 0) valid++;
      if (s === LR_PENDING) pending = true;
    }
    // Underflow: at most one LR holds an interrupt (QEMU counts LRs whose state is not invalid).
    if ((h & HCR_UIE) && valid <= 1) r |= 1 << 1;
    if ((h & HCR_LRENPIE) && (h >>> EOICOUNT_SHIFT) !== 0) r |= 1 << 2;
    // No pending: no LR in the pending state (pending+active does not count, measured on QEMU).
    if ((h & HCR_NPIE) && !pending) r |= 1 << 3;
    const g0 = (this.vmcr & VMCR_GRP0EN) !== 0;
    const g1 = (this.vmcr & 2) !== 0;
    if ((h & HCR_VGRP0EIE) && g0) r |= 1 << 4;
    if ((h & HCR_VGRP0DIE) && !g0) r |= 1 << 5;
    if ((h & HCR_VGRP1EIE) && g1) r |= 1 << 6;
    if ((h & HCR_VGRP1DIE) && !g1) r |= 1 << 7;
    return r >>> 0;
  }

  /**
   * Recompute the virtual CPU interface outputs and the maintenance interrupt. The best pending LR
   * (lowest priority value, then lowest index) is signalled when its priority is above the virtual
   * priority mask and running priority and its group is enabled in VMCR (IHI 0048B 5.2, 5.3).
   */
  update(): void {
    let virq = false;
    let vfiq = false;
    this.currentLr = -1;
    if (this.hcr & HCR_EN) {
      let best = -1;
      let bestPrio = 0x100;
      for (let i = 0; i < NUM_LRS; i++) {
        const l = this.lr[i];
        if (lrState(l) === LR_PENDING && lrPriority(l) < bestPrio) {
          bestPrio = lrPriority(l);
          best = i;
        }
      }
      if (best >= 0 && bestPrio < this.priorityMask) {
        this.currentLr = best;
        const g = (this.lr[best] & LR_GRP1) !== 0 ? 1 : 0;
        if (bestPrio < this.runningPriority && ((this.vmcr >>> g) & 1) !== 0) {
          if (g === 0 && (this.vmcr & VMCR_FIQEN) !== 0) vfiq = true;
          else virq = true;
        }
      }
    }
    if (virq !== this.virqOut || vfiq !== this.vfiqOut) {
      this.virqOut = virq;
      this.vfiqOut = vfiq;
      this.onOutput(virq, vfiq);
    }
    const m = (this.hcr & HCR_EN) !== 0 && this.misr() !== 0;
    if (m !== this.maintenanceOut) {
      this.maintenanceOut = m;
      this.gic.setLevel(MAINTENANCE_INTID, m);
    }
  }

  /** GICV_HPPIR: virtual INTID of the best pending LR (1022 for hidden Group 1), or 1023. */
  highestPending(): number {
    if (this.currentLr < 0) return SPURIOUS;
    const l = this.lr[this.currentLr];
    if ((l & LR_GRP1) !== 0 && (this.vmcr & VMCR_ACKCTL) === 0) return SPURIOUS_GROUP1;
    return this.interruptValue(l);
  }

  /** Virtual INTID with the source CPUID of a software-injected virtual SGI (IAR[12:10]). */
  private interruptValue(l: number): number {
    const id = lrVirtualId(l);
    return id < 16 && (l & LR_HW) === 0 ? (l & 0x1fff) >>> 0 : id;
  }

  /** Value GICV_IAR would return now, without acknowledging (debugger peek). */
  peekAcknowledge(): number {
    const v = this.highestPending();
    if ((v & 0x3ff) >= SPURIOUS_GROUP1) return v;
    return lrPriority(this.lr[this.currentLr]) >= this.runningPriority ? SPURIOUS : v;
  }

  /** GICV_IAR read: the LR goes pending -> active and its group priority becomes running (5.4). */
  acknowledge(): number {
    const v = this.highestPending();
    if ((v & 0x3ff) >= SPURIOUS_GROUP1) return v;
    const n = this.currentLr;
    const l = this.lr[n];
    const prio = lrPriority(l);
    if (prio >= this.runningPriority) return SPURIOUS;
    this.lr[n] = ((l & ~(3 << LR_STATE_SHIFT)) | (LR_ACTIVE << LR_STATE_SHIFT)) >>> 0;
    const grp1 = (l & LR_GRP1) !== 0 && (this.vmcr & VMCR_CBPR) === 0;
    const gp = groupPriority(prio, grp1 ? this.abpr : this.bpr);
    this.apr = (this.apr | (1 << (gp >>> 3))) >>> 0;
    this.update();
    return v;
  }

  /**
   * The LR holding active virtual INTID `value & 0x3ff`, or -1. QEMU 7.2 matches the INTID only: the
   * CPUID of a virtual SGI is not compared (measured: EOI of SGI 3 with another CPUID deactivates it).
   */
  private findActive(value: number): number {
    const id = value & 0x3ff;
    for (let i = 0; i < NUM_LRS; i++) {
      const l = this.lr[i];
      if ((lrState(l) & LR_ACTIVE) !== 0 && lrVirtualId(l) === id) return i;
    }
    return -1;
  }

  /**
   * Deactivate the virtual interrupt: clear the LR's active state and, for a HW LR, deactivate the
   * physical interrupt too. Without a matching LR, GICH_HCR.EOICount counts the EOI (5.3.1).
   */
  private deactivate(value: number): void {
    const n = this.findActive(value);
    if (n < 0) {
      this.hcr = (this.hcr + (1 << EOICOUNT_SHIFT)) >>> 0; // 5-bit field wraps
      return;
    }
    const l = this.lr[n];
    this.lr[n] = (l & ~(LR_ACTIVE << LR_STATE_SHIFT)) >>> 0;
    if (l & LR_HW) this.gic.deactivatePhysical(lrPhysicalId(l));
  }

  /** GICV_EOIR write: priority drop, and deactivation unless GICV_CTLR.EOImode (VMCR.VEM) is set. */
  endOfInterrupt(value: number): void {
    if ((value & 0x3ff) >= 1020 || this.apr === 0) return;
    this.apr = (this.apr & (this.apr - 1)) >>> 0;
    if ((this.vmcr & VMCR_VEM) === 0) this.deactivate(value);
    this.update();
  }

  /** GICV_DIR write: deactivation when EOImode = 1; ignored otherwise (UNPREDICTABLE, as QEMU). */
  deactivateWrite(value: number): void {
    if ((this.vmcr & VMCR_VEM) === 0 || (value & 0x3ff) >= 1020) return;
    this.deactivate(value);
    this.update();
  }
}
