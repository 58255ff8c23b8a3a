// Shared T32 pieces: ITSTATE helpers, ThumbExpandImm_C, field accessors of the 32-bit layout and
// the IT-aware condition text objdump prints. ARM ARM A6.3.2 (modified immediates), A2.5.2 (ITSTATE).

import type { Cpu } from '../../cpu/cpu';
import type { DisasmEnv } from '../instr';
import { COND_NAMES, reg } from '../a32/common';

/**
 * A disassembly environment that knows the ITSTATE in force at the instruction (A2.5.2), so that
 * instructions inside an IT block print their condition as objdump does. Undefined = outside.
 */
export interface T32DisasmEnv extends DisasmEnv {
  readonly it?: number;
}

/** ITSTATE of the instruction being disassembled (0 outside an IT block). */
export function envIt(env: DisasmEnv): number {
  return (env as T32DisasmEnv).it ?? 0;
}

/** Condition suffix from the IT block ('' outside one); objdump's "%c". */
export function itc(env: DisasmEnv): string {
  const it = envIt(env);
  return (it & 0xf) !== 0 ? COND_NAMES[it >>> 4] : '';
}

/** objdump's "%C" for 16-bit flag-setting forms: 's' outside an IT block, the condition inside. */
export function itS(env: DisasmEnv): string {
  const it = envIt(env);
  return (it & 0xf) !== 0 ? COND_NAMES[it >>> 4] : 's';
}

/** ITSTATE after one instruction (A2.5.2 ITAdvance). */
export function itAdvance(it: number): number {
  return (it & 7) === 0 ? 0 : ((it & 0xe0) | ((it << 1) & 0x1f)) & 0xff;
}

/** InITBlock() while an instruction executes (the step function advances ITSTATE afterwards). */
export function inIt(cpu: Cpu): boolean {
  return (cpu.it & 0xf) !== 0;
}

/** Instruction-level control flags the step function reads after a handler ran. */
export const itCtl = {
  /** Set by handlers that wrote ITSTATE themselves (exception returns): do not advance it. */
  written: false,
};

/** Carry-out of the last thumbExpandImm (C unchanged when the encoding has no rotation). */
export let expandCarry = 0;

/** ThumbExpandImm_C(imm12, carry_in) (A6.3.2). */
export function thumbExpandImm(imm12: number, carryIn: number): number {
  const imm8 = imm12 & 0xff;
  if ((imm12 & 0xc00) === 0) {
    expandCarry = carryIn;
    switch ((imm12 >>> 8) & 3) {
      case 0: return imm8;
      case 1: return ((imm8 << 16) | imm8) >>> 0;
      case 2: return ((imm8 << 24) | (imm8 << 8)) >>> 0;
      default: return ((imm8 << 24) | (imm8 << 16) | (imm8 << 8) | imm8) >>> 0;
    }
  }
  const unrot = 0x80 | (imm12 & 0x7f);
  const rot = (imm12 >>> 7) & 31;
  const v = ((unrot >>> rot) | (unrot << (32 - rot))) >>> 0;
  expandCarry = v >>> 31;
  return v;
}

// Field accessors of the 32-bit layout hw1:hw2 (hw1 in bits 31:16).
export const RN = (w: number): number => (w >>> 16) & 15;
export const RT = (w: number): number => (w >>> 12) & 15;
export const RD = (w: number): number => (w >>> 8) & 15;
export const RM = (w: number): number => w & 15;
export const SBIT = (w: number): number => (w >>> 20) & 1;
/** i:imm3:imm8 of the data-processing immediate forms. */
export const IMM12 = (w: number): number => ((w >>> 15) & 0x800) | ((w >>> 4) & 0x700) | (w & 0xff);
/** imm3:imm2 shift amount of the shifted-register forms. */
export const IMM5 = (w: number): number => ((w >>> 10) & 0x1c) | ((w >>> 6) & 3);
export const STYPE = (w: number): number => (w >>> 4) & 3;

/** Modified immediate as objdump prints it (decimal; the hex comment is stripped by the caller). */
export function modImmText(w: number): string {
  return `#${thumbExpandImm(IMM12(w), 0)}`;
}

/** Register as objdump names it. */
export const R = reg;

/** Hex address text for branch targets: "1a <sym>" when a symbolizer knows the address. */
export function target(addr: number, env: DisasmEnv): string {
  const a = addr >>> 0;
  const s = env.symbol?.(a);
  return s ? `${a.toString(16)} <${s}>` : a.toString(16);
}

/** UNPREDICTABLE register use (A6 "if d IN {13,15} then UNPREDICTABLE"): BadReg(). */
export const bad = (r: number): boolean => r === 13 || r === 15;
