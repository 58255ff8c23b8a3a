// Register names the debugger understands, of the current mode and of every bank, with read and
// write access that never switches mode. B1.3.2 (banked registers, Table B1-2), B1.3.3 (PSRs).

import type { Cpu } from '../cpu/cpu';
import { Bank, Mode, modeInfo, modeName } from '../cpu/psr';

export interface RegRef {
  readonly name: string;
  get(cpu: Cpu): number;
  set(cpu: Cpu, v: number): void;
}

const CORE_ALIASES: Record<string, number> = { sb: 9, sl: 10, fp: 11, ip: 12, sp: 13, lr: 14, pc: 15 };

/** Banked register groups per mode (Table B1-2); Monitor is absent (no Security Extensions). */
export const BANK_GROUPS: readonly { mode: Mode; title: string; regs: readonly string[] }[] = [
  { mode: Mode.USR, title: 'User/System', regs: ['SP_usr', 'LR_usr', 'R8_usr', 'R9_usr', 'R10_usr', 'R11_usr', 'R12_usr'] },
  { mode: Mode.FIQ, title: 'FIQ', regs: ['R8_fiq', 'R9_fiq', 'R10_fiq', 'R11_fiq', 'R12_fiq', 'SP_fiq', 'LR_fiq', 'SPSR_fiq'] },
  { mode: Mode.IRQ, title: 'IRQ', regs: ['SP_irq', 'LR_irq', 'SPSR_irq'] },
  { mode: Mode.SVC, title: 'Supervisor', regs: ['SP_svc', 'LR_svc', 'SPSR_svc'] },
  { mode: Mode.ABT, title: 'Abort', regs: ['SP_abt', 'LR_abt', 'SPSR_abt'] },
  { mode: Mode.UND, title: 'Undefined', regs: ['SP_und', 'LR_und', 'SPSR_und'] },
  { mode: Mode.HYP, title: 'Hyp', regs: ['SP_hyp', 'SPSR_hyp', 'ELR_hyp'] },
];

const MODE_BY_SUFFIX: Record<string, Mode> = {
  usr: Mode.USR, sys: Mode.SYS, fiq: Mode.FIQ, irq: Mode.IRQ, svc: Mode.SVC, abt: Mode.ABT, und: Mode.UND, hyp: Mode.HYP, mon: Mode.MON,
};

function bankOf(m: Mode): Bank {
  return modeInfo(m)!.bank;
}

/** Resolve a register name (case-insensitive): r0-r15, sp/lr/pc/fp/ip, cpsr, spsr, X_mode, elr_hyp. */
export function resolveRegister(name: string): RegRef | undefined {
  const n = name.toLowerCase();
  if (n === 'pc' || n === 'r15') {
    return { name: 'PC', get: (c) => c.pc >>> 0, set: (c, v) => { c.pc = v >>> 0; c.nextPc = v >>> 0; } };
  }
  if (n === 'cpsr') return { name: 'CPSR', get: (c) => c.getCPSR(), set: (c, v) => setCpsrChecked(c, v) };
  if (n === 'spsr') {
    return {
      name: 'SPSR',
      get: (c) => { if (!c.hasSpsr()) throw new Error(`${modeName(c.mode)} mode has no SPSR`); return c.spsr >>> 0; },
      set: (c, v) => { if (!c.hasSpsr()) throw new Error(`${modeName(c.mode)} mode has no SPSR`); c.spsr = v; },
    };
  }
  if (n === 'elr_hyp' || n === 'elr') return { name: 'ELR_hyp', get: (c) => c.elrHyp >>> 0, set: (c, v) => { c.elrHyp = v >>> 0; } };
  let m = /^r(\d{1,2})$/.exec(n);
  let idx = m ? Number(m[1]) : CORE_ALIASES[n];
  if (idx !== undefined && idx >= 0 && idx < 15) {
    const i = idx;
    return { name: i === 13 ? 'SP' : i === 14 ? 'LR' : `R${i}`, get: (c) => c.r[i] >>> 0, set: (c, v) => { c.r[i] = v >>> 0; } };
  }
  m = /^(r\d{1,2}|sp|lr|spsr|sb|sl|fp|ip)_(usr|sys|fiq|irq|svc|abt|und|hyp|mon)$/.exec(n);
  if (!m) return undefined;
  const mode = MODE_BY_SUFFIX[m[2]];
  const title = `${m[1].toUpperCase()}_${m[2]}`;
  if (m[1] === 'spsr') {
    if (mode === Mode.USR || mode === Mode.SYS) return undefined;
    const b = bankOf(mode);
    return { name: title, get: (c) => (c.bank === b ? c.spsr : c.spsrBank[b]) >>> 0, set: (c, v) => { c.spsrBank[b] = v >>> 0; } };
  }
  idx = /^r\d/.test(m[1]) ? Number(m[1].slice(1)) : CORE_ALIASES[m[1]];
  if (idx === undefined || idx > 14) return undefined;
  if (idx === 14 && mode === Mode.HYP) return undefined; // Hyp has no banked LR (it uses LR_usr)
  const i = idx;
  return { name: title, get: (c) => c.readBanked(i, mode) >>> 0, set: (c, v) => c.writeBanked(i, mode, v >>> 0) };
}

