// GICv2 interrupt state and physical CPU interface logic of QEMU's virt board: one CPU, 288 INTIDs,
// no Security Extensions. ARM IHI 0048B chapter 3 (interrupt handling and prioritization).

/** INTIDs the distributor implements: GICD_TYPER.ITLinesNumber = 8 on QEMU virt, (8 + 1) * 32. */
export const GIC_NUM_IRQ = 288;
/** INTIDs below this are private to the CPU (SGIs 0-15, PPIs 16-31). */
export const GIC_INTERNAL = 32;
export const GIC_NR_SGIS = 16;
/** No pending interrupt (IHI 0048B 3.2.5). */
export const SPURIOUS = 1023;
/** A Group 1 interrupt is pending but GICC_CTLR.AckCtl = 0 (IHI 0048B 3.2.5, 4.4.4). */
export const SPURIOUS_GROUP1 = 1022;
/** Running priority while nothing is active (read back as 0xFF, GICC_RPR). */
export const IDLE_PRIORITY = 0x100;

/** GICC_CTLR bits of a GICv2 without Security Extensions (IHI 0048B 4.4.1). */
export const CTLR_EN_GRP0 = 1 << 0;
export const CTLR_EN_GRP1 = 1 << 1;
export const CTLR_ACK_CTL = 1 << 2;
export const CTLR_FIQ_EN = 1 << 3;
export const CTLR_CBPR = 1 << 4;
export const CTLR_EOIMODE = 1 << 9;
/** Writable GICC_CTLR bits as QEMU 7.2 keeps them (write 0xFFFFFFFF reads back 0x21F). */
export const CTLR_MASK = 0x21f;

/** Smallest GICC_BPR / GICC_ABPR: QEMU implements all 8 priority bits (GIC_MIN_BPR 0, GIC_MIN_ABPR 1). */
const MIN_BPR = 0;
export const MIN_ABPR = 1;
/** Active priority registers: 128 preemption levels with MIN_BPR 0 -> 4 x 32 bits. */
export const NR_APRS = 4;

/** Lowest set bit of a non-zero 32-bit value. */
export function ctz32(v: number): number {
  return 31 - Math.clz32(v & -v);
}

/** Group priority: the priority bits above the binary point (IHI 0048B 3.3.3). */
export function groupPriority(prio: number, bpr: number): number {
  return prio & ((0xff << ((bpr & 7) + 1)) & 0xff);
}

export class Gic {
  // Per-INTID state (one CPU, so banked SGI/PPI state needs a single copy).
  readonly enabled = new Uint8Array(GIC_NUM_IRQ);
  /** Latched pending state; level-sensitive inputs are also pending while their line is high. */
  readonly pending = new Uint8Array(GIC_NUM_IRQ);
  readonly active = new Uint8Array(GIC_NUM_IRQ);
  /** Input line levels (PPIs and SPIs). */
  readonly level = new Uint8Array(GIC_NUM_IRQ);
  /** 1 = edge-triggered (GICD_ICFGR Int_config[1]). */
  readonly edge = new Uint8Array(GIC_NUM_IRQ);
  readonly group = new Uint8Array(GIC_NUM_IRQ);
  readonly priority = new Uint8Array(GIC_NUM_IRQ);
  /** Source CPUs of each pending SGI (bit n = CPU n; only CPU 0 exists). */
  readonly sgiSource = new Uint8Array(GIC_NR_SGIS);

  /** GICD_CTLR: EnableGrp0[0], EnableGrp1[1]. */
  dctlr = 0;
  /** GICC_CTLR (CTLR_MASK bits). */
  cctlr = 0;
  pmr = 0;
  bpr = MIN_BPR;
  abpr = MIN_ABPR;
  /** GICC_APRn (Group 0) and GICC_NSAPRn (Group 1): one bit per active preemption level. */
  readonly apr = new Uint32Array(NR_APRS);
  readonly nsapr = new Uint32Array(NR_APRS);
  runningPriority = IDLE_PRIORITY;
  /** Highest-priority pending interrupt above the priority mask, or SPURIOUS. */
  currentPending = SPURIOUS;
  irqOut = false;
  fiqOut = false;

  /** Called when the IRQ/FIQ outputs to the core change. */
  onOutput: (irq: boolean, fiq: boolean) => void = () => {};

  constructor() {
    this.reset();
  }

