// Program status registers: processor modes and the CPSR/SPSR bit layout.
// ARM ARM (DDI 0406C) B1.3.1 "ARM processor modes" and B1.3.3 "Program Status Registers".

export const enum Mode {
  USR = 0x10,
  FIQ = 0x11,
  IRQ = 0x12,
  SVC = 0x13,
  MON = 0x16,
  ABT = 0x17,
  HYP = 0x1a,
  UND = 0x1b,
  SYS = 0x1f,
}

/** Bank index used for SP/LR/SPSR storage; USR and SYS share bank 0. */
export const enum Bank { USR = 0, FIQ = 1, IRQ = 2, SVC = 3, ABT = 4, UND = 5, MON = 6, HYP = 7 }
export const BANK_COUNT = 8;

export const PSR_N = 1 << 31;
export const PSR_Z = 1 << 30;
export const PSR_C = 1 << 29;
export const PSR_V = 1 << 28;
export const PSR_Q = 1 << 27;
export const PSR_J = 1 << 24;
export const PSR_E = 1 << 9;
export const PSR_A = 1 << 8;
export const PSR_I = 1 << 7;
export const PSR_F = 1 << 6;
export const PSR_T = 1 << 5;
export const PSR_M = 0x1f;
/** IT[7:2] at [15:10] and IT[1:0] at [26:25]. */
export const PSR_IT_MASK = 0x0600fc00;
export const PSR_GE_MASK = 0x000f0000;

export interface ModeInfo {
  readonly mode: Mode;
  readonly name: string;
  readonly bank: Bank;
  /** Privilege level: 0 (User), 1 (PL1 modes), 2 (Hyp). */
  readonly pl: 0 | 1 | 2;
}

/** One table of the valid modes (B1.3.1, Table B1-1); every consumer reads it. */
export const MODES: readonly ModeInfo[] = [
  { mode: Mode.USR, name: 'usr', bank: Bank.USR, pl: 0 },
  { mode: Mode.FIQ, name: 'fiq', bank: Bank.FIQ, pl: 1 },
  { mode: Mode.IRQ, name: 'irq', bank: Bank.IRQ, pl: 1 },
  { mode: Mode.SVC, name: 'svc', bank: Bank.SVC, pl: 1 },
  { mode: Mode.MON, name: 'mon', bank: Bank.MON, pl: 1 },
  { mode: Mode.ABT, name: 'abt', bank: Bank.ABT, pl: 1 },
  { mode: Mode.HYP, name: 'hyp', bank: Bank.HYP, pl: 2 },
  { mode: Mode.UND, name: 'und', bank: Bank.UND, pl: 1 },
  { mode: Mode.SYS, name: 'sys', bank: Bank.USR, pl: 1 },
];

const byMode: (ModeInfo | undefined)[] = new Array(32).fill(undefined);
for (const m of MODES) byMode[m.mode] = m;

/** Mode information, or undefined for a reserved encoding of M[4:0]. */
export function modeInfo(m: number): ModeInfo | undefined {
  return byMode[m & 0x1f];
}

export function modeName(m: number): string {
  return byMode[m & 0x1f]?.name ?? `mode 0x${(m & 0x1f).toString(16)}`;
}

/** ITSTATE from a PSR value (B1.3.3): IT[7:2] = PSR[15:10], IT[1:0] = PSR[26:25]. */
export function psrItState(psr: number): number {
  return (((psr >>> 8) & 0xfc) | ((psr >>> 25) & 3)) & 0xff;
}

export function itStateToPsrBits(it: number): number {
  return (((it & 0xfc) << 8) | ((it & 3) << 25)) >>> 0;
}
