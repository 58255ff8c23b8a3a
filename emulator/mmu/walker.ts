// The translation-table walker shared by the CPU and the debugger: descriptor reads (through
// stage 2 for stage-1 tables, B3.6.? / B3.12.? S1PTW), optional step recording, no side effects.

import { FaultType } from '../cpu/fault';
import type { Cpu } from '../cpu/cpu';
import { BusError } from '../memory/bus';
import type { SysRegState } from '../sysregs/state';
import { S1Result, S2Result, WalkFault, type StepSink, type WalkStep } from './types';
import { walkStage2 } from './stage2';

/**
 * Walk context: where descriptors come from, where faults go, and whether steps are recorded.
 * One instance serves the CPU (sink = undefined, no allocation per walk); the debugger makes its own
 * with a sink and `peek` = true so that device windows are never read with side effects.
 */
export class Walker {
  readonly sys: SysRegState;
  readonly fault = new WalkFault();
  readonly s1 = new S1Result();
  readonly s2 = new S2Result();
  /** Stage-1 table accesses go through stage 2 (HCR.VM or HCR.DC, PL1&0 regime only). */
  s1ViaS2 = false;
  /** Original VA of the access (for S1PTW faults, which report it in HDFAR/HIFAR). */
  va = 0;
  /** Last descriptor read (lo/hi words). */
  lo = 0;
  hi = 0;
  /** PA the last stage-1 descriptor was fetched from (after stage 2). */
  descPa = 0;
  sink: StepSink | undefined;
  /** Debugger mode: read only RAM and side-effect-free device registers. */
  peek = false;

  constructor(readonly cpu: Cpu) {
    this.sys = cpu.sys;
  }

  /** Record a fault and return false (so walkers can `return w.fail(...)`). */
  fail(type: FaultType, stage: 1 | 2, level: number, reason: string): false {
    const f = this.fault;
    f.type = type;
    f.stage = stage;
    f.level = level;
    f.s1ptw = false;
    f.ipa = 0;
    f.domain = 0;
    if (this.sink) f.reason = reason;
    return false;
  }

  /** Read a 32-bit word of physical memory into `lo`; false when nothing answers there. */
  private phys32(pa: number): boolean {
    const bus = this.cpu.bus;
    const off = pa - bus.ramBase;
    if (off >= 0 && off + 4 <= bus.ramSize && (off & 3) === 0) {
      this.lo = bus.ram32[off >>> 2];
      return true;
    }
    if (pa > 0xffffffff) return false;
    if (this.peek) {
      const v = bus.peek(pa, 4);
      if (v === undefined) return false;
      this.lo = v >>> 0;
      return true;
    }
    try {
      this.lo = bus.read(pa, 4);
      return true;
    } catch (e) {
      if (e instanceof BusError) return false;
      throw e;
    }
  }

  /**
   * Read one descriptor of `bytes` (4 or 8) at physical address `pa` into lo/hi. A failing read is
   * an external abort on the walk (B3.13.1), reported at this stage and level.
   */
  readPhys(pa: number, bytes: 4 | 8, stage: 1 | 2, level: number): boolean {
    if (!this.phys32(pa)) return this.fail(FaultType.ExternalOnWalk, stage, level, `descriptor at PA 0x${pa.toString(16)} is outside RAM and devices`);
    if (bytes === 4) {
      this.hi = 0;
      return true;
    }
    const lo = this.lo;
    if (!this.phys32(pa + 4)) return this.fail(FaultType.ExternalOnWalk, stage, level, `descriptor at PA 0x${(pa + 4).toString(16)} is outside RAM and devices`);
    this.hi = this.lo;
    this.lo = lo;
    return true;
  }

