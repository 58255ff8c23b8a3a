// Shapes of the system-register table: encoding, access rules, bit fields and trap rules as data.
// B3.17 (CP15 register summary), B4.1 (register descriptions), B1.14 (Hyp trap controls).

import type { Cpu } from '../cpu/cpu';

export interface BitField {
  readonly name: string;
  readonly lsb: number;
  readonly width: number;
  readonly description: string;
}

/** HCR trap controls that guard CP15/CP14 registers (B4.1.65). */
export type HcrTrap = 'TVM' | 'TID0' | 'TID1' | 'TID2' | 'TID3' | 'TIDCP' | 'TAC' | 'TSW' | 'TPC' | 'TPU' | 'TTLB';
export type HdcrTrap = 'TPM' | 'TPMCR' | 'TDA' | 'TDOSA' | 'TDRA';

/**
 * One trap rule (B1.14.x). `on` limits it to reads or writes. `qemu: false` marks a rule the
 * architecture defines but QEMU 7.2's cortex-a15 does not implement (test/guests/ve-arch/ checks them
 * against the manual); traps.ts applies them unless trapPolicy.followQemu is set to mimic QEMU 7.2.
 */
export type TrapRule =
  | { readonly hcr: HcrTrap; readonly on?: 'read' | 'write'; readonly qemu?: false }
  | { readonly hcptr: 'TCPAC' | 'TTA'; readonly qemu?: false }
  | { readonly hdcr: HdcrTrap; readonly qemu?: false }
  | { readonly cnthctl: 'PL1PCTEN' | 'PL1PCEN'; readonly qemu?: false };

/** PL0 access: none, read, read/write, write, or a condition evaluated per access. */
export type Pl0Rule = 'none' | 'r' | 'rw' | 'w' | ((cpu: Cpu, write: boolean) => boolean);

export type RegKind = 'reg' | 'op';

export interface SysReg {
  readonly name: string;
  /** Other names the disassembler/debugger may show (e.g. MAIR0 for PRRR). */
  readonly aliases?: readonly string[];
  readonly cp: 14 | 15;
  readonly is64: boolean;
  readonly opc1: number;
  /** 0 for 64-bit registers. */
  readonly crn: number;
  readonly crm: number;
  /** 0 for 64-bit registers. */
  readonly opc2: number;
  readonly width: 32 | 64;
  /** 'op' = an operation (cache/TLB maintenance, address translation, barrier): write-only, no state. */
  readonly kind: RegKind;
  readonly access: 'rw' | 'r' | 'w';
  /** Lowest privilege allowed without PL0 rule: 1 = PL1 and Hyp, 2 = Hyp only (UNDEFINED below). */
  readonly minPl: 1 | 2;
  readonly pl0: Pl0Rule;
  /** Reset value (low word) and high word for 64-bit registers, as QEMU's cortex-a15 shows them. */
  readonly reset: number;
  readonly resetHi: number;
  readonly fields: readonly BitField[];
  readonly description: string;
  readonly traps: readonly TrapRule[];
  /** Reads the value (low word for 64-bit registers). */
  readonly read: (cpu: Cpu) => number;
  /** High word of a 64-bit register (called right after read). */
  readonly readHi: (cpu: Cpu) => number;
  /** Writes the value; hi is the high word for 64-bit registers. */
  readonly write: (cpu: Cpu, v: number, hi: number) => void;
}

/** Pack an encoding into one integer key: cp(4) is64(1) opc1(4) crn(4) crm(4) opc2(3). */
export function encKey(cp: number, is64: boolean, opc1: number, crn: number, crm: number, opc2: number): number {
  return (((cp & 15) << 16) | ((is64 ? 1 : 0) << 15) | ((opc1 & 15) << 11) | ((crn & 15) << 7) | ((crm & 15) << 3) | (opc2 & 7)) >>> 0;
}
