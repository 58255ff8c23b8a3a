// The sixteen data-processing operations (AND..MVN) as pure kernels, AddWithCarry and ALU exception return.
// ARM ARM A5.2.1-A5.2.3 (opcode table), A2.2.1 AddWithCarry, B9.3.20 "SUBS PC, LR and related instructions".

import type { Cpu } from '../../cpu/cpu';
import { Mode } from '../../cpu/psr';
import { exceptionReturn, takeUndefined } from '../../cpu/exceptions';

/** Carry and overflow of the last addWithCarry; read right after calling (no allocation per insn). */
export let addC = 0;
export let addV = 0;

/** AddWithCarry(x, y, carry_in) (A2.2.1) on unsigned 32-bit inputs; sets addC/addV. */
export function addWithCarry(x: number, y: number, carryIn: number): number {
  const sum = x + y + carryIn; // < 2^33: exact in a double
  const res = sum >>> 0;
  addC = sum > 0xffffffff ? 1 : 0;
  // Signed overflow: both inputs have the same sign and the result's sign differs.
  addV = ((x ^ res) & (y ^ res)) >>> 31;
  return res;
}

/** What an opcode does with its result and which flags it produces (A5.2.1 opcode table). */
export interface AluOp {
  /** Mnemonic as objdump prints it. */
  readonly mnem: string;
  /** Opcode field, bits 24:21. */
  readonly opc: number;
  /** Arithmetic (C, V from AddWithCarry) or logical (C from the shifter, V unchanged). */
  readonly arith: boolean;
  /** TST/TEQ/CMP/CMN: flags only, no Rd, S always 1. */
  readonly compare: boolean;
  /** MOV/MVN: no Rn operand. */
  readonly unary: boolean;
  /** The operation: a = R[n], b = shifted operand, c = APSR.C before the instruction. */
  readonly fn: (a: number, b: number, c: number) => number;
}

const op = (mnem: string, opc: number, arith: boolean, fn: AluOp['fn'], compare = false, unary = false): AluOp =>
  ({ mnem, opc, arith, compare, unary, fn });

/** In opcode order (A5.2.1 Table A5-3). SUB-type operations are AddWithCarry with NOT of one input. */
export const ALU_OPS: readonly AluOp[] = [
  op('and', 0, false, (a, b) => (a & b) >>> 0),
  op('eor', 1, false, (a, b) => (a ^ b) >>> 0),
  op('sub', 2, true, (a, b) => addWithCarry(a, ~b >>> 0, 1)),
  op('rsb', 3, true, (a, b) => addWithCarry(~a >>> 0, b, 1)),
  op('add', 4, true, (a, b) => addWithCarry(a, b, 0)),
  op('adc', 5, true, (a, b, c) => addWithCarry(a, b, c)),
  op('sbc', 6, true, (a, b, c) => addWithCarry(a, ~b >>> 0, c)),
  op('rsc', 7, true, (a, b, c) => addWithCarry(~a >>> 0, b, c)),
  op('tst', 8, false, (a, b) => (a & b) >>> 0, true),
  op('teq', 9, false, (a, b) => (a ^ b) >>> 0, true),
  op('cmp', 10, true, (a, b) => addWithCarry(a, ~b >>> 0, 1), true),
  op('cmn', 11, true, (a, b) => addWithCarry(a, b, 0), true),
  op('orr', 12, false, (a, b) => (a | b) >>> 0),
  op('mov', 13, false, (_a, b) => b, false, true),
  op('bic', 14, false, (a, b) => (a & ~b) >>> 0),
  op('mvn', 15, false, (_a, b) => ~b >>> 0, false, true),
];

/**
 * Write an ALU result and, with S, the flags. `shC` is the shifter carry-out (logical ops).
 * Rd == PC: S=0 is ALUWritePC (interworking in ARM state, A2.3.1); S=1 is an exception return.
 */
export function aluWrite(cpu: Cpu, o: AluOp, d: number, s: number, res: number, shC: number): void {
  if (d === 15) {
    if (s) aluExceptionReturn(cpu, res);
    else cpu.aluWritePC(res);
    return;
  }
  cpu.r[d] = res;
  if (s) aluFlags(cpu, o, res, shC);
}

/** NZCV update for an S-form or compare (A8.8 "if setflags then ..."). */
export function aluFlags(cpu: Cpu, o: AluOp, res: number, shC: number): void {
  cpu.n = res >>> 31;
  cpu.z = res === 0 ? 1 : 0;
  if (o.arith) {
    cpu.c = addC;
    cpu.v = addV;
  } else {
    cpu.c = shC;
  }
}

/**
 * <op>S PC, ... : CPSR <- SPSR, PC <- result (B9.3.20). UNDEFINED in Hyp mode (B9.3.20) and
 * UNPREDICTABLE in User/System mode. QEMU (translate.c, "See ALUExceptionReturn") UNDEFs in User
 * and Hyp, and in System mode restores from the SPSR slot it shares between usr and sys, which is
 * what cpu.spsr returns there; exceptionReturn then refuses illegal modes as QEMU's cpsr_write does.
 * QEMU applies this only to SUBS and MOVS (and the MOV-shift aliases); for ANDS PC etc. it writes
 * flags and branches. We follow the ARM ARM, which makes every <op>S PC an exception return.
 */
export function aluExceptionReturn(cpu: Cpu, result: number): void {
  if (cpu.mode === Mode.USR || cpu.mode === Mode.HYP) {
    takeUndefined(cpu);
    return;
  }
  exceptionReturn(cpu, result, cpu.spsr);
}

/** A result written to Rd where Rd == PC is UNPREDICTABLE: QEMU's store_reg branches (no interworking). */
export function writeRdOrBranch(cpu: Cpu, d: number, v: number): void {
  if (d === 15) cpu.branchTo(v >>> 0);
  else cpu.r[d] = v >>> 0;
}