  /**
   * Read a stage-1 descriptor at `addr` (an IPA when stage 2 is on). The stage-2 translation of
   * the table access is a read at PL1; its faults are stage-2 faults with S1PTW = 1 and the
   * descriptor's IPA (B3.13.6). With HCR.PTW = 1 a walk into stage-2 Device or Strongly-ordered
   * memory is a stage-2 permission fault (B4.1.65 HCR.PTW).
   */
  readS1(addr: number, bytes: 4 | 8, level: number, step: WalkStep | undefined): boolean {
    let pa = addr;
    if (this.s1ViaS2) {
      const outer = this.sink;
      let nested: WalkStep[] | undefined;
      if (outer) {
        nested = [];
        const saved = outer.steps;
        outer.steps = nested;
        const ok = walkStage2(this, addr);
        outer.steps = saved;
        if (step) step.nested = nested;
        if (!ok) return this.s1ptwFault(addr, level);
      } else if (!walkStage2(this, addr)) {
        return this.s1ptwFault(addr, level);
      }
      const s2 = this.s2;
      if (s2.afFault) {
        this.fail(FaultType.AccessFlag, 2, s2.level, 'stage-2 access flag is 0 for a stage-1 table');
        return this.s1ptwFault(addr, level);
      }
      if ((s2.perms & 8) === 0) {
        this.fail(FaultType.Permission, 2, s2.level, 'stage 2 forbids reading a stage-1 table');
        return this.s1ptwFault(addr, level);
      }
      if ((this.sys.hcr & 4) !== 0 && (s2.attr & 0xf0) === 0) {
        this.fail(FaultType.Permission, 2, s2.level, 'HCR.PTW: stage-1 table in stage-2 Device memory');
        return this.s1ptwFault(addr, level);
      }
      pa = s2.pa;
    }
    this.descPa = pa;
    if (!this.readPhys(pa, bytes, 1, level)) {
      // An external abort on a stage-1 walk access is reported at stage 1 (the table was found).
      return false;
    }
    return true;
  }

  /**
   * A stage-2 fault on the stage-1 table access at stage-1 lookup `level`. The type is the stage-2
   * fault's; the level reported (HSR/PAR FSC) is the stage-1 level of the table access, as QEMU 7.2
   * reports it (its get_phys_addr_lpae do_fault overwrites fi->level after a failed
   * descriptor load; seen on QEMU: VTCR SL0=0 T0SZ=0, stage-2 level-3 fault while reading the
   * level-1 stage-1 table gives PAR 0xb0b, a level-1 translation fault with S2WLK). The manual
   * (B3.13.6) leaves the level to the stage-2 lookup; the debugger's reason keeps that level.
   */
  private s1ptwFault(ipa: number, s1level: number): false {
    const f = this.fault;
    if (this.sink) f.reason = `${f.reason} (stage-2 level ${f.level}, reported at stage-1 level ${s1level})`;
    f.s1ptw = true;
    f.ipa = ipa;
    f.stage = 2;
    f.level = s1level;
    return false;
  }

  /** Start a debugger step record (undefined on the CPU path). */
  step(stage: 1 | 2, level: number, tableBase: number, addr: number): WalkStep | undefined {
    const sink = this.sink;
    if (!sink) return undefined;
    const s: WalkStep = {
      stage, level, tableBase, descriptorAddress: addr, descriptorHi: 0, descriptorLo: 0, descriptor: 0n, fields: {},
    };
    sink.steps.push(s);
    return s;
  }

  /** Fill the raw value of a recorded step from the last read. */
  record(s: WalkStep | undefined): void {
    if (!s) return;
    s.descriptorHi = this.hi >>> 0;
    s.descriptorLo = this.lo >>> 0;
    s.descriptor = (BigInt(this.hi >>> 0) << 32n) | BigInt(this.lo >>> 0);
  }
}

/** 2^n for n up to 40 without 32-bit shifts. */
export function pow2(n: number): number {
  return n < 31 ? 1 << n : 2 ** n;
}

/** Bits [39:lowBit] of a 64-bit descriptor as a number (an output address aligned to 2^lowBit). */
export function descAddr(lo: number, hi: number, lowBit: number): number {
  const low = lowBit >= 32 ? 0 : (lo >>> lowBit) * pow2(lowBit);
  return (hi & 0xff) * 4294967296 + low;
}