  reset(): void {
    this.enabled.fill(0);
    this.pending.fill(0);
    this.active.fill(0);
    this.edge.fill(0);
    this.group.fill(0);
    this.priority.fill(0);
    this.sgiSource.fill(0);
    // SGIs are always enabled and edge-triggered (GICD_ISENABLER0[15:0] RAO, GICD_ICFGR0 = 0xAAAAAAAA).
    for (let i = 0; i < GIC_NR_SGIS; i++) {
      this.enabled[i] = 1;
      this.edge[i] = 1;
    }
    this.dctlr = 0;
    this.cctlr = 0;
    this.pmr = 0;
    this.bpr = MIN_BPR;
    this.abpr = MIN_ABPR;
    this.apr.fill(0);
    this.nsapr.fill(0);
    this.runningPriority = IDLE_PRIORITY;
    // Input levels are driven by devices and survive a GIC reset; update() recomputes outputs.
    this.update();
  }

  /** Pending as the architecture sees it: latched, or a level-sensitive input held high. */
  isPending(id: number): boolean {
    return this.pending[id] !== 0 || (this.edge[id] === 0 && this.level[id] !== 0);
  }

  /**
   * An interrupt input changes level (PPI 16-31, SPI 32+). A rising edge latches pending for an
   * edge-triggered interrupt; a level-sensitive one is pending while the line is high (IHI 0048B 3.2.4).
   */
  setLevel(id: number, high: boolean): void {
    const l = high ? 1 : 0;
    if (this.level[id] === l) return;
    this.level[id] = l;
    if (l && this.edge[id]) this.pending[id] = 1;
    this.update();
  }

  /**
   * Recompute the highest-priority pending interrupt and the IRQ/FIQ outputs (IHI 0048B 3.3).
   * Ties go to the lowest INTID; active (and active+pending) interrupts are not candidates. Signalled only if its priority is above both the priority mask
   * and the running priority and its group is enabled in GICD_CTLR and GICC_CTLR; Group 0 goes to
   * FIQ when GICC_CTLR.FIQEn is set.
   */
  update(): void {
    let irq = false;
    let fiq = false;
    this.currentPending = SPURIOUS;
    if ((this.dctlr & 3) !== 0 && (this.cctlr & 3) !== 0) {
      let bestPrio = 0x100;
      let best = SPURIOUS;
      for (let id = 0; id < GIC_NUM_IRQ; id++) {
        // An active interrupt is not a candidate even while pending again (as QEMU 7.2 behaves).
        if (this.enabled[id] && !this.active[id] && this.isPending(id) && this.priority[id] < bestPrio) {
          bestPrio = this.priority[id];
          best = id;
        }
      }
      if (bestPrio < this.pmr) {
        this.currentPending = best;
        if (bestPrio < this.runningPriority) {
          const g = this.group[best];
          if (((this.dctlr >>> g) & 1) !== 0 && ((this.cctlr >>> g) & 1) !== 0) {
            if (g === 0 && (this.cctlr & CTLR_FIQ_EN) !== 0) fiq = true;
            else irq = true;
          }
        }
      }
    }
    if (irq !== this.irqOut || fiq !== this.fiqOut) {
      this.irqOut = irq;
      this.fiqOut = fiq;
      this.onOutput(irq, fiq);
    }
  }

  /**
   * GICC_HPPIR: the pending interrupt IAR would return. Without Security Extensions every access
   * behaves as Secure, so a Group 1 interrupt shows as 1022 unless AckCtl is set (IHI 0048B 4.4.8).
   */
  highestPending(): number {
    const id = this.currentPending;
    if (id !== SPURIOUS && this.group[id] === 1 && (this.cctlr & CTLR_ACK_CTL) === 0) return SPURIOUS_GROUP1;
    return id;
  }

  /** Value GICC_IAR would return now, without acknowledging (debugger peek). */
  peekAcknowledge(): number {
    const id = this.highestPending();
    if (id >= SPURIOUS_GROUP1) return id;
    if (this.priority[id] >= this.runningPriority) return SPURIOUS;
    return id < GIC_NR_SGIS ? (id | (ctz32(this.sgiSource[id]) << 10)) >>> 0 : id;
  }

