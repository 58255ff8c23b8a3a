// The generic timer as the system-register table sees it: counter, per-timer CTL/CVAL/TVAL and the
// control registers (B8.2). The timer device replaces `timerHooks.regs`; the default below keeps
// the values in cpu.sys and counts 1 tick per retired instruction so guests work before it exists.

import type { Cpu } from '../cpu/cpu';

/** Which timer a CTL/CVAL/TVAL access addresses (B8.1.1): physical, virtual, Hyp physical. */
export const enum TimerId { Phys = 0, Virt = 1, Hyp = 2 }

export interface TimerRegs {
  /** CNTPCT (64-bit physical count). */
  readCounter(cpu: Cpu): number;
  readCtl(cpu: Cpu, t: TimerId): number;
  writeCtl(cpu: Cpu, t: TimerId, v: number): void;
  readCval(cpu: Cpu, t: TimerId): number;
  writeCval(cpu: Cpu, t: TimerId, v: number): void;
  readTval(cpu: Cpu, t: TimerId): number;
  writeTval(cpu: Cpu, t: TimerId, v: number): void;
  readCntkctl(cpu: Cpu): number;
  writeCntkctl(cpu: Cpu, v: number): void;
  readCnthctl(cpu: Cpu): number;
  writeCnthctl(cpu: Cpu, v: number): void;
  readCntvoff(cpu: Cpu): number;
  writeCntvoff(cpu: Cpu, v: number): void;
}

const TWO32 = 4294967296;

/** Count seen by a timer: the virtual timer counts CNTPCT - CNTVOFF (B8.1.2). */
function countFor(cpu: Cpu, t: TimerId): number {
  const c = defaultTimerRegs.readCounter(cpu);
  return t === TimerId.Virt ? c - cpu.sys.cntvoff : c;
}

function cval(cpu: Cpu, t: TimerId): number {
  return t === TimerId.Phys ? cpu.sys.cntpCval : t === TimerId.Virt ? cpu.sys.cntvCval : cpu.sys.cnthpCval;
}

function setCval(cpu: Cpu, t: TimerId, v: number): void {
  if (t === TimerId.Phys) cpu.sys.cntpCval = v;
  else if (t === TimerId.Virt) cpu.sys.cntvCval = v;
  else cpu.sys.cnthpCval = v;
}

/** Default behaviour over cpu.sys fields; counter = cpu.icount (1 tick per instruction). */
export const defaultTimerRegs: TimerRegs = {
  readCounter: (cpu) => cpu.icount,
  readCtl(cpu, t) {
    const ctl = t === TimerId.Phys ? cpu.sys.cntpCtl : t === TimerId.Virt ? cpu.sys.cntvCtl : cpu.sys.cnthpCtl;
    // ISTATUS (bit 2) is computed: count >= CVAL while enabled (B8.2, CNTP_CTL).
    const met = (ctl & 1) !== 0 && countFor(cpu, t) >= cval(cpu, t);
    return ((ctl & 3) | (met ? 4 : 0)) >>> 0;
  },
  writeCtl(cpu, t, v) {
    const x = v & 3;
    if (t === TimerId.Phys) cpu.sys.cntpCtl = x;
    else if (t === TimerId.Virt) cpu.sys.cntvCtl = x;
    else cpu.sys.cnthpCtl = x;
    cpu.attention = true;
  },
  readCval: (cpu, t) => cval(cpu, t),
  writeCval(cpu, t, v) { setCval(cpu, t, v); cpu.attention = true; },
  // TVAL is the signed 32-bit view of CVAL - count (B8.1.3).
  readTval: (cpu, t) => ((cval(cpu, t) - countFor(cpu, t)) % TWO32 + TWO32) % TWO32 >>> 0,
  writeTval(cpu, t, v) { setCval(cpu, t, countFor(cpu, t) + (v | 0)); cpu.attention = true; },
  readCntkctl: (cpu) => cpu.sys.cntkctl,
  writeCntkctl(cpu, v) { cpu.sys.cntkctl = v >>> 0; },
  readCnthctl: (cpu) => cpu.sys.cnthctl,
  writeCnthctl(cpu, v) { cpu.sys.cnthctl = v >>> 0; },
  readCntvoff: (cpu) => cpu.sys.cntvoff,
  writeCntvoff(cpu, v) { cpu.sys.cntvoff = v; },
};

/** The active implementation; the timer device installs its own. */
export const timerHooks: { regs: TimerRegs } = { regs: defaultTimerRegs };
