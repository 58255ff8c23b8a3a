// Shared plumbing of the FP/SIMD instruction handlers: register operands as bit patterns, FPSCR
// flag accumulation, the short-vector (Len/Stride) rule and objdump register names. A7.1-A7.3.

import type { Cpu } from '../cpu/cpu';
import type { FpRegs } from './regs';
import { takeFpExc } from './softfloat';
import { takeUndefined } from '../cpu/exceptions';

/** S or D register (by flat index) as a bit pattern. */
export function readF(f: FpRegs, dp: boolean, i: number): bigint {
  if (!dp) return BigInt(f.w[i]);
  return (BigInt(f.w[i * 2 + 1]) << 32n) | BigInt(f.w[i * 2]);
}

export function writeF(f: FpRegs, dp: boolean, i: number, v: bigint): void {
  if (!dp) { f.w[i] = Number(v & 0xffffffffn); return; }
  f.w[i * 2] = Number(v & 0xffffffffn);
  f.w[i * 2 + 1] = Number((v >> 32n) & 0xffffffffn);
}

/** Merge the exception bits raised by the last operations into FPSCR's cumulative flags. */
export function commitFpExc(cpu: Cpu): void {
  const x = takeFpExc();
  if (x !== 0) cpu.sys.fpscr = (cpu.sys.fpscr | x) >>> 0;
}

/**
 * VFPv4 on the A15 has no short vectors (MVFR0.FPShVec = 0): VFP data-processing instructions that
 * would iterate under FPSCR.Len/Stride are UNDEFINED when either is nonzero. QEMU 7.2 makes this
 * check before the access checks (translate-vfp.c), so the caller runs it first. A7.5 note, A2.7.3.
 */
export function shortVectorUndef(cpu: Cpu): boolean {
  if ((cpu.sys.fpscr & 0x00370000) === 0) return false;
  takeUndefined(cpu);
  return true;
}

/** Register index from a 4-bit field and its extra bit: S = Vx:X, D = X:Vx (A7.3). */
export function sIdx(v4: number, x: number): number { return (v4 << 1) | x; }
export function dIdx(v4: number, x: number): number { return (x << 4) | v4; }

/** D:Vd (bits 22, 15:12), N:Vn (7, 19:16), M:Vm (5, 3:0) for a precision. */
export function vd(insn: number, dp: boolean): number {
  const v = (insn >>> 12) & 15;
  const x = (insn >>> 22) & 1;
  return dp ? dIdx(v, x) : sIdx(v, x);
}
export function vn(insn: number, dp: boolean): number {
  const v = (insn >>> 16) & 15;
  const x = (insn >>> 7) & 1;
  return dp ? dIdx(v, x) : sIdx(v, x);
}
export function vm(insn: number, dp: boolean): number {
  const v = insn & 15;
  const x = (insn >>> 5) & 1;
  return dp ? dIdx(v, x) : sIdx(v, x);
}

export function fname(dp: boolean, i: number): string { return `${dp ? 'd' : 's'}${i}`; }