/** CPSR writes from the debugger: refuse reserved modes (the CPU would be in an undefined state). */
function setCpsrChecked(c: Cpu, v: number): void {
  if (!modeInfo(v & 0x1f)) throw new Error(`M[4:0] = 0x${(v & 0x1f).toString(16)} is not a valid mode`);
  c.setCPSR(v >>> 0);
}

/** PSR fields the debugger decodes (B1.3.3). */
export const PSR_FIELDS: readonly { name: string; lsb: number; width: number; description: string }[] = [
  { name: 'N', lsb: 31, width: 1, description: 'negative' },
  { name: 'Z', lsb: 30, width: 1, description: 'zero' },
  { name: 'C', lsb: 29, width: 1, description: 'carry' },
  { name: 'V', lsb: 28, width: 1, description: 'overflow' },
  { name: 'Q', lsb: 27, width: 1, description: 'cumulative saturation' },
  { name: 'J', lsb: 24, width: 1, description: 'Jazelle state' },
  { name: 'GE', lsb: 16, width: 4, description: 'SIMD greater than or equal flags' },
  { name: 'E', lsb: 9, width: 1, description: 'big-endian data' },
  { name: 'A', lsb: 8, width: 1, description: 'asynchronous abort masked' },
  { name: 'I', lsb: 7, width: 1, description: 'IRQ masked' },
  { name: 'F', lsb: 6, width: 1, description: 'FIQ masked' },
  { name: 'T', lsb: 5, width: 1, description: 'Thumb state' },
  { name: 'M', lsb: 0, width: 5, description: 'mode' },
];

/** IT[7:0] from a PSR (IT[1:0] = PSR[26:25], IT[7:2] = PSR[15:10]). */
export function psrIt(v: number): number {
  return (((v >>> 8) & 0xfc) | ((v >>> 25) & 3)) & 0xff;
}

/** Mode text of a PSR value, e.g. "svc (0x13)". */
export function psrModeText(v: number): string {
  const m = v & 0x1f;
  return `${modeInfo(m) ? modeName(m) : 'reserved'} (0x${m.toString(16)})`;
}

/** "nZCv q I F A svc" style summary of a PSR. */
export function psrSummary(v: number): string {
  const f = (bit: number, ch: string): string => ((v >>> bit) & 1 ? ch.toUpperCase() : ch.toLowerCase());
  const masks = `${(v >>> 8) & 1 ? 'A' : ''}${(v >>> 7) & 1 ? 'I' : ''}${(v >>> 6) & 1 ? 'F' : ''}`;
  return `${f(31, 'n')}${f(30, 'z')}${f(29, 'c')}${f(28, 'v')}${f(27, 'q')} ${masks ? masks + ' ' : ''}${(v >>> 5) & 1 ? 'Thumb ' : ''}${modeInfo(v & 0x1f) ? modeName(v & 0x1f) : 'reserved'}`;
}
