// Shared A32 operand helpers: shifts with carry (A8.4.3 Shift_C), modified immediates
// (A5.2.4 ARMExpandImm_C) and the operand text GNU objdump prints for them.

import type { Cpu } from '../../cpu/cpu';

export const COND_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', '', ''];

/** Condition suffix as objdump prints it ('' for AL and for the unconditional space). */
export function condStr(insn: number): string {
  return COND_NAMES[insn >>> 28];
}

const REG_NAMES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'sl', 'fp', 'ip', 'sp', 'lr', 'pc'];

/** Register name in objdump's default (APCS-GNU) style: sl, fp, ip, sp, lr, pc. */
export function reg(n: number): string {
  return REG_NAMES[n & 15];
}

/** Register list "{r0, r4, lr}" for LDM/STM/PUSH/POP. */
export function regList(mask: number): string {
  const out: string[] = [];
  for (let i = 0; i < 16; i++) if (mask & (1 << i)) out.push(reg(i));
  return `{${out.join(', ')}}`;
}

export function hex(v: number): string {
  return `0x${(v >>> 0).toString(16)}`;
}

/** Immediate as objdump prints data-processing immediates: decimal, with the hex in a comment when large. */
export function immDec(v: number): string {
  return `#${v >>> 0}`;
}

export const enum ShiftType { LSL = 0, LSR = 1, ASR = 2, ROR = 3 }
const SHIFT_NAMES = ['lsl', 'lsr', 'asr', 'ror'];

/** Carry-out of the last shifter operation (A8.4.3); handlers read it right after calling. */
export let shiftCarry = 0;

/** Shift_C(value, type, amount, carry_in) for an immediate-shift operand (DecodeImmShift applied). */
export function shiftImm(value: number, type: number, imm5: number, carryIn: number): number {
  switch (type) {
    case ShiftType.LSL:
      if (imm5 === 0) { shiftCarry = carryIn; return value >>> 0; }
      shiftCarry = (value >>> (32 - imm5)) & 1;
      return (value << imm5) >>> 0;
    case ShiftType.LSR:
      if (imm5 === 0) { shiftCarry = value >>> 31; return 0; }
      shiftCarry = (value >>> (imm5 - 1)) & 1;
      return value >>> imm5;
    case ShiftType.ASR:
      if (imm5 === 0) { shiftCarry = value >>> 31; return (value >> 31) >>> 0; }
      shiftCarry = (value >>> (imm5 - 1)) & 1;
      return (value >> imm5) >>> 0;
    default:
      if (imm5 === 0) { // RRX
        shiftCarry = value & 1;
        return ((carryIn << 31) | (value >>> 1)) >>> 0;
      }
      shiftCarry = (value >>> (imm5 - 1)) & 1;
      return ((value >>> imm5) | (value << (32 - imm5))) >>> 0;
  }
}

/** Shift_C for a register-specified amount (bottom byte of Rs), A8.4.3. */
export function shiftReg(value: number, type: number, amount: number, carryIn: number): number {
  if (amount === 0) { shiftCarry = carryIn; return value >>> 0; }
  switch (type) {
    case ShiftType.LSL:
      if (amount < 32) { shiftCarry = (value >>> (32 - amount)) & 1; return (value << amount) >>> 0; }
      shiftCarry = amount === 32 ? value & 1 : 0;
      return 0;
    case ShiftType.LSR:
      if (amount < 32) { shiftCarry = (value >>> (amount - 1)) & 1; return value >>> amount; }
      shiftCarry = amount === 32 ? value >>> 31 : 0;
      return 0;
    case ShiftType.ASR:
      if (amount < 32) { shiftCarry = (value >>> (amount - 1)) & 1; return (value >> amount) >>> 0; }
      shiftCarry = value >>> 31;
      return (value >> 31) >>> 0;
    default: {
      const a = amount & 31;
      if (a === 0) { shiftCarry = value >>> 31; return value >>> 0; }
      shiftCarry = (value >>> (a - 1)) & 1;
      return ((value >>> a) | (value << (32 - a))) >>> 0;
    }
  }
}

/** ARMExpandImm_C (A5.2.4): 8-bit value rotated right by twice the 4-bit rotation. */
export function expandImm(imm12: number, carryIn: number): number {
  const rot = (imm12 >>> 8) * 2;
  const v = imm12 & 0xff;
  if (rot === 0) { shiftCarry = carryIn; return v; }
  const res = ((v >>> rot) | (v << (32 - rot))) >>> 0;
  shiftCarry = res >>> 31;
  return res;
}

/** Operand text for an immediate shift, e.g. ", lsl #2", ", rrx", or '' for LSL #0. */
export function shiftImmText(type: number, imm5: number): string {
  if (type === ShiftType.LSL && imm5 === 0) return '';
  if (type === ShiftType.ROR && imm5 === 0) return ', rrx';
  const amount = imm5 === 0 ? 32 : imm5;
  return `, ${SHIFT_NAMES[type]} #${amount}`;
}

export function shiftRegText(type: number, rs: number): string {
  return `, ${SHIFT_NAMES[type]} ${reg(rs)}`;
}

/** Read a register as an operand: PC reads as the instruction address + 8 (already in r[15]). */
export function rd(cpu: Cpu, n: number): number {
  return cpu.r[n];
}
