// Generic timer of the Cortex-A15: physical, virtual and Hyp physical timers over the deterministic
// system counter, each driving its PPI as QEMU's virt wires them. ARM ARM B8 (Generic Timer).

import type { Cpu } from '../cpu/cpu';
import type { Clock } from '../board/clock';
import { TimerId, type TimerRegs } from '../sysregs/timer-hooks';
import { hex32, type DeviceVariable } from './gic-describe';
import { addHi, addLo, geU64, hi32, lo32, subHi, subLo, toBig, toSafe } from '../sysregs/u64';

/** Counter values at or beyond 2^53 are never reached by a run (JS numbers stop being exact there). */
const NEVER = 2 ** 53;

const CTL_ENABLE = 1;
const CTL_IMASK = 2;
const CTL_ISTATUS = 4;

/** INTIDs of each timer's PPI on QEMU virt (virt.h: ARCH_TIMER_*_IRQ + 16). */
export const TIMER_INTID: readonly number[] = [30, 27, 26]; // [Phys, Virt, Hyp]
const TIMER_NAMES = ['physical (CNTP)', 'virtual (CNTV)', 'Hyp physical (CNTHP)'];

export class GenericTimer implements TimerRegs {
  private readonly cancel: ((() => void) | undefined)[] = [undefined, undefined, undefined];
  /** Level of each timer's output line. */
  readonly output = [false, false, false];
  /** Scratch: the count of the timer last passed to loadCount (exact 64-bit words, no allocation). */
  private cLo = 0;
  private cHi = 0;

  constructor(
    private readonly cpu: Cpu,
    private readonly clock: Clock,
    /** Drives the interrupt line of timer `t` (wired to the GIC PPI TIMER_INTID[t]). */
    private readonly setLine: (t: TimerId, level: boolean) => void,
  ) {}

  /** Timer state after reset: disabled, compare values and offsets zero (as QEMU resets them). */
  reset(): void {
    const s = this.cpu.sys;
    s.cntpCtl = s.cntvCtl = s.cnthpCtl = 0;
    s.cvalLo.fill(0);
    s.cvalHi.fill(0);
    s.cntvoffLo = s.cntvoffHi = 0;
    s.cntkctl = 0;
    s.cnthctl = 3;
    for (let t = 0; t < 3; t++) this.recalc(t);
  }

  readCounter(): number {
    return this.clock.now();
  }

  /**
   * Load into cLo/cHi the count timer `t` compares against: CNTPCT, or for the virtual timer
   * CNTVCT = CNTPCT - CNTVOFF modulo 2^64 (B8.1.2).
   */
  private loadCount(t: TimerId): void {
    const c = this.clock.now();
    const lo = lo32(c);
    const hi = hi32(c);
    if (t !== TimerId.Virt) { this.cLo = lo; this.cHi = hi; return; }
    const s = this.cpu.sys;
    this.cLo = subLo(lo, s.cntvoffLo);
    this.cHi = subHi(lo, hi, s.cntvoffLo, s.cntvoffHi);
  }

  private ctl(t: TimerId): number {
    const s = this.cpu.sys;
    return t === TimerId.Phys ? s.cntpCtl : t === TimerId.Virt ? s.cntvCtl : s.cnthpCtl;
  }

  /** Timer condition: enabled and count >= CVAL as unsigned 64-bit values (B8.1.3). Loads the count. */
  private met(t: TimerId): boolean {
    this.loadCount(t);
    const s = this.cpu.sys;
    return (this.ctl(t) & CTL_ENABLE) !== 0 && geU64(this.cLo, this.cHi, s.cvalLo[t], s.cvalHi[t]);
  }

  /** ISTATUS reads as the condition while enabled and 0 while disabled (QEMU gt_recalc_timer). */
  readCtl(_cpu: Cpu, t: TimerId): number {
    return ((this.ctl(t) & 3) | (this.met(t) ? CTL_ISTATUS : 0)) >>> 0;
  }

  writeCtl(_cpu: Cpu, t: TimerId, v: number): void {
    const s = this.cpu.sys;
    const x = v & (CTL_ENABLE | CTL_IMASK);
    if (t === TimerId.Phys) s.cntpCtl = x;
    else if (t === TimerId.Virt) s.cntvCtl = x;
    else s.cnthpCtl = x;
    this.recalc(t);
  }

  readCval(_cpu: Cpu, t: TimerId): number {
    return this.cpu.sys.cvalLo[t];
  }

  readCvalHi(_cpu: Cpu, t: TimerId): number {
    return this.cpu.sys.cvalHi[t];
  }

