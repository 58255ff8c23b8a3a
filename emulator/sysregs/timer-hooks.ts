// The generic timer as the system-register table sees it: counter, per-timer CTL/CVAL/TVAL and the
// control registers (B8.2). The timer device replaces `timerHooks.regs`; the default below keeps
// the values in cpu.sys and counts 1 tick per retired instruction so guests work before it exists.

import type { Cpu } from '../cpu/cpu';
import { geU64, hi32, lo32, subHi, subLo, addHi, addLo } from './u64';

/** Which timer a CTL/CVAL/TVAL access addresses (B8.1.1): physical, virtual, Hyp physical. */
export const enum TimerId { Phys = 0, Virt = 1, Hyp = 2 }

/**
 * 64-bit values (CVAL, CNTVOFF) travel as exact (lo, hi) 32-bit words: a JS number loses bits above
 * 2^53 (all-ones written to CNTVOFF read back as 0). Reads are split into a low-word and a high-word
 * call so no pair object is allocated per access; the table calls them back to back.
 */
export interface TimerRegs {
  /** CNTPCT as an exact non-negative integer (the deterministic counter never reaches 2^53). */
  readCounter(cpu: Cpu): number;
  readCtl(cpu: Cpu, t: TimerId): number;
  writeCtl(cpu: Cpu, t: TimerId, v: number): void;
  /** CVAL bits [31:0]. */
  readCval(cpu: Cpu, t: TimerId): number;
  /** CVAL bits [63:32]. */
  readCvalHi(cpu: Cpu, t: TimerId): number;
  writeCval(cpu: Cpu, t: TimerId, lo: number, hi: number): void;
  readTval(cpu: Cpu, t: TimerId): number;
  writeTval(cpu: Cpu, t: TimerId, v: number): void;
  readCntkctl(cpu: Cpu): number;
  writeCntkctl(cpu: Cpu, v: number): void;
  readCnthctl(cpu: Cpu): number;
  writeCnthctl(cpu: Cpu, v: number): void;
  /** CNTVOFF bits [31:0]. */
  readCntvoff(cpu: Cpu): number;
  /** CNTVOFF bits [63:32]. */
  readCntvoffHi(cpu: Cpu): number;
  writeCntvoff(cpu: Cpu, lo: number, hi: number): void;
}

/** CNTVCT = CNTPCT - CNTVOFF modulo 2^64 (B8.1.2), low word. */
export function virtualCountLo(regs: TimerRegs, cpu: Cpu): number {
  return subLo(lo32(regs.readCounter(cpu)), regs.readCntvoff(cpu));
}

/** CNTVCT high word. */
export function virtualCountHi(regs: TimerRegs, cpu: Cpu): number {
  const c = regs.readCounter(cpu);
  return subHi(lo32(c), hi32(c), regs.readCntvoff(cpu), regs.readCntvoffHi(cpu));
}

/** Count a timer compares against, low / high word: the virtual timer counts CNTVCT (B8.1.2). */
function countLo(cpu: Cpu, t: TimerId): number {
  const c = cpu.icount;
  return t === TimerId.Virt ? subLo(lo32(c), cpu.sys.cntvoffLo) : lo32(c);
}
function countHi(cpu: Cpu, t: TimerId): number {
  const c = cpu.icount;
  return t === TimerId.Virt ? subHi(lo32(c), hi32(c), cpu.sys.cntvoffLo, cpu.sys.cntvoffHi) : hi32(c);
}

function ctlField(cpu: Cpu, t: TimerId): number {
  return t === TimerId.Phys ? cpu.sys.cntpCtl : t === TimerId.Virt ? cpu.sys.cntvCtl : cpu.sys.cnthpCtl;
}

/** Default behaviour over cpu.sys fields; counter = cpu.icount (1 tick per instruction). */
export const defaultTimerRegs: TimerRegs = {
  readCounter: (cpu) => cpu.icount,
  readCtl(cpu, t) {
    const ctl = ctlField(cpu, t);
    // ISTATUS (bit 2): count >= CVAL as unsigned 64-bit values while enabled (B8.2, CNTP_CTL).
    const met = (ctl & 1) !== 0 && geU64(countLo(cpu, t), countHi(cpu, t), cpu.sys.cvalLo[t], cpu.sys.cvalHi[t]);
    return ((ctl & 3) | (met ? 4 : 0)) >>> 0;
  },
  writeCtl(cpu, t, v) {
    const x = v & 3;
    if (t === TimerId.Phys) cpu.sys.cntpCtl = x;
    else if (t === TimerId.Virt) cpu.sys.cntvCtl = x;
    else cpu.sys.cnthpCtl = x;
    cpu.attention = true;
  },
  readCval: (cpu, t) => cpu.sys.cvalLo[t],
  readCvalHi: (cpu, t) => cpu.sys.cvalHi[t],
  writeCval(cpu, t, lo, hi) { cpu.sys.cvalLo[t] = lo; cpu.sys.cvalHi[t] = hi; cpu.attention = true; },
  // TVAL is the low 32 bits of CVAL - count, read as signed by software (B8.1.3).
  readTval: (cpu, t) => subLo(cpu.sys.cvalLo[t], countLo(cpu, t)),
  // Writing TVAL sets CVAL = count + SignExtend(TVAL) modulo 2^64 (B8.1.3).
  writeTval(cpu, t, v) {
    const cl = countLo(cpu, t);
    const ch = countHi(cpu, t);
    const ext = (v | 0) < 0 ? 0xffffffff : 0;
    cpu.sys.cvalLo[t] = addLo(cl, v);
    cpu.sys.cvalHi[t] = addHi(cl, ch, v, ext);
    cpu.attention = true;
  },
  readCntkctl: (cpu) => cpu.sys.cntkctl,
  writeCntkctl(cpu, v) { cpu.sys.cntkctl = v >>> 0; },
  readCnthctl: (cpu) => cpu.sys.cnthctl,
  writeCnthctl(cpu, v) { cpu.sys.cnthctl = v >>> 0; },
  readCntvoff: (cpu) => cpu.sys.cntvoffLo,
  readCntvoffHi: (cpu) => cpu.sys.cntvoffHi,
  writeCntvoff(cpu, lo, hi) { cpu.sys.cntvoffLo = lo >>> 0; cpu.sys.cntvoffHi = hi >>> 0; },
};

/** The active implementation; the timer device installs its own. */
export const timerHooks: { regs: TimerRegs } = { regs: defaultTimerRegs };
