// T32 ALU kernels shared by the 16-bit and 32-bit data-processing handlers: the operation table
// with flag rules, and the Thumb PC-write rules. ARM ARM A6.3.1/A6.3.11 (opcodes), A2.3.1 (PC writes).

import type { Cpu } from '../../cpu/cpu';
import { addWithCarry, addC, addV } from '../a32/dp-alu';

/** T32 data-processing opcodes (A6.3.1 / A6.3.11, bits 24:21 of hw1:hw2). */
export const enum Op { AND = 0, BIC = 1, ORR = 2, ORN = 3, EOR = 4, ADD = 8, ADC = 10, SBC = 11, SUB = 13, RSB = 14 }

/** Carry and overflow of the last alu(); arithmetic ops only. */
export let aluC = 0;
export let aluV = 0;

/** One operation: a = Rn, b = expanded/shifted operand, c = APSR.C. Logical ops leave aluC/aluV. */
export function alu(op: number, a: number, b: number, c: number): number {
  switch (op) {
    case Op.AND: return (a & b) >>> 0;
    case Op.BIC: return (a & ~b) >>> 0;
    case Op.ORR: return (a | b) >>> 0;
    case Op.ORN: return (a | ~b) >>> 0;
    case Op.EOR: return (a ^ b) >>> 0;
    case Op.ADD: { const r = addWithCarry(a, b, 0); aluC = addC; aluV = addV; return r; }
    case Op.ADC: { const r = addWithCarry(a, b, c); aluC = addC; aluV = addV; return r; }
    case Op.SBC: { const r = addWithCarry(a, ~b >>> 0, c); aluC = addC; aluV = addV; return r; }
    case Op.SUB: { const r = addWithCarry(a, ~b >>> 0, 1); aluC = addC; aluV = addV; return r; }
    case Op.RSB: { const r = addWithCarry(~a >>> 0, b, 1); aluC = addC; aluV = addV; return r; }
    default: return 0;
  }
}

export const isArith = (op: number): boolean => op >= 8;

/** NZCV after an operation: arithmetic takes C/V from AddWithCarry, logical C from the shifter. */
export function setFlags(cpu: Cpu, op: number, res: number, shC: number): void {
  cpu.n = res >>> 31;
  cpu.z = res === 0 ? 1 : 0;
  if (isArith(op)) {
    cpu.c = aluC;
    cpu.v = aluV;
  } else {
    cpu.c = shC;
  }
}

/** Flag updates for arithmetic via addWithCarry directly (CMP/CMN/ADDS forms of the 16-bit set). */
export function addFlags(cpu: Cpu, res: number): void {
  cpu.n = res >>> 31;
  cpu.z = res === 0 ? 1 : 0;
  cpu.c = addC;
  cpu.v = addV;
}

/** Write a result register; in Thumb state PC writes from the ALU are BranchWritePC (A2.3.1). */
export function wr(cpu: Cpu, d: number, v: number): void {
  if (d === 15) cpu.branchTo(v >>> 0);
  else cpu.r[d] = v >>> 0;
}