  writeCval(_cpu: Cpu, t: TimerId, lo: number, hi: number): void {
    this.cpu.sys.cvalLo[t] = lo;
    this.cpu.sys.cvalHi[t] = hi;
    this.recalc(t);
  }

  /** TVAL: the low 32 bits of CVAL - count, read by software as a signed value (B8.1.3). */
  readTval(_cpu: Cpu, t: TimerId): number {
    this.loadCount(t);
    return subLo(this.cpu.sys.cvalLo[t], this.cLo);
  }

  /** Writing TVAL sets CVAL = count + SignExtend(TVAL) modulo 2^64 (B8.1.3). */
  writeTval(_cpu: Cpu, t: TimerId, v: number): void {
    this.loadCount(t);
    const ext = (v | 0) < 0 ? 0xffffffff : 0;
    this.writeCval(this.cpu, t, addLo(this.cLo, v), addHi(this.cLo, this.cHi, v, ext));
  }

  readCntkctl(): number {
    return this.cpu.sys.cntkctl;
  }
  writeCntkctl(_cpu: Cpu, v: number): void {
    this.cpu.sys.cntkctl = v >>> 0; // QEMU 7.2 keeps every bit (write 0xFFFFFFFF reads back so)
  }
  readCnthctl(): number {
    return this.cpu.sys.cnthctl;
  }
  writeCnthctl(_cpu: Cpu, v: number): void {
    this.cpu.sys.cnthctl = v >>> 0;
  }
  readCntvoff(): number {
    return this.cpu.sys.cntvoffLo;
  }
  readCntvoffHi(): number {
    return this.cpu.sys.cntvoffHi;
  }
  writeCntvoff(_cpu: Cpu, lo: number, hi: number): void {
    this.cpu.sys.cntvoffLo = lo >>> 0;
    this.cpu.sys.cntvoffHi = hi >>> 0;
    this.recalc(TimerId.Virt);
  }

  /**
   * Drive the output (ENABLE and ISTATUS and not IMASK, a level) and arm a clock event for the
   * moment the condition becomes true. A masked timer gets one too: it raises no interrupt, but a
   * core waiting in WFE wakes there to see ISTATUS change instead of spinning.
   */
  recalc(t: TimerId): void {
    const ctl = this.ctl(t);
    const met = this.met(t);
    const level = met && (ctl & CTL_IMASK) === 0;
    if (level !== this.output[t]) {
      this.output[t] = level;
      this.setLine(t, level);
    }
    const c = this.cancel[t];
    if (c) {
      c();
      this.cancel[t] = undefined;
    }
    if ((ctl & CTL_ENABLE) !== 0 && !met) {
      // The condition becomes true after CVAL - count more ticks (positive: not met; met() loaded the count).
      const s = this.cpu.sys;
      const wait = toSafe(subLo(s.cvalLo[t], this.cLo), subHi(s.cvalLo[t], s.cvalHi[t], this.cLo, this.cHi));
      const at = this.clock.now() + wait;
      if (at < NEVER) this.cancel[t] = this.clock.schedule(at, () => { this.cancel[t] = undefined; this.recalc(t); });
    }
  }

  describe(): DeviceVariable {
    const now = this.clock.now();
    const rows: DeviceVariable[] = [
      { name: 'CNTPCT', value: String(now) },
      { name: 'CNTVOFF', value: toBig(this.cpu.sys.cntvoffLo, this.cpu.sys.cntvoffHi).toString() },
      { name: 'CNTFRQ', value: `${this.cpu.sys.cntfrq} Hz` },
      { name: 'CNTKCTL', value: hex32(this.cpu.sys.cntkctl) },
      { name: 'CNTHCTL', value: hex32(this.cpu.sys.cnthctl) },
    ];
    for (let t = 0; t < 3; t++) {
      const ctl = this.readCtl(this.cpu, t);
      const tval = this.readTval(this.cpu, t) | 0;
      rows.push({
        name: TIMER_NAMES[t],
        value: `${ctl & 1 ? 'enabled' : 'disabled'}${ctl & 2 ? ' masked' : ''}${ctl & 4 ? ' ISTATUS' : ''}` +
          `, INTID ${TIMER_INTID[t]} ${this.output[t] ? 'asserted' : 'low'}`,
        children: [
          { name: 'CTL', value: hex32(ctl) },
          { name: 'CVAL', value: toBig(this.cpu.sys.cvalLo[t], this.cpu.sys.cvalHi[t]).toString() },
          { name: 'TVAL', value: String(tval) },
        ],
      });
    }
    return { name: 'Generic timer', value: `count ${now}`, children: rows };
  }
}