  /**
   * GICC_IAR read (IHI 0048B 3.2.4): pending -> active (or active and pending for a level input
   * still high); raises the running priority to the interrupt's group priority.
   */
  acknowledge(): number {
    const id = this.highestPending();
    if (id >= SPURIOUS_GROUP1) return id;
    if (this.priority[id] >= this.runningPriority) return SPURIOUS;
    let ret = id;
    if (id < GIC_NR_SGIS) {
      // One SGI per source CPU is acknowledged at a time; CPUID in IAR[12:10] (IHI 0048B 4.4.4).
      const src = ctz32(this.sgiSource[id]);
      this.sgiSource[id] &= ~(1 << src);
      if (this.sgiSource[id] === 0) this.pending[id] = 0;
      ret = (id | (src << 10)) >>> 0;
    } else {
      this.pending[id] = 0;
    }
    this.activate(id);
    this.update();
    return ret;
  }

  private activate(id: number): void {
    const g = this.group[id];
    const prio = groupPriority(this.priority[id], this.binaryPointFor(g));
    const levelNo = prio >>> (MIN_BPR + 1);
    const bank = g === 1 ? this.nsapr : this.apr;
    bank[levelNo >>> 5] = (bank[levelNo >>> 5] | (1 << (levelNo & 31))) >>> 0;
    this.runningPriority = prio;
    this.active[id] = 1;
  }

  /** Running priority from the lowest set bit of the active priority registers. */
  private priorityFromAprs(): number {
    for (let i = 0; i < NR_APRS; i++) {
      const a = (this.apr[i] | this.nsapr[i]) >>> 0;
      if (a !== 0) return (i * 32 + ctz32(a)) << (MIN_BPR + 1);
    }
    return IDLE_PRIORITY;
  }

  /**
   * Priority drop: clear the highest-priority active bit of the interrupt's group. Valid software
   * nests IAR/EOIR, so that bit belongs to the interrupt being completed (IHI 0048B 3.3.4).
   */
  private dropPriority(group: number): void {
    const bank = group === 1 ? this.nsapr : this.apr;
    for (let i = 0; i < NR_APRS; i++) {
      if (bank[i] !== 0) {
        bank[i] = (bank[i] & (bank[i] - 1)) >>> 0;
        break;
      }
    }
    this.runningPriority = this.priorityFromAprs();
  }

  /**
   * GICC_EOIR write: priority drop, and deactivation unless GICC_CTLR.EOImode splits them
   * (IHI 0048B 3.2.4). Spurious or out-of-range INTIDs and EOIs with nothing active are ignored.
   */
  endOfInterrupt(value: number): void {
    const id = value & 0x3ff;
    if (id >= GIC_NUM_IRQ || this.runningPriority === IDLE_PRIORITY) return;
    this.dropPriority(this.group[id]);
    if ((this.cctlr & CTLR_EOIMODE) === 0) this.active[id] = 0;
    this.update();
  }

  /** GICC_DIR write: deactivate; ignored (UNPREDICTABLE) when EOImode = 0, as QEMU does (IHI 0048B 4.4.15). */
  deactivateWrite(value: number): void {
    const id = value & 0x3ff;
    if ((this.cctlr & CTLR_EOIMODE) === 0 || id >= GIC_NUM_IRQ) return;
    this.active[id] = 0;
    this.update();
  }

  /** Deactivate a physical interrupt on behalf of a HW list register (IHI 0048B 5.2.1). */
  deactivatePhysical(id: number): void {
    if (id >= GIC_NUM_IRQ) return;
    this.active[id] = 0;
    this.update();
  }

  /**
   * GICD_SGIR write (IHI 0048B 4.3.15). TargetListFilter 0: the CPU target list; 1: all but self
   * (nobody on one CPU); 2: self only; 3: reserved (QEMU sends to all).
   */
  sendSgi(value: number): void {
    const id = value & 0xf;
    const filter = (value >>> 24) & 3;
    const targets = filter === 0 ? (value >>> 16) & 0xff : filter === 1 ? 0 : 1;
    if ((targets & 1) === 0) return;
    this.pending[id] = 1;
    this.sgiSource[id] |= 1; // source CPU 0
    this.update();
  }

  /** Binary point used for an interrupt of `group`. */
  binaryPointFor(group: number): number {
    return group === 1 && (this.cctlr & CTLR_CBPR) === 0 ? this.abpr : this.bpr;
  }

  writeBpr(v: number): void {
    this.bpr = Math.max(v & 7, MIN_BPR);
    this.update();
  }

  writeAbpr(v: number): void {
    this.abpr = Math.max(v & 7, MIN_ABPR);
    this.update();
  }
}
