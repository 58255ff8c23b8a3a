// Shared pieces of the A32 load/store handlers: field extraction, base writeback and the
// addressing-mode text objdump prints (ARM ARM A5.3, A5.2.8 addressing modes; A8.5 memory accesses).

import type { Cpu } from '../../cpu/cpu';
import { condStr, reg, shiftImm, shiftImmText } from './common';

/** Field accessors for the load/store word layout `cccc xxxP UBWL nnnn tttt ...` (A5.3). */
export const fRn = (insn: number): number => (insn >>> 16) & 15;
export const fRt = (insn: number): number => (insn >>> 12) & 15;
export const fRm = (insn: number): number => insn & 15;
export const bitP = (insn: number): boolean => (insn & (1 << 24)) !== 0;
export const bitU = (insn: number): boolean => (insn & (1 << 23)) !== 0;
export const bitW = (insn: number): boolean => (insn & (1 << 21)) !== 0;
/** Base writeback happens for post-indexed (P = 0) or pre-indexed with W = 1 (A8.5). */
export const wback = (insn: number): boolean => !bitP(insn) || bitW(insn);
/** imm8 of the extra load/store forms: imm4H (bits 11:8) : imm4L (bits 3:0) (A8.8.80 LDRH etc.). */
export const imm8Split = (insn: number): number => ((insn >>> 4) & 0xf0) | (insn & 0xf);

/** Register offset of the word/byte forms: Rm shifted by an immediate (DecodeImmShift, A8.4.3). */
export function shiftedRm(cpu: Cpu, insn: number): number {
  return shiftImm(cpu.r[insn & 15], (insn >>> 5) & 3, (insn >>> 7) & 31, cpu.c);
}

/**
 * Write a base register back. Rn == 15 with writeback is UNPREDICTABLE; QEMU stores the value
 * into PC as a plain branch (store_reg masks bits [1:0] in ARM state), which BranchWritePC matches.
 */
export function writeBase(cpu: Cpu, n: number, v: number): void {
  if (n === 15) cpu.branchTo(v >>> 0);
  else cpu.r[n] = v >>> 0;
}

/** Mnemonic with condition, e.g. 'ldrb' + 'eq' -> 'ldrbeq' (objdump puts the condition last). */
export function mn(base: string, insn: number): string {
  return base + condStr(insn);
}

/** Signed immediate text: '#-0' is printed for U = 0 with a zero offset (objdump keeps the sign). */
function immText(u: boolean, imm: number): string {
  return `#${u ? '' : '-'}${imm}`;
}

/**
 * `[Rn, #+/-imm]{!}` or `[Rn], #+/-imm` as objdump prints immediate offsets: only an offset of +0
 * without writeback is elided ("[r1]", but "[r1, #0]!", "[r1], #0" and "[r1, #-0]").
 */
export function memImmText(n: number, imm: number, p: boolean, u: boolean, w: boolean): string {
  if (!p) return `[${reg(n)}], ${immText(u, imm)}`;
  const off = imm !== 0 || !u || w ? `, ${immText(u, imm)}` : '';
  return `[${reg(n)}${off}]${w ? '!' : ''}`;
}

/** `[Rn, +/-Rm{, shift}]{!}` or `[Rn], +/-Rm{, shift}`; `shift` is '' for the extra load/stores. */
export function memRegText(n: number, m: number, p: boolean, u: boolean, w: boolean, shift: string): string {
  const rm = `${u ? '' : '-'}${reg(m)}${shift}`;
  if (!p) return `[${reg(n)}], ${rm}`;
  return `[${reg(n)}, ${rm}]${w ? '!' : ''}`;
}

/** Shift text of the word/byte register forms (", lsl #2", ", rrx", ...). */
export function rmShiftText(insn: number): string {
  return shiftImmText((insn >>> 5) & 3, (insn >>> 7) & 31);
}

/** Population count of a 16-bit register list. */
export function bitCount16(list: number): number {
  let c = 0;
  for (let x = list & 0xffff; x !== 0; x &= x - 1) c++;
  return c;
}

/**
 * Unprivileged load (LDRT/LDRBT/LDRHT/LDRSBT/LDRSHT, A8.8.92 etc.): always post-indexed from Rn,
 * performed as a PL0 access; the register writes follow the access so an abort changes nothing.
 */
export function loadUnpriv(cpu: Cpu, insn: number, offset: number, size: 1 | 2 | 4, signed: boolean): void {
  const n = fRn(insn);
  const t = fRt(insn);
  const base = cpu.r[n];
  let data = cpu.readUser(base, size);
  if (signed) data = size === 1 ? (data << 24) >> 24 : (data << 16) >> 16;
  writeBase(cpu, n, bitU(insn) ? base + offset : base - offset);
  // Rt == 15 is UNPREDICTABLE; treat it as a load to PC like QEMU's store_reg_from_load.
  if (t === 15) cpu.loadWritePC(data >>> 0);
  else cpu.r[t] = data >>> 0;
}

/** Unprivileged store (STRT/STRBT/STRHT, A8.8.213 etc.). */
export function storeUnpriv(cpu: Cpu, insn: number, offset: number, size: 1 | 2 | 4): void {
  const n = fRn(insn);
  const base = cpu.r[n];
  const v = cpu.r[fRt(insn)];
  cpu.writeUser(base, size, size === 4 ? v : v & (size === 1 ? 0xff : 0xffff));
  writeBase(cpu, n, bitU(insn) ? base + offset : base - offset);
}
